import { randomUUID } from 'node:crypto';
import { ERASED_TEXT } from '../../bot/privacy/privacy-actions';
import { EXPIRED_TEXT } from '../../bot/privacy/retention';
import { REMOVED, REMOVED_TEXTS } from '../../data/privacy/claimant-data';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { exchange, invokeAs, PEOPLE, startTestBot, visibleText, type TestBot } from '../support/test-bot';

const DAY = 86_400_000;
const J = 'new-request';
const SURNAME = 'Abernethy-Kowalczyk';
const HEALTH = 'Long covid breathlessness on stairs';

describe('retention: a daily job removes what is past its period and redacts cards of ended cases', () => {
  let bot: TestBot;
  let now: Date;
  beforeEach(async () => {
    now = new Date();
    bot = await startTestBot({ env: { RETENTION_REQUEST_DAYS: '30', REDACT_CLOSED_CARDS_DAYS: '7' }, clock: { now: () => now } });
    for (const who of [PEOPLE.coach, PEOPLE.dea]) await exchange(bot, who, 'help');
    const inTwoWeeks = new Date(now.getTime() + 14 * DAY).toISOString().slice(0, 10);
    await exchange(bot, PEOPLE.coach, 'new request');
    await exchange(bot, PEOPLE.coach, { journey: J, step: 'type', action: 'choose', choice: 'claimant_support' });
    await exchange(bot, PEOPLE.coach, { journey: J, step: 'form', action: 'submit', surname: SURNAME, nino: 'CE 65 43 21 D', benefits: 'UC', challenges: HEALTH, whyNeeded: 'Advice.', requiredBy: inTwoWeeks });
    await exchange(bot, PEOPLE.coach, { journey: J, step: 'confirm', action: 'confirm' });
    await bot.connector.waitFor((calls) => calls.some((c) => c.method === 'POST' && c.conversationId === `a:personal-${PEOPLE.dea}`));
  });
  afterEach(() => bot.close());

  const query = (sql: string) => bot.app.dataSource.query(sql) as Promise<Record<string, unknown>[]>;

  it('keeps an open case whatever its age; redacts the posted cards of an ended one after the configured days, then its details after the retention period', async () => {
    const [request] = await query('SELECT id, version FROM support_request');
    now = new Date(now.getTime() + 60 * DAY);
    // Open cases are never expired.
    expect(await bot.app.jobs.applyRetention!()).toEqual({ cases: 0, rows: 0, cardsRedacted: 0, accessLogDeleted: 0 });
    // Once a day.
    expect(await bot.app.jobs.applyRetention!()).toBeNull();

    await invokeAs(bot, PEOPLE.coach, 'request.withdraw', { requestId: request!.id, version: request!.version });
    await bot.app.notifier.idle();
    now = new Date(now.getTime() + 8 * DAY);
    bot.connector.clear();
    const cards = await bot.app.jobs.applyRetention!();
    expect(cards).toMatchObject({ cases: 0, cardsRedacted: 1 });
    const put = bot.connector.calls.find((c) => c.method === 'PUT' && c.conversationId === `a:personal-${PEOPLE.dea}`)!;
    expect(visibleText([put.activity])).toContain('This case has ended');
    expect(visibleText([put.activity])).not.toContain(SURNAME);
    expect(await query('SELECT id FROM posted_card')).toEqual([]);

    const counts = await query('SELECT (SELECT COUNT(*) FROM support_request) AS requests, (SELECT COUNT(*) FROM claimant) AS claimants');
    now = new Date(now.getTime() + 30 * DAY);
    const expired = await bot.app.jobs.applyRetention!();
    expect(expired).toMatchObject({ cases: 1 });
    expect((expired as { rows: number }).rows).toBeGreaterThanOrEqual(2);
    const [claimant] = await query('SELECT surname, nino FROM claimant');
    expect(claimant).toEqual({ surname: 'Removed', nino: 'REMOVED' });
    const [stored] = await query('SELECT description, status FROM support_request');
    expect(stored).toEqual({ description: 'Removed at the end of its retention period', status: 'withdrawn' });
    expect(await query('SELECT (SELECT COUNT(*) FROM support_request) AS requests, (SELECT COUNT(*) FROM claimant) AS claimants')).toEqual(counts);
    const records = await query("SELECT cases, counts FROM privacy_record WHERE kind = 'retention' ORDER BY at");
    expect(records.map((r) => r.cases)).toEqual(['', '', 'DEA-000001']);
    expect(JSON.parse(records[2]!.counts as string)).toMatchObject({ Claimant: 1, SupportRequest: 1 });

    // Already anonymised: not taken again.
    now = new Date(now.getTime() + DAY);
    expect(await bot.app.jobs.applyRetention!()).toMatchObject({ cases: 0 });
  });

  it('expires an ended request whose own description starts with "Removed": only the text the job writes marks it done', async () => {
    // The data layer knows a case is done by the texts the job and an erasure write.
    expect(REMOVED_TEXTS).toEqual([EXPIRED_TEXT, ERASED_TEXT]);
    expect([REMOVED.expired, REMOVED.erased]).toEqual([EXPIRED_TEXT, ERASED_TEXT]);
    const inTwoWeeks = new Date(now.getTime() + 14 * DAY).toISOString().slice(0, 10);
    await exchange(bot, PEOPLE.coach, 'new request');
    await exchange(bot, PEOPLE.coach, { journey: J, step: 'type', action: 'choose', choice: 'claimant_support' });
    await exchange(bot, PEOPLE.coach, { journey: J, step: 'form', action: 'submit', surname: 'Ashdown-Pemberly', nino: 'AB 12 34 56 C', benefits: 'UC', challenges: 'Removed from his warehouse job after a stroke', whyNeeded: 'Advice.', requiredBy: inTwoWeeks });
    await exchange(bot, PEOPLE.coach, { journey: J, step: 'confirm', action: 'confirm' });
    const [request] = await query('SELECT id, version FROM support_request WHERE number = 2');
    await invokeAs(bot, PEOPLE.coach, 'request.withdraw', { requestId: request!.id, version: request!.version });
    await bot.app.notifier.idle();

    now = new Date(now.getTime() + 31 * DAY);
    expect(await bot.app.jobs.applyRetention!()).toMatchObject({ cases: 1 });
    expect(await query('SELECT c.nino, c.surname, r.description FROM claimant c JOIN support_request r ON r.claimantId = c.id WHERE r.number = 2')).toEqual([
      { nino: 'REMOVED', surname: 'Removed', description: 'Removed at the end of its retention period' },
    ]);
    now = new Date(now.getTime() + DAY);
    expect(await bot.app.jobs.applyRetention!()).toMatchObject({ cases: 0 });
  });

  it('removes the note of a new case at a group conference once the conference was held longer ago than the request period', async () => {
    const NOTE = 'Mr Gribbleton, a new stroke, unsure about work';
    const dea = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.dea))!;
    const wctl = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.wctl))!;
    const planId = randomUUID();
    const conferenceId = randomUUID();
    const caseId = randomUUID();
    const insert = (entity: string, row: Record<string, unknown>) => bot.app.dataSource.getRepository(entity).insert(row);
    await insert('ConferencePlan', { id: planId, deaId: dea.id, wctlId: wctl.id, durationMinutes: 60, inviteWctl: false, workPsychologistId: null, status: 'confirmed', groups: '[]', warning: null, cardActivityId: null, cardReference: null, version: 1, createdAt: now, updatedAt: now });
    await insert('GroupConference', { id: conferenceId, planId, month: now.toISOString().slice(0, 7), groupIndex: 0, startsAt: now, endsAt: now, coachIds: '[]', clashes: '[]', status: 'held', eventId: null, joinUrl: null, lastError: null, casesSentAt: null, summary: 'Discussed one case.', actions: null, version: 2, createdAt: now, updatedAt: now });
    await insert('ConferenceCase', { id: caseId, conferenceId, nominatedById: wctl.id, requestId: null, reference: null, note: NOTE, nextSteps: 'no_further_support', followUps: null, outcomeAt: now, createdAt: now });
    const note = async () => (await query(`SELECT note FROM conference_case WHERE id = '${caseId}'`))[0]!.note;

    now = new Date(now.getTime() + 29 * DAY);
    expect(await bot.app.jobs.applyRetention!()).toMatchObject({ cases: 0 });
    expect(await note()).toBe(NOTE);
    now = new Date(now.getTime() + 2 * DAY);
    expect(await bot.app.jobs.applyRetention!()).toMatchObject({ cases: 1, rows: 1 });
    expect(await note()).toBe('Removed at the end of its retention period');
    const records = await query("SELECT cases, counts FROM privacy_record WHERE kind = 'retention' ORDER BY at");
    expect(records.map((r) => r.cases)).toEqual(['', `conference case ${caseId}`]);
    expect(JSON.parse(records[1]!.counts as string)).toMatchObject({ ConferenceCase: 1 });
    now = new Date(now.getTime() + DAY);
    expect(await bot.app.jobs.applyRetention!()).toMatchObject({ cases: 0 });
  });

  it('deletes access log entries past their period', async () => {
    await bot.app.jobs.writeAccessLog!();
    const logged = (await query('SELECT COUNT(*) AS n FROM access_log'))[0]!.n as number;
    expect(logged).toBeGreaterThan(0);
    now = new Date(now.getTime() + 731 * DAY);
    expect(await bot.app.jobs.applyRetention!()).toMatchObject({ accessLogDeleted: logged });
  });

  it('redacts the posted cards of a closed retention case, then removes its details after the request retention period', async () => {
    const EA = '00000000-0000-4000-8000-000000000008';
    await exchange(bot, EA, 'help');
    const registered = await invokeAs(bot, EA, 'retention.register', { personName: 'Sam', employer: 'Crawley Logistics Ltd', need: HEALTH, claimant: 'yes', surname: SURNAME, nino: 'CE 65 43 21 D', assessment: 'possibly_complex' });
    const caseId = JSON.stringify(registered.card).match(/"caseId":"([0-9a-f-]{36})"/)![1]!;
    await invokeAs(bot, PEOPLE.dea, 'retention.agree', { caseId, version: 1, route: 'dea_supports_employer_adviser', agreedNote: 'I will support the employer adviser.' });
    await invokeAs(bot, EA, 'retention.outcome', { caseId, version: 2, outcome: 'retained_with_adjustments', outcomeNote: 'A later start agreed.' });
    await bot.app.background.idle();
    await bot.app.notifier.idle();
    const posted = await query(`SELECT recipientAad FROM posted_card WHERE requestId = '${caseId}'`);
    expect(posted.length).toBeGreaterThan(0);

    now = new Date(now.getTime() + 8 * DAY);
    bot.connector.clear();
    // The open request of this test is not touched; the closed retention case's cards are redacted.
    expect(await bot.app.jobs.applyRetention!()).toMatchObject({ cases: 0, cardsRedacted: posted.length });
    const puts = bot.connector.calls.filter((c) => c.method === 'PUT');
    expect(visibleText(puts.map((c) => c.activity))).toContain('RET-000001');
    expect(visibleText(puts.map((c) => c.activity))).not.toContain(SURNAME);
    expect(await query(`SELECT id FROM posted_card WHERE requestId = '${caseId}'`)).toEqual([]);

    now = new Date(now.getTime() + 30 * DAY);
    expect(await bot.app.jobs.applyRetention!()).toMatchObject({ cases: 1 });
    const [row] = await query('SELECT nino, surname, personName, employer, need, outcome FROM retention_case');
    expect(row).toEqual({ nino: 'REMOVED', surname: 'Removed', personName: 'Removed', employer: 'Removed at the end of its retention period', need: 'Removed at the end of its retention period', outcome: 'retained_with_adjustments' });
    const records = await query("SELECT cases FROM privacy_record WHERE kind = 'retention' ORDER BY at");
    expect(records.map((r) => r.cases)).toEqual(['', 'RET-000001']);
  });
});
