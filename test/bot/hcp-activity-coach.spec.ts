import type { HcpActivityRow } from '../../data/schema/hcp-activity';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { TestClock } from '../support/conference-fixture';
import { cardInputs, cardText, cardVerbs, choiceValues, exchange, firstCard, invokeAs, PEOPLE, startTestBot, visibleText, type TestBot } from '../support/test-bot';

const MANAGER = '00000000-0000-4000-8000-000000000005'; // Mark Ellis, activity manager, Surrey and Sussex
const BEN = '00000000-0000-4000-8000-000000000101'; // Ben Turner, work coach at Horsham, led by Tom Baker
const DEV = '00000000-0000-4000-8000-000000000103'; // Dev Patel, work coach at Crawley, led by Tom Baker
const KATE = '00000000-0000-4000-8000-000000000214'; // Kate Fisher, work coach at Hastings, not Tom's
const CALLUM = '00000000-0000-4000-8000-000000000217'; // Callum Fraser, work coach at Carlisle (Cumbria and Lancashire)
const chat = (aad: string) => `a:personal-${aad}`;
/** Inputs anywhere on a card, including its ShowCard forms. */
const allInputs = (card: Record<string, unknown>) => ({ ...cardInputs({ body: card.actions }), ...cardInputs(card) });

/** What is said about the case in the coach's and team leader's own words: never in a notice, a diary or a log. */
const NOTE = 'Returning to work after knee surgery, pain when standing';

interface DiaryRow {
  mailbox: string;
  subject: string;
  body: string;
  location: string | null;
  startsAt: string;
}

/**
 * Seed 002 Annex 3 §3.2: an individual case conference is booked in advance "by the Work Coach or
 * Work Coach Team Leader contacting the HCP Activity Manager to arrange". The work coach it is for is
 * named, told, and has it in their diary with the HCP; the team leader who arranged it does not.
 */
describe('an individual case conference a team leader, or the activity manager on their behalf, arranges for a work coach (real HTTP, real SQLite)', () => {
  let bot: TestBot;
  // Monday 23 November 2026, 10:00 in London.
  const clock = new TestClock(new Date('2026-11-23T10:00:00Z'));
  beforeEach(async () => {
    clock.at = new Date('2026-11-23T10:00:00Z');
    bot = await startTestBot({ clock });
    for (const who of [PEOPLE.coach, PEOPLE.hcp, PEOPLE.wctl, MANAGER, BEN, DEV]) await exchange(bot, who, 'help');
    bot.connector.clear();
  });
  afterEach(async () => {
    expect(bot.cardProblems).toEqual([]);
    await bot.close();
  });

  const delivered = async (aad: string) => {
    await bot.app.notifier.idle();
    return bot.connector.sentTo(chat(aad)).map((a) => visibleText([a]));
  };
  const person = async (aad: string) => (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(aad))!;
  const jobcentre = async (name: string) => (await bot.app.dataSource.getRepository<{ id: string; name: string }>('Jobcentre').findOneByOrFail({ name })).id;
  const activities = () => bot.app.dataSource.getRepository<HcpActivityRow>('HcpActivity').find({ order: { createdAt: 'ASC' } });
  /** The diary entries of an activity, once its durable work has run. */
  const diaryOf = async (activityId: string): Promise<DiaryRow[]> => {
    await bot.app.background.idle();
    return bot.app.dataSource.query('SELECT mailbox, subject, body, location, startsAt FROM calendar_event WHERE transactionId = ? ORDER BY mailbox', [`hcp-activity:${activityId}`]);
  };
  const mailboxes = (rows: readonly DiaryRow[]) => rows.map((r) => r.mailbox.toLowerCase()).sort();

  it('Tom Baker chooses Ben Turner from the coaches he leads: Ben is named and told, the manager sets the time, and it goes into Helen’s and Ben’s diaries (not Tom’s); Ben opens its card; moved and cancelled, Ben is told and his diary follows', async () => {
    const [tom, ben, helen] = [await person(PEOPLE.wctl), await person(BEN), await person(PEOPLE.hcp)];

    // The team leader's form: a drop-down of the work coaches he leads, for an individual one.
    const form = firstCard(await exchange(bot, PEOPLE.wctl, 'case conference'));
    expect(cardText(form)).toContain('Your action: choose the work coach and say what they would like to discuss.');
    expect(cardText(form)).toContain('Individual: a work coach and the HCP');
    expect(JSON.stringify(form)).toContain('"label":"Individual only: the work coach it is for"');
    const offered = choiceValues(form, 'coachId');
    expect(offered).toHaveLength(30);
    expect(offered).toEqual(expect.arrayContaining([ben.id, (await person(PEOPLE.coach)).id]));
    expect(offered).not.toContain(tom.id);
    expect(offered).not.toContain((await person(KATE)).id);

    // No coach chosen: refused beside the field, what was typed kept, nothing asked.
    const typed = { kind: 'individual_case_conference', note: NOTE, caseReference: 'SA-000001' };
    const none = await invokeAs(bot, PEOPLE.wctl, 'hcp.askConference', typed);
    expect(cardText(none.card)).toContain('Some answers need changing. What you typed is kept.');
    expect(JSON.stringify(none.card)).toContain('Choose the work coach the case conference is for: they are told, and it goes into their diary.');
    expect(allInputs(none.card)).toMatchObject({ note: NOTE, caseReference: 'SA-000001' });
    // A coach he does not lead: refused too, the choice kept on the form.
    const notHis = await invokeAs(bot, PEOPLE.wctl, 'hcp.askConference', { ...typed, coachId: (await person(KATE)).id });
    expect(JSON.stringify(notHis.card)).toContain('Choose one of the work coaches you lead, from the list.');
    expect(allInputs(notHis.card)).toMatchObject({ note: NOTE, coachId: (await person(KATE)).id });
    expect(await activities()).toEqual([]);

    const asked = await invokeAs(bot, PEOPLE.wctl, 'hcp.askConference', { ...typed, coachId: ben.id });
    expect(cardText(asked.card)).toContain('Sent to the HCP Activity Manager. Ben Turner is told, and you will get this card again with the time.');
    expect(cardText(asked.card)).toContain('Ben Turner');
    let [row] = await activities();
    // Held where Ben works (Helen covers Horsham too), and it is Ben who takes part.
    expect(row).toMatchObject({ kind: 'individual_case_conference', status: 'requested', requestedById: tom.id, coachId: ben.id, takingPart: 'Ben Turner', jobcentreId: await jobcentre('Horsham') });

    // Ben is told at once, in a short notice without the note; the manager's card names him.
    const toBen = (await delivered(BEN)).join('\n');
    expect(toBen).toContain('Individual case conference arranged for you');
    expect(toBen).toContain('Nothing for you to do now: Tom Baker asked the HCP Activity Manager for this case conference with Helen Okoro for you. You will be told its time.');
    expect(toBen).toContain('SA-000001');
    expect(toBen).not.toMatch(/knee|surgery|pain/i);
    // Kept as a posted copy of the activity (about a case): "Open it" puts the note in its place, which erasure then overwrites.
    const copies: { recipientAad: string }[] = await bot.app.dataSource.query('SELECT recipientAad FROM posted_card WHERE requestId = ?', [row!.id]);
    expect(copies.map((c) => c.recipientAad)).toContain(BEN);
    const toManager = (await delivered(MANAGER)).join('\n');
    expect(toManager).toContain('Your action: give it a time when Helen Okoro has no conversation booked.');
    expect(toManager).toContain('Work coach\nBen Turner');

    bot.connector.clear();
    const planned = await invokeAs(bot, MANAGER, 'hcp.plan', { activityId: row!.id, version: row!.version, date: '2026-11-24', start: '14:00', end: '14:30' });
    expect(cardText(planned.card)).toContain('Saved. It goes into Helen Okoro’s and Ben Turner’s diaries, and they and whoever asked for it are told.');
    let entries = await diaryOf(row!.id);
    expect(mailboxes(entries)).toEqual([helen.email, ben.email].map((m) => m.toLowerCase()).sort());
    for (const e of entries) {
      expect(e.subject).toBe('Individual case conference: SA-000001');
      expect(e.location).toBe('Horsham');
      expect(`${e.subject} ${e.body}`).not.toMatch(/knee|surgery|pain/i);
    }
    const bensNotice = (await delivered(BEN)).join('\n');
    expect(bensNotice).toContain('Your action: meet Helen Okoro on Tuesday 24 November 2026, 14:00–14:30, at Horsham. It is in your diary.');
    expect(bensNotice).toContain('Arranged by\nTom Baker');
    expect(bensNotice).not.toMatch(/knee|surgery|pain/i);
    expect((await delivered(PEOPLE.wctl)).join('\n')).toContain('it is set for Tuesday 24 November 2026, 14:00–14:30');
    expect((await delivered(PEOPLE.hcp)).join('\n')).toContain('Work coach\nBen Turner');

    // Ben opens the activity's card from the notice: the note is there, for him; nothing he may change.
    [row] = await activities();
    const opened = await invokeAs(bot, BEN, 'hcp.open', { activityId: row!.id });
    expect(cardText(opened.card)).toContain(NOTE);
    expect(cardText(opened.card)).toContain('Nothing for you to do now: it is set for Tuesday 24 November 2026, 14:00–14:30.');
    expect(cardVerbs(opened.card)).not.toEqual(expect.arrayContaining(['hcp.move']));
    expect(cardVerbs(opened.card)).not.toContain('hcp.cancel');
    // Another of Tom's coaches may not.
    expect(cardText((await invokeAs(bot, DEV, 'hcp.open', { activityId: row!.id })).card)).toContain('That activity is not one of yours');

    // Helen moves it: Ben is told the new time and his diary follows.
    bot.connector.clear();
    expect(cardText((await invokeAs(bot, PEOPLE.hcp, 'hcp.move', { activityId: row!.id, version: row!.version, date: '2026-11-24', start: '15:00', end: '15:30' })).card)).toContain('Moved.');
    expect((await delivered(BEN)).join('\n')).toContain('Your action: meet Helen Okoro on Tuesday 24 November 2026, 15:00–15:30, at Horsham.');
    entries = await diaryOf(row!.id);
    expect(entries.map((e) => e.startsAt)).toEqual(['2026-11-24 15:00:00.000', '2026-11-24 15:00:00.000']);

    // Tom cancels it: Ben is told, and it leaves both diaries.
    [row] = await activities();
    bot.connector.clear();
    const cancelled = await invokeAs(bot, PEOPLE.wctl, 'hcp.cancel', { activityId: row!.id, version: row!.version });
    expect(cardText(cancelled.card)).toContain('Cancelled and taken out of the diaries.');
    expect((await delivered(BEN)).join('\n')).toContain('Nothing for you to do now: it is cancelled, and taken out of your diary.');
    expect(await diaryOf(row!.id)).toEqual([]);

    // No log line carries the note.
    expect(bot.logs.join('\n')).not.toMatch(/knee|surgery/i);
  });

  it('the activity manager sets one on a team leader’s behalf: the coach is chosen from the district’s, refused beside the field when missing or from elsewhere; the coach is told and has it in their diary', async () => {
    const [amira, helen] = [await person(PEOPLE.coach), await person(PEOPLE.hcp)];
    const crawley = await jobcentre('Crawley');

    const week = firstCard(await exchange(bot, MANAGER, 'hcp week'));
    expect(JSON.stringify(week)).toContain('"label":"Individual case conference: the work coach it is with"');
    const offered = choiceValues(week, 'coachId');
    expect(offered).toEqual(expect.arrayContaining([amira.id, (await person(KATE)).id]));
    expect(offered).not.toContain((await person(CALLUM)).id);

    const work = { hcpId: helen.id, kind: 'individual_case_conference', date: '2026-11-25', start: '11:00', end: '11:45', jobcentreId: crawley, note: NOTE, caseReference: 'SA-000001' };
    const none = await invokeAs(bot, MANAGER, 'hcp.setActivity', work);
    expect(JSON.stringify(none.card)).toContain('Choose the work coach the case conference is for: they are told, and it goes into their diary.');
    expect(allInputs(none.card)).toMatchObject({ note: NOTE, start: '11:00' });
    const elsewhere = await invokeAs(bot, MANAGER, 'hcp.setActivity', { ...work, coachId: (await person(CALLUM)).id });
    expect(JSON.stringify(elsewhere.card)).toContain('Choose a work coach of your district, from the list.');
    expect(allInputs(elsewhere.card)).toMatchObject({ coachId: (await person(CALLUM)).id, note: NOTE });
    expect(await activities()).toEqual([]);

    const set = await invokeAs(bot, MANAGER, 'hcp.setActivity', { ...work, coachId: amira.id });
    expect(cardText(set.card)).toContain('Set for Helen Okoro and Amira Shah on Wednesday 25 November 2026. It goes into both their diaries, and they are told.');
    const [row] = await activities();
    expect(row).toMatchObject({ status: 'planned', coachId: amira.id, requestedById: null, takingPart: 'Amira Shah' });
    expect(mailboxes(await diaryOf(row!.id))).toEqual([helen.email, amira.email].map((m) => m.toLowerCase()).sort());

    const toAmira = (await delivered(PEOPLE.coach)).join('\n');
    expect(toAmira).toContain('Your action: meet Helen Okoro on Wednesday 25 November 2026, 11:00–11:45, at Crawley. It is in your diary.');
    expect(toAmira).toContain('Arranged by\nMark Ellis');
    expect(toAmira).not.toMatch(/knee|surgery|pain/i);
    expect(cardText((await invokeAs(bot, PEOPLE.coach, 'hcp.open', { activityId: row!.id })).card)).toContain(NOTE);

    // Other activity names no coach, whatever was left in the drop-down.
    await invokeAs(bot, MANAGER, 'hcp.setActivity', { ...work, kind: 'presentation', date: '2026-11-26', coachId: amira.id, caseReference: '', note: 'Mental health and work' });
    const [, presentation] = await activities();
    expect(presentation).toMatchObject({ kind: 'presentation', coachId: null });
  });

  it('a work coach asking for their own is named without choosing, and gets its card, not a notice as well', async () => {
    const amira = await person(PEOPLE.coach);
    const form = firstCard(await exchange(bot, PEOPLE.coach, 'case conference'));
    expect(choiceValues(form, 'coachId')).toEqual([]);
    expect(cardText(form)).toContain('Individual: you and the HCP');
    await invokeAs(bot, PEOPLE.coach, 'hcp.askConference', { kind: 'individual_case_conference', note: NOTE });
    const [row] = await activities();
    expect(row).toMatchObject({ requestedById: amira.id, coachId: amira.id, takingPart: 'Amira Shah' });
    bot.connector.clear();
    const planned = await invokeAs(bot, MANAGER, 'hcp.plan', { activityId: row!.id, version: row!.version, date: '2026-11-24', start: '14:00', end: '14:30' });
    expect(cardText(planned.card)).toContain('Saved. It goes into the diaries of the HCP and whoever asked for it, and they are told.');
    const toAmira = await delivered(PEOPLE.coach);
    expect(toAmira).toHaveLength(1);
    expect(toAmira.join('\n')).not.toContain('arranged for you');
    expect(mailboxes(await diaryOf(row!.id))).toEqual([(await person(PEOPLE.hcp)).email, amira.email].map((m) => m.toLowerCase()).sort());
  });
});
