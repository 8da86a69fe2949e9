import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import { GraphStandIn } from '../../testkit/graph-stand-in';
import { cardText, exchange, invokeAs, PEOPLE, startTestBot, type TestBot } from '../support/test-bot';
import { dayOffset, workingDayAhead } from '../support/working-day';


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
