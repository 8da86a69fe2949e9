/**
 * Crash tests: the compiled bot runs as a child process and is killed with SIGKILL at each step of
 * the work people's answers start (a turn whose claim is taken; a request and the card queued for
 * its DEA; a triage change and its notification; booking, moving and cancelling a meeting; booking
 * a plan's conferences, and a cancelled one again; booking a Specialist Advice conversation; an HCP
 * activity's diary entry). A new process on the same database must then finish the work with nothing
 * lost and nothing doubled: diary events, outbox rows and requests are counted.
 *
 * Kill points are armed with CRASH_AT (read outside production only): the process stops itself at
 * the named point, so each kill lands between the same two steps every time.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import type { Activity } from 'botbuilder';
import { SqlConferenceStore } from '../../data/stores/group-conferences';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { londonClock } from '../../domain/calendar/london-time';
import { addMonthsTo, monthOf } from '../../domain/conferences/months';
import { londonDate } from '../../domain/requests/calendar-date';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import { GraphStandIn } from '../../testkit/graph-stand-in';
import { ConnectorRecorder } from '../support/connector-recorder';
import { messageFrom, PEOPLE, repliesIn, startTestBot, visibleText, type TestBot } from '../support/test-bot';
import { assertBuilt, copyOfDatabase, count, eventually, killAllChildren, query, removeDatabase, startChild, type ChildBot } from './child-bot';
import { dayOffset, workingDayAhead } from '../support/working-day';

jest.setTimeout(900_000);

/** A working day about three weeks ahead, for a meeting typed in by the DEA. */
const weekdayAhead = workingDayAhead;

const connector = new ConnectorRecorder();
let serviceUrl = '';
let graph: GraphStandIn;
const GRAPH_ENV = (): Record<string, string> => ({
  GRAPH_TENANT_ID: '00000000-0000-4000-8000-0000000000aa',
  GRAPH_CLIENT_ID: '00000000-0000-4000-8000-0000000000bb',
  GRAPH_CLIENT_SECRET: 'not-a-secret',
  GRAPH_BASE_URL: graph.baseUrl,
});

/** What each kind of fault came to: kills tried, runs that ended right, and runs that lost or doubled something. */
const tally = new Map<string, { tried: number; survived: number; lost: number; notes: string[] }>();
function record(kind: string, point: string, problems: string[]): void {
  const row = tally.get(kind) ?? { tried: 0, survived: 0, lost: 0, notes: [] };
  row.tried += 1;
  if (problems.length) {
    row.lost += 1;
    row.notes.push(`${point}: ${problems.join('; ')}`);
  } else row.survived += 1;
  tally.set(kind, row);
}

/** Runs the scenarios a few at a time (each is its own process and database). */
async function inParallel<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const failures: unknown[] = [];
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item).catch((error: unknown) => failures.push(error));
  }));
  if (failures.length) throw failures[0];
}

function message(aad: string, text: string | undefined, extra: Partial<Activity> = {}): Partial<Activity> {
  return { ...messageFrom(aad, text, extra), serviceUrl, deliveryMode: 'expectReplies' } as Partial<Activity>;
}

function invoke(aad: string, verb: string, data: Record<string, unknown>, extra: Partial<Activity> = {}): Partial<Activity> {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `invoke-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:${aad}`, aadObjectId: aad },
    recipient: { id: '28:dea-bot' },
    conversation: { id: `a:personal-${aad}`, conversationType: 'personal' },
    value: { action: { type: 'Action.Execute', verb, data } },
    ...extra,
  } as Partial<Activity>;
}

/** Posts to a bot that may be killed meanwhile: a lost answer is what the person would see, not a test failure. */
async function postMayDie(bot: ChildBot, activity: Partial<Activity>): Promise<{ status: number; body: unknown } | null> {
  return bot.post(activity).catch(() => null);
}

/** Kills the bot at `point` while `act` runs, then starts a new one on the same database. */
async function killedAt(dir: string, point: string, act: (bot: ChildBot) => Promise<void>, env: Record<string, string> = {}): Promise<{ restarted: ChildBot; problems: string[] }> {
  const armed = await startChild(dir, { crashAt: point, env });
  const problems: string[] = [];
  try {
    await act(armed);
  } catch (error) {
    await armed.kill();
    throw error;
  }
  const exit = await Promise.race([armed.exited, new Promise<null>((r) => setTimeout(() => r(null), 60_000))]);
  if (!exit) {
    problems.push('the kill point was never reached');
    await armed.kill();
  } else if (exit.signal !== 'SIGKILL') problems.push(`the bot ended with ${exit.signal ?? exit.code}, not SIGKILL`);
  return { restarted: await startChild(dir, { env }), problems };
}

const bases: { accepted: string; booked: string; submitted: string; people: string; advice: string } = { accepted: '', booked: '', submitted: '', people: '', advice: '' };
/** The Specialist Advice conversation asked for (not yet booked) in the `advice` base. */
let adviceId = '';
const requestOf = { submitted: '', accepted: '', booked: '' };

/** A base database made by the real bot in this process, stopped cleanly, to copy for each kill. */
async function makeBase(setup: (bot: TestBot) => Promise<void>): Promise<string> {
  const bot = await startTestBot();
  for (const who of [PEOPLE.coach, PEOPLE.dea, PEOPLE.wctl]) await bot.post(message(who, 'help'));
  await setup(bot);
  await bot.app.background.idle();
  await bot.close({ keepData: true });
  return bot.dataDir;
}

async function newRequest(bot: TestBot, accept: boolean): Promise<string> {
  const coach = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.coach))!;
  const store = new SqlSupportRequestStore(bot.app.dataSource);
  const request = await store.create(
    { type: 'claimant_support', requesterId: coach.id, deaId: coach.deaId!, claimant: { surname: 'Zebedee', nino: 'AB123456C', benefits: ['UC'] }, topic: null, description: 'Needs support', reason: 'Advice', requiredBy: dayOffset(40), urgent: false, vulnerability: null },
    new Date(),
  );
  if (accept) await bot.post(invoke(PEOPLE.dea, 'request.accept', { requestId: request.id, version: 1, channel: 'case_conference' }));
  return request.id;
}

const MEETING = { otherDate: weekdayAhead(20), otherTime: '10:00', durationMinutes: '60', mode: 'teams' };
const MOVED_TO = { otherDate: weekdayAhead(24), otherTime: '14:00' };

/** Working days from `from` days ahead, each once. */
function workingDaysFrom(from: number, count: number): string[] {
  const days: string[] = [];
  for (let d = from; days.length < count; d++) if (!days.includes(weekdayAhead(d))) days.push(weekdayAhead(d));
  return days;
}
/**
 * Scenarios against Microsoft Graph share one stand-in, whose diaries keep every earlier scenario's
 * events, and a typed time is checked against free/busy: so each books, and moves to, an hour of its own.
 */
const GRAPH_DAYS = workingDaysFrom(20, 6);
const GRAPH_TIMES = ['10:00', '11:00', '14:00', '15:00'];
let graphBookings = 0;
let graphMoves = 0;
let graphAdviceBookings = 0;
const graphMeeting = () => {
  const n = graphBookings++;
  return { ...MEETING, otherDate: GRAPH_DAYS[Math.floor(n / GRAPH_TIMES.length)]!, otherTime: GRAPH_TIMES[n % GRAPH_TIMES.length]! };
};
const graphMove = () => {
  const n = graphMoves++;
  return { otherDate: GRAPH_DAYS[4 + Math.floor(n / GRAPH_TIMES.length)]!, otherTime: GRAPH_TIMES[n % GRAPH_TIMES.length]! };
};

function requestRow(dir: string, id: string): { status: string; version: number } {
  return query<{ status: string; version: number }>(dir, 'SELECT status, version FROM support_request WHERE id = ?', id)[0]!;
}
function bookingRow(dir: string, requestId: string): { id: string; status: string; startsAt: string } | undefined {
  return query<{ id: string; status: string; startsAt: string }>(dir, 'SELECT id, status, startsAt FROM booking WHERE requestId = ? ORDER BY createdAt DESC LIMIT 1', requestId)[0];
}
const cardsAbout = (dir: string, requestId: string) => count(dir, "SELECT COUNT(*) AS n FROM outbox WHERE kind = 'request_card' AND subjectId = ?", requestId);
const workDue = (dir: string) => count(dir, 'SELECT COUNT(*) AS n FROM work_item WHERE dueAt IS NOT NULL');

beforeAll(async () => {
  assertBuilt();
  serviceUrl = await connector.start();
  graph = await GraphStandIn.start({ latencyMs: 1 });
  bases.people = await makeBase(async () => undefined);
  bases.submitted = await makeBase(async (bot) => {
    requestOf.submitted = await newRequest(bot, false);
  });
  bases.accepted = await makeBase(async (bot) => {
    requestOf.accepted = await newRequest(bot, true);
  });
  bases.advice = await makeBase(async (bot) => {
    const asked = await bot.post(invoke(PEOPLE.coach, 'advice.request', ADVICE_REQUEST));
    if (asked.status !== 200) throw new Error('the Specialist Advice request was not answered');
    adviceId = ((await bot.app.dataSource.query('SELECT id FROM advice_conversation')) as { id: string }[])[0]?.id ?? '';
    if (!adviceId) throw new Error('no Specialist Advice conversation was made');
  });
  bases.booked = await makeBase(async (bot) => {
    const id = await newRequest(bot, true);
    requestOf.booked = id;
    const version = (await new SqlSupportRequestStore(bot.app.dataSource).findById(id))!.version;
    await bot.post(invoke(PEOPLE.dea, 'booking.book', { requestId: id, version, ...MEETING }));
    await bot.app.background.idle();
  });
}, 120_000);

afterAll(async () => {
  killAllChildren();
  await connector.stop();
  await graph?.close();
  const lines = ['| fault kind | kill points tried | survived | lost or doubled |', '| --- | --- | --- | --- |'];
  for (const [kind, row] of tally) lines.push(`| ${kind} | ${row.tried} | ${row.survived} | ${row.lost} |`);
  const notes = [...tally.values()].flatMap((r) => r.notes);
  const report = `${lines.join('\n')}\n${notes.length ? `\n${notes.map((n) => `- ${n}`).join('\n')}\n` : ''}`;
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/crash-report.md', report);
  console.log(report);
});

/** Whether every kill of a kind ended right; the details are in the report. */
function expectNoneLost(kind: string): void {
  const row = tally.get(kind)!;
  expect(row.notes).toEqual([]);
  expect(row.lost).toBe(0);
}

describe('booking a meeting (item 4): killed between each step, finished by the next process', () => {
  const bookAndCheck = (kind: string, points: readonly string[], graphEvents: boolean) => async () => {
    await inParallel(points, 2, async (point) => {
      const dir = copyOfDatabase(bases.accepted);
      const id = requestOf.accepted;
      const before = cardsAbout(dir, id);
      const env = graphEvents ? GRAPH_ENV() : {};
      const meeting = graphEvents ? graphMeeting() : MEETING;
      const { restarted, problems } = await killedAt(dir, point, async (bot) => {
        await postMayDie(bot, invoke(PEOPLE.dea, 'booking.book', { requestId: id, version: requestRow(dir, id).version, ...meeting }));
      }, env);
      try {
        await eventually('the booking is booked and no work is left', () => bookingRow(dir, id)?.status === 'booked' && workDue(dir) === 0).catch((e: Error) => problems.push(e.message));
        const booking = bookingRow(dir, id);
        if (!booking) problems.push('no booking');
        else {
          const mailboxes = graphEvents
            ? graph.allEvents().filter((e) => e.transactionId?.startsWith(`${booking.id}:`)).map((e) => e.mailbox.toLowerCase())
            : query<{ mailbox: string }>(dir, 'SELECT mailbox FROM calendar_event WHERE transactionId LIKE ?', `${booking.id}:%`).map((e) => e.mailbox);
          if (mailboxes.length !== 2) problems.push(`${mailboxes.length} diary events, not 2`);
          if (new Set(mailboxes).size !== mailboxes.length) problems.push('two events in one diary');
        }
        if (requestRow(dir, id).status !== 'booked') problems.push(`the request is ${requestRow(dir, id).status}`);
        const told = cardsAbout(dir, id) - before;
        if (told !== 1) problems.push(`${told} cards queued for the coach, not 1`);
      } finally {
        await restarted.stop();
        removeDatabase(dir);
      }
      record(kind, point, problems);
    });
    expectNoneLost(kind);
  };

  it('completing a booking, embedded calendar', bookAndCheck('completing a booking (embedded calendar)', ['work.leased', 'calendar.created#1', 'calendar.created#2', 'outbox.queued', 'work.finished'], false));
  it('completing a booking, Microsoft Graph (transactionId)', bookAndCheck('completing a booking (Graph)', ['calendar.created#1', 'calendar.created#2', 'work.finished'], true));

  it('moving a booking', async () => {
    const kind = 'moving a booking (embedded calendar)';
    const id = requestOf.booked;
    const oldStart = bookingRow(bases.booked, id)!.startsAt;
    await inParallel(['outbox.queued', 'work.leased', 'calendar.moved#1', 'calendar.moved#2', 'work.finished'], 2, async (point) => {
      const dir = copyOfDatabase(bases.booked);
      const before = cardsAbout(dir, id);
      const move = (bot: ChildBot) => postMayDie(bot, invoke(PEOPLE.dea, 'booking.move', { requestId: id, version: requestRow(dir, id).version, ...MOVED_TO }));
      const { restarted, problems } = await killedAt(dir, point, async (bot) => void (await move(bot)));
      try {
        // Killed inside the click's own transaction, nothing changed: the DEA moves it again.
        if (bookingRow(dir, id)?.startsAt === oldStart && bookingRow(dir, id)?.status === 'booked') {
          if (workDue(dir) !== 0 || cardsAbout(dir, id) !== before) problems.push('a click that did not commit left work or a card');
          await move(restarted);
        }
        await eventually('the booking is booked at the new time and no work is left', () => bookingRow(dir, id)?.status === 'booked' && bookingRow(dir, id)?.startsAt !== oldStart && workDue(dir) === 0).catch((e: Error) => problems.push(e.message));
        const booking = bookingRow(dir, id)!;
        const events = query<{ startsAt: string }>(dir, 'SELECT startsAt FROM calendar_event WHERE transactionId LIKE ?', `${booking.id}:%`);
        if (events.length !== 2) problems.push(`${events.length} diary events, not 2`);
        if (!events.every((e) => e.startsAt === booking.startsAt)) problems.push('a diary event is not at the new time');
        const told = cardsAbout(dir, id) - before;
        if (told !== 1) problems.push(`${told} cards queued for the other person, not 1`);
      } finally {
        await restarted.stop();
        removeDatabase(dir);
      }
      record(kind, point, problems);
    });
    expectNoneLost(kind);
  });

  it('cancelling a booking', async () => {
    const kind = 'cancelling a booking (embedded calendar)';
    const id = requestOf.booked;
    await inParallel(['outbox.queued', 'work.leased', 'calendar.deleted#1', 'calendar.deleted#2', 'work.finished'], 2, async (point) => {
      const dir = copyOfDatabase(bases.booked);
      const before = cardsAbout(dir, id);
      const bookingId = bookingRow(dir, id)!.id;
      const cancel = (bot: ChildBot) => postMayDie(bot, invoke(PEOPLE.dea, 'booking.cancel', { requestId: id, version: requestRow(dir, id).version }));
      const { restarted, problems } = await killedAt(dir, point, async (bot) => void (await cancel(bot)));
      try {
        if (bookingRow(dir, id)?.status === 'booked') {
          if (workDue(dir) !== 0 || cardsAbout(dir, id) !== before) problems.push('a click that did not commit left work or a card');
          await cancel(restarted);
        }
        await eventually('the booking is cancelled and no work is left', () => bookingRow(dir, id)?.status === 'cancelled' && workDue(dir) === 0).catch((e: Error) => problems.push(e.message));
        const left = count(dir, 'SELECT COUNT(*) AS n FROM calendar_event WHERE transactionId LIKE ?', `${bookingId}:%`);
        if (left !== 0) problems.push(`${left} diary events left`);
        if (requestRow(dir, id).status !== 'accepted') problems.push(`the request is ${requestRow(dir, id).status}, not accepted`);
        const told = cardsAbout(dir, id) - before;
        if (told !== 1) problems.push(`${told} cards queued for the other person, not 1`);
      } finally {
        await restarted.stop();
        removeDatabase(dir);
      }
      record(kind, point, problems);
    });
    expectNoneLost(kind);
  });
});

describe('moving and cancelling a booking in Microsoft Graph (the stand-in): killed between the commit and each Graph write', () => {
  const startOf = (b: { startsAt: string }) => Date.parse(`${b.startsAt.replace(' ', 'T')}${b.startsAt.endsWith('Z') ? '' : 'Z'}`);

  /** A copy of the accepted base whose meeting is booked in the stand-in by a clean run (one booking, two events, per scenario). */
  async function bookedInGraph(): Promise<{ dir: string; bookingId: string }> {
    const dir = copyOfDatabase(bases.accepted);
    const id = requestOf.accepted;
    const bot = await startChild(dir, { env: GRAPH_ENV() });
    try {
      await bot.post(invoke(PEOPLE.dea, 'booking.book', { requestId: id, version: requestRow(dir, id).version, ...graphMeeting() }));
      await eventually('booked in Graph', () => bookingRow(dir, id)?.status === 'booked' && workDue(dir) === 0);
    } finally {
      await bot.stop();
    }
    return { dir, bookingId: bookingRow(dir, id)!.id };
  }
  const eventsOf = (bookingId: string) => graph.allEvents().filter((e) => e.transactionId?.startsWith(`${bookingId}:`));
  /** Graph writes of this kind that reached the stand-in for these events (a retried PATCH or DELETE of one event is counted again). */
  const writesTo = (eventIds: readonly string[], method: string) => graph.requests.filter((r) => r.method === method && eventIds.some((id) => r.path.endsWith(`/events/${id}`)) && r.status < 300).length;

  it('moving a booking', async () => {
    const kind = 'moving a booking (Graph)';
    const id = requestOf.accepted;
    await inParallel(['outbox.queued', 'work.leased', 'calendar.moved#1', 'calendar.moved#2', 'work.finished'], 2, async (point) => {
      const { dir, bookingId } = await bookedInGraph();
      const oldStart = bookingRow(dir, id)!.startsAt;
      const eventIds = eventsOf(bookingId).map((e) => e.id);
      const before = cardsAbout(dir, id);
      const target = graphMove();
      const move = (bot: ChildBot) => postMayDie(bot, invoke(PEOPLE.dea, 'booking.move', { requestId: id, version: requestRow(dir, id).version, ...target }));
      const { restarted, problems } = await killedAt(dir, point, async (bot) => void (await move(bot)), GRAPH_ENV());
      try {
        if (eventIds.length !== 2) problems.push(`${eventIds.length} events in Graph before the move, not 2`);
        // Killed inside the click's own transaction, nothing changed: the DEA moves it again.
        if (bookingRow(dir, id)?.startsAt === oldStart && bookingRow(dir, id)?.status === 'booked') {
          if (workDue(dir) !== 0 || cardsAbout(dir, id) !== before) problems.push('a click that did not commit left work or a card');
          if (writesTo(eventIds, 'PATCH') !== 0) problems.push('Graph was written for a move that did not commit');
          await move(restarted);
        }
        await eventually('the booking is booked at the new time and no work is left', () => bookingRow(dir, id)?.status === 'booked' && bookingRow(dir, id)?.startsAt !== oldStart && workDue(dir) === 0).catch((e: Error) => problems.push(e.message));
        const booking = bookingRow(dir, id)!;
        const events = eventsOf(bookingId);
        if (events.length !== 2) problems.push(`${events.length} events in Graph, not 2`);
        if (new Set(events.map((e) => e.mailbox)).size !== events.length) problems.push('two events in one diary');
        if (!events.every((e) => e.start.getTime() === startOf(booking))) problems.push('an event in Graph is not at the new time');
        // Exactly one move reached each diary's event: a run after the kill reads each event first and leaves one already moved.
        const patches = writesTo(eventIds, 'PATCH');
        if (patches !== 2) problems.push(`${patches} moves reached Graph for 2 events`);
        const told = cardsAbout(dir, id) - before;
        if (told !== 1) problems.push(`${told} cards queued for the other person, not 1`);
      } finally {
        await restarted.stop();
        removeDatabase(dir);
      }
      record(kind, point, problems);
    });
    expectNoneLost(kind);
  });

  it('cancelling a booking', async () => {
    const kind = 'cancelling a booking (Graph)';
    const id = requestOf.accepted;
    await inParallel(['outbox.queued', 'work.leased', 'calendar.deleted#1', 'calendar.deleted#2', 'work.finished'], 2, async (point) => {
      const { dir, bookingId } = await bookedInGraph();
      const eventIds = eventsOf(bookingId).map((e) => e.id);
      const before = cardsAbout(dir, id);
      const cancel = (bot: ChildBot) => postMayDie(bot, invoke(PEOPLE.dea, 'booking.cancel', { requestId: id, version: requestRow(dir, id).version }));
      const { restarted, problems } = await killedAt(dir, point, async (bot) => void (await cancel(bot)), GRAPH_ENV());
      try {
        if (eventIds.length !== 2) problems.push(`${eventIds.length} events in Graph before the cancel, not 2`);
        if (bookingRow(dir, id)?.status === 'booked') {
          if (workDue(dir) !== 0 || cardsAbout(dir, id) !== before) problems.push('a click that did not commit left work or a card');
          if (writesTo(eventIds, 'DELETE') !== 0) problems.push('Graph was written for a cancel that did not commit');
          await cancel(restarted);
        }
        await eventually('the booking is cancelled and no work is left', () => bookingRow(dir, id)?.status === 'cancelled' && workDue(dir) === 0).catch((e: Error) => problems.push(e.message));
        const left = eventsOf(bookingId).length;
        if (left !== 0) problems.push(`${left} events left in Graph`);
        // Each event deleted once; one deleted before the kill and again after it is answered 404, which counts as gone.
        const deletes = writesTo(eventIds, 'DELETE');
        if (deletes !== 2) problems.push(`${deletes} deletes reached Graph for 2 events`);
        if (requestRow(dir, id).status !== 'accepted') problems.push(`the request is ${requestRow(dir, id).status}, not accepted`);
        const told = cardsAbout(dir, id) - before;
        if (told !== 1) problems.push(`${told} cards queued for the other person, not 1`);
      } finally {
        await restarted.stop();
        removeDatabase(dir);
      }
      record(kind, point, problems);
    });
    expectNoneLost(kind);
  });
});

describe('the access log of a card shown (issue: an audit that cannot be lost)', () => {
  it('killed right after a card showing claimant data was sent: the record of the showing is there after restart', async () => {
    const kind = 'the record of a card shown';
    const dir = copyOfDatabase(bases.accepted);
    const conversation = { id: `a:personal-${PEOPLE.dea}-access-shown`, conversationType: 'personal', isGroup: false } as Activity['conversation'];
    const logged = () => count(dir, "SELECT COUNT(*) AS n FROM access_log WHERE caseId = ? AND shown = 'list'", requestOf.accepted);
    const before = logged();
    const { restarted, problems } = await killedAt(dir, 'access.shown', async (bot) => {
      // Normal delivery: the list card is posted to the connector, and the process is killed right after.
      await postMayDie(bot, { ...messageFrom(PEOPLE.dea, 'queue'), serviceUrl, conversation });
    });
    try {
      const shown = connector.sentTo(conversation.id).filter((a) => (a.attachments?.length ?? 0) > 0);
      if (shown.length === 0) problems.push('no card reached the connector before the kill');
      else if (!JSON.stringify(shown[0]).includes('Zebedee')) problems.push('the card shown did not name the claimant');
      if (logged() - before !== 1) problems.push(`${logged() - before} records of the showing, not 1`);
    } finally {
      await restarted.stop();
      removeDatabase(dir);
    }
    record(kind, 'access.shown', problems);
    expectNoneLost(kind);
  });
});

const ADVICE_REQUEST = {
  surname: 'Zebedee',
  nino: 'AB123456C',
  benefit: 'UC',
  healthCondition: 'yes',
  wcaStatus: 'not_had',
  background: 'Has not worked for two years',
  conditions: 'Back pain',
  adviceTypes: 'adjustments',
  channel: 'telephone',
  complex: '',
  when: 'booked',
  consent: 'true',
  gpConsent: 'yes',
};

function adviceRow(dir: string): { status: string; version: number; diaryStatus: string; timesMoved: number } {
  return query<{ status: string; version: number; diaryStatus: string; timesMoved: number }>(dir, 'SELECT status, version, diaryStatus, timesMoved FROM advice_conversation WHERE id = ?', adviceId)[0]!;
}
const adviceCards = (dir: string) => count(dir, "SELECT COUNT(*) AS n FROM outbox WHERE kind = 'advice_card' AND subjectId = ?", adviceId);

/** The first time the bot offers the coach now (asked of the running bot: the proposals follow the real clock). */
async function firstAdviceSlot(bot: ChildBot, dir: string, nth = 0): Promise<string> {
  const answer = await bot.post(invoke(PEOPLE.coach, 'advice.times', { conversationId: adviceId, version: adviceRow(dir).version }));
  const card = (answer.body as { value?: { body?: { items?: { id?: string; choices?: { value: string }[] }[] }[] } }).value;
  const slot = card?.body?.flatMap((b) => b.items ?? []).find((i) => i.id === 'slot')?.choices?.[nth]?.value;
  if (!slot) throw new Error('no time was offered to book');
  return slot;
}

describe('booking a Specialist Advice conversation: killed between the commit and the diaries, finished once by the next process', () => {
  const bookAndCheck = (kind: string, points: readonly string[], graphEvents: boolean) => async () => {
    await inParallel(points, 2, async (point) => {
      const dir = copyOfDatabase(bases.advice);
      const env = graphEvents ? GRAPH_ENV() : {};
      // Graph scenarios share the stand-in's diaries: each books an offered time of its own, as the booking scenarios do.
      const nth = graphEvents ? graphAdviceBookings++ : 0;
      let slot = '';
      const book = async (bot: ChildBot) => {
        slot = slot || (await firstAdviceSlot(bot, dir, nth));
        await postMayDie(bot, invoke(PEOPLE.coach, 'advice.book', { conversationId: adviceId, version: adviceRow(dir).version, slot }));
      };
      const { restarted, problems } = await killedAt(dir, point, book, env);
      try {
        // Killed inside the click's own transaction, nothing changed: the coach books again.
        if (adviceRow(dir).status === 'requested') {
          if (workDue(dir) !== 0 || adviceCards(dir) !== 0) problems.push('a click that did not commit left work or a card');
          await book(restarted);
        }
        await eventually('the conversation is booked, its diaries done and no work left', () => adviceRow(dir).status === 'booked' && adviceRow(dir).diaryStatus === 'done' && workDue(dir) === 0).catch((e: Error) => problems.push(e.message));
        const keys = graphEvents
          ? graph.allEvents().filter((e) => e.transactionId?.startsWith(`${adviceId}:`)).map((e) => e.transactionId!)
          : query<{ transactionId: string }>(dir, 'SELECT transactionId FROM calendar_event WHERE transactionId LIKE ?', `${adviceId}:%`).map((e) => e.transactionId);
        // The preparation and the conversation, in the HCP's diary (the coach invited): two entries, once each.
        if (keys.length !== 2) problems.push(`${keys.length} diary entries, not 2`);
        if (new Set(keys).size !== keys.length) problems.push('an entry was written twice');
        const recorded = JSON.parse(query<{ diaryEvents: string }>(dir, 'SELECT diaryEvents FROM advice_conversation WHERE id = ?', adviceId)[0]!.diaryEvents) as unknown[];
        if (recorded.length !== 2) problems.push(`${recorded.length} entries recorded on the conversation, not 2`);
        if (adviceRow(dir).timesMoved !== 0) problems.push('booked more than once');
        // The HCP and the contact are each told once.
        if (adviceCards(dir) !== 2) problems.push(`${adviceCards(dir)} cards queued, not 2`);
      } finally {
        await restarted.stop();
        removeDatabase(dir);
      }
      record(kind, point, problems);
    });
    expectNoneLost(kind);
  };

  it('embedded calendar', bookAndCheck('booking a Specialist Advice conversation (embedded calendar)', ['outbox.queued', 'work.leased', 'calendar.created#1', 'calendar.created#2', 'work.finished'], false));
  it('Microsoft Graph (transactionId)', bookAndCheck('booking a Specialist Advice conversation (Graph)', ['calendar.created#1', 'calendar.created#2', 'work.finished'], true));
});

describe("booking a plan's group conferences (item 4)", () => {
  const planAndCheck = (kind: string, points: readonly string[], graphEvents: boolean) => async () => {
    const dana = query<{ id: string }>(bases.people, 'SELECT id FROM staff WHERE aadObjectId = ?', PEOPLE.dea)[0]!.id;
    await inParallel(points, 2, async (point) => {
      const dir = copyOfDatabase(bases.people);
      const env = graphEvents ? GRAPH_ENV() : {};
      const conversation = { id: `a:personal-${PEOPLE.wctl}-${kind}-${point}`, conversationType: 'personal', isGroup: false } as Activity['conversation'];
      const { restarted, problems } = await killedAt(dir, point, async (bot) => {
        // The plan's card is posted (normal delivery) so that it has an id to update as booking goes.
        await bot.post({ ...messageFrom(PEOPLE.wctl, 'plan group conferences'), serviceUrl, conversation });
        await connector.waitFor(() => connector.sentTo(conversation.id).length > 0, 10_000);
        const replyToId = connector.sentTo(conversation.id)[0]!.id!;
        await bot.post(invoke(PEOPLE.wctl, 'conference.draft', { deaId: dana, durationMinutes: '60' }, { replyToId, conversation }));
        const plan = query<{ id: string; version: number }>(dir, "SELECT id, version FROM conference_plan WHERE status = 'draft'")[0]!;
        await postMayDie(bot, invoke(PEOPLE.wctl, 'conference.confirm', { planId: plan.id, version: plan.version }, { replyToId, conversation }));
      }, env);
      try {
        const planId = query<{ id: string }>(dir, "SELECT id FROM conference_plan WHERE status = 'confirmed'")[0]?.id ?? '';
        const total = count(dir, "SELECT COUNT(*) AS n FROM group_conference WHERE planId = ? AND status NOT IN ('cancelled', 'unplaced')", planId);
        if (total === 0) problems.push('no conferences to book');
        await eventually('every conference is booked and no work is left', () => count(dir, "SELECT COUNT(*) AS n FROM group_conference WHERE planId = ? AND status = 'booked'", planId) === total && workDue(dir) === 0, 30_000).catch((e: Error) => problems.push(e.message));
        const ids = query<{ id: string }>(dir, 'SELECT id FROM group_conference WHERE planId = ?', planId).map((c) => `group-conference:${c.id}`);
        const made = graphEvents
          ? graph.allEvents().filter((e) => e.transactionId !== null && ids.includes(e.transactionId)).map((e) => e.transactionId!)
          : query<{ transactionId: string }>(dir, "SELECT transactionId FROM calendar_event WHERE transactionId LIKE 'group-conference:%'").map((e) => e.transactionId);
        if (made.length !== total) problems.push(`${made.length} meetings in the DEA's diary for ${total} conferences`);
        if (new Set(made).size !== made.length) problems.push('a conference has two meetings');
      } finally {
        await restarted.stop();
        removeDatabase(dir);
      }
      record(kind, point, problems);
    });
    expectNoneLost(kind);
  };

  it('embedded calendar', planAndCheck('booking a plan (embedded calendar)', ['work.leased', 'calendar.created#1', 'calendar.created#6', 'calendar.created#12', 'work.finished'], false));
  it('Microsoft Graph (transactionId)', planAndCheck('booking a plan (Graph)', ['calendar.created#6', 'work.finished'], true));
});

describe('a cancelled group conference given a time again: killed between taking its old meeting out and writing the new one, or at any other step', () => {
  /** Dana's plan booked, and one conference of it cancelled and out of her diary, by a clean run; and a time to give it again. */
  const cancelled = { base: '', planId: '', conferenceId: '', told: 0, date: '', time: '' };
  beforeAll(async () => {
    cancelled.base = await makeBase(async (bot) => {
      const dana = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.dea))!;
      const store = new SqlConferenceStore(bot.app.dataSource);
      await bot.post(invoke(PEOPLE.wctl, 'conference.draft', { deaId: dana.id, durationMinutes: '60' }));
      const draft = (await store.plansForDea(dana.id, ['draft']))[0]!;
      await bot.post(invoke(PEOPLE.wctl, 'conference.confirm', { planId: draft.id, version: draft.version }));
      await bot.app.background.idle();
      // A month still to come, so a time in it is in the future whatever the day.
      const next = addMonthsTo(monthOf(new Date()), 1);
      const conference = (await store.conferencesOf(draft.id)).find((c) => c.month === next && c.groupIndex === 0 && c.status === 'booked');
      if (!conference) throw new Error(`no booked conference in ${next}`);
      await bot.post(invoke(PEOPLE.wctl, 'conference.cancel', { planId: draft.id, conferenceId: conference.id, conferenceVersion: conference.version }));
      await bot.app.background.idle();
      const gone = (await store.findConference(conference.id))!;
      if (gone.status !== 'cancelled' || gone.eventId === null) throw new Error('the conference was not cancelled with its meeting kept');
      // Its old time: free again, now that its meeting is out of the diaries.
      Object.assign(cancelled, { planId: draft.id, conferenceId: gone.id, told: 1 + gone.coachIds.length, date: londonDate(gone.start!), time: londonClock(gone.start!) });
    });
  }, 120_000);

  it('embedded calendar: booked once, one meeting in the diary, everyone told once', async () => {
    const kind = 'a cancelled conference given a time again (embedded calendar)';
    const { planId, conferenceId } = cancelled;
    // calendar.deleted#1 is the kill between the two: the old meeting taken out (again), the new one not yet written.
    await inParallel(['outbox.queued', 'work.leased', 'calendar.deleted#1', 'calendar.created#1', 'work.finished'], 2, async (point) => {
      const dir = copyOfDatabase(cancelled.base);
      const row = () => query<{ status: string; version: number; eventId: string | null }>(dir, 'SELECT status, version, eventId FROM group_conference WHERE id = ?', conferenceId)[0]!;
      const oldEventId = row().eventId;
      const toldAgain = () => count(dir, "SELECT COUNT(*) AS n FROM outbox WHERE kind = 'conference_again' AND subjectId = ?", conferenceId);
      const meetings = () => query<{ id: string; transactionId: string }>(dir, 'SELECT id, transactionId FROM calendar_event WHERE transactionId LIKE ?', `group-conference:${conferenceId}%`);
      const place = (bot: ChildBot) => postMayDie(bot, invoke(PEOPLE.wctl, 'conference.place', { planId, conferenceId, conferenceVersion: row().version, date: cancelled.date, time: cancelled.time }));
      const before = meetings().length;
      const { restarted, problems } = await killedAt(dir, point, async (bot) => void (await place(bot)));
      try {
        if (before !== 0) problems.push('the cancelled conference still had a meeting before it was given a time again');
        // Killed inside the click's own transaction, nothing changed: the team leader gives the time again.
        if (row().status === 'cancelled') {
          if (toldAgain() !== 0 || workDue(dir) !== 0) problems.push('a click that did not commit left work or a message');
          await place(restarted);
        }
        await eventually('the conference is booked and no work is left', () => row().status === 'booked' && workDue(dir) === 0, 30_000).catch((e: Error) => problems.push(e.message));
        const made = meetings();
        if (made.length !== 1) problems.push(`${made.length} meetings in the DEA's diary for the conference, not 1`);
        else if (made[0]!.id !== row().eventId || !made[0]!.transactionId.includes(':again:')) problems.push('the conference does not name its new meeting');
        if (count(dir, 'SELECT COUNT(*) AS n FROM calendar_event WHERE id = ?', oldEventId) !== 0) problems.push('the old meeting is back in the diary');
        const booked = count(dir, "SELECT COUNT(*) AS n FROM group_conference WHERE planId = ? AND status = 'booked'", planId);
        const inDiary = count(dir, "SELECT COUNT(*) AS n FROM calendar_event WHERE transactionId LIKE 'group-conference:%'");
        if (inDiary !== booked) problems.push(`${inDiary} meetings in the DEA's diary for ${booked} booked conferences`);
        if (toldAgain() !== cancelled.told) problems.push(`${toldAgain()} messages that it is on again, for ${cancelled.told} people`);
      } finally {
        await restarted.stop();
        removeDatabase(dir);
      }
      record(kind, point, problems);
    });
    expectNoneLost(kind);
  });
});

describe("an HCP activity in the HCP's diary", () => {
  const MANAGER = '00000000-0000-4000-8000-000000000005'; // Mark Ellis, HCP Activity Manager
  /** Mark sets Helen a work activity: the activity and its diary work commit together; the diary is written after. */
  it('killed between the commit and the diary write, or after the write and before it is kept: on restart written once', async () => {
    const kind = "an HCP activity's diary entry (embedded calendar)";
    const helen = query<{ id: string; jobcentreId: string }>(bases.people, 'SELECT id, jobcentreId FROM staff WHERE aadObjectId = ?', PEOPLE.hcp)[0]!;
    const work = { hcpId: helen.id, kind: 'presentation', date: weekdayAhead(20), start: '10:00', end: '11:00', jobcentreId: helen.jobcentreId, note: 'Back pain and work, for the team' };
    await inParallel(['work.leased', 'calendar.created#1'], 2, async (point) => {
      const dir = copyOfDatabase(bases.people);
      const { restarted, problems } = await killedAt(dir, point, async (bot) => void (await postMayDie(bot, invoke(MANAGER, 'hcp.setActivity', work))));
      try {
        const activity = query<{ id: string }>(dir, 'SELECT id FROM hcp_activity')[0];
        if (!activity) problems.push('the activity was not kept');
        else {
          await eventually('the diary work is done', () => workDue(dir) === 0 && query<{ diaryEvents: string | null }>(dir, 'SELECT diaryEvents FROM hcp_activity WHERE id = ?', activity.id)[0]?.diaryEvents != null).catch((e: Error) => problems.push(e.message));
          const entries = query<{ mailbox: string; subject: string }>(dir, 'SELECT mailbox, subject FROM calendar_event WHERE transactionId = ?', `hcp-activity:${activity.id}`);
          if (entries.length !== 1) problems.push(`${entries.length} diary entries, not 1`);
          if (entries.some((e) => e.subject !== 'Presentation to a team or office')) problems.push('a diary entry says more than the kind of activity');
          const kept = JSON.parse(query<{ diaryEvents: string }>(dir, 'SELECT diaryEvents FROM hcp_activity WHERE id = ?', activity.id)[0]?.diaryEvents ?? '[]') as unknown[];
          if (kept.length !== 1) problems.push(`${kept.length} entries kept on the activity, not 1`);
        }
      } finally {
        await restarted.stop();
        removeDatabase(dir);
      }
      record(kind, point, problems);
    });
    expectNoneLost(kind);
  });

  /** Mark sets an individual case conference for Amira on her team leader's behalf (seed 002 Annex 3 §3.2): the HCP's diary and the coach's. */
  it('one arranged for a work coach, killed before either diary is written or between the two: on restart in the HCP’s and the coach’s diaries, once each', async () => {
    const kind = "an individual case conference in the HCP's and the coach's diaries (embedded calendar)";
    const helen = query<{ id: string; jobcentreId: string }>(bases.people, 'SELECT id, jobcentreId FROM staff WHERE aadObjectId = ?', PEOPLE.hcp)[0]!;
    const amira = query<{ id: string; email: string }>(bases.people, 'SELECT id, email FROM staff WHERE aadObjectId = ?', PEOPLE.coach)[0]!;
    const work = { hcpId: helen.id, kind: 'individual_case_conference', coachId: amira.id, date: weekdayAhead(21), start: '14:00', end: '14:30', jobcentreId: helen.jobcentreId, note: 'Returning to work after knee surgery', caseReference: 'SA-000001' };
    await inParallel(['work.leased', 'calendar.created#1', 'calendar.created#2'], 2, async (point) => {
      const dir = copyOfDatabase(bases.people);
      const { restarted, problems } = await killedAt(dir, point, async (bot) => void (await postMayDie(bot, invoke(MANAGER, 'hcp.setActivity', work))));
      try {
        const activity = query<{ id: string; coachId: string | null }>(dir, 'SELECT id, coachId FROM hcp_activity')[0];
        if (!activity) problems.push('the activity was not kept');
        else {
          if (activity.coachId?.toLowerCase() !== amira.id.toLowerCase()) problems.push('the coach is not named on the activity');
          await eventually('the diary work is done', () => workDue(dir) === 0 && JSON.parse(query<{ diaryEvents: string | null }>(dir, 'SELECT diaryEvents FROM hcp_activity WHERE id = ?', activity.id)[0]?.diaryEvents ?? '[]').length === 2).catch((e: Error) => problems.push(e.message));
          const entries = query<{ mailbox: string; subject: string; body: string }>(dir, 'SELECT mailbox, subject, body FROM calendar_event WHERE transactionId = ?', `hcp-activity:${activity.id}`);
          if (entries.length !== 2) problems.push(`${entries.length} diary entries, not 2`);
          if (!entries.some((e) => e.mailbox.toLowerCase() === amira.email.toLowerCase())) problems.push("not in the coach's diary");
          if (new Set(entries.map((e) => e.mailbox.toLowerCase())).size !== entries.length) problems.push('a diary has it twice');
          if (entries.some((e) => e.subject !== 'Individual case conference: SA-000001' || /knee|surgery/i.test(e.body))) problems.push('a diary entry says more than the kind of activity and the case reference');
        }
      } finally {
        await restarted.stop();
        removeDatabase(dir);
      }
      record(kind, point, problems);
    });
    expectNoneLost(kind);
  });
});

describe('a turn whose claim is taken when the process dies (item 2), and all or nothing (item 5)', () => {
  /** The coach's new skill request up to its summary; returns the confirm activity (not yet sent). */
  async function upToConfirm(bot: ChildBot, conversationId: string): Promise<Partial<Activity>> {
    const conversation = { id: conversationId, conversationType: 'personal', isGroup: false } as Activity['conversation'];
    const say = (input: string | Record<string, unknown>) =>
      bot.post(typeof input === 'string' ? message(PEOPLE.coach, input, { conversation }) : message(PEOPLE.coach, undefined, { value: input, conversation } as Partial<Activity>));
    await say('new request');
    await say('skill');
    const summary = await say({ journey: 'new-request', step: 'form', action: 'submit', topic: 'retention', description: 'Supporting a claimant to stay in work', requiredBy: dayOffset(14) });
    if (!visibleText(repliesIn(summary.body)).includes('Check your request')) throw new Error('the summary did not come');
    return message(PEOPLE.coach, undefined, { value: { journey: 'new-request', step: 'confirm', action: 'confirm' }, conversation } as Partial<Activity>);
  }

  /** Teams re-sends what it saw no answer to: the re-send is handled once its claim counts as abandoned, and only once. */
  async function resend(bot: ChildBot, activity: Partial<Activity>, sentAt: number, problems: string[], expectText: string): Promise<void> {
    await new Promise((r) => setTimeout(r, Math.max(0, sentAt + 2_500 - Date.now())));
    const first = visibleText(repliesIn((await bot.post(activity)).body));
    if (!first.includes(expectText)) problems.push(`the re-send was not handled (got "${first.slice(0, 80)}")`);
    const second = repliesIn((await bot.post(activity)).body);
    if (second.length) problems.push('a second re-send was handled again');
  }

  it('a message whose claim was taken, and a new request killed before its transaction committed', async () => {
    const scenarios = [
      { kind: 'a claimed turn killed (help)', point: 'activity.claimed' },
      // The fourth message of the conversation is the one that confirms the request.
      { kind: 'a claimed turn killed (new request confirmed)', point: 'activity.claimed#4' },
      { kind: 'a request and its queued card', point: 'outbox.queued' },
    ];
    await inParallel(scenarios, 2, async ({ kind, point }) => {
      const dir = copyOfDatabase(bases.people);
      const conversationId = `a:personal-${PEOPLE.coach}-${kind}`;
      let sent: Partial<Activity> = {};
      let sentAt = 0;
      const { restarted, problems } = await killedAt(dir, point, async (bot) => {
        sent = kind.includes('help') ? message(PEOPLE.coach, 'help', { conversation: { id: conversationId, conversationType: 'personal', isGroup: false } as Activity['conversation'] }) : await upToConfirm(bot, conversationId);
        sentAt = Date.now();
        await postMayDie(bot, sent);
      });
      try {
        const requests = () => count(dir, 'SELECT COUNT(*) AS n FROM support_request');
        const cards = () => count(dir, "SELECT COUNT(*) AS n FROM outbox WHERE kind = 'request_card'");
        if (requests() !== 0 || cards() !== 0) problems.push(`after the kill: ${requests()} requests and ${cards()} cards, not none`);
        await resend(restarted, sent, sentAt, problems, kind.includes('help') ? 'What you can do' : 'DEA-000001');
        const wanted = kind.includes('help') ? 0 : 1;
        if (requests() !== wanted) problems.push(`${requests()} requests, not ${wanted}`);
        if (cards() !== wanted) problems.push(`${cards()} cards queued for the DEA, not ${wanted}`);
      } finally {
        await restarted.stop();
        removeDatabase(dir);
      }
      record(kind, point, problems);
    });
    for (const { kind } of scenarios) expectNoneLost(kind);
  });

  it('a triage change killed before its transaction committed', async () => {
    const kind = 'a triage change and its notification';
    const id = requestOf.submitted;
    const cleanAccept = cardsAbout(bases.accepted, requestOf.accepted);
    const dir = copyOfDatabase(bases.submitted);
    const accept = (bot: ChildBot) => postMayDie(bot, invoke(PEOPLE.dea, 'request.accept', { requestId: id, version: 1, channel: 'case_conference' }));
    const { restarted, problems } = await killedAt(dir, 'outbox.queued', async (bot) => void (await accept(bot)));
    try {
      if (requestRow(dir, id).status !== 'submitted') problems.push(`after the kill the request is ${requestRow(dir, id).status}`);
      if (cardsAbout(dir, id) !== 0) problems.push('a card was queued for a change that did not commit');
      if (count(dir, "SELECT COUNT(*) AS n FROM request_event WHERE requestId = ? AND toStatus = 'accepted'", id) !== 0) problems.push('the audit trail has an accept that did not commit');
      // The DEA's click got no answer: they click again.
      await accept(restarted);
      if (requestRow(dir, id).status !== 'accepted') problems.push(`the request is ${requestRow(dir, id).status} after clicking again`);
      if (cardsAbout(dir, id) !== cleanAccept) problems.push(`${cardsAbout(dir, id)} cards queued, not ${cleanAccept}`);
    } finally {
      await restarted.stop();
      removeDatabase(dir);
    }
    record(kind, 'outbox.queued', problems);
    expectNoneLost(kind);
  });
});
