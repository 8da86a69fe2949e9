import { randomUUID } from 'node:crypto';
import { And, In, LessThan, MoreThanOrEqual, type DataSource, type Repository } from 'typeorm';
import type { ConferencePlan, ConferenceStatus, GroupConference, MeetingMethod, NominatedCase, PlanStatus, QasCheck, TimeOfDay } from '../../domain/conferences/plan';
import type { QasResult } from '../../domain/quality/qas';
import type { ConferenceChanges, ConferenceRange, ConferencesOf, ConferenceStore, NewConference } from '../../domain/conferences/ports';
import { conflict, notFound } from '../../domain/errors';
import { monthOf } from '../../domain/conferences/months';
import type { NextStep } from '../../domain/outcomes/next-steps';
import type { ConferenceCaseRow, ConferencePlanRow, ConferenceQasRow, GroupConferenceRow } from '../schema/conferences';
import { chunks } from '../chunks';
import { fittedList } from '../field-lengths';
import { inTransaction, managerOf, repositoryOf } from '../transactions';

/** The length of a nominated case's `followUps` column. */
const FOLLOW_UPS_LENGTH = 400;
/** The length of a plan's `warning` column. */
const WARNING_LENGTH = 400;

/** Plans, conferences, nominated cases and check lists in SQL, with optimistic versions. */
export class SqlConferenceStore implements ConferenceStore {
  // Plans and conferences are read and written inside a use case's unit of work when one is open.
  private get plans(): Repository<ConferencePlanRow> {
    return repositoryOf<ConferencePlanRow>(this.dataSource, 'ConferencePlan');
  }

  private get conferences(): Repository<GroupConferenceRow> {
    return repositoryOf<GroupConferenceRow>(this.dataSource, 'GroupConference');
  }

  // A case accepted from a request is nominated in the same unit of work as the acceptance.
  private get caseRows(): Repository<ConferenceCaseRow> {
    return repositoryOf<ConferenceCaseRow>(this.dataSource, 'ConferenceCase');
  }

  private readonly qas: Repository<ConferenceQasRow>;

  constructor(private readonly dataSource: DataSource) {
    this.qas = dataSource.getRepository<ConferenceQasRow>('ConferenceQas');
  }

  async createPlan(plan: Omit<ConferencePlan, 'id' | 'version' | 'createdAt' | 'status'>, conferences: readonly NewConference[], at: Date): Promise<ConferencePlan> {
    const id = randomUUID();
    await inTransaction(this.dataSource, async (manager) => {
      await manager.getRepository<ConferencePlanRow>('ConferencePlan').insert({
        id,
        deaId: plan.deaId,
        wctlId: plan.wctlId,
        durationMinutes: plan.durationMinutes,
        inviteWctl: plan.inviteWctl,
        workPsychologistId: plan.workPsychologistId,
        meetingMethod: plan.meetingMethod,
        venue: plan.venue,
        room: plan.room,
        timeOfDay: plan.timeOfDay,
        status: 'draft',
        groups: JSON.stringify(plan.groups),
        warning: plan.warning,
        cardActivityId: null,
        cardReference: null,
        version: 1,
        createdAt: at,
        updatedAt: at,
      });
      const rows = conferences.map((c) => conferenceRow(id, c, at));
      // Chunked: SQL Server takes at most 2,100 parameters in one statement.
      for (let i = 0; i < rows.length; i += 50) await manager.getRepository<GroupConferenceRow>('GroupConference').insert(rows.slice(i, i + 50));
    });
    return (await this.findPlan(id))!;
  }

  async findPlan(id: string): Promise<ConferencePlan | null> {
    const row = await this.plans.findOne({ where: { id } });
    return row ? toPlan(row) : null;
  }

  async plansForDea(deaId: string, statuses: readonly PlanStatus[]): Promise<ConferencePlan[]> {
    const rows = await this.plans.find({ where: { deaId, status: In([...statuses]) }, order: { createdAt: 'DESC' } });
    return rows.map(toPlan);
  }

  async confirmedPlans(): Promise<ConferencePlan[]> {
    return (await this.plans.find({ where: { status: 'confirmed' }, order: { createdAt: 'ASC' } })).map(toPlan);
  }

  async updatePlan(id: string, expectedVersion: number, changes: Partial<Pick<ConferencePlan, 'status' | 'groups' | 'warning'>>, at: Date): Promise<ConferencePlan> {
    const set: Partial<ConferencePlanRow> = { version: expectedVersion + 1, updatedAt: at };
    if (changes.status !== undefined) set.status = changes.status;
    if (changes.groups !== undefined) set.groups = JSON.stringify(changes.groups);
    // The column holds 400 characters: a longer warning is cut rather than refused.
    if (changes.warning !== undefined) set.warning = changes.warning === null ? null : changes.warning.slice(0, WARNING_LENGTH);
    const result = await managerOf(this.dataSource).createQueryBuilder().update('ConferencePlan').set(set).where('id = :id AND version = :version', { id, version: expectedVersion }).execute();
    if (result.affected !== 1) {
      if (!(await this.findPlan(id))) throw notFound('That plan does not exist.');
      throw conflict('The plan changed meanwhile.');
    }
    return (await this.findPlan(id))!;
  }

  async addConferences(planId: string, conferences: readonly NewConference[], at: Date): Promise<number> {
    let added = 0;
    for (const c of conferences) {
      try {
        await this.conferences.insert(conferenceRow(planId, c, at));
        added += 1;
      } catch (error) {
        // The unique (plan, month, group) key: another run added it first, which is what was wanted.
        const exists = await this.conferences.exists({ where: { planId, month: c.month, groupIndex: c.groupIndex } });
        if (!exists) throw error;
      }
    }
    return added;
  }

  async conferencesOf(planId: string, range: ConferenceRange = {}): Promise<GroupConference[]> {
    if (range.months && !range.months.length) return [];
    // The unique (plan, month, group) key is the index: a seek to the plan's months in the range.
    const bounds = [range.from !== undefined ? MoreThanOrEqual(range.from) : null, range.before !== undefined ? LessThan(range.before) : null, range.months ? In([...range.months]) : null].filter((b) => b !== null);
    const month = bounds.length > 1 ? And(...bounds) : bounds[0];
    const order = range.latestFirst ? 'DESC' : 'ASC';
    const rows = await this.conferences.find({
      where: { planId, ...(month ? { month } : {}), ...(range.statuses ? { status: In([...range.statuses]) } : {}) },
      order: { month: order, groupIndex: 'ASC' },
      ...(range.limit !== undefined ? { take: range.limit } : {}),
    });
    return rows.map(toConference);
  }

  async findConference(id: string): Promise<GroupConference | null> {
    const row = await this.conferences.findOne({ where: { id } });
    return row ? toConference(row) : null;
  }

  async updateConference(id: string, expectedVersion: number, changes: ConferenceChanges, at: Date): Promise<GroupConference> {
    const set: Partial<GroupConferenceRow> = { version: expectedVersion + 1, updatedAt: at };
    if (changes.start !== undefined) set.startsAt = changes.start;
    if (changes.end !== undefined) set.endsAt = changes.end;
    if (changes.coachIds !== undefined) set.coachIds = JSON.stringify(changes.coachIds);
    if (changes.clashes !== undefined) set.clashes = JSON.stringify(changes.clashes);
    if (changes.status !== undefined) set.status = changes.status;
    if (changes.eventId !== undefined) set.eventId = changes.eventId;
    if (changes.joinUrl !== undefined) set.joinUrl = changes.joinUrl;
    if (changes.lastError !== undefined) set.lastError = changes.lastError;
    if (changes.casesSentAt !== undefined) set.casesSentAt = changes.casesSentAt;
    if (changes.summary !== undefined) set.summary = changes.summary;
    if (changes.actions !== undefined) set.actions = changes.actions;
    const result = await managerOf(this.dataSource).createQueryBuilder().update('GroupConference').set(set).where('id = :id AND version = :version', { id, version: expectedVersion }).execute();
    if (result.affected !== 1) {
      if (!(await this.findConference(id))) throw notFound('That conference does not exist.');
      throw conflict('The conference changed meanwhile.');
    }
    return (await this.findConference(id))!;
  }

  async bookedBetween(from: Date, to: Date, of?: ConferencesOf): Promise<GroupConference[]> {
    if (!of) {
      const rows = await this.conferences.find({ where: { status: 'booked', startsAt: And(MoreThanOrEqual(from), LessThan(to)) }, order: { startsAt: 'ASC' } });
      return rows.map(toConference);
    }
    const deaIds = [...new Set(of.deaIds)];
    const whose = [of.madeBy !== undefined ? 'p.wctlId = :madeBy' : null, deaIds.length ? 'p.deaId IN (:...deaIds)' : null].filter((w) => w !== null);
    if (!whose.length || !of.statuses.length) return [];
    const rows = await this.conferences
      .createQueryBuilder('c')
      .innerJoin('ConferencePlan', 'p', 'p.id = c.planId')
      .where("p.status = 'confirmed'")
      .andWhere(`(${whose.join(' OR ')})`, { madeBy: of.madeBy, deaIds })
      // The months bound the seek on each plan's (plan, month, group) key; the status and start say what is coming.
      .andWhere('c.month >= :fromMonth AND c.month <= :toMonth', { fromMonth: monthOf(from), toMonth: monthOf(to) })
      .andWhere('c.status IN (:...statuses) AND c.startsAt >= :from AND c.startsAt < :to', { statuses: [...of.statuses], from, to })
      .orderBy('c.startsAt', 'ASC')
      .addOrderBy('c.id', 'ASC')
      // A plan to a conference: LIMIT itself, not TypeORM's two-step take.
      .limit(of.limit)
      .getMany();
    return rows.map(toConference);
  }

  async nominate(nomination: Omit<NominatedCase, 'id' | 'nextSteps' | 'followUps' | 'outcomeAt'>, at: Date): Promise<NominatedCase> {
    const id = randomUUID();
    await this.caseRows.insert({ id, ...nomination, nextSteps: null, followUps: null, outcomeAt: null, createdAt: at });
    return toCase((await this.caseRows.findOne({ where: { id } }))!);
  }

  async casesOf(conferenceId: string): Promise<NominatedCase[]> {
    return (await this.caseRows.find({ where: { conferenceId }, order: { createdAt: 'ASC' } })).map(toCase);
  }

  async moveCases(caseIds: readonly string[], toConferenceId: string): Promise<void> {
    for (const ids of chunks(caseIds)) await managerOf(this.dataSource).createQueryBuilder().update('ConferenceCase').set({ conferenceId: toConferenceId }).where('id IN (:...ids)', { ids }).execute();
  }

  async recordCaseOutcome(caseId: string, nextSteps: readonly NextStep[], followUps: readonly string[], at: Date): Promise<void> {
    await this.caseRows.update({ id: caseId }, { nextSteps: nextSteps.join(','), followUps: fittedList(followUps, FOLLOW_UPS_LENGTH), outcomeAt: at });
  }

  async recordQas(check: Omit<QasCheck, 'id'>): Promise<QasCheck> {
    const id = randomUUID();
    await this.qas.insert({ id, planId: check.planId, conferenceId: check.conferenceId, month: check.month, checkedById: check.checkedById, result: check.result, comments: check.comments, createdAt: check.at });
    return { id, ...check };
  }

  async qasChecksOf(planId: string, months?: readonly string[]): Promise<QasCheck[]> {
    if (months && !months.length) return [];
    return (await this.qas.find({ where: { planId, ...(months ? { month: In([...months]) } : {}) }, order: { createdAt: 'ASC' } })).map(toQas);
  }

  /** Where the plan's card is, so booking progress updates it in place (bot-side, not a domain port). */
  async setCard(planId: string, activityId: string, reference: object): Promise<void> {
    await this.plans.update({ id: planId }, { cardActivityId: activityId, cardReference: JSON.stringify(reference) });
  }

  async cardOf(planId: string): Promise<{ activityId: string; reference: object } | null> {
    const row = await this.plans.findOne({ where: { id: planId } });
    if (!row?.cardActivityId || !row.cardReference) return null;
    return { activityId: row.cardActivityId, reference: JSON.parse(row.cardReference) as object };
  }
}

function conferenceRow(planId: string, c: NewConference, at: Date): Omit<GroupConferenceRow, 'plan'> {
  return {
    id: randomUUID(),
    planId,
    month: c.month,
    groupIndex: c.groupIndex,
    startsAt: c.start,
    endsAt: c.end,
    coachIds: JSON.stringify(c.coachIds),
    clashes: JSON.stringify(c.clashes),
    status: c.status,
    eventId: null,
    joinUrl: null,
    lastError: null,
    casesSentAt: null,
    summary: null,
    actions: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

function toPlan(row: ConferencePlanRow): ConferencePlan {
  return {
    id: row.id,
    deaId: row.deaId.toLowerCase(),
    wctlId: row.wctlId.toLowerCase(),
    durationMinutes: row.durationMinutes,
    inviteWctl: Boolean(row.inviteWctl),
    workPsychologistId: row.workPsychologistId?.toLowerCase() ?? null,
    meetingMethod: row.meetingMethod as MeetingMethod,
    venue: row.venue,
    room: row.room,
    timeOfDay: row.timeOfDay as TimeOfDay,
    status: row.status as PlanStatus,
    groups: JSON.parse(row.groups) as string[][],
    warning: row.warning,
    version: row.version,
    createdAt: row.createdAt,
  };
}

function toConference(row: GroupConferenceRow): GroupConference {
  return {
    id: row.id,
    planId: row.planId,
    month: row.month,
    groupIndex: row.groupIndex,
    start: row.startsAt,
    end: row.endsAt,
    coachIds: JSON.parse(row.coachIds) as string[],
    clashes: JSON.parse(row.clashes) as string[],
    status: row.status as ConferenceStatus,
    eventId: row.eventId,
    joinUrl: row.joinUrl,
    lastError: row.lastError,
    casesSentAt: row.casesSentAt,
    summary: row.summary,
    actions: row.actions,
    version: row.version,
  };
}

function toQas(r: ConferenceQasRow): QasCheck {
  return {
    id: r.id,
    planId: r.planId,
    conferenceId: r.conferenceId,
    month: r.month,
    checkedById: r.checkedById,
    result: r.result as QasResult,
    comments: r.comments,
    at: r.createdAt,
  };
}

function toCase(row: ConferenceCaseRow): NominatedCase {
  return {
    id: row.id,
    conferenceId: row.conferenceId,
    nominatedById: row.nominatedById,
    requestId: row.requestId,
    reference: row.reference,
    note: row.note,
    nextSteps: row.nextSteps ? (row.nextSteps.split(',') as NextStep[]) : [],
    followUps: row.followUps ? (JSON.parse(row.followUps) as string[]) : [],
    outcomeAt: row.outcomeAt,
  };
}
