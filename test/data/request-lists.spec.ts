import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { applySeed } from '../../data/seed/apply-seed';
import { parseSeedFile } from '../../data/seed/seed-file';
import { SqlRequestLists } from '../../data/stores/request-lists';
import { QUEUE_INDEX_STATUSES } from '../../data/migrations/1765200000000-QueueOrderIndex';
import { MeetingTimeOnRequest1765300000000 } from '../../data/migrations/1765300000000-MeetingTimeOnRequest';
import { TeamLeadersOnRequest1766000000000 } from '../../data/migrations/1766000000000-TeamLeadersOnRequest';
import { compareCodes } from '../../domain/names';
import { OPEN_STATUSES } from '../../domain/requests/state-machine';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import type { NewSupportRequest } from '../../domain/requests/ports';
import type { StaffMember } from '../../domain/staff';
import { recordStatements, type StatementRecording } from '../../testkit/statement-log';
import { openTempDatabase, type TempDatabase } from '../support/template-database';

describe('SqlRequestLists: each list a page at a time, in one statement', () => {
  let db: TempDatabase;
  let lists: SqlRequestLists;
  let store: SqlSupportRequestStore;
  let coach: StaffMember;
  let other: StaffMember;
  let teamLeader: StaffMember;
  let base: NewSupportRequest;
  const at = new Date('2026-11-23T10:00:00.000Z');
  let recording: StatementRecording;
  /** The statements sent since the test last emptied the list. */
  const statements = (): string[] => recording.sent.map((s) => s.sql);
  const parametersOf = (sql: string): unknown[] => recording.sent.find((s) => s.sql === sql)!.parameters;

  beforeEach(async () => {
    db = await openTempDatabase();
    await applySeed(db.dataSource, parseSeedFile(readFileSync(join(__dirname, '..', '..', 'data', 'seed', 'demo-staff.json'), 'utf8')));
    const directory = new SqlStaffDirectory(db.dataSource);
    coach = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000001'))!;
    other = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000101'))!;
    teamLeader = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000003'))!;
    store = new SqlSupportRequestStore(db.dataSource);
    lists = new SqlRequestLists(db.dataSource);
    base = {
      type: 'claimant_support',
      requesterId: coach.id,
      deaId: coach.deaId!,
      claimant: { surname: 'Smith', nino: 'AB123456C', benefits: ['UC'] },
      topic: null,
      description: 'Challenges',
      reason: 'Why',
      requiredBy: '2026-12-01',
      urgent: false,
      vulnerability: null,
    };
    recording = recordStatements(db.dataSource);
  });
  afterEach(async () => {
    recording.stop();
    await db.close();
  });

  /** How many requests `meeting` has made: each a second later than the one before. */
  let meetingsMade = 0;
  /** A request with a booked meeting: its DEA, the work coach who asked, how it was accepted, and its status. */
  const meeting = async (requesterId: string, deaId: string, channel: 'case_conference' | 'three_way_intervention' | 'claimant_support_intervention', status = 'booked') => {
    const request = await store.create({ ...base, requesterId, deaId, acceptedAs: channel }, new Date(at.getTime() + ++meetingsMade * 1000));
    const start = new Date(at.getTime() + meetingsMade * 86_400_000).toISOString();
    await db.dataSource.query('UPDATE support_request SET status = ? WHERE id = ?', [status, request.id]);
    await db.dataSource.query(
      "INSERT INTO booking (id, requestId, startsAt, endsAt, mode, status, events, version, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'teams', 'booked', '[]', 1, ?, ?)",
      [randomUUID(), request.id, start, start, start, start],
    );
    return request.id;
  };
  /** A member of staff with one role and no team leader, written straight into SQL. */
  const person = async (name: string, role: 'dea' | 'work_coach_team_leader') => {
    const id = randomUUID();
    const stamp = at.toISOString();
    await db.dataSource.query('INSERT INTO staff (id, aadObjectId, name, email, jobcentreId, deaId, teamLeaderId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?)', [id, randomUUID(), name, `${name.replace(' ', '.').toLowerCase()}@jobcentre.example`, coach.jobcentreId, stamp, stamp]);
    await db.dataSource.query('INSERT INTO staff_role (staffId, role) VALUES (?, ?)', [id, role]);
    return id;
  };

  const make = (n: number, change: (i: number) => Partial<NewSupportRequest> = () => ({})) =>
    Promise.all(Array.from({ length: n }, (_, i) => store.create({ ...base, ...change(i) }, new Date(at.getTime() + i * 1000))));

  it('queue: urgent first, then by date needed (none last), 25 at a time with the count of all', async () => {
    await make(60, (i) => ({ requiredBy: i === 7 ? null : `2026-12-${String(28 - (i % 25)).padStart(2, '0')}`, urgent: i === 40 }));
    const made = await make(1, () => ({ requesterId: other.id, type: 'skill_support', claimant: null, topic: 'retention' }));
    recording.sent.length = 0;
    const first = await lists.queue(coach.deaId!, 0, 25);
    expect(statements()).toHaveLength(1);
    expect(first.total).toBe(61);
    expect(first.items).toHaveLength(25);
    expect(first.items[0]!.urgent).toBe(true);
    const dates = first.items.slice(1).map((r) => r.requiredBy!);
    expect(dates).toEqual([...dates].sort());
    // The skill request is needed soonest (1 December): no claimant, its requester named.
    expect(first.items[1]).toMatchObject({ id: made[0]!.id, claimantSurname: null, topic: 'retention', requesterName: other.name, type: 'skill_support' });
    expect(first.items[2]).toMatchObject({ claimantSurname: 'Smith', requesterName: coach.name, type: 'claimant_support', status: 'submitted' });
    const last = await lists.queue(coach.deaId!, 50, 25);
    expect(last.items).toHaveLength(11);
    expect(last.items.at(-1)!.requiredBy).toBeNull();
    const all = [first, await lists.queue(coach.deaId!, 25, 25), last].flatMap((p) => p.items.map((r) => r.id));
    expect(new Set(all).size).toBe(61);
    expect(all).toContain(made[0]!.id);

    // Any page is read in the queue's order from its own index: no sort of every open request.
    const plan = (await db.dataSource.query(`EXPLAIN QUERY PLAN ${statements()[0]!}`, parametersOf(statements()[0]!))) as { detail: string }[];
    expect(plan.map((p) => p.detail)).toContainEqual(expect.stringContaining('USING INDEX IDX_support_request_queue'));
    expect(plan.filter((p) => p.detail.includes('TEMP B-TREE')).map((p) => p.detail)).toEqual(['USE TEMP B-TREE FOR ORDER BY']);
  });

  it('queue: a long one is counted only to the bound, and every open request is still on a page', async () => {
    await make(5);
    const countedToThree = new SqlRequestLists(db.dataSource, 3);
    recording.sent.length = 0;
    const first = await countedToThree.queue(coach.deaId!, 0, 2);
    expect(statements()).toHaveLength(1);
    expect(first).toMatchObject({ total: 3, moreThanTotal: true, hasNext: true });
    const pages = [first, await countedToThree.queue(coach.deaId!, 2, 2), await countedToThree.queue(coach.deaId!, 4, 2)];
    expect(pages.map((p) => p.hasNext)).toEqual([true, true, false]);
    expect(new Set(pages.flatMap((p) => p.items.map((r) => r.id))).size).toBe(5);
    // Up to the bound the count is exact.
    expect(await new SqlRequestLists(db.dataSource, 5).queue(coach.deaId!, 0, 25)).toMatchObject({ total: 5, moreThanTotal: false, hasNext: false });
    expect(await new SqlRequestLists(db.dataSource, 4).queue(coach.deaId!, 0, 25)).toMatchObject({ total: 4, moreThanTotal: true });
  });

  it("the queue's index holds the domain's open statuses", () => {
    expect([...QUEUE_INDEX_STATUSES]).toEqual([...OPEN_STATUSES]);
  });

  it('a page past the end (the list got shorter) gives the first page', async () => {
    await make(3);
    const page = await lists.queue(coach.deaId!, 50, 25);
    expect(page).toMatchObject({ offset: 0, total: 3 });
    expect(page.items).toHaveLength(3);
  });

  it('my requests: newest first, only the requester’s own', async () => {
    await make(30);
    await make(2, () => ({ requesterId: other.id }));
    const page = await lists.mine(coach.id, 0, 25);
    expect(page.total).toBe(30);
    expect(page.items[0]!.reference).toBe('DEA-000030');
    expect((await lists.mine(other.id, 0, 25)).total).toBe(2);
    expect((await lists.mine(teamLeader.id, 0, 25))).toMatchObject({ total: 0, items: [] });
  });

  it('meetings and quality checks: booked ones with their booking, held ones after; the check as it stands', async () => {
    const [soon, later, held, refused] = await make(4, () => ({ acceptedAs: 'case_conference' }));
    const book = async (requestId: string, start: string, status: string, bookingStatus = 'booked') => {
      await db.dataSource.query('UPDATE support_request SET status = ? WHERE id = ?', [status, requestId]);
      await db.dataSource.query(
        'INSERT INTO booking (id, requestId, startsAt, endsAt, mode, status, events, version, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)',
        [randomUUID(), requestId, start, start.replace('T10', 'T11'), 'teams', bookingStatus, '[]', start, start],
      );
    };
    await book(later!.id, '2026-12-10T10:00:00.000Z', 'booked');
    await book(soon!.id, '2026-12-02T10:00:00.000Z', 'booked');
    await book(held!.id, '2026-11-20T10:00:00.000Z', 'held');
    await book(refused!.id, '2026-11-21T10:00:00.000Z', 'booked', 'cancelled');
    await db.dataSource.query("INSERT INTO meeting_record (id, requestId, kind, authorId, at, body, nextSteps) VALUES (?, ?, 'summary', ?, ?, 'x', '')", [randomUUID(), held!.id, coach.deaId, at.toISOString()]);
    await db.dataSource.query("INSERT INTO quality_check (id, requestId, standard, checkerId, markedAt) VALUES (?, ?, 'qas2', ?, ?)", [randomUUID(), soon!.id, teamLeader.id, at.toISOString()]);

    recording.sent.length = 0;
    const meetings = await lists.meetings(coach.deaId!, 0, 25);
    expect(statements()).toHaveLength(1);
    expect(meetings.items.map((m) => m.id)).toEqual([soon!.id, later!.id, held!.id]);
    expect(meetings.items[0]!.start).toEqual(new Date('2026-12-02T10:00:00.000Z'));
    expect(meetings.items.map((m) => m.summarySent)).toEqual([false, false, true]);
    expect(meetings.items[2]).toMatchObject({ start: new Date('2026-11-20T10:00:00.000Z'), end: new Date('2026-11-20T11:00:00.000Z') });
    // Chosen, ordered and counted from the requests' own index: no booking read. Each status read in
    // the list's order and cut at the page's end; only the coming ones sort, and only meetings at the
    // same time (by number, latest first).
    const plan = (await db.dataSource.query(`EXPLAIN QUERY PLAN ${statements()[0]!}`, parametersOf(statements()[0]!))) as { id: number; parent: number; detail: string }[];
    const steps = plan.map((p) => p.detail);
    const stepsOf = (coroutine: string) => plan.filter((p) => p.parent === plan.find((c) => c.detail === `CO-ROUTINE ${coroutine}`)?.id).map((p) => p.detail);
    const byIndex = expect.stringMatching(/^SEARCH q USING COVERING INDEX IDX_support_request_meetings \(deaId=\? AND status=\? AND meetingStartsAt>\?\)$/);
    expect(stepsOf('booked')).toEqual([byIndex, 'USE TEMP B-TREE FOR LAST TERM OF ORDER BY']);
    expect(stepsOf('held')).toEqual([byIndex]);
    expect(stepsOf('outcome_recorded')).toEqual([byIndex]);
    expect(steps.filter((d) => /\bbooking\b|\bb\b/.test(d))).toEqual([]);

    // The database keeps the meeting's time beside the request, whatever writes the booking.
    const meetingIds = async () => (await lists.meetings(coach.deaId!, 0, 25)).items.map((m) => m.id);
    await db.dataSource.query("UPDATE booking SET startsAt = '2026-12-12T10:00:00.000Z', endsAt = '2026-12-12T11:00:00.000Z' WHERE requestId = ?", [soon!.id]);
    expect(await meetingIds()).toEqual([later!.id, soon!.id, held!.id]);
    expect((await lists.meetings(coach.deaId!, 0, 25)).items[1]).toMatchObject({ start: new Date('2026-12-12T10:00:00.000Z'), end: new Date('2026-12-12T11:00:00.000Z') });
    await db.dataSource.query("UPDATE booking SET status = 'cancelled' WHERE requestId = ?", [later!.id]);
    expect(await meetingIds()).toEqual([soon!.id, held!.id]);
    await db.dataSource.query("UPDATE booking SET status = 'booked' WHERE requestId = ?", [later!.id]);
    expect(await meetingIds()).toEqual([later!.id, soon!.id, held!.id]);
    await db.dataSource.query('DELETE FROM booking WHERE requestId = ?', [later!.id]);
    expect(await lists.meetings(coach.deaId!, 0, 25)).toMatchObject({ total: 2, items: [{ id: soon!.id }, { id: held!.id }] });
    await book(later!.id, '2026-12-10T10:00:00.000Z', 'booked');
    // Meetings booked before the migration get their times when it runs.
    const runner = db.dataSource.createQueryRunner();
    try {
      await new MeetingTimeOnRequest1765300000000().down(runner);
      await new MeetingTimeOnRequest1765300000000().up(runner);
    } finally {
      await runner.release();
    }
    expect(await lists.meetings(coach.deaId!, 0, 25)).toMatchObject({ total: 3, items: [{ id: later!.id, start: new Date('2026-12-10T10:00:00.000Z') }, { id: soon!.id }, { id: held!.id }] });

    const checks = await lists.checkable(teamLeader.id, 0, 25);
    expect(checks.items.map((m) => m.id).sort()).toEqual([soon!.id, later!.id, held!.id].sort());
    expect(checks.items.find((m) => m.id === soon!.id)!.check).toEqual({ standard: 'qas2', result: null });
    expect(checks.items.every((m) => m.claimantSurname === null)).toBe(true);
    expect((await lists.checkable(coach.id, 0, 25)).total).toBe(0);

    // The database keeps "has a booked meeting" beside the request, whatever writes the booking.
    const checkIds = async () => (await lists.checkable(teamLeader.id, 0, 25)).items.map((m) => m.id).sort();
    await db.dataSource.query("UPDATE booking SET status = 'cancelled' WHERE requestId = ?", [later!.id]);
    expect(await checkIds()).toEqual([soon!.id, held!.id].sort());
    await db.dataSource.query("UPDATE booking SET status = 'booked' WHERE requestId = ?", [refused!.id]);
    expect(await checkIds()).toEqual([soon!.id, held!.id, refused!.id].sort());
    await db.dataSource.query('DELETE FROM booking WHERE requestId = ?', [refused!.id]);
    expect(await checkIds()).toEqual([soon!.id, held!.id].sort());
    expect((await lists.checkable(teamLeader.id, 0, 25)).total).toBe(2);
    expect(await lists.checkable(teamLeader.id, 0, 1)).toMatchObject({ total: 2, moreThanTotal: false, hasNext: true });
    expect(await lists.checkable(teamLeader.id, 1, 1)).toMatchObject({ total: 2, moreThanTotal: false, hasNext: false });

    // A list over all history is counted only so far: past it, "more than", and the pages go on.
    const countedToOne = new SqlRequestLists(db.dataSource, 1);
    recording.sent.length = 0;
    const first = await countedToOne.checkable(teamLeader.id, 0, 1);
    expect(statements()).toHaveLength(1);
    expect(first).toMatchObject({ total: 1, moreThanTotal: true, hasNext: true });
    expect(first.items.map((m) => m.id)).toHaveLength(1);
    const second = await countedToOne.checkable(teamLeader.id, 1, 1);
    expect(second).toMatchObject({ total: 1, moreThanTotal: true, hasNext: false, offset: 1 });
    expect([...first.items, ...second.items].map((m) => m.id).sort()).toEqual([soon!.id, held!.id].sort());
    expect(await new SqlRequestLists(db.dataSource, 2).checkable(teamLeader.id, 0, 25)).toMatchObject({ total: 2, moreThanTotal: false, hasNext: false });
  });

  it('meetings: page after page in the list\'s order over many of each status, each once, meetings at the same time latest asked first', async () => {
    const statuses = [...Array(23).fill('booked'), ...Array(17).fill('held'), ...Array(12).fill('outcome_recorded')] as ('booked' | 'held' | 'outcome_recorded')[];
    const ids: string[] = [];
    for (const status of statuses) ids.push(await meeting(coach.id, coach.deaId!, 'case_conference', status));
    // Some at the same time as another: the 5th to 7th coming ones (across the end of a page of 5 and of
    // what it reads: one more, to know whether another follows), one
    // of each other status at the first coming one's time, and three held ones at once.
    const sameTime = (id: string, as: string) => db.dataSource.query('UPDATE booking SET startsAt = (SELECT startsAt FROM booking WHERE requestId = ?) WHERE requestId = ?', [as, id]);
    for (const id of [ids[5]!, ids[6]!]) await sameTime(id, ids[4]!);
    await sameTime(ids[30]!, ids[0]!);
    await sameTime(ids[45]!, ids[0]!);
    for (const id of [ids[25]!, ids[26]!]) await sameTime(id, ids[33]!);
    const rows = (await db.dataSource.query('SELECT r.id, r.status, r.number, b.startsAt FROM support_request r INNER JOIN booking b ON b.requestId = r.id WHERE r.deaId = ?', [coach.deaId])) as { id: string; status: string; number: number; startsAt: string }[];
    const coming = (r: { status: string }) => (r.status === 'booked' ? 0 : 1);
    const expected = [...rows]
      .sort((a, b) => coming(a) - coming(b) || (coming(a) === 0 ? compareCodes(a.startsAt, b.startsAt) : compareCodes(b.startsAt, a.startsAt)) || b.number - a.number)
      .map((r) => r.id);

    for (const size of [5, 25]) {
      const pages = [];
      for (let offset = 0; offset < statuses.length; offset += size) pages.push(await lists.meetings(coach.deaId!, offset, size));
      expect(pages.flatMap((p) => p.items.map((m) => m.id))).toEqual(expected);
      expect(pages.map((p) => p.total)).toEqual(pages.map(() => statuses.length));
      expect(pages.map((p) => p.hasNext)).toEqual(pages.map((_, i) => i < pages.length - 1));
    }
  });

  it("quality checks: a work coach's team leader sees the coach's QAS 2 meetings with a DEA someone else leads, not their QAS 1; each meeting once", async () => {
    // Ben's team leader is Lee, who leads no DEA; Tom leads Dana, Amira and a second DEA, Sam.
    const lee = await person('Lee Carter', 'work_coach_team_leader');
    const sam = await person('Sam Okafor', 'dea');
    await db.dataSource.query('UPDATE staff SET teamLeaderId = ? WHERE id = ?', [lee, other.id]);
    await db.dataSource.query('UPDATE staff SET teamLeaderId = ? WHERE id = ?', [teamLeader.id, sam]);

    const bensConference = await meeting(other.id, coach.deaId!, 'case_conference');
    const bensIntervention = await meeting(other.id, coach.deaId!, 'claimant_support_intervention');
    const bensThreeWayWithSam = await meeting(other.id, sam, 'three_way_intervention', 'held');
    const bensInterventionWithSam = await meeting(other.id, sam, 'claimant_support_intervention');
    const amirasConference = await meeting(coach.id, coach.deaId!, 'case_conference');
    const amirasIntervention = await meeting(coach.id, coach.deaId!, 'claimant_support_intervention');
    // Not a meeting: still with the DEA.
    await store.create({ ...base, requesterId: other.id, acceptedAs: 'case_conference' }, new Date(at.getTime() + ++meetingsMade * 1000));

    recording.sent.length = 0;
    const lees = await lists.checkable(lee, 0, 25);
    expect(statements()).toHaveLength(1);
    // Newest first: the QAS 2 meetings Ben asked for, whoever leads the DEA.
    expect(lees).toMatchObject({ total: 2, moreThanTotal: false, hasNext: false });
    expect(lees.items.map((m) => m.id)).toEqual([bensThreeWayWithSam, bensConference]);
    expect(lees.items[0]).toMatchObject({ channel: 'three_way_intervention', status: 'held', requesterName: other.name, claimantSurname: null, check: null });

    // Tom leads the DEAs: every QAS meeting, once, though he leads Amira too.
    const toms = await lists.checkable(teamLeader.id, 0, 25);
    expect(toms.items.map((m) => m.id)).toEqual([amirasIntervention, amirasConference, bensInterventionWithSam, bensThreeWayWithSam, bensIntervention, bensConference]);
    expect(toms).toMatchObject({ total: 6, moreThanTotal: false, hasNext: false });
    const paged = [await lists.checkable(teamLeader.id, 0, 4), await lists.checkable(teamLeader.id, 4, 4)];
    expect(paged.map((p) => p.hasNext)).toEqual([true, false]);
    expect(paged.flatMap((p) => p.items.map((m) => m.id))).toEqual(toms.items.map((m) => m.id));
    expect(await new SqlRequestLists(db.dataSource, 5).checkable(teamLeader.id, 0, 25)).toMatchObject({ total: 5, moreThanTotal: true });

    // Each part read from its own index newest first, in the index's order: no part sorts or reads
    // every meeting of the team leader's people, only up to the page's end.
    const steps = (await db.dataSource.query(`EXPLAIN QUERY PLAN ${statements()[0]!}`, parametersOf(statements()[0]!))) as { id: number; parent: number; detail: string }[];
    const plan = steps.map((p) => p.detail);
    const stepsOf = (coroutine: string) => steps.filter((p) => p.parent === steps.find((c) => c.detail === `CO-ROUTINE ${coroutine}`)?.id).map((p) => p.detail);
    expect(stepsOf('deas')).toEqual([expect.stringMatching(/^SEARCH q USING COVERING INDEX IDX_support_request_leader_checks \(deaTeamLeaderId=\? AND meetingBooked=\?\)$/)]);
    expect(stepsOf('coaches')).toEqual([expect.stringMatching(/^SEARCH q USING COVERING INDEX IDX_support_request_coach_leader_checks \(requesterTeamLeaderId=\? AND meetingBooked=\?\)$/)]);
    // Only the statement's own subqueries are read through, each once; no table is.
    const subqueries = plan.flatMap((d) => /^CO-ROUTINE (\w+)$/.exec(d)?.[1] ?? []);
    expect(plan.flatMap((d) => /^SCAN (\w+)/.exec(d)?.[1] ?? []).sort()).toEqual(subqueries.sort());
  });
  it('quality checks follow the staff directory: a DEA, a work coach or a request moved to another team leader or DEA takes its meetings along, and the migration fills in requests made before it', async () => {
    // Tom leads Dana (the DEA) and Amira (the coach); Lee leads no one yet; Sam is a DEA led by no one.
    const lee = await person('Lee Carter', 'work_coach_team_leader');
    const sam = await person('Sam Okafor', 'dea');
    const conference = await meeting(coach.id, coach.deaId!, 'case_conference');
    const intervention = await meeting(coach.id, coach.deaId!, 'claimant_support_intervention');
    const checks = async (teamLeaderId: string) => {
      const page = await lists.checkable(teamLeaderId, 0, 25);
      expect(page.total).toBe(page.items.length);
      return page.items.map((m) => m.id);
    };
    const leadsNext = (staffId: string, teamLeaderId: string | null) => db.dataSource.query('UPDATE staff SET teamLeaderId = ? WHERE id = ?', [teamLeaderId, staffId]);
    expect(await checks(teamLeader.id)).toEqual([intervention, conference]);
    expect(await checks(lee)).toEqual([]);

    // Amira moves to Lee: her QAS 2 meeting is Lee's to check too; QAS 1 stays with the DEA's team leader.
    await leadsNext(coach.id, lee);
    expect(await checks(lee)).toEqual([conference]);
    expect(await checks(teamLeader.id)).toEqual([intervention, conference]);
    // Dana moves to Lee as well: both are Lee's, each once; Tom has none.
    await leadsNext(coach.deaId!, lee);
    expect(await checks(lee)).toEqual([intervention, conference]);
    expect(await checks(teamLeader.id)).toEqual([]);

    // The intervention goes to Sam, whom no one leads: no one may check it, until Tom leads Sam.
    await db.dataSource.query('UPDATE support_request SET deaId = ? WHERE id = ?', [sam, intervention]);
    expect(await checks(lee)).toEqual([conference]);
    await leadsNext(sam, teamLeader.id);
    expect(await checks(teamLeader.id)).toEqual([intervention]);
    // And a request made now takes its people's team leaders as they are.
    const samsConference = await meeting(coach.id, sam, 'case_conference');
    expect(await checks(teamLeader.id)).toEqual([samsConference, intervention]);
    expect(await checks(lee)).toEqual([samsConference, conference]);
    // A request now asked for by Ben, whom Tom leads: its QAS 2 meeting leaves Lee (who leads Amira) for Tom.
    await db.dataSource.query('UPDATE support_request SET requesterId = ? WHERE id = ?', [other.id, samsConference]);
    expect(await checks(lee)).toEqual([conference]);
    expect(await checks(teamLeader.id)).toEqual([samsConference, intervention]);
    // Sam with no team leader: Tom keeps Ben's meeting through Ben, and no longer the intervention.
    await leadsNext(sam, null);
    expect(await checks(teamLeader.id)).toEqual([samsConference]);
    // Writing a person's team leader as it already is writes no request.
    const changes = async () => Number(((await db.dataSource.query('SELECT total_changes() AS n')) as { n: number }[])[0]!.n);
    const before = await changes();
    await leadsNext(coach.deaId!, lee);
    expect((await changes()) - before).toBe(1);
    // Changing it writes the person and Dana's one request (the conference): 1 + 2.
    await leadsNext(coach.deaId!, teamLeader.id);
    expect((await changes()) - before).toBe(1 + 2);
    await leadsNext(coach.deaId!, lee);

    // Requests made before the migration get their team leaders when it runs.
    const runner = db.dataSource.createQueryRunner();
    try {
      await new TeamLeadersOnRequest1766000000000().down(runner);
      const made = await meeting(other.id, coach.deaId!, 'case_conference');
      await new TeamLeadersOnRequest1766000000000().up(runner);
      expect(await checks(lee)).toEqual([made, conference]);
      expect(await checks(teamLeader.id)).toEqual([made, samsConference]);
    } finally {
      await runner.release();
    }
    const triggers = (await db.dataSource.query("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%team_leader%' ORDER BY name")) as { name: string }[];
    expect(triggers.map((t) => t.name)).toEqual(['TRG_staff_team_leader', 'TRG_support_request_team_leaders_insert', 'TRG_support_request_team_leaders_update']);
  });
});
