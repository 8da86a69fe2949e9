import { In, type DataSource } from 'typeorm';
import type { StaffDirectory } from '../../domain/ports';
import { isRole, type Role } from '../../domain/roles';
import type { StaffMember } from '../../domain/staff';
import type { StaffRoleRow, StaffRow } from '../schema/directory';

/** The staff directory in SQL. Ids are kept lower-case: SQL Server may hand them back upper-case. */
export class SqlStaffDirectory implements StaffDirectory {
  constructor(private readonly dataSource: DataSource) {}

  async findByAadObjectId(aadObjectId: string): Promise<StaffMember | null> {
    const row = await this.staff().findOne({ where: { aadObjectId: aadObjectId.toLowerCase() } });
    return row ? (await this.withRoles([row]))[0] ?? null : null;
  }

  async findById(id: string): Promise<StaffMember | null> {
    const row = await this.staff().findOne({ where: { id: id.toLowerCase() } });
    return row ? (await this.withRoles([row]))[0] ?? null : null;
  }

  async findByIds(ids: readonly string[]): Promise<StaffMember[]> {
    if (ids.length === 0) return [];
    const rows = await this.staff().find({ where: { id: In(ids.map((i) => i.toLowerCase())) } });
    return this.withRoles(rows);
  }

  async findByTeamLeader(teamLeaderId: string): Promise<StaffMember[]> {
    const rows = await this.staff().find({ where: { teamLeaderId: teamLeaderId.toLowerCase() } });
    return this.withRoles(rows);
  }

  async count(): Promise<number> {
    return this.staff().count();
  }

  private staff() {
    return this.dataSource.getRepository<StaffRow>('Staff');
  }

  private async withRoles(rows: StaffRow[]): Promise<StaffMember[]> {
    if (rows.length === 0) return [];
    const roleRows = await this.dataSource
      .getRepository<StaffRoleRow>('StaffRole')
      .find({ where: { staffId: In(rows.map((r) => r.id)) } });
    const rolesOf = new Map<string, Role[]>();
    for (const { staffId, role } of roleRows) {
      if (!isRole(role)) continue;
      rolesOf.set(staffId, [...(rolesOf.get(staffId) ?? []), role]);
    }
    return rows.map((row) => toStaffMember(row, rolesOf.get(row.id) ?? []));
  }
}

function toStaffMember(row: StaffRow, roles: Role[]): StaffMember {
  return {
    id: row.id.toLowerCase(),
    aadObjectId: row.aadObjectId.toLowerCase(),
    name: row.name,
    email: row.email,
    roles,
    jobcentreId: row.jobcentreId?.toLowerCase() ?? null,
    deaId: row.deaId?.toLowerCase() ?? null,
    teamLeaderId: row.teamLeaderId?.toLowerCase() ?? null,
  };
}
