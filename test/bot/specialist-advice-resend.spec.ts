import type { CalendarEventRow } from '../../data/schema/calendar';
import type { OutboxRow } from '../../data/schema/messaging';
import type { AdviceConversationRow, AdviceEventRow } from '../../data/schema/specialist-advice';
import { cardInputs, cardText, exchange, firstCard, invokeAs, PEOPLE, visibleText, type TestBot } from '../support/test-bot';
import { ADVICE_REQUEST, adviceBotEachTest, chat, HELEN, slotsOf } from '../support/advice-fixture';

const OTHER_COACH = '00000000-0000-4000-8000-000000000103'; // Dev Patel, a work coach at Crawley too
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The key the form's Send button posts back with what was typed. */
function keyOf(form: Record<string, unknown>): unknown {
  const send = (form.actions as { verb?: string; data?: Record<string, unknown> }[] | undefined)?.find((a) => a.verb === 'advice.request');
  return send?.data?.submissionKey;
}

describe('Specialist Advice: the same request form sent twice makes one conversation', () => {
  let bot: TestBot;
  // Monday 23 November 2026, 11:00 in London: Helen Okoro is at Crawley and free.
  adviceBotEachTest('2026-11-23T11:00:00Z', (started) => (bot = started), { opened: [PEOPLE.coach, PEOPLE.hcp, OTHER_COACH] });

  const rows = () => bot.app.dataSource.getRepository<AdviceConversationRow>('AdviceConversation').find({ order: { number: 'ASC' } });
  const trail = async () => (await bot.app.dataSource.getRepository<AdviceEventRow>('AdviceEvent').find({ order: { at: 'ASC' } })).map((e) => e.what);
  const formKey = async (aad: string) => keyOf(firstCard(await exchange(bot, aad, 'specialist advice')));

  it('sent again after a slow answer: the HCP is asked once, and both answers are the conversation the first one saved', async () => {
    const key = await formKey(PEOPLE.coach);
    const form = { ...ADVICE_REQUEST, when: 'now', submissionKey: key };
    const first = await invokeAs(bot, PEOPLE.coach, 'advice.request', form, { replyToId: 'coach-form-1' });
    // Teams showed an error for the first (too slow) and kept the form: the coach sends it again.
    const again = await invokeAs(bot, PEOPLE.coach, 'advice.request', form, { replyToId: 'coach-form-1' });
    for (const answer of [first, again]) {
      expect(answer.status).toBe(200);
      expect(cardText(answer.card)).toContain('Sent as SA-000001.');
      expect(cardText(answer.card)).toContain('You asked Helen Okoro to see the claimant now.');
    }
    expect(cardText(again.card)).not.toContain('SA-000002');

    const saved = await rows();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ status: 'adhoc_asked', adHoc: true, submissionKey: key });
    expect(await trail()).toEqual(['asked ad hoc']);
    // Told once: one card queued for the HCP, one posted.
    const outbox = await bot.app.dataSource.getRepository<OutboxRow>('Outbox').find({ where: { recipientAad: PEOPLE.hcp, kind: 'advice_card' } });
    expect(outbox).toHaveLength(1);
    await bot.app.notifier.idle();
    const toHelen = bot.connector.sentTo(chat(PEOPLE.hcp));
    expect(toHelen).toHaveLength(1);
    expect(visibleText(toHelen)).toContain('Urgent: Amira Shah asks you to see a claimant at Crawley now');
    expect(await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').count({ where: { mailbox: HELEN } })).toBe(0);
  });

  it('sent again after it was booked: nothing is saved or booked again, and the answer is the conversation as it now is', async () => {
    const form = { ...ADVICE_REQUEST, submissionKey: await formKey(PEOPLE.coach) };
    const asked = await invokeAs(bot, PEOPLE.coach, 'advice.request', form);
    expect(cardText(asked.card)).toContain('Sent as SA-000001. Now choose a time.');
    const [row] = await rows();
    await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row!.id, version: row!.version, slot: slotsOf(asked.card)[0] });
    await bot.app.background.idle();
    const events = await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').count({ where: { mailbox: HELEN } });
    expect(events).toBeGreaterThan(0);

    const again = await invokeAs(bot, PEOPLE.coach, 'advice.request', form);
    expect(cardText(again.card)).toContain('Sent as SA-000001.');
    expect(cardText(again.card)).toContain('Taking part is your choice');
    await bot.app.background.idle();
    expect(await rows()).toEqual([expect.objectContaining({ id: row!.id, status: 'booked', timesMoved: 0 })]);
    expect(await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').count({ where: { mailbox: HELEN } })).toBe(events);
    expect(await trail()).toEqual(['requested', 'booked']);
  });

  it('two sends of one form at the same moment (a double tap) make one conversation', async () => {
    const form = { ...ADVICE_REQUEST, submissionKey: await formKey(PEOPLE.coach) };
    const answers = await Promise.all([invokeAs(bot, PEOPLE.coach, 'advice.request', form), invokeAs(bot, PEOPLE.coach, 'advice.request', form)]);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(cardText(answer.card)).toContain('Sent as SA-000001.');
    }
    expect(await rows()).toHaveLength(1);
    expect(await trail()).toEqual(['requested']);
  });

  it('a form given back keeps its key, so the corrected form is saved once; each form shown has its own', async () => {
    const key = await formKey(PEOPLE.coach);
    expect(key).toMatch(UUID);
    expect(await formKey(PEOPLE.coach)).not.toEqual(key);
    const refused = await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...ADVICE_REQUEST, surname: '', submissionKey: key });
    expect(cardText(refused.card)).toContain('Enter the claimant’s surname.');
    expect(cardInputs(refused.card)).toMatchObject({ nino: 'AB123456C', conditions: 'Chronic back pain and anxiety' });
    expect(keyOf(refused.card)).toBe(key);
    expect(await rows()).toHaveLength(0);

    for (let i = 0; i < 2; i++) expect(cardText((await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...ADVICE_REQUEST, submissionKey: key })).card)).toContain('Sent as SA-000001.');
    expect(await rows()).toHaveLength(1);
  });

  it('a form from before forms had a key is still saved, each time, and one given back has a key', async () => {
    const refused = await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...ADVICE_REQUEST, nino: 'nonsense' });
    expect(keyOf(refused.card)).toMatch(UUID);
    expect(cardText((await invokeAs(bot, PEOPLE.coach, 'advice.request', ADVICE_REQUEST)).card)).toContain('Sent as SA-000001.');
    expect(cardText((await invokeAs(bot, PEOPLE.coach, 'advice.request', ADVICE_REQUEST)).card)).toContain('Sent as SA-000002.');
    expect((await rows()).map((r) => r.submissionKey)).toEqual([expect.stringMatching(UUID), expect.stringMatching(UUID)]);
  });

  it('a key another coach’s form saved shows nothing of that conversation: what was typed comes back on a new form', async () => {
    const key = await formKey(PEOPLE.coach);
    await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...ADVICE_REQUEST, submissionKey: key });
    const theirs = { ...ADVICE_REQUEST, surname: 'Young', nino: 'CE123456A', submissionKey: key };
    const refused = await invokeAs(bot, OTHER_COACH, 'advice.request', theirs);
    const text = cardText(refused.card);
    expect(text).toContain('This form was already used, so nothing was sent.');
    expect(text).not.toMatch(/SA-000001|Zebedee|AB 12 34 56 C|back pain/);
    expect(cardInputs(refused.card)).toMatchObject({ surname: 'Young', nino: 'CE123456A' });
    const fresh = keyOf(refused.card);
    expect(fresh).toMatch(UUID);
    expect(fresh).not.toBe(key);
    expect(await rows()).toHaveLength(1);

    expect(cardText((await invokeAs(bot, OTHER_COACH, 'advice.request', { ...theirs, submissionKey: fresh })).card)).toContain('Sent as SA-000002.');
  });

  it('a key that is not one the form makes is refused, and nothing is saved', async () => {
    const answer = await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...ADVICE_REQUEST, submissionKey: 'k'.repeat(65) });
    expect(cardText(answer.card)).toContain('This card could not be read');
    expect(await rows()).toHaveLength(0);
  });
});
