import type { CalendarPort, NewEvent } from '../../../domain/calendar/calendar-port';
import type { RoleHolders } from '../../../domain/follow-up-actions/ports';
import type { Role } from '../../../domain/roles';
import type { StaffMember } from '../../../domain/staff';
import { monthlyDates, type AgendaItem, type PartnershipActivity, type PartnershipMeeting } from '../../../domain/work-psychologist/partnership';
import { PartnershipService } from '../../../domain/work-psychologist/partnership-service';
import type { PartnershipStore } from '../../../domain/work-psychologist/ports';
import { FakeDirectory, FixedClock, person } from '../interventions/fakes';

class MemoryStore implements PartnershipStore {
  meetings: PartnershipMeeting[] = [];
  activities: PartnershipActivity[] = [];
  async addMeetings(ms: readonly Omit<PartnershipMeeting, 'id' | 'status' | 'eventId' | 'lastError'>[]) {
    let added = 0;
    for (const m of ms) {
      if (this.meetings.some((x) => x.deaId === m.deaId && x.month === m.month)) continue;
      this.meetings.push({ ...m, id: `m-${this.meetings.length + 1}`, status: 'pending', eventId: null, lastError: null });
      added++;
    }
    return added;
  }
  async meetingsOf() {
    return [...this.meetings].sort((a, b) => a.start.getTime() - b.start.getTime());
  }
  async unbooked() {
    return this.meetings.filter((m) => m.status !== 'booked');
  }
  async markMeeting(id: string, result: { status: 'booked'; eventId: string } | { status: 'failed'; lastError: string }) {
    this.meetings = this.meetings.map((m) => (m.id === id ? { ...m, ...result } : m));
  }
  async addActivity(a: Omit<PartnershipActivity, 'id'>) {
    const created = { ...a, id: `a-${this.activities.length + 1}` };
    this.activities.push(created);
    return created;
  }
  async findActivity(id: string) {
    return this.activities.find((a) => a.id === id) ?? null;
  }
  async completeActivity(id: string, date: string, note: string) {
    const a = this.activities.find((x) => x.id === id);
    if (!a || a.status === 'done') return false;
    this.activities = this.activities.map((x) => (x.id === id ? { ...x, status: 'done', date, note } : x));
    return true;
  }
  async activitiesOf() {
    return this.activities;
  }
}

function setUp(people: StaffMember[] = [person('dea-1', ['dea']), person('wp-1', ['work_psychologist'])]) {
  const events: NewEvent[] = [];
  const calendar: CalendarPort = {
    busy: async () => new Map(),
    createEvents: async (es) => es.map((e) => (events.push(e), { ok: true as const, mailbox: e.mailbox, eventId: `ev-${events.length}`, joinUrl: null })),
    moveEvents: async () => [],
    deleteEvents: async () => [],
  };
  const holders: RoleHolders = { holders: async (role: Role, jc: string) => people.filter((p) => p.roles.includes(role) && p.jobcentreId === jc), jobcentreName: async () => 'Crawley' };
  const store = new MemoryStore();
  const told: string[] = [];
  const agenda: AgendaItem[] = [{ reference: 'DEA-000004', what: 'Work coach and DEA case conference', at: new Date('2027-01-10T10:00:00Z'), nextSteps: ['work_psychologist_action'] }];
  const service = new PartnershipService({
    store,
    outputs: { outputsOf: async () => agenda },
    calendar,
    people: holders,
    directory: new FakeDirectory(people),
    notifier: { activityNeedsAttention: async (a, to) => void told.push(`${a.kind} -> ${to}`) },
    clock: new FixedClock(new Date('2027-01-04T09:00:00Z')),
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined },
  });
  return { service, store, events, told, dea: people.find((p) => p.id === 'dea-1')!, wp: people.find((p) => p.id === 'wp-1') };
}

describe('the DEA and the work psychologist (seed 000 §43–44)', () => {
  it('keeps a monthly meeting at the same place in each month', () => {
    // The 2nd Tuesday of January 2027, then of each month; a 5th Friday falls back to the last.
    expect(monthlyDates('2027-01-12', 4)).toEqual(['2027-01-12', '2027-02-09', '2027-03-09', '2027-04-13']);
    expect(monthlyDates('2027-01-29', 3)).toEqual(['2027-01-29', '2027-02-26', '2027-03-26']);
  });

  it('books 6 monthly meetings face to face by default, in both diaries (the work psychologist invited), once', async () => {
    const { service, store, events, dea } = setUp();
    expect(await service.planMonthlyMeetings(dea, { firstDate: '2027-01-12', time: '10:00' })).toBe(6);
    expect(await service.planMonthlyMeetings(dea, { firstDate: '2027-01-12', time: '10:00' })).toBe(0);
    expect(store.meetings.every((m) => m.mode === 'face_to_face')).toBe(true);
    expect(await service.bookUnbooked()).toBe(6);
    expect(await service.bookUnbooked()).toBe(0);
    expect(events[0]).toMatchObject({ mailbox: 'dea-1@example.gov.uk', attendees: [{ email: 'wp-1@example.gov.uk' }], onlineMeeting: false, start: new Date('2027-01-12T10:00:00Z') });
    expect(new Set(events.map((e) => e.transactionId)).size).toBe(6);
  });

  it('refuses a past date, a bad time, and a DEA with no work psychologist, saying why', async () => {
    const { service, dea } = setUp();
    await expect(service.planMonthlyMeetings(dea, { firstDate: '2027-01-01', time: '25:00' })).rejects.toMatchObject({ problems: { firstDate: 'Choose a date after today.', time: expect.any(String) } });
    const alone = setUp([person('dea-1', ['dea'])]);
    await expect(alone.service.planMonthlyMeetings(alone.dea, { firstDate: '2027-02-01' })).rejects.toMatchObject({ message: expect.stringContaining('Nobody at your jobcentre is a work psychologist') });
  });

  it('drafts the next meeting’s agenda from the outputs, by reference', async () => {
    const { service, dea } = setUp();
    await service.planMonthlyMeetings(dea, { firstDate: '2027-01-12' });
    const overview = (await service.overview(dea))!;
    expect(overview.next?.month).toBe('2027-01');
    expect(overview.agenda.map((a) => a.reference)).toEqual(['DEA-000004']);
  });

  it('a case conference: the DEA asks by request reference; the work psychologist records it with their advice; the DEA is told', async () => {
    const { service, told, dea, wp } = setUp();
    await expect(service.askCaseConference(dea, 'Smith AB123456C', 'x')).rejects.toMatchObject({ problems: { reference: expect.any(String) } });
    const asked = await service.askCaseConference(dea, 'dea-000123', 'Cannot use public transport; no local provision.');
    expect(asked).toMatchObject({ kind: 'case_conference', requestReference: 'DEA-000123', workPsychologistId: 'wp-1', status: 'requested' });
    await expect(service.recordCaseConference(dea, asked.id, '2027-01-03', 'x')).rejects.toMatchObject({ kind: 'not_allowed' });
    await expect(service.recordCaseConference(wp!, asked.id, '2027-02-01', 'x')).rejects.toMatchObject({ problems: { date: 'Record it once it has been held.' } });
    const done = await service.recordCaseConference(wp!, asked.id, '2027-01-03', 'Try a supported travel scheme.');
    expect(done).toMatchObject({ status: 'done', date: '2027-01-03' });
    await expect(service.recordCaseConference(wp!, asked.id, '2027-01-03', 'again')).rejects.toMatchObject({ kind: 'conflict' });
    expect(told).toEqual(['case_conference -> wp-1', 'case_conference -> dea-1']);
  });

  it('records awareness sessions, themed case conferences and training with their dates', async () => {
    const { service, dea, wp } = setUp();
    const session = await service.recordSession(dea, { kind: 'awareness_session', topic: 'Hidden impairments', date: '2026-12-15', feedback: 'Coaches unsure about autism.' });
    expect(session).toMatchObject({ kind: 'awareness_session', status: 'done', date: '2026-12-15', workPsychologistId: 'wp-1' });
    const planned = await service.recordSession(wp!, { kind: 'training', topic: 'Condition management', date: '2027-02-02' });
    expect(planned).toMatchObject({ status: 'requested', deaId: 'dea-1' });
    await expect(service.recordSession(dea, { kind: 'case_conference', topic: '', date: 'soon' })).rejects.toMatchObject({ problems: { kind: expect.any(String), topic: expect.any(String), date: expect.any(String) } });
  });
});
