import type { DataSource } from 'typeorm';
import type { RoleHolders } from '../../domain/follow-up-actions/ports';
import type { DistrictPeople } from '../../domain/work-psychologist/ports';
import type { StrategyPeople } from '../../domain/partnerships/strategy-meetings';
import type { StaffDirectory } from '../../domain/ports';
import type { Role } from '../../domain/roles';
import type { StaffMember } from '../../domain/staff';
import type { JobcentreRow, StaffRow } from '../schema/directory';
import { byName } from '../../domain/names';

/** People of the staff directory by role and office, for handing work to a named person, and a DEA's cohort (to invite). */
export class SqlRoleHolders implements RoleHolders, DistrictPeople, StrategyPeople {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: StaffDirectory,
  ) {}

  async holders(role: Role, jobcentreId: string): Promise<StaffMember[]> {
    const rows: { id: string }[] = await this.dataSource
      .createQueryBuilder()
      .select('s.id', 'id')
      .from('Staff', 's')
      .innerJoin('StaffRole', 'r', 'r.staffId = s.id')
      .where('r.role = :role AND s.jobcentreId = :jobcentreId', { role, jobcentreId: jobcentreId.toLowerCase() })
      .getRawMany();
    const people = await this.directory.findByIds(rows.map((r) => String(r.id)));
    return people.sort(byName);
  }

  async holdersInDistrictOf(role: Role, jobcentreId: string): Promise<StaffMember[]> {
    const rows: { id: string }[] = await this.dataSource
      .createQueryBuilder()
      .select('s.id', 'id')
      .from('Staff', 's')
      .innerJoin('StaffRole', 'r', 'r.staffId = s.id')
      .innerJoin('Jobcentre', 'j', 'j.id = s.jobcentreId')
      .innerJoin('Jobcentre', 'home', 'home.district = j.district')
      .where('r.role = :role AND home.id = :jobcentreId', { role, jobcentreId: jobcentreId.toLowerCase() })
      .getRawMany();
    const people = await this.directory.findByIds(rows.map((r) => String(r.id)));
    return people.sort(byName);
  }

  /** The work coaches whose DEA this is, by name. */
  async cohortOf(deaId: string): Promise<StaffMember[]> {
    const rows = await this.dataSource.getRepository<StaffRow>('Staff').find({ where: { deaId: deaId.toLowerCase() }, select: { id: true } });
    const people = await this.directory.findByIds(rows.map((r) => r.id));
    return people.filter((p) => p.roles.includes('work_coach')).sort(byName);
  }

  async jobcentreName(jobcentreId: string): Promise<string | null> {
    const row = await this.dataSource.getRepository<JobcentreRow>('Jobcentre').findOne({ where: { id: jobcentreId.toLowerCase() } });
    return row?.name ?? null;
  }
}
