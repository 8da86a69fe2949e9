import { directoryChanged } from '../../data/stores/staff-directory';
import { EmbeddedCalendar } from '../../data/calendar/embedded-calendar';
import { GraphCalendar } from '../../data/calendar/graph-calendar';
import type { StaffRow } from '../../data/schema/directory';
import { conferenceFixture, type ConferenceFixture } from '../support/conference-fixture';
import { GraphStandIn } from '../../testkit/graph-stand-in';
import type { GroupConferenceService } from '../../domain/conferences/group-conference-service';
import type { ConferencePlan } from '../../domain/conferences/plan';

const NOW = new Date('2026-11-23T09:00:00Z'); // a Monday in November: the plan covers December to March
const DANA = 'dana.morgan@jobcentre.example';

describe('group conferences booked through Microsoft Graph (local stand-in)', () => {
  let graph: GraphStandIn;
  let fx: ConferenceFixture;
  beforeEach(async () => {
    graph = await GraphStandIn.start({ latencyMs: 2 });
    fx = await conferenceFixture(NOW);
  });
  afterEach(async () => {
    await graph.close();
    await fx.db.close();
  });

  it('reads 31 diaries in getSchedule calls within Graph limits in one $batch, then books 12 meetings in the DEA’s diary in $batches of 4', async () => {
    const calendar = new GraphCalendar({ auth: { kind: 'none' }, baseUrl: graph.baseUrl });
    const service = fx.service(calendar);
    const draft = await service.draft(fx.wctl, { deaId: fx.dea.id, durationMinutes: 60, inviteWctl: true, inviteWorkPsychologist: true });
    expect(draft.groups.map((g) => g.length)).toEqual([10, 10, 10]);
    const schedules = graph.requestsTo(/\/calendar\/getSchedule$/, 'item');
    // 31 people (20 + 11) × 2 windows under 62 days (1 December to 1 April), together in one $batch.
    expect(schedules).toHaveLength(4);
    expect(schedules.every((r) => r.status === 200)).toBe(true);
    const afterReading = { ...calendar.counters };
    expect(afterReading).toEqual({ requests: 4, roundTrips: 1 });
    const readingBatches = graph.requestsTo('/$batch', 'top').length;
    expect(readingBatches).toBe(1);

    const { conferences } = await service.plan(draft.id);
    expect(conferences).toHaveLength(12);
    expect(new Set(conferences.map((c) => c.month))).toEqual(new Set(['2026-12', '2027-01', '2027-02', '2027-03']));
    expect(conferences.every((c) => c.status === 'proposed')).toBe(true);

    await service.confirm(fx.wctl, draft.id, draft.version);
    const progress: number[] = [];
    const result = await service.book(draft.id, async (p) => void progress.push(p.done));
    expect(result).toEqual({ done: 12, total: 12, failed: 0 });
    expect(progress).toEqual([4, 8, 12]);

    const events = graph.events(DANA);
    expect(events).toHaveLength(12);
    for (const event of events) {
      // The group's 10 coaches, the team leader and the work psychologist.
      expect(event.attendees).toHaveLength(12);
      expect(event.attendees.map((a) => a.emailAddress.address)).toEqual(expect.arrayContaining(['tom.baker@jobcentre.example', 'paul.avery@jobcentre.example']));
      expect(event.showAs).toBe('busy');
      expect(event.isOnlineMeeting).toBe(true);
      expect(event.subject).toMatch(/^Group work coach conference: group [1-3], /);
    }
    const batches = graph.requestsTo('/$batch', 'top').slice(readingBatches);
    expect(batches.map((b) => b.batchSize)).toEqual([4, 4, 4]);
    expect(graph.maxInFlight(DANA)).toBeLessThanOrEqual(4);
    expect(graph.rejectedForConcurrency).toBe(0);
    expect({ requests: calendar.counters.requests - afterReading.requests, roundTrips: calendar.counters.roundTrips - afterReading.roundTrips }).toEqual({ requests: 12, roundTrips: 3 });
    // Each conference's diary entry is shown to its coaches as busy time.
    const coach = (await fx.directory.findByIds([conferences[0]!.coachIds[0]!]))[0]!;
    const busy = await calendar.busy([coach.email], conferences[0]!.start!, conferences[0]!.end!);
    expect(busy.get(coach.email)).toHaveLength(1);
  });

  it('resumes after a failure part-way without a second meeting (answers lost after Graph made the events)', async () => {
    const calendar = new GraphCalendar({ auth: { kind: 'none' }, baseUrl: graph.baseUrl });
    const service = fx.service(calendar);
    const draft = await service.draft(fx.wctl, { deaId: fx.dea.id });
    // Reading the diaries is one $batch; the bookings follow.
    const readingBatches = graph.requestsTo('/$batch', 'top').length;
    expect(readingBatches).toBe(1);
    await service.confirm(fx.wctl, draft.id, draft.version);
    graph.failNext({ path: /\/events$/, method: 'POST', status: 500, scope: 'item', times: 3, afterHandling: true });
    const first = await service.book(draft.id);
    expect(first).toEqual({ done: 9, total: 12, failed: 3 });
    expect(graph.events(DANA)).toHaveLength(12);
    const failed = (await service.plan(draft.id)).conferences.filter((c) => c.status === 'failed');
    expect(failed).toHaveLength(3);

    const second = await service.book(draft.id);
    expect(second).toEqual({ done: 12, total: 12, failed: 0 });
    expect(graph.events(DANA)).toHaveLength(12);
    const booked = (await service.plan(draft.id)).conferences;
    expect(new Set(booked.map((c) => c.eventId)).size).toBe(12);
    // Only the three missing were sent again, in one batch.
    expect(graph.requestsTo('/$batch', 'top').slice(readingBatches).map((b) => b.batchSize)).toEqual([4, 4, 4, 3]);
  });

  it('moves and cancels a booked face-to-face conference in the diary; each diary write can run again without harm', async () => {
    const calendar = new GraphCalendar({ auth: { kind: 'none' }, baseUrl: graph.baseUrl });
    const service = fx.service(calendar);
    const draft = await service.draft(fx.wctl, { deaId: fx.dea.id, meetingMethod: 'face_to_face', venue: 'Leeds Jobcentre', room: 'Room 2', timeOfDay: 'morning' });
    await service.confirm(fx.wctl, draft.id, draft.version);
    await service.book(draft.id);
    const events = graph.events(DANA);
    expect(events).toHaveLength(12);
    for (const event of events) expect(event).toMatchObject({ location: { displayName: 'Room 2, Leeds Jobcentre' }, isOnlineMeeting: false });

    const january = (await service.plan(draft.id)).conferences.find((c) => c.month === '2027-01' && c.groupIndex === 0)!;
    const moved = await service.move(fx.wctl, january.id, january.version, '2027-01-21', '10:00');
    const inDiary = () => graph.events(DANA).find((e) => e.id === january.eventId);
    expect(inDiary()!.start.toISOString()).toBe('2027-01-21T10:00:00.000Z');
    // Run again (a retry after a lost answer): the same meeting, at the same time, no second one.
    await service.writeDiary(moved.id);
    expect(inDiary()!.start.toISOString()).toBe('2027-01-21T10:00:00.000Z');
    expect(graph.events(DANA)).toHaveLength(12);

    // A failed removal is thrown, so the work is tried again; the next run removes it.
    graph.failNext({ path: /\/events\//, method: 'DELETE', status: 500, scope: 'item', times: 1 });
    await expect(service.cancel(fx.wctl, moved.id, moved.version)).rejects.toThrow();
    expect(inDiary()).toBeDefined();
    await service.writeDiary(moved.id);
    expect(inDiary()).toBeUndefined();
    await service.writeDiary(moved.id);
    expect(graph.events(DANA)).toHaveLength(11);
    // The removed meeting's id is kept (a time given again is written under an id taken from it); its link is not.
    expect((await service.plan(draft.id)).conferences.find((c) => c.id === moved.id)).toMatchObject({ status: 'cancelled', eventId: january.eventId, joinUrl: null });
    expect(fx.notifier.said).toEqual(expect.arrayContaining([expect.stringMatching(/^moved /), expect.stringMatching(/^cancelled /)]));
  });

  it('a time typed for a change or a move must be a working time of the DEA, not a bank holiday of theirs; coaches not working then are its clashes', async () => {
    const service = fx.service(new EmbeddedCalendar(fx.db.dataSource));
    const draft = await service.draft(fx.wctl, { deaId: fx.dea.id });
    const march = (await service.plan(draft.id)).conferences.find((c) => c.month === '2027-03' && c.groupIndex === 0)!;
    const changed = (date: string, time: string) =>
      service.change(fx.wctl, draft.id, draft.version, march.id, date, time).then(() => 'changed', (e: { message: string; problems?: Record<string, string> }) => ({ message: e.message, problems: e.problems }));
    expect(await changed('2027-03-13', '10:00')).toEqual({ message: 'That is outside Dana Morgan’s working hours: Dana Morgan does not work on Saturdays.', problems: { date: 'Choose a day Dana Morgan works.' } });
    // An hour from 16:30 ends after Dana's 17:00.
    expect(await changed('2027-03-17', '16:30')).toEqual({ message: 'That is outside Dana Morgan’s working hours: Dana Morgan works 08:30 to 17:00 on Wednesdays.', problems: { time: 'Choose a time within Dana Morgan’s working hours.' } });
    // Good Friday 2027.
    expect(await changed('2027-03-26', '10:00')).toEqual({ message: 'Friday 26 March 2027 is a bank holiday for Dana Morgan.', problems: { date: 'Choose a day Dana Morgan works.' } });
    expect((await fx.store.findConference(march.id))!.start).toEqual(march.start);

    // One of the group works Monday to Thursday: a Friday conference lists them as a clash.
    const coachId = march.coachIds[0]!;
    await fx.db.dataSource.getRepository<StaffRow>('Staff').update({ id: coachId }, { workingHours: JSON.stringify({ mon: '08:30-17:00', tue: '08:30-17:00', wed: '08:30-17:00', thu: '08:30-17:00' }) });
    directoryChanged();
    const onFriday = await service.change(fx.wctl, draft.id, draft.version, march.id, '2027-03-19', '10:00');
    expect((await service.plan(onFriday.id)).conferences.find((c) => c.id === march.id)).toMatchObject({ start: new Date('2027-03-19T10:00:00Z'), clashes: [coachId] });

    await service.confirm(fx.wctl, onFriday.id, onFriday.version);
    await service.book(draft.id);
    const booked = (await fx.store.findConference(march.id))!;
    expect(booked.status).toBe('booked');
    const moved = (date: string, time: string) =>
      service.move(fx.wctl, booked.id, booked.version, date, time).then((c) => c.clashes, (e: { message: string; problems?: Record<string, string> }) => ({ message: e.message, problems: e.problems }));
    expect(await moved('2027-03-20', '10:00')).toEqual({ message: 'That is outside Dana Morgan’s working hours: Dana Morgan does not work on Saturdays.', problems: { date: 'Choose a day Dana Morgan works.' } });
    expect(await moved('2027-03-18', '08:00')).toEqual({ message: 'That is outside Dana Morgan’s working hours: Dana Morgan works 08:30 to 17:00 on Thursdays.', problems: { time: 'Choose a time within Dana Morgan’s working hours.' } });
    expect((await fx.store.findConference(booked.id))!).toMatchObject({ version: booked.version, start: booked.start });
    // Thursday: the coach works, and nobody is busy.
    expect(await moved('2027-03-18', '10:00')).toEqual([]);
  });

  it('a conference moved by half an hour is not its own clash; another meeting then still is; the diary work says what it did', async () => {
    const calendar = new GraphCalendar({ auth: { kind: 'none' }, baseUrl: graph.baseUrl });
    const service = fx.service(calendar);
    const draft = await service.draft(fx.wctl, { deaId: fx.dea.id });
    await service.confirm(fx.wctl, draft.id, draft.version);
    await service.book(draft.id);
    const january = (await service.plan(draft.id)).conferences.find((c) => c.month === '2027-01' && c.groupIndex === 0)!;
    // January is GMT: the London time is the UTC time.
    const later = new Date(january.start!.getTime() + 30 * 60_000).toISOString();
    const moved = await service.move(fx.wctl, january.id, january.version, later.slice(0, 10), later.slice(11, 16));
    expect(moved.clashes).toEqual([]);
    expect(await service.writeDiary(moved.id)).toMatchObject({ id: moved.id, status: 'booked', start: new Date(later) });

    // Someone else's meeting at the new time is a clash for the people in it.
    const coach = (await fx.directory.findByIds([moved.coachIds[0]!]))[0]!;
    const other = new Date(moved.start!.getTime() + 24 * 3600_000);
    const [made] = await calendar.createEvents([{ mailbox: coach.email, subject: 'Another meeting', body: '', start: other, end: new Date(other.getTime() + 3600_000), showAs: 'busy', attendees: [], location: null, onlineMeeting: false, transactionId: 'another-meeting' }]);
    expect(made?.ok).toBe(true);
    const clashing = await service.move(fx.wctl, moved.id, moved.version, other.toISOString().slice(0, 10), other.toISOString().slice(11, 16));
    expect(clashing.clashes).toContain(coach.id);

    const cancelled = await service.cancel(fx.wctl, clashing.id, clashing.version);
    // Run again: removing a meeting already gone succeeds, and changes nothing.
    const once = (await service.writeDiary(cancelled.conference.id))!;
    expect(once).toMatchObject({ id: moved.id, status: 'cancelled', joinUrl: null });
    expect(await service.writeDiary(cancelled.conference.id)).toMatchObject({ id: moved.id, status: 'cancelled', version: once.version });
    const gone = (await service.plan(draft.id)).conferences.find((c) => c.id === moved.id)!;
    expect(gone).toMatchObject({ status: 'cancelled', joinUrl: null });
    expect(await fx.db.dataSource.query('SELECT id FROM calendar_event WHERE id = ?', [gone.eventId])).toEqual([]);
  });
});

describe('group conferences in the embedded calendar', () => {
  let fx: ConferenceFixture;
  beforeEach(async () => {
    fx = await conferenceFixture(NOW);
  });
  afterEach(async () => {
    await fx.db.close();
  });

  /**
   * A plan booked December to March whose April the top-up found no time for: when April was planned
   * (on 1 December) Dana worked Saturday mornings only, so no time was shared with any group. Dana
   * is back on weekdays after it.
   */
  async function bookedWithAprilUnplaced(service: GroupConferenceService): Promise<ConferencePlan> {
    const draft = await service.draft(fx.wctl, { deaId: fx.dea.id });
    await service.confirm(fx.wctl, draft.id, draft.version);
    await service.book(draft.id);
    const staff = fx.db.dataSource.getRepository<StaffRow>('Staff');
    await staff.update({ id: fx.dea.id }, { workingHours: JSON.stringify({ sat: '09:00-13:00' }) });
    fx.clock.at = new Date('2026-12-01T06:00:00Z');
    expect(await service.topUp()).toEqual({ ran: true, added: 3 });
    await staff.update({ id: fx.dea.id }, { workingHours: null });
    return draft;
  }

  it('books, keeps the horizon with one top-up a month across instances, and follows the cohort as it changes', async () => {
    const calendar = new EmbeddedCalendar(fx.db.dataSource);
    const service = fx.service(calendar);
    const draft = await service.draft(fx.wctl, { deaId: fx.dea.id, durationMinutes: 90 });
    await service.confirm(fx.wctl, draft.id, draft.version);
    await service.book(draft.id);
    const again = await service.book(draft.id);
    expect(again).toEqual({ done: 12, total: 12, failed: 0 });
    const busy = await calendar.busy([DANA], NOW, new Date('2027-04-01T00:00:00Z'));
    expect(busy.get(DANA)).toHaveLength(12);
    const first = (await service.plan(draft.id)).conferences[0]!;
    expect(first.end!.getTime() - first.start!.getTime()).toBe(90 * 60_000);

    // A month on, two instances run the top-up at once: one adds April's three conferences.
    fx.clock.at = new Date('2026-12-01T06:00:00Z');
    const other = fx.service(calendar);
    const runs = await Promise.all([service.topUp(), other.topUp()]);
    expect(runs.filter((r) => r.ran)).toHaveLength(1);
    expect(runs.map((r) => r.added).sort()).toEqual([0, 3]);
    expect(await service.topUp()).toEqual({ ran: false, added: 0 });
    const months = (await service.plan(draft.id)).conferences.map((c) => c.month);
    expect(months.filter((m) => m === '2027-04')).toHaveLength(3);
    expect((await calendar.busy([DANA], NOW, new Date('2027-05-01T00:00:00Z'))).get(DANA)).toHaveLength(15);

    // One coach leaves the cohort, one joins: future conferences follow.
    const staff = fx.db.dataSource.getRepository<StaffRow>('Staff');
    const leaver = (await service.plan(draft.id)).plan.groups[0]![0]!;
    await staff.update({ id: leaver }, { deaId: null });
    const joiner = (await fx.directory.findByAadObjectId('00000000-0000-4000-8000-000000000006'))!; // Sofia Russo
    await staff.update({ id: joiner.id }, { deaId: fx.dea.id });
    await fx.db.dataSource.getRepository('StaffRole').insert({ staffId: joiner.id, role: 'work_coach' });
    // Changed as the seed changes the directory, which says so (people read a moment ago are read again).
    directoryChanged();
    const change = await service.syncCohort(draft.id);
    expect(change).toEqual({ joined: [joiner.id], left: [leaver] });
    const after = await service.plan(draft.id);
    expect(after.plan.groups[0]).toContain(joiner.id);
    for (const c of after.conferences.filter((x) => x.groupIndex === 0)) {
      expect(c.coachIds).toContain(joiner.id);
      expect(c.coachIds).not.toContain(leaver);
    }
    const leaverEmail = (await fx.directory.findById(leaver))!.email;
    expect((await calendar.busy([leaverEmail, joiner.email], NOW, new Date('2027-05-01T00:00:00Z'))).get(leaverEmail)).toHaveLength(0);
    expect((await calendar.busy([joiner.email], NOW, new Date('2027-05-01T00:00:00Z'))).get(joiner.email)).toHaveLength(5);

    // Every instance runs the cohort sync on its timer: in a quarter hour, exactly one of two does it.
    const syncs = await Promise.all([service.syncCohorts(), other.syncCohorts()]);
    expect(syncs.filter(Boolean)).toHaveLength(1);
    expect(await service.syncCohorts()).toBe(false);
  });

  it('a month the top-up found no time for is given a time by the team leader and booked, the team leader told of it; a cancelled one stays cancelled', async () => {
    const service = fx.service(new EmbeddedCalendar(fx.db.dataSource));
    const draft = await bookedWithAprilUnplaced(service);
    const april = (await service.plan(draft.id)).conferences.filter((c) => c.month === '2027-04');
    expect(april.map((c) => c.status)).toEqual(['unplaced', 'unplaced', 'unplaced']);
    // The team leader alone is told of each: the card they get asks them to give it a time.
    for (const c of april) expect(fx.notifier.said).toContain(`moved ${c.id} to ${fx.wctl.id}`);
    expect(fx.notifier.said.filter((line) => april.some((c) => line.includes(c.id)))).toHaveLength(3);

    // Dana is back on weekdays; the team leader gives group 1's April conference a time.
    const first = april[0]!;
    const refused = (date: string, time: string) => service.place(fx.wctl, first.id, first.version, date, time).then(() => 'placed', (e: { message: string; problems?: Record<string, string> }) => ({ message: e.message, problems: e.problems }));
    expect(await refused('2027-04-10', '10:00')).toEqual({ message: 'That is outside Dana Morgan’s working hours: Dana Morgan does not work on Saturdays.', problems: { date: 'Choose a day Dana Morgan works.' } });
    expect(await refused('2027-04-14', '07:00')).toEqual({ message: 'That is outside Dana Morgan’s working hours: Dana Morgan works 08:30 to 17:00 on Wednesdays.', problems: { time: 'Choose a time within Dana Morgan’s working hours.' } });
    expect(await refused('2027-03-14', '10:00')).toMatchObject({ problems: { date: 'Choose a date in April 2027.' } });
    await expect(service.place(fx.dea, first.id, first.version, '2027-04-14', '10:00')).rejects.toMatchObject({ kind: 'not_allowed' });

    // Wednesday 14 April 2027, 10:00 BST: booked in Dana's diary with the group's coaches invited.
    const placed = await service.place(fx.wctl, first.id, first.version, '2027-04-14', '10:00');
    expect(placed).toMatchObject({ status: 'booked', start: new Date('2027-04-14T09:00:00Z'), end: new Date('2027-04-14T10:00:00Z'), clashes: [], coachIds: draft.groups[0] });
    const [event] = await fx.db.dataSource.query('SELECT mailbox, attendees FROM calendar_event WHERE transactionId = ?', [`group-conference:${first.id}`]);
    expect(event.mailbox).toBe(DANA);
    expect(JSON.parse(event.attendees)).toHaveLength(10);
    await expect(service.place(fx.wctl, placed.id, placed.version, '2027-04-15', '10:00')).rejects.toMatchObject({ message: 'This conference is booked. Move it instead.' });
    // Its first time tells nobody in Teams: nobody was told anything of it before, and the coaches get the invitation.
    expect(fx.notifier.said.filter((line) => line.includes(first.id))).toHaveLength(1);

    // A cancelled conference is out of the diaries; its month can be given a time again, written under a new transaction id.
    const january = (await service.plan(draft.id)).conferences.find((c) => c.month === '2027-01' && c.groupIndex === 1)!;
    const { conference: cancelled } = await service.cancel(fx.wctl, january.id, january.version);
    const gone = (await fx.store.findConference(cancelled.id))!;
    expect(gone).toMatchObject({ status: 'cancelled', eventId: january.eventId });
    expect(await fx.db.dataSource.query('SELECT id FROM calendar_event WHERE transactionId = ?', [`group-conference:${january.id}`])).toEqual([]);
    const again = await service.place(fx.wctl, gone.id, gone.version, '2027-01-19', '11:00');
    expect(again).toMatchObject({ status: 'booked', start: new Date('2027-01-19T11:00:00Z') });
    // Everyone the cancel told is told again, now that it is on (the recording notifier names anything not cancelled "moved").
    const toldWhen = (what: string) => fx.notifier.said.filter((line) => line.startsWith(`${what} ${january.id} to `)).map((line) => line.slice(`${what} ${january.id} to `.length));
    expect(toldWhen('cancelled')).toHaveLength(1);
    expect(toldWhen('moved')).toEqual(toldWhen('cancelled'));
    expect(toldWhen('moved')[0]).toContain(fx.dea.id);
    expect(toldWhen('moved')[0]).not.toContain(fx.wctl.id);
    const rows = (await fx.db.dataSource.query('SELECT transactionId FROM calendar_event WHERE mailbox = ? AND startsAt = ?', [DANA, '2027-01-19 11:00:00.000'])) as { transactionId: string }[];
    expect(rows).toEqual([{ transactionId: expect.stringMatching(new RegExp(`^group-conference:${january.id}:again:[0-9a-f]{16}$`)) }]);
  });

  it('a cancelled conference’s cases go to the group’s next one even while that one waits for a time', async () => {
    const service = fx.service(new EmbeddedCalendar(fx.db.dataSource));
    const draft = await bookedWithAprilUnplaced(service);
    const conferences = (await service.plan(draft.id)).conferences;
    const march = conferences.find((c) => c.month === '2027-03' && c.groupIndex === 0)!;
    const april = conferences.find((c) => c.month === '2027-04' && c.groupIndex === 0)!;
    expect(april.status).toBe('unplaced');

    await fx.store.nominate({ conferenceId: march.id, nominatedById: fx.wctl.id, requestId: null, reference: null, note: 'Claimant with fluctuating fatigue' }, fx.clock.at);
    const { movedCases, next } = await service.cancel(fx.wctl, march.id, march.version);
    expect(next?.id).toBe(april.id);
    expect(movedCases).toBe(1);
    expect((await fx.store.casesOf(april.id)).map((c) => c.note)).toEqual(['Claimant with fluctuating fatigue']);
    expect(await fx.store.casesOf(march.id)).toEqual([]);
  });

  it('a coach who joins when every group has 10 starts a group of their own, planned around the other groups and booked; the plan says so', async () => {
    const calendar = new EmbeddedCalendar(fx.db.dataSource);
    const service = fx.service(calendar);
    const draft = await service.draft(fx.wctl, { deaId: fx.dea.id });
    expect(draft.groups.map((g) => g.length)).toEqual([10, 10, 10]);
    expect(draft.warning).toBeNull();
    await service.confirm(fx.wctl, draft.id, draft.version);
    await service.book(draft.id);

    // Sofia Russo becomes the cohort's 31st work coach.
    const staff = fx.db.dataSource.getRepository<StaffRow>('Staff');
    const joiner = (await fx.directory.findByAadObjectId('00000000-0000-4000-8000-000000000006'))!;
    await staff.update({ id: joiner.id }, { deaId: fx.dea.id });
    await fx.db.dataSource.getRepository('StaffRole').insert({ staffId: joiner.id, role: 'work_coach' });
    directoryChanged();
    expect(await service.syncCohort(draft.id)).toEqual({ joined: [joiner.id], left: [] });

    const { plan, conferences } = await service.plan(draft.id);
    // No group goes over 10: group 4 is Sofia's, and the groups of 10 keep their meetings as they were.
    expect(plan.groups.map((g) => g.length)).toEqual([10, 10, 10, 1]);
    expect(plan.groups[3]).toEqual([joiner.id]);
    for (const c of conferences.filter((x) => x.groupIndex < 3)) expect(c.coachIds).toHaveLength(10);
    expect(plan.warning).toBe(
      'Sofia Russo joined Dana Morgan’s cohort when every group already had 10 work coaches, so group 4 was added rather than go over 10. Dana Morgan now holds 4 conferences a month; check the new times below. ' +
        'The cohort has 31 work coaches, more than the 30 a DEA supports: consider sharing it with another DEA.',
    );
    // Group 4 meets every month the plan keeps, booked in Dana's and Sofia's diaries.
    const fourth = conferences.filter((c) => c.groupIndex === 3);
    expect(fourth.map((c) => c.month)).toEqual(['2026-12', '2027-01', '2027-02', '2027-03']);
    expect(fourth.every((c) => c.status === 'booked' && c.coachIds.length === 1 && c.coachIds[0] === joiner.id)).toBe(true);
    expect((await calendar.busy([joiner.email], NOW, new Date('2027-04-01T00:00:00Z'))).get(joiner.email)).toHaveLength(4);
    // Around the other groups: never over another of Dana's conferences, and on a day of its own.
    const danas = (await calendar.busy([DANA], NOW, new Date('2027-04-01T00:00:00Z'))).get(DANA)!;
    expect(danas).toHaveLength(16);
    const days = conferences.map((c) => c.start!.toISOString().slice(0, 10));
    expect(new Set(days).size).toBe(16);

    // Run again, nothing has changed: the plan is left as it is.
    expect(await service.syncCohort(draft.id)).toEqual({ joined: [], left: [] });
    expect((await service.plan(draft.id)).plan.version).toBe(plan.version);
  });

  it('refuses a second plan for a DEA whose conferences are already kept, and anyone but a team leader', async () => {
    const service = fx.service(new EmbeddedCalendar(fx.db.dataSource));
    await expect(service.draft(fx.dea, { deaId: fx.dea.id })).rejects.toMatchObject({ kind: 'not_allowed' });
    await expect(service.draft(fx.wctl, { deaId: fx.dea.id, durationMinutes: 30 })).rejects.toMatchObject({ kind: 'invalid', problems: { durationMinutes: expect.any(String) } });
    const draft = await service.draft(fx.wctl, { deaId: fx.dea.id });
    await service.confirm(fx.wctl, draft.id, draft.version);
    await expect(service.draft(fx.wctl, { deaId: fx.dea.id })).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('a draft read from the diaries is written only when saved, and not at all once another plan was confirmed meanwhile', async () => {
    const service = fx.service(new EmbeddedCalendar(fx.db.dataSource));
    const plans = () => fx.store.plansForDea(fx.dea.id, ['draft', 'confirmed', 'cancelled']);
    const prepared = await service.prepareDraft(fx.wctl, { deaId: fx.dea.id });
    expect(await plans()).toEqual([]);
    // Another click drafts and confirms while this one was reading the diaries.
    const other = await service.draft(fx.wctl, { deaId: fx.dea.id });
    await service.confirm(fx.wctl, other.id, other.version);
    await expect(prepared.save()).rejects.toMatchObject({ kind: 'conflict' });
    expect((await plans()).map((p) => [p.id, p.status])).toEqual([[other.id, 'confirmed']]);
  });
});
