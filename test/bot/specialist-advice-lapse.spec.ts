import type { AdviceConversationRow, AdviceEventRow } from '../../data/schema/specialist-advice';
import type { OutboxRow } from '../../data/schema/messaging';
import { cardText, cardVerbs, invokeAs, PEOPLE, startTestBot, type TestBot } from '../support/test-bot';
import { ADVICE_REQUEST, adviceBotEachTest, chat, CONTACT } from '../support/advice-fixture';
import { openTempDatabase, type TempDatabase } from '../support/template-database';
import { SqlAdviceStore } from '../../data/stores/specialist-advice';
import { statementsDuring } from '../../testkit/statement-log';

const NOW = { ...ADVICE_REQUEST, when: 'now' };
const LAPSE_LINE = 'Specialist Advice SA-000001: Helen Okoro did not answer while the claimant was waiting (from 11:00), so nothing is booked. Your action: choose a time to book. Its card above is up to date.';

describe('Specialist Advice: an ad hoc ask nobody answered in time', () => {
  let bot: TestBot;
  // Monday 23 November 2026, 11:00 in London: the claimant is in the jobcentre now.
  const clock = adviceBotEachTest('2026-11-23T11:00:00Z', (started) => (bot = started), { opened: [PEOPLE.coach, PEOPLE.hcp, CONTACT] });

  const rowOf = async () => (await bot.app.dataSource.getRepository<AdviceConversationRow>('AdviceConversation').find())[0]!;
  const trail = async () => (await bot.app.dataSource.getRepository<AdviceEventRow>('AdviceEvent').find({ order: { at: 'ASC' } })).map((e) => e.what);
  const lapses = () => bot.app.jobs.tellLapsedAdHocAsks!() as Promise<number>;
  const settle = async () => {
    await bot.app.background.idle();
    await bot.app.notifier.idle();
  };
  /** What reached a chat: plain lines, cards posted, and the cards as they now read (updates in place applied). */
  const chatOf = async (aad: string) => {
    await settle();
    const calls = bot.connector.calls.filter((c) => c.conversationId === chat(aad));
    const posted = calls.filter((c) => c.method === 'POST' && c.activity.attachments?.length);
    const lines = calls.filter((c) => c.method === 'POST' && !c.activity.attachments?.length).map((c) => c.activity.text ?? '');
    const latest = new Map<string, Record<string, unknown>>();
    for (const c of calls.filter((call) => call.activity.attachments?.length)) latest.set(c.activity.id!, c.activity.attachments![0]!.content as Record<string, unknown>);
    return { posted, lines, updates: calls.filter((c) => c.method === 'PUT'), cards: [...latest.values()] };
  };
  const adviceCardsTo = async (aad: string) => bot.app.dataSource.getRepository<OutboxRow>('Outbox').count({ where: { recipientAad: aad, kind: 'advice_card' } });

  it('tells the coach once, in a line with no claimant detail, and the HCP’s card stops offering a yes; again after a restart, nothing', async () => {
    // The coach's form becomes their card of the conversation; the HCP gets the urgent ask.
    await invokeAs(bot, PEOPLE.coach, 'advice.request', NOW, { replyToId: 'coach-form-1' });
    let hcp = await chatOf(PEOPLE.hcp);
    expect(hcp.posted).toHaveLength(1);
    expect(cardVerbs(hcp.cards[0]!)).toContain('advice.adhoc');
    bot.connector.clear();

    // Still answerable at 11:14: nothing yet.
    clock.at = new Date('2026-11-23T11:14:00Z');
    expect(await lapses()).toBe(0);
    expect((await chatOf(PEOPLE.coach)).lines).toEqual([]);

    // 11:15: the claimant can wait no longer.
    clock.at = new Date('2026-11-23T11:15:00Z');
    expect(await lapses()).toBe(1);
    const coach = await chatOf(PEOPLE.coach);
    expect(coach.lines).toEqual([LAPSE_LINE]);
    expect(coach.posted).toHaveLength(0);
    // The coach's card (their form) now offers times.
    expect(coach.updates.some((u) => u.path.includes('coach-form-1'))).toBe(true);
    expect(cardVerbs(coach.cards[0]!)).toContain('advice.times');
    // The HCP's card is drawn again in place: no yes (or no) that would be refused; no message of its own.
    hcp = await chatOf(PEOPLE.hcp);
    expect(hcp.posted).toHaveLength(0);
    expect(hcp.lines).toEqual([]);
    expect(hcp.updates.length).toBeGreaterThan(0);
    expect(cardVerbs(hcp.cards[0]!)).not.toContain('advice.adhoc');
    expect(cardText(hcp.cards[0]!)).toContain('It is too late to answer: the claimant was waiting then.');
    // Nothing of the claimant in what was sent, nor in the logs.
    expect(coach.lines.join('\n')).not.toMatch(/Zebedee|AB123456C|AB 12 34 56 C|back pain|anxiety/i);
    expect(bot.logs.join('\n')).not.toMatch(/Zebedee|AB123456C|back pain/i);
    expect(await trail()).toEqual(['asked ad hoc', 'ad hoc lapsed']);

    // The job runs again (every minute, on every instance): nobody is told twice.
    expect(await lapses()).toBe(0);
    clock.at = new Date('2026-11-23T11:40:00Z');
    expect(await lapses()).toBe(0);
    expect((await chatOf(PEOPLE.coach)).lines).toEqual([LAPSE_LINE]);
    expect(await adviceCardsTo(PEOPLE.coach)).toBe(1);

    // A new process on the same database: the mark is in SQL, so still nothing.
    const dataDir = bot.dataDir;
    await bot.close({ keepData: true });
    bot = await startTestBot({ dataDir, clock });
    expect(await lapses()).toBe(0);
    await settle();
    expect(await adviceCardsTo(PEOPLE.coach)).toBe(1);
    expect(await trail()).toEqual(['asked ad hoc', 'ad hoc lapsed']);

    // The coach books a time from the same conversation, as before.
    const row = await rowOf();
    const times = await invokeAs(bot, PEOPLE.coach, 'advice.times', { conversationId: row.id, version: row.version });
    const slot = (times.card.body as Record<string, unknown>[]).flatMap((b) => (b.items as Record<string, unknown>[] | undefined) ?? []).find((i) => i.id === 'slot') as { choices: { value: string }[] };
    const booked = await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: slot.choices[0]!.value });
    expect(cardText(booked.card)).toContain('Booked.');
    expect(await rowOf()).toMatchObject({ status: 'booked', adHoc: false, askedAdHoc: true });
    expect(bot.cardProblems).toEqual([]);
  });

  it('an HCP who answered in time, or an ask cancelled meanwhile, tells nobody of a lapse', async () => {
    // Helen says yes at 11:05.
    await invokeAs(bot, PEOPLE.coach, 'advice.request', NOW, { replyToId: 'coach-form-1' });
    const row = await rowOf();
    clock.at = new Date('2026-11-23T11:05:00Z');
    await invokeAs(bot, PEOPLE.hcp, 'advice.adhoc', { conversationId: row.id, version: row.version, accept: 'true' });
    expect(await rowOf()).toMatchObject({ status: 'booked', adHoc: true });
    await settle();
    bot.connector.clear();
    clock.at = new Date('2026-11-23T11:30:00Z');
    expect(await lapses()).toBe(0);
    expect((await chatOf(PEOPLE.coach)).lines).toEqual([]);
    expect(await trail()).toEqual(['asked ad hoc', 'accepted ad hoc']);

    // A second claimant, the next day: Helen says no in time.
    clock.at = new Date('2026-11-24T10:00:00Z');
    await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...NOW, surname: 'Young', nino: 'CE123456A' });
    const second = (await bot.app.dataSource.getRepository<AdviceConversationRow>('AdviceConversation').find({ order: { number: 'ASC' } }))[1]!;
    expect(second).toMatchObject({ status: 'adhoc_asked' });
    await invokeAs(bot, PEOPLE.hcp, 'advice.adhoc', { conversationId: second.id, version: second.version, accept: 'false' });
    // A third, cancelled by the coach before its time passed.
    clock.at = new Date('2026-11-25T10:00:00Z');
    await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...NOW, surname: 'Xu', nino: 'CE654321A' });
    const third = (await bot.app.dataSource.getRepository<AdviceConversationRow>('AdviceConversation').find({ order: { number: 'ASC' } }))[2]!;
    expect(third).toMatchObject({ status: 'adhoc_asked' });
    await invokeAs(bot, PEOPLE.coach, 'advice.cancel', { conversationId: third.id, version: third.version });
    await settle();
    bot.connector.clear();

    clock.at = new Date('2026-11-25T12:00:00Z');
    expect(await lapses()).toBe(0);
    expect((await chatOf(PEOPLE.coach)).lines).toEqual([]);
    const statuses = (await bot.app.dataSource.getRepository<AdviceConversationRow>('AdviceConversation').find({ order: { number: 'ASC' } })).map((c) => c.status);
    expect(statuses).toEqual(['booked', 'requested', 'cancelled']);
    expect(await trail()).not.toContain('ad hoc lapsed');
  });

  it('two instances running the job at once tell the coach once; a coach with no copy of the card is sent it, saying what to do', async () => {
    // No form replied to: the coach has no copy of the conversation's card yet.
    await invokeAs(bot, PEOPLE.coach, 'advice.request', NOW);
    await settle();
    bot.connector.clear();
    clock.at = new Date('2026-11-23T11:20:00Z');
    const [a, b] = await Promise.all([lapses(), lapses()]);
    expect(a + b).toBe(1);
    expect(await adviceCardsTo(PEOPLE.coach)).toBe(1);
    const coach = await chatOf(PEOPLE.coach);
    expect(coach.posted).toHaveLength(1);
    const card = coach.cards[0]!;
    expect(cardText(card)).toContain('Helen Okoro did not answer while the claimant was waiting (from 11:00). Book a time instead: what you sent is kept.');
    expect(cardVerbs(card)).toContain('advice.times');
    expect(await trail()).toEqual(['asked ad hoc', 'ad hoc lapsed']);
  });

  it('a lapse older than the job looks back (from before lapses were told) is left alone', async () => {
    await invokeAs(bot, PEOPLE.coach, 'advice.request', NOW);
    await settle();
    bot.connector.clear();
    // Thursday: more than three days after the ask lapsed.
    clock.at = new Date('2026-11-26T11:16:00Z');
    expect(await lapses()).toBe(0);
    expect(await trail()).toEqual(['asked ad hoc']);
    expect((await chatOf(PEOPLE.coach)).lines).toEqual([]);
    // The card still shows it lapsed, and offers to book a time.
    const row = await rowOf();
    expect(cardVerbs((await invokeAs(bot, PEOPLE.coach, 'advice.open', { conversationId: row.id })).card)).toContain('advice.times');
  });
});

describe('Specialist Advice: the lapse job reads by index, not every conversation', () => {
  let db: TempDatabase;
  beforeEach(async () => {
    db = await openTempDatabase();
  });
  afterEach(async () => db.close());

  it('seeks the status and start index, and each conversation’s trail by its index', async () => {
    // Every instance runs it every minute, over a table that only grows.
    const [read, ...more] = await statementsDuring(db.dataSource, () => new SqlAdviceStore(db.dataSource).lapsedAdHocAsks(new Date('2026-11-20T11:00:00Z'), new Date('2026-11-23T11:00:00Z'), 50));
    expect(more).toEqual([]);
    const plan = ((await db.dataSource.query(`EXPLAIN QUERY PLAN ${read!.sql}`, read!.parameters)) as { detail: string }[]).map((p) => p.detail);
    expect(plan).toContainEqual(expect.stringContaining('USING INDEX IDX_advice_conversation_status_start (status=? AND startsAt>? AND startsAt<?)'));
    expect(plan).toContainEqual(expect.stringContaining('USING INDEX IDX_advice_event_conversation (conversationId=?)'));
    expect(plan.filter((d) => /^SCAN /.test(d))).toEqual([]);
  });
});
