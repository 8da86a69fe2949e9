import type { AdviceConversationRow } from '../../data/schema/specialist-advice';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { cardText, invokeAs, PEOPLE, type TestBot } from '../support/test-bot';
import { ADVICE_REQUEST, adviceBotEachTest, chat, CONTACT, MANAGER, slotsOf } from '../support/advice-fixture';

describe('Specialist Advice: an HCP recorded absent, or past the last day of their notice, is not offered, and booked conversations are flagged (seed 002 §4.1)', () => {
  let bot: TestBot;
  // Monday 23 November 2026, 11:00 in London.
  adviceBotEachTest('2026-11-23T11:00:00Z', (started) => (bot = started), { checkCards: true });

  const rows = () => bot.app.dataSource.getRepository<AdviceConversationRow>('AdviceConversation').find({ order: { createdAt: 'ASC' } });
  const helen = async () => (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.hcp))!.id;
  /** What reached a person's chat: its plain lines and its cards, once everything queued is delivered. */
  const chatOf = async (aad: string) => {
    await bot.app.background.idle();
    await bot.app.notifier.idle();
    const calls = bot.connector.calls.filter((c) => c.conversationId === chat(aad) && c.method === 'POST');
    return { lines: calls.filter((c) => !c.activity.attachments?.length).map((c) => c.activity.text ?? ''), cards: calls.filter((c) => c.activity.attachments?.length).length };
  };
  const absent = async (fromDate: string, toDate: string) => cardText((await invokeAs(bot, MANAGER, 'hcp.absent', { hcpId: await helen(), fromDate, toDate })).card);
  /** A request to book, then the time offered on `date` booked; the conversation's row. */
  const bookOn = async (date: string) => {
    const asked = await invokeAs(bot, PEOPLE.coach, 'advice.request', ADVICE_REQUEST);
    const row = (await rows()).at(-1)!;
    const slot = slotsOf(asked.card).find((s) => s.startsWith(date)) ?? `${date}T08:30:00.000Z`;
    expect(cardText((await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot })).card)).toContain('Booked');
    return (await rows()).find((r) => r.id === row.id)!;
  };

  it('absent on Tuesday: Tuesday is not offered, a Tuesday time chosen earlier is refused with the next times, and an ask now on a day absent goes to nobody', async () => {
    const asked = await invokeAs(bot, PEOPLE.coach, 'advice.request', ADVICE_REQUEST);
    expect(slotsOf(asked.card)).toEqual(['2026-11-23T11:00:00.000Z', '2026-11-24T08:30:00.000Z', '2026-11-25T08:30:00.000Z']);
    const row = (await rows())[0]!;

    // Off sick on Tuesday; nothing is booked with her then, so nothing is listed.
    const recorded = await absent('2026-11-24', '2026-11-24');
    expect(recorded).toContain('Absence recorded for 1 working day.');
    expect(recorded).not.toContain('Specialist Advice conversation');

    // The coach picks Tuesday from the card shown before: refused as taken, with the next times.
    const refused = await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: '2026-11-24T08:30:00.000Z' });
    expect(cardText(refused.card)).toContain('That time is no longer free. Choose another.');
    expect(slotsOf(refused.card)).toEqual(['2026-11-23T11:00:00.000Z', '2026-11-25T08:30:00.000Z', '2026-11-26T08:30:00.000Z']);
    expect((await rows())[0]).toMatchObject({ status: 'requested', startsAt: null });
    const times = await invokeAs(bot, PEOPLE.coach, 'advice.times', { conversationId: row.id, version: row.version });
    expect(slotsOf(times.card)).not.toContain('2026-11-24T08:30:00.000Z');

    // Off today too: an ask now is not sent to her; the coach books from the next free times.
    await absent('2026-11-23', '2026-11-23');
    bot.connector.clear();
    const now = await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...ADVICE_REQUEST, channel: 'telephone', when: 'now' });
    expect(cardText(now.card)).toContain('Helen Okoro is not working today. Choose one of the next free times below, and tell the claimant.');
    expect(slotsOf(now.card)).toEqual(['2026-11-25T08:30:00.000Z', '2026-11-26T08:30:00.000Z', '2026-11-27T08:30:00.000Z']);
    expect((await rows())[1]).toMatchObject({ status: 'requested', adHoc: false, startsAt: null });
    expect(await chatOf(PEOPLE.hcp)).toEqual({ lines: [], cards: 0 });
  });

  it('absence recorded over two booked conversations: listed on the card the manager gets back, one line to the coach for each, and both stay booked', async () => {
    const first = await bookOn('2026-11-25');
    const second = await bookOn('2026-11-25');
    expect([first.startsAt?.toISOString(), second.startsAt?.toISOString()]).toEqual(['2026-11-25T09:00:00.000Z', '2026-11-25T10:30:00.000Z']);
    await chatOf(PEOPLE.coach);
    bot.connector.clear();

    const recorded = await absent('2026-11-25', '2026-11-27');
    expect(recorded).toContain('Absence recorded for 3 working days. SUP-000001 asks the supplier for a replacement.');
    expect(recorded).toContain('2 Specialist Advice conversations are booked with Helen Okoro on those days: SA-000001 Wednesday 25 November 09:00, SA-000002 Wednesday 25 November 10:30. Your action: tell the coaches, or move them when a replacement is known.');

    const coach = await chatOf(PEOPLE.coach);
    expect(coach.lines).toEqual([
      'Specialist Advice SA-000001: Helen Okoro is recorded absent on Wednesday 25 November 2026. Your action: move or cancel the conversation, and tell the claimant.',
      'Specialist Advice SA-000002: Helen Okoro is recorded absent on Wednesday 25 November 2026. Your action: move or cancel the conversation, and tell the claimant.',
    ]);
    // Nothing of the claimant in what the coach is sent.
    expect(coach.lines.join(' ')).not.toMatch(/Zebedee|AB123456C|back pain/i);
    expect((await rows()).map((r) => [r.number, r.status, r.startsAt?.toISOString()])).toEqual([
      [1, 'booked', '2026-11-25T09:00:00.000Z'],
      [2, 'booked', '2026-11-25T10:30:00.000Z'],
    ]);
  });

  it('a notice with the last day Monday 30 November: the conversation on Tuesday 1 December is listed and its coach told; no later day can be booked, the last day still can', async () => {
    const booked = await bookOn('2026-12-01');
    expect(booked.startsAt?.toISOString()).toBe('2026-12-01T09:00:00.000Z');
    await chatOf(PEOPLE.coach);
    bot.connector.clear();

    const notice = cardText((await invokeAs(bot, MANAGER, 'hcp.notice', { hcpId: await helen(), givenOn: '2026-11-20', receivedOn: '2026-11-23', lastDay: '2026-11-30' })).card);
    expect(notice).toContain('1 Specialist Advice conversation is booked with Helen Okoro after their last day: SA-000001 Tuesday 1 December 09:00. Your action: tell the coaches, or move them when a replacement is known.');
    expect((await chatOf(PEOPLE.coach)).lines).toEqual([
      'Specialist Advice SA-000001: Helen Okoro’s last working day is Monday 30 November 2026, before this conversation on Tuesday 1 December 2026. Your action: move or cancel the conversation, and tell the claimant.',
    ]);
    expect((await rows())[0]).toMatchObject({ status: 'booked' });

    const row = (await rows())[0]!;
    const later = await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: '2026-12-02T08:30:00.000Z' });
    expect(cardText(later.card)).toContain('That time is no longer free. Choose another.');
    expect(slotsOf(later.card).every((s) => s < '2026-12-01')).toBe(true);
    const moved = await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: '2026-11-30T08:30:00.000Z' });
    expect(cardText(moved.card)).toContain('Monday 30 November 2026, 09:00 to 10:00');
  });

  it('the contact records the HCP absent today, over a conversation later today: listed for the contact, and the coach told', async () => {
    await bookOn('2026-11-23');
    await chatOf(PEOPLE.coach);
    bot.connector.clear();
    const recorded = cardText((await invokeAs(bot, CONTACT, 'hcp.absent', { hcpId: await helen(), fromDate: '2026-11-23', toDate: '2026-11-23' })).card);
    expect(recorded).toContain('1 Specialist Advice conversation is booked with Helen Okoro on those days: SA-000001 Monday 23 November 11:30.');
    expect((await chatOf(PEOPLE.coach)).lines).toEqual(['Specialist Advice SA-000001: Helen Okoro is recorded absent on Monday 23 November 2026. Your action: move or cancel the conversation, and tell the claimant.']);
  });
});
