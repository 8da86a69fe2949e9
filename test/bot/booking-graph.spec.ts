import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import type { Clock } from '../../domain/ports';
import type { SupportRequest } from '../../domain/requests/support-request';
import { GraphStandIn } from '../../testkit/graph-stand-in';
import { cardText, cardVerbs, chatNow, exchange, invokeAs, PEOPLE, startTestBot, visibleText, type TestBot, choiceValues } from '../support/test-bot';
import { dayOffset, workingDayAhead } from '../support/working-day';

/** A clock the test moves forward, to get past a meeting. */
class MovableClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

const AMIRA = 'amira.shah@jobcentre.example';
const DANA = 'dana.morgan@jobcentre.example';

/** A case conference the DEA has accepted, for the coach's claimant. */
async function acceptedConference(bot: TestBot): Promise<SupportRequest> {
  const coach = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.coach))!;
  const store = new SqlSupportRequestStore(bot.app.dataSource);
  const created = await store.create(
    { type: 'claimant_support', requesterId: coach.id, deaId: coach.deaId!, claimant: { surname: 'Zebedee', nino: 'AB123456C', benefits: ['UC'] }, topic: null, description: 'd', reason: 'r', requiredBy: dayOffset(21), urgent: false, vulnerability: null },
    new Date(),
  );
  await invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: created.id, version: 1, channel: 'case_conference' });
  return (await store.findById(created.id))!;
}


describe('booking through Microsoft Graph (local stand-in)', () => {
  let graph: GraphStandIn;
  let bot: TestBot;
  beforeEach(async () => {
    graph = await GraphStandIn.start();
    bot = await startTestBot({ env: graph.botEnv() });
    for (const who of [PEOPLE.coach, PEOPLE.dea]) await exchange(bot, who, 'help');
  });
  afterEach(async () => {
    await bot.close();
    await graph.close();
  });

  it('a booking that failed part way is taken out of the diaries when the coach withdraws the request, and the DEA is told', async () => {
    const request = await acceptedConference(bot);
    graph.failNext({ path: `/users/${AMIRA}/events`, method: 'POST', status: 403, times: Infinity });
    await invokeAs(bot, PEOPLE.dea, 'booking.book', { requestId: request.id, version: request.version, otherDate: workingDayAhead(8), otherTime: '11:00', durationMinutes: '60', mode: 'teams' });
    await bot.app.background.idle();
    expect(graph.events(DANA)).toHaveLength(1);
    expect(graph.events(AMIRA)).toHaveLength(0);
    const store = new SqlSupportRequestStore(bot.app.dataSource);
    const failed = (await store.findById(request.id))!;
    expect(failed.status).toBe('accepted');
    await bot.app.notifier.idle();
    bot.connector.clear();

    const withdrawn = await invokeAs(bot, PEOPLE.coach, 'request.withdraw', { requestId: failed.id, version: failed.version });
    expect(cardText(withdrawn.card)).toContain('You withdrew this request. The DEA has been told.');
    await bot.app.background.idle();
    await bot.app.notifier.idle();
    expect(graph.events(DANA)).toHaveLength(0);
    await bot.connector.waitFor(() => visibleText(bot.connector.sentTo(`a:personal-${PEOPLE.dea}`)).includes(failed.reference), 10_000);
  });

  it('proposes times from getSchedule, writes both Outlook diaries in one $batch, and answers a slow move in time', async () => {
    const directory = new SqlStaffDirectory(bot.app.dataSource);
    const coach = (await directory.findByAadObjectId(PEOPLE.coach))!;
    const store = new SqlSupportRequestStore(bot.app.dataSource);
    const created = await store.create(
      { type: 'skill_support', requesterId: coach.id, deaId: coach.deaId!, claimant: null, topic: 'retention', description: 'd', reason: null, requiredBy: dayOffset(21), urgent: false, vulnerability: null },
      new Date(),
    );
    await invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: created.id, version: 1, channel: 'skill_conference' });
    const refreshed = await invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: created.id, version: 2 });
    expect(graph.requests.some((r) => r.path.endsWith('/calendar/getSchedule'))).toBe(true);
    expect(cardText(refreshed.card)).toContain('Choose a proposed time');

    await invokeAs(bot, PEOPLE.dea, 'booking.book', { requestId: created.id, version: 2, otherDate: workingDayAhead(8), otherTime: '11:00', durationMinutes: '60', mode: 'teams' });
    await bot.app.background.idle();
    expect(graph.events('amira.shah@jobcentre.example')).toHaveLength(1);
    expect(graph.events('dana.morgan@jobcentre.example')).toHaveLength(1);
    const batches = graph.requests.filter((r) => r.kind === 'top' && r.path.endsWith('/$batch'));
    expect(batches.map((b) => b.batchSize)).toEqual([2]);

    const booked = (await store.findById(created.id))!;
    expect(booked.status).toBe('booked');
    // Graph slower than the click may wait for it (3 s of Teams' 5): the answer must not wait longer.
    graph.setLatency(4000);
    const started = Date.now();
    const movedTo = workingDayAhead(12);
    const moved = await invokeAs(bot, PEOPLE.dea, 'booking.move', { requestId: created.id, version: booked.version, otherDate: movedTo, otherTime: '14:00' });
    expect(Date.now() - started).toBeLessThan(4000);
    graph.setLatency(0);
    expect(cardText(moved.card)).toContain('Moving it in the diaries… this card is updated when it is done.');
    await bot.app.background.idle();
    const start = graph.events('dana.morgan@jobcentre.example')[0]!.start;
    expect(start.toISOString().slice(0, 10)).toBe(movedTo);
  });
});

describe('a case conference moved after the coach deleted it from their Outlook diary (local stand-in)', () => {
  let graph: GraphStandIn;
  let bot: TestBot;
  let clock: MovableClock;
  let store: SqlSupportRequestStore;
  beforeEach(async () => {
    graph = await GraphStandIn.start();
    clock = new MovableClock();
    bot = await startTestBot({ env: graph.botEnv(), clock });
    store = new SqlSupportRequestStore(bot.app.dataSource);
    for (const who of [PEOPLE.coach, PEOPLE.dea]) await exchange(bot, who, 'help');
  });
  afterEach(async () => {
    await bot.close();
    await graph.close();
  });

  /** Booked in both diaries, then deleted by the coach in Outlook. */
  async function bookedThenDeleted(): Promise<SupportRequest> {
    const request = await acceptedConference(bot);
    await invokeAs(bot, PEOPLE.dea, 'booking.book', { requestId: request.id, version: request.version, otherDate: workingDayAhead(8), otherTime: '11:00', durationMinutes: '60', mode: 'teams' });
    await bot.app.background.idle();
    const [event] = graph.events(AMIRA);
    const deleted = await fetch(`${graph.baseUrl}/v1.0/users/${AMIRA}/events/${encodeURIComponent(event!.id)}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(graph.events(AMIRA)).toHaveLength(0);
    return (await store.findById(request.id))!;
  }

  /** Past the meeting's end: it is held, and the coach is offered to record the outcome (seed §15). */
  async function heldAfter(request: SupportRequest, start: string): Promise<Record<string, unknown>> {
    clock.offsetMs = new Date(start).getTime() + 2 * 3_600_000 - Date.now();
    expect(await bot.app.jobs.markEndedMeetings()).toBe(1);
    const held = (await store.findById(request.id))!;
    expect(held.status).toBe('held');
    return (await invokeAs(bot, PEOPLE.coach, 'request.refresh', { requestId: request.id, version: held.version })).card;
  }

  it('writes the meeting into the coach’s diary again at the new time; the meeting is then held and its outcome recorded', async () => {
    const booked = await bookedThenDeleted();
    const movedTo = workingDayAhead(12);
    await invokeAs(bot, PEOPLE.dea, 'booking.move', { requestId: booked.id, version: booked.version, otherDate: movedTo, otherTime: '14:00' });
    await bot.app.background.idle();
    await bot.app.notifier.idle();
    const amira = graph.events(AMIRA);
    expect(amira).toHaveLength(1);
    expect(amira[0]!.start.toISOString().slice(0, 10)).toBe(movedTo);
    expect(amira[0]!.isOnlineMeeting).toBe(true);
    expect(graph.events(DANA).map((e) => e.start.getTime())).toEqual([amira[0]!.start.getTime()]);
    const moved = (await store.findById(booked.id))!;
    expect(moved.status).toBe('booked');
    const deaCard = cardText((await invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: booked.id, version: moved.version })).card);
    expect(deaCard).toContain('Nothing for you to do now: the meeting is booked.');
    expect(deaCard).not.toMatch(/Being moved|Not moved/);
    // The Teams link on the card is the new event's.
    expect(JSON.stringify(deaCard)).toContain(amira[0]!.joinUrl!);

    const coachCard = await heldAfter(moved, amira[0]!.start.toISOString());
    expect(cardVerbs(coachCard)).toContain('outcome.record');
    expect(cardText(coachCard)).toContain('Record the outcome');
  });

  it('when the coach’s diary will not take it again, books it at the new time, tells both what to do, and the case goes on', async () => {
    const booked = await bookedThenDeleted();
    graph.failNext({ path: `/users/${AMIRA}/events`, method: 'POST', status: 403, times: Infinity });
    const movedTo = workingDayAhead(12);
    const answer = await invokeAs(bot, PEOPLE.dea, 'booking.move', { requestId: booked.id, version: booked.version, otherDate: movedTo, otherTime: '14:00' });
    await bot.app.background.idle();
    await bot.app.notifier.idle();
    const problem = 'The meeting could not be moved in Amira Shah’s diary: it is no longer there. Amira Shah can add it again, or the meeting can be cancelled and booked again.';
    expect(cardText(answer.card)).toMatch(/Moved, but not in every diary|Moving it in the diaries/);
    expect(graph.events(AMIRA)).toHaveLength(0);
    expect(graph.events(DANA)[0]!.start.toISOString().slice(0, 10)).toBe(movedTo);
    const moved = (await store.findById(booked.id))!;
    expect(moved.status).toBe('booked');
    for (const who of [PEOPLE.coach, PEOPLE.dea]) {
      const card = cardText((await invokeAs(bot, who, 'request.refresh', { requestId: booked.id, version: moved.version })).card);
      expect(card).toContain(`Your action: ${problem}`);
      // Told in their chat too: the card they were sent says it (updates are paced, as Teams wants).
      await bot.connector.waitFor(() => visibleText(chatNow(bot, who)).includes(problem), 10_000);
    }
    const coachCard = await heldAfter(moved, graph.events(DANA)[0]!.start.toISOString());
    expect(cardVerbs(coachCard)).toContain('outcome.record');
  });

  it('a move whose diary work was given up still has its time: the meeting is held and its outcome recorded', async () => {
    const booked = await bookedThenDeleted();
    const booking = (await bot.app.dataSource.getRepository<{ id: string; requestId: string; startsAt: Date }>('Booking').findOneBy({ requestId: booked.id }))!;
    // As left after the last try of its diary work: still moving.
    await bot.app.dataSource.getRepository('Booking').update({ id: booking.id }, { status: 'moving', lastError: 'Not moved in 1 of 2 diaries: Microsoft Graph: 503' });
    const coachCard = await heldAfter(booked, booking.startsAt.toISOString());
    expect(cardVerbs(coachCard)).toContain('outcome.record');
  });

  it('while the diaries are being written, tells the DEA who clicked Book that, not to wait for the coach', async () => {
    const request = await acceptedConference(bot);
    const [slot] = choiceValues((await invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: request.id, version: request.version })).card, 'slot');
    graph.setLatency(1500);
    const answer = cardText((await invokeAs(bot, PEOPLE.dea, 'booking.book', { requestId: request.id, version: request.version, slot, durationMinutes: '60', mode: 'teams' })).card);
    expect(answer).toContain('Booking it in the diaries');
    expect(answer).toContain('Nothing for you to do now: the meeting is being written into the diaries.');
    expect(answer).not.toContain('to book the meeting');
    const coachSees = cardText((await invokeAs(bot, PEOPLE.coach, 'request.refresh', { requestId: request.id })).card);
    expect(coachSees).toContain('Nothing for you to do now: the meeting is being written into the diaries.');
    graph.setLatency(0);
    await bot.app.background.idle();
    const booked = (await store.findById(request.id))!;
    expect(booked.status).toBe('booked');
    expect(cardText((await invokeAs(bot, PEOPLE.coach, 'request.refresh', { requestId: request.id, version: booked.version })).card)).toContain('Nothing for you to do now: the meeting is booked.');
  });
});
