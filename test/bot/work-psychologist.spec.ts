import { randomUUID } from 'node:crypto';
import type { CalendarEventRow } from '../../data/schema/calendar';
import { applySeed } from '../../data/seed/apply-seed';
import { isBankHoliday } from '../../domain/calendar/bank-holidays';
import { addDays, dayOfWeek } from '../../domain/calendar/london-time';
import { describeDate, describeMeeting, londonDate } from '../../domain/requests/calendar-date';
import { SqlPartnershipStore } from '../../data/stores/partnership';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import { GraphStandIn } from '../../testkit/graph-stand-in';
import { cardInputs, cardText, cardVerbs, exchange, firstCard, invokeAs, PEOPLE, startTestBot, visibleText, type TestBot } from '../support/test-bot';

const WP = '00000000-0000-4000-8000-000000000007';

/** A request of Dana's, for a case conference to name: its reference. */
async function danasRequest(bot: TestBot): Promise<string> {
  const idOf = async (aad: string) => (await bot.app.dataSource.query('SELECT id FROM staff WHERE aadObjectId = ?', [aad]))[0].id as string;
  const request = await new SqlSupportRequestStore(bot.app.dataSource).create(
    { type: 'claimant_support', requesterId: await idOf(PEOPLE.coach), deaId: await idOf(PEOPLE.dea), claimant: { surname: 'Zebedee', nino: 'AB123456C', benefits: ['UC'] }, topic: null, description: 'Anxiety', reason: 'Advice', requiredBy: null, urgent: false, vulnerability: null },
    new Date(),
  );
  return request.reference;
}

/** The data of the first Action.Execute button with this verb, wherever it is on the card. */
function executeData(card: Record<string, unknown>, verb: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const n = node as Record<string, unknown>;
    if (n.type === 'Action.Execute' && n.verb === verb) found = n.data as Record<string, unknown>;
    else Object.values(n).forEach(walk);
  };
  walk(card);
  if (!found) throw new Error(`no ${verb} button on: ${cardText(card)}`);
  return found;
}

async function settle(bot: TestBot): Promise<void> {
  await bot.app.background.idle();
  await bot.app.notifier.idle();
}

describe('the DEA and the work psychologist', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
    for (const who of [PEOPLE.dea, WP]) await exchange(bot, who, 'help');
    bot.connector.clear();
  });
  afterEach(async () => bot.close());

  it('books the monthly meetings as a series in both diaries, face to face, with a draft agenda', async () => {
    const page = firstCard(await exchange(bot, PEOPLE.dea, 'work psychologist'));
    expect(cardText(page)).toContain('You and Paul Avery, work psychologist');
    expect(cardVerbs(page)).toEqual(['wp.book', 'wp.askConference', 'wp.session']);
    const past = await invokeAs(bot, PEOPLE.dea, 'wp.book', { firstDate: londonDate(new Date()), time: '10:00', durationMinutes: '60', mode: 'face_to_face' });
    expect(cardText(past.card)).toContain('Choose a date after today.');
    const first = addDays(londonDate(new Date()), 14);
    const booked = await invokeAs(bot, PEOPLE.dea, 'wp.book', { firstDate: first, time: '10:00', durationMinutes: '60', mode: 'face_to_face' });
    expect(cardText(booked.card)).toContain('Booked: the monthly meetings are being added to both diaries.');
    await settle(bot);
    const events = await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').find({ order: { startsAt: 'ASC' } });
    expect(events).toHaveLength(6);
    expect(events[0]).toMatchObject({ mailbox: 'dana.morgan@jobcentre.example', subject: 'DEA and work psychologist monthly meeting' });
    expect(events[0]!.attendees).toContain('paul.avery@jobcentre.example');
    const wpPage = cardText(firstCard(await exchange(bot, WP, 'work psychologist')));
    expect(wpPage).toContain('You and Dana Morgan, DEA');
    expect(wpPage).toMatch(/Next monthly meeting: .*, face to face, in both diaries\./);
    expect(wpPage).toContain('Draft agenda');
  });

  it('the DEA asks for a case conference by reference; the work psychologist records it; sessions are recorded with dates', async () => {
    const reference = await danasRequest(bot);
    // A reference that is not one of Dana's requests: refused beside it, with what was typed kept.
    const mistyped = await invokeAs(bot, PEOPLE.dea, 'wp.askConference', { reference: 'DEA-000999', topic: 'Cannot travel alone; no local provision.' });
    expect(cardText(mistyped.card)).toContain('There is no request DEA-000999 of yours');
    expect(bot.connector.sentTo(`a:personal-${WP}`)).toEqual([]);
    const asked = await invokeAs(bot, PEOPLE.dea, 'wp.askConference', { reference, topic: 'Cannot travel alone; no local provision.' });
    expect(cardText(asked.card)).toContain('Asked.');
    await settle(bot);
    const toWp = bot.connector.sentTo(`a:personal-${WP}`);
    expect(visibleText(toWp)).toContain(`Case conference: ${reference}`);
    const activityId = JSON.stringify(toWp).match(/"activityId":"([0-9a-f-]{36})"/)![1]!;
    const byDea = await invokeAs(bot, PEOPLE.dea, 'wp.conferenceDone', { activityId, date: londonDate(new Date()), note: 'x' });
    expect(cardText(byDea.card)).toContain('The work psychologist records the case conference.');
    bot.connector.clear();
    const done = await invokeAs(bot, WP, 'wp.conferenceDone', { activityId, date: londonDate(new Date()), note: 'Try a supported travel scheme.' });
    expect(cardText(done.card)).toContain('Recorded. The DEA has been told.');
    await settle(bot);
    expect(visibleText(bot.connector.sentTo(`a:personal-${PEOPLE.dea}`))).toContain('Try a supported travel scheme.');

    const session = await invokeAs(bot, WP, 'wp.session', { kind: 'awareness_session', topic: 'Hidden impairments', date: londonDate(new Date()), feedback: 'Coaches asked about autism.' });
    expect(cardText(session.card)).toContain('Recorded with its date.');
    expect(cardText(session.card)).toContain('Awareness session: Hidden impairments');
  });

  it('a work psychologist who lost the notification opens the case conference from their page and records their advice; the DEA then reads it; nobody else may open it', async () => {
    const reference = await danasRequest(bot);
    await invokeAs(bot, PEOPLE.dea, 'wp.askConference', { reference, topic: 'Cannot travel alone; no local provision.' });
    await settle(bot);
    // The notification scrolled away: the page is all the work psychologist has.
    bot.connector.clear();
    const page = firstCard(await exchange(bot, WP, 'work psychologist'));
    const text = cardText(page);
    expect(text).toContain('Your action: hold the case conference asked of you, then record your advice: open it below.');
    expect(text).toContain('Waiting for your advice');
    expect(text).toContain(`${reference}, asked by Dana Morgan on ${describeDate(londonDate(new Date()))}`);
    expect(text).toContain('Case conferences asked of you: 1.');
    expect(text).toContain('Asked of you, waiting for your advice');
    // The page names the case by reference only: its barriers are on the card it opens.
    expect(text).not.toContain('Cannot travel alone');
    expect(cardVerbs({ actions: [page.body, page.actions] })).toEqual(['wp.conference', 'wp.session']);
    const open = executeData(page, 'wp.conference');

    const opened = await invokeAs(bot, WP, 'wp.conference', open);
    expect(opened.status).toBe(200);
    expect(cardText(opened.card)).toContain(`Case conference: ${reference}`);
    expect(cardText(opened.card)).toContain('Dana Morgan asks you for a case conference about a claimant with barriers to provision or work. Arrange it with them, then record your advice here.');
    expect(cardText(opened.card)).toContain('Cannot travel alone; no local provision.');
    expect(cardVerbs(opened.card)).toEqual(['wp.conferenceDone', 'wp.page']);
    const form = executeData(opened.card, 'wp.conferenceDone');
    const today = londonDate(new Date());
    const done = await invokeAs(bot, WP, 'wp.conferenceDone', { ...form, date: today, note: 'Try a supported travel scheme.' });
    // Recorded from the page: the page again, with nothing left to open.
    expect(cardText(done.card)).toContain(`Recorded the case conference about ${reference}. The DEA has been told.`);
    expect(cardText(done.card)).toContain('Nothing for you to do now');
    expect(cardVerbs({ actions: [done.card.body, done.card.actions] })).toEqual(['wp.session']);
    await settle(bot);
    const toDea = bot.connector.sentTo(`a:personal-${PEOPLE.dea}`);
    expect(visibleText(toDea)).toContain(`Case conference: ${reference}`);
    expect(visibleText(toDea)).toContain('Try a supported travel scheme.');
    // Held, on the DEA's page and on the work psychologist's, which has nothing left to open.
    const deaPage = cardText(firstCard(await exchange(bot, PEOPLE.dea, 'work psychologist')));
    expect(deaPage).toContain(`Held ${describeDate(today)}`);
    expect(deaPage).not.toContain('Asked, waiting for the work psychologist');
    const after = firstCard(await exchange(bot, WP, 'work psychologist'));
    expect(cardText(after)).toContain('Nothing for you to do now');
    expect(cardVerbs({ actions: [after.body, after.actions] })).toEqual(['wp.session']);
    // Opened again, it shows the advice and no form, only the way back.
    const again = await invokeAs(bot, WP, 'wp.conference', open);
    expect(cardText(again.card)).toContain('Try a supported travel scheme.');
    expect(cardVerbs(again.card)).toEqual(['wp.page']);
    expect(bot.cardProblems).toEqual([]);
  });

  it('a case conference opens only for its DEA and its work psychologist: anyone else is refused and shown nothing of it', async () => {
    const reference = await danasRequest(bot);
    await invokeAs(bot, PEOPLE.dea, 'wp.askConference', { reference, topic: 'Cannot travel alone; no local provision.' });
    await settle(bot);
    const open = executeData(firstCard(await exchange(bot, WP, 'work psychologist')), 'wp.conference');
    // Another DEA of the district (the same work psychologist's), a work coach, a team leader.
    const cara = '00000000-0000-4000-8000-0000000000c3';
    await applySeed(bot.app.dataSource, { jobcentres: [], staff: [{ aadObjectId: cara, name: 'Cara Diaz', email: 'cara.diaz@jobcentre.example', roles: ['dea'], jobcentre: 'Horsham' }] });
    for (const who of [cara, PEOPLE.coach, PEOPLE.wctl]) {
      await exchange(bot, who, 'help');
      const refused = await invokeAs(bot, who, 'wp.conference', open);
      expect(refused.status).toBe(200);
      const shown = JSON.stringify(refused.card);
      expect(cardText(refused.card)).toContain('That case conference does not exist, or is not yours to see.');
      expect(shown).not.toContain(reference);
      expect(shown).not.toContain('Cannot travel alone');
      expect(shown).not.toContain('Dana Morgan');
      // Nor may they record it.
      const recorded = await invokeAs(bot, who, 'wp.conferenceDone', { ...open, date: londonDate(new Date()), note: 'x' });
      expect(cardText(recorded.card)).toContain('That case conference does not exist, or is not yours to see.');
      expect(JSON.stringify(recorded.card)).not.toContain(reference);
    }
    // An id that is nobody's: the same refusal.
    expect(cardText((await invokeAs(bot, WP, 'wp.conference', { activityId: randomUUID() })).card)).toContain('That case conference does not exist, or is not yours to see.');
    // The DEA who asked may read it, without the work psychologist's form.
    const byDea = await invokeAs(bot, PEOPLE.dea, 'wp.conference', open);
    expect(cardText(byDea.card)).toContain('Asked of Paul Avery.');
    expect(cardVerbs(byDea.card)).toEqual([]);
    const [row] = await bot.app.dataSource.query('SELECT status FROM partnership_activity');
    expect(row.status).toBe('requested');
  });

  it('a work psychologist with many case conferences waiting: the page offers the ten waiting longest, and says how many more', async () => {
    const ids = async (aad: string) => (await bot.app.dataSource.query('SELECT id FROM staff WHERE aadObjectId = ?', [aad]))[0].id as string;
    const [deaId, wpId] = [await ids(PEOPLE.dea), await ids(WP)];
    const store = new SqlPartnershipStore(bot.app.dataSource);
    const start = Date.now() - 30 * 86_400_000;
    for (let k = 0; k < 14; k++) {
      await store.addActivity({ deaId, workPsychologistId: wpId, kind: 'case_conference', status: 'requested', requestReference: `DEA-${String(500 + k).padStart(6, '0')}`, topic: 'Barriers.', feedback: null, date: null, note: null, createdAt: new Date(start + k * 86_400_000) });
    }
    const page = firstCard(await exchange(bot, WP, 'work psychologist'));
    const text = cardText(page);
    expect(text).toContain('Your action: hold the 14 case conferences asked of you, then record your advice: open each below.');
    expect(cardVerbs({ actions: page.body }).filter((v) => v === 'wp.conference')).toHaveLength(10);
    expect(text).toContain('DEA-000500, asked by Dana Morgan');
    expect(text).toContain('DEA-000509, asked by Dana Morgan');
    expect(text).not.toContain('DEA-000510, asked by');
    expect(text).toContain('And 4 more waiting: each shows here, longest waiting first, as you record these.');
    // Ten listed lines of the newest activities do not hide the count of those waiting.
    expect(text).toContain('Case conferences asked of you: 14.');
    expect(JSON.stringify(page).length).toBeLessThan(28_000);
    expect(bot.cardProblems).toEqual([]);
  });

  it('case conferences waiting since before more than 50 newer sessions still show, open, and lead back to the page; recording one there brings the next', async () => {
    const ids = async (aad: string) => (await bot.app.dataSource.query('SELECT id FROM staff WHERE aadObjectId = ?', [aad]))[0].id as string;
    const [deaId, wpId] = [await ids(PEOPLE.dea), await ids(WP)];
    const store = new SqlPartnershipStore(bot.app.dataSource);
    const first = await danasRequest(bot);
    const second = await danasRequest(bot);
    const asked = Date.now() - 90 * 86_400_000;
    for (const [k, reference] of [first, second].entries()) {
      await store.addActivity({ deaId, workPsychologistId: wpId, kind: 'case_conference', status: 'requested', requestReference: reference, topic: `Barriers ${k + 1}.`, feedback: null, date: null, note: null, createdAt: new Date(asked + k * 86_400_000) });
    }
    const held = addDays(londonDate(new Date()), -1);
    for (let k = 0; k < 60; k++) {
      await store.addActivity({ deaId, workPsychologistId: wpId, kind: 'training', status: 'done', requestReference: null, topic: `Session ${k}`, feedback: null, date: held, note: null, createdAt: new Date(asked + (10 + k) * 3_600_000 * 24) });
    }
    const page = firstCard(await exchange(bot, WP, 'work psychologist'));
    const text = cardText(page);
    expect(text).toContain('Your action: hold the 2 case conferences asked of you, then record your advice: open each below.');
    expect(text).toContain(`${first}, asked by Dana Morgan on ${describeDate(londonDate(new Date(asked)))}`);
    expect(text).toContain(`${second}, asked by Dana Morgan`);
    expect(text).toContain('Case conferences asked of you: 2.');

    // Opened from the page: its card, with the way back to the page.
    const opened = await invokeAs(bot, WP, 'wp.conference', executeData(page, 'wp.conference'));
    expect(cardText(opened.card)).toContain(`Case conference: ${first}`);
    expect(cardText(opened.card)).toContain('Barriers 1.');
    expect(cardVerbs(opened.card)).toEqual(['wp.conferenceDone', 'wp.page']);
    const back = await invokeAs(bot, WP, 'wp.page', executeData(opened.card, 'wp.page'));
    expect(back.status).toBe(200);
    expect(cardText(back.card)).toContain('Waiting for your advice');
    expect(cardText(back.card)).toContain(`${first}, asked by Dana Morgan`);
    expect(cardVerbs({ actions: back.card.body }).filter((v) => v === 'wp.conference')).toHaveLength(2);

    // Recorded there: the page again, saying so, with the next one to open.
    const done = await invokeAs(bot, WP, 'wp.conferenceDone', { ...executeData(opened.card, 'wp.conferenceDone'), date: londonDate(new Date()), note: 'Try a supported travel scheme.' });
    const after = cardText(done.card);
    expect(after).toContain(`Recorded the case conference about ${first}. The DEA has been told.`);
    expect(after).toContain('Your action: hold the case conference asked of you, then record your advice: open it below.');
    expect(after).toContain(`${second}, asked by Dana Morgan`);
    expect(after).not.toContain(`${first}, asked by`);
    const next = await invokeAs(bot, WP, 'wp.conference', executeData(done.card, 'wp.conference'));
    expect(cardText(next.card)).toContain(`Case conference: ${second}`);
    // A refusal keeps the way back and what was typed.
    const early = await invokeAs(bot, WP, 'wp.conferenceDone', { ...executeData(next.card, 'wp.conferenceDone'), date: addDays(londonDate(new Date()), 1), note: 'Too soon.' });
    expect(cardText(early.card)).toContain('Record it once it has been held. Nothing was saved.');
    // The refused form shows open in the card's body.
    expect(cardVerbs({ actions: [early.card.body, early.card.actions] })).toEqual(['wp.conferenceDone', 'wp.page']);
    expect(executeData(early.card, 'wp.conferenceDone')).toMatchObject({ from: 'page' });
    expect(bot.cardProblems).toEqual([]);
  });

  it('the case conference’s notification keeps its card: no way to the page on it, and recording it answers with the card recorded', async () => {
    const reference = await danasRequest(bot);
    await invokeAs(bot, PEOPLE.dea, 'wp.askConference', { reference, topic: 'Cannot travel alone; no local provision.' });
    await settle(bot);
    const card = firstCard(bot.connector.sentTo(`a:personal-${WP}`));
    expect(cardVerbs(card)).toEqual(['wp.conferenceDone']);
    const done = await invokeAs(bot, WP, 'wp.conferenceDone', { ...executeData(card, 'wp.conferenceDone'), date: londonDate(new Date()), note: 'Try a supported travel scheme.' });
    expect(cardText(done.card)).toContain(`Case conference: ${reference}`);
    expect(cardText(done.card)).toContain('Recorded. The DEA has been told.');
    expect(cardVerbs(done.card)).toEqual([]);
  });

  it('a session recorded ahead of its date reads as planned until that day, then as held', async () => {
    const ids = async (aad: string) => (await bot.app.dataSource.query('SELECT id FROM staff WHERE aadObjectId = ?', [aad]))[0].id as string;
    const ahead = addDays(londonDate(new Date()), 7);
    const planned = await invokeAs(bot, PEOPLE.dea, 'wp.session', { kind: 'training', topic: 'Condition management', date: ahead });
    expect(cardText(planned.card)).toContain(`Planned for ${describeDate(ahead)}`);
    // As it was recorded a fortnight ago, for last week.
    const past = addDays(londonDate(new Date()), -7);
    await new SqlPartnershipStore(bot.app.dataSource).addActivity({ deaId: await ids(PEOPLE.dea), workPsychologistId: await ids(WP), kind: 'awareness_session', status: 'requested', requestReference: null, topic: 'Hidden impairments', feedback: null, date: past, note: null, createdAt: new Date(Date.now() - 14 * 86_400_000) });
    for (const who of [PEOPLE.dea, WP]) {
      const text = cardText(firstCard(await exchange(bot, who, 'work psychologist')));
      expect(text).toContain(`Held ${describeDate(past)}`);
      expect(text).not.toContain(`Planned for ${describeDate(past)}`);
      expect(text).toContain(`Planned for ${describeDate(ahead)}`);
    }
  });

  it('moves a meeting that falls on a day off to the next good day and says so; a work psychologist sees every DEA they work with', async () => {
    // A second DEA in the district, at a jobcentre with no work psychologist of its own.
    const cara = '00000000-0000-4000-8000-0000000000c3';
    await applySeed(bot.app.dataSource, { jobcentres: [], staff: [{ aadObjectId: cara, name: 'Cara Diaz', email: 'cara.diaz@jobcentre.example', roles: ['dea'], jobcentre: 'Horsham' }] });
    await exchange(bot, cara, 'help');
    // A Saturday two weeks ahead or more, when nobody works, with a working day after it in the same
    // month: a monthly meeting moves only within its month, so on a month's last Saturday it would stay,
    // with a warning.
    const nextWorkingDay = (saturday: string): string => {
      let day = addDays(saturday, 2);
      while (isBankHoliday('england-and-wales', day)) day = addDays(day, 1);
      return day;
    };
    let saturday = addDays(londonDate(new Date()), 14);
    while (dayOfWeek(saturday) !== 6 || nextWorkingDay(saturday).slice(0, 7) !== saturday.slice(0, 7)) saturday = addDays(saturday, 1);
    const booked = await invokeAs(bot, cara, 'wp.book', { firstDate: saturday, time: '10:00', durationMinutes: '60', mode: 'face_to_face' });
    expect(cardText(booked.card)).toMatch(/not at the usual time: .*Moved from Saturday .*: it is outside Cara Diaz and Paul Avery’s working hours\./);
    await settle(bot);
    const events = await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').find({ where: { mailbox: 'cara.diaz@jobcentre.example' }, order: { startsAt: 'ASC' } });
    expect(events).toHaveLength(6);
    expect(londonDate(events[0]!.startsAt)).toBe(nextWorkingDay(saturday));
    const reference = await danasRequest(bot);
    await invokeAs(bot, PEOPLE.dea, 'wp.askConference', { reference, topic: 'Cannot travel alone; no local provision.' });
    const page = firstCard(await exchange(bot, WP, 'work psychologist'));
    const text = cardText(page);
    expect(text).toContain('You and your 2 DEAs');
    expect(text).toContain('With Cara Diaz, DEA');
    expect(text).toContain('With Dana Morgan, DEA');
    expect(text).toMatch(/Your action: hold the case conference asked of you/);
    // Several DEAs: each in a few lines, a waiting case conference by its reference; the DEA's agenda opens with the case conference in full.
    expect(text).toContain(`No monthly meetings booked yet: the DEA books them. Case conferences asked of you: ${reference}.`);
    const dana = JSON.stringify(page).match(/"title":"Open Dana Morgan’s agenda","data":(\{[^}]*\})/)![1]!;
    const opened = cardText(firstCard(await exchange(bot, WP, JSON.parse(dana) as Record<string, unknown>)));
    expect(opened).toContain('You and Dana Morgan, DEA');
    expect(opened).toContain(`Case conference about a claimant: ${reference}`);
    // With two DEAs, a session names the DEA it was with.
    const refused = await invokeAs(bot, WP, 'wp.session', { kind: 'training', topic: 'Autism', date: londonDate(new Date()) });
    expect(cardText(refused.card)).toContain('Choose the DEA you held it with.');
    expect(bot.cardProblems).toEqual([]);
  });

  it('tells a work coach the page is for DEAs and work psychologists, without reading anyone’s meetings or the district’s people', async () => {
    await exchange(bot, PEOPLE.coach, 'help');
    const statements: string[] = [];
    const logger = bot.app.dataSource.logger;
    const counting = { logQuery: (query: string) => void statements.push(query), logQueryError: () => undefined, logQuerySlow: () => undefined, logSchemaBuild: () => undefined, logMigration: () => undefined, log: () => undefined };
    Object.assign(bot.app.dataSource, { logger: counting });
    try {
      const replies = await exchange(bot, PEOPLE.coach, 'work psychologist');
      expect(visibleText(replies)).toContain('This page is for DEAs and work psychologists');
    } finally {
      Object.assign(bot.app.dataSource, { logger });
    }
    expect(statements.filter((q) => /partnership|staff_role/.test(q))).toEqual([]);
  });
});

describe('a work psychologist with 20 DEAs: a page that stays small and shows what is coming, whatever the history', () => {
  const DEAS = 20;
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
    await exchange(bot, WP, 'help');
  });
  afterAll(async () => bot.close());

  /**
   * Dana and 19 more DEAs of the district, each with a monthly meeting from `monthsBack` months ago
   * to 5 months ahead (on a day of the month of their own, so each DEA's next meeting is told apart),
   * and `outputs` outcomes recorded since their last meeting. Answers each DEA's name, id and next meeting.
   */
  async function district(monthsBack: number, outputs: number): Promise<{ name: string; id: string; next: { start: Date; end: Date } }[]> {
    await bot.app.dataSource.query('DELETE FROM partnership_meeting');
    const names = Array.from({ length: DEAS - 1 }, (_, i) => `Extra Adviser${String.fromCharCode(65 + i)}`);
    const extra = names.map((name, i) => ({ aadObjectId: `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`, name, email: `extra.${i}@jobcentre.example`, roles: ['dea' as const], jobcentre: 'Horsham' }));
    await applySeed(bot.app.dataSource, { jobcentres: [], staff: extra });
    const staff: { id: string; name: string }[] = await bot.app.dataSource.query(`SELECT id, name FROM staff WHERE aadObjectId IN (${[PEOPLE.dea, ...extra.map((e) => e.aadObjectId)].map(() => '?').join(', ')})`, [PEOPLE.dea, ...extra.map((e) => e.aadObjectId)]);
    const wpId = (await bot.app.dataSource.query('SELECT id FROM staff WHERE aadObjectId = ?', [WP]))[0].id as string;
    const coachId = (await bot.app.dataSource.query('SELECT id FROM staff WHERE aadObjectId = ?', [PEOPLE.coach]))[0].id as string;
    const store = new SqlPartnershipStore(bot.app.dataSource);
    const requests = new SqlSupportRequestStore(bot.app.dataSource);
    const now = Date.now();
    const thisMonth = new Date();
    const out = [];
    for (const [i, dea] of staff.entries()) {
      const meetings = Array.from({ length: monthsBack + 6 }, (_, k) => {
        const start = new Date(Date.UTC(thisMonth.getUTCFullYear(), thisMonth.getUTCMonth() - monthsBack + k, 1 + i, 10));
        return { deaId: dea.id, workPsychologistId: wpId, month: start.toISOString().slice(0, 7), start, end: new Date(start.getTime() + 3_600_000), mode: 'face_to_face' as const, movedBecause: null };
      });
      await store.addMeetings(meetings);
      const next = meetings.find((m) => m.end.getTime() > now)!;
      const previous = [...meetings].reverse().find((m) => m.end.getTime() <= now)!;
      for (let k = 0; k < outputs; k++) {
        const request = await requests.create(
          { type: 'claimant_support', requesterId: coachId, deaId: dea.id, claimant: { surname: `Case${k}`, nino: 'AB123456C', benefits: ['UC'] }, topic: null, description: 'Anxiety', reason: 'Advice', requiredBy: null, urgent: false, vulnerability: null },
          new Date(),
        );
        await bot.app.dataSource.query("UPDATE support_request SET channel = 'three_way_intervention' WHERE id = ?", [request.id]);
        await bot.app.dataSource.getRepository('MeetingRecord').insert({ id: randomUUID(), requestId: request.id, kind: 'outcome', authorId: dea.id, at: new Date(previous.start.getTime() + (k + 1) * 60_000), body: 'Met.', nextSteps: 'work_psychologist_action,employer_adviser_action', sentToId: null });
      }
      out.push({ name: dea.name, id: dea.id, next });
    }
    // In both diaries already: the job that writes them has nothing to do.
    await bot.app.dataSource.query("UPDATE partnership_meeting SET status = 'booked', eventId = 'event'");
    return out;
  }

  /** The text of one DEA's part of the page, from its heading to the next DEA's. */
  function blockOf(text: string, name: string): string {
    const from = text.indexOf(`With ${name}, DEA`);
    const next = text.indexOf('\nWith ', from + 1);
    return from < 0 ? '' : text.slice(from, next < 0 ? undefined : next);
  }

  it('with 50 outputs for each of 20 DEAs, the page is well inside Teams’ limit, shows every DEA’s next meeting and their newest outputs, and opens each DEA’s whole agenda', async () => {
    const deas = await district(2, 50);
    const statements: string[] = [];
    const logger = bot.app.dataSource.logger;
    Object.assign(bot.app.dataSource, { logger: Object.assign(Object.create(logger) as object, { logQuery: (query: string) => void statements.push(query) }) });
    let card: Record<string, unknown>;
    try {
      card = firstCard(await exchange(bot, WP, 'work psychologist'));
    } finally {
      Object.assign(bot.app.dataSource, { logger });
    }
    // A fixed number of reads for 20 DEAs: one of the meetings, one of the outcomes, one of the group conferences.
    expect(statements.filter((q) => /"partnership_meeting"/.test(q))).toHaveLength(1);
    expect(statements.filter((q) => /"meeting_record"/.test(q))).toHaveLength(1);
    expect(statements.filter((q) => /"group_conference"/.test(q))).toHaveLength(1);
    const size = JSON.stringify(card).length;
    // 135,063 characters before the page was bounded; Teams refuses a message over about 100 KB.
    expect(size).toBeLessThan(28_000);
    const text = cardText(card);
    expect(text).toContain(`You and your ${DEAS} DEAs`);
    for (const dea of deas) {
      const block = blockOf(text, dea.name);
      expect(block).toContain(`Next monthly meeting: ${describeMeeting(dea.next.start, dea.next.end)}, face to face, in both diaries.`);
      // The newest of the 50, with how many more there are and where to read them.
      expect(block).toMatch(/Draft agenda, 50 outputs since the last meeting; the newest: DEA-\d{6}: Work Psychologist action; Employer Adviser action\. DEA-\d{6}: Work Psychologist action; Employer Adviser action\. And 48 more: open .*’s agenda\./);
    }
    const open = JSON.stringify(card).match(/"data":\{"verb":"wp.agenda","deaId":"([0-9a-f-]{36})"\}/);
    expect(open?.[1]).toBe(deas[0]!.id.toLowerCase());
    const agenda = firstCard(await exchange(bot, WP, { verb: 'wp.agenda', deaId: deas[0]!.id }));
    const agendaText = cardText(agenda);
    expect(agendaText).toContain(`You and ${deas[0]!.name}, DEA`);
    expect(agendaText).toContain(`Next monthly meeting: ${describeMeeting(deas[0]!.next.start, deas[0]!.next.end)}`);
    // All 50, each with what it was and when.
    expect(agendaText.match(/DEA-\d{6}, Three way intervention \(work coach, DEA and claimant\), .*: Work Psychologist action; Employer Adviser action/g)).toHaveLength(50);
    expect(JSON.stringify(agenda).length).toBeLessThan(28_000);
    // A DEA's agenda is not for a work coach, nor for a work psychologist who is not theirs.
    expect(visibleText(await exchange(bot, PEOPLE.coach, { verb: 'wp.agenda', deaId: deas[0]!.id }))).toContain('This page is for DEAs and work psychologists');
    expect(visibleText(await exchange(bot, WP, { verb: 'wp.agenda', deaId: '00000000-0000-4000-8000-00000000ffff' }))).toContain('That DEA does not work with you');
    expect(bot.cardProblems).toEqual([]);
  });

  it('after more than two years of monthly meetings with 20 DEAs, the page shows each DEA’s next meeting, and the DEA’s own page its meetings to come', async () => {
    const deas = await district(27, 0);
    const text = cardText(firstCard(await exchange(bot, WP, 'work psychologist')));
    for (const dea of deas) expect(blockOf(text, dea.name)).toContain(`Next monthly meeting: ${describeMeeting(dea.next.start, dea.next.end)}, face to face, in both diaries.`);
    expect(text).not.toContain('No monthly meetings booked yet');
    const dana = deas.find((d) => d.name === 'Dana Morgan')!;
    expect(cardText(firstCard(await exchange(bot, PEOPLE.dea, 'work psychologist')))).toContain(`Next monthly meeting: ${describeMeeting(dana.next.start, dana.next.end)}.`);
  });
});

describe('booking the monthly meetings while Microsoft Graph is slow or failing (local stand-in)', () => {
  const DANA = 'dana.morgan@jobcentre.example';
  const SCHEDULES = /calendar\/getSchedule$|\$batch$/;
  let graph: GraphStandIn;
  let bot: TestBot;
  beforeEach(async () => {
    graph = await GraphStandIn.start();
    bot = await startTestBot({ env: graph.botEnv() });
    await exchange(bot, PEOPLE.dea, 'help');
  });
  afterEach(async () => {
    await bot.close();
    await graph.close();
  });

  /** What Dana typed and chose in "Book the monthly meetings". */
  const typed = () => ({ firstDate: addDays(londonDate(new Date()), 14), time: '11:30', durationMinutes: '90', mode: 'teams' });
  const meetings = () => bot.app.dataSource.getRepository('PartnershipMeeting').count();

  /** The page with the booking form open as it was sent, the note above it; nothing saved or written. */
  async function expectFormAsSent(card: Record<string, unknown>, sent: Record<string, string>, note: string): Promise<void> {
    expect(cardText(card)).toContain(note);
    expect(cardInputs(card)).toMatchObject(sent);
    // Opened in the card's body, its button with it.
    expect(cardVerbs({ actions: [card.actions, card.body] })).toContain('wp.book');
    await settle(bot);
    expect(await meetings()).toBe(0);
    expect(graph.allEvents()).toEqual([]);
  }

  it('Graph throttling the diaries (429, Retry-After 5 s: all of Teams’ time for a click): answered in Teams’ time with the form as sent, and nothing booked', async () => {
    graph.failNext({ path: SCHEDULES, status: 429, retryAfterSeconds: 5, times: Infinity });
    const sent = typed();
    const since = Date.now();
    const throttled = await invokeAs(bot, PEOPLE.dea, 'wp.book', sent);
    expect(Date.now() - since).toBeLessThan(4_500);
    await expectFormAsSent(throttled.card, sent, 'Reading the diaries is taking too long, so nothing was booked or saved. Choose Book them again in a moment. What you typed is kept.');
  });

  it('a slow Graph: the diaries read after the click was answered save nothing; once Graph is quick the meetings are booked', async () => {
    graph.setLatency(3_000);
    const sent = typed();
    const since = Date.now();
    const slow = await invokeAs(bot, PEOPLE.dea, 'wp.book', sent);
    expect(Date.now() - since).toBeLessThan(4_500);
    expect(cardText(slow.card)).toContain('Reading the diaries is taking too long, so nothing was booked or saved.');
    // The read carries on after the answer; once it lands, still nothing is written.
    await until(() => bot.logs.some((line) => line.includes('work psychologist meetings read after the click was answered')), 20_000);
    await expectFormAsSent(slow.card, sent, 'What you typed is kept.');

    graph.setLatency(5);
    const booked = await invokeAs(bot, PEOPLE.dea, 'wp.book', sent);
    expect(cardText(booked.card)).toContain('Booked: the monthly meetings are being added to both diaries.');
    await settle(bot);
    expect(await meetings()).toBe(6);
    expect(graph.events(DANA)).toHaveLength(6);
  });

  it('Graph failing to read the diaries: the form as sent, saying so, and nothing booked; a refusal is answered as before', async () => {
    graph.failNext({ path: SCHEDULES, status: 500, times: Infinity });
    const sent = typed();
    const failed = await invokeAs(bot, PEOPLE.dea, 'wp.book', sent);
    expect(failed.status).toBe(200);
    await expectFormAsSent(failed.card, sent, 'The diaries could not be read just now, so nothing was booked or saved. Choose Book them again in a minute. What you typed is kept.');
    // Refused before the diaries are read: the problem beside its field, as ever.
    const refused = await invokeAs(bot, PEOPLE.dea, 'wp.book', { ...sent, firstDate: londonDate(new Date()) });
    expect(cardText(refused.card)).toContain('Choose a date after today. Nothing was saved.');
    expect(cardText(refused.card)).not.toContain('diaries could not be read');
    expect(await meetings()).toBe(0);
  });
});

/** Waits until `done` holds, looking every 50 ms. */
async function until(done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not done within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
