import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Outbox } from '../../data/stores/outbox';
import { SqlFollowUpActionStore } from '../../data/stores/follow-up-actions';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { cardText, exchange, firstCard, invokeAs, PEOPLE, startTestBot, visibleText, type TestBot } from '../support/test-bot';
import { CARD_SIZE_LIMIT_BYTES, DATA_EXPORT_ID } from '../../cards/card-check';
import { TRIAGE_LIMITS } from '../../domain/requests/triage-service';

const LEAD = '00000000-0000-4000-8000-000000000401';
const J = 'new-request';
const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
const SURNAME = 'Fenwick-Oyelaran';
const HEALTH = 'Crohn disease flares make mornings hard';

/** A coach asks their DEA for support through the real conversation; the DEA's card is posted. */
async function coachAsks(bot: TestBot): Promise<void> {
  await exchange(bot, PEOPLE.coach, 'new request');
  await exchange(bot, PEOPLE.coach, { journey: J, step: 'type', action: 'choose', choice: 'claimant_support' });
  await exchange(bot, PEOPLE.coach, { journey: J, step: 'form', action: 'submit', surname: SURNAME, nino: 'ab 12 34 56 c', benefits: 'UC', challenges: HEALTH, whyNeeded: 'Advice on adjustments.', requiredBy: inTwoWeeks });
  await exchange(bot, PEOPLE.coach, { journey: J, step: 'confirm', action: 'confirm' });
  await bot.connector.waitFor((calls) => calls.some((c) => c.method === 'POST' && c.conversationId === `a:personal-${PEOPLE.dea}`));
}

describe('data protection: subject access, erasure and who looked', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
    for (const who of [PEOPLE.coach, PEOPLE.dea, PEOPLE.wctl, LEAD]) await exchange(bot, who, 'help');
    await coachAsks(bot);
  });
  afterEach(() => bot.close());

  it('shows the data protection lead their typed commands on the help card, and no one else', async () => {
    const lead = visibleText(await exchange(bot, LEAD, 'help'));
    expect(lead).toContain('subject access');
    expect(lead).toContain('erase claimant');
    expect(visibleText(await exchange(bot, PEOPLE.coach, 'help'))).not.toContain('erase claimant');
  });

  it('answers a subject access request with everything held, as a card with the same as JSON, and records it with its due dates', async () => {
    const form = firstCard(await exchange(bot, LEAD, 'subject access'));
    expect(cardText(form)).toContain('National Insurance number');
    // A NINO that is not one comes back with the form, as typed.
    const refused = await exchange(bot, LEAD, { verb: 'privacy.access', nino: 'AB12' });
    expect(visibleText(refused)).toContain('2 letters, 6 numbers');
    expect(visibleText(await exchange(bot, LEAD, { verb: 'privacy.access' }))).toContain('or, for someone who claims no benefit, their name and employer');
    expect(visibleText(await exchange(bot, LEAD, { verb: 'privacy.access', personName: 'Sam' }))).toContain('Enter their employer, as the employer adviser recorded it.');

    const replies = await exchange(bot, LEAD, { verb: 'privacy.access', nino: 'AB 12 34 56 C' });
    const card = cardText(firstCard(replies));
    expect(card).toContain(SURNAME);
    expect(card).toContain(HEALTH);
    expect(card).toContain('DEA-000001');
    // The same as data, behind a button on the card.
    const showCard = (firstCard(replies).actions as { type: string; card: { body: { text: string }[] } }[]).find((a) => a.type === 'Action.ShowCard')!;
    const json = JSON.parse(showCard.card.body[0]!.text) as { cases: string[]; due: string; hcpDue: string; tables: Record<string, unknown[]> };
    expect(json.cases).toEqual(['DEA-000001']);
    expect(JSON.stringify(json.tables['Support requests'])).toContain(HEALTH);
    expect(JSON.stringify(json.tables['Claimant details'])).toContain(SURNAME);
    expect(card).toContain(`Check it and send it on by ${json.due}`);
    // How the search was made, and what it cannot find.
    expect(card).toContain('How we searched');
    expect(card).toContain('By National Insurance number');
    expect(card).toContain('Not found by this search: anything about them typed into another person\'s case');

    const [record] = await bot.app.dataSource.query('SELECT kind, cases, dueAt, hcpDueAt, requestedById FROM privacy_record');
    expect(record).toMatchObject({ kind: 'subject_access', cases: 'DEA-000001' });
    expect(record.dueAt).toBeTruthy();
    expect(record.hcpDueAt).toBeTruthy();
    // The export is itself a showing of the case.
    expect(await bot.app.dataSource.query("SELECT shown, relationship FROM access_log WHERE shown = 'export'")).toEqual([{ shown: 'export', relationship: 'data protection lead' }]);
  });

  it('finds and erases the retention case of someone who claims no benefit by the name and employer recorded', async () => {
    const EA = '00000000-0000-4000-8000-000000000008';
    const NEED = 'Cannot stand for long since a Pelworthy knee injury';
    await exchange(bot, EA, 'help');
    await invokeAs(bot, EA, 'retention.register', { personName: 'Sam', employer: 'Crawley Logistics Ltd', need: NEED, claimant: 'no', assessment: 'straightforward' });
    expect(Number((await bot.app.dataSource.query('SELECT COUNT(*) AS n FROM retention_case WHERE nino IS NULL'))[0].n)).toBe(1);

    const card = cardText(firstCard(await exchange(bot, LEAD, { verb: 'privacy.access', personName: ' sam ', employer: 'crawley logistics ltd' })));
    expect(card).toContain('RET-000001');
    expect(card).toContain(NEED);
    expect(card).not.toContain(SURNAME);
    expect(card).toContain('By name and employer: retention cases of people who claim no benefit');

    await exchange(bot, LEAD, { verb: 'privacy.erase', personName: 'Sam', employer: 'Crawley Logistics Ltd', confirm: 'yes' });
    const [row] = await bot.app.dataSource.query('SELECT personName, need FROM retention_case WHERE nino IS NULL');
    expect(row.need).not.toContain('Pelworthy');
    expect(row.personName).toBe('Removed');
    // The claimant with a NINO is left alone.
    expect(cardText(firstCard(await exchange(bot, LEAD, { verb: 'privacy.access', nino: 'AB123456C' })))).toContain(SURNAME);
  });

  it('refuses subject access and erasure to anyone but the data protection lead, showing nothing', async () => {
    const text = visibleText(await exchange(bot, PEOPLE.dea, { verb: 'privacy.access', nino: 'AB123456C' }));
    expect(text).toContain('Only a data protection lead');
    expect(text).not.toContain(SURNAME);
    expect(visibleText(await exchange(bot, PEOPLE.dea, { verb: 'privacy.erase', nino: 'AB123456C', confirm: 'yes' }))).toContain('Only a data protection lead');
  });

  it('erases the claimant everywhere once confirmed, records it, and updates the posted card to a redacted one', async () => {
    const unconfirmed = await exchange(bot, LEAD, { verb: 'privacy.erase', nino: 'AB123456C', confirm: 'no' });
    expect(visibleText(unconfirmed)).toContain('Confirm the erasure has been agreed');
    expect(Number((await bot.app.dataSource.query('SELECT COUNT(*) AS n FROM privacy_record'))[0].n)).toBe(0);

    const before = Number((await bot.app.dataSource.query('SELECT COUNT(*) AS n FROM support_request'))[0].n);
    bot.connector.clear();
    const done = visibleText(await exchange(bot, LEAD, { verb: 'privacy.erase', nino: 'AB123456C', confirm: 'yes' }));
    expect(done).toContain('removed from DEA-000001');

    // The DEA's posted card is updated in place, without the claimant's details.
    await bot.connector.waitFor((calls) => calls.some((c) => c.method === 'PUT' && c.conversationId === `a:personal-${PEOPLE.dea}`));
    const update = visibleText([bot.connector.calls.find((c) => c.method === 'PUT')!.activity]);
    expect(update).toContain('DEA-000001');
    expect(update).not.toContain(SURNAME);
    expect(update).not.toContain(HEALTH);
    expect(update).not.toContain('AB 12 34 56 C');

    const [record] = await bot.app.dataSource.query("SELECT kind, cases, counts FROM privacy_record WHERE kind = 'erasure'");
    expect(record).toMatchObject({ kind: 'erasure', cases: 'DEA-000001' });
    expect(JSON.parse(record.counts)).toMatchObject({ Claimant: 1, SupportRequest: 1 });
    expect(Number((await bot.app.dataSource.query('SELECT COUNT(*) AS n FROM support_request'))[0].n)).toBe(before);

    const file = join(bot.dataDir, 'dea-bot.sqlite');
    const bytes = [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
    for (const secret of [SURNAME, HEALTH, 'AB123456C']) expect({ secret, found: bytes.includes(secret) }).toEqual({ secret, found: false });
  });

  it('updates a posted card of an action the claimant\'s outcome started to a redacted one on erasure', async () => {
    const DONE = 'Arranged a Quibbleton work trial';
    const [request] = await bot.app.dataSource.query('SELECT id, number, requesterId, deaId FROM support_request');
    const coach = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.coach))!;
    const { action } = await new SqlFollowUpActionStore(bot.app.dataSource).create({ requestId: request.id, requestReference: 'DEA-000001', kind: 'employer_adviser', jobcentreId: coach.jobcentreId, requesterId: request.requesterId, deaId: request.deaId, assigneeId: null, status: 'unassigned', createdById: request.deaId, createdAt: new Date(), dueBy: new Date(Date.now() + 7 * 86_400_000), assignedAt: null });
    await bot.app.dataSource.query("UPDATE follow_up_action SET status = 'done', doneNote = ?, doneAt = ? WHERE id = ?", [DONE, new Date().toISOString(), action.id]);
    // The coach is sent the action's card, which is kept as a live copy.
    await bot.app.notifier.deliver(await new Outbox(bot.app.dataSource).enqueue(PEOPLE.coach, 'follow_up_action_card', action.id, new Date()));
    const posted = bot.connector.sentTo(`a:personal-${PEOPLE.coach}`).find((a) => visibleText([a]).includes(DONE));
    expect(posted).toBeDefined();
    bot.connector.clear();

    await exchange(bot, LEAD, { verb: 'privacy.erase', nino: 'AB123456C', confirm: 'yes' });
    await bot.connector.waitFor((calls) => calls.some((c) => c.method === 'PUT' && c.path.endsWith(`/activities/${encodeURIComponent(posted!.id!)}`)));
    const update = visibleText(bot.connector.calls.filter((c) => c.method === 'PUT' && c.path.endsWith(`/activities/${encodeURIComponent(posted!.id!)}`)).map((c) => c.activity));
    expect(update).toContain('DEA-000001');
    expect(update).not.toContain(DONE);
  });

  it('tells anyone else who types a privacy command whom to ask, without showing a form to type a NINO into', async () => {
    for (const [command, said] of [
      ['erase claimant', 'pass the request to your data protection lead'],
      ['subject access', 'pass the request to your data protection lead'],
      ['who looked', 'Only a data protection lead or a DEA\'s team leader'],
    ] as const) {
      const replies = await exchange(bot, PEOPLE.coach, command);
      expect(visibleText(replies)).toContain(said);
      expect(replies.flatMap((r) => r.attachments ?? [])).toEqual([]);
    }
    // Their own forms still open for those who may use them.
    expect(firstCard(await exchange(bot, LEAD, 'erase claimant'))).toBeDefined();
    expect(visibleText(await exchange(bot, PEOPLE.wctl, 'who looked'))).toContain('Enter the claimant\'s National Insurance number');
  });

  it('shows the data protection lead and the DEA\'s team leader who looked at the claimant\'s cases', async () => {
    await exchange(bot, LEAD, { verb: 'privacy.access', nino: 'AB123456C' });
    const lead = visibleText(await exchange(bot, LEAD, { verb: 'privacy.seen', nino: 'AB123456C' }));
    expect(lead).toContain('Priya Raman (data protection lead) saw DEA-000001 on a subject access export');
    const leader = visibleText(await exchange(bot, PEOPLE.wctl, { verb: 'privacy.seen', nino: 'AB123456C' }));
    expect(leader).toContain('DEA-000001');
    expect(visibleText(await exchange(bot, PEOPLE.coach, { verb: 'privacy.seen', nino: 'AB123456C' }))).toContain('Only a data protection lead or');
  });

  it('records every showing of the case (posted card, a click, a list) before the turn answers, for who looked', async () => {
    const [request] = await bot.app.dataSource.query('SELECT id, version FROM support_request');
    const logged = async () => Number((await bot.app.dataSource.query('SELECT COUNT(*) AS n FROM access_log'))[0].n);
    const before = await logged();
    // Each turn's showings are in SQL by the time its answer has come back: no job has run.
    await invokeAs(bot, PEOPLE.wctl, 'request.refresh', { requestId: request.id, version: request.version });
    expect(await logged()).toBe(before + 1);
    await exchange(bot, PEOPLE.dea, 'queue');
    expect(await logged()).toBe(before + 2);
    await exchange(bot, PEOPLE.coach, 'my requests');
    expect(await logged()).toBe(before + 3);
    const rows = await bot.app.dataSource.query('SELECT relationship, shown FROM access_log ORDER BY at');
    expect(rows).toEqual(expect.arrayContaining([
      { relationship: 'adviser', shown: 'card' },
      { relationship: 'team leader', shown: 'card' },
      { relationship: 'adviser', shown: 'list' },
      { relationship: 'requester', shown: 'list' },
    ]));
    const seen = visibleText(await exchange(bot, LEAD, { verb: 'privacy.seen', nino: 'AB123456C' }));
    expect(seen).toContain('Tom Baker (team leader) saw DEA-000001 on a card');
    expect(seen).toContain('Dana Morgan (adviser) saw DEA-000001 on a list');
  });

  it('exports and erases the supplier requests and HCP weekly notes that name the claimant\'s case, and leaves those naming another', async () => {
    const MANAGER = '00000000-0000-4000-8000-000000000005';
    const DETAILS = `HCP material for Mr ${SURNAME}, stroke`;
    const ANSWER = 'Left-side weakness, aphasia: notes sent';
    const NOTE = 'DEA-000001: talked through Mr Fenwick\'s Crohn flares with the DEA';
    await exchange(bot, MANAGER, 'help');
    expect(cardText((await invokeAs(bot, MANAGER, 'hcp.supplierRaise', { kind: 'subject_access', details: DETAILS, caseReference: 'dea-000001' })).card)).toContain('Recorded as SUP-000001');
    await invokeAs(bot, MANAGER, 'hcp.supplierRaise', { kind: 'ad_hoc_information', details: 'Clinic dates for December', caseReference: 'DEA-000009' });
    const [raised] = await bot.app.dataSource.query("SELECT id, version FROM supplier_request WHERE caseReference = 'DEA-000001'");
    await invokeAs(bot, MANAGER, 'hcp.supplierAnswer', { requestId: raised.id, version: raised.version, answer: ANSWER });
    const hcp = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.hcp))!;
    const note = { hcpId: hcp.id, district: 'Surrey and Sussex', status: 'submitted', submittedAt: new Date(), changeReason: null, version: 1, createdAt: new Date(), updatedAt: new Date() };
    await bot.app.dataSource.getRepository('HcpWeeklyNote').insert({ ...note, id: 'note-1', weekStart: '2026-11-02', body: `Presentation at Crawley.\n${NOTE}` });
    await bot.app.dataSource.getRepository('HcpWeeklyNote').insert({ ...note, id: 'note-2', weekStart: '2026-11-09', body: 'DEA-000009: a returner, fit notes' });

    const replies = await exchange(bot, LEAD, { verb: 'privacy.access', nino: 'AB 12 34 56 C' });
    const card = cardText(firstCard(replies));
    for (const shown of ['Requests to the Health Care Professional supplier about these cases', DETAILS, ANSWER, 'HCP weekly notes naming these cases', NOTE]) expect(card).toContain(shown);
    expect(card).not.toContain('Clinic dates');
    expect(card).not.toContain('a returner');

    await exchange(bot, LEAD, { verb: 'privacy.erase', nino: 'AB123456C', confirm: 'yes' });
    expect(await bot.app.dataSource.query('SELECT caseReference, details, answer FROM supplier_request ORDER BY number')).toEqual([
      { caseReference: 'DEA-000001', details: 'Removed at the claimant\'s request', answer: 'Removed at the claimant\'s request' },
      { caseReference: 'DEA-000009', details: 'Clinic dates for December', answer: null },
    ]);
    expect(await bot.app.dataSource.query('SELECT id, body FROM hcp_weekly_note ORDER BY id')).toEqual([
      { id: 'note-1', body: 'Removed at the claimant\'s request' },
      { id: 'note-2', body: 'DEA-000009: a returner, fit notes' },
    ]);
    const [record] = await bot.app.dataSource.query("SELECT counts FROM privacy_record WHERE kind = 'erasure'");
    expect(JSON.parse(record.counts)).toMatchObject({ SupplierRequest: 1, HcpWeeklyNote: 1 });
  });

  it('exports the feedback recorded after the claimant\'s Specialist Advice conversation, their own view with the coach\'s, and keeps the scores on erasure', async () => {
    await invokeAs(bot, PEOPLE.coach, 'advice.request', {
      surname: SURNAME, nino: 'AB123456C', benefit: 'UC', healthCondition: 'yes', wcaStatus: 'had', wcaSummary: 'Limited capability for work',
      background: 'Has not worked for two years', conditions: HEALTH, adviceTypes: 'adjustments', channel: 'telephone', complex: 'false', when: 'booked', consent: 'true', gpConsent: 'yes',
    });
    const [conversation] = await bot.app.dataSource.query('SELECT id FROM advice_conversation');
    await bot.app.dataSource.query("UPDATE advice_conversation SET status = 'held'");
    const answers = { coach_confidence: '4', coach_understanding: '5', coach_tailor: '3', claimant_confidence: '1', claimant_benefit: '1', claimant_steps: '0' };
    expect(cardText((await invokeAs(bot, PEOPLE.coach, 'reports.feedback', { subjectId: conversation.id, kind: 'after_conversation', ...answers })).card)).toContain('your answers are recorded');

    const replies = await exchange(bot, LEAD, { verb: 'privacy.access', nino: 'AB123456C' });
    expect(cardText(firstCard(replies))).toContain('Feedback after the Specialist Advice conversations');
    const showCard = (firstCard(replies).actions as { type: string; card: { body: { text: string }[] } }[]).find((a) => a.type === 'Action.ShowCard')!;
    const json = JSON.parse(showCard.card.body[0]!.text) as { tables: Record<string, { question: string; score: number }[]> };
    const feedback = json.tables['Feedback after the Specialist Advice conversations']!;
    expect(feedback.map((r) => [r.question, r.score]).sort()).toEqual([['claimant_benefit', 1], ['claimant_confidence', 1], ['claimant_steps', 0], ['coach_confidence', 4], ['coach_tailor', 3], ['coach_understanding', 5]]);

    await exchange(bot, LEAD, { verb: 'privacy.erase', nino: 'AB123456C', confirm: 'yes' });
    expect(Number((await bot.app.dataSource.query('SELECT COUNT(*) AS n FROM report_feedback WHERE subjectId = ?', [conversation.id]))[0].n)).toBe(6);
    expect((await bot.app.dataSource.query('SELECT nino FROM advice_conversation'))[0].nino).toBe('REMOVED');
  });

  it('updates posted Specialist Advice cards to a redacted version when the claimant is erased', async () => {
    await exchange(bot, PEOPLE.hcp, 'help');
    const asked = await invokeAs(bot, PEOPLE.coach, 'advice.request', {
      surname: 'Zebedee', nino: 'CE654321D', benefit: 'UC', healthCondition: 'yes', wcaStatus: 'had', wcaSummary: 'Limited capability for work',
      background: 'Has not worked for two years', conditions: 'Chronic back pain and anxiety', adviceTypes: 'adjustments', channel: 'telephone',
      complex: 'false', when: 'booked', consent: 'true', gpConsent: 'yes',
    });
    expect(cardText(asked.card)).toContain('Sent as SA-000001');
    const [row] = await bot.app.dataSource.query('SELECT id, version FROM advice_conversation');
    const slot = JSON.stringify(asked.card).match(/"value":"(\d{4}-\d{2}-\d{2}T[^"]+Z)"/)![1];
    await invokeAs(bot, PEOPLE.coach, 'advice.book', { conversationId: row.id, version: row.version, slot });
    await bot.app.notifier.idle();
    await bot.connector.waitFor((calls) => calls.some((c) => c.method === 'POST' && c.conversationId === `a:personal-${PEOPLE.hcp}`));
    expect(visibleText(bot.connector.sentTo(`a:personal-${PEOPLE.hcp}`))).toContain('Chronic back pain');

    bot.connector.clear();
    expect(visibleText(await exchange(bot, LEAD, { verb: 'privacy.erase', nino: 'CE654321D', confirm: 'yes' }))).toContain('SA-000001');
    await bot.connector.waitFor((calls) => calls.some((c) => c.method === 'PUT' && c.conversationId === `a:personal-${PEOPLE.hcp}`));
    const update = visibleText(bot.connector.calls.filter((c) => c.method === 'PUT' && c.conversationId === `a:personal-${PEOPLE.hcp}`).map((c) => c.activity));
    expect(update).toContain('SA-000001');
    for (const secret of ['Zebedee', 'Chronic back pain', 'CE 65 43 21 D', 'Has not worked']) expect(update).not.toContain(secret);
  });

  it('answers a subject access request about a long history in messages each inside Teams’ limit, with every word held, to read and as data', async () => {
    // 60 messages of the longest information and summary a DEA may send, in text a card's JSON writes longer (quotes, line breaks).
    const [request] = await bot.app.dataSource.query('SELECT id, deaId FROM support_request');
    const longest = (what: string, i: number, length: number) => `${what} ${i}: "Use the \\hidden impairment\\ toolkit",\nthen `.concat('review adjustments with the claimant and their employer '.repeat(100)).slice(0, length);
    const messages = Array.from({ length: 60 }, (_, i) => ({ body: longest('Information', i, TRIAGE_LIMITS.information), summary: longest('Summary', i, TRIAGE_LIMITS.summary) }));
    await bot.app.dataSource.getRepository('RequestMessage').insert(
      messages.map((m, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, requestId: request.id, at: new Date(Date.now() + i * 1000), authorId: request.deaId, kind: 'information', body: m.body, summary: m.summary, expectedReturn: null })),
    );

    const replies = await exchange(bot, LEAD, { verb: 'privacy.access', nino: 'AB 12 34 56 C' });
    const cards = replies.flatMap((r) => r.attachments ?? []).map((a) => a.content as Record<string, unknown>);
    expect(cards.length).toBeGreaterThan(1);
    for (const card of cards) expect(JSON.stringify(card).length * 2).toBeLessThanOrEqual(CARD_SIZE_LIMIT_BYTES);
    expect(bot.cardProblems).toEqual([]);
    expect(cardText(cards[0]!)).toContain(`This is too long for one message, so it comes in ${cards.length} parts`);
    expect(cardText(cards[0]!)).toContain('Check it and send it on by');

    // Every word held, to read: nothing cut short, nothing left for a later export.
    const text = visibleText(replies);
    for (const m of messages) {
      expect(text).toContain(m.body);
      expect(text).toContain(m.summary);
    }
    for (const shown of [SURNAME, HEALTH]) expect(text).toContain(shown);
    expect(text).not.toContain('Ask the team that runs this service');

    // And as data: the parts put together in order are the whole of it.
    const dataParts = cards.flatMap((card) => (card.actions as { card?: { body: { id?: string; text: string }[] } }[] | undefined) ?? []).flatMap((a) => a.card?.body.filter((b) => b.id === DATA_EXPORT_ID) ?? []).map((b) => b.text);
    expect(dataParts.length).toBeGreaterThan(1);
    const data = JSON.parse(dataParts.join('')) as { cases: string[]; tables: Record<string, { body?: string; summary?: string; surname?: string }[]> };
    expect(data.cases).toEqual(['DEA-000001']);
    expect(data.tables['Messages about the requests']!.map((m) => [m.body, m.summary])).toEqual(expect.arrayContaining(messages.map((m) => [m.body, m.summary])));
    expect(data.tables['Claimant details']![0]!.surname).toBe(SURNAME);
  });
});
