import { randomUUID } from 'node:crypto';
import type { ReportFeedbackRow } from '../../data/schema/reports';
import { directoryChanged, SqlStaffDirectory } from '../../data/stores/staff-directory';
import { conversationRow, insertRequests, insertRows, jobcentreIds } from '../../testkit/report-fixtures';
import { TestClock } from '../support/conference-fixture';
import { cardText, exchange, firstCard, invokeAs, PEOPLE, startTestBot, visibleText, type TestBot } from '../support/test-bot';

const MANAGER = '00000000-0000-4000-8000-000000000005'; // Mark Ellis, activity manager, Surrey and Sussex
const PERFORMANCE = '00000000-0000-4000-8000-000000000501'; // Helen Okafor, performance manager
const chat = (aad: string) => `a:personal-${aad}`;
const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00Z`);

describe('reports through the bot (real HTTP, real SQLite, the chart drawn by vega and resvg)', () => {
  let bot: TestBot;
  // Monday 16 March 2026, 08:00 in London: the weekly reports are due.
  const clock = new TestClock(at('2026-03-16', '08:00'));
  let staff: Record<'coach' | 'dea' | 'hcp', string>;
  let heldId: string;

  beforeAll(async () => {
    bot = await startTestBot({ clock, env: { SA_TRIALS: 'Surrey and Sussex=2026-03-02/10' } });
    const ds = bot.app.dataSource;
    const directory = new SqlStaffDirectory(ds);
    const idOf = async (aad: string) => (await directory.findByAadObjectId(aad))!.id;
    staff = { coach: await idOf(PEOPLE.coach), dea: await idOf(PEOPLE.dea), hcp: await idOf(PEOPLE.hcp) };
    const crawley = (await jobcentreIds(ds)).Crawley!;
    // Week of 9 March: Helen held 12 conversations with the coach, 1 did not attend.
    const rows = Array.from({ length: 13 }, (_, i) => {
      const startsAt = at(`2026-03-${String(9 + (i % 5)).padStart(2, '0')}`, `${String(9 + Math.floor(i / 5)).padStart(2, '0')}:00`);
      return conversationRow({ hcpId: staff.hcp, coachId: staff.coach, jobcentre: crawley, status: i === 12 ? 'did_not_attend' : 'held', channel: 'face_to_face', adviceTypes: 'adjustments', startsAt, createdAt: new Date(startsAt.getTime() - 3_600_000) });
    });
    heldId = String(rows[0]!.id);
    await insertRows(ds, 'AdviceConversation', rows);
    // Requests to the DEA: 6 made on 10 March; one more still waiting, due on Wednesday 18 March.
    await insertRequests(ds, [
      ...Array.from({ length: 6 }, () => ({ requesterId: staff.coach, deaId: staff.dea, type: 'skill_support', status: 'accepted', channel: 'skill_conference', requiredBy: '2026-03-12', createdAt: at('2026-03-10'), events: [['accepted', at('2026-03-11')]] as const })),
      { requesterId: staff.coach, deaId: staff.dea, type: 'skill_support', status: 'submitted', channel: null, requiredBy: '2026-03-18', createdAt: at('2026-03-13') },
    ]);
    // Retention cases registered on 10 March at the DEA's jobcentre: 5 resolved by the employer adviser, 1 still open with the DEA.
    const deaJobcentre = (await directory.findById(staff.dea))!.jobcentreId!;
    await insertRows(ds, 'RetentionCase', Array.from({ length: 6 }, (_, i) => ({ id: randomUUID(), number: 900 + i, employerAdviserId: staff.coach, jobcentreId: deaJobcentre, personName: 'Fixture Person', employer: 'Fixture Ltd', need: 'Fixture', assessment: i < 5 ? 'straightforward' : 'possibly_complex', status: i < 5 ? 'closed' : 'in_progress', route: i < 5 ? 'employer_adviser' : 'dea_support_intervention', outcome: i < 5 ? 'retained_with_adjustments' : null, closedAt: i < 5 ? at('2026-03-11') : null, createdAt: at('2026-03-10'), version: 1 })));
    for (const who of [PEOPLE.coach, PEOPLE.dea, PEOPLE.wctl, MANAGER, PERFORMANCE]) await exchange(bot, who, 'help');
    bot.connector.clear();
  });
  afterAll(async () => bot.close());

  it('"report last week": the activity manager gets a card with the chart (by a signed link, the card being too full to hold it), the same figures as text, and a CSV link', async () => {
    const card = firstCard(await exchange(bot, MANAGER, 'report last week'));
    const text = cardText(card);
    expect(text).toContain('Specialist Advice report: weekly');
    expect(text).toContain('Week of 9 March 2026 · Surrey and Sussex');
    expect(text).toContain('In this period: 13 conversations asked for, 12 held.');
    const body = JSON.stringify(card);
    // With every table behind "Show all figures", this card is over the size that may carry the image itself.
    expect(body).not.toContain('data:image/png');
    const image = (card.body as { type: string; url?: string }[]).find((b) => b.type === 'Image')?.url;
    expect(image?.startsWith(`${bot.url}/reports/file?t=`)).toBe(true);
    const chart = await fetch(image!);
    expect(chart.status).toBe(200);
    expect(chart.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await chart.arrayBuffer());
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThan(400); // width
    // The chart's figures as text too: trial week 1 (none) and week 2 (12).
    expect(card.body).toEqual(expect.arrayContaining([{ type: 'FactSet', facts: [{ title: 'Week 1', value: '0' }, { title: 'Week 2', value: '12' }] }]));
    expect(Buffer.byteLength(body)).toBeLessThan(40 * 1024);

    const csvUrl = (card.actions as { type: string; url: string }[]).find((a) => a.type === 'Action.OpenUrl')!.url;
    expect(csvUrl.startsWith(`${bot.url}/reports/file?t=`)).toBe(true);
    const csv = await fetch(csvUrl);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="specialist-advice-weekly-2026-03-09.csv"');
    const bytes = Buffer.from(await csv.arrayBuffer());
    // UTF-8 with a byte order mark, so that Excel reads it as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const content = bytes.toString('utf8');
    expect(content).toContain('Surrey and Sussex,Helen Okoro,0,12,,,,,,,,,1 of 2,Not yet known');
    expect(content).toContain('Face to face,12,fewer than 5,fewer than 5');

    // Altered, or out of date: refused.
    const [base, token] = csvUrl.split('?t=');
    const altered = `${token!.slice(0, -2)}${token!.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await fetch(`${base}?t=${altered}`)).status).toBe(403);
    expect((await fetch(`${base}?t=`)).status).toBe(403);
    clock.at = at('2026-03-17', '08:00');
    expect((await fetch(csvUrl)).status).toBe(403);
    clock.at = at('2026-03-16', '08:00');
  });

  it('"report this week" and "this month" on Monday 16 March (trial week 3 just begun): the trend is of weeks 1 and 2, the week running shown as so far, in the card and the CSV', async () => {
    const csvOf = async (card: Record<string, unknown>) => (await fetch((card.actions as { type: string; url: string }[]).find((a) => a.type === 'Action.OpenUrl')!.url)).text();
    const trend = 'Total conversations a week are upward from week 1 (slope +12.0 a week over 2 weeks). Week 3 is not over yet (0 held so far): it is not in the trend, nor a week missed.';
    const week = firstCard(await exchange(bot, MANAGER, 'report this week'));
    const weekText = cardText(week);
    expect(weekText).toContain('Week of 16 March 2026 · Surrey and Sussex');
    // Not "flat over 3 weeks" from a week 3 of none held yet.
    expect(weekText).toContain(trend);
    expect(week.body).toEqual(expect.arrayContaining([{ type: 'FactSet', facts: [{ title: 'Week 1', value: '0' }, { title: 'Week 2', value: '12' }, { title: 'Week 3 (so far)', value: '0' }] }]));
    expect(weekText).toContain('**Surrey and Sussex**: HCP: Helen Okoro · Week 1: 0 · Week 2: 12 · Week 3: 0 (so far) · Weeks with 10 or more: 1 of 2 · At least 8 weeks: Not yet known');
    const weekCsv = await csvOf(week);
    expect(weekCsv).toContain('\r\nWeek 3 (so far),0\r\n');
    expect(weekCsv).toContain('Surrey and Sussex,Helen Okoro,0,12,0 (so far),,,,,,,,1 of 2,Not yet known');

    // March starts the day before the trial: its chart is of the month's whole weeks, those to come left out.
    const month = firstCard(await exchange(bot, MANAGER, 'report this month'));
    const monthText = cardText(month);
    expect(monthText).toContain(trend);
    expect(monthText).toContain('March 2026 is not over: the chart shows its 3 whole weeks so far, 16 to 22 March counted so far; the weeks not started yet are not charted; held in the part-weeks at its ends, not charted: 1 March (1 day): 0.');
    expect(month.body).toEqual(expect.arrayContaining([{ type: 'FactSet', facts: [{ title: '2 March', value: '0' }, { title: '9 March', value: '12' }, { title: '16 March (so far)', value: '0' }] }]));
    const monthCsv = await csvOf(month);
    expect(monthCsv).toContain('\r\n16 March (so far),0\r\n');
    expect(monthCsv).toContain('Surrey and Sussex,Helen Okoro,0,12,0 (so far),,,,,,,,1 of 2,Not yet known');
    expect(monthCsv).toContain('\r\n16 to 22 March (so far),0\r\n23 to 29 March (not started yet),\r\n');
  });

  it('the performance manager sees every district; a DEA their cohort; a work coach none; a wrong period is explained', async () => {
    expect(cardText(firstCard(await exchange(bot, PERFORMANCE, 'report 2026-03-09')))).toContain('Week of 9 March 2026 · All districts');
    const dea = cardText(firstCard(await exchange(bot, PEOPLE.dea, 'report last week')));
    expect(dea).toContain('DEA support report: weekly');
    expect(dea).toContain('7 requests made in this period.');
    expect(dea).toContain('6 of 6 requests due in this period were answered by the required date.');
    expect(dea).toContain('Retention cases by route');
    expect(dea).toContain('Employer adviser alone**: Open: fewer than 5 · Kept job: 5 · Managed transfer: fewer than 5');
    const deaCard = firstCard(await exchange(bot, PEOPLE.dea, 'report last week'));
    const deaCsv = await fetch((deaCard.actions as { type: string; url: string }[]).find((a) => a.type === 'Action.OpenUrl')!.url);
    expect(deaCsv.status).toBe(200);
    const deaContent = await deaCsv.text();
    expect(deaContent).toContain('Retention cases by route\r\nRoute,Open,Kept job,Managed transfer,Did not keep job,Other\r\n');
    expect(deaContent).toContain('\r\nEmployer adviser alone,fewer than 5,5,fewer than 5,fewer than 5,fewer than 5\r\n');
    expect(visibleText(await exchange(bot, PEOPLE.coach, 'report last week'))).toContain('Reports are for HCP Activity Managers and performance managers');
    expect(visibleText(await exchange(bot, MANAGER, 'report sometime'))).toContain('"sometime" is not a period I know');
    const monthly = cardText(firstCard(await exchange(bot, PEOPLE.wctl, 'report 2026-03')));
    expect(monthly).toContain('DEA support report: monthly');
    expect(monthly).toContain('March 2026 · The cohort of');
  });

  it('a CSV link stops working when its person may no longer see the figures', async () => {
    const card = firstCard(await exchange(bot, MANAGER, 'report last week'));
    const csvUrl = (card.actions as { type: string; url: string }[]).find((a) => a.type === 'Action.OpenUrl')!.url;
    const ds = bot.app.dataSource;
    const manager = (await new SqlStaffDirectory(ds).findByAadObjectId(MANAGER))!;
    await ds.createQueryBuilder().delete().from('StaffRole').where('staffId = :id', { id: manager.id }).execute();
    // Roles change through the directory's seed, which clears the people cached for turns; here by hand.
    directoryChanged();
    try {
      expect((await fetch(csvUrl)).status).toBe(403);
    } finally {
      await ds.getRepository('StaffRole').insert({ staffId: manager.id, role: 'hcp_activity_manager' });
      directoryChanged();
    }
  });

  it('scheduled on Monday morning, once however many times the job runs', async () => {
    bot.connector.clear();
    await bot.app.jobs.sendScheduledReports!();
    await bot.app.jobs.sendScheduledReports!();
    await bot.app.notifier.idle();
    const to = (aad: string) => bot.connector.sentTo(chat(aad)).map((a) => visibleText([a]));
    expect(to(MANAGER).filter((t) => t.includes('Specialist Advice report: weekly'))).toHaveLength(1);
    expect(to(PERFORMANCE).filter((t) => t.includes('Specialist Advice report: weekly'))).toHaveLength(1);
    expect(to(PEOPLE.dea).filter((t) => t.includes('DEA support report: weekly'))).toHaveLength(1);
    expect(to(PEOPLE.wctl).filter((t) => t.includes('DEA support report: weekly'))).toHaveLength(1);
    // HCPs and team leaders in the trial are asked for their periodic feedback.
    expect(to(PEOPLE.wctl).filter((t) => t.includes('Specialist Advice feedback: Week of 9 March 2026'))).toHaveLength(1);
    expect(to(PEOPLE.coach)).toEqual([]);
  });

  it('the DEA is reminded 2 working days before a required date; once missed, their team leader is told', async () => {
    bot.connector.clear();
    await bot.app.jobs.requiredResponseDates!();
    await bot.app.notifier.idle();
    expect(bot.connector.sentTo(chat(PEOPLE.dea)).map((a) => visibleText([a])).join('\n')).toContain('answer needed by 18 March 2026');
    expect(bot.connector.sentTo(chat(PEOPLE.wctl))).toEqual([]);
    clock.at = at('2026-03-19', '09:00');
    try {
      await bot.app.jobs.requiredResponseDates!();
      await bot.app.jobs.requiredResponseDates!();
      await bot.app.notifier.idle();
      const told = bot.connector.sentTo(chat(PEOPLE.wctl)).map((a) => visibleText([a]));
      expect(told).toHaveLength(1);
      expect(told[0]).toContain('required response date missed');
      expect(told[0]).toContain('needed an answer by 18 March 2026');
      expect(bot.connector.sentTo(chat(PEOPLE.dea))).toHaveLength(1);
    } finally {
      clock.at = at('2026-03-16', '08:00');
    }
  });

  it('feedback after a conversation: only its coach answers, every question on its scale, once', async () => {
    const answers = { coach_confidence: '4', coach_understanding: '5', coach_tailor: '3', claimant_confidence: '1', claimant_benefit: '1', claimant_steps: '0' };
    const refused = await invokeAs(bot, PEOPLE.hcp, 'reports.feedback', { subjectId: heldId, kind: 'after_conversation', ...answers });
    expect(cardText(refused.card)).toContain('Only the work coach of a held conversation gives feedback on it.');
    const missing = await invokeAs(bot, PEOPLE.coach, 'reports.feedback', { subjectId: heldId, kind: 'after_conversation', ...answers, coach_tailor: '' });
    expect(cardText(missing.card)).toContain('Answer every question, then send again.');
    expect(cardText(missing.card)).toContain('Choose a number from 1 to 5.');
    const saved = await invokeAs(bot, PEOPLE.coach, 'reports.feedback', { subjectId: heldId, kind: 'after_conversation', ...answers });
    expect(cardText(saved.card)).toContain('thank you, your answers are recorded');
    await invokeAs(bot, PEOPLE.coach, 'reports.feedback', { subjectId: heldId, kind: 'after_conversation', ...answers, coach_confidence: '1' });
    const rows = await bot.app.dataSource.getRepository<ReportFeedbackRow>('ReportFeedback').find({ where: { subjectId: heldId } });
    expect(rows.map((r) => [r.question, r.score]).sort()).toEqual([['claimant_benefit', 1], ['claimant_confidence', 1], ['claimant_steps', 0], ['coach_confidence', 4], ['coach_tailor', 3], ['coach_understanding', 5]]);
    expect(new Set(rows.map((r) => r.district))).toEqual(new Set(['Surrey and Sussex']));
    expect(rows.every((r) => r.id !== randomUUID())).toBe(true);
  });

  it('periodic feedback is kept under its week\'s own key, whichever day of the week the card named (the reports find it by that key)', async () => {
    const saved = await invokeAs(bot, PEOPLE.wctl, 'reports.feedback', { subjectId: 'w2026-03-11', kind: 'periodic', staff_confidence: '4', jobcentre_offer: '5' });
    expect(cardText(saved.card)).toContain('thank you, your answers are recorded');
    const rows = await bot.app.dataSource.getRepository<ReportFeedbackRow>('ReportFeedback').find({ where: { kind: 'periodic' } });
    expect(rows.map((r) => [r.subjectId, r.question, r.score]).sort()).toEqual([['w2026-03-09', 'jobcentre_offer', 5], ['w2026-03-09', 'staff_confidence', 4]]);
  });

  it('periodic feedback is asked week by week in the trial, and for a month only once it runs past the trial', async () => {
    const askedOn = async (date: string) => {
      clock.at = at(date, '08:00');
      bot.connector.clear();
      await bot.app.jobs.sendScheduledReports!();
      await bot.app.notifier.idle();
      return bot.connector.sentTo(chat(PEOPLE.wctl)).map((a) => visibleText([a])).filter((t) => t.includes('Specialist Advice feedback'));
    };
    try {
      // The trial runs from 2 March to 10 May 2026: April was asked about week by week, not again as a month.
      expect(await askedOn('2026-05-01')).toEqual([]);
      // May runs past the trial: asked once, as a month.
      const june = await askedOn('2026-06-01');
      expect(june).toHaveLength(1);
      expect(june[0]).toMatch(/Specialist Advice feedback: May 2026/);
    } finally {
      clock.at = at('2026-03-16', '08:00');
    }
  });
});
