import type { SupportRequest } from '../../../domain/requests/support-request';
import type { CalendarPort, Interval, NewEvent } from '../../../domain/calendar/calendar-port';
import { DEFAULT_WORKING_HOURS } from '../../../domain/calendar/working-hours';
import type { Role } from '../../../domain/roles';
import type { StaffMember } from '../../../domain/staff';
import { caseConferenceRights, monthlyDates, type AgendaItem, type PartnershipActivity, type PartnershipMeeting } from '../../../domain/work-psychologist/partnership';
import { AGENDA_AT_A_GLANCE, AGENDA_OF_ONE_DEA, PartnershipService, WAITING_SHOWN } from '../../../domain/work-psychologist/partnership-service';
import type { AgendaWindow, DistrictPeople, PartnershipStore, RecentOutputs } from '../../../domain/work-psychologist/ports';
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
  async meetingsOf(deaId: string, wpId: string) {
    return this.meetings.filter((m) => m.deaId === deaId && m.workPsychologistId === wpId).sort((a, b) => a.start.getTime() - b.start.getTime());
  }
  async meetingsOfWorkPsychologist(wpId: string, now = new Date()) {
    const mine = this.meetings.filter((m) => m.workPsychologistId === wpId).sort((a, b) => a.start.getTime() - b.start.getTime());
    const deas = [...new Set(mine.map((m) => m.deaId))];
    return deas
      .flatMap((dea) => [mine.filter((m) => m.deaId === dea && m.end <= now).at(-1), mine.find((m) => m.deaId === dea && m.end > now)])
      .filter((m): m is PartnershipMeeting => !!m)
      .sort((a, b) => a.start.getTime() - b.start.getTime());
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
  async activitiesOf(personId: string, limit: number) {
    return this.activities.filter((a) => a.deaId === personId || a.workPsychologistId === personId).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, limit);
  }
  async waitingConferences(wpId: string, limit: number, deaId?: string) {
    const waiting = this.activities.filter((a) => a.workPsychologistId === wpId && a.kind === 'case_conference' && a.status === 'requested' && (!deaId || a.deaId === deaId)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    const byDea = new Map<string, number>();
    for (const a of waiting) byDea.set(a.deaId, (byDea.get(a.deaId) ?? 0) + 1);
    return { oldest: waiting.slice(0, limit), byDea };
  }
}

function setUp(people: StaffMember[] = [person('dea-1', ['dea']), person('wp-1', ['work_psychologist'])], busy: Record<string, Interval[]> = {}) {
  const events: NewEvent[] = [];
  const calendar: CalendarPort = {
    busy: async (mailboxes) => new Map(mailboxes.map((m) => [m.toLowerCase(), busy[m.toLowerCase()] ?? []])),
    createEvents: async (es) => es.map((e) => (events.push(e), { ok: true as const, mailbox: e.mailbox, eventId: `ev-${events.length}`, joinUrl: null })),
    moveEvents: async () => [],
    deleteEvents: async () => [],
  };
  // Jobcentres "jc-…" of one district; "far-…" another district.
  const district = (jc: string | null) => (jc ?? '').split('-')[0];
  const holders: DistrictPeople = { holdersInDistrictOf: async (role: Role, jc: string) => people.filter((p) => p.roles.includes(role) && district(p.jobcentreId) === district(jc)) };
  const store = new MemoryStore();
  const told: string[] = [];
  const agenda: AgendaItem[] = [{ reference: 'DEA-000004', what: 'Work coach and DEA case conference', at: new Date('2027-01-10T10:00:00Z'), nextSteps: ['work_psychologist_action'] }];
  // Each DEA's outputs, by DEA id, for the work psychologist's page (`agenda` for anyone else).
  const outputsByDea = new Map<string, AgendaItem[]>();
  const outputReads: string[] = [];
  function outputsOf(deaId: string, from: Date, to: Date): Promise<AgendaItem[]>;
  function outputsOf(windows: readonly AgendaWindow[], newest: number): Promise<Map<string, RecentOutputs>>;
  async function outputsOf(first: string | readonly AgendaWindow[], second: Date | number): Promise<AgendaItem[] | Map<string, RecentOutputs>> {
    if (typeof first === 'string') {
      outputReads.push(first);
      return agenda;
    }
    outputReads.push(first.map((w) => w.deaId).join(' '));
    return new Map(first.map((w) => {
      const all = outputsByDea.get(w.deaId) ?? agenda;
      return [w.deaId, { items: all.slice(-Number(second)), total: all.length }] as const;
    }));
  }
  const clock = new FixedClock(new Date('2027-01-04T09:00:00Z'));
  const service = new PartnershipService({
    store,
    outputs: { outputsOf },
    calendar,
    people: holders,
    patterns: { of: async () => ({ hours: DEFAULT_WORKING_HOURS, region: 'england-and-wales' as const }) },
    directory: new FakeDirectory(people),
    // Requests DEA-000100 to DEA-000199 are dea-1's, from DEA-000200 dea-3's.
    requests: { findByNumber: async (n: number) => (n >= 100 ? ({ deaId: n >= 200 ? 'dea-3' : 'dea-1' } as SupportRequest) : null) },
    notifier: { activityNeedsAttention: async (a, to) => void told.push(`${a.kind} -> ${to}`) },
    clock,
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined },
  });
  return { service, store, clock, events, told, outputsByDea, outputReads, dea: people.find((p) => p.id === 'dea-1')!, wp: people.find((p) => p.id === 'wp-1') };
}

describe('the DEA and the work psychologist (seed 000 §43–44)', () => {
  it('keeps a monthly meeting at the same place in each month', () => {
    // The 2nd Tuesday of January 2027, then of each month; a 5th Friday falls back to the last.
    expect(monthlyDates('2027-01-12', 4)).toEqual(['2027-01-12', '2027-02-09', '2027-03-09', '2027-04-13']);
    expect(monthlyDates('2027-01-29', 3)).toEqual(['2027-01-29', '2027-02-26', '2027-03-26']);
  });

  it('books 6 monthly meetings face to face by default, in both diaries (the work psychologist invited), once', async () => {
    const { service, store, events, dea } = setUp();
    expect(await service.planMonthlyMeetings(dea, { firstDate: '2027-01-12', time: '10:00' })).toEqual({ added: 6, moved: [] });
    expect((await service.planMonthlyMeetings(dea, { firstDate: '2027-01-12', time: '10:00' })).added).toBe(0);
    expect(store.meetings.every((m) => m.mode === 'face_to_face')).toBe(true);
    expect(await service.bookUnbooked()).toBe(6);
    expect(await service.bookUnbooked()).toBe(0);
    expect(events[0]).toMatchObject({ mailbox: 'dea-1@example.gov.uk', attendees: [{ email: 'wp-1@example.gov.uk' }], onlineMeeting: false, start: new Date('2027-01-12T10:00:00Z') });
    expect(new Set(events.map((e) => e.transactionId)).size).toBe(6);
  });

  it('a series placed around the diaries is written only when saved', async () => {
    const { service, store, dea } = setUp();
    const prepared = await service.prepareMonthlyMeetings(dea, { firstDate: '2027-01-12', time: '10:00' });
    expect(store.meetings).toEqual([]);
    expect(await prepared.save()).toEqual({ added: 6, moved: [] });
    expect(store.meetings).toHaveLength(6);
  });

  it('refuses a past date, a bad time, and a DEA with no work psychologist, saying why', async () => {
    const { service, dea } = setUp();
    await expect(service.planMonthlyMeetings(dea, { firstDate: '2027-01-01', time: '25:00' })).rejects.toMatchObject({ problems: { firstDate: 'Choose a date after today.', time: expect.any(String) } });
    const alone = setUp([person('dea-1', ['dea'])]);
    await expect(alone.service.planMonthlyMeetings(alone.dea, { firstDate: '2027-02-01' })).rejects.toMatchObject({ message: expect.stringContaining('Nobody at your jobcentre or in your district is a work psychologist') });
  });

  it('drafts the next meeting’s agenda from the outputs, by reference', async () => {
    const { service, dea } = setUp();
    await service.planMonthlyMeetings(dea, { firstDate: '2027-01-12' });
    const [pair] = (await service.overview(dea))!.pairs;
    expect(pair!.next?.month).toBe('2027-01');
    expect(pair!.agenda.map((a) => a.reference)).toEqual(['DEA-000004']);
  });

  it('a case conference: the DEA asks by request reference; the work psychologist records it with their advice; the DEA is told', async () => {
    const { service, told, dea, wp } = setUp();
    await expect(service.askCaseConference(dea, 'Smith AB123456C', 'x')).rejects.toMatchObject({ problems: { reference: expect.any(String) } });
    // A mistyped reference, or another DEA's request: refused beside the reference, the work psychologist not asked.
    for (const other of ['DEA-000012', 'DEA-000201']) {
      await expect(service.askCaseConference(dea, other, 'Cannot use public transport.')).rejects.toMatchObject({ problems: { reference: `There is no request ${other} of yours: enter the reference of one of your requests, like DEA-000123.` } });
    }
    expect(told).toEqual([]);
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

  it('a case conference is opened by its DEA and its work psychologist only, and recorded by its work psychologist while it waits', async () => {
    const { service, dea, wp } = setUp([person('dea-1', ['dea']), person('wp-1', ['work_psychologist']), person('dea-2', ['dea']), person('coach-1', ['work_coach'])]);
    const asked = await service.askCaseConference(dea, 'DEA-000123', 'Cannot use public transport.');
    expect(caseConferenceRights(asked, 'wp-1')).toEqual({ see: true, record: true });
    expect(caseConferenceRights(asked, 'dea-1')).toEqual({ see: true, record: false });
    expect(caseConferenceRights(asked, 'dea-2')).toEqual({ see: false, record: false });
    expect(await service.openCaseConference(wp!, asked.id)).toMatchObject({ id: asked.id });
    expect(await service.openCaseConference(dea, asked.id)).toMatchObject({ id: asked.id });
    for (const other of [person('dea-2', ['dea']), person('coach-1', ['work_coach'])]) {
      await expect(service.openCaseConference(other, asked.id)).rejects.toMatchObject({ kind: 'not_found', message: 'That case conference does not exist, or is not yours to see.' });
      await expect(service.recordCaseConference(other, asked.id, '2027-01-03', 'x')).rejects.toMatchObject({ kind: 'not_found' });
    }
    await expect(service.openCaseConference(wp!, 'a-999')).rejects.toMatchObject({ kind: 'not_found' });
    // A session is not a case conference: not opened, nor recorded, as one.
    const session = await service.recordSession(dea, { kind: 'training', topic: 'Autism', date: '2027-02-02' });
    await expect(service.openCaseConference(wp!, session.id)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(service.recordCaseConference(wp!, session.id, '2027-01-03', 'x')).rejects.toMatchObject({ kind: 'not_found' });
    const done = await service.recordCaseConference(wp!, asked.id, '2027-01-03', 'Try a supported travel scheme.');
    expect(caseConferenceRights(done, 'wp-1')).toEqual({ see: true, record: false });
  });

  it('a work psychologist’s page lists every case conference waiting for them, longest waiting first, the first few to open', async () => {
    const at = (p: StaffMember, name: string): StaffMember => ({ ...p, jobcentreId: 'jc-1', name });
    const { service, store, wp } = setUp([at(person('dea-1', ['dea']), 'Dana Morgan'), at(person('dea-2', ['dea']), 'Ann Bell'), at(person('wp-1', ['work_psychologist']), 'Paul Avery')]);
    // Waiting ones older than the newest 50 activities the page lists: still waiting, still counted.
    for (let k = 0; k < WAITING_SHOWN + 3; k++) {
      await store.addActivity({ deaId: 'dea-1', workPsychologistId: 'wp-1', kind: 'case_conference', status: 'requested', requestReference: `DEA-${String(300 + k).padStart(6, '0')}`, topic: 'x', feedback: null, date: null, note: null, createdAt: new Date(Date.UTC(2026, 11, 1 + k)) });
    }
    await store.addActivity({ deaId: 'dea-1', workPsychologistId: 'wp-1', kind: 'case_conference', status: 'done', requestReference: 'DEA-000399', topic: 'x', feedback: null, date: '2026-12-20', note: 'advice', createdAt: new Date(Date.UTC(2026, 10, 1)) });
    for (let k = 0; k < 60; k++) await store.addActivity({ deaId: 'dea-1', workPsychologistId: 'wp-1', kind: 'training', status: 'done', requestReference: null, topic: `T${k}`, feedback: null, date: '2026-12-30', note: null, createdAt: new Date(Date.UTC(2026, 11, 30, 0, k)) });
    // Ann's one waits less long than all of Dana's: not among the first shown, yet counted with her.
    await store.addActivity({ deaId: 'dea-2', workPsychologistId: 'wp-1', kind: 'case_conference', status: 'requested', requestReference: 'DEA-000400', topic: 'x', feedback: null, date: null, note: null, createdAt: new Date(Date.UTC(2026, 11, 29)) });
    store.activities.reverse();
    const overview = (await service.overview(wp!))!;
    expect(overview.waitingTotal).toBe(WAITING_SHOWN + 4);
    expect(overview.waiting.map((a) => a.requestReference)).toEqual(Array.from({ length: WAITING_SHOWN }, (_, k) => `DEA-${String(300 + k).padStart(6, '0')}`));
    const [ann, dana] = overview.pairs;
    expect([dana!.dea.id, dana!.waiting.length, dana!.waitingTotal]).toEqual(['dea-1', WAITING_SHOWN, WAITING_SHOWN + 3]);
    expect([ann!.dea.id, ann!.waiting, ann!.waitingTotal]).toEqual(['dea-2', [], 1]);
    // Ann's agenda, opened from the page: hers only.
    const annOnly = (await service.overview(wp!, 'dea-2'))!;
    expect([annOnly.waiting.map((a) => a.requestReference), annOnly.waitingTotal, annOnly.pairs[0]!.waitingTotal]).toEqual([['DEA-000400'], 1, 1]);
    // The DEA records none of them: nothing waits for them.
    const forDea = (await service.overview(person('dea-1', ['dea'])))!;
    expect([forDea.waiting, forDea.waitingTotal, forDea.pairs[0]!.waiting, forDea.pairs[0]!.waitingTotal]).toEqual([[], 0, [], 0]);
  });

  it('a session recorded ahead of its date is planned until that day, then held', async () => {
    const { service, clock, dea } = setUp();
    const planned = await service.recordSession(dea, { kind: 'awareness_session', topic: 'Hidden impairments', date: '2027-01-20' });
    expect(planned.status).toBe('requested');
    const statusOn = async (instant: string) => {
      clock.set(new Date(instant));
      return (await service.overview(dea))!.pairs[0]!.activities.find((a) => a.id === planned.id)!.status;
    };
    expect(await statusOn('2027-01-19T23:30:00Z')).toBe('requested');
    // Midnight in London: the day of the session.
    expect(await statusOn('2027-01-20T00:00:00Z')).toBe('done');
    expect(await statusOn('2027-03-01T09:00:00Z')).toBe('done');
  });

  it('moves a meeting off a bank holiday, and off a time either is busy, to the same time on the next good day, saying why', async () => {
    // The first Monday of each month; 3 May 2027 is the Early May bank holiday; the work psychologist is busy on 7 June at 10:00.
    const { service, store, events, dea } = setUp(undefined, { 'wp-1@example.gov.uk': [{ start: new Date('2027-06-07T08:30:00Z'), end: new Date('2027-06-07T09:30:00Z') }] });
    const series = await service.planMonthlyMeetings(dea, { firstDate: '2027-05-03', time: '10:00' });
    expect(series.added).toBe(6);
    expect(series.moved.map((m) => [m.start.toISOString(), m.movedBecause])).toEqual([
      ['2027-05-04T09:00:00.000Z', expect.stringMatching(/^Moved from .*3 May.*: .*is a bank holiday \(Early May bank holiday\)\.$/)],
      ['2027-06-08T09:00:00.000Z', expect.stringMatching(/wp-1 Person is busy then\.$/)],
    ]);
    // The others keep the usual time; the diaries get the moved times.
    expect(store.meetings.filter((m) => !m.movedBecause).map((m) => m.start.toISOString())).toEqual(['2027-07-05T09:00:00.000Z', '2027-08-02T09:00:00.000Z', '2027-09-06T09:00:00.000Z', '2027-10-04T09:00:00.000Z']);
    await service.bookUnbooked();
    expect(events.map((e) => e.start.toISOString())).toContain('2027-05-04T09:00:00.000Z');
  });

  it('keeps a meeting at its usual time, saying so, when the two share no free working time later that month', async () => {
    const wholeMonth = [{ start: new Date('2027-06-28T00:00:00Z'), end: new Date('2027-07-01T00:00:00Z') }];
    const { service, dea } = setUp(undefined, { 'dea-1@example.gov.uk': wholeMonth });
    // The last Monday of June 2027 is 28 June: busy to the month's end.
    const series = await service.planMonthlyMeetings(dea, { firstDate: '2027-06-28', time: '10:00' });
    expect(series.moved[0]).toMatchObject({ start: new Date('2027-06-28T09:00:00Z'), movedBecause: expect.stringContaining('Kept at its usual time although dea-1 Person is busy then') });
  });

  it('shows a work psychologist every DEA of the district who works with them, each with their meeting and cases', async () => {
    const at = (p: StaffMember, jobcentreId: string, name: string): StaffMember => ({ ...p, jobcentreId, name });
    const wp = at(person('wp-1', ['work_psychologist']), 'jc-1', 'Paul Avery');
    const dea1 = at(person('dea-1', ['dea']), 'jc-1', 'Dana Morgan');
    const dea2 = at(person('dea-2', ['dea']), 'jc-1', 'Ann Bell');
    // Another jobcentre of the district, with no work psychologist of its own.
    const dea3 = at(person('dea-3', ['dea']), 'jc-2', 'Cara Diaz');
    // Another district, with its own work psychologist.
    const far = at(person('dea-4', ['dea']), 'far-1', 'Eve Far');
    const farWp = at(person('wp-2', ['work_psychologist']), 'far-1', 'Zed Far');
    const { service } = setUp([wp, dea1, dea2, dea3, far, farWp]);
    expect((await service.workPsychologistFor(dea3))?.id).toBe('wp-1');
    await service.planMonthlyMeetings(dea1, { firstDate: '2027-01-12' });
    await service.planMonthlyMeetings(dea3, { firstDate: '2027-01-14' });
    await service.askCaseConference(dea3, 'DEA-000200', 'No transport to provision.');
    const overview = (await service.overview(wp))!;
    expect(overview.viewerIsDea).toBe(false);
    expect(overview.pairs.map((p) => p.dea.name)).toEqual(['Ann Bell', 'Cara Diaz', 'Dana Morgan']);
    const cara = overview.pairs.find((p) => p.dea.id === 'dea-3')!;
    expect(cara.next?.start).toEqual(new Date('2027-01-14T10:00:00Z'));
    expect(cara.activities.map((a) => a.requestReference)).toEqual(['DEA-000200']);
    expect(overview.pairs.find((p) => p.dea.id === 'dea-2')!.next).toBeNull();
    expect(overview.pairs.find((p) => p.dea.id === 'dea-1')!.activities).toEqual([]);
    // With several DEAs, a session says which one.
    await expect(service.recordSession(wp, { kind: 'training', topic: 'Autism', date: '2027-01-20' })).rejects.toMatchObject({ problems: { deaId: 'Choose the DEA you held it with.' } });
    expect(await service.recordSession(wp, { kind: 'training', topic: 'Autism', date: '2027-01-20', deaId: 'dea-2' })).toMatchObject({ deaId: 'dea-2' });
    await expect(service.recordSession(wp, { kind: 'training', topic: 'Autism', date: '2027-01-20', deaId: 'dea-4' })).rejects.toMatchObject({ problems: { deaId: expect.any(String) } });
  });

  it('a work psychologist of 20 DEAs with years of meetings: each DEA’s next meeting, and the newest of each DEA’s outputs, all DEAs’ read at once', async () => {
    const wp = { ...person('wp-1', ['work_psychologist']), jobcentreId: 'jc-1' };
    const deas = Array.from({ length: 20 }, (_, i) => ({ ...person(`dea-${i + 1}`, ['dea']), jobcentreId: 'jc-1', name: `DEA ${String(i + 1).padStart(2, '0')}` }));
    const { service, store, outputsByDea, outputReads } = setUp([wp, ...deas]);
    // Three years of monthly meetings before the clock's day (4 January 2027), and six ahead, each DEA on a day of their own.
    for (const [i, dea] of deas.entries()) {
      await store.addMeetings(Array.from({ length: 42 }, (_, k) => {
        const start = new Date(Date.UTC(2024, k, 5 + i, 10));
        return { deaId: dea.id, workPsychologistId: wp.id, month: start.toISOString().slice(0, 7), start, end: new Date(start.getTime() + 3_600_000), mode: 'teams' as const, movedBecause: null };
      }));
      outputsByDea.set(dea.id, Array.from({ length: 50 }, (_, k) => ({ reference: `DEA-${String(i * 100 + k).padStart(6, '0')}`, what: 'Work coach and DEA case conference', at: new Date(Date.UTC(2026, 11, 6, 0, k)), nextSteps: [] })));
    }
    const overview = (await service.overview(wp))!;
    expect(overview.pairs).toHaveLength(20);
    for (const [i, pair] of overview.pairs.entries()) {
      expect(pair.next?.start).toEqual(new Date(Date.UTC(2027, 0, 5 + i, 10)));
      expect(pair.agenda).toHaveLength(AGENDA_AT_A_GLANCE);
      expect(pair.agenda.at(-1)?.reference).toBe(`DEA-${String(i * 100 + 49).padStart(6, '0')}`);
      expect(pair.agendaTotal).toBe(50);
    }
    // One read of the outputs for all 20 DEAs, not one each.
    expect(outputReads).toEqual([deas.map((d) => d.id).join(' ')]);
    // One DEA's agenda, opened from the page: up to 50 of their outputs; another work psychologist's DEA is not theirs to open.
    const one = (await service.overview(wp, 'DEA-3'))!;
    expect(one.pairs.map((p) => [p.dea.id, p.agenda.length, p.agendaTotal])).toEqual([['dea-3', AGENDA_OF_ONE_DEA, 50]]);
    await expect(service.overview(wp, 'dea-99')).rejects.toMatchObject({ kind: 'not_found' });
  });
});
