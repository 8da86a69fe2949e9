import { randomUUID } from 'node:crypto';
import { In, type DataSource, type Repository } from 'typeorm';
import type { NextStep } from '../../domain/outcomes/next-steps';
import { CHANNEL_LABELS, type Channel } from '../../domain/requests/channels';
import { formatReference } from '../../domain/requests/support-request';
import type { ActivityKind, AgendaItem, MeetingMode, MeetingStatus, PartnershipActivity, PartnershipMeeting } from '../../domain/work-psychologist/partnership';
import type { OutputsReader, PartnershipStore } from '../../domain/work-psychologist/ports';
import type { PartnershipActivityRow, PartnershipMeetingRow } from '../schema/work-psychologist';
import { rawDate } from '../raw-date';
import { isUniqueViolation } from '../unique-violation';

export class SqlPartnershipStore implements PartnershipStore {
  private readonly meetings: Repository<PartnershipMeetingRow>;
  private readonly activities: Repository<PartnershipActivityRow>;

  constructor(dataSource: DataSource) {
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

  async meetingsOfWorkPsychologist(workPsychologistId: string): Promise<PartnershipMeeting[]> {
    return (await this.meetings.find({ where: { workPsychologistId: workPsychologistId.toLowerCase() }, order: { startsAt: 'ASC' }, take: 500 })).map(toMeeting);
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
}

/** The month's outputs for the agenda: outcomes recorded for the DEA's requests and group conferences held, by reference only. */
export class SqlOutputsReader implements OutputsReader {
  constructor(private readonly dataSource: DataSource) {}

  async outputsOf(deaId: string, from: Date, to: Date): Promise<AgendaItem[]> {
    const outcomes: { number: number; channel: string | null; at: Date | string; nextSteps: string }[] = await this.dataSource
      .createQueryBuilder()
      .select('r.number', 'number')
      .addSelect('r.channel', 'channel')
      .addSelect('m.at', 'at')
      .addSelect('m.nextSteps', 'nextSteps')
      .from('MeetingRecord', 'm')
      .innerJoin('SupportRequest', 'r', 'r.id = m.requestId')
      .where("m.kind = 'outcome' AND r.deaId = :deaId AND m.at >= :from AND m.at < :to", { deaId: deaId.toLowerCase(), from, to })
      .orderBy('m.at', 'ASC')
      .limit(40)
      .getRawMany();
    const conferences: { groupIndex: number; startsAt: Date | string }[] = await this.dataSource
      .createQueryBuilder()
      .select('c.groupIndex', 'groupIndex')
      .addSelect('c.startsAt', 'startsAt')
      .from('GroupConference', 'c')
      .innerJoin('ConferencePlan', 'p', 'p.id = c.planId')
      .where("c.status = 'held' AND p.deaId = :deaId AND c.startsAt >= :from AND c.startsAt < :to", { deaId: deaId.toLowerCase(), from, to })
      .orderBy('c.startsAt', 'ASC')
      .limit(10)
      .getRawMany();
    const items: AgendaItem[] = [
      ...outcomes.map((o) => ({
        reference: formatReference(Number(o.number)),
        what: o.channel ? CHANNEL_LABELS[o.channel as Channel] ?? o.channel : 'Meeting',
        at: rawDate(o.at),
        nextSteps: String(o.nextSteps ?? '').split(',').filter(Boolean) as NextStep[],
      })),
      ...conferences.map((c) => ({ reference: `Group ${Number(c.groupIndex) + 1}`, what: 'Group work coach conference', at: rawDate(c.startsAt), nextSteps: [] })),
    ];
    return items.sort((a, b) => a.at.getTime() - b.at.getTime());
  }
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
