import { randomUUID } from 'node:crypto';
import { In, type DataSource, type ObjectLiteral, type Repository, type SelectQueryBuilder } from 'typeorm';
import type { NextStep } from '../../domain/outcomes/next-steps';
import { CHANNEL_LABELS, type Channel } from '../../domain/requests/channels';
import { formatReference } from '../../domain/requests/support-request';
import type { ActivityKind, AgendaItem, MeetingMode, MeetingStatus, PartnershipActivity, PartnershipMeeting } from '../../domain/work-psychologist/partnership';
import type { AgendaWindow, OutputsReader, PartnershipStore, RecentOutputs, WaitingConferences } from '../../domain/work-psychologist/ports';
import type { PartnershipActivityRow, PartnershipMeetingRow } from '../schema/work-psychologist';
import { rawDate } from '../raw-date';
import { isUniqueViolation } from '../unique-violation';

export class SqlPartnershipStore implements PartnershipStore {
  private readonly meetings: Repository<PartnershipMeetingRow>;
  private readonly activities: Repository<PartnershipActivityRow>;

  constructor(private readonly dataSource: DataSource) {
    this.meetings = dataSource.getRepository<PartnershipMeetingRow>('PartnershipMeeting');
    this.activities = dataSource.getRepository<PartnershipActivityRow>('PartnershipActivity');
  }

  async addMeetings(meetings: readonly Omit<PartnershipMeeting, 'id' | 'status' | 'eventId' | 'lastError'>[]): Promise<number> {
    let added = 0;
    for (const m of meetings) {
      try {
        await this.meetings.insert({ id: randomUUID(), deaId: m.deaId, workPsychologistId: m.workPsychologistId, month: m.month, startsAt: m.start, endsAt: m.end, mode: m.mode, status: 'pending', eventId: null, lastError: null, movedBecause: m.movedBecause?.slice(0, 300) ?? null });
        added += 1;
      } catch (error) {
        // That month is already planned.
        if (!isUniqueViolation(error)) throw error;
      }
    }
    return added;
  }

  async meetingsOf(deaId: string, workPsychologistId: string): Promise<PartnershipMeeting[]> {
    return (await this.meetings.find({ where: { deaId: deaId.toLowerCase(), workPsychologistId: workPsychologistId.toLowerCase() }, order: { startsAt: 'ASC' } })).map(toMeeting);
  }

  /**
   * Each DEA's last meeting with the work psychologist (ended by `now`) and their next one, ranked
   * in SQL: two rows a DEA at most, whatever the years of history (read by IDX_partnership_meeting_wp).
   */
  async meetingsOfWorkPsychologist(workPsychologistId: string, now: Date = new Date()): Promise<PartnershipMeeting[]> {
    const q = (column: string) => this.dataSource.driver.escape(column);
    const rows: Record<string, unknown>[] = await this.dataSource
      .createQueryBuilder()
      .select(['id', ...MEETING_COLUMNS].map((c) => `x.${q(c)}`))
      .from(
        (sub: SelectQueryBuilder<ObjectLiteral>) =>
          MEETING_COLUMNS.reduce((query, c) => query.addSelect(`m.${c}`, c), sub.select('m.id', 'id'))
            // Within each DEA: the meetings still to come from the soonest, those over from the latest.
            .addSelect('ROW_NUMBER() OVER (PARTITION BY m.deaId, CASE WHEN m.endsAt > :now THEN 1 ELSE 0 END ORDER BY CASE WHEN m.endsAt > :now THEN m.startsAt END ASC, m.startsAt DESC)', 'nearest')
            .from('PartnershipMeeting', 'm')
            .where('m.workPsychologistId = :wp', { wp: workPsychologistId.toLowerCase(), now }),
        'x',
      )
      .where(`x.${q('nearest')} = 1`)
      .orderBy(`x.${q('startsAt')}`, 'ASC')
      .getRawMany();
    return rows.map((row) => toMeeting({ ...(row as unknown as PartnershipMeetingRow), startsAt: rawDate(row.startsAt), endsAt: rawDate(row.endsAt) }));
  }

  async unbooked(): Promise<PartnershipMeeting[]> {
    return (await this.meetings.find({ where: { status: In(['pending', 'failed']) }, order: { startsAt: 'ASC' }, take: 100 })).map(toMeeting);
  }

  async markMeeting(id: string, result: { status: 'booked'; eventId: string } | { status: 'failed'; lastError: string }): Promise<void> {
    await this.meetings.update({ id }, result.status === 'booked' ? { status: 'booked', eventId: result.eventId, lastError: null } : { status: 'failed', lastError: result.lastError });
  }

  async addActivity(activity: Omit<PartnershipActivity, 'id'>): Promise<PartnershipActivity> {
    const id = randomUUID();
    const { date, ...rest } = activity;
    await this.activities.insert({ ...rest, id, heldOn: date });
    return { ...activity, id };
  }

  async findActivity(id: string): Promise<PartnershipActivity | null> {
    const row = await this.activities.findOne({ where: { id: id.toLowerCase() } });
    return row ? toActivity(row) : null;
  }

  async completeActivity(id: string, date: string, note: string): Promise<boolean> {
    const result = await this.activities.createQueryBuilder().update().set({ status: 'done', heldOn: date, note }).where('id = :id AND status = :status', { id: id.toLowerCase(), status: 'requested' }).execute();
    return result.affected === 1;
  }

  async activitiesOf(personId: string, limit: number): Promise<PartnershipActivity[]> {
    const id = personId.toLowerCase();
    return (await this.activities.find({ where: [{ deaId: id }, { workPsychologistId: id }], order: { createdAt: 'DESC' }, take: limit })).map(toActivity);
  }

  /**
   * One statement for the rows and the counts: the case conferences the work psychologist may record
   * (`caseConferenceRights`), numbered oldest first overall and within each DEA and counted by DEA, of
   * which come back the `limit` oldest and each DEA's oldest, that one carrying its DEA's count. So a
   * page reads at most `limit` rows more than it has DEAs, whatever it has to count; the waiting ones
   * are found through IDX_partnership_activity_waiting, reading none of the sessions and conferences held.
   */
  async waitingConferences(workPsychologistId: string, limit: number, deaId?: string): Promise<WaitingConferences> {
    const q = (column: string) => this.dataSource.driver.escape(column);
    const rows: Record<string, unknown>[] = await this.dataSource
      .createQueryBuilder()
      .select(['id', ...ACTIVITY_COLUMNS, 'place', 'withDea'].map((c) => `x.${q(c)}`))
      .from((sub: SelectQueryBuilder<ObjectLiteral>) => {
        const waiting = ACTIVITY_COLUMNS.reduce((query, c) => query.addSelect(`a.${c}`, c), sub.select('a.id', 'id'))
          // The id settles two asked in the same millisecond, so the same ones show on every read.
          .addSelect('ROW_NUMBER() OVER (ORDER BY a.createdAt ASC, a.id ASC)', 'place')
          .addSelect('ROW_NUMBER() OVER (PARTITION BY a.deaId ORDER BY a.createdAt ASC, a.id ASC)', 'placeWithDea')
          .addSelect('COUNT(*) OVER (PARTITION BY a.deaId)', 'withDea')
          .from('PartnershipActivity', 'a')
          .where('a.workPsychologistId = :wp AND a.status = :status AND a.kind = :kind', { wp: workPsychologistId.toLowerCase(), status: 'requested', kind: 'case_conference' });
        return deaId ? waiting.andWhere('a.deaId = :dea', { dea: deaId.toLowerCase() }) : waiting;
      }, 'x')
      .where(`x.${q('place')} <= :limit OR x.${q('placeWithDea')} = 1`, { limit })
      .orderBy(`x.${q('place')}`, 'ASC')
      .getRawMany();
    const byDea = new Map<string, number>();
    const oldest: PartnershipActivity[] = [];
    for (const row of rows) {
      const activity = toActivity({ ...(row as unknown as PartnershipActivityRow), createdAt: rawDate(row.createdAt) });
      byDea.set(activity.deaId, Number(row.withDea));
      if (Number(row.place) <= limit) oldest.push(activity);
    }
    return { oldest, byDea };
  }
}

interface OutputRow {
  readonly deaId: string;
  readonly item: AgendaItem;
  /** How many of this kind the DEA has in their window. */
  readonly total: number;
}

/** The month's outputs for the agenda: outcomes recorded for the DEA's requests and group conferences held, by reference only. */
export class SqlOutputsReader implements OutputsReader {
  constructor(private readonly dataSource: DataSource) {}

  outputsOf(deaId: string, from: Date, to: Date): Promise<AgendaItem[]>;
  outputsOf(windows: readonly AgendaWindow[], newest: number): Promise<Map<string, RecentOutputs>>;
  async outputsOf(deaOrWindows: string | readonly AgendaWindow[], fromOrNewest: Date | number, to?: Date): Promise<AgendaItem[] | Map<string, RecentOutputs>> {
    if (typeof deaOrWindows === 'string') {
      if (!(fromOrNewest instanceof Date) || !to) throw new TypeError('outputsOf(deaId, from, to) takes two instants');
      const rows = await this.read([{ deaId: deaOrWindows, from: fromOrNewest, to }], 40, 10);
      return rows.map((r) => r.item).sort(byTime);
    }
    const newest = Number(fromOrNewest);
    const byDea = new Map<string, { items: AgendaItem[]; totals: Map<string, number> }>();
    for (const row of await this.read(deaOrWindows, newest, newest)) {
      const entry = byDea.get(row.deaId) ?? { items: [], totals: new Map<string, number>() };
      entry.items.push(row.item);
      entry.totals.set(row.item.what === GROUP_CONFERENCE ? 'conferences' : 'outcomes', row.total);
      byDea.set(row.deaId, entry);
    }
    const out = new Map<string, RecentOutputs>();
    for (const [deaId, { items, totals }] of byDea) {
      const shown = items.sort(byTime).slice(-newest);
      out.set(deaId, { items: shown, total: [...totals.values()].reduce((a, b) => a + b, 0) });
    }
    return out;
  }

  /**
   * Two reads for any number of DEAs: each DEA's newest outcomes and newest group conferences in
   * their window, numbered newest first in SQL and cut there, each row with its kind's total.
   */
  private async read(windows: readonly AgendaWindow[], outcomesEach: number, conferencesEach: number): Promise<OutputRow[]> {
    if (!windows.length) return [];
    const q = (column: string) => this.dataSource.driver.escape(column);
    const within = (dea: string, at: string): [string, Record<string, unknown>] => {
      const parameters: Record<string, unknown> = {};
      const clauses = windows.map((w, i) => {
        parameters[`dea${i}`] = w.deaId.toLowerCase();
        parameters[`from${i}`] = w.from;
        parameters[`to${i}`] = w.to;
        return `(${dea} = :dea${i} AND ${at} >= :from${i} AND ${at} < :to${i})`;
      });
      return [`(${clauses.join(' OR ')})`, parameters];
    };
    const newestOf = (columns: readonly string[], each: number) => (query: SelectQueryBuilder<ObjectLiteral>) =>
      this.dataSource
        .createQueryBuilder()
        .select(columns.map((c) => `x.${q(c)}`))
        .from(() => query, 'x')
        .where(`x.${q('newest')} <= :each`, { each })
        .setParameters(query.getParameters())
        .getRawMany();
    const [outcomesWhere, outcomesParameters] = within('r.deaId', 'm.at');
    const outcomes: { deaId: string; number: number; channel: string | null; at: Date | string; nextSteps: string; total: number }[] = await newestOf(['deaId', 'number', 'channel', 'at', 'nextSteps', 'total'], outcomesEach)(
      this.dataSource
        .createQueryBuilder()
        .subQuery()
        .select('r.deaId', 'deaId')
        .addSelect('r.number', 'number')
        .addSelect('r.channel', 'channel')
        .addSelect('m.at', 'at')
        .addSelect('m.nextSteps', 'nextSteps')
        .addSelect('ROW_NUMBER() OVER (PARTITION BY r.deaId ORDER BY m.at DESC, r.number DESC)', 'newest')
        .addSelect('COUNT(*) OVER (PARTITION BY r.deaId)', 'total')
        .from('MeetingRecord', 'm')
        .innerJoin('SupportRequest', 'r', 'r.id = m.requestId')
        .where(`m.kind = 'outcome' AND ${outcomesWhere}`, outcomesParameters),
    );
    const [conferencesWhere, conferencesParameters] = within('p.deaId', 'c.startsAt');
    const conferences: { deaId: string; groupIndex: number; startsAt: Date | string; total: number }[] = await newestOf(['deaId', 'groupIndex', 'startsAt', 'total'], conferencesEach)(
      this.dataSource
        .createQueryBuilder()
        .subQuery()
        .select('p.deaId', 'deaId')
        .addSelect('c.groupIndex', 'groupIndex')
        .addSelect('c.startsAt', 'startsAt')
        .addSelect('ROW_NUMBER() OVER (PARTITION BY p.deaId ORDER BY c.startsAt DESC, c.groupIndex DESC)', 'newest')
        .addSelect('COUNT(*) OVER (PARTITION BY p.deaId)', 'total')
        .from('GroupConference', 'c')
        .innerJoin('ConferencePlan', 'p', 'p.id = c.planId')
        .where(`c.status = 'held' AND ${conferencesWhere}`, conferencesParameters),
    );
    return [
      ...outcomes.map((o) => ({
        deaId: String(o.deaId).toLowerCase(),
        total: Number(o.total),
        item: {
          reference: formatReference(Number(o.number)),
          what: o.channel ? CHANNEL_LABELS[o.channel as Channel] ?? o.channel : 'Meeting',
          at: rawDate(o.at),
          nextSteps: String(o.nextSteps ?? '').split(',').filter(Boolean) as NextStep[],
        },
      })),
      ...conferences.map((c) => ({ deaId: String(c.deaId).toLowerCase(), total: Number(c.total), item: { reference: `Group ${Number(c.groupIndex) + 1}`, what: GROUP_CONFERENCE, at: rawDate(c.startsAt), nextSteps: [] } })),
    ];
  }
}

const GROUP_CONFERENCE = 'Group work coach conference';
const MEETING_COLUMNS = ['deaId', 'workPsychologistId', 'month', 'startsAt', 'endsAt', 'mode', 'status', 'eventId', 'lastError', 'movedBecause'] as const;
const ACTIVITY_COLUMNS = ['deaId', 'workPsychologistId', 'kind', 'status', 'requestReference', 'topic', 'feedback', 'heldOn', 'note', 'createdAt'] as const;

function byTime(a: AgendaItem, b: AgendaItem): number {
  return a.at.getTime() - b.at.getTime();
}

function toMeeting(row: PartnershipMeetingRow): PartnershipMeeting {
  return {
    id: row.id.toLowerCase(),
    deaId: row.deaId.toLowerCase(),
    workPsychologistId: row.workPsychologistId.toLowerCase(),
    month: row.month,
    start: row.startsAt,
    end: row.endsAt,
    mode: row.mode as MeetingMode,
    status: row.status as MeetingStatus,
    eventId: row.eventId,
    lastError: row.lastError,
    movedBecause: row.movedBecause,
  };
}

function toActivity(row: PartnershipActivityRow): PartnershipActivity {
  return {
    id: row.id.toLowerCase(),
    deaId: row.deaId.toLowerCase(),
    workPsychologistId: row.workPsychologistId.toLowerCase(),
    kind: row.kind as ActivityKind,
    status: row.status as PartnershipActivity['status'],
    requestReference: row.requestReference,
    topic: row.topic,
    feedback: row.feedback,
    date: row.heldOn,
    note: row.note,
    createdAt: row.createdAt,
  };
}
