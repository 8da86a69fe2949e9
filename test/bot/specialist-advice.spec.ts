import type { CalendarEventRow } from '../../data/schema/calendar';
import type { AdviceConversationRow, AdviceEventRow } from '../../data/schema/specialist-advice';
import { directoryChanged, SqlStaffDirectory } from '../../data/stores/staff-directory';
import { cardInputs, cardText, cardVerbs, exchange, firstCard, invokeAs, PEOPLE, visibleText, type TestBot } from '../support/test-bot';
import { ADVICE_REQUEST, adviceBotEachTest, chat, CONTACT, HELEN, MANAGER } from '../support/advice-fixture';

const OTHER_MANAGER = '00000000-0000-4000-8000-000000000204'; // Joanne Pike, Cumbria and Lancashire
/** Inputs anywhere on a card, including its ShowCard forms. */
const allInputs = (card: Record<string, unknown>) => ({ ...cardInputs({ body: card.actions }), ...cardInputs(card) });

const REQUEST = { ...ADVICE_REQUEST, adviceTypes: 'adjustments,health_lifestyle', complex: 'true' };

describe('Specialist Advice through the bot (real HTTP, real SQLite, embedded calendar)', () => {
  let bot: TestBot;
  // Monday 23 November 2026, 11:00 in London.
  const clock = adviceBotEachTest('2026-11-23T11:00:00Z', (started) => (bot = started));

  const rowOf = async () => (await bot.app.dataSource.getRepository<AdviceConversationRow>('AdviceConversation').find())[0]!;
  const delivered = async (aad: string) => {
    await bot.app.notifier.idle();
    return bot.connector.sentTo(chat(aad)).map((a) => visibleText([a]));
  };
  /** The cards in a person's chat as they now read: what was posted, with every update in place applied. */
  const liveCards = async (aad: string) => {
    await bot.app.background.idle();
    await bot.app.notifier.idle();
    const byId = new Map<string, string>();
    for (const call of bot.connector.calls.filter((c) => c.conversationId === chat(aad) && c.activity.attachments?.length)) byId.set(call.activity.id!, visibleText([call.activity]));
    return [...byId.values()];
  };

  it('a coach books a conversation; the contact marks the pack ready; the HCP prepares, records the notes and returns them; the coach gets the action plan; the GP notification goes to the contact', async () => {
    // Only work coaches ask; the form names the covering HCP.
    expect(visibleText(await exchange(bot, PEOPLE.dea, 'specialist advice'))).toContain('asked for by work coaches');
    const form = firstCard(await exchange(bot, PEOPLE.coach, 'specialist advice'));
    expect(cardText(form)).toContain('Helen Okoro, the Health Care Professional for Crawley');
    expect(cardVerbs(form)).toEqual(['advice.request']);

    // Someone on another benefit is told why, and everything typed stays.
    const ineligible = await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...REQUEST, benefit: 'OTHER' });
    expect(cardText(ineligible.card)).toContain('only for claimants on Employment and Support Allowance or Universal Credit');
    expect(cardInputs(ineligible.card)).toMatchObject({ surname: 'Zebedee', nino: 'AB123456C', conditions: 'Chronic back pain and anxiety', benefit: 'OTHER' });
    expect(await bot.app.dataSource.getRepository('AdviceConversation').count()).toBe(0);

    // The activity manager puts Helen at Horsham tomorrow: no face to face at Crawley then.
    const site = await invokeAs(bot, MANAGER, 'advice.siteDay', { hcpId: (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.hcp))!.id, date: '2026-11-24', jobcentreId: await jobcentreId('Horsham') });
    expect(cardText(site.card)).toContain('Saved: at Horsham on Tuesday 24 November 2026.');

    const asked = await invokeAs(bot, PEOPLE.coach, 'advice.request', REQUEST);
    const text = cardText(asked.card);
    expect(text).toContain('Sent as SA-000001. Now choose a time.');
    const slots = (asked.card.body as Record<string, unknown>[]).flatMap((b) => (b.items as Record<string, unknown>[] | undefined) ?? []).find((i) => i.id === 'slot') as { choices: { title: string; value: string }[] };
    // A complex case: an hour to prepare first; at least two hours ahead; not Tuesday (Horsham).
    expect(slots.choices.map((c) => c.value)).toEqual(['2026-11-23T11:00:00.000Z', '2026-11-25T08:30:00.000Z', '2026-11-26T08:30:00.000Z']);
    expect(slots.choices[0]!.title).toBe('Monday 23 November 2026, 12:00 to 13:00 (preparation from 11:00)');
    const row = await rowOf();
    expect(row).toMatchObject({ status: 'requested', channel: 'face_to_face', adHoc: false, complex: true, gpConsent: true, consentAgreed: true, cluster: 'Gatwick Diamond', district: 'Surrey and Sussex', adviceTypes: 'adjustments,health_lifestyle' });

    // Booking writes both diaries (the preparation too), by reference only; the claimant gets the words.
    const booked = await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: '2026-11-23T11:00:00.000Z' });
    expect(cardText(booked.card)).toContain('Your conversation with your work coach and Helen Okoro, a Health Care Professional, is on Monday 23 November 2026, 12:00 to 13:00, at Crawley Jobcentre.');
    expect(cardText(booked.card)).toContain('Taking part is your choice');
    expect(cardText(booked.card)).toContain('Before it, you and Helen Okoro prepare together: Monday 23 November 2026, 11:00 to 12:00. You lead the conversation.');
    const events = await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').find({ where: { mailbox: HELEN }, order: { startsAt: 'ASC' } });
    expect(events.map((e) => [e.subject, e.startsAt.toISOString(), e.endsAt.toISOString()])).toEqual([
      ['Specialist Advice preparation: SA-000001', '2026-11-23T11:00:00.000Z', '2026-11-23T12:00:00.000Z'],
      ['Specialist Advice three-way conversation: SA-000001', '2026-11-23T12:00:00.000Z', '2026-11-23T13:00:00.000Z'],
    ]);
    expect(events.every((e) => e.attendees.includes('amira.shah@jobcentre.example') && !/Zebedee|AB123456C|back pain/i.test(`${e.subject} ${e.body}`))).toBe(true);

    // The HCP and the contact each get their card.
    expect((await delivered(PEOPLE.hcp)).join('\n')).toContain('preparing the information pack');
    const contactCard = (await delivered(CONTACT)).join('\n');
    expect(contactCard).toContain('Prepare the information pack for Helen Okoro');
    expect(contactCard).toContain('Limited capability for work');
    // The contact sees the referral, but neither the health condition nor the full NINO.
    expect(contactCard).not.toContain('Chronic back pain');
    expect(contactCard).not.toContain('AB 12 34 56 C');

    let current = await rowOf();
    // The HCP cannot confirm preparation before the pack is ready; the coach cannot mark the pack.
    expect(cardText((await invokeAs(bot, PEOPLE.hcp, 'advice.prepared', { conversationId: current.id, version: current.version })).card)).toContain('not ready yet');
    expect(cardText((await invokeAs(bot, PEOPLE.coach, 'advice.pack', { conversationId: current.id, version: current.version })).card)).toBe('Only the jobcentre’s nominated contact can do that. Nothing was changed.');
    bot.connector.clear();
    const packed = await invokeAs(bot, CONTACT, 'advice.pack', { conversationId: current.id, version: current.version });
    expect(cardText(packed.card)).toContain('The HCP is told the pack is ready.');
    // The HCP has the card already: it is updated in place, and a line says what changed.
    expect((await delivered(PEOPLE.hcp)).join('\n')).toContain('Specialist Advice SA-000001: the information pack is ready. Your action: review it with the work coach');

    current = await rowOf();
    const prepared = await invokeAs(bot, PEOPLE.hcp, 'advice.prepared', { conversationId: current.id, version: current.version });
    expect(cardText(prepared.card)).toContain('Preparation recorded.');

    // Notes only once it has started; a missing confirmation is named and what was typed kept.
    current = await rowOf();
    const notes = { conversationId: current.id, version: current.version, conditions: 'Lumbar pain; anxiety', impact: 'Cannot sit long; pace tasks', functioning: 'Part-time, with breaks', actions: 'Try a 4-week work trial; refer to Access to Work', noAlternativeDiagnosis: 'true', wcaNotChallenged: 'true', hasFindings: 'yes', findings: 'Possible untreated tremor', signedName: 'Helen Okoro', signedOn: '2026-11-23' };
    expect(cardText((await invokeAs(bot, PEOPLE.hcp, 'advice.notes', notes)).card)).toContain('You can record the notes once the conversation has started.');
    clock.at = new Date('2026-11-23T13:05:00Z');
    const missing = await invokeAs(bot, PEOPLE.hcp, 'advice.notes', { ...notes, wcaNotChallenged: '' });
    expect(cardText(missing.card)).toContain('Confirm that you did not challenge the WCA decision.');
    expect(allInputs(missing.card)).toMatchObject({ actions: 'Try a 4-week work trial; refer to Access to Work', findings: 'Possible untreated tremor' });
    // Each notes box stops at the length the notes allow, so nothing typed past it is cut off unseen.
    const limits: Record<string, unknown> = {};
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const n = node as Record<string, unknown>;
        if (n.type === 'Input.Text' && typeof n.id === 'string') limits[n.id] = n.maxLength;
        Object.values(n).forEach(walk);
      }
    };
    walk(missing.card);
    expect(limits).toMatchObject({ conditions: 4000, impact: 4000, functioning: 4000, actions: 4000, findings: 4000 });
    bot.connector.clear();
    const saved = await invokeAs(bot, PEOPLE.hcp, 'advice.notes', notes);
    expect(cardText(saved.card)).toContain('Give the information pack and your notes back to Lucy Fernandes before you leave');

    // The coach gets the actions and the text for LMS.
    await bot.app.notifier.idle();
    const coachText = bot.connector.sentTo(chat(PEOPLE.coach)).map((a) => visibleText([a])).join('\n');
    expect(coachText).toContain('Add these actions to the claimant’s Action Plan:');
    expect(coachText).toContain('SA-000001: Specialist Advice three-way conversation held on Monday 23 November 2026.');
    expect(coachText).toContain('Actions agreed for the Action Plan: Try a 4-week work trial; refer to Access to Work');
    // The contact gets the GP notification (the claimant agreed), not the notes.
    // The contact's card is updated in place, and a line says what to do.
    expect((await delivered(CONTACT)).join('\n')).toContain('Specialist Advice SA-000001: the HCP recorded the notes. Your action: send the GP notification.');
    const contactAfter = (await liveCards(CONTACT)).join('\n');
    expect(contactAfter).toContain('Send this Unexpected Findings notification to the claimant’s GP');
    expect(contactAfter).toContain('Possible untreated tremor');
    expect(contactAfter).not.toContain('Lumbar pain');

    current = await rowOf();
    await invokeAs(bot, CONTACT, 'advice.findingsSent', { conversationId: current.id, version: current.version });
    current = await rowOf();
    await invokeAs(bot, PEOPLE.hcp, 'advice.returned', { conversationId: current.id, version: current.version });
    current = await rowOf();
    const confirmed = await invokeAs(bot, CONTACT, 'advice.confirmReturn', { conversationId: current.id, version: current.version });
    expect(cardText(confirmed.card)).toContain('Confirmed. Thank you.');

    // Kept for the reports.
    expect(await rowOf()).toMatchObject({ status: 'held', channel: 'face_to_face', adHoc: false, findings: 'sent', timesMoved: 0 });
    const final = await rowOf();
    expect([final.preparedAt, final.packReadyAt, final.heldAt, final.returnedAt, final.returnConfirmedAt].every((d) => d instanceof Date)).toBe(true);
    const trail = (await bot.app.dataSource.getRepository<AdviceEventRow>('AdviceEvent').find({ order: { at: 'ASC' } })).map((e) => e.what);
    expect(trail).toEqual(['requested', 'booked', 'pack ready', 'prepared', 'notes recorded', 'unexpected findings for the GP', 'GP notification sent', 'pack and notes returned', 'return confirmed']);

    // The notes in full for the coach, the HCP and the district's activity manager; nothing for others.
    const forManager = await invokeAs(bot, MANAGER, 'advice.open', { conversationId: final.id });
    expect(cardText(forManager.card)).toContain('Lumbar pain; anxiety');
    expect(cardText((await invokeAs(bot, OTHER_MANAGER, 'advice.open', { conversationId: final.id })).card)).toBe('That conversation is not one of yours, so there is nothing to show.');
    expect(cardText((await invokeAs(bot, PEOPLE.dea, 'advice.open', { conversationId: final.id })).card)).not.toMatch(/Zebedee|Lumbar|SA-000001/);

    // No claimant or health detail in any log line.
    expect(bot.logs.join('\n')).not.toMatch(/Zebedee|AB123456C|back pain|Lumbar|tremor/i);
  });

  it('ad hoc: an HCP who says no leaves the coach to book a time, recorded as pre-booked', async () => {
    await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...REQUEST, when: 'now', complex: '' });
    let row = await rowOf();
    expect(cardText((await invokeAs(bot, PEOPLE.coach, 'advice.adhoc', { conversationId: row.id, version: row.version, accept: 'true' })).card)).toBe('Only the Health Care Professional of this conversation can do that. Nothing was changed.');
    bot.connector.clear();
    const declined = await invokeAs(bot, PEOPLE.hcp, 'advice.adhoc', { conversationId: row.id, version: row.version, accept: 'false' });
    expect(cardText(declined.card)).toContain('The work coach is told and will book a time instead.');
    row = await rowOf();
    // Still asked ad hoc: the reports count it as ad hoc demand.
    expect(row).toMatchObject({ status: 'requested', adHoc: false, askedAdHoc: true, startsAt: null });
    const told = (await delivered(PEOPLE.coach)).join('\n');
    expect(told).toContain('Find times');
    const times = await invokeAs(bot, PEOPLE.coach, 'advice.times', { conversationId: row.id, version: row.version });
    expect(allInputs(times.card)).toHaveProperty('slot');
    // A second answer to the same ask changes nothing.
    expect(cardText((await invokeAs(bot, PEOPLE.hcp, 'advice.adhoc', { conversationId: row.id, version: row.version, accept: 'true' })).card)).toContain('This request has already been answered.');
  });

  it('ad hoc: the HCP on site gets an urgent card to accept; elsewhere the coach sees the next free times', async () => {
    const asked = await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...REQUEST, when: 'now', complex: '' });
    expect(cardText(asked.card)).toContain('You asked Helen Okoro to see the claimant now.');
    const urgent = (await delivered(PEOPLE.hcp)).join('\n');
    expect(urgent).toContain('Urgent: Amira Shah asks you to see a claimant at Crawley now');
    let row = await rowOf();
    expect(row).toMatchObject({ status: 'adhoc_asked', adHoc: true });
    const accepted = await invokeAs(bot, PEOPLE.hcp, 'advice.adhoc', { conversationId: row.id, version: row.version, accept: 'true' });
    expect(cardText(accepted.card)).toContain('it is in your diary');
    row = await rowOf();
    expect(row).toMatchObject({ status: 'booked', adHoc: true, askedAdHoc: true });
    expect(row.startsAt!.toISOString()).toBe('2026-11-23T11:00:00.000Z');
    expect((await delivered(PEOPLE.coach)).join('\n')).toContain('Tell the claimant:');
    // Ad hoc: no pack, so the HCP's preparation is not held up by one.
    expect(cardText((await invokeAs(bot, PEOPLE.hcp, 'advice.open', { conversationId: row.id })).card)).toContain('I have prepared with the coach');

    // Helen is now busy: a second claimant asking now gets the next free times instead.
    const second = await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...REQUEST, when: 'now', surname: 'Young', nino: 'CE123456A' });
    expect(cardText(second.card)).toContain('Helen Okoro is not free in the next hour. Choose one of the next free times below');
    expect(allInputs(second.card)).toHaveProperty('slot');
    const rows = await bot.app.dataSource.getRepository<AdviceConversationRow>('AdviceConversation').find({ order: { number: 'ASC' } });
    // Helen was not asked: the coach books a time, as for any request; the report still counts an ad hoc ask.
    expect(rows[1]).toMatchObject({ status: 'requested', adHoc: false, askedAdHoc: true });
  });

  it('ad hoc: a yes after the claimant could wait is refused and books nothing; the coach then books a time from the same conversation', async () => {
    // 11:00: the claimant is here now.
    const asked = await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...REQUEST, when: 'now', complex: '' });
    expect(cardText(asked.card)).toContain('You will get a message if they answer by 11:15; after that you can book a time instead from this card.');
    expect(cardVerbs(asked.card)).toEqual(['advice.open', 'advice.cancel']);
    expect((await delivered(PEOPLE.hcp)).join('\n')).toContain('Answer by 11:15');
    let row = await rowOf();
    expect(row).toMatchObject({ status: 'adhoc_asked', adHoc: true });
    expect(row.startsAt!.toISOString()).toBe('2026-11-23T11:00:00.000Z');
    // Still in time, the coach waits: nothing to book yet.
    clock.at = new Date('2026-11-23T11:10:00Z');
    expect(cardVerbs((await invokeAs(bot, PEOPLE.coach, 'advice.open', { conversationId: row.id })).card)).not.toContain('advice.times');

    // 14:00: the HCP says yes to the 11:00 ask. Refused: no past meeting is booked or written to a diary.
    clock.at = new Date('2026-11-23T14:00:00Z');
    bot.connector.clear();
    const late = await invokeAs(bot, PEOPLE.hcp, 'advice.adhoc', { conversationId: row.id, version: row.version, accept: 'true' });
    expect(cardText(late.card)).toContain('It is too late to answer this ad hoc request: the claimant was waiting at 11:00. Nothing was booked. The work coach can book a time instead.');
    expect(cardVerbs(late.card)).not.toContain('advice.adhoc');
    expect(await rowOf()).toMatchObject({ status: 'adhoc_asked', version: row.version, diaryEvents: '[]' });
    await bot.app.background.idle();
    expect(await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').count({ where: { mailbox: HELEN } })).toBe(0);
    expect(await delivered(PEOPLE.coach)).toEqual([]);

    // The coach's card now offers times, without the form being typed again.
    const reopened = await invokeAs(bot, PEOPLE.coach, 'advice.open', { conversationId: row.id });
    expect(cardText(reopened.card)).toContain('Helen Okoro did not answer while the claimant was waiting (from 11:00). Book a time instead: what you sent is kept.');
    expect(cardText(reopened.card)).toContain('Asked for now: not answered in time, to book instead.');
    expect(cardVerbs(reopened.card)).toContain('advice.times');
    const times = await invokeAs(bot, PEOPLE.coach, 'advice.times', { conversationId: row.id, version: row.version });
    const slot = (allInputs(times.card) as Record<string, string>).slot!;
    expect(new Date(slot).getTime()).toBeGreaterThanOrEqual(clock.at.getTime());
    const booked = await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot });
    expect(cardText(booked.card)).toContain('Booked.');
    row = await rowOf();
    // Booked ahead, with its preparation: held as pre-booked, and still asked ad hoc.
    expect(row).toMatchObject({ status: 'booked', adHoc: false, askedAdHoc: true, surname: 'Zebedee', conditions: 'Chronic back pain and anxiety' });
    expect(row.prepStartsAt!.toISOString()).toBe(slot);
    expect(row.startsAt!.getTime()).toBeGreaterThan(row.prepStartsAt!.getTime());
    const events = await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').find({ where: { mailbox: HELEN } });
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.startsAt.getTime() >= clock.at.getTime())).toBe(true);
    const trail = (await bot.app.dataSource.getRepository<AdviceEventRow>('AdviceEvent').find({ order: { at: 'ASC' } })).map((e) => e.what);
    expect(trail).toEqual(['asked ad hoc', 'booked']);
    expect(bot.cardProblems).toEqual([]);
  });

  it('no contact named for the jobcentre: the HCP prepares from the request, nobody is said to be reminded, and a contact there later can act on it', async () => {
    const directory = new SqlStaffDirectory(bot.app.dataSource);
    const lucy = (await directory.findByAadObjectId(CONTACT))!;
    await bot.app.dataSource.query("DELETE FROM staff_role WHERE staffId = ? AND role = 'jobcentre_contact'", [lucy.id]);
    directoryChanged();

    await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...REQUEST, channel: 'telephone', complex: '' });
    let row = await rowOf();
    expect(row.contactId).toBeNull();
    await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: '2026-11-23T11:00:00.000Z' });
    row = await rowOf();
    expect(row).toMatchObject({ status: 'booked', contactId: null });

    // The HCP is not left waiting for a pack nobody will make.
    const hcpCard = (await delivered(PEOPLE.hcp)).join('\n');
    expect(hcpCard).toContain('No contact is named for Crawley, so no information pack is coming: prepare from the request');
    expect(hcpCard).toContain('I have prepared with the coach');
    expect(hcpCard).not.toContain('is preparing the information pack');
    expect(hcpCard).toContain('none named for Crawley');
    expect(cardText(firstCard(await exchange(bot, PEOPLE.hcp, 'my day')))).toContain('SA-000001 with Amira Shah, telephone; no contact named: prepare from the request');

    // The reminder is due (a Monday conversation, after Friday 15:00): only the HCP is told, and truly.
    bot.connector.clear();
    expect(await bot.app.jobs.remindAdvicePacks!()).toBe(1);
    const told = (await delivered(PEOPLE.hcp)).join('\n');
    expect(told).toContain('Specialist Advice SA-000001: no contact is named for Crawley, so no information pack is coming. Your action: prepare from the request with the work coach, and confirm it.');
    expect(told).not.toContain('has been reminded');
    expect(await delivered(CONTACT)).toEqual([]);

    row = await rowOf();
    expect(cardText((await invokeAs(bot, PEOPLE.hcp, 'advice.prepared', { conversationId: row.id, version: row.version })).card)).toContain('Preparation recorded.');
    expect((await rowOf()).preparedAt).toBeInstanceOf(Date);

    // Lucy becomes Crawley's contact again: she acts as this conversation's contact, though not named on it.
    await bot.app.dataSource.query("INSERT INTO staff_role (staffId, role) VALUES (?, 'jobcentre_contact')", [lucy.id]);
    directoryChanged();
    const opened = await invokeAs(bot, CONTACT, 'advice.open', { conversationId: row.id });
    expect(cardText(opened.card)).toContain('Prepare the information pack for Helen Okoro');
    expect(cardText(opened.card)).not.toContain('Chronic back pain');
    row = await rowOf();
    expect(cardText((await invokeAs(bot, CONTACT, 'advice.pack', { conversationId: row.id, version: row.version })).card)).toContain('The HCP is told the pack is ready.');
    expect(bot.cardProblems).toEqual([]);
  });

  it('no contact named: the coach sends the GP notification and takes back the pack and notes, which would otherwise wait for ever', async () => {
    const lucy = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(CONTACT))!;
    await bot.app.dataSource.query("DELETE FROM staff_role WHERE staffId = ? AND role = 'jobcentre_contact'", [lucy.id]);
    directoryChanged();
    await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...REQUEST, channel: 'telephone', complex: '' });
    let row = await rowOf();
    await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: '2026-11-23T11:00:00.000Z' });
    row = await rowOf();
    await invokeAs(bot, PEOPLE.hcp, 'advice.prepared', { conversationId: row.id, version: row.version });
    clock.at = new Date('2026-11-23T12:05:00Z');
    row = await rowOf();
    const notes = { conversationId: row.id, version: row.version, conditions: 'Lumbar pain; anxiety', impact: 'Cannot sit long', functioning: 'Part-time', actions: 'Try a work trial', noAlternativeDiagnosis: 'true', wcaNotChallenged: 'true', hasFindings: 'yes', findings: 'Possible untreated tremor', signedName: 'Helen Okoro', signedOn: '2026-11-23' };
    // Nobody to give the pack and notes back to but the coach.
    expect(cardText((await invokeAs(bot, PEOPLE.hcp, 'advice.notes', notes)).card)).toContain('Give the information pack and your notes back to Amira Shah, the work coach, before you leave the jobcentre.');
    row = await rowOf();
    expect(row).toMatchObject({ status: 'held', contactId: null, findings: 'to_send' });

    const coachCard = (await invokeAs(bot, PEOPLE.coach, 'advice.open', { conversationId: row.id })).card;
    expect(cardText(coachCard)).toContain('Send this Unexpected Findings notification to the claimant’s GP. The claimant agreed to it.');
    expect(cardText(coachCard)).toContain('Possible untreated tremor');
    expect(cardVerbs(coachCard)).toContain('advice.findingsSent');
    await invokeAs(bot, PEOPLE.coach, 'advice.findingsSent', { conversationId: row.id, version: row.version });
    expect(await rowOf()).toMatchObject({ findings: 'sent' });

    row = await rowOf();
    await invokeAs(bot, PEOPLE.hcp, 'advice.returned', { conversationId: row.id, version: row.version });
    row = await rowOf();
    const back = (await invokeAs(bot, PEOPLE.coach, 'advice.open', { conversationId: row.id })).card;
    expect(cardText(back)).toContain('Helen Okoro says they gave you back the information pack and their notes. Check you have them.');
    await invokeAs(bot, PEOPLE.coach, 'advice.confirmReturn', { conversationId: row.id, version: row.version });
    expect((await rowOf()).returnConfirmedAt).toBeInstanceOf(Date);
    expect(bot.cardProblems).toEqual([]);
  });

  it('a contact named after the request was made is taken on when it is booked, and prepares the pack as usual', async () => {
    const lucy = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(CONTACT))!;
    await bot.app.dataSource.query("DELETE FROM staff_role WHERE staffId = ? AND role = 'jobcentre_contact'", [lucy.id]);
    directoryChanged();
    await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...REQUEST, channel: 'telephone', complex: '' });
    let row = await rowOf();
    expect(row.contactId).toBeNull();

    await bot.app.dataSource.query("INSERT INTO staff_role (staffId, role) VALUES (?, 'jobcentre_contact')", [lucy.id]);
    directoryChanged();
    await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: '2026-11-23T11:00:00.000Z' });
    row = await rowOf();
    expect(row.contactId).toBe(lucy.id);
    expect((await delivered(CONTACT)).join('\n')).toContain('Prepare the information pack for Helen Okoro');
    expect((await delivered(PEOPLE.hcp)).join('\n')).toContain('Lucy Fernandes is preparing the information pack');
  });

  it('the HCP’s day and week, the activity manager’s and the contact’s views; a moved conversation; the claimant did not attend', async () => {
    await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...REQUEST, channel: 'telephone', complex: '', gpConsent: 'no' });
    let row = await rowOf();
    await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: '2026-11-23T11:00:00.000Z' });

    const day = firstCard(await exchange(bot, PEOPLE.hcp, 'my day'));
    expect(cardText(day)).toContain('Your day: Monday 23 November 2026');
    expect(cardText(day)).toContain('You are at Crawley.');
    expect(cardText(day)).toContain('**11:30–12:30** (preparation from 11:00) SA-000001 with Amira Shah, telephone; pack not ready yet');
    expect(cardText(day)).toContain('Free time: 08:30–11:00, 12:30–17:00');
    expect(cardText(day)).not.toContain('Zebedee');
    const week = await invokeAs(bot, PEOPLE.hcp, 'advice.week', {});
    expect(cardText(week.card)).toContain('Monday 23 November 2026**: Crawley; 1 conversation (0 packs ready)');
    expect(cardText(week.card)).toContain('Friday 27 November 2026**: Crawley; no conversations');
    const managerView = firstCard(await exchange(bot, MANAGER, 'my day'));
    expect(cardText(managerView)).toContain('HCPs in Surrey and Sussex');
    expect(cardText(managerView)).toContain('Helen Okoro**: 1 conversation this week');
    expect(cardText(managerView)).toContain('Grace Mensah');
    const coachList = firstCard(await exchange(bot, PEOPLE.coach, 'my day'));
    expect(cardText(coachList)).toContain('SA-000001** with Helen Okoro: Booked, Monday 23 November 2026, 11:30 to 12:30');
    expect(cardVerbs(coachList)).toEqual(['advice.open']);
    const contactDay = firstCard(await exchange(bot, CONTACT, 'my day'));
    expect(cardText(contactDay)).toContain('You have 1 information pack to prepare.');

    // Moved to another time: the diaries follow, and it is counted.
    row = await rowOf();
    const moved = await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: '2026-11-24T08:30:00.000Z' });
    expect(cardText(moved.card)).toContain('Tuesday 24 November 2026, 09:00 to 10:00');
    row = await rowOf();
    expect(row.timesMoved).toBe(1);
    expect(await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').count({ where: { mailbox: HELEN } })).toBe(2);

    clock.at = new Date('2026-11-24T09:20:00Z');
    const dna = await invokeAs(bot, PEOPLE.coach, 'advice.attendance', { conversationId: row.id, version: row.version, outcome: 'did_not_attend' });
    expect(cardText(dna.card)).toContain('Claimant did not attend');
    expect(await rowOf()).toMatchObject({ status: 'did_not_attend', channel: 'telephone' });

    // The HCP was writing their notes meanwhile: the card no longer has the form, so what they wrote comes back to copy.
    const late = await invokeAs(bot, PEOPLE.hcp, 'advice.notes', { conversationId: row.id, version: row.version, conditions: 'Knee pain on stairs', impact: 'Cannot stand long', functioning: '', actions: 'Seated role', noAlternativeDiagnosis: 'true', wcaNotChallenged: 'true', hasFindings: 'no', signedName: 'Helen Okoro', signedOn: '2026-11-24' });
    expect(cardText(late.card)).toContain('What you typed: “Knee pain on stairs / Cannot stand long / Seated role”');
    expect(cardText(late.card)).not.toContain('What you typed is kept');
  });

  it('without GP consent, unexpected findings are recorded as not sent and the contact gets nothing to send', async () => {
    await invokeAs(bot, PEOPLE.coach, 'advice.request', { ...REQUEST, complex: '', gpConsent: 'no' });
    let row = await rowOf();
    await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: '2026-11-23T11:00:00.000Z' });
    row = await rowOf();
    await invokeAs(bot, CONTACT, 'advice.pack', { conversationId: row.id, version: row.version });
    clock.at = new Date('2026-11-23T11:40:00Z');
    row = await rowOf();
    bot.connector.clear();
    await invokeAs(bot, PEOPLE.hcp, 'advice.notes', { conversationId: row.id, version: row.version, conditions: 'c', impact: 'i', functioning: 'f', actions: 'a', noAlternativeDiagnosis: 'true', wcaNotChallenged: 'true', hasFindings: 'yes', findings: 'Possible untreated tremor', signedName: 'Helen Okoro', signedOn: '2026-11-23' });
    expect(await rowOf()).toMatchObject({ status: 'held', findings: 'not_sent_no_consent' });
    const contactText = (await delivered(CONTACT)).join('\n');
    expect(contactText).not.toContain('Possible untreated tremor');
    expect(contactText).not.toContain('Send this Unexpected Findings');
  });

  it('tells a DEA who says "my day" whom it is for', async () => {
    expect(visibleText(await exchange(bot, PEOPLE.dea, 'my day'))).toContain('"my day" is for Specialist Advice');
  });

  it('a form sent by someone it is not for is answered with the reason, not an apology', async () => {
    const sent = await invokeAs(bot, PEOPLE.wctl, 'advice.request', REQUEST);
    expect(sent.status).toBe(200);
    expect(cardText(sent.card)).toContain('Specialist Advice conversations are asked for by work coaches.');
    expect(cardText(sent.card)).not.toContain('Sorry');
  });

  it('every button the Specialist Advice cards can show is answered by a route', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const source = readdirSync('cards/specialist-advice').map((f) => readFileSync(`cards/specialist-advice/${f}`, 'utf8')).join('\n');
    const shown = new Set([...source.matchAll(/'(advice\.[a-zA-Z]+)'/g)].map((m) => m[1]!));
    expect(shown.size).toBeGreaterThanOrEqual(14);
    for (const name of shown) expect([name, bot.app.routes.verbs.has(name)]).toEqual([name, true]);
  });

  async function jobcentreId(name: string): Promise<string> {
    const [row] = await bot.app.dataSource.query('SELECT id FROM jobcentre WHERE name = ?', [name]);
    return (row as { id: string }).id;
  }
});
