import { In, type DataSource } from 'typeorm';
import { inChunks } from '../chunks';
import { hydrate, PreparedStatement } from '../prepared';
import type { StaffDirectory } from '../../domain/ports';
import { isRole, type Role } from '../../domain/roles';
import type { StaffMember } from '../../domain/staff';
import type { StaffRoleRow, StaffRow } from '../schema/directory';

/** The staff directory in SQL. Ids are kept lower-case: SQL Server may hand them back upper-case. */
export class SqlStaffDirectory implements StaffDirectory {
  private readonly byAad: PreparedStatement;
  private readonly byId: PreparedStatement;
  private readonly byIds: PreparedStatement;

  constructor(private readonly dataSource: DataSource) {
    this.byAad = this.withRolesJoined('s.aadObjectId = :aad');
    this.byId = this.withRolesJoined('s.id = :id');
    this.byIds = this.withRolesJoined('s.id IN (:...ids)');
  }

  // Every turn looks its sender up: one statement, the roles joined in.
  async findByAadObjectId(aadObjectId: string): Promise<StaffMember | null> {
    return this.members(await this.byAad.run({ aad: aadObjectId.toLowerCase() }))[0] ?? null;
  }

  async findById(id: string): Promise<StaffMember | null> {
    return this.members(await this.byId.run({ id: id.toLowerCase() }))[0] ?? null;
  }

  async findByIds(ids: readonly string[]): Promise<StaffMember[]> {
    if (ids.length === 0) return [];
    return this.members(await inChunks([...new Set(ids.map((i) => i.toLowerCase()))], (chunk) => this.byIds.run({ ids: chunk })));
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

  /** A person and their roles in one statement: one row per role (or one with no role). */
  private withRolesJoined(where: string): PreparedStatement {
    return new PreparedStatement(this.dataSource, (manager) =>
      manager.getRepository<StaffRow>('Staff').createQueryBuilder('s').leftJoin('StaffRole', 'r', 'r.staffId = s.id').addSelect('r.role', 'role').where(where).getQuery(),
    );
  }

  private members(raw: readonly Record<string, unknown>[]): StaffMember[] {
    const rows = new Map<string, StaffRow>();
    const rolesOf = new Map<string, Role[]>();
    for (const line of raw) {
      const row = hydrate<StaffRow>(this.dataSource, 'Staff', 's', line);
      if (!row) continue;
      if (!rows.has(row.id)) rows.set(row.id, row);
      const role = line.role;
      if (typeof role !== 'string' || !isRole(role)) continue;
      rolesOf.set(row.id, [...(rolesOf.get(row.id) ?? []), role]);
    }
    return [...rows.values()].map((row) => toStaffMember(row, rolesOf.get(row.id) ?? []));
  }

  private async withRoles(rows: StaffRow[]): Promise<StaffMember[]> {
    if (rows.length === 0) return [];
    const roleRows = await inChunks(
      rows.map((r) => r.id),
      (chunk) => this.dataSource.getRepository<StaffRoleRow>('StaffRole').find({ where: { staffId: In(chunk) } }),
    );
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
