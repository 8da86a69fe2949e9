import { EntitySchema } from 'typeorm';
import { dialectTypes, manyToOne, type SqlDialect } from './dialect';
import { EMAIL } from './case-folded';

export interface JobcentreRow {
  id: string;
  name: string;
  cluster: string;
  district: string;
  bankHolidayRegion: string;
}

export interface StaffRow {
  id: string;
  aadObjectId: string;
  name: string;
  email: string;
  jobcentreId: string | null;
  deaId: string | null;
  teamLeaderId: string | null;
  /** JSON: weekday → "HH:MM-HH:MM", when not the default. */
  workingHours: string | null;
  createdAt: Date;
  updatedAt: Date;
  jobcentre?: JobcentreRow;
  dea?: StaffRow;
  teamLeader?: StaffRow;
}

export interface StaffRoleRow {
  staffId: string;
  role: string;
  staff?: StaffRow;
}

export function jobcentreSchema(_dialect: SqlDialect): EntitySchema<JobcentreRow> {
  return new EntitySchema<JobcentreRow>({
    name: 'Jobcentre',
    tableName: 'jobcentre',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      name: { type: 'nvarchar', length: 100 },
      cluster: { type: 'nvarchar', length: 100 },
      district: { type: 'nvarchar', length: 100 },
      bankHolidayRegion: { type: 'varchar', length: 32 },
    },
    uniques: [{ name: 'UQ_jobcentre_name', columns: ['name'] }],
  });
}

export function staffSchema(dialect: SqlDialect): EntitySchema<StaffRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<StaffRow>({
    name: 'Staff',
    tableName: 'staff',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      aadObjectId: { type: 'varchar', length: 36 },
      name: { type: 'nvarchar', length: 200 },
      email: { type: 'nvarchar', length: 320, transformer: EMAIL },
      jobcentreId: { type: 'varchar', length: 36, nullable: true },
      deaId: { type: 'varchar', length: 36, nullable: true },
      teamLeaderId: { type: 'varchar', length: 36, nullable: true },
      createdAt: { ...t.timestamp },
      updatedAt: { ...t.timestamp },
      workingHours: { type: 'varchar', length: 400, nullable: true },
    },
    uniques: [{ name: 'UQ_staff_aad_object_id', columns: ['aadObjectId'] }],
    indices: [
      { name: 'IDX_staff_dea', columns: ['deaId'] },
      { name: 'IDX_staff_team_leader', columns: ['teamLeaderId'] },
    ],
    relations: {
      jobcentre: manyToOne('Jobcentre', 'jobcentreId', 'FK_staff_jobcentre'),
      dea: manyToOne('Staff', 'deaId', 'FK_staff_dea'),
      teamLeader: manyToOne('Staff', 'teamLeaderId', 'FK_staff_team_leader'),
    },
  });
}

export function staffRoleSchema(_dialect: SqlDialect): EntitySchema<StaffRoleRow> {
  return new EntitySchema<StaffRoleRow>({
    name: 'StaffRole',
    tableName: 'staff_role',
    columns: {
      staffId: { type: 'varchar', length: 36, primary: true },
      role: { type: 'varchar', length: 40, primary: true },
    },
    indices: [{ name: 'IDX_staff_role_role', columns: ['role'] }],
    relations: {
      staff: { ...manyToOne('Staff', 'staffId', 'FK_staff_role_staff'), onDelete: 'CASCADE' },
    },
  });
}
