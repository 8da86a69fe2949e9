import type { AdviceConversationRow } from '../../data/schema/specialist-advice';
import type { HcpAttendanceRow, SupplierRequestRow } from '../../data/schema/hcp-activity';
import { applySeed } from '../../data/seed/apply-seed';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { TestClock } from '../support/conference-fixture';
import { cardInputs, cardText, cardVerbs, exchange, firstCard, invokeAs, PEOPLE, startTestBot, visibleText, type TestBot } from '../support/test-bot';

const CONTACT = '00000000-0000-4000-8000-000000000205'; // Lucy Fernandes, Crawley's contact
const MANAGER = '00000000-0000-4000-8000-000000000005'; // Mark Ellis, activity manager, Surrey and Sussex
const OTHER_MANAGER = '00000000-0000-4000-8000-000000000204'; // Joanne Pike, Cumbria and Lancashire
const chat = (aad: string) => `a:personal-${aad}`;
/** Inputs anywhere on a card, including its ShowCard forms. */
const allInputs = (card: Record<string, unknown>) => ({ ...cardInputs({ body: card.actions }), ...cardInputs(card) });

const BOOKING = { surname: 'Zebedee', nino: 'AB123456C', benefit: 'UC', healthCondition: 'yes', wcaStatus: 'had', wcaSummary: 'Limited capability', background: 'Background', conditions: 'Back pain', adviceTypes: 'adjustments', channel: 'face_to_face', complex: 'false', when: 'booked', consent: 'true', gpConsent: 'no' };

describe('HCP supporting activity, weekly note, attendance and the activity manager (real HTTP, real SQLite)', () => {
  let bot: TestBot;
  // Monday 23 November 2026, 12:00 in London.
  const clock = new TestClock(new Date('2026-11-23T12:00:00Z'));
  beforeEach(async () => {
    clock.at = new Date('2026-11-23T12:00:00Z');
    // Surrey and Sussex's trial is running (ten weeks from 16 November): attendance is shown by the week.
    bot = await startTestBot({ clock, env: { SA_TRIALS: 'Surrey and Sussex=2026-11-16/10' } });
    for (const who of [PEOPLE.coach, PEOPLE.hcp, PEOPLE.wctl, CONTACT, MANAGER]) await exchange(bot, who, 'help');
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
  const idOf = async (aad: string) => (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(aad))!.id;
  const crawley = async () => (await bot.app.dataSource.getRepository<{ id: string; name: string }>('Jobcentre').findOneByOrFail({ name: 'Crawley' })).id;
  /** The coach books SA-000001 with Helen, 12:00–13:00 today with preparation from 11:30. */
  const bookConversation = async () => {
    await invokeAs(bot, PEOPLE.coach, 'advice.request', BOOKING);
    const row = (await bot.app.dataSource.getRepository<AdviceConversationRow>('AdviceConversation').find())[0]!;
    const booked = await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot: '2026-11-23T12:00:00.000Z' });
    expect(cardText(booked.card)).toContain('12:30 to 13:30');
  };

  it('breaks agreed with the activity manager are not free time: the refusal names the free time around them', async () => {
    await bookConversation();
    const saved = await invokeAs(bot, MANAGER, 'advice.breaks', { hcpId: await idOf(PEOPLE.hcp), monday: '15:00-15:30', tuesday: '', wednesday: '', thursday: '', friday: '' });
    expect(cardText(saved.card)).toContain('Saved Helen Okoro’s breaks');
    clock.at = new Date('2026-11-23T14:00:00Z');
    const over = { kind: 'presentation', date: '2026-11-23', start: '12:45', end: '13:15', jobcentreId: await crawley(), takingPart: 'Crawley work coaches', note: 'Back pain and work', caseReference: '', caseCount: '', consultative: '', adHoc: 'true' };
    const refused = await invokeAs(bot, PEOPLE.hcp, 'hcp.record', over);
    expect(cardText(refused.card)).toContain('You are free 08:30 to 12:00, 13:30 to 15:00, 15:30 to 17:00.');
    // Nor is activity recorded over the break itself.
    clock.at = new Date('2026-11-23T16:00:00Z');
    const onBreak = await invokeAs(bot, PEOPLE.hcp, 'hcp.record', { ...over, start: '15:00', end: '15:15' });
    expect(cardText(onBreak.card)).toContain('That is over a break agreed with the activity manager, 15:00 to 15:30');
    expect(allInputs(onBreak.card)).toMatchObject({ note: 'Back pain and work', start: '15:00' });
  });

  it('supporting activity only when no conversation is booked: refused with the reason and the free time; no NINO in a note not about a case', async () => {
    await bookConversation();
    clock.at = new Date('2026-11-23T14:00:00Z');
    const activity = await exchange(bot, PEOPLE.hcp, 'activity');
    const card = firstCard(activity);
    expect(cardText(card)).toContain('Your supporting activity');
    expect(cardText(card)).toContain('SA-000001 12:00–13:30');
    expect(cardVerbs(card)).toEqual(expect.arrayContaining(['hcp.arrived', 'hcp.record', 'hcp.note']));

    const office = await crawley();
    const over = { kind: 'individual_case_conference', date: '2026-11-23', start: '12:45', end: '13:15', jobcentreId: office, takingPart: 'A work coach', note: 'Managing anxiety at work', caseReference: '', caseCount: '', consultative: '', adHoc: 'true' };
    const refused = await invokeAs(bot, PEOPLE.hcp, 'hcp.record', over);
    const text = cardText(refused.card);
    expect(text).toContain('Supporting activity happens only when no three-way conversation is booked: SA-000001 is booked 12:00 to 13:30.');
    expect(text).toContain('You are free 08:30 to 12:00, 13:30 to 17:00.');
    expect(allInputs(refused.card)).toMatchObject({ note: 'Managing anxiety at work', takingPart: 'A work coach' });

    const nino = await invokeAs(bot, PEOPLE.hcp, 'hcp.record', { ...over, start: '10:00', end: '10:30', note: 'About AB 12 34 56 C' });
    expect(cardText(nino.card)).toContain('must not name a claimant');
    const retention = await invokeAs(bot, PEOPLE.hcp, 'hcp.record', { ...over, kind: 'retention', start: '10:00', end: '10:30' });
    expect(cardText(retention.card)).toContain('an HCP never represents a claimant');

    const ok = await invokeAs(bot, PEOPLE.hcp, 'hcp.record', { ...over, start: '10:00', end: '10:30', caseReference: 'sa-000001' });
    expect(cardText(ok.card)).toContain('Recorded: individual case conference on Monday 23 November 2026.');
    expect(cardText(ok.card)).toContain('1 supporting activity recorded');
    const rows = await bot.app.dataSource.getRepository('HcpActivity').find();
    expect(rows).toMatchObject([{ kind: 'individual_case_conference', status: 'done', caseReference: 'SA-000001', adHoc: true, district: 'Surrey and Sussex', date: '2026-11-23' }]);
    // A second activity over the first is refused too.
    expect(cardText((await invokeAs(bot, PEOPLE.hcp, 'hcp.record', { ...over, start: '10:15', end: '10:45', caseReference: 'SA-000001' })).card)).toContain('already has another activity then');
  });

  it('last week’s note left as a draft is not lost on Monday: the HCP’s weekly note opens it first, and the manager sees it is not submitted', async () => {
    // Friday of the week before: Helen opens her note, and does not submit it.
    clock.at = new Date('2026-11-20T15:00:00Z');
    expect(cardText(firstCard(await exchange(bot, PEOPLE.hcp, 'weekly note')))).toContain('Your action: check this draft and submit it to your activity manager today.');
    clock.at = new Date('2026-11-23T12:00:00Z');

    const opened = firstCard(await exchange(bot, PEOPLE.hcp, 'weekly note'));
    expect(cardText(opened)).toContain('Last week’s note is not submitted yet: submit it first. Say "weekly note" again afterwards for this week’s.');
    expect(cardText(opened)).toContain('16 November 2026');
    const manager = cardText(firstCard(await exchange(bot, MANAGER, 'hcp week')));
    expect(manager).toContain('Last week’s note: draft, not submitted');

    // Submitted: the next "weekly note" is this week's, and the manager's line goes.
    const last = (await bot.app.dataSource.getRepository<{ id: string; version: number; weekStart: string }>('HcpWeeklyNote').find()).find((n) => n.weekStart === '2026-11-16')!;
    expect(cardText((await invokeAs(bot, PEOPLE.hcp, 'hcp.noteSubmit', { noteId: last.id, version: last.version, body: 'A quiet week.' })).card)).toContain('Submitted to your activity manager.');
    const now = cardText(firstCard(await exchange(bot, PEOPLE.hcp, 'weekly note')));
    expect(now).not.toContain('Last week’s note is not submitted yet');
    expect(now).toContain('23 November 2026');
    expect(cardText(firstCard(await exchange(bot, MANAGER, 'hcp week')))).not.toContain('Last week’s note');
  });

  it('the weekly note: drafted from the week, submitted, a change asked with a reason, submitted again and accepted; a Friday reminder when missing', async () => {
    const office = await crawley();
    await invokeAs(bot, PEOPLE.hcp, 'hcp.record', { kind: 'presentation', date: '2026-11-23', start: '09:00', end: '09:45', jobcentreId: office, takingPart: 'Crawley work coaches', note: 'Back pain and work' });
    const draft = firstCard(await exchange(bot, PEOPLE.hcp, 'weekly note'));
    expect(cardText(draft)).toContain('Your action: check this draft of your week and submit it to your activity manager.');
    const body = String(cardInputs(draft).body);
    expect(body).toContain('Three-way conversations: 0 held.');
    expect(body).toContain('Monday 09:00 to 09:45, Crawley: Presentation to a team or office with Crawley work coaches: Back pain and work');
    const note = (await bot.app.dataSource.getRepository<{ id: string; version: number }>('HcpWeeklyNote').find())[0]!;

    expect(cardText((await invokeAs(bot, PEOPLE.hcp, 'hcp.noteSubmit', { noteId: note.id, version: note.version, body: 'Met QQ 12 34 56 C' })).card)).toContain('Take out the National Insurance number');
    const submitted = await invokeAs(bot, PEOPLE.hcp, 'hcp.noteSubmit', { noteId: note.id, version: note.version, body: `${body}\nAlso shadowed the DEA.` });
    expect(cardText(submitted.card)).toContain('Submitted to your activity manager.');
    const toManager = (await delivered(MANAGER)).join('\n');
    expect(toManager).toContain('Helen Okoro’s weekly note');
    expect(toManager).toContain('Your action: read Helen Okoro’s note, then accept it or ask for a change.');

    let current = (await bot.app.dataSource.getRepository<{ id: string; version: number }>('HcpWeeklyNote').find())[0]!;
    expect(cardText((await invokeAs(bot, OTHER_MANAGER, 'hcp.noteAccept', { noteId: current.id, version: current.version })).card)).toContain('not from an HCP of your district');
    expect(cardText((await invokeAs(bot, MANAGER, 'hcp.noteChange', { noteId: current.id, version: current.version, reason: '' })).card)).toContain('Say what should change');
    bot.connector.clear();
    const changed = await invokeAs(bot, MANAGER, 'hcp.noteChange', { noteId: current.id, version: current.version, reason: 'Add the group case conference on Tuesday.' });
    expect(cardText(changed.card)).toContain('Sent back to the HCP with your reason.');
    const toHcp = (await delivered(PEOPLE.hcp)).join('\n');
    expect(toHcp).toContain('Add the group case conference on Tuesday.');
    expect(toHcp).toContain('make the change your activity manager asked for');

    current = (await bot.app.dataSource.getRepository<{ id: string; version: number }>('HcpWeeklyNote').find())[0]!;
    await invokeAs(bot, PEOPLE.hcp, 'hcp.noteSubmit', { noteId: current.id, version: current.version, body: `${body}\nGroup case conference on Tuesday.` });
    current = (await bot.app.dataSource.getRepository<{ id: string; version: number }>('HcpWeeklyNote').find())[0]!;
    bot.connector.clear();
    const accepted = await invokeAs(bot, MANAGER, 'hcp.noteAccept', { noteId: current.id, version: current.version });
    expect(cardText(accepted.card)).toContain('Accepted. The HCP is told.');
    expect((await delivered(PEOPLE.hcp)).join('\n')).toContain('the note is accepted');
    expect(await bot.app.dataSource.getRepository('HcpWeeklyNote').findOneByOrFail({ id: current.id })).toMatchObject({ status: 'accepted', changeReason: null });

    // Friday before 14:00: no reminder. From 14:00, once, to HCPs whose note is not in (Helen's is).
    clock.at = new Date('2026-11-27T13:00:00Z');
    expect(await bot.app.jobs.remindWeeklyNotes!()).toBeNull();
    clock.at = new Date('2026-11-27T14:30:00Z');
    await exchange(bot, '00000000-0000-4000-8000-000000000200', 'help'); // Grace Mensah, HCP at Hastings
    bot.connector.clear();
    const sent = await bot.app.jobs.remindWeeklyNotes!();
    expect(sent).toBe(4); // the other HCPs of the directory
    expect(await delivered(PEOPLE.hcp)).toEqual([]);
    expect((await delivered('00000000-0000-4000-8000-000000000200')).join('\n')).toContain('Your action: check this draft and submit it to your activity manager today.');
    expect(await bot.app.jobs.remindWeeklyNotes!()).toBeNull();
  });

  it('attendance: the HCP or the contact records arrival, late after 08:30; an absence asks the supplier for a replacement with its dates', async () => {
    clock.at = new Date('2026-11-23T08:25:00Z');
    const early = firstCard(await exchange(bot, PEOPLE.hcp, 'arrived'));
    expect(cardText(early)).toContain('Arrival recorded. Thank you.');
    expect(cardText(early)).toContain('On time, 08:25');
    expect(cardText(firstCard(await exchange(bot, PEOPLE.hcp, 'arrived')))).toContain('already recorded');

    // Tuesday: the contact greets Helen at 08:40, so she is late.
    clock.at = new Date('2026-11-24T08:40:00Z');
    const contact = firstCard(await exchange(bot, CONTACT, 'arrived'));
    expect(cardText(contact)).toContain('HCPs at Crawley today');
    expect(cardText(contact)).toContain('Your action: when Helen Okoro arrives, record it here.');
    const helen = await idOf(PEOPLE.hcp);
    const greeted = await invokeAs(bot, CONTACT, 'hcp.arrived', { hcpId: helen });
    expect(cardText(greeted.card)).toContain('after 08:30: it shows as late');
    // A contact elsewhere cannot record her.
    expect(cardText((await invokeAs(bot, '00000000-0000-4000-8000-000000000206', 'hcp.arrived', { hcpId: helen })).card)).toContain('not planned at your jobcentre today');

    const absent = await invokeAs(bot, CONTACT, 'hcp.absent', { hcpId: helen, fromDate: '2026-11-26', toDate: '2026-11-30' });
    expect(cardText(absent.card)).toContain('Absence recorded for 3 working days. SUP-000001 asks the supplier for a replacement.');
    const days = await bot.app.dataSource.getRepository<HcpAttendanceRow>('HcpAttendance').find({ order: { date: 'ASC' } });
    expect(days.map((d) => [d.date, d.status])).toEqual([['2026-11-23', 'on_time'], ['2026-11-24', 'late'], ['2026-11-26', 'absent'], ['2026-11-27', 'absent'], ['2026-11-30', 'absent']]);
    const request = await bot.app.dataSource.getRepository<SupplierRequestRow>('SupplierRequest').findOneByOrFail({ number: 1 });
    expect(request).toMatchObject({ kind: 'replacement', fromDate: '2026-11-26', toDate: '2026-11-30', dueOn: '2026-12-08', status: 'open' });

    const week = firstCard(await exchange(bot, MANAGER, 'hcp week'));
    expect(cardText(week)).toContain('Attendance: 1 on time, 1 late, 2 absent');
    expect(cardText(week)).toContain('Conversations: 0 of 10 held');
    expect(cardText(week)).toContain('Attendance this week');
  });

  it('recorded absent at 09:45, the HCP arrives at 10:15: the arrival takes the absence’s place (late), the one-day replacement is withdrawn, the manager is told; a second arrival is still refused', async () => {
    const helen = await idOf(PEOPLE.hcp);
    const attendance = () => bot.app.dataSource.getRepository<HcpAttendanceRow>('HcpAttendance').find({ order: { date: 'ASC' } });
    const requests = () => bot.app.dataSource.getRepository<SupplierRequestRow>('SupplierRequest').find({ order: { number: 'ASC' } });
    clock.at = new Date('2026-11-23T09:45:00Z');
    const absent = await invokeAs(bot, CONTACT, 'hcp.absent', { hcpId: helen, fromDate: '2026-11-23', toDate: '2026-11-23' });
    expect(cardText(absent.card)).toContain('Absence recorded for 1 working day. SUP-000001 asks the supplier for a replacement.');
    // Still on the contact's card, to be recorded as arrived if she comes after all.
    expect(cardVerbs(absent.card)).toContain('hcp.arrived');
    expect(cardText(firstCard(await exchange(bot, PEOPLE.hcp, 'activity')))).toContain('If you have come in after all, record your arrival');
    bot.connector.clear();

    clock.at = new Date('2026-11-23T10:15:00Z');
    const arrived = cardText(firstCard(await exchange(bot, PEOPLE.hcp, 'arrived')));
    expect(arrived).toContain('Arrival recorded, after 08:30: it shows as late. It takes the place of the absence recorded for today. SUP-000001, the replacement asked of the supplier, is withdrawn: it is no longer needed.');
    expect(arrived).toContain('Late, 10:15');
    expect((await attendance()).map((d) => [d.date, d.status, d.arrivedAt?.toISOString()])).toEqual([['2026-11-23', 'late', '2026-11-23T10:15:00.000Z']]);
    expect(await requests()).toMatchObject([{ status: 'withdrawn', answeredAt: null }]);
    const told = (await delivered(MANAGER)).join('\n');
    expect(told).toContain('Late arrival: Helen Okoro');
    expect(told).toContain('Your action: tell the supplier that SUP-000001 is withdrawn: no replacement is needed.');

    // The day counts as attended, late; the request waits for nobody and is never overdue.
    const week = cardText(firstCard(await exchange(bot, MANAGER, 'hcp week')));
    expect(week).toContain('Attendance: 0 on time, 1 late, 0 absent');
    expect(week).toContain('Open supplier requests\n0');
    clock.at = new Date('2026-12-10T10:00:00Z');
    const supplier = cardText(firstCard(await exchange(bot, MANAGER, 'supplier requests')));
    expect(supplier).toContain('SUP-000001** Replacement HCP for Helen Okoro (Monday 23 November 2026): withdrawn, no longer needed');
    expect(supplier).not.toContain('OVERDUE');

    // A second arrival that day is refused, as before.
    clock.at = new Date('2026-11-23T10:30:00Z');
    expect(cardText(firstCard(await exchange(bot, PEOPLE.hcp, 'arrived')))).toContain('Attendance for that day is already recorded.');
    expect(cardText((await invokeAs(bot, CONTACT, 'hcp.arrived', { hcpId: helen })).card)).toContain('Attendance for that day is already recorded.');
    expect(await attendance()).toHaveLength(1);
  });

  it('absent Monday to Wednesday, the HCP is greeted on Monday at 08:20: on time, and the replacement stays open for Tuesday and Wednesday only', async () => {
    const helen = await idOf(PEOPLE.hcp);
    clock.at = new Date('2026-11-23T07:50:00Z');
    await invokeAs(bot, CONTACT, 'hcp.absent', { hcpId: helen, fromDate: '2026-11-23', toDate: '2026-11-25' });
    bot.connector.clear();
    clock.at = new Date('2026-11-23T08:20:00Z');
    const greeted = cardText((await invokeAs(bot, CONTACT, 'hcp.arrived', { hcpId: helen })).card);
    expect(greeted).toContain('Arrival recorded. Thank you. It takes the place of the absence recorded for today. SUP-000001, the replacement asked of the supplier, is now for the days still absent only.');
    const days = await bot.app.dataSource.getRepository<HcpAttendanceRow>('HcpAttendance').find({ order: { date: 'ASC' } });
    expect(days.map((d) => [d.date, d.status])).toEqual([['2026-11-23', 'on_time'], ['2026-11-24', 'absent'], ['2026-11-25', 'absent']]);
    const request = await bot.app.dataSource.getRepository<SupplierRequestRow>('SupplierRequest').findOneByOrFail({ number: 1 });
    expect(request).toMatchObject({ status: 'open', fromDate: '2026-11-24', toDate: '2026-11-25' });
    expect(request.details).toContain('Not needed on Monday 23 November 2026: Helen Okoro arrived.');
    const told = (await delivered(MANAGER)).join('\n');
    expect(told).toContain('Arrival: Helen Okoro');
    expect(told).toContain('Your action: tell the supplier that SUP-000001 is now for Tuesday 24 November 2026 to Wednesday 25 November 2026 only.');
    expect(cardText(firstCard(await exchange(bot, MANAGER, 'hcp week')))).toContain('Attendance: 1 on time, 0 late, 2 absent');
  });

  it('on a day off the HCP is not asked to record an arrival, and can still record activity of the last two weeks', async () => {
    clock.at = new Date('2026-11-29T12:00:00Z'); // a Sunday
    const card = firstCard(await exchange(bot, PEOPLE.hcp, 'activity'));
    expect(cardText(card)).toContain('Nothing for you to do now: today is not one of your working days.');
    expect(cardText(card)).toContain('not one of your working days');
    expect(cardText(card)).toContain('Arrival\nnot a working day');
    expect(cardVerbs(card)).not.toContain('hcp.arrived');
    const office = await crawley();
    const friday = await invokeAs(bot, PEOPLE.hcp, 'hcp.record', { kind: 'other', date: '2026-11-27', start: '15:00', end: '16:00', jobcentreId: office, takingPart: 'Partnership manager', note: 'Stand at a jobs fair' });
    expect(cardText(friday.card)).toContain('Recorded: other work for the district on Friday 27 November 2026.');
    const tooOld = await invokeAs(bot, PEOPLE.hcp, 'hcp.record', { kind: 'other', date: '2026-11-01', start: '15:00', end: '16:00', jobcentreId: office, takingPart: 'Partnership manager', note: 'Stand at a jobs fair' });
    expect(cardText(tooOld.card)).toContain('Choose today or a day in the last two weeks.');
  });

  it('the help card offers the typed commands as buttons to the HCP, the activity manager, the contact and the coach', async () => {
    const buttons = async (aad: string) => JSON.stringify(firstCard(await exchange(bot, aad, 'help')).actions);
    expect(await buttons(PEOPLE.hcp)).toEqual(expect.stringContaining('Your supporting activity'));
    expect(await buttons(PEOPLE.hcp)).toEqual(expect.stringContaining('Your weekly note'));
    expect(await buttons(MANAGER)).toEqual(expect.stringContaining('Your HCPs’ week'));
    expect(await buttons(MANAGER)).toEqual(expect.stringContaining('Supplier requests'));
    expect(await buttons(CONTACT)).toEqual(expect.stringContaining('Record an arrival'));
    expect(await buttons(PEOPLE.coach)).toEqual(expect.stringContaining('Ask for a case conference with an HCP'));
    expect(await buttons(PEOPLE.dea)).not.toContain('Supplier requests');
  });

  it('supplier requests against their time: 2 weeks for a replacement, 5 working days for a subject access request needing the HCP’s material', async () => {
    expect(visibleText(await exchange(bot, PEOPLE.hcp, 'supplier requests'))).toContain('This is for HCP Activity Managers.');
    const sar = await invokeAs(bot, MANAGER, 'hcp.supplierRaise', { kind: 'subject_access', details: 'The HCP notes for a subject access request', caseReference: '' });
    expect(cardText(sar.card)).toContain('Name the case whose HCP material is needed');
    const raised = await invokeAs(bot, MANAGER, 'hcp.supplierRaise', { kind: 'subject_access', details: 'The HCP notes for a subject access request', caseReference: 'SA-000001' });
    expect(cardText(raised.card)).toContain('Recorded as SUP-000001. The supplier must answer by Monday 30 November 2026.');
    const row = await bot.app.dataSource.getRepository<SupplierRequestRow>('SupplierRequest').findOneByOrFail({ number: 1 });
    clock.at = new Date('2026-12-01T10:00:00Z');
    expect(cardText(firstCard(await exchange(bot, MANAGER, 'supplier requests')))).toContain('OVERDUE: was due Monday 30 November 2026');
    const answered = await invokeAs(bot, MANAGER, 'hcp.supplierAnswer', { requestId: row.id, version: row.version, answer: 'Notes sent by secure email' });
    expect(cardText(answered.card)).toContain('Answer to SUP-000001 recorded.');
    expect(cardText(answered.card)).toContain('answered Tuesday 1 December 2026, late');
  });

  it('the supplier’s answer typed into a refused click is never lost: back in its own answer box with the problem beside it, or in the note once another manager has answered', async () => {
    // A second activity manager of the district.
    const nina = '00000000-0000-4000-8000-0000000000c5';
    await applySeed(bot.app.dataSource, { jobcentres: [], staff: [{ aadObjectId: nina, name: 'Nina Shore', email: 'nina.shore@hcp.example', roles: ['hcp_activity_manager'], jobcentre: 'Horsham' }] });
    await exchange(bot, nina, 'help');
    await invokeAs(bot, MANAGER, 'hcp.supplierRaise', { kind: 'replacement', details: 'Cover for Helen on Thursday' });
    await invokeAs(bot, MANAGER, 'hcp.supplierRaise', { kind: 'ad_hoc_information', details: 'Clinic dates for December' });
    const repo = bot.app.dataSource.getRepository<SupplierRequestRow>('SupplierRequest');
    const cover = await repo.findOneByOrFail({ number: 1 });
    const dates = await repo.findOneByOrFail({ number: 2 });
    /** The form (opened on the card, or behind its button) that answers this one request. */
    const answerForm = (card: Record<string, unknown>, requestId: string): Record<string, unknown> | undefined => {
      let found: Record<string, unknown> | undefined;
      const walk = (node: unknown): void => {
        if (found || !node || typeof node !== 'object') return;
        if (Array.isArray(node)) return node.forEach(walk);
        const n = node as Record<string, unknown>;
        const json = JSON.stringify(n);
        const requests = new Set([...json.matchAll(/"requestId":"([^"]+)"/g)].map((m) => m[1]));
        if ((n.type === 'AdaptiveCard' || n.type === 'Container') && requests.size === 1 && requests.has(requestId) && json.includes('"id":"answer"')) found = n;
        else Object.values(n).forEach(walk);
      };
      walk(card);
      return found;
    };
    const answerIn = (card: Record<string, unknown>, requestId: string) => cardInputs({ body: answerForm(card, requestId) }).answer;

    // A NINO in the answer: refused, and the answer comes back in its own box only, with the problem beside it.
    const withNino = 'Dates sent for AB 12 34 56 C and the rest of the clinic';
    const refused = await invokeAs(bot, MANAGER, 'hcp.supplierAnswer', { requestId: dates.id, version: dates.version, answer: withNino });
    expect(cardText(refused.card)).toContain('The answer must not name a claimant. What you typed is kept.');
    expect(answerIn(refused.card, dates.id)).toBe(withNino);
    expect(JSON.stringify(answerForm(refused.card, dates.id))).toContain('Take out the National Insurance number.');
    expect(answerIn(refused.card, cover.id)).toBe('');
    expect(JSON.stringify(answerForm(refused.card, cover.id))).not.toContain('Take out the National Insurance number.');

    // Nina records the supplier’s answer first; Mark’s, typed on the card as it was, is given back in the note.
    expect(cardText((await invokeAs(bot, nina, 'hcp.supplierAnswer', { requestId: cover.id, version: cover.version, answer: 'Grace Mensah covers Thursday', coverOn: '2026-11-26' })).card)).toContain('Answer to SUP-000001 recorded.');
    const typed = 'The supplier is sending Grace Mensah on Thursday';
    const late = await invokeAs(bot, MANAGER, 'hcp.supplierAnswer', { requestId: cover.id, version: cover.version, answer: typed, coverOn: '2026-11-26' });
    const text = cardText(late.card);
    expect(text).toContain(`This request changed since this card was shown: look again. What you typed: “${typed}”`);
    expect(text).not.toContain('What you typed is kept');
    expect(answerForm(late.card, cover.id)).toBeUndefined();
  });

  it('case conferences: a coach asks the activity manager, who sets a time clear of conversations; the HCP records it held; a notice to finish lists open activity', async () => {
    await bookConversation();
    const form = firstCard(await exchange(bot, PEOPLE.coach, 'case conference'));
    expect(cardText(form)).toContain('With Helen Okoro, the Health Care Professional for your jobcentre');
    const group = await invokeAs(bot, PEOPLE.coach, 'hcp.askConference', { kind: 'group_case_conference', note: 'Three cases', caseCount: '3' });
    expect(cardText(group.card)).toContain('Group case conferences are set up by a team leader');
    const asked = await invokeAs(bot, PEOPLE.coach, 'hcp.askConference', { kind: 'individual_case_conference', note: 'Returning to work after surgery', caseReference: 'SA-000001' });
    expect(cardText(asked.card)).toContain('Sent to the HCP Activity Manager.');
    expect(cardText(asked.card)).toContain('waiting for the activity manager to set a time');
    expect((await delivered(MANAGER)).join('\n')).toContain('Your action: give it a time when Helen Okoro has no conversation booked.');

    const activity = (await bot.app.dataSource.getRepository<{ id: string; version: number }>('HcpActivity').find())[0]!;
    const clash = await invokeAs(bot, MANAGER, 'hcp.plan', { activityId: activity.id, version: activity.version, date: '2026-11-23', start: '13:00', end: '13:30' });
    expect(cardText(clash.card)).toContain('SA-000001 is booked 12:00 to 13:30');
    bot.connector.clear();
    const planned = await invokeAs(bot, MANAGER, 'hcp.plan', { activityId: activity.id, version: activity.version, date: '2026-11-23', start: '14:00', end: '14:30' });
    expect(cardText(planned.card)).toContain('Saved. It goes into the diaries of the HCP and whoever asked for it, and they are told.');
    expect((await delivered(PEOPLE.hcp)).join('\n')).toContain('Individual case conference');
    expect((await delivered(PEOPLE.coach)).join('\n')).toContain('it is set for Monday 23 November 2026, 14:00–14:30');

    // The HCP moves it: not over the booked conversation; the diaries follow and the coach is told.
    await bot.app.background.idle();
    const events = () => bot.app.dataSource.query("SELECT mailbox, startsAt FROM calendar_event WHERE transactionId LIKE 'hcp-activity:%' ORDER BY mailbox") as Promise<{ mailbox: string; startsAt: string }[]>;
    expect((await events()).map((e) => e.startsAt)).toEqual(['2026-11-23 14:00:00.000', '2026-11-23 14:00:00.000']);
    const plannedRow = (await bot.app.dataSource.getRepository<{ id: string; version: number }>('HcpActivity').find())[0]!;
    expect(cardVerbs((await invokeAs(bot, PEOPLE.coach, 'hcp.open', { activityId: plannedRow.id })).card)).not.toContain('hcp.move');
    expect(cardText((await invokeAs(bot, PEOPLE.coach, 'hcp.move', { activityId: plannedRow.id, version: plannedRow.version, date: '2026-11-23', start: '14:10', end: '14:40' })).card)).toContain('Only the activity manager or the HCP can move this activity.');
    const overConversation = await invokeAs(bot, PEOPLE.hcp, 'hcp.move', { activityId: plannedRow.id, version: plannedRow.version, date: '2026-11-23', start: '13:00', end: '13:30' });
    expect(cardText(overConversation.card)).toContain('SA-000001 is booked 12:00 to 13:30');
    expect(allInputs(overConversation.card)).toMatchObject({ start: '13:00', end: '13:30' });
    bot.connector.clear();
    const moved = await invokeAs(bot, PEOPLE.hcp, 'hcp.move', { activityId: plannedRow.id, version: plannedRow.version, date: '2026-11-23', start: '14:10', end: '14:40' });
    expect(cardText(moved.card)).toContain('Moved. The diaries are being changed and the others in it are told.');
    expect((await delivered(PEOPLE.coach)).join('\n')).toContain('it is set for Monday 23 November 2026, 14:10–14:40');
    await bot.app.background.idle();
    expect((await events()).map((e) => e.startsAt)).toEqual(['2026-11-23 14:10:00.000', '2026-11-23 14:10:00.000']);

    // A notice to finish: told the supplier on Friday, the department on Monday (the next working day); the open activity listed.
    const helen = await idOf(PEOPLE.hcp);
    const notice = await invokeAs(bot, MANAGER, 'hcp.notice', { hcpId: helen, givenOn: '2026-11-20', receivedOn: '2026-11-23', lastDay: '2026-12-23' });
    expect(cardText(notice.card)).toContain('The supplier told you within 1 working day.');
    expect(cardText((await invokeAs(bot, MANAGER, 'hcp.notice', { hcpId: helen, givenOn: '2026-11-18', receivedOn: '2026-11-23', lastDay: '2026-12-23' })).card)).toContain('The supplier told you late: it was due by Thursday 19 November 2026.');
    expect(cardText(notice.card)).toContain('Individual case conference: Monday 23 November 2026 (planned)');
    expect(cardText(notice.card)).toContain('30 days (4 weeks and 2 days), from Monday 23 November 2026 to Wednesday 23 December 2026');

    clock.at = new Date('2026-11-23T14:40:00Z');
    const current = (await bot.app.dataSource.getRepository<{ id: string; version: number }>('HcpActivity').find())[0]!;
    const done = await invokeAs(bot, PEOPLE.hcp, 'hcp.complete', { activityId: current.id, version: current.version, takingPart: 'Amira Shah', note: 'Pacing and a phased return' });
    expect(cardText(done.card)).toContain('Recorded as held.');
    // The activity manager sets a work activity: not over the booked conversation; the HCP is told.
    const office = await crawley();
    const work = { hcpId: helen, kind: 'presentation', date: '2026-11-24', start: '10:00', end: '11:00', jobcentreId: office, note: 'Mental health and work, for the Crawley team' };
    expect(cardText((await invokeAs(bot, MANAGER, 'hcp.setActivity', { ...work, date: '2026-11-23', start: '12:30', end: '13:00' })).card)).toContain('SA-000001 is booked 12:00 to 13:30');
    bot.connector.clear();
    const set = await invokeAs(bot, MANAGER, 'hcp.setActivity', work);
    expect(cardText(set.card)).toContain('Set for Helen Okoro on Tuesday 24 November 2026. It goes into their diary, and they are told.');
    expect((await delivered(PEOPLE.hcp)).join('\n')).toContain('Presentation to a team or office');
    const week = cardText(firstCard(await exchange(bot, MANAGER, 'hcp week')));
    expect(week).toContain('Supporting activity: 1 individual case conference');
    expect(week).toContain('Leaving: last day Wednesday 23 December 2026');
  });

  it('an absence over days already recorded: refused beside the dates with what was typed kept, and no second replacement request', async () => {
    const helen = await idOf(PEOPLE.hcp);
    clock.at = new Date('2026-11-23T07:30:00Z');
    expect(cardText((await invokeAs(bot, CONTACT, 'hcp.absent', { hcpId: helen, fromDate: '2026-11-23', toDate: '2026-11-25' })).card)).toContain('Absence recorded for 3 working days. SUP-000001 asks the supplier for a replacement.');
    const again = await invokeAs(bot, MANAGER, 'hcp.absent', { hcpId: helen, fromDate: '2026-11-23', toDate: '2026-11-25' });
    const text = cardText(again.card);
    expect(text).toContain('Helen Okoro’s attendance is already recorded for Monday 23 November 2026 (absent), Tuesday 24 November 2026 (absent), Wednesday 25 November 2026 (absent), so no new day is absent and nothing goes to the supplier.');
    expect(text).toContain('Every working day in these dates is already recorded: choose days not recorded yet.');
    expect(allInputs(again.card)).toMatchObject({ hcpId: helen, fromDate: '2026-11-23', toDate: '2026-11-25' });
    // Wednesday to Friday: only Thursday and Friday are new.
    const wider = cardText((await invokeAs(bot, MANAGER, 'hcp.absent', { hcpId: helen, fromDate: '2026-11-25', toDate: '2026-11-27' })).card);
    expect(wider).toContain('Absence recorded for 2 working days. SUP-000002 asks the supplier for a replacement. Already recorded, so left as they were: Wednesday 25 November 2026 (absent).');
    const requests = await bot.app.dataSource.getRepository<SupplierRequestRow>('SupplierRequest').find({ order: { number: 'ASC' } });
    expect(requests.map((r) => [r.fromDate, r.toDate, r.details])).toEqual([
      ['2026-11-23', '2026-11-25', 'A replacement for Helen Okoro, absent 3 working days.'],
      ['2026-11-26', '2026-11-27', 'A replacement for Helen Okoro, absent 2 working days.'],
    ]);
  });

  it('the manager who set an activity is told when the HCP moves it; nothing is set after a leaver’s last day; no note goes while its week has activity planned', async () => {
    const helen = await idOf(PEOPLE.hcp);
    const office = await crawley();
    const work = { hcpId: helen, kind: 'presentation', date: '2026-11-27', start: '10:00', end: '11:00', jobcentreId: office, note: 'Mental health and work' };
    expect(cardText((await invokeAs(bot, MANAGER, 'hcp.setActivity', work)).card)).toContain('Set for Helen Okoro on Friday 27 November 2026.');
    const row = (await bot.app.dataSource.getRepository<{ id: string; version: number }>('HcpActivity').find())[0]!;
    bot.connector.clear();
    expect(cardText((await invokeAs(bot, PEOPLE.hcp, 'hcp.move', { activityId: row.id, version: row.version, date: '2026-11-27', start: '14:00', end: '15:00' })).card)).toContain('Moved.');
    expect((await delivered(MANAGER)).join('\n')).toContain('14:00–15:00');

    // Helen gives notice: her last day is Monday 30 November.
    await invokeAs(bot, MANAGER, 'hcp.notice', { hcpId: helen, givenOn: '2026-11-20', receivedOn: '2026-11-23', lastDay: '2026-11-30' });
    const after = await invokeAs(bot, MANAGER, 'hcp.setActivity', { ...work, date: '2026-12-01' });
    expect(cardText(after.card)).toContain('Helen Okoro has given notice: their last working day is Monday 30 November 2026, so no activity can be set after it.');
    expect(cardText(after.card)).toContain('Choose Monday 30 November 2026, Helen Okoro’s last day, or an earlier day.');
    expect(allInputs(after.card)).toMatchObject({ note: 'Mental health and work', date: '2026-12-01' });
    expect(await bot.app.dataSource.getRepository('HcpActivity').count()).toBe(1);

    // Friday's presentation is still planned: the week's note is not submitted yet.
    const draft = firstCard(await exchange(bot, PEOPLE.hcp, 'weekly note'));
    const note = (await bot.app.dataSource.getRepository<{ id: string; version: number }>('HcpWeeklyNote').find())[0]!;
    const refused = await invokeAs(bot, PEOPLE.hcp, 'hcp.noteSubmit', { noteId: note.id, version: note.version, body: `${String(cardInputs(draft).body)}\nA quiet week.` });
    expect(cardText(refused.card)).toContain('one activity of that week is still planned');
    expect(cardText(refused.card)).toContain('- Presentation to a team or office, Friday 14:00 to 15:00: still to come');
    expect(allInputs(refused.card).body).toContain('A quiet week.');
    expect(await bot.app.dataSource.getRepository('HcpWeeklyNote').findOneByOrFail({ id: note.id })).toMatchObject({ status: 'draft' });
  });

  it('a notice to finish whose last day gives less than 1 week from the day the supplier told the manager is refused beside the last day, naming the earliest allowed', async () => {
    const helen = await idOf(PEOPLE.hcp);
    const typed = { hcpId: helen, givenOn: '2026-11-20', receivedOn: '2026-11-23', lastDay: '2026-11-29' };
    const refused = await invokeAs(bot, MANAGER, 'hcp.notice', typed);
    const text = cardText(refused.card);
    expect(text).toContain('the earliest last day allowed is Monday 30 November 2026');
    expect(text).toContain('That gives only 6 days of notice.');
    expect(allInputs(refused.card)).toMatchObject({ givenOn: '2026-11-20', receivedOn: '2026-11-23', lastDay: '2026-11-29' });
    expect(await bot.app.dataSource.getRepository('HcpNotice').count()).toBe(0);
    const recorded = cardText((await invokeAs(bot, MANAGER, 'hcp.notice', { ...typed, lastDay: '2026-11-30' })).card);
    expect(recorded).toContain('Notice period given');
    expect(recorded).toContain('7 days (1 week), from Monday 23 November 2026 to Monday 30 November 2026');
    expect(recorded).toContain('at least 1 week; 1 month where the contract says so');
    expect(recorded).toContain('a last day on or after Wednesday 23 December 2026: not given, if the contract asks for it');
  });
});
