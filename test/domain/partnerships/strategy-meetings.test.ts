import type { CalendarPort, NewEvent } from '../../../domain/calendar/calendar-port';
import { parseSeries, StrategyMeetingService, STRATEGY_MEETING_WORK, type NewStrategyMeeting, type StrategyMeeting, type StrategyMeetingStore } from '../../../domain/partnerships/strategy-meetings';
import type { Strategy } from '../../../domain/partnerships/strategies';
import type { StrategyStore } from '../../../domain/partnerships/ports';
import { immediateUnitOfWork } from '../../../domain/unit-of-work';
import { FakeDirectory } from '../interventions/fakes';
import { person } from './in-memory';

class MemoryMeetings implements StrategyMeetingStore {
  rows: StrategyMeeting[] = [];
  async addSeries(ms: readonly NewStrategyMeeting[]) {
    for (const m of ms) this.rows.push({ ...m, id: `m-${this.rows.length + 1}`, status: 'pending', eventId: null, lastError: null, notes: null, notesById: null, version: 1 });
  }
  async find(id: string) {
    return this.rows.find((r) => r.id === id) ?? null;
  }
  async ofStrategy(id: string) {
    return this.rows.filter((r) => r.strategyId === id);
  }
  async unbookedOf(seriesId: string) {
    return this.rows.filter((r) => r.seriesId === seriesId && r.status !== 'booked');
  }
  async mark(id: string, result: { status: 'booked'; eventId: string } | { status: 'failed'; lastError: string }) {
    this.rows = this.rows.map((r) => (r.id === id ? { ...r, ...result } : r));
  }
  async recordNotes(id: string, version: number, notes: string, byId: string) {
    const row = this.rows.find((r) => r.id === id);
    if (!row || row.version !== version) return false;
    this.rows = this.rows.map((r) => (r.id === id ? { ...r, notes, notesById: byId, version: version + 1 } : r));
    return true;
  }
}

describe('a strategy’s meetings (seed 000 §49, §52, §59)', () => {
  it('reads the series form: monthly on the same weekday, every two weeks, or once; checks emails and dates', () => {
    expect(parseSeries({ firstDate: '2027-01-12', cadence: 'monthly', count: '3' }, '2027-01-04').dates).toEqual(['2027-01-12', '2027-02-09', '2027-03-09']);
    expect(parseSeries({ firstDate: '2027-01-12', cadence: 'fortnightly', count: '2' }, '2027-01-04').dates).toEqual(['2027-01-12', '2027-01-26']);
    expect(parseSeries({ firstDate: '2027-01-12', cadence: 'once', count: '9' }, '2027-01-04').dates).toEqual(['2027-01-12']);
    expect(parseSeries({ firstDate: '2027-01-12', externalEmails: 'A@Mind.example.org; b@nhs.example.uk' }, '2027-01-04').externalEmails).toEqual(['a@mind.example.org', 'b@nhs.example.uk']);
    expect(() => parseSeries({ firstDate: '2027-01-04', count: '13', externalEmails: 'nope' }, '2027-01-04')).toThrow(expect.objectContaining({ problems: { firstDate: 'Choose a date after today.', count: expect.any(String), externalEmails: expect.any(String) } }));
  });

  it('saves the series and schedules its diary work together; the work writes each meeting once and runs again after a failure', async () => {
    const dea = person('dea-1', ['dea'], { teamLeaderId: 'tl-1' });
    const owner = person('tl-1', ['work_coach_team_leader']);
    const wp = person('wp-1', ['work_psychologist']);
    const strategy: Strategy = { id: 's-1', kind: 'provision', title: 'Peer support', why: 'No peer support locally.', leadId: 'dea-1', ownerId: 'tl-1', status: 'active', areas: [], internalPartners: ['work_psychologist'], partnerIds: [], gapConferenceIds: [], gapNote: 'x', version: 3, createdAt: new Date(), updatedAt: new Date() };
    const store = new MemoryMeetings();
    const events: NewEvent[] = [];
    let failNext = true;
    const calendar: CalendarPort = {
      busy: async () => new Map(),
      createEvents: async (es) =>
        es.map((e, i) => {
          if (failNext && i === 1) return { ok: false as const, mailbox: e.mailbox, error: 'Graph did not answer', retryable: true };
          events.push(e);
          return { ok: true as const, mailbox: e.mailbox, eventId: `ev-${events.length}`, joinUrl: null };
        }),
      moveEvents: async () => [],
      deleteEvents: async () => [],
    };
    const scheduled: string[] = [];
    const service = new StrategyMeetingService({
      // Only find is read by the meetings.
      strategies: { find: async () => strategy } as unknown as StrategyStore,
      store,
      calendar,
      directory: new FakeDirectory([dea, owner, wp]),
      people: { holders: async (role) => (role === 'work_psychologist' ? [wp] : []) },
      work: { schedule: async (kind, id) => void scheduled.push(`${kind}:${id}`) },
      uow: immediateUnitOfWork,
      clock: { now: () => new Date('2027-01-04T09:00:00Z') },
      newId: () => 'series-1',
    });
    await expect(service.planSeries(owner, 's-1', 2, { firstDate: '2027-01-12' })).rejects.toMatchObject({ kind: 'conflict' });
    const planned = await service.planSeries(dea, 's-1', 3, { firstDate: '2027-01-12', cadence: 'monthly', count: '3', externalEmails: 'info@mind.example.org' });
    expect(planned).toHaveLength(3);
    expect(scheduled).toEqual([`${STRATEGY_MEETING_WORK}:series-1`]);
    await expect(service.writeSeries('series-1')).rejects.toThrow('1 strategy meetings could not be written');
    expect(events).toHaveLength(2);
    failNext = false;
    await service.writeSeries('series-1');
    await service.writeSeries('series-1');
    expect(events).toHaveLength(3);
    expect(new Set(events.map((e) => e.transactionId)).size).toBe(3);
    expect(events[0]).toMatchObject({ mailbox: 'dea-1@x.example', body: expect.stringContaining('Why this strategy is needed: No peer support locally.') });
    expect(events[0]!.attendees.map((a) => a.email)).toEqual(['tl-1@x.example', 'wp-1@x.example', 'info@mind.example.org']);
  });
});
