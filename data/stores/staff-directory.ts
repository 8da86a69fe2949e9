import { In, type DataSource } from 'typeorm';
import type { StaffDirectory } from '../../domain/ports';
import { isRole, type Role } from '../../domain/roles';
import type { StaffMember } from '../../domain/staff';
import type { StaffRoleRow, StaffRow } from '../schema/directory';

/** The staff directory in SQL. Ids are kept lower-case: SQL Server may hand them back upper-case. */
export class SqlStaffDirectory implements StaffDirectory {
  constructor(private readonly dataSource: DataSource) {}

  // Every turn looks its sender up: one statement, the roles joined in.
  async findByAadObjectId(aadObjectId: string): Promise<StaffMember | null> {
    return (await this.withRolesJoined('s.aadObjectId = :aad', { aad: aadObjectId.toLowerCase() }))[0] ?? null;
  }

  async findById(id: string): Promise<StaffMember | null> {
    return (await this.withRolesJoined('s.id = :id', { id: id.toLowerCase() }))[0] ?? null;
  }

  async findByIds(ids: readonly string[]): Promise<StaffMember[]> {
    if (ids.length === 0) return [];
    return this.withRolesJoined('s.id IN (:...ids)', { ids: [...new Set(ids.map((i) => i.toLowerCase()))] });
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

  private async withRolesJoined(where: string, parameters: Record<string, unknown>): Promise<StaffMember[]> {
    const { entities, raw } = await this.staff()
      .createQueryBuilder('s')
      .leftJoin('StaffRole', 'r', 'r.staffId = s.id')
      .addSelect('r.role', 'role')
      .where(where, parameters)
      .getRawAndEntities<{ s_id: string; role: string | null }>();
    const rolesOf = new Map<string, Role[]>();
    for (const { s_id: staffId, role } of raw) {
      if (role === null || !isRole(role)) continue;
      rolesOf.set(staffId, [...(rolesOf.get(staffId) ?? []), role]);
    }
    return entities.map((row) => toStaffMember(row, rolesOf.get(row.id) ?? []));
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
