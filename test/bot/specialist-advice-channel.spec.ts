import type { CalendarEventRow } from '../../data/schema/calendar';
import type { AdviceConversationRow } from '../../data/schema/specialist-advice';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { cardText, cardVerbs, invokeAs, PEOPLE, type TestBot } from '../support/test-bot';
import { ADVICE_REQUEST, adviceBotEachTest, chat, HELEN, MANAGER, slotsOf } from '../support/advice-fixture';

/** A fact's value on a card (its "Show details"), by title. */
function factOf(card: Record<string, unknown>, title: string): string | undefined {
  let found: string | undefined;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'FactSet') for (const f of n.facts as { title: string; value: string }[]) if (f.title === title) found ??= f.value;
      Object.values(n).forEach(walk);
    }
  };
  walk(card.body);
  return found;
}

/** The titles of a card's buttons, in order. */
const buttonTitles = (card: Record<string, unknown>) => ((card.actions as { title: string }[] | undefined) ?? []).map((a) => a.title);

describe('Specialist Advice: the channel a coach chose for an ad hoc ask is the one it happens in, and the one booked after', () => {
  let bot: TestBot;
  // Monday 23 November 2026, 11:00 in London: the claimant is in the jobcentre now.
  const clock = adviceBotEachTest('2026-11-23T11:00:00Z', (started) => (bot = started));

  const rowOf = async () => (await bot.app.dataSource.getRepository<AdviceConversationRow>('AdviceConversation').find())[0]!;
  const settle = async () => {
    await bot.app.background.idle();
    await bot.app.notifier.idle();
  };
  /** What reached a person's chat: the lines, and the cards as they now read (updates in place applied). */
  const chatOf = async (aad: string) => {
    await settle();
    const calls = bot.connector.calls.filter((c) => c.conversationId === chat(aad));
    const lines = calls.filter((c) => c.method === 'POST' && !c.activity.attachments?.length).map((c) => c.activity.text ?? '');
    const latest = new Map<string, Record<string, unknown>>();
    for (const c of calls.filter((call) => call.activity.attachments?.length)) latest.set(c.activity.id!, c.activity.attachments![0]!.content as Record<string, unknown>);
    return { lines, cards: [...latest.values()] };
  };
  const helenEvents = () => bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').find({ where: { mailbox: HELEN }, order: { startsAt: 'ASC' } });
  /** The activity manager puts Helen at Horsham on Tuesday: no face to face at Crawley that day. */
  const helenAtHorshamTuesday = async () => helenAtHorsham('2026-11-24');
  const helenAtHorsham = async (date: string) => {
    const helen = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.hcp))!;
    const [horsham] = (await bot.app.dataSource.query('SELECT id FROM jobcentre WHERE name = ?', ['Horsham'])) as { id: string }[];
    expect(cardText((await invokeAs(bot, MANAGER, 'advice.siteDay', { hcpId: helen.id, date, jobcentreId: horsham!.id })).card)).toContain('Saved: at Horsham');
  };

  it('Helen is at Horsham today: she is still asked to join a telephone or video ask now, but not to come and see the claimant face to face', async () => {
    await helenAtHorsham('2026-11-23');
    const asked = await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...ADVICE_REQUEST, channel: 'telephone', when: 'now' }, { replyToId: 'coach-form-1' });
    expect(cardText(asked.card)).toContain('You asked Helen Okoro to speak with the claimant now, by telephone.');
    expect(await rowOf()).toMatchObject({ status: 'adhoc_asked', adHoc: true, channel: 'telephone' });
    expect(cardText((await chatOf(PEOPLE.hcp)).cards[0]!)).toContain('Urgent: Amira Shah asks you to speak with a claimant at Crawley now, by telephone');

    const faceToFace = await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...ADVICE_REQUEST, when: 'now' }, { replyToId: 'coach-form-2' });
    expect(cardText(faceToFace.card)).toContain('Helen Okoro is not at Crawley today. Choose one of the next free times below, and tell the claimant.');
    const rows = await bot.app.dataSource.getRepository<AdviceConversationRow>('AdviceConversation').find({ where: { channel: 'face_to_face' } });
    expect(rows).toMatchObject([{ status: 'requested', adHoc: false }]);
    expect(bot.cardProblems).toEqual([]);
  });

  it('by telephone: Helen is asked for a call, says yes, and the booking, her diary and the claimant’s words are by telephone', async () => {
    const asked = await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...ADVICE_REQUEST, channel: 'telephone', when: 'now' }, { replyToId: 'coach-form-1' });
    expect(cardText(asked.card)).toContain('You asked Helen Okoro to speak with the claimant now, by telephone. You will get a message if they answer by 11:15');
    expect(factOf(asked.card, 'How')).toBe('Telephone');
    let row = await rowOf();
    expect(row).toMatchObject({ status: 'adhoc_asked', adHoc: true, channel: 'telephone' });

    // Helen is asked for a call, not to go and see the claimant.
    const urgent = (await chatOf(PEOPLE.hcp)).cards[0]!;
    expect(cardText(urgent)).toContain('Urgent: Amira Shah asks you to speak with a claimant at Crawley now, by telephone (Monday 23 November 2026, 11:00 to 12:00).');
    expect(buttonTitles(urgent)).toContain('Yes, I can speak with them');
    expect(factOf(urgent, 'How')).toBe('Telephone');
    bot.connector.clear();

    await invokeAs(bot, PEOPLE.hcp, 'advice.adhoc', { conversationId: row.id, version: row.version, accept: 'true' });
    row = await rowOf();
    expect(row).toMatchObject({ status: 'booked', adHoc: true, channel: 'telephone' });
    expect((await chatOf(PEOPLE.coach)).lines).toEqual(['Specialist Advice SA-000001: Helen Okoro can speak with the claimant now, by telephone: Monday 23 November 2026, 11:00 to 12:00. Its card above is up to date.']);
    // No room is named in Helen's diary, and no video meeting is made.
    const [event] = await helenEvents();
    expect(event).toMatchObject({ subject: 'Specialist Advice three-way conversation: SA-000001', location: null, joinUrl: null });
    expect(event!.body).toMatch(/^Telephone\./);

    // The claimant is with the coach already: only Helen joins by telephone.
    const coachCard = (await invokeAs(bot, PEOPLE.coach, 'advice.open', { conversationId: row.id })).card;
    expect(cardText(coachCard)).toContain('is on Monday 23 November 2026, 11:00 to 12:00, here at Crawley Jobcentre, with Helen Okoro joining by telephone.');
    expect(cardText(coachCard)).not.toContain('we will call you');
    expect(factOf(coachCard, 'How')).toBe('Telephone');
    expect(bot.cardProblems).toEqual([]);
  });

  it('by video call, and Helen says no: the coach books a video call, offered on a day she is at another jobcentre too', async () => {
    await helenAtHorshamTuesday();
    await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...ADVICE_REQUEST, channel: 'video', when: 'now' }, { replyToId: 'coach-form-1' });
    let row = await rowOf();
    expect(row).toMatchObject({ status: 'adhoc_asked', channel: 'video' });
    expect(cardText((await chatOf(PEOPLE.hcp)).cards[0]!)).toContain('Urgent: Amira Shah asks you to see a claimant at Crawley now, by video call (Monday 23 November 2026, 11:00 to 12:00).');
    bot.connector.clear();

    await invokeAs(bot, PEOPLE.hcp, 'advice.adhoc', { conversationId: row.id, version: row.version, accept: 'false' });
    row = await rowOf();
    expect(row).toMatchObject({ status: 'requested', adHoc: false, channel: 'video' });
    const coach = await chatOf(PEOPLE.coach);
    expect(coach.lines).toEqual(['Specialist Advice SA-000001: Helen Okoro cannot see the claimant now, by video call. Your action: choose a time to book. Its card above is up to date.']);
    expect(factOf(coach.cards[0]!, 'How')).toBe('Video call');

    // Times for a video call: Tuesday too, when Helen is at Horsham (face to face would skip it).
    const times = await invokeAs(bot, PEOPLE.coach, 'advice.times', { conversationId: row.id, version: row.version });
    expect(cardText(times.card)).toContain('Choose a time for the conversation by video call. The first part is for you and the HCP to prepare together.');
    expect(slotsOf(times.card)).toEqual(['2026-11-23T11:00:00.000Z', '2026-11-24T08:30:00.000Z', '2026-11-25T08:30:00.000Z']);
    const booked = await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: '2026-11-24T08:30:00.000Z' });
    // The conversation is in the jobcentre (seed 002 Annex 2 §9): the claimant comes in, Helen joins by video.
    expect(cardText(booked.card)).toContain('Tuesday 24 November 2026, 09:00 to 10:00, at Crawley Jobcentre, with Helen Okoro joining by video call.');
    expect(cardText(booked.card)).not.toContain('send you the link');
    expect(factOf(booked.card, 'How')).toBe('Video call');
    expect(await rowOf()).toMatchObject({ status: 'booked', adHoc: false, channel: 'video' });
    const conversation = (await helenEvents()).find((e) => e.subject.startsWith('Specialist Advice three-way conversation'))!;
    expect(conversation.body).toMatch(/^Video call\./);
    expect(conversation.joinUrl).not.toBeNull();
    expect(conversation.location).toBeNull();
    expect(bot.cardProblems).toEqual([]);
  });

  it('by telephone, unanswered until it lapses: both cards say so, and the coach books a telephone conversation', async () => {
    await helenAtHorshamTuesday();
    await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...ADVICE_REQUEST, channel: 'telephone', when: 'now' }, { replyToId: 'coach-form-1' });
    await settle();
    bot.connector.clear();
    clock.at = new Date('2026-11-23T11:15:00Z');
    expect(await bot.app.jobs.tellLapsedAdHocAsks!()).toBe(1);

    const row = await rowOf();
    expect(row).toMatchObject({ status: 'adhoc_asked', channel: 'telephone' });
    const hcpCard = (await chatOf(PEOPLE.hcp)).cards[0]!;
    expect(cardText(hcpCard)).toContain('Amira Shah asked you to speak with a claimant at Crawley at 11:00, by telephone. It is too late to answer');
    expect(cardVerbs(hcpCard)).not.toContain('advice.adhoc');
    const coachCard = (await chatOf(PEOPLE.coach)).cards[0]!;
    expect(cardText(coachCard)).toContain('Helen Okoro did not answer while the claimant was waiting (from 11:00). Book a time instead: what you sent is kept.');
    expect(factOf(coachCard, 'How')).toBe('Telephone');

    const times = await invokeAs(bot, PEOPLE.coach, 'advice.times', { conversationId: row.id, version: row.version });
    expect(cardText(times.card)).toContain('Choose a time for the conversation by telephone.');
    expect(slotsOf(times.card)).toContain('2026-11-24T08:30:00.000Z');
    const booked = await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: '2026-11-24T08:30:00.000Z' });
    // Booked ahead now, still in the jobcentre (seed 002 Annex 2 §9): the claimant comes back in, and only Helen joins by telephone.
    expect(cardText(booked.card)).toContain('Tuesday 24 November 2026, 09:00 to 10:00, at Crawley Jobcentre, with Helen Okoro joining by telephone.');
    expect(cardText(booked.card)).not.toContain('we will call you');
    expect(await rowOf()).toMatchObject({ status: 'booked', adHoc: false, channel: 'telephone' });
    expect(cardText(booked.card)).not.toMatch(/face to face/i);
    expect(bot.cardProblems).toEqual([]);
  });

  it('face to face asks still read as before, and say face to face to the HCP who must go to the claimant', async () => {
    const asked = await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...ADVICE_REQUEST, when: 'now' });
    expect(cardText(asked.card)).toContain('You asked Helen Okoro to see the claimant now. You will get');
    expect(await rowOf()).toMatchObject({ status: 'adhoc_asked', channel: 'face_to_face' });
    const urgent = (await chatOf(PEOPLE.hcp)).cards[0]!;
    expect(cardText(urgent)).toContain('Urgent: Amira Shah asks you to see a claimant at Crawley now, face to face (Monday 23 November 2026, 11:00 to 12:00).');
    expect(buttonTitles(urgent)).toContain('Yes, I can see them');
  });
});
