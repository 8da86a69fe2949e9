import type { DataSource } from 'typeorm';
import type { ReportPeople } from '../../domain/reports/report-service';
import type { Role } from '../../domain/roles';
import { byName } from '../../domain/names';

/** The directory facts the reports need: a person's district, a team leader's DEAs, who gets reports. */
export class SqlReportPeople implements ReportPeople {
  constructor(private readonly dataSource: DataSource) {}

  async districtOf(jobcentreId: string | null): Promise<string | null> {
    if (!jobcentreId) return null;
    const row = await this.dataSource.createQueryBuilder().select('j.district', 'district').from('Jobcentre', 'j').where('j.id = :id', { id: jobcentreId.toLowerCase() }).getRawOne<{ district: string }>();
    return row?.district ?? null;
  }

  async deasLedBy(teamLeaderId: string): Promise<{ id: string; name: string }[]> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .select('s.id', 'id')
      .addSelect('s.name', 'name')
      .from('Staff', 's')
      .innerJoin('StaffRole', 'r', "r.staffId = s.id AND r.role = 'dea'")
      .where('s.teamLeaderId = :tl', { tl: teamLeaderId.toLowerCase() })
      .getRawMany<{ id: string; name: string }>();
    return rows.map((r) => ({ id: r.id.toLowerCase(), name: r.name })).sort(byName);
  }

  /** Staff ids of everyone who holds one of these roles. */
  async holdersOf(roles: readonly Role[]): Promise<string[]> {
    const rows = await this.dataSource.createQueryBuilder().select('DISTINCT r.staffId', 'id').from('StaffRole', 'r').where('r.role IN (:...roles)', { roles: [...roles] }).getRawMany<{ id: string }>();
    return rows.map((r) => r.id.toLowerCase());
  }
}
