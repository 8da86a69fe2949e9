import type { CalendarEventRow } from '../../data/schema/calendar';
import type { AdviceConversationRow } from '../../data/schema/specialist-advice';
import { EmbeddedCalendar } from '../../data/calendar/embedded-calendar';
import { SqlAdviceStore } from '../../data/stores/specialist-advice';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlWorkingPatterns } from '../../data/stores/working-patterns';
import { readHcpDays } from '../../domain/specialist-advice/hcp-day';
import { cardInputs, cardText, exchange, firstCard, invokeAs, PEOPLE, visibleText, type TestBot } from '../support/test-bot';
import { ADVICE_REQUEST, adviceBotEachTest, chat, CONTACT, HELEN, MANAGER, slotsOf } from '../support/advice-fixture';

const allInputs = (card: Record<string, unknown>) => ({ ...cardInputs({ body: card.actions }), ...cardInputs(card) });

const REQUEST = { ...ADVICE_REQUEST, channel: 'telephone' };

describe('Specialist Advice: live cards, diaries after the click, HCP breaks, pack reminders', () => {
  let bot: TestBot;
  // Monday 23 November 2026, 09:00 in London.
  const clock = adviceBotEachTest('2026-11-23T09:00:00Z', (started) => (bot = started));

  const rowOf = async () => (await bot.app.dataSource.getRepository<AdviceConversationRow>('AdviceConversation').find())[0]!;
  const settle = async () => {
    await bot.app.background.idle();
    await bot.app.notifier.idle();
  };
  /** What reached a chat: cards posted (with their text as they now read, updates applied) and plain lines. */
  const chatOf = async (aad: string) => {
    await settle();
    const calls = bot.connector.calls.filter((c) => c.conversationId === chat(aad));
    const posted = calls.filter((c) => c.method === 'POST' && c.activity.attachments?.length).map((c) => c.activity.id!);
    const lines = calls.filter((c) => c.method === 'POST' && !c.activity.attachments?.length).map((c) => c.activity.text ?? '');
    const now = new Map<string, string>();
    for (const c of calls.filter((call) => call.activity.attachments?.length)) now.set(c.activity.id!, visibleText([c.activity]));
    const updates = calls.filter((c) => c.method === 'PUT').length;
    return { posted, lines, updates, cards: posted.map((id) => now.get(id) ?? '') };
  };
  const helenId = async () => (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.hcp))!.id;

  it('one card per person per conversation: later changes update it in place, with a line saying what changed', async () => {
    // The coach's form (the message replied to) becomes their card of the conversation.
    const asked = await invokeAs(bot, PEOPLE.coach, 'advice.request', REQUEST, { replyToId: 'coach-form-1' });
    expect(cardText(asked.card)).toContain('Sent as SA-000001');
    let row = await rowOf();
    const booked = await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: slotsOf(asked.card)[0] }, { replyToId: 'coach-form-1' });
    // The click waits for the diaries a moment: they are written when the answer comes.
    expect(cardText(booked.card)).toContain('Booked. The HCP’s diary has it, with the preparation before it, and you are invited.');
    expect(await rowOf()).toMatchObject({ status: 'booked', diaryStatus: 'done' });

    let hcp = await chatOf(PEOPLE.hcp);
    let contact = await chatOf(CONTACT);
    expect(hcp.posted).toHaveLength(1);
    expect(contact.posted).toHaveLength(1);
    expect(contact.cards[0]).toContain('Prepare the information pack for Helen Okoro');

    // The contact marks the pack ready: the HCP gets a line, and their card now says so (no second card).
    row = await rowOf();
    await invokeAs(bot, CONTACT, 'advice.pack', { conversationId: row.id, version: row.version });
    hcp = await chatOf(PEOPLE.hcp);
    expect(hcp.posted).toHaveLength(1);
    expect(hcp.lines).toEqual([expect.stringContaining('Specialist Advice SA-000001: the information pack is ready. Your action: review it with the work coach')]);
    expect(hcp.cards[0]).toContain('The information pack is ready. Review it with the work coach');
    // The coach's card (the form they sent) is updated in place too.
    const coachUpdates = bot.connector.calls.filter((c) => c.method === 'PUT' && c.conversationId === chat(PEOPLE.coach) && c.path.includes('coach-form-1'));
    expect(coachUpdates.length).toBeGreaterThan(0);
    expect(visibleText([coachUpdates[coachUpdates.length - 1]!.activity])).toContain('Information pack');

    // The coach moves it: the HCP and the contact each get a line; still one card each, showing the new time.
    row = await rowOf();
    const times = await invokeAs(bot, PEOPLE.coach, 'advice.times', { conversationId: row.id, version: row.version });
    const moveTo = slotsOf(times.card).find((s) => s.startsWith('2026-11-25'))!;
    bot.connector.clear();
    await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: moveTo });
    contact = await chatOf(CONTACT);
    hcp = await chatOf(PEOPLE.hcp);
    expect(contact.posted).toHaveLength(0);
    expect(hcp.posted).toHaveLength(0);
    expect(contact.lines).toEqual([expect.stringMatching(/^Specialist Advice SA-000001: moved by Amira Shah to Wednesday 25 November 2026, .*Your action: make sure the information pack is ready for the new time\./)]);
    expect(hcp.lines).toHaveLength(1);
    expect(contact.updates).toBeGreaterThan(0);
    const contactCard = bot.connector.calls.filter((c) => c.method === 'PUT' && c.conversationId === chat(CONTACT)).pop()!;
    expect(visibleText([contactCard.activity])).toContain('Wednesday 25 November 2026');
    expect(visibleText([contactCard.activity])).toContain('The pack is ready');

    // Only the entries of the new time are left in the diary.
    const events = await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').find({ where: { mailbox: HELEN } });
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.startsAt.toISOString().startsWith('2026-11-25'))).toBe(true);

    // Cancelled a minute later: the entries are removed after the click, and everyone's card says so (within the same second, Teams' pace for the HCP's chat is used up by the updates above).
    clock.at = new Date(clock.at.getTime() + 60_000);
    row = await rowOf();
    bot.connector.clear();
    const cancelled = await invokeAs(bot, PEOPLE.coach, 'advice.cancel', { conversationId: row.id, version: row.version });
    expect(cardText(cancelled.card)).toContain('Cancelled. Nothing is left in the diaries.');
    expect(await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').count({ where: { mailbox: HELEN } })).toBe(0);
    expect((await chatOf(PEOPLE.hcp)).lines).toEqual([expect.stringContaining('cancelled by Amira Shah')]);
    expect(await rowOf()).toMatchObject({ status: 'cancelled', diaryStatus: 'done', diaryEvents: '[]' });
  });

  it('breaks agreed with the activity manager: never offered for booking, and not free time in the HCP’s day', async () => {
    // A time that does not read is named beside its day, and everything typed is kept.
    const wrong = await invokeAs(bot, MANAGER, 'advice.breaks', { hcpId: await helenId(), monday: '11:30-12:00', tuesday: 'lunch', friday: '18:00-18:30' });
    expect(cardText(wrong.card)).toContain('Some breaks could not be saved. What you typed is kept under Set breaks.');
    expect(cardText(wrong.card)).toContain('Enter each break like 12:30-13:00');
    expect(cardText(wrong.card)).toContain('A break must be within working hours, 08:30 to 17:00.');
    expect(allInputs(wrong.card)).toMatchObject({ monday: '11:30-12:00', tuesday: 'lunch', friday: '18:00-18:30' });

    const saved = await invokeAs(bot, MANAGER, 'advice.breaks', { hcpId: await helenId(), monday: '11:30-12:00', tuesday: '12:30-13:00', wednesday: '', thursday: '', friday: '' });
    expect(cardText(saved.card)).toContain('Saved Helen Okoro’s breaks: 2 a week.');
    expect(cardText(saved.card)).toContain('Breaks: Monday 11:30-12:00; Tuesday 12:30-13:00');

    // At 10:40 the preparation could start at 11:00 without the break; the preparation and the hour fit only after it.
    clock.at = new Date('2026-11-23T10:40:00Z');
    const asked = await invokeAs(bot, PEOPLE.coach, 'advice.request', REQUEST);
    expect(slotsOf(asked.card)[0]).toBe('2026-11-23T12:00:00.000Z');
    const row = await rowOf();
    await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: '2026-11-23T12:00:00.000Z' });

    const day = cardText(firstCard(await exchange(bot, PEOPLE.hcp, 'my day')));
    expect(day).toContain('**12:30–13:30** (preparation from 12:00) SA-000001 with Amira Shah, telephone; pack not ready yet');
    expect(day).toContain('Breaks: 11:30–12:00');
    expect(day).toContain('Free time: 08:30–11:30, 13:30–17:00');

    // The one function another journey reads an HCP's day from: conversations, preparation, breaks, free gaps.
    const helen = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.hcp))!;
    const [monday, tuesday] = await readHcpDays(
      { store: new SqlAdviceStore(bot.app.dataSource), calendar: new EmbeddedCalendar(bot.app.dataSource), patterns: new SqlWorkingPatterns(bot.app.dataSource) },
      helen,
      '2026-11-23',
      2,
    );
    const iso = (xs: readonly { start: Date; end: Date }[]) => xs.map((x) => `${x.start.toISOString()}/${x.end.toISOString()}`);
    expect(monday!.booked.map((b) => [b.conversation.reference, b.preparation?.start.toISOString(), b.time.start.toISOString()])).toEqual([['SA-000001', '2026-11-23T12:00:00.000Z', '2026-11-23T12:30:00.000Z']]);
    expect(iso(monday!.breaks)).toEqual(['2026-11-23T11:30:00.000Z/2026-11-23T12:00:00.000Z']);
    expect(iso(monday!.freeGaps)).toEqual(['2026-11-23T08:30:00.000Z/2026-11-23T11:30:00.000Z', '2026-11-23T13:30:00.000Z/2026-11-23T17:00:00.000Z']);
    expect(iso(tuesday!.breaks)).toEqual(['2026-11-24T12:30:00.000Z/2026-11-24T13:00:00.000Z']);
    expect(iso(tuesday!.freeGaps)).toEqual(['2026-11-24T08:30:00.000Z/2026-11-24T12:30:00.000Z', '2026-11-24T13:00:00.000Z/2026-11-24T17:00:00.000Z']);
  });

  it('a pack not ready by 15:00 the working day before: the contact is reminded and the HCP told, once', async () => {
    const asked = await invokeAs(bot, PEOPLE.coach, 'advice.request', REQUEST);
    const tuesday = slotsOf(asked.card).find((s) => s.startsWith('2026-11-24'))!;
    let row = await rowOf();
    await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: tuesday });
    await settle();
    bot.connector.clear();

    clock.at = new Date('2026-11-23T14:59:00Z');
    expect(await bot.app.jobs.remindAdvicePacks!()).toBe(0);
    clock.at = new Date('2026-11-23T15:00:00Z');
    expect(await bot.app.jobs.remindAdvicePacks!()).toBe(1);
    expect(await bot.app.jobs.remindAdvicePacks!()).toBe(0);
    const contact = await chatOf(CONTACT);
    expect(contact.lines).toEqual([expect.stringMatching(/^Specialist Advice SA-000001: the information pack is not marked ready yet, and the conversation is on Tuesday 24 November 2026.*Your action: prepare the pack and mark it ready\./)]);
    expect((await chatOf(PEOPLE.hcp)).lines).toEqual([expect.stringContaining('the information pack is not marked ready yet. Lucy Fernandes has been reminded.')]);
    expect(await rowOf()).toMatchObject({ packRemindedAt: new Date('2026-11-23T15:00:00Z') });

    // Moved to a later day: a new booking, and a new reminder if its pack is not ready either.
    row = await rowOf();
    const times = await invokeAs(bot, PEOPLE.coach, 'advice.times', { conversationId: row.id, version: row.version });
    const later = slotsOf(times.card).find((s) => s > '2026-11-25')!;
    await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: later });
    expect((await rowOf()).packRemindedAt).toBeNull();
    // A pack marked ready in time is not reminded.
    row = await rowOf();
    await invokeAs(bot, CONTACT, 'advice.pack', { conversationId: row.id, version: row.version });
    clock.at = new Date(new Date(later).getTime() - 60_000);
    expect(await bot.app.jobs.remindAdvicePacks!()).toBe(0);
  });

  it('the working day before skips bank holidays: a Tuesday after Christmas is reminded on Christmas Eve, not on the Monday holiday', async () => {
    // Thursday 24 December 2026; Friday 25 and Monday 28 (Boxing Day's substitute) are bank holidays.
    clock.at = new Date('2026-12-24T09:00:00Z');
    const asked = await invokeAs(bot, PEOPLE.coach, 'advice.request', REQUEST);
    const slots = slotsOf(asked.card);
    // Booking itself offers no time on the holidays.
    expect(slots.filter((s) => s.startsWith('2026-12-25') || s.startsWith('2026-12-28'))).toEqual([]);
    let row = await rowOf();
    let tuesday = slots.find((s) => s.startsWith('2026-12-29'));
    if (!tuesday) {
      const times = await invokeAs(bot, PEOPLE.coach, 'advice.times', { conversationId: row.id, version: row.version });
      tuesday = slotsOf(times.card).find((s) => s.startsWith('2026-12-29'))!;
      row = await rowOf();
    }
    await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: tuesday });
    await settle();
    bot.connector.clear();

    clock.at = new Date('2026-12-24T14:59:00Z');
    expect(await bot.app.jobs.remindAdvicePacks!()).toBe(0);
    clock.at = new Date('2026-12-24T15:00:00Z');
    expect(await bot.app.jobs.remindAdvicePacks!()).toBe(1);
    expect(await rowOf()).toMatchObject({ packRemindedAt: new Date('2026-12-24T15:00:00Z') });
    expect((await chatOf(CONTACT)).lines).toEqual([expect.stringContaining('the conversation is on Tuesday 29 December 2026')]);
    // Nothing more on the holiday itself.
    clock.at = new Date('2026-12-28T15:00:00Z');
    expect(await bot.app.jobs.remindAdvicePacks!()).toBe(0);
  });
});
