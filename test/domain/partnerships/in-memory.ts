import { conflict } from '../../../domain/errors';
import type { HubChange, HubEntry } from '../../../domain/partnerships/hub';
import type { Partner, PartnerInput, PartnerUpdate, ServiceChange } from '../../../domain/partnerships/partners';
import type { HubStore, PartnerStore, PartnershipDirectory, PartnershipNotifier, SolutionStore, StrategyNotifier, StrategyStore } from '../../../domain/partnerships/ports';
import type { Strategy, StrategyAction } from '../../../domain/partnerships/strategies';
import type { Solution } from '../../../domain/partnerships/solutions';
import type { Role } from '../../../domain/roles';
import type { StaffMember } from '../../../domain/staff';

let next = 0;
const id = (prefix: string) => `${prefix}-${++next}`;

export function person(idValue: string, roles: Role[], extra: Partial<StaffMember> = {}): StaffMember {
  return { id: idValue, aadObjectId: `aad-${idValue}`, name: `Person ${idValue}`, email: `${idValue}@x.example`, roles, jobcentreId: 'jc-1', deaId: null, teamLeaderId: null, ...extra };
}

/** Stores kept in memory, for the rules alone. */
export class MemoryHub implements HubStore {
  entries = new Map<string, HubEntry>();
  changes = new Map<string, HubChange>();
  async createEntry(entry: Omit<HubEntry, 'id' | 'createdAt' | 'updatedAt'>, at: Date) {
    const made = { ...entry, id: id('entry'), createdAt: at, updatedAt: at };
    this.entries.set(made.id, made);
    return made;
  }
  async findEntry(entryId: string) {
    return this.entries.get(entryId) ?? null;
  }
  async entriesOf(district: string) {
    return [...this.entries.values()].filter((e) => e.district === district && e.status !== 'removed');
  }
  async updateEntry(entryId: string, changes: Partial<HubEntry>, at: Date) {
    const updated = { ...this.entries.get(entryId)!, ...changes, updatedAt: at };
    this.entries.set(entryId, updated);
    return updated;
  }
  async createChange(change: Pick<HubChange, 'entryId' | 'action' | 'content' | 'requestedById' | 'contactId'>, at: Date) {
    const made: HubChange = { ...change, id: id('change'), status: 'requested', reason: null, version: 1, createdAt: at, decidedAt: null };
    this.changes.set(made.id, made);
    return made;
  }
  async findChange(changeId: string) {
    return this.changes.get(changeId) ?? null;
  }
  async pendingChangeOf(entryId: string) {
    return [...this.changes.values()].find((c) => c.entryId === entryId && c.status === 'requested') ?? null;
  }
  async pendingChangesOf(entryIds: readonly string[]) {
    return new Map([...this.changes.values()].filter((c) => entryIds.includes(c.entryId) && c.status === 'requested').map((c) => [c.entryId, c]));
  }
  async decideChange(changeId: string, expectedVersion: number, status: 'published' | 'declined', reason: string | null, at: Date) {
    const change = this.changes.get(changeId)!;
    if (change.version !== expectedVersion) throw conflict('The change moved on.');
    const decided = { ...change, status, reason, decidedAt: at, version: change.version + 1 };
    this.changes.set(changeId, decided);
    return decided;
  }
}

export class MemorySolutions implements SolutionStore {
  rows: Solution[] = [];
  async create(solution: Omit<Solution, 'id' | 'createdAt'>, at: Date) {
    const made = { ...solution, id: id('solution'), createdAt: at };
    this.rows.push(made);
    return made;
  }
  async find(solutionId: string) {
    return this.rows.find((s) => s.id === solutionId) ?? null;
  }
}

export class MemoryPartners implements PartnerStore {
  rows: Partner[] = [];
  notices: ServiceChange[] = [];
  async create(district: string, deaId: string, input: PartnerInput, at: Date) {
    const made = { ...input, id: id('partner'), district, deaId, version: 1, createdAt: at, updatedAt: at };
    this.rows.push(made);
    return made;
  }
  async update(partnerId: string, expectedVersion: number, changes: PartnerUpdate, at: Date) {
    const row = this.rows.find((p) => p.id === partnerId)!;
    if (row.version !== expectedVersion) throw conflict('moved on');
    const updated = { ...row, ...changes, version: row.version + 1, updatedAt: at };
    this.rows = this.rows.map((p) => (p.id === partnerId ? updated : p));
    return updated;
  }
  async find(partnerId: string) {
    return this.rows.find((p) => p.id === partnerId) ?? null;
  }
  async listIn(district: string, find: string, limit: number) {
    const all = this.rows.filter((p) => p.district === district && p.name.toLowerCase().includes(find.toLowerCase()));
    return { partners: all.slice(0, limit), more: all.length > limit };
  }
  async recordServiceChange(change: Omit<ServiceChange, 'id' | 'createdAt'>, at: Date) {
    const made = { ...change, id: id('notice'), createdAt: at };
    this.notices.push(made);
    return made;
  }
  async findServiceChange(noticeId: string) {
    return this.notices.find((n) => n.id === noticeId) ?? null;
  }
}

export class MemoryDirectory implements PartnershipDirectory {
  constructor(
    readonly people: StaffMember[],
    readonly districts: Record<string, string>,
  ) {}
  async districtOf(p: StaffMember) {
    return p.jobcentreId ? (this.districts[p.jobcentreId] ?? null) : null;
  }
  async provisionContactFor(district: string) {
    return this.people.find((p) => p.roles.includes('provision_tool_contact') && p.jobcentreId && this.districts[p.jobcentreId] === district) ?? null;
  }
  async cohortOf(deaId: string) {
    return this.people.filter((p) => p.deaId === deaId && p.roles.includes('work_coach'));
  }
  async deasAndCoachesIn(district: string) {
    return this.people.filter((p) => (p.roles.includes('dea') || p.roles.includes('work_coach')) && p.jobcentreId && this.districts[p.jobcentreId] === district);
  }
}

export class RecordingNotifier implements PartnershipNotifier {
  sent: { what: string; to: readonly string[]; subject: string }[] = [];
  async hubChangeRequested(change: HubChange) {
    this.sent.push({ what: 'hub change', to: [change.contactId], subject: change.id });
  }
  async hubChangeDecided(change: HubChange) {
    this.sent.push({ what: 'hub decided', to: [change.requestedById], subject: change.id });
  }
  async solutionShared(solution: Solution, coachIds: readonly string[]) {
    this.sent.push({ what: 'solution', to: coachIds, subject: solution.id });
  }
  async serviceChanged(change: ServiceChange, recipientIds: readonly string[]) {
    this.sent.push({ what: 'service change', to: recipientIds, subject: change.id });
  }
}

export class MemoryStrategies implements StrategyStore {
  rows = new Map<string, Strategy>();
  actions: StrategyAction[] = [];
  async create(strategy: Omit<Strategy, 'id' | 'version' | 'createdAt' | 'updatedAt'>, at: Date) {
    const made = { ...strategy, id: id('strategy'), version: 1, createdAt: at, updatedAt: at };
    this.rows.set(made.id, made);
    return made;
  }
  async find(strategyId: string) {
    return this.rows.get(strategyId) ?? null;
  }
  async listFor(personId: string) {
    return [...this.rows.values()].filter((s) => s.leadId === personId || s.ownerId === personId);
  }
  async update(strategyId: string, expectedVersion: number, changes: Partial<Pick<Strategy, 'status'>>, at: Date) {
    const row = this.rows.get(strategyId)!;
    if (row.version !== expectedVersion) throw conflict('moved on');
    const updated = { ...row, ...changes, version: row.version + 1, updatedAt: at };
    this.rows.set(strategyId, updated);
    return updated;
  }
  async addAction(action: Omit<StrategyAction, 'id' | 'createdAt'>, at: Date) {
    const made = { ...action, id: id('action'), createdAt: at };
    this.actions.push(made);
    return made;
  }
  async actionsOf(strategyId: string) {
    return this.actions.filter((a) => a.strategyId === strategyId);
  }
  async findAction(actionId: string) {
    return this.actions.find((a) => a.id === actionId) ?? null;
  }
  async setActionStatus(actionId: string, status: StrategyAction['status']) {
    this.actions = this.actions.map((a) => (a.id === actionId ? { ...a, status } : a));
  }
}

export class RecordingStrategyNotifier implements StrategyNotifier {
  sent: { what: string; to: string; status: string }[] = [];
  async strategyProposed(strategy: Strategy) {
    this.sent.push({ what: 'proposed', to: strategy.ownerId, status: strategy.status });
  }
  async strategyDecided(strategy: Strategy) {
    this.sent.push({ what: 'decided', to: strategy.leadId, status: strategy.status });
  }
}
