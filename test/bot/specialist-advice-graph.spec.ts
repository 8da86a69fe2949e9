import type { AdviceConversationRow } from '../../data/schema/specialist-advice';
import { GraphStandIn } from '../../testkit/graph-stand-in';
import { TestClock } from '../support/conference-fixture';
import { cardText, cardVerbs, exchange, invokeAs, PEOPLE, startTestBot, type TestBot } from '../support/test-bot';

const HELEN = 'helen.okoro@hcp.example';

describe('Specialist Advice diaries through Microsoft Graph (local stand-in)', () => {
  let graph: GraphStandIn;
  let bot: TestBot;
  beforeEach(async () => {
    graph = await GraphStandIn.start();
    bot = await startTestBot({ env: graph.botEnv() });
    for (const who of [PEOPLE.coach, PEOPLE.hcp]) await exchange(bot, who, 'help');
  });
  afterEach(async () => {
    await bot.close();
    await graph.close();
  });

  const rowOf = async () => (await bot.app.dataSource.getRepository<AdviceConversationRow>('AdviceConversation').find())[0]!;

  const REQUEST = {
    surname: 'Zebedee', nino: 'AB123456C', benefit: 'UC', healthCondition: 'yes', wcaStatus: 'not_had', background: 'Back pain for a year', conditions: 'c',
    adviceTypes: 'adjustments', channel: 'telephone', complex: '', when: 'booked', consent: 'true', gpConsent: 'no',
  };

  it('a request is saved once and answered in time when Graph is busy: the times follow from "Find times"', async () => {
    // Graph throttles the free-time read with a long Retry-After: the click is answered well within Teams' 5 seconds.
    graph.failNext({ path: /calendar\/getSchedule$|\$batch$/, status: 429, retryAfterSeconds: 30, times: Infinity });
    const since = Date.now();
    const asked = await invokeAs(bot, PEOPLE.coach, 'advice.request', REQUEST);
    expect(Date.now() - since).toBeLessThan(4_500);
    expect(cardText(asked.card)).toMatch(/Sent as SA-\d{6}\. Finding free times is taking too long/);
    expect(cardVerbs(asked.card)).toContain('advice.times');
    expect(await bot.app.dataSource.getRepository<AdviceConversationRow>('AdviceConversation').count()).toBe(1);

    // Graph fails outright: the coach is told, and nothing is lost or repeated.
    graph.clearFaults();
    graph.failNext({ path: /calendar\/getSchedule$|\$batch$/, status: 500, times: Infinity });
    let row = await rowOf();
    const failed = await invokeAs(bot, PEOPLE.coach, 'advice.times', { conversationId: row.id, version: row.version });
    expect(cardText(failed.card)).toContain('The diaries could not be read just now, so no times are shown');
    expect(cardVerbs(failed.card)).toContain('advice.times');

    // Once Graph answers, the times are there to choose from.
    graph.clearFaults();
    row = await rowOf();
    const times = await invokeAs(bot, PEOPLE.coach, 'advice.times', { conversationId: row.id, version: row.version });
    expect(cardVerbs(times.card)).toContain('advice.book');
    expect(await bot.app.dataSource.getRepository<AdviceConversationRow>('AdviceConversation').count()).toBe(1);
  });

  it('a refused time while the diaries cannot be read: the card says so, with the way to find times again', async () => {
    await invokeAs(bot, PEOPLE.coach, 'advice.request', REQUEST);
    const row = await rowOf();
    graph.failNext({ path: /calendar\/getSchedule$|\$batch$/, status: 500, times: Infinity });
    const refused = await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: 'not-a-time' });
    expect(refused.card).not.toMatchObject({ code: 'InternalServerError' });
    expect(cardText(refused.card)).toContain('Choose one of the times offered.');
    expect(cardText(refused.card)).toContain('The diaries could not be read just now, so no times are shown');
    expect(cardVerbs(refused.card)).toContain('advice.times');
  });

  it('an ad hoc request whose HCP diary cannot be read sends nothing and gives the form back as typed', async () => {
    graph.failNext({ path: /calendar\/getSchedule$|calendarView$|\$batch$/, status: 500, times: Infinity });
    const asked = await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...REQUEST, when: 'now' });
    expect(cardText(asked.card)).toContain('nothing was sent. What you typed is kept');
    const inputs = JSON.stringify(asked.card);
    for (const typed of ['Zebedee', 'AB123456C', 'Back pain for a year']) expect(inputs).toContain(typed);
    expect(await bot.app.dataSource.getRepository<AdviceConversationRow>('AdviceConversation').count()).toBe(0);
  });

  it('a diary that refuses leaves the booking with a way on: the coach is told and tries again, and nothing is written twice', async () => {
    const asked = await invokeAs(bot, PEOPLE.coach, 'advice.request', {
      surname: 'Zebedee', nino: 'AB123456C', benefit: 'UC', healthCondition: 'yes', wcaStatus: 'not_had', background: 'b', conditions: 'c',
      adviceTypes: 'adjustments', channel: 'telephone', complex: '', when: 'booked', consent: 'true', gpConsent: 'no',
    });
    const slot = ((asked.card.body as Record<string, unknown>[]).flatMap((b) => (b.items as Record<string, unknown>[] | undefined) ?? []).find((i) => i.id === 'slot') as { choices: { value: string }[] }).choices[0]!.value;
    // Helen's diary refuses the preparation (403: not retried by itself).
    graph.failNext({ path: new RegExp(`/users/${HELEN}/events$`), method: 'POST', status: 403, times: 1 });
    let row = await rowOf();
    const booked = await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot });
    await bot.app.background.idle();
    row = await rowOf();
    expect(row).toMatchObject({ status: 'booked', diaryStatus: 'failed' });
    expect(row.diaryError).toMatch(/^A diary could not be written/);
    expect(graph.events(HELEN)).toHaveLength(1);
    // The card the coach now sees offers to try again (and to cancel).
    const open = await invokeAs(bot, PEOPLE.coach, 'advice.open', { conversationId: row.id, version: row.version });
    expect(cardText(open.card)).toContain('The diaries could not all be written');
    expect(cardVerbs(open.card)).toEqual(expect.arrayContaining(['advice.retryDiaries', 'advice.cancel']));
    expect(cardText(booked.card)).not.toContain('Booked. The HCP’s diary has it');

    const retried = await invokeAs(bot, PEOPLE.coach, 'advice.retryDiaries', { conversationId: row.id, version: row.version });
    await bot.app.background.idle();
    expect(await rowOf()).toMatchObject({ diaryStatus: 'done', diaryError: null });
    expect(cardText(retried.card)).toMatch(/The diaries are up to date now\.|Trying the diaries again/);
    const entries = graph.events(HELEN).map((e) => e.transactionId);
    expect(entries).toHaveLength(2);
    expect(new Set(entries).size).toBe(2);
    expect(JSON.parse((await rowOf()).diaryEvents)).toHaveLength(2);
  });
});

describe('HCP activity when Microsoft Graph fails (local stand-in)', () => {
  let graph: GraphStandIn;
  let bot: TestBot;
  beforeEach(async () => {
    graph = await GraphStandIn.start();
    // Monday 23 November 2026, 10:00 in London: the HCP records what they did this morning.
    bot = await startTestBot({
      clock: new TestClock(new Date('2026-11-23T10:00:00Z')),
      env: graph.botEnv(),
    });
    await exchange(bot, PEOPLE.hcp, 'help');
  });
  afterEach(async () => {
    await bot.close();
    await graph.close();
  });

  it('an activity typed while the HCP’s diary cannot be read comes back as typed, and is saved once Graph answers', async () => {
    const office = (await bot.app.dataSource.getRepository<{ id: string; name: string }>('Jobcentre').findOneByOrFail({ name: 'Crawley' })).id;
    const typed = { kind: 'collaboration', date: '2026-11-23', start: '09:00', end: '09:45', jobcentreId: office, takingPart: 'Dana, the DEA', note: 'Planning a health fair' };
    graph.failNext({ path: /calendar\/getSchedule$|calendarView$|\$batch$/, status: 500, times: Infinity });
    const failed = await invokeAs(bot, PEOPLE.hcp, 'hcp.record', typed);
    const shown = JSON.stringify(failed.card);
    expect(shown).toContain('Planning a health fair');
    expect(shown).toContain('Dana, the DEA');
    expect(cardText(failed.card)).toContain('Something went wrong on our side');
    expect(await bot.app.dataSource.getRepository('HcpActivity').count()).toBe(0);

    graph.clearFaults();
    await invokeAs(bot, PEOPLE.hcp, 'hcp.record', typed);
    expect(await bot.app.dataSource.getRepository('HcpActivity').count()).toBe(1);
  });
});
