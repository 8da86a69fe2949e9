import type { CalendarEventRow } from '../../data/schema/calendar';
import type { HcpActivityRow } from '../../data/schema/hcp-activity';
import type { OutboxRow } from '../../data/schema/messaging';
import type { AdviceConversationRow } from '../../data/schema/specialist-advice';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { statementsDuring } from '../../testkit/statement-log';
import { ADVICE_REQUEST, adviceBotEachTest, chat, CONTACT, HELEN, MANAGER } from '../support/advice-fixture';
import { cardText, cardVerbs, exchange, invokeAs, PEOPLE, startTestBot, visibleText, type TestBot } from '../support/test-bot';

const TOM = '00000000-0000-4000-8000-000000000003'; // Tom Baker, work coach team leader
const BEN = '00000000-0000-4000-8000-000000000101'; // Ben Turner, work coach at Horsham, led by Tom Baker
const NOTICE = 'advice_over_activity';
/** Nothing of the claimant, nor the activity's note (which may be about one), in a notice, a diary or a log. */
const PRIVATE = /Zebedee|AB123456C|AB 12 34 56 C|back pain|anxiety|Mental health/i;

/** The conversation text the HCP and the activity manager read, for a telephone conversation on Tuesday at 10:00 with preparation from 09:30. */
const BOOKED_OVER = 'Specialist Advice SA-000001 was booked for Tuesday 24 November 2026, 10:00 to 11:00 (preparation from 09:30), over';
const OVER_HERS = `${BOOKED_OVER} your presentation to a team or office on Tuesday 24 November 2026, 10:00 to 11:00.`;
const OVER_HELENS = `${BOOKED_OVER} Helen Okoro’s presentation to a team or office on Tuesday 24 November 2026, 10:00 to 11:00.`;
/** The activity's own card, to whoever may move it, while that conversation is booked over it. */
const OVER_THIS = 'A Specialist Advice conversation is booked over this: SA-000001, Tuesday 24 November 2026, 10:00 to 11:00 (preparation from 09:30).';
const MOVE_IT = 'Your action: give the activity another time.';
/** Nothing of the claimant on the activity's card (its own note is the activity's, and shown there as ever). */
const CLAIMANT = /Zebedee|AB123456C|AB 12 34 56 C|back pain|anxiety|Limited capability|two years/i;

/**
 * Seed 002 Annex 3 §1 and §6: the HCP does supporting activity only when no Specialist Advice
 * interview is booked. Her activity, written into her diary as busy, does not stop a conversation
 * being offered or accepted then; her other meetings still do; and once one is booked over it, she
 * and the activity manager are told once that it needs another time.
 */
describe('Specialist Advice before supporting activity (real HTTP, real SQLite, embedded calendar)', () => {
  let bot: TestBot;
  // Monday 23 November 2026, 09:00 in London.
  const clock = adviceBotEachTest('2026-11-23T09:00:00Z', (started) => (bot = started), { checkCards: true });

  const settle = async () => {
    await bot.app.background.idle();
    await bot.app.notifier.idle();
  };
  const delivered = async (aad: string) => {
    await settle();
    return bot.connector.sentTo(chat(aad)).map((a) => visibleText([a]));
  };
  /** What a person was sent about a conversation booked over supporting activity (not the conversation's own card). */
  const noticesSent = async (aad: string) => (await delivered(aad)).filter((text) => text.includes('is booked over'));
  const helenId = async () => (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.hcp))!.id;
  const crawley = async () => (await bot.app.dataSource.getRepository<{ id: string; name: string }>('Jobcentre').findOneByOrFail({ name: 'Crawley' })).id;
  const conversation = async () => (await bot.app.dataSource.getRepository<AdviceConversationRow>('AdviceConversation').find({ order: { number: 'ASC' } }))[0]!;
  const activities = () => bot.app.dataSource.getRepository<HcpActivityRow>('HcpActivity').find({ order: { createdAt: 'ASC' } });
  const noticesTo = (aad: string) => bot.app.dataSource.getRepository<OutboxRow>('Outbox').count({ where: { recipientAad: aad, kind: NOTICE } });
  const allNotices = () => bot.app.dataSource.getRepository<OutboxRow>('Outbox').count({ where: { kind: NOTICE } });

  /** The activity manager sets Helen a presentation; it goes into her diary as busy. */
  const presentation = async (date: string, start: string, end: string) => {
    const set = await invokeAs(bot, MANAGER, 'hcp.setActivity', { hcpId: await helenId(), kind: 'presentation', date, start, end, jobcentreId: await crawley(), note: 'Mental health and work, for the Crawley team' });
    expect(cardText(set.card)).toContain('It goes into their diary, and they are told.');
    await settle();
    const activity = (await activities()).at(-1)!;
    const entry = await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').findOneByOrFail({ transactionId: `hcp-activity:${activity.id}` });
    expect(entry).toMatchObject({ mailbox: HELEN, showAs: 'busy' });
    bot.connector.clear();
    return activity;
  };
  /** A meeting someone else put in Helen's diary (not one the bot wrote). */
  let meetings = 0;
  const meeting = async (start: string, end: string) => {
    meetings += 1;
    await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').insert({
      id: `11111111-1111-4111-8111-${String(meetings).padStart(12, '0')}`,
      mailbox: HELEN,
      subject: 'Team meeting',
      body: '',
      startsAt: new Date(start),
      endsAt: new Date(end),
      showAs: 'busy',
      attendees: '[]',
      location: null,
      joinUrl: null,
      transactionId: `someone-else-${meetings}`,
      createdAt: new Date(),
    });
  };
  /** The coach asks for a telephone conversation (not complex: 30 minutes' preparation); the times offered. */
  const ask = async () => {
    const asked = await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...ADVICE_REQUEST, channel: 'telephone' });
    expect(cardText(asked.card)).toContain('Sent as SA-000001. Now choose a time.');
    const slot = (asked.card.body as Record<string, unknown>[]).flatMap((b) => (b.items as Record<string, unknown>[] | undefined) ?? []).find((i) => i.id === 'slot') as { choices: { title: string; value: string }[] };
    return slot.choices;
  };

  it('offers the time of the HCP’s presentation for a conversation; a meeting of hers before it still blocks', async () => {
    await presentation('2026-11-24', '10:00', '11:00');
    await meeting('2026-11-24T08:30:00Z', '2026-11-24T09:30:00Z');
    const offered = await ask();
    // Tuesday's earliest: straight after her meeting, with the conversation at the presentation's time.
    expect(offered.map((c) => c.value)).toEqual(['2026-11-23T09:00:00.000Z', '2026-11-24T09:30:00.000Z', '2026-11-25T08:30:00.000Z']);
    expect(offered[1]!.title).toBe('Tuesday 24 November 2026, 10:00 to 11:00 (preparation from 09:30)');
    // Offering it changes nobody's diary and tells nobody.
    expect(await allNotices()).toBe(0);
  });

  it('a meeting of hers over part of the presentation still blocks that time: it is not taken for the activity’s entry', async () => {
    await presentation('2026-11-24', '10:00', '11:00');
    await meeting('2026-11-24T08:30:00Z', '2026-11-24T09:30:00Z');
    // Someone invites Helen to 10:30–11:30, across the end of the presentation.
    await meeting('2026-11-24T10:30:00Z', '2026-11-24T11:30:00Z');
    const offered = await ask();
    expect(offered[1]).toEqual({ value: '2026-11-24T11:30:00.000Z', title: 'Tuesday 24 November 2026, 12:00 to 13:00 (preparation from 11:30)' });
    // Nor is 09:30 taken when sent anyway (a card from before the meeting was put in).
    const row = await conversation();
    const refused = await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: '2026-11-24T09:30:00.000Z' });
    expect(cardText(refused.card)).toContain('That time is no longer free. Choose another.');
    expect(await conversation()).toMatchObject({ status: 'requested', version: row.version });
    expect(await allNotices()).toBe(0);
  });

  it('a conversation at exactly the presentation’s times holds the HCP: asked again now, she is not free', async () => {
    await presentation('2026-11-24', '10:00', '11:00');
    // Tuesday 10:00: an ad hoc conversation at exactly the presentation's times, accepted.
    clock.at = new Date('2026-11-24T10:00:00Z');
    await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...ADVICE_REQUEST, when: 'now' });
    const first = await conversation();
    expect(cardText((await invokeAs(bot, PEOPLE.hcp, 'advice.adhoc', { conversationId: first.id, version: first.version, accept: 'true' })).card)).toContain('it is in your diary');
    await settle();
    expect(await conversation()).toMatchObject({ status: 'booked', startsAt: new Date('2026-11-24T10:00:00Z'), endsAt: new Date('2026-11-24T11:00:00Z') });

    // 10:05, another claimant: her diary entry for the first and the presentation's share their times, but she is in a conversation.
    clock.at = new Date('2026-11-24T10:05:00Z');
    const again = await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...ADVICE_REQUEST, surname: 'Quill', nino: 'CE654321D', when: 'now' });
    const [, second] = await bot.app.dataSource.getRepository<AdviceConversationRow>('AdviceConversation').find({ order: { number: 'ASC' } });
    expect(second?.status ?? 'none').not.toBe('adhoc_asked');
    expect(cardText(again.card)).not.toContain('You asked Helen Okoro to see the claimant now.');
  });

  it('booking over it tells the HCP and the activity manager once, with no claimant detail, also after a restart; the manager moves the activity from the notice', async () => {
    const activity = await presentation('2026-11-24', '10:00', '11:00');
    await meeting('2026-11-24T08:30:00Z', '2026-11-24T09:30:00Z');
    await ask();
    const row = await conversation();
    const booked = await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: '2026-11-24T09:30:00.000Z' });
    expect(cardText(booked.card)).toContain('Booked.');
    expect(await conversation()).toMatchObject({ status: 'booked', startsAt: new Date('2026-11-24T10:00:00Z'), endsAt: new Date('2026-11-24T11:00:00Z') });

    // Helen: her card of the conversation, as ever, and a notice about her presentation.
    expect((await delivered(PEOPLE.hcp)).join('\n')).toContain('You have a conversation with Amira Shah on Tuesday 24 November 2026, 10:00 to 11:00.');
    const [toHelen, ...more] = await noticesSent(PEOPLE.hcp);
    expect(more).toEqual([]);
    expect(toHelen).toContain('A three-way conversation is booked over your supporting activity');
    expect(toHelen).toContain(OVER_HERS);
    expect(toHelen).toContain('Your action: the activity needs another time. Your activity manager can move it, or you can from its card.');
    // The activity manager, who is sent nothing else about the conversation.
    const toManager = await delivered(MANAGER);
    expect(toManager).toHaveLength(1);
    expect(toManager[0]).toContain('A three-way conversation is booked over Helen Okoro’s supporting activity');
    expect(toManager[0]).toContain(OVER_HELENS);
    expect(toManager[0]).toContain('Your action: move the activity to another time, when no conversation is booked.');
    expect(toManager[0]).toContain('Three-way conversations come first: supporting activity happens only when none is booked.');
    // Once each; nobody else.
    expect([await noticesTo(PEOPLE.hcp), await noticesTo(MANAGER), await allNotices()]).toEqual([1, 1, 2]);
    expect(`${toHelen}\n${toManager.join('\n')}`).not.toMatch(PRIVATE);
    expect(bot.logs.join('\n')).not.toMatch(PRIVATE);
    // Not silently double-booked: the presentation keeps its time until someone moves it, and both are in her diary.
    expect((await activities())[0]).toMatchObject({ status: 'planned', startsAt: new Date('2026-11-24T10:00:00Z') });
    const diary = await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').find({ where: { mailbox: HELEN }, order: { startsAt: 'ASC' } });
    expect(diary.map((e) => `${e.startsAt.toISOString().slice(11, 16)} ${e.subject}`).sort()).toEqual(['08:30 Team meeting', '09:30 Specialist Advice preparation: SA-000001', '10:00 Presentation to a team or office', '10:00 Specialist Advice three-way conversation: SA-000001']);
    expect(diary.map((e) => `${e.subject} ${e.body}`).join('\n')).not.toMatch(PRIVATE);

    // The same click again (its card not yet refreshed) books nothing and tells nobody again.
    const again = await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: '2026-11-24T09:30:00.000Z' });
    expect(cardText(again.card)).toContain('This changed since you last saw it');
    // A process that stopped after the booking committed, before Teams took the notices, leaves them
    // queued: the next process sends each once, however often its sweeps and the diary work run.
    await bot.app.dataSource.getRepository<OutboxRow>('Outbox').update({ kind: NOTICE }, { deliveredAt: null, activityId: null, lastStatus: null });
    const dataDir = bot.dataDir;
    await bot.close({ keepData: true });
    bot = await startTestBot({ dataDir, clock });
    for (const who of [PEOPLE.coach, PEOPLE.hcp, CONTACT, MANAGER]) await exchange(bot, who, 'help');
    for (let run = 0; run < 2; run += 1) {
      await bot.app.jobs.sweepWork!();
      await bot.app.jobs.sweepOutbox!();
      await settle();
    }
    expect(await noticesSent(PEOPLE.hcp)).toEqual([toHelen]);
    expect(await noticesSent(MANAGER)).toEqual(toManager);
    expect(await noticesSent(PEOPLE.coach)).toEqual([]);
    expect([await noticesTo(PEOPLE.hcp), await noticesTo(MANAGER), await allNotices()]).toEqual([1, 1, 2]);

    // "Open the activity": the manager's card of it, with a way to move it; not onto the conversation.
    const opened = await invokeAs(bot, MANAGER, 'hcp.open', { activityId: activity.id });
    expect(cardVerbs(opened.card)).toContain('hcp.move');
    const current = (await activities())[0]!;
    const over = await invokeAs(bot, MANAGER, 'hcp.move', { activityId: activity.id, version: current.version, date: '2026-11-24', start: '10:30', end: '11:30' });
    expect(cardText(over.card)).toContain('over a booked three-way conversation');
    const moved = await invokeAs(bot, MANAGER, 'hcp.move', { activityId: activity.id, version: current.version, date: '2026-11-24', start: '14:00', end: '15:00' });
    expect(cardText(moved.card)).toContain('Moved.');
    await settle();
    expect(await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').findOneByOrFail({ transactionId: `hcp-activity:${activity.id}` })).toMatchObject({ startsAt: new Date('2026-11-24T14:00:00Z') });
  });

  it('booked over a case conference a team leader arranged for a work coach: the coach and the team leader are told once that the HCP will not be there, with nothing of the conversation or the claimant; the HCP and the manager as before', async () => {
    // Seed 002 Annex 3 §3.2: Tom asks the activity manager for an individual case conference for Ben.
    const conferenceNote = 'Returning to work after knee surgery, pain when standing';
    for (const who of [TOM, BEN]) await exchange(bot, who, 'help');
    const ben = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(BEN))!;
    await invokeAs(bot, TOM, 'hcp.askConference', { kind: 'individual_case_conference', note: conferenceNote, caseReference: 'DEA-000123', coachId: ben.id });
    let [conference] = await activities();
    expect(conference).toMatchObject({ kind: 'individual_case_conference', status: 'requested', coachId: ben.id });
    const planned = await invokeAs(bot, MANAGER, 'hcp.plan', { activityId: conference!.id, version: conference!.version, date: '2026-11-24', start: '10:00', end: '11:00' });
    expect(cardText(planned.card)).toContain('Saved.');
    await settle();
    bot.connector.clear();

    await meeting('2026-11-24T08:30:00Z', '2026-11-24T09:30:00Z');
    await ask();
    const row = await conversation();
    expect(cardText((await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: '2026-11-24T09:30:00.000Z' })).card)).toContain('Booked.');
    await settle();

    // The HCP and the activity manager, as for any activity.
    const toHelen = await noticesSent(PEOPLE.hcp);
    expect(toHelen).toHaveLength(1);
    expect(toHelen[0]).toContain(`${BOOKED_OVER} your individual case conference on Tuesday 24 November 2026, 10:00 to 11:00.`);
    const toManager = await noticesSent(MANAGER);
    expect(toManager).toHaveLength(1);
    expect(toManager[0]).toContain(`${BOOKED_OVER} Helen Okoro’s individual case conference on Tuesday 24 November 2026, 10:00 to 11:00.`);
    expect(toManager[0]).toContain('Your action: move the activity to another time, when no conversation is booked.');

    // Ben, whose case conference it is, and Tom, who asked for it: told the HCP will not be there.
    const away = (aad: string) => delivered(aad).then((texts) => texts.filter((text) => text.includes('will not be at')));
    const toBen = await away(BEN);
    expect(toBen).toHaveLength(1);
    expect(toBen[0]).toContain(
      'Helen Okoro will not be at your individual case conference on Tuesday 24 November 2026, 10:00 to 11:00: a three-way conversation was booked then, which comes first. The activity manager will give it another time.',
    );
    expect(toBen[0]).toContain('Nothing for you to do now: you will be told its new time.');
    const toTom = await away(TOM);
    expect(toTom).toHaveLength(1);
    expect(toTom[0]).toContain('Helen Okoro will not be at the individual case conference you asked for on Tuesday 24 November 2026, 10:00 to 11:00: a three-way conversation was booked then, which comes first.');
    // Not part of the conversation: not its reference, time, preparation or claimant; nor the conference's note or case.
    for (const text of [...toBen, ...toTom]) {
      expect(text).not.toMatch(/SA-000001|preparation|Amira|DEA-000123|knee|surgery/i);
      expect(text).not.toMatch(PRIVATE);
    }
    // The work coach who booked it is not at the case conference: nothing about it for her.
    expect(await away(PEOPLE.coach)).toEqual([]);
    expect([await noticesTo(PEOPLE.hcp), await noticesTo(MANAGER), await noticesTo(BEN), await noticesTo(TOM), await allNotices()]).toEqual([1, 1, 1, 1, 4]);
    expect(`${toHelen.join('\n')}\n${toManager.join('\n')}`).not.toMatch(PRIVATE);
    expect(bot.logs.join('\n')).not.toMatch(PRIVATE);
    expect(bot.logs.join('\n')).not.toMatch(/knee|surgery/i);

    // Ben may open the case conference's card from it, as he could before; nothing there to move it.
    const [bensNotice] = await bot.app.dataSource.getRepository<OutboxRow>('Outbox').find({ where: { kind: NOTICE, recipientAad: BEN } });
    const rendered = await bot.app.routes.cards.get(NOTICE)!.render(bensNotice!.subjectId!, ben);
    expect(rendered && !('notice' in rendered) ? cardVerbs(rendered) : null).toEqual(['hcp.open']);
    const opened = await invokeAs(bot, BEN, 'hcp.open', { activityId: conference!.id });
    expect(cardText(opened.card)).toContain(conferenceNote);
    expect(cardVerbs(opened.card)).not.toContain('hcp.move');

    // Moved away before a retried delivery: nothing for him then either.
    [conference] = await activities();
    expect(cardText((await invokeAs(bot, MANAGER, 'hcp.move', { activityId: conference!.id, version: conference!.version, date: '2026-11-24', start: '14:00', end: '15:00' })).card)).toContain('Moved.');
    expect(await bot.app.routes.cards.get(NOTICE)!.render(bensNotice!.subjectId!, ben)).toBeNull();
  });

  it('a notice not yet sent when the activity moved away sends nothing: it says what is so when it goes', async () => {
    const activity = await presentation('2026-11-24', '10:00', '11:00');
    await meeting('2026-11-24T08:30:00Z', '2026-11-24T09:30:00Z');
    await ask();
    const row = await conversation();
    await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: '2026-11-24T09:30:00.000Z' });
    await settle();
    const current = (await activities())[0]!;
    await invokeAs(bot, MANAGER, 'hcp.move', { activityId: activity.id, version: current.version, date: '2026-11-24', start: '14:00', end: '15:00' });
    // The same notices rendered now, as a delivery retried after the move would render them.
    const [notice] = await bot.app.dataSource.getRepository<OutboxRow>('Outbox').find({ where: { kind: NOTICE, recipientAad: MANAGER } });
    const manager = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(MANAGER))!;
    expect(await bot.app.routes.cards.get(NOTICE)!.render(notice!.subjectId!, manager)).toBeNull();
  });

  it('ad hoc: the HCP is free now during her presentation, and a yes tells her and the activity manager that it needs another time', async () => {
    await presentation('2026-11-24', '10:00', '11:00');
    // Tuesday 09:50: a claimant with the coach at Crawley; Helen's presentation is at 10:00.
    clock.at = new Date('2026-11-24T09:50:00Z');
    const asked = await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...ADVICE_REQUEST, when: 'now' });
    expect(cardText(asked.card)).toContain('You asked Helen Okoro to see the claimant now.');
    let row = await conversation();
    expect(row).toMatchObject({ status: 'adhoc_asked', adHoc: true, startsAt: new Date('2026-11-24T09:50:00Z') });
    // Asking tells nobody about the activity yet: she may still say no.
    expect(await allNotices()).toBe(0);

    const accepted = await invokeAs(bot, PEOPLE.hcp, 'advice.adhoc', { conversationId: row.id, version: row.version, accept: 'true' });
    expect(cardText(accepted.card)).toContain('it is in your diary');
    row = await conversation();
    expect(row).toMatchObject({ status: 'booked', adHoc: true });
    const over = 'Specialist Advice SA-000001 was booked for Tuesday 24 November 2026, 09:50 to 10:50, over';
    expect((await noticesSent(PEOPLE.hcp)).join('\n')).toContain(`${over} your presentation to a team or office on Tuesday 24 November 2026, 10:00 to 11:00.`);
    expect((await noticesSent(MANAGER)).join('\n')).toContain(`${over} Helen Okoro’s presentation to a team or office on Tuesday 24 November 2026, 10:00 to 11:00.`);
    expect([await noticesTo(PEOPLE.hcp), await noticesTo(MANAGER), await allNotices()]).toEqual([1, 1, 2]);
  });

  it('booked clear of her activity, nobody is told; moved over it, they are told once; moved off it again, nothing more', async () => {
    await presentation('2026-11-25', '09:00', '10:00');
    const offered = await ask();
    // Tuesday 08:30 (conversation 09:00 to 10:00): nothing of hers then.
    let row = await conversation();
    await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: offered[1]!.value });
    expect(await conversation()).toMatchObject({ status: 'booked', startsAt: new Date('2026-11-24T09:00:00Z') });
    await settle();
    expect(await allNotices()).toBe(0);
    expect(await delivered(MANAGER)).toEqual([]);

    // Moved to Wednesday, 09:00 to 10:00: the presentation's time.
    row = await conversation();
    const moved = await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: '2026-11-25T08:30:00.000Z' });
    expect(cardText(moved.card)).toContain('Moved.');
    expect((await noticesSent(MANAGER)).join('\n')).toContain(
      'Specialist Advice SA-000001 was booked for Wednesday 25 November 2026, 09:00 to 10:00 (preparation from 08:30), over Helen Okoro’s presentation to a team or office on Wednesday 25 November 2026, 09:00 to 10:00.',
    );
    expect([await noticesTo(PEOPLE.hcp), await noticesTo(MANAGER), await allNotices()]).toEqual([1, 1, 2]);

    // Moved on to Thursday: nothing more about the presentation.
    row = await conversation();
    await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: '2026-11-26T08:30:00.000Z' });
    expect(await conversation()).toMatchObject({ timesMoved: 2, startsAt: new Date('2026-11-26T09:00:00Z') });
    await settle();
    expect(await allNotices()).toBe(2);
  });
  /** The activity's card as `aad` opens it now, and whether its first button is "Move it". */
  const openActivity = async (aad: string, activityId: string) => {
    const { card } = await invokeAs(bot, aad, 'hcp.open', { activityId });
    const first = (card.actions as Record<string, unknown>[] | undefined)?.[0];
    return { text: cardText(card), moveFirst: first?.title === 'Move it' && first.mode !== 'secondary', verbs: cardVerbs(card) };
  };
  /** The coach books the conversation at `slot` (its preparation's start), first or again. */
  const bookAt = async (slot: string) => {
    const row = await conversation();
    const booked = await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot });
    expect(cardText(booked.card)).toMatch(/Booked\.|Moved\./);
    await settle();
  };

  it('the activity’s own card says which conversation is booked over it, to the HCP and the activity manager, with moving it as the action, in one read of her conversations; moved clear of it, the warning is gone', async () => {
    const activity = await presentation('2026-11-24', '10:00', '11:00');
    await meeting('2026-11-24T08:30:00Z', '2026-11-24T09:30:00Z');
    // Before anything is booked over it: as ever.
    const before = await openActivity(PEOPLE.hcp, activity.id);
    expect(before.text).toContain('Nothing for you to do now: it is on Tuesday 24 November 2026, 10:00–11:00. Record it once held.');
    expect(before.text).not.toContain('booked over this');
    expect(before.moveFirst).toBe(false);

    await ask();
    await bookAt('2026-11-24T09:30:00.000Z');
    // Opened again later (from her week, say), long after the notice: it says so at a glance.
    for (const who of [PEOPLE.hcp, MANAGER]) {
      const opened = await openActivity(who, activity.id);
      expect(opened.text).toContain(OVER_THIS);
      expect(opened.text).toContain(MOVE_IT);
      expect(opened.text).not.toContain('Nothing for you to do now');
      expect(opened.moveFirst).toBe(true);
      expect(opened.text).not.toMatch(CLAIMANT);
    }
    // One read of her conversations for the card, whatever else it reads.
    const reads = await statementsDuring(bot.app.dataSource, () => openActivity(MANAGER, activity.id));
    expect(reads.filter((s) => /FROM "advice_conversation"/.test(s.sql))).toHaveLength(1);
    expect(bot.logs.join('\n')).not.toMatch(CLAIMANT);

    // Moved over the conversation again: refused, and the warning stays.
    const current = (await activities())[0]!;
    const refused = await invokeAs(bot, MANAGER, 'hcp.move', { activityId: activity.id, version: current.version, date: '2026-11-24', start: '10:30', end: '11:30' });
    expect(cardText(refused.card)).toContain('over a booked three-way conversation');
    expect((await openActivity(MANAGER, activity.id)).text).toContain(OVER_THIS);
    // Moved clear of it: the card the click returns, and the card opened again, say nothing of it.
    const moved = await invokeAs(bot, MANAGER, 'hcp.move', { activityId: activity.id, version: current.version, date: '2026-11-24', start: '14:00', end: '15:00' });
    expect(cardText(moved.card)).toContain('Moved.');
    expect(cardText(moved.card)).not.toContain('booked over this');
    const after = await openActivity(PEOPLE.hcp, activity.id);
    expect(after.text).not.toContain('booked over this');
    expect(after.text).toContain('Nothing for you to do now: it is on Tuesday 24 November 2026, 14:00–15:00. Record it once held.');
    expect(after.moveFirst).toBe(false);
  });

  it('the conversation moved off the activity, or cancelled, takes the warning off the activity’s card; moved back over it, the warning is back', async () => {
    const activity = await presentation('2026-11-24', '10:00', '11:00');
    await meeting('2026-11-24T08:30:00Z', '2026-11-24T09:30:00Z');
    await ask();
    await bookAt('2026-11-24T09:30:00.000Z');
    expect((await openActivity(PEOPLE.hcp, activity.id)).text).toContain(OVER_THIS);

    // Moved to Wednesday: nothing over the presentation now.
    await bookAt('2026-11-25T08:30:00.000Z');
    for (const who of [PEOPLE.hcp, MANAGER]) expect((await openActivity(who, activity.id)).text).not.toContain('booked over this');

    // Back on Tuesday over it, then cancelled: the presentation stands as it was.
    await bookAt('2026-11-24T09:30:00.000Z');
    expect((await openActivity(MANAGER, activity.id)).text).toContain(OVER_THIS);
    const row = await conversation();
    expect(cardText((await invokeAs(bot, PEOPLE.coach, 'advice.cancel', { conversationId: row.id, version: row.version })).card)).toContain('Cancelled');
    await settle();
    for (const who of [PEOPLE.hcp, MANAGER]) {
      const opened = await openActivity(who, activity.id);
      expect(opened.text).not.toContain('booked over this');
      expect(opened.moveFirst).toBe(false);
    }
  });

  it('a conversation whose preparation alone is over the activity is over it: the HCP prepares then', async () => {
    const activity = await presentation('2026-11-24', '09:30', '10:00');
    await meeting('2026-11-24T08:30:00Z', '2026-11-24T09:30:00Z');
    await ask();
    await bookAt('2026-11-24T09:30:00.000Z');
    expect(await conversation()).toMatchObject({ startsAt: new Date('2026-11-24T10:00:00Z'), prepStartsAt: new Date('2026-11-24T09:30:00Z') });
    const opened = await openActivity(PEOPLE.hcp, activity.id);
    expect(opened.text).toContain(OVER_THIS);
    expect(opened.text).toContain(MOVE_IT);
  });

  it('once the presentation has begun, or is recorded as held, its card asks nothing about a conversation over it', async () => {
    const activity = await presentation('2026-11-24', '10:00', '11:00');
    await meeting('2026-11-24T08:30:00Z', '2026-11-24T09:30:00Z');
    await ask();
    await bookAt('2026-11-24T09:30:00.000Z');
    clock.at = new Date('2026-11-24T10:05:00Z');
    const begun = await openActivity(PEOPLE.hcp, activity.id);
    expect(begun.text).not.toContain('booked over this');
    expect(begun.text).toContain('Your action: record it as held.');
    const current = (await activities())[0]!;
    await invokeAs(bot, PEOPLE.hcp, 'hcp.complete', { activityId: activity.id, version: current.version, takingPart: 'The Crawley team', note: 'Mental health and work' });
    expect((await activities())[0]).toMatchObject({ status: 'done' });
    expect((await openActivity(MANAGER, activity.id)).text).not.toContain('booked over this');
  });

  it('a case conference a conversation is booked over: the coach it is with and whoever asked for it read on its card that the HCP will not be there, and who gives it another time; nothing of the conversation', async () => {
    for (const who of [TOM, BEN]) await exchange(bot, who, 'help');
    const ben = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(BEN))!;
    await invokeAs(bot, TOM, 'hcp.askConference', { kind: 'individual_case_conference', note: 'Returning to work after knee surgery', caseReference: 'DEA-000123', coachId: ben.id });
    const [conference] = await activities();
    await invokeAs(bot, MANAGER, 'hcp.plan', { activityId: conference!.id, version: conference!.version, date: '2026-11-24', start: '10:00', end: '11:00' });
    await settle();
    await meeting('2026-11-24T08:30:00Z', '2026-11-24T09:30:00Z');
    await ask();
    await bookAt('2026-11-24T09:30:00.000Z');

    for (const who of [BEN, TOM]) {
      const opened = await openActivity(who, conference!.id);
      expect(opened.text).toContain('Helen Okoro will not be at this: a three-way conversation is booked then, which comes first.');
      expect(opened.text).toContain('Nothing for you to do now: the activity manager will give it another time, and you will be told.');
      expect(opened.text).not.toMatch(/SA-000001|preparation from|Amira/);
      expect(opened.text).not.toMatch(CLAIMANT);
      expect(opened.verbs).not.toContain('hcp.move');
    }
    // Whoever may move it reads which conversation, as the notice told them.
    const managers = await openActivity(MANAGER, conference!.id);
    expect(managers.text).toContain(OVER_THIS);
    expect(managers.text).toContain(MOVE_IT);
  });
});
