import { In, type DataSource } from 'typeorm';
import { inChunks } from '../chunks';
import { hydrate, PreparedStatement } from '../prepared';
import type { StaffDirectory } from '../../domain/ports';
import { isRole, type Role } from '../../domain/roles';
import type { StaffMember } from '../../domain/staff';
import type { StaffRoleRow, StaffRow } from '../schema/directory';

/** How long a sender read from SQL is used again without reading: a change made elsewhere shows within this. */
export const SENDER_CACHE_MS = 30_000;
/** At most this many senders are kept; past it the cache starts again. */
const SENDER_CACHE_SIZE = 5_000;

/** Counts the changes to the directory made in this process; a sender cached before the last one is read again. */
let directoryGeneration = 0;

/** Says the staff directory or its jobcentres changed (the seed calls it): every cached sender is read again. */
export function directoryChanged(): void {
  directoryGeneration++;
}

interface CachedSender {
  readonly member: StaffMember;
  readonly until: number;
  readonly generation: number;
}

/**
 * The staff directory in SQL. Ids are kept lower-case: SQL Server may hand them back upper-case.
 *
 * Every turn starts by looking up its sender: that person is kept here for SENDER_CACHE_MS, with their
 * jobcentre's name read in the same statement, so most turns read neither; so are the people read by
 * id (a case's requester and adviser, on every card). A change made by the seed in this process clears
 * it at once; one made by another process shows within SENDER_CACHE_MS.
 */
export class SqlStaffDirectory implements StaffDirectory {
  private readonly senders = new Map<string, CachedSender>();
  private readonly byStaffId = new Map<string, CachedSender>();
  private readonly jobcentreNames = new Map<string, { readonly name: string; readonly generation: number }>();
  private readonly byAad: PreparedStatement;
  private readonly byId: PreparedStatement;
  private readonly byIds: PreparedStatement;

  constructor(private readonly dataSource: DataSource) {
    this.byAad = new PreparedStatement(this.dataSource, (manager) =>
      manager
        .getRepository<StaffRow>('Staff')
        .createQueryBuilder('s')
        .leftJoin('StaffRole', 'r', 'r.staffId = s.id')
        .addSelect('r.role', 'role')
        .leftJoin('Jobcentre', 'j', 'j.id = s.jobcentreId')
        .addSelect('j.name', 'jobcentre_name')
        .where('s.aadObjectId = :aad')
        .getQuery(),
    );
    this.byId = this.withRolesJoined('s.id = :id');
    this.byIds = this.withRolesJoined('s.id IN (:...ids)');
  }

  // Every turn looks its sender up: kept a short while, else one statement with the roles and jobcentre joined in.
  async findByAadObjectId(aadObjectId: string): Promise<StaffMember | null> {
    const aad = aadObjectId.toLowerCase();
    const now = Date.now();
    const cached = this.senders.get(aad);
    if (cached && cached.until > now && cached.generation === directoryGeneration) return cached.member;
    const generation = directoryGeneration;
    const raw = await this.byAad.run({ aad });
    const member = this.members(raw)[0] ?? null;
    // Someone not (yet) in the directory is asked again next time: they may have just been added.
    if (!member) return null;
    this.remember(member, now, generation);
    const jobcentreName = raw[0]?.jobcentre_name;
    if (member.jobcentreId && typeof jobcentreName === 'string') this.jobcentreNames.set(member.jobcentreId, { name: jobcentreName, generation });
    return member;
  }

  /** A jobcentre's name as last read with a sender, if this process has read one of its staff. */
  knownJobcentreName(jobcentreId: string): string | undefined {
    const known = this.jobcentreNames.get(jobcentreId.toLowerCase());
    return known?.generation === directoryGeneration ? known.name : undefined;
  }

  /** Kept by Entra id and by id, for the same short while: a case's people are looked up on every card. */
  private remember(member: StaffMember, now: number, generation: number): void {
    if (this.senders.size >= SENDER_CACHE_SIZE) this.senders.clear();
    if (this.byStaffId.size >= SENDER_CACHE_SIZE) this.byStaffId.clear();
    const entry = { member, until: now + SENDER_CACHE_MS, generation };
    this.senders.set(member.aadObjectId.toLowerCase(), entry);
    this.byStaffId.set(member.id, entry);
  }

  private cachedById(id: string, now: number): StaffMember | undefined {
    const cached = this.byStaffId.get(id);
    return cached && cached.until > now && cached.generation === directoryGeneration ? cached.member : undefined;
  }

  async findById(id: string): Promise<StaffMember | null> {
    const key = id.toLowerCase();
    const now = Date.now();
    const cached = this.cachedById(key, now);
    if (cached) return cached;
    const generation = directoryGeneration;
    const member = this.members(await this.byId.run({ id: key }))[0] ?? null;
    if (member) this.remember(member, now, generation);
    return member;
  }

  /** By id, as a read through the primary key gives them; someone not found is left out. */
  async findByIds(ids: readonly string[]): Promise<StaffMember[]> {
    if (ids.length === 0) return [];
    const now = Date.now();
    const wanted = [...new Set(ids.map((i) => i.toLowerCase()))];
    const known = wanted.map((id) => this.cachedById(id, now)).filter((m): m is StaffMember => m !== undefined);
    const missing = wanted.filter((id) => !this.cachedById(id, now));
    if (missing.length === 0) return byId(known);
    const generation = directoryGeneration;
    const read = this.members(await inChunks(missing, (chunk) => this.byIds.run({ ids: chunk })));
    for (const member of read) this.remember(member, now, generation);
    return byId([...known, ...read]);
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

function byId(people: StaffMember[]): StaffMember[] {
  return people.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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
