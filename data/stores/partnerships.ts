import { randomUUID } from 'node:crypto';
import { In, Not, type DataSource } from 'typeorm';
import { conflict, notFound } from '../../domain/errors';
import type { HubChange, HubContent, HubEntry, HubKind } from '../../domain/partnerships/hub';
import type { Partner, PartnerInput, PartnerKind, PartnerUpdate, ServiceChange } from '../../domain/partnerships/partners';
import type { HubStore, PartnerStore, PartnershipDirectory, SolutionStore, StrategyStore } from '../../domain/partnerships/ports';
import type { ForumPost, ForumStore } from '../../domain/partnerships/forum';
import type { NewStrategyMeeting, SeriesMode, StrategyMeeting, StrategyMeetingStore } from '../../domain/partnerships/strategy-meetings';
import type { Strategy, StrategyAction } from '../../domain/partnerships/strategies';
import type { Solution, SolutionKind, SolutionStatus } from '../../domain/partnerships/solutions';
import type { StaffDirectory } from '../../domain/ports';
import type { StaffMember } from '../../domain/staff';
import { inChunks } from '../chunks';
import { managerOf, repositoryOf } from '../transactions';
import type { JobcentreRow, StaffRoleRow } from '../schema/directory';
import type { ExternalPartnerRow, ForumPostRow, StrategyMeetingRow, HubChangeRow, HubEntryRow, OpportunityRow, ServiceChangeRow, StrategyActionRow, StrategyRow } from '../schema/partnerships';
import { updateIfVersion } from '../optimistic-update';
import { byName } from '../../domain/names';
import { SqlRoleHolders } from './role-holders';

/** The local Disability Hub's entries and the changes sent to be published. */
export class SqlHubStore implements HubStore {
  constructor(private readonly dataSource: DataSource) {}

  private entries() {
    return repositoryOf<HubEntryRow>(this.dataSource, 'HubEntry');
  }

  private changes() {
    return repositoryOf<HubChangeRow>(this.dataSource, 'HubChange');
  }

  async createEntry(entry: Omit<HubEntry, 'id' | 'createdAt' | 'updatedAt'>, at: Date): Promise<HubEntry> {
    const row: Omit<HubEntryRow, 'keeper'> = { id: randomUUID(), ...entry, createdAt: at, updatedAt: at };
    await this.entries().insert(row);
    return toEntry(row);
  }

  async findEntry(id: string): Promise<HubEntry | null> {
    const row = await this.entries().findOne({ where: { id: id.toLowerCase() } });
    return row ? toEntry(row) : null;
  }

  async entriesOf(district: string): Promise<HubEntry[]> {
    const rows = await this.entries().find({ where: { district, status: Not('removed') }, order: { updatedAt: 'DESC' }, take: 500 });
    return rows.map(toEntry);
  }

  async updateEntry(id: string, changes: Partial<Pick<HubEntry, 'title' | 'summary' | 'link' | 'kind' | 'status'>>, at: Date): Promise<HubEntry> {
    await this.entries().update({ id }, { ...changes, updatedAt: at });
    const entry = await this.findEntry(id);
    if (!entry) throw notFound('That Hub entry no longer exists.');
    return entry;
  }

  async createChange(change: { entryId: string; action: HubChange['action']; content: HubContent; requestedById: string; contactId: string }, at: Date): Promise<HubChange> {
    const row: Omit<HubChangeRow, 'entry'> = {
      id: randomUUID(),
      entryId: change.entryId,
      action: change.action,
      ...change.content,
      requestedById: change.requestedById,
      contactId: change.contactId,
      status: 'requested',
      reason: null,
      version: 1,
      createdAt: at,
      decidedAt: null,
    };
    await this.changes().insert(row);
    return toChange(row);
  }

  async findChange(id: string): Promise<HubChange | null> {
    const row = await this.changes().findOne({ where: { id: id.toLowerCase() } });
    return row ? toChange(row) : null;
  }

  async pendingChangeOf(entryId: string): Promise<HubChange | null> {
    // Newest first: nothing but the service keeps an entry to one waiting change, and SQL Server returns one row of several in no set order.
    const row = await this.changes().findOne({ where: { entryId, status: 'requested' }, order: { createdAt: 'DESC' } });
    return row ? toChange(row) : null;
  }

  /** Waiting changes of many entries, by entry: one statement for each chunk of entries (SQL Server takes 2,100 parameters). */
  async pendingChangesOf(entryIds: readonly string[]): Promise<Map<string, HubChange>> {
    // Oldest first, so the newest waiting change of an entry is the one the map keeps, as pendingChangeOf returns.
    const rows = await inChunks(entryIds, (chunk) => this.changes().find({ where: { entryId: In(chunk), status: 'requested' }, order: { createdAt: 'ASC' } }));
    return new Map(rows.map((r) => [r.entryId, toChange(r)]));
  }

  async decideChange(id: string, expectedVersion: number, status: 'published' | 'declined', reason: string | null, at: Date): Promise<HubChange> {
    const result = await managerOf(this.dataSource)
      .createQueryBuilder()
      .update('HubChange')
      .set({ status, reason, decidedAt: at, version: expectedVersion + 1 })
      .where('id = :id AND version = :version AND status = :requested', { id, version: expectedVersion, requested: 'requested' })
      .execute();
    if (result.affected !== 1) {
      if (!(await this.findChange(id))) throw notFound('That change to the Hub no longer exists.');
      throw conflict('This change was dealt with meanwhile.');
    }
    return (await this.findChange(id))!;
  }
}

export class SqlSolutionStore implements SolutionStore {
  constructor(private readonly dataSource: DataSource) {}

  async create(solution: Omit<Solution, 'id' | 'createdAt'>, at: Date): Promise<Solution> {
    const row: Omit<OpportunityRow, 'dea'> = { id: randomUUID(), ...solution, createdAt: at };
    await repositoryOf<OpportunityRow>(this.dataSource, 'Opportunity').insert(row);
    return toSolution(row);
  }

  async find(id: string): Promise<Solution | null> {
    const row = await repositoryOf<OpportunityRow>(this.dataSource, 'Opportunity').findOne({ where: { id: id.toLowerCase() } });
    return row ? toSolution(row) : null;
  }
}

export class SqlPartnerStore implements PartnerStore {
  constructor(private readonly dataSource: DataSource) {}

  private partners() {
    return repositoryOf<ExternalPartnerRow>(this.dataSource, 'ExternalPartner');
  }

  async create(district: string, deaId: string, input: PartnerInput, at: Date): Promise<Partner> {
    const row: ExternalPartnerRow = { id: randomUUID(), district, deaId, ...input, version: 1, createdAt: at, updatedAt: at };
    await this.partners().insert(row);
    return toPartner(row);
  }

  async find(id: string): Promise<Partner | null> {
    const row = await this.partners().findOne({ where: { id: id.toLowerCase() } });
    return row ? toPartner(row) : null;
  }

  async listIn(district: string, find: string, limit: number): Promise<{ partners: Partner[]; more: boolean }> {
    const q = this.partners().createQueryBuilder('p').where('p.district = :district', { district });
    // The words as typed, not as a pattern: % and _ in a name are themselves.
    if (find) q.andWhere("LOWER(p.name) LIKE :find ESCAPE '\\'", { find: `%${find.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    const rows = await q.orderBy('p.name', 'ASC').take(limit + 1).getMany();
    // In English order: SQLite orders by character code, which puts "easyJet" after "Zurich".
    return { partners: rows.slice(0, limit).map(toPartner).sort(byName), more: rows.length > limit };
  }

  async update(id: string, expectedVersion: number, changes: PartnerUpdate, at: Date): Promise<Partner> {
    const { contact, website, lastMetOn } = changes;
    if (!(await updateIfVersion(this.partners(), id, expectedVersion, { contact, website, lastMetOn, updatedAt: at }))) {
      if (!(await this.find(id))) throw notFound('That partner is no longer on the list.');
      throw conflict('Someone else updated this partner’s details meanwhile: check them, then send yours again.');
    }
    return (await this.find(id))!;
  }

  async recordServiceChange(change: Omit<ServiceChange, 'id' | 'createdAt'>, at: Date): Promise<ServiceChange> {
    const row: Omit<ServiceChangeRow, 'partner'> = { id: randomUUID(), ...change, createdAt: at };
    await repositoryOf<ServiceChangeRow>(this.dataSource, 'ServiceChange').insert(row);
    return { ...row };
  }

  async findServiceChange(id: string): Promise<ServiceChange | null> {
    const row = await repositoryOf<ServiceChangeRow>(this.dataSource, 'ServiceChange').findOne({ where: { id: id.toLowerCase() } });
    return row ? { id: row.id, partnerId: row.partnerId, partnerName: row.partnerName, district: row.district, sentById: row.sentById, change: row.change, impact: row.impact, createdAt: row.createdAt } : null;
  }
}

/** Districts (a jobcentre's), cohorts and the single point of contact, from the staff directory tables. */
export class SqlPartnershipDirectory implements PartnershipDirectory {
  private readonly holders: SqlRoleHolders;

  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: StaffDirectory,
  ) {
    this.holders = new SqlRoleHolders(dataSource, directory);
  }

  async districtOf(person: StaffMember): Promise<string | null> {
    if (!person.jobcentreId) return null;
    const row = await this.dataSource.getRepository<JobcentreRow>('Jobcentre').findOne({ where: { id: person.jobcentreId }, select: { district: true } });
    return row?.district ?? null;
  }

  async provisionContactFor(district: string): Promise<StaffMember | null> {
    const people = await this.withRoleIn(district, ['provision_tool_contact']);
    return people.sort(byName)[0] ?? null;
  }

  async cohortOf(deaId: string): Promise<StaffMember[]> {
    return this.holders.cohortOf(deaId);
  }

  async deasAndCoachesIn(district: string): Promise<StaffMember[]> {
    return this.withRoleIn(district, ['dea', 'work_coach']);
  }

  /** People of the district's jobcentres who hold one of the roles. */
  private async withRoleIn(district: string, roles: readonly string[]): Promise<StaffMember[]> {
    const rows = await this.dataSource
      .getRepository<StaffRoleRow>('StaffRole')
      .createQueryBuilder('r')
      .innerJoin('Staff', 's', 's.id = r.staffId')
      .innerJoin('Jobcentre', 'j', 'j.id = s.jobcentreId')
      .where('j.district = :district AND r.role IN (:...roles)', { district, roles: [...roles] })
      .select('DISTINCT r.staffId', 'staffId')
      .getRawMany<{ staffId: string }>();
    return this.directory.findByIds(rows.map((r) => r.staffId));
  }
}

function toEntry(row: Omit<HubEntryRow, 'keeper'>): HubEntry {
  return { id: row.id.toLowerCase(), district: row.district, title: row.title, summary: row.summary, link: row.link, kind: row.kind as HubKind, status: row.status as HubEntry['status'], keeperId: row.keeperId.toLowerCase(), createdAt: row.createdAt, updatedAt: row.updatedAt };
}

function toChange(row: Omit<HubChangeRow, 'entry'>): HubChange {
  return {
    id: row.id.toLowerCase(),
    entryId: row.entryId.toLowerCase(),
    action: row.action as HubChange['action'],
    content: { title: row.title, summary: row.summary, link: row.link, kind: row.kind as HubKind },
    requestedById: row.requestedById.toLowerCase(),
    contactId: row.contactId.toLowerCase(),
    status: row.status as HubChange['status'],
    reason: row.reason,
    version: row.version,
    createdAt: row.createdAt,
    decidedAt: row.decidedAt,
  };
}

function toSolution(row: Omit<OpportunityRow, 'dea'>): Solution {
  return { id: row.id.toLowerCase(), deaId: row.deaId.toLowerCase(), kind: row.kind as SolutionKind, status: row.status as SolutionStatus, title: row.title, summary: row.summary, link: row.link, hubEntryId: row.hubEntryId?.toLowerCase() ?? null, sentTo: row.sentTo, createdAt: row.createdAt };
}

function toPartner(row: ExternalPartnerRow): Partner {
  return { id: row.id.toLowerCase(), district: row.district, deaId: row.deaId.toLowerCase(), name: row.name, kind: row.kind as PartnerKind, contact: row.contact, website: row.website, focus: row.focus, lastMetOn: row.lastMetOn, version: row.version, createdAt: row.createdAt, updatedAt: row.updatedAt };
}

/** Strategies and their actions; lists kept as JSON. */
export class SqlStrategyStore implements StrategyStore {
  constructor(private readonly dataSource: DataSource) {}

  private strategies() {
    return repositoryOf<StrategyRow>(this.dataSource, 'Strategy');
  }

  private actions() {
    return repositoryOf<StrategyActionRow>(this.dataSource, 'StrategyAction');
  }

  async create(strategy: Omit<Strategy, 'id' | 'version' | 'createdAt' | 'updatedAt'>, at: Date): Promise<Strategy> {
    const row: StrategyRow = {
      id: randomUUID(),
      kind: strategy.kind,
      title: strategy.title,
      why: strategy.why,
      leadId: strategy.leadId,
      ownerId: strategy.ownerId,
      status: strategy.status,
      areas: JSON.stringify(strategy.areas),
      internalPartners: JSON.stringify(strategy.internalPartners),
      partnerIds: JSON.stringify(strategy.partnerIds),
      gapConferenceIds: JSON.stringify(strategy.gapConferenceIds),
      gapNote: strategy.gapNote,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    await this.strategies().insert(row);
    return toStrategy(row);
  }

  async find(id: string): Promise<Strategy | null> {
    const row = await this.strategies().findOne({ where: { id: id.toLowerCase() } });
    return row ? toStrategy(row) : null;
  }

  async listFor(personId: string): Promise<Strategy[]> {
    const rows = await this.strategies().find({ where: [{ leadId: personId }, { ownerId: personId }], order: { updatedAt: 'DESC' }, take: 20 });
    return rows.map(toStrategy);
  }

  async update(id: string, expectedVersion: number, changes: Partial<Pick<Strategy, 'status'>>, at: Date): Promise<Strategy> {
    const result = await managerOf(this.dataSource)
      .createQueryBuilder()
      .update('Strategy')
      .set({ ...changes, version: expectedVersion + 1, updatedAt: at })
      .where('id = :id AND version = :version', { id, version: expectedVersion })
      .execute();
    if (result.affected !== 1) {
      if (!(await this.find(id))) throw notFound('That strategy no longer exists.');
      throw conflict('The strategy changed meanwhile.');
    }
    return (await this.find(id))!;
  }

  async addAction(action: Omit<StrategyAction, 'id' | 'createdAt'>, at: Date): Promise<StrategyAction> {
    const row: Omit<StrategyActionRow, 'strategy'> = { id: randomUUID(), strategyId: action.strategyId, what: action.text, owner: action.owner, status: action.status, createdAt: at };
    await this.actions().insert(row);
    return toAction(row);
  }

  async actionsOf(strategyId: string): Promise<StrategyAction[]> {
    // The newest 100, in the order they were added: an action added late is never the one left out.
    return (await this.actions().find({ where: { strategyId }, order: { createdAt: 'DESC' }, take: 100 })).reverse().map(toAction);
  }

  async findAction(id: string): Promise<StrategyAction | null> {
    const row = await this.actions().findOne({ where: { id: id.toLowerCase() } });
    return row ? toAction(row) : null;
  }

  async setActionStatus(id: string, status: StrategyAction['status']): Promise<void> {
    await this.actions().update({ id }, { status });
  }
}

function toStrategy(row: StrategyRow): Strategy {
  return {
    id: row.id.toLowerCase(),
    kind: row.kind as Strategy['kind'],
    title: row.title,
    why: row.why,
    leadId: row.leadId.toLowerCase(),
    ownerId: row.ownerId.toLowerCase(),
    status: row.status as Strategy['status'],
    areas: JSON.parse(row.areas) as Strategy['areas'],
    internalPartners: JSON.parse(row.internalPartners) as Strategy['internalPartners'],
    partnerIds: JSON.parse(row.partnerIds) as string[],
    gapConferenceIds: JSON.parse(row.gapConferenceIds) as string[],
    gapNote: row.gapNote,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function toAction(row: Omit<StrategyActionRow, 'strategy'>): StrategyAction {
  return { id: row.id.toLowerCase(), strategyId: row.strategyId.toLowerCase(), text: row.what, owner: row.owner, status: row.status as StrategyAction['status'], createdAt: row.createdAt };
}

/** What the DEA summed up when they sent informational support, to find the Hub entries that fit it. */
export class SqlInformationSummaries {
  constructor(private readonly dataSource: DataSource) {}

  async latestOf(requestId: string): Promise<{ requesterId: string; summary: string } | null> {
    const row = await this.dataSource
      .createQueryBuilder()
      .select('m.summary', 'summary')
      .addSelect('r.requesterId', 'requesterId')
      .from('RequestMessage', 'm')
      .innerJoin('SupportRequest', 'r', 'r.id = m.requestId')
      .where("m.requestId = :requestId AND m.kind = 'information'", { requestId: requestId.toLowerCase() })
      .orderBy('m.at', 'DESC')
      .limit(1)
      .getRawOne<{ summary: string | null; requesterId: string }>();
    return row ? { requesterId: String(row.requesterId).toLowerCase(), summary: row.summary ?? '' } : null;
  }
}

/** The district's Hub feedback forum. */
export class SqlForumStore implements ForumStore {
  constructor(private readonly dataSource: DataSource) {}

  private rows() {
    return repositoryOf<ForumPostRow>(this.dataSource, 'ForumPost');
  }

  async create(post: Pick<ForumPost, 'district' | 'authorId' | 'topic' | 'body'>, at: Date): Promise<ForumPost> {
    const row: ForumPostRow = { id: randomUUID(), ...post, authorId: post.authorId.toLowerCase(), answer: null, answeredById: null, answeredAt: null, version: 1, createdAt: at };
    await this.rows().insert(row);
    return toPost(row);
  }

  async find(id: string): Promise<ForumPost | null> {
    const row = await this.rows().findOne({ where: { id: id.toLowerCase() } });
    return row ? toPost(row) : null;
  }

  async listIn(district: string, limit: number, offset = 0): Promise<ForumPost[]> {
    // The id after the time: posts made in the same instant keep one order from page to page.
    return (await this.rows().find({ where: { district }, order: { createdAt: 'DESC', id: 'DESC' }, skip: offset, take: limit })).map(toPost);
  }

  async answer(id: string, expectedVersion: number, answer: { text: string; byId: string }, at: Date): Promise<boolean> {
    return updateIfVersion(this.rows(), id, expectedVersion, { answer: answer.text, answeredById: answer.byId.toLowerCase(), answeredAt: at });
  }
}

function toPost(row: ForumPostRow): ForumPost {
  return {
    id: row.id.toLowerCase(),
    district: row.district,
    authorId: row.authorId.toLowerCase(),
    topic: row.topic,
    body: row.body,
    answer: row.answer,
    answeredById: row.answeredById?.toLowerCase() ?? null,
    answeredAt: row.answeredAt,
    version: row.version,
    createdAt: row.createdAt,
  };
}

/** The meetings of strategies, each series written to the diaries as durable work. */
export class SqlStrategyMeetingStore implements StrategyMeetingStore {
  constructor(private readonly dataSource: DataSource) {}

  private rows() {
    return repositoryOf<StrategyMeetingRow>(this.dataSource, 'StrategyMeeting');
  }

  async addSeries(meetings: readonly NewStrategyMeeting[], at: Date): Promise<void> {
    for (const m of meetings) {
      await this.rows().insert({
        id: randomUUID(), strategyId: m.strategyId.toLowerCase(), seriesId: m.seriesId.toLowerCase(), startsAt: m.start, endsAt: m.end, mode: m.mode,
        externalInvitees: m.externalEmails.join(','), status: 'pending', eventId: null, lastError: null, notes: null, notesById: null, notesAt: null, version: 1, createdAt: at,
      });
    }
  }

  async find(id: string): Promise<StrategyMeeting | null> {
    const row = await this.rows().findOne({ where: { id: id.toLowerCase() } });
    return row ? toMeeting(row) : null;
  }

  async ofStrategy(strategyId: string): Promise<StrategyMeeting[]> {
    return (await this.rows().find({ where: { strategyId: strategyId.toLowerCase() }, order: { startsAt: 'ASC' }, take: 100 })).map(toMeeting);
  }

  async unbookedOf(seriesId: string): Promise<StrategyMeeting[]> {
    return (await this.rows().find({ where: { seriesId: seriesId.toLowerCase(), status: In(['pending', 'failed']) }, order: { startsAt: 'ASC' } })).map(toMeeting);
  }

  async mark(id: string, result: { status: 'booked'; eventId: string } | { status: 'failed'; lastError: string } | { status: 'cancelled' }): Promise<void> {
    const changes = result.status === 'booked' ? { status: 'booked', eventId: result.eventId, lastError: null } : result.status === 'failed' ? { status: 'failed', lastError: result.lastError } : { status: 'cancelled', eventId: null, lastError: null };
    await this.rows().update({ id: id.toLowerCase() }, changes);
  }

  async recordNotes(id: string, expectedVersion: number, notes: string, byId: string, at: Date): Promise<boolean> {
    return updateIfVersion(this.rows(), id, expectedVersion, { notes, notesById: byId.toLowerCase(), notesAt: at });
  }
}

function toMeeting(row: StrategyMeetingRow): StrategyMeeting {
  return {
    id: row.id.toLowerCase(),
    strategyId: row.strategyId.toLowerCase(),
    seriesId: row.seriesId.toLowerCase(),
    start: row.startsAt,
    end: row.endsAt,
    mode: row.mode as SeriesMode,
    externalEmails: row.externalInvitees ? row.externalInvitees.split(',') : [],
    status: row.status as StrategyMeeting['status'],
    eventId: row.eventId,
    lastError: row.lastError,
    notes: row.notes,
    notesById: row.notesById?.toLowerCase() ?? null,
    version: row.version,
  };
}
