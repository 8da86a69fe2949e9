import { SqlConferenceStore } from '../../data/stores/group-conferences';
import { Outbox } from '../../data/stores/outbox';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import { TestClock } from '../support/conference-fixture';
import { cardInputs, cardText, exchange, firstCard, invokeAs, PEOPLE, startTestBot, visibleText, type TestBot } from '../support/test-bot';

/** Each path's own showing is written, however soon after the same one. */
const EVERY_SHOWING = { ACCESS_LOG_REPEAT_MINUTES: '0' };

const LEAD = '00000000-0000-4000-8000-000000000401';
const WP = '00000000-0000-4000-8000-000000000007';
const MANAGER = '00000000-0000-4000-8000-000000000005';
const SURNAME = 'Ashdown-Pemberly';
const HEALTH = 'Anxiety in crowded places';

type Logged = { caseKind: string; caseId: string; relationship: string; shown: string };
const rowsOf = (bot: TestBot): Promise<Logged[]> => bot.app.dataSource.query('SELECT caseKind, caseId, relationship, shown FROM access_log ORDER BY at');

/** A request from the coach to their DEA for the claimant (AB123456C), straight into the store. */
async function aRequest(bot: TestBot, at: Date): Promise<{ id: string; reference: string }> {
  const directory = new SqlStaffDirectory(bot.app.dataSource);
  const coach = (await directory.findByAadObjectId(PEOPLE.coach))!;
  const dea = (await directory.findByAadObjectId(PEOPLE.dea))!;
  return new SqlSupportRequestStore(bot.app.dataSource).create(
    { type: 'claimant_support', requesterId: coach.id, deaId: dea.id, claimant: { surname: SURNAME, nino: 'AB123456C', benefits: ['UC'] }, topic: null, description: HEALTH, reason: 'Advice', requiredBy: null, urgent: false, vulnerability: null },
    at,
  );
}

describe('the access audit records the showings of work psychologist case conferences and group conference cases', () => {
  let bot: TestBot;
  let request: { id: string; reference: string };

  beforeEach(async () => {
    bot = await startTestBot({ env: EVERY_SHOWING });
    for (const who of [PEOPLE.coach, PEOPLE.dea, PEOPLE.wctl, WP, LEAD]) await exchange(bot, who, 'help');
    request = await aRequest(bot, new Date());
  });
  afterEach(() => bot.close());

  it('a case conference asked of the work psychologist: its card, sent and answered, is recorded under the request reference before it goes', async () => {
    const before = (await rowsOf(bot)).length;
    await invokeAs(bot, PEOPLE.dea, 'wp.askConference', { reference: request.reference, topic: 'Cannot travel alone since a head injury.' });
    // Sent outside any turn: written before the card goes.
    await bot.app.notifier.idle();
    expect(visibleText(bot.connector.sentTo(`a:personal-${WP}`))).toContain('Cannot travel alone since a head injury.');
    expect((await rowsOf(bot)).slice(before)).toEqual([{ caseKind: 'work psychologist', caseId: request.reference, relationship: 'work psychologist', shown: 'card' }]);

    const [activity] = await bot.app.dataSource.query('SELECT id FROM partnership_activity');
    const done = await invokeAs(bot, WP, 'wp.conferenceDone', { activityId: activity.id, date: new Date().toISOString().slice(0, 10), note: 'Try a supported travel scheme.' });
    expect(cardText(done.card)).toContain(request.reference);
    // The answer came back: its showing is already in SQL.
    expect((await rowsOf(bot)).slice(before + 1, before + 2)).toEqual([{ caseKind: 'work psychologist', caseId: request.reference, relationship: 'work psychologist', shown: 'card' }]);
    await bot.app.notifier.idle();
    expect(await rowsOf(bot)).toContainEqual({ caseKind: 'work psychologist', caseId: request.reference, relationship: 'adviser', shown: 'card' });

    // The overview lists case conferences by reference only, without the question: not a showing.
    const listed = (await rowsOf(bot)).length;
    const page = visibleText(await exchange(bot, WP, 'work psychologist'));
    expect(page).toContain(request.reference);
    expect(page).not.toContain('head injury');
    expect(await rowsOf(bot)).toHaveLength(listed);

    const seen = visibleText(await exchange(bot, LEAD, { verb: 'privacy.seen', nino: 'AB123456C' }));
    expect(seen).toContain(`saw ${request.reference} on a work psychologist case conference card`);
    const exported = cardText(firstCard(await exchange(bot, LEAD, { verb: 'privacy.access', nino: 'AB123456C' })));
    expect(exported).toContain('Who has seen HCP activities, weekly notes and case conferences naming these cases');
    expect(exported).toContain('work psychologist');
  });

  it('a group conference\'s case list, sent and refused on the outcome, and the summary are recorded against each nominated request', async () => {
    const directory = new SqlStaffDirectory(bot.app.dataSource);
    const dea = (await directory.findByAadObjectId(PEOPLE.dea))!;
    const wctl = (await directory.findByAadObjectId(PEOPLE.wctl))!;
    const coach = (await directory.findByAadObjectId(PEOPLE.coach))!;
    const store = new SqlConferenceStore(bot.app.dataSource);
    const now = new Date();
    const start = new Date(now.getTime() - 2 * 3_600_000);
    const plan = await store.createPlan({ deaId: dea.id, wctlId: wctl.id, durationMinutes: 60, inviteWctl: false, workPsychologistId: null, groups: [[coach.id]], warning: null, meetingMethod: 'teams', venue: null, room: null, timeOfDay: 'any' }, [{ month: start.toISOString().slice(0, 7), groupIndex: 0, start, end: new Date(start.getTime() + 3_600_000), coachIds: [coach.id], clashes: [], status: 'booked' }], now);
    const [conference] = await store.conferencesOf(plan.id);
    await store.nominate({ conferenceId: conference!.id, nominatedById: coach.id, requestId: request.id, reference: request.reference, note: null }, now);
    await store.nominate({ conferenceId: conference!.id, nominatedById: coach.id, requestId: null, reference: null, note: 'Coach unsure about fit notes' }, now);

    const before = (await rowsOf(bot)).length;
    const outbox = new Outbox(bot.app.dataSource);
    await bot.app.notifier.deliver(await outbox.enqueue(PEOPLE.dea, 'conference_cases', conference!.id, new Date()));
    expect(visibleText(bot.connector.sentTo(`a:personal-${PEOPLE.dea}`))).toContain(request.reference);
    // The new case names nobody: only the request is a showing.
    expect((await rowsOf(bot)).slice(before)).toEqual([{ caseKind: 'request', caseId: request.id, relationship: 'group conference', shown: 'list' }]);

    const refused = await invokeAs(bot, PEOPLE.dea, 'conference.outcome', { conferenceId: conference!.id, version: conference!.version, summary: 'Discussed two cases.' });
    expect(cardText(refused.card)).toContain(request.reference);
    expect(await rowsOf(bot)).toHaveLength(before + 2);

    await bot.app.notifier.deliver(await outbox.enqueue(PEOPLE.wctl, 'conference_summary', conference!.id, new Date()));
    expect(visibleText(bot.connector.sentTo(`a:personal-${PEOPLE.wctl}`))).toContain(request.reference);
    expect(await rowsOf(bot)).toHaveLength(before + 3);

    const seen = visibleText(await exchange(bot, LEAD, { verb: 'privacy.seen', nino: 'AB123456C' }));
    expect(seen).toContain(`Dana Morgan (group conference) saw ${request.reference} on a list`);
    expect(cardText(firstCard(await exchange(bot, LEAD, { verb: 'privacy.access', nino: 'AB123456C' })))).toContain('group conference');
  });
});

describe('the HCP\'s weekly note and day: what names a case is recorded, references alone are not', () => {
  let bot: TestBot;
  const clock = new TestClock(new Date('2026-11-23T14:00:00Z'));
  const BOOKING = { surname: SURNAME, nino: 'AB123456C', benefit: 'UC', healthCondition: 'yes', wcaStatus: 'had', wcaSummary: 'Limited capability', background: 'Background', conditions: 'Back pain', adviceTypes: 'adjustments', channel: 'face_to_face', complex: 'false', when: 'booked', consent: 'true', gpConsent: 'no' };

  beforeEach(async () => {
    bot = await startTestBot({ clock });
    for (const who of [PEOPLE.coach, PEOPLE.hcp, MANAGER, LEAD]) await exchange(bot, who, 'help');
    await invokeAs(bot, PEOPLE.coach, 'advice.request', BOOKING);
    const [office] = await bot.app.dataSource.query("SELECT id FROM jobcentre WHERE name = 'Crawley'");
    await invokeAs(bot, PEOPLE.hcp, 'hcp.record', { kind: 'individual_case_conference', date: '2026-11-23', start: '10:00', end: '10:30', jobcentreId: office.id, takingPart: 'A work coach', note: 'Talked through lifting limits', caseReference: 'sa-000001', caseCount: '', consultative: '', adHoc: 'true' });
    await bot.app.notifier.idle();
  });
  afterEach(() => bot.close());

  it('the weekly note is recorded under each case reference it names, for the HCP and for the activity manager it is sent to', async () => {
    const before = (await rowsOf(bot)).length;
    const draft = firstCard(await exchange(bot, PEOPLE.hcp, 'weekly note'));
    expect(String(cardInputs(draft).body)).toContain('SA-000001');
    expect((await rowsOf(bot)).slice(before)).toEqual([{ caseKind: 'hcp weekly note', caseId: 'SA-000001', relationship: 'hcp', shown: 'card' }]);

    const [note] = await bot.app.dataSource.query('SELECT id, version, body FROM hcp_weekly_note');
    await invokeAs(bot, PEOPLE.hcp, 'hcp.noteSubmit', { noteId: note.id, version: note.version, body: note.body });
    await bot.app.notifier.idle();
    expect(visibleText(bot.connector.sentTo(`a:personal-${MANAGER}`))).toContain('SA-000001');
    expect(await rowsOf(bot)).toContainEqual({ caseKind: 'hcp weekly note', caseId: 'SA-000001', relationship: 'manager', shown: 'card' });

    expect(visibleText(await exchange(bot, LEAD, { verb: 'privacy.seen', nino: 'AB123456C' }))).toContain('saw SA-000001 on an HCP\'s weekly note');
  });

  it('my day and the week name conversations by reference only, with no surname or health details, so they are not recorded', async () => {
    const before = (await rowsOf(bot)).length;
    const day = visibleText(await exchange(bot, PEOPLE.hcp, 'my day'));
    const week = cardText((await invokeAs(bot, PEOPLE.hcp, 'advice.week', {})).card);
    const manager = visibleText(await exchange(bot, MANAGER, 'my day'));
    const coach = visibleText(await exchange(bot, PEOPLE.coach, 'my day'));
    expect(`${day}\n${week}\n${manager}\n${coach}`).toContain('SA-000001');
    for (const shown of [day, week, manager, coach]) {
      expect(shown).not.toContain(SURNAME);
      expect(shown).not.toContain('AB123456C');
      expect(shown).not.toContain('Back pain');
      expect(shown).not.toContain('Limited capability');
    }
    expect(await rowsOf(bot)).toHaveLength(before);
  });
});
