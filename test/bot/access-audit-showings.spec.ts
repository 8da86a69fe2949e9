import { Outbox } from '../../data/stores/outbox';
import { SqlFollowUpActionStore } from '../../data/stores/follow-up-actions';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { TestClock } from '../support/conference-fixture';
import { cardText, exchange, firstCard, invokeAs, PEOPLE, startTestBot, visibleText, type TestBot } from '../support/test-bot';

/** Each path's own showing is written, however soon after the same one. */
const EVERY_SHOWING = { ACCESS_LOG_REPEAT_MINUTES: '0' };

const LEAD = '00000000-0000-4000-8000-000000000401';
const EA = '00000000-0000-4000-8000-000000000008';
const J = 'new-request';
const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
const SURNAME = 'Ashdown-Pemberly';

/** A coach asks their DEA for support through the real conversation; the DEA's card is posted. */
async function coachAsks(bot: TestBot): Promise<{ id: string }> {
  await exchange(bot, PEOPLE.coach, 'new request');
  await exchange(bot, PEOPLE.coach, { journey: J, step: 'type', action: 'choose', choice: 'claimant_support' });
  await exchange(bot, PEOPLE.coach, { journey: J, step: 'form', action: 'submit', surname: SURNAME, nino: 'ab 12 34 56 c', benefits: 'UC', challenges: 'Anxiety in crowded places', whyNeeded: 'Advice on adjustments.', requiredBy: inTwoWeeks });
  await exchange(bot, PEOPLE.coach, { journey: J, step: 'confirm', action: 'confirm' });
  await bot.connector.waitFor((calls) => calls.some((c) => c.method === 'POST' && c.conversationId === `a:personal-${PEOPLE.dea}`));
  const [request] = await bot.app.dataSource.query('SELECT id FROM support_request');
  return request;
}

type Logged = { caseKind: string; relationship: string; shown: string };

describe('the access audit records every showing of a claimant\'s case, before it leaves', () => {
  let bot: TestBot;
  let request: { id: string };
  const rows = async (): Promise<Logged[]> => bot.app.dataSource.query('SELECT caseKind, caseId, relationship, shown FROM access_log ORDER BY at');
  const count = async (): Promise<number> => (await rows()).length;

  beforeEach(async () => {
    bot = await startTestBot({ env: EVERY_SHOWING });
    for (const who of [PEOPLE.coach, PEOPLE.dea, PEOPLE.wctl, LEAD, EA]) await exchange(bot, who, 'help');
    request = await coachAsks(bot);
    await bot.app.notifier.idle();
  });
  afterEach(() => bot.close());

  it('meetings and quality checks: each page is recorded by the time it has come back, and who looked shows it', async () => {
    await bot.app.dataSource.query("UPDATE support_request SET status = 'booked', channel = 'case_conference' WHERE id = ?", [request.id]);
    await bot.app.dataSource.query(
      "INSERT INTO booking (id, requestId, startsAt, endsAt, mode, status, events, version, createdAt, updatedAt) VALUES ('booking-1', ?, '2026-12-02 10:00:00.000', '2026-12-02 11:00:00.000', 'teams', 'booked', '[]', 1, '2026-11-30 10:00:00.000', '2026-11-30 10:00:00.000')",
      [request.id],
    );
    const before = await count();
    expect(visibleText(await exchange(bot, PEOPLE.dea, 'meetings'))).toContain('DEA-000001');
    expect(await count()).toBe(before + 1);
    expect(cardText((await invokeAs(bot, PEOPLE.dea, 'meetings.page', { offset: 0 })).card)).toContain('DEA-000001');
    expect(await count()).toBe(before + 2);
    expect(visibleText(await exchange(bot, PEOPLE.wctl, 'quality checks'))).toContain('DEA-000001');
    expect(await count()).toBe(before + 3);
    expect((await rows()).slice(before)).toEqual([
      expect.objectContaining({ caseKind: 'request', caseId: request.id, relationship: 'adviser', shown: 'list' }),
      expect.objectContaining({ caseKind: 'request', caseId: request.id, relationship: 'adviser', shown: 'list' }),
      expect.objectContaining({ caseKind: 'request', caseId: request.id, relationship: 'team leader', shown: 'list' }),
    ]);
    const seen = visibleText(await exchange(bot, LEAD, { verb: 'privacy.seen', nino: 'AB123456C' }));
    expect(seen).toContain('Tom Baker (team leader) saw DEA-000001 on a list');
  });

  it('a follow-up action\'s card, sent outside a turn, opened and listed, is recorded against its request', async () => {
    const [row] = await bot.app.dataSource.query('SELECT requesterId, deaId FROM support_request');
    const coach = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.coach))!;
    const { action } = await new SqlFollowUpActionStore(bot.app.dataSource).create({ requestId: request.id, requestReference: 'DEA-000001', kind: 'employer_adviser', jobcentreId: coach.jobcentreId, requesterId: row.requesterId, deaId: row.deaId, assigneeId: null, status: 'unassigned', createdById: row.deaId, createdAt: new Date(), dueBy: new Date(Date.now() + 7 * 86_400_000), assignedAt: null });
    const before = await count();
    // Sent outside any turn: the showing is written before the card goes.
    await bot.app.notifier.deliver(await new Outbox(bot.app.dataSource).enqueue(PEOPLE.coach, 'follow_up_action_card', action.id, new Date()));
    expect(bot.connector.sentTo(`a:personal-${PEOPLE.coach}`).some((a) => visibleText([a]).includes('DEA-000001'))).toBe(true);
    expect((await rows()).slice(before)).toEqual([expect.objectContaining({ caseKind: 'request', caseId: request.id, relationship: 'requester', shown: 'card' })]);

    expect(cardText((await invokeAs(bot, PEOPLE.dea, 'action.refresh', { actionId: action.id })).card)).toContain('DEA-000001');
    expect(await count()).toBe(before + 2);
    expect(visibleText(await exchange(bot, PEOPLE.dea, 'my actions'))).toContain('DEA-000001');
    expect((await rows()).slice(before + 1)).toEqual([
      expect.objectContaining({ caseKind: 'request', relationship: 'adviser', shown: 'card' }),
      expect.objectContaining({ caseKind: 'request', relationship: 'adviser', shown: 'list' }),
    ]);
  });

  it('a retention case\'s card and list are recorded, and who looked shows them to the lead and to the DEA\'s team leader only', async () => {
    const before = await count();
    const registered = await invokeAs(bot, EA, 'retention.register', { personName: 'Sam', employer: 'Crawley Logistics Ltd', need: 'Cannot lift since a back injury', claimant: 'yes', surname: SURNAME, nino: 'AB 12 34 56 C', assessment: 'possibly_complex' });
    expect(cardText(registered.card)).toContain('RET-000001');
    const caseId = JSON.stringify(registered.card).match(/"caseId":"([0-9a-f-]{36})"/)![1]!;
    // The answer came back: the employer adviser's showing is already in SQL.
    expect((await rows()).slice(before)).toContainEqual(expect.objectContaining({ caseKind: 'retention', caseId, relationship: 'employer adviser', shown: 'card' }));
    // The DEA consulted on it is sent its card outside the turn; that showing too is written before it goes.
    await bot.app.notifier.idle();
    expect(bot.connector.sentTo(`a:personal-${PEOPLE.dea}`).some((a) => visibleText([a]).includes('RET-000001'))).toBe(true);
    expect(await rows()).toContainEqual(expect.objectContaining({ caseKind: 'retention', caseId, relationship: 'adviser', shown: 'card' }));

    const listed = await count();
    expect(visibleText(await exchange(bot, EA, 'retention cases'))).toContain('RET-000001');
    expect((await rows()).slice(listed)).toEqual([expect.objectContaining({ caseKind: 'retention', caseId, relationship: 'employer adviser', shown: 'list' })]);

    const lead = visibleText(await exchange(bot, LEAD, { verb: 'privacy.seen', nino: 'AB123456C' }));
    expect(lead).toContain('saw RET-000001 on a list');
    expect(lead).toContain('saw RET-000001 on a card');
    // The DEA consulted is led by this team leader: they see the retention case's showings too.
    expect(visibleText(await exchange(bot, PEOPLE.wctl, { verb: 'privacy.seen', nino: 'AB123456C' }))).toContain('RET-000001');
    // A case whose DEA they do not lead is not theirs to see.
    await bot.app.dataSource.query('UPDATE retention_case SET deaId = NULL');
    const leader = visibleText(await exchange(bot, PEOPLE.wctl, { verb: 'privacy.seen', nino: 'AB123456C' }));
    expect(leader).toContain('DEA-000001');
    expect(leader).not.toContain('RET-000001');
    // The subject access export lists them, and is itself a showing of the retention case.
    const exported = cardText(firstCard(await exchange(bot, LEAD, { verb: 'privacy.access', nino: 'AB123456C' })));
    expect(exported).toContain('Who has seen these retention cases');
    expect(await rows()).toContainEqual(expect.objectContaining({ caseKind: 'retention', caseId, relationship: 'data protection lead', shown: 'export' }));
  });
});

describe('a showing repeated soon after (ACCESS_LOG_REPEAT_MINUTES, 10 by default) is not written again', () => {
  let bot: TestBot;
  const clock = new TestClock(new Date());
  const later = (minutes: number) => void (clock.at = new Date(clock.at.getTime() + minutes * 60_000));
  const shown = async (caseId: string): Promise<Logged[]> => bot.app.dataSource.query('SELECT relationship, shown FROM access_log WHERE caseId = ? ORDER BY at', [caseId]);

  beforeEach(async () => {
    bot = await startTestBot({ clock });
    for (const who of [PEOPLE.coach, PEOPLE.dea, PEOPLE.wctl]) await exchange(bot, who, 'help');
  });
  afterEach(() => bot.close());

  it('the same person, case and way within the window is written once; another way, another person or a later look is written', async () => {
    const request = await coachAsks(bot);
    await bot.app.notifier.idle();
    const sent = await shown(request.id);
    expect(sent).toEqual([expect.objectContaining({ relationship: 'adviser', shown: 'card' })]);

    expect(visibleText(await exchange(bot, PEOPLE.dea, 'queue'))).toContain('DEA-000001');
    later(4);
    expect(visibleText(await exchange(bot, PEOPLE.dea, 'queue'))).toContain('DEA-000001');
    expect(cardText((await invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: request.id, version: 1 })).card)).toContain('DEA-000001');
    expect(visibleText(await exchange(bot, PEOPLE.coach, 'my requests'))).toContain('DEA-000001');
    // The DEA's list and card were written a few minutes ago; the coach's list is new.
    expect(await shown(request.id)).toEqual([
      expect.objectContaining({ relationship: 'adviser', shown: 'card' }),
      expect.objectContaining({ relationship: 'adviser', shown: 'list' }),
      expect.objectContaining({ relationship: 'requester', shown: 'list' }),
    ]);

    // Ten minutes after the first list was written, the same look is written again.
    later(6);
    expect(visibleText(await exchange(bot, PEOPLE.dea, 'queue'))).toContain('DEA-000001');
    expect(await shown(request.id)).toHaveLength(4);
    expect((await shown(request.id))[3]).toEqual(expect.objectContaining({ relationship: 'adviser', shown: 'list' }));
  });
});

describe('an HCP activity about a case: its card is a showing of that case', () => {
  let bot: TestBot;
  const clock = new TestClock(new Date('2026-11-23T14:00:00Z'));
  const BOOKING = { surname: SURNAME, nino: 'AB123456C', benefit: 'UC', healthCondition: 'yes', wcaStatus: 'had', wcaSummary: 'Limited capability', background: 'Background', conditions: 'Back pain', adviceTypes: 'adjustments', channel: 'face_to_face', complex: 'false', when: 'booked', consent: 'true', gpConsent: 'no' };

  beforeEach(async () => {
    bot = await startTestBot({ clock });
    for (const who of [PEOPLE.coach, PEOPLE.hcp, PEOPLE.wctl, LEAD]) await exchange(bot, who, 'help');
  });
  afterEach(() => bot.close());

  it('is recorded under the case reference when opened, and who looked shows it to the data protection lead', async () => {
    await invokeAs(bot, PEOPLE.coach, 'advice.request', BOOKING);
    const [office] = await bot.app.dataSource.query("SELECT id FROM jobcentre WHERE name = 'Crawley'");
    const recorded = await invokeAs(bot, PEOPLE.hcp, 'hcp.record', { kind: 'individual_case_conference', date: '2026-11-23', start: '10:00', end: '10:30', jobcentreId: office.id, takingPart: 'A work coach', note: 'Talked through lifting limits', caseReference: 'sa-000001', caseCount: '', consultative: '', adHoc: 'true' });
    expect(cardText(recorded.card)).toContain('Recorded');
    const [activity] = await bot.app.dataSource.query('SELECT id FROM hcp_activity');
    const before = Number((await bot.app.dataSource.query('SELECT COUNT(*) AS n FROM access_log'))[0].n);

    expect(cardText((await invokeAs(bot, PEOPLE.hcp, 'hcp.open', { activityId: activity.id })).card)).toContain('SA-000001');
    expect(await bot.app.dataSource.query('SELECT caseKind, caseId, relationship, shown FROM access_log ORDER BY at')).toHaveLength(before + 1);
    expect(await bot.app.dataSource.query("SELECT caseKind, caseId, relationship, shown FROM access_log WHERE caseKind = 'hcp activity'")).toEqual([{ caseKind: 'hcp activity', caseId: 'SA-000001', relationship: 'hcp', shown: 'card' }]);

    expect(visibleText(await exchange(bot, LEAD, { verb: 'privacy.seen', nino: 'AB123456C' }))).toContain('saw SA-000001 on an HCP activity card');
    // Specialist Advice is not the team leader's to see.
    expect(visibleText(await exchange(bot, PEOPLE.wctl, { verb: 'privacy.seen', nino: 'AB123456C' }))).not.toContain('SA-000001');
    expect(cardText(firstCard(await exchange(bot, LEAD, { verb: 'privacy.access', nino: 'AB123456C' })))).toContain('Who has seen HCP activities, weekly notes and case conferences naming these cases');
  });
});
