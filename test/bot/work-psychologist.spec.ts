import type { CalendarEventRow } from '../../data/schema/calendar';
import { applySeed } from '../../data/seed/apply-seed';
import { isBankHoliday } from '../../domain/calendar/bank-holidays';
import { addDays, dayOfWeek } from '../../domain/calendar/london-time';
import { londonDate } from '../../domain/requests/calendar-date';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import { cardText, cardVerbs, exchange, firstCard, invokeAs, PEOPLE, startTestBot, visibleText, type TestBot } from '../support/test-bot';

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
    expect(text).toContain(`Case conference about a claimant: ${reference}`);
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
