import type { AdviceConversationRow } from '../../data/schema/specialist-advice';
import { cardText, exchange, firstCard, invokeAs, PEOPLE, type TestBot } from '../support/test-bot';
import { ADVICE_REQUEST, adviceBotEachTest, MANAGER, slotsOf } from '../support/advice-fixture';

const NOW = { ...ADVICE_REQUEST, when: 'now' };
const WEEK = ['2026-11-23', '2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27'];

/*
 * Ad hoc demand (seed 002 §3.4, §12.2) in the activity manager's report. Each day of the week of
 * Monday 23 November 2026 a work coach asks Helen to see two claimants in Crawley there and then: she
 * says yes to the first; the second she says no to (Monday, Wednesday, Friday) or does not answer
 * in time (Tuesday, Thursday), and the coach books a later time that day. All ten are held. Five of
 * each, so the report shows the counts rather than "fewer than 5".
 */
describe('Specialist Advice: an ad hoc ask stays ad hoc demand in the report, whatever the HCP answered', () => {
  let bot: TestBot;
  const clock = adviceBotEachTest('2026-11-23T09:00:00Z', (started) => (bot = started));

  const rows = async () => bot.app.dataSource.getRepository<AdviceConversationRow>('AdviceConversation').find({ order: { number: 'ASC' } });
  const latest = async () => (await rows()).at(-1)!;
  const rowOf = async (id: string) => (await bot.app.dataSource.getRepository<AdviceConversationRow>('AdviceConversation').findOneByOrFail({ id }));
  const askNow = async (surname: string) => {
    await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...NOW, surname });
    const row = await latest();
    expect(row).toMatchObject({ surname, status: 'adhoc_asked', adHoc: true, askedAdHoc: true });
    return row;
  };
  /** Five minutes into the conversation, the HCP records the notes: it is held. */
  const hold = async (id: string, date: string) => {
    let row = await rowOf(id);
    clock.at = new Date(row.startsAt!.getTime() + 5 * 60_000);
    row = await rowOf(id);
    const notes = { conversationId: id, version: row.version, conditions: 'Back pain', impact: 'Cannot sit long', functioning: 'Part-time', actions: 'Try a work trial', noAlternativeDiagnosis: 'true', wcaNotChallenged: 'true', hasFindings: 'no', signedName: 'Helen Okoro', signedOn: date };
    await invokeAs(bot, PEOPLE.hcp, 'advice.notes', notes);
    return rowOf(id);
  };

  it('one said yes to is ad hoc asked and held; one said no to, or not answered in time, then booked, is ad hoc asked and pre-booked held', async () => {
    for (const [day, date] of WEEK.entries()) {
      // 09:00: Helen says yes and sees the claimant there and then.
      clock.at = new Date(`${date}T09:00:00Z`);
      let accepted = await askNow('Young');
      await invokeAs(bot, PEOPLE.hcp, 'advice.adhoc', { conversationId: accepted.id, version: accepted.version, accept: 'true' });
      accepted = await hold(accepted.id, date);
      expect(accepted).toMatchObject({ status: 'held', adHoc: true, askedAdHoc: true });

      // 10:05: a second claimant asks; Helen says no, or lets the ask lapse.
      clock.at = new Date(`${date}T10:05:00Z`);
      let later = await askNow('Zebedee');
      if (day % 2 === 0) {
        await invokeAs(bot, PEOPLE.hcp, 'advice.adhoc', { conversationId: later.id, version: later.version, accept: 'false' });
        expect(await rowOf(later.id)).toMatchObject({ status: 'requested', adHoc: false, askedAdHoc: true });
      } else {
        clock.at = new Date(`${date}T10:25:00Z`);
      }
      later = await rowOf(later.id);
      const times = await invokeAs(bot, PEOPLE.coach, 'advice.times', { conversationId: later.id, version: later.version });
      const [slot] = slotsOf(times.card);
      expect(slot).toBe(`${date}T10:30:00.000Z`);
      expect(cardText((await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: later.id, version: later.version, slot })).card)).toContain('Booked.');
      // Booked ahead, with its preparation: pre-booked from now on, and still asked ad hoc.
      expect(await rowOf(later.id)).toMatchObject({ status: 'booked', adHoc: false, askedAdHoc: true });
      later = await hold(later.id, date);
      expect(later).toMatchObject({ status: 'held', adHoc: false, askedAdHoc: true });
    }
    expect((await rows()).map((r) => r.status)).toEqual(Array(10).fill('held'));

    // Friday afternoon: the activity manager's report of the week.
    clock.at = new Date('2026-11-27T16:00:00Z');
    const report = cardText(firstCard(await exchange(bot, MANAGER, 'report this week')));
    expect(report).toContain('In this period: 10 conversations asked for, 10 held.');
    expect(report).toContain('**Pre-booked**: Asked for: fewer than 5 · Held: 5');
    expect(report).toContain('**Ad hoc (the claimant in the jobcentre)**: Asked for: 10 · Held: 5');
    expect(report).toContain('Held counts how the conversation took place: one booked for later after an ad hoc ask is pre-booked.');
    expect(bot.cardProblems).toEqual([]);
  });
});
