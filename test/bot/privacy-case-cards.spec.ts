import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { Outbox } from '../../data/stores/outbox';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import type { StaffMember } from '../../domain/staff';
import type { RecordedCall } from '../support/connector-recorder';
import { exchange, invokeAs, PEOPLE, startTestBot, visibleText, type TestBot } from '../support/test-bot';

const LEAD = '00000000-0000-4000-8000-000000000401';
const WP = '00000000-0000-4000-8000-000000000007';
const MANAGER = '00000000-0000-4000-8000-000000000005';
const DAY = 86_400_000;
const SURNAME = 'Quarrington-Blythe';
const NINO = 'AB123456C';

/** What each card says about the claimant, in the words of the person who wrote it. */
const HCP_NOTE = 'Mr Quarrington-Blythe: epilepsy, seizures at night';
const WP_BARRIERS = 'Agoraphobia since a car crash; cannot use buses';
const OVERRIDE_REASON = 'Declared thoughts of self-harm after the redundancy';
const SUMMARY = 'Talked through his bipolar disorder and a phased return';
const NEW_CASE = 'Mrs Thistlewood, a new MS diagnosis, worried about her job';
const WEEKLY_NOTE = 'diabetic foot ulcer, cannot stand at the till';

const chat = (aad: string) => `a:personal-${aad}`;

interface Fixture {
  readonly bot: TestBot;
  readonly request: { id: string; reference: string };
  readonly people: { coach: StaffMember; dea: StaffMember; wctl: StaffMember };
}

async function staff(bot: TestBot, aad: string): Promise<StaffMember> {
  return (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(aad))!;
}

/** The bot, everyone having opened it, and a request from the coach to their DEA for the claimant. */
async function start(options: Parameters<typeof startTestBot>[0] = {}, at: Date = new Date()): Promise<Fixture> {
  const bot = await startTestBot(options);
  for (const who of [PEOPLE.coach, PEOPLE.dea, PEOPLE.wctl, PEOPLE.hcp, WP, MANAGER, LEAD]) await exchange(bot, who, 'help');
  const people = { coach: await staff(bot, PEOPLE.coach), dea: await staff(bot, PEOPLE.dea), wctl: await staff(bot, PEOPLE.wctl) };
  const request = await new SqlSupportRequestStore(bot.app.dataSource).create(
    { type: 'claimant_support', requesterId: people.coach.id, deaId: people.dea.id, claimant: { surname: SURNAME, nino: NINO, benefits: ['UC'] }, topic: null, description: 'Advice on adjustments', reason: 'Advice', requiredBy: null, urgent: false, vulnerability: null },
    at,
  );
  await bot.app.notifier.idle();
  return { bot, request, people };
}

/** The copy of a card posted to a person's chat that shows `text`. */
async function postedTo(bot: TestBot, aad: string, text: string): Promise<Partial<Activity>> {
  await bot.app.notifier.idle();
  const posted = bot.connector.sentTo(chat(aad)).find((a) => visibleText([a]).includes(text));
  if (!posted?.id) throw new Error(`no card showing "${text}" was posted to ${aad}`);
  return posted;
}

/** Every update of that copy in place, as text. */
async function updatesOf(bot: TestBot, posted: Partial<Activity>): Promise<string> {
  const of = (calls: readonly RecordedCall[]) => calls.filter((c) => c.method === 'PUT' && c.path.endsWith(`/activities/${encodeURIComponent(posted.id!)}`));
  await bot.connector.waitFor((calls) => of(calls).length > 0);
  return visibleText(of(bot.connector.calls).map((c) => c.activity));
}

async function deliver(bot: TestBot, aad: string, kind: string, subjectId: string, at: Date = new Date()): Promise<void> {
  await bot.app.notifier.deliver(await new Outbox(bot.app.dataSource).enqueue(aad, kind, subjectId, at));
}

/** The coach asks the HCP activity manager for a case conference about the request: the manager's card. */
async function hcpActivityCard({ bot, request }: Fixture): Promise<Partial<Activity>> {
  await invokeAs(bot, PEOPLE.coach, 'hcp.askConference', { kind: 'individual_case_conference', note: HCP_NOTE, caseReference: request.reference.toLowerCase() });
  return postedTo(bot, MANAGER, HCP_NOTE);
}

/** The DEA asks the work psychologist for a case conference about the request: the work psychologist's card. */
async function caseConferenceCard({ bot, request }: Fixture): Promise<Partial<Activity>> {
  await invokeAs(bot, PEOPLE.dea, 'wp.askConference', { reference: request.reference, topic: WP_BARRIERS });
  return postedTo(bot, WP, WP_BARRIERS);
}

/** The DEA asked the team leader to agree a further intervention: the team leader's card. */
async function overrideCard({ bot, request, people }: Fixture, at: Date): Promise<Partial<Activity>> {
  const overrideId = randomUUID();
  await bot.app.dataSource.getRepository('InterventionOverride').insert({ id: overrideId, requestId: request.id, reason: OVERRIDE_REASON, askedById: people.dea.id, askedAt: at, teamLeaderId: people.wctl.id, decision: 'pending', decidedAt: null, note: null, priorCount: 3 });
  await deliver(bot, PEOPLE.wctl, 'override_card', overrideId, at);
  return postedTo(bot, PEOPLE.wctl, OVERRIDE_REASON);
}

/** The DEA sent the coach a summary after a claimant support intervention: the coach's card. */
async function summaryCard({ bot, request, people }: Fixture, at: Date): Promise<Partial<Activity>> {
  await bot.app.dataSource.getRepository('SupportRequest').update({ id: request.id }, { channel: 'claimant_support_intervention' });
  const recordId = randomUUID();
  await bot.app.dataSource.getRepository('MeetingRecord').insert({ id: recordId, requestId: request.id, kind: 'summary', authorId: people.dea.id, at, body: SUMMARY, nextSteps: '', sentToId: people.coach.id });
  await deliver(bot, PEOPLE.coach, 'summary_card', recordId, at);
  return postedTo(bot, PEOPLE.coach, SUMMARY);
}

/** A booked group conference of the DEA's with a new case (no request) nominated in a few words. */
async function aConference(f: Fixture, at: Date): Promise<string> {
  const { bot, people } = f;
  const planId = randomUUID();
  const conferenceId = randomUUID();
  const insert = (entity: string, row: Record<string, unknown>) => bot.app.dataSource.getRepository(entity).insert(row);
  const startsAt = new Date(at.getTime() + 3 * DAY);
  await insert('ConferencePlan', { id: planId, deaId: people.dea.id, wctlId: people.wctl.id, durationMinutes: 60, inviteWctl: false, workPsychologistId: null, status: 'confirmed', groups: '[]', warning: null, cardActivityId: null, cardReference: null, version: 1, createdAt: at, updatedAt: at });
  await insert('GroupConference', { id: conferenceId, planId, month: startsAt.toISOString().slice(0, 7), groupIndex: 0, startsAt, endsAt: new Date(startsAt.getTime() + 3_600_000), coachIds: '[]', clashes: '[]', status: 'booked', eventId: null, joinUrl: null, lastError: null, casesSentAt: null, summary: null, actions: null, version: 1, createdAt: at, updatedAt: at });
  await insert('ConferenceCase', { id: randomUUID(), conferenceId, nominatedById: people.coach.id, requestId: null, reference: null, note: NEW_CASE, nextSteps: '', followUps: null, outcomeAt: null, createdAt: at });
  return conferenceId;
}

/** The HCP submits this week's note with this text: the activity manager is sent it (through the outbox). Its id. */
async function weeklyNote({ bot }: Fixture, body: string): Promise<string> {
  await exchange(bot, PEOPLE.hcp, 'weekly note');
  const note = (await bot.app.dataSource.getRepository<{ id: string; version: number }>('HcpWeeklyNote').find())[0]!;
  expect(JSON.stringify((await invokeAs(bot, PEOPLE.hcp, 'hcp.noteSubmit', { noteId: note.id, version: note.version, body })).card)).toContain('Submitted to your activity manager.');
  return note.id;
}

async function held(bot: TestBot, conferenceId: string, at: Date): Promise<void> {
  await bot.app.dataSource.getRepository('GroupConference').update({ id: conferenceId }, { status: 'held', summary: 'Discussed one new case.', version: 2, updatedAt: at });
}

describe('erasure reaches the cards that show a claimant\'s case beyond its own card', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await start();
  });
  afterEach(() => f.bot.close());

  const erase = async () => {
    f.bot.connector.clear();
    expect(visibleText(await exchange(f.bot, LEAD, { verb: 'privacy.erase', nino: NINO, confirm: 'yes' }))).toContain(f.request.reference);
  };

  it('re-renders the HCP activity card about the claimant\'s case without its note', async () => {
    const posted = await hcpActivityCard(f);
    await erase();
    const update = await updatesOf(f.bot, posted);
    expect(update).toContain(f.request.reference);
    expect(update).toContain('Removed at the claimant\'s request');
    expect(update).not.toContain('epilepsy');
    expect(update).not.toContain(SURNAME);
  });

  it('re-renders the work psychologist\'s case conference card without the barriers', async () => {
    const posted = await caseConferenceCard(f);
    await erase();
    const update = await updatesOf(f.bot, posted);
    expect(update).toContain(`Case conference: ${f.request.reference}`);
    expect(update).toContain('Removed at the claimant\'s request');
    expect(update).not.toContain('Agoraphobia');
  });

  it('re-renders the team leader\'s card to agree a further intervention without the DEA\'s reasons', async () => {
    const posted = await overrideCard(f, new Date());
    await erase();
    const update = await updatesOf(f.bot, posted);
    expect(update).toContain(f.request.reference);
    expect(update).toContain('Removed at the claimant\'s request');
    expect(update).not.toContain('self-harm');
  });

  it('re-renders the meeting summary card without the summary', async () => {
    const posted = await summaryCard(f, new Date());
    await erase();
    const update = await updatesOf(f.bot, posted);
    expect(update).toContain(f.request.reference);
    expect(update).toContain('Removed at the claimant\'s request');
    expect(update).not.toContain('bipolar');
  });

  it('re-renders the activity manager\'s copy of an HCP weekly note naming the claimant\'s case without its text', async () => {
    const noteId = await weeklyNote(f, `Case conference on ${f.request.reference}: ${WEEKLY_NOTE}.`);
    const posted = await postedTo(f.bot, MANAGER, WEEKLY_NOTE);
    expect(await f.bot.app.dataSource.query('SELECT recipientAad FROM posted_card WHERE requestId = ?', [noteId])).toEqual([{ recipientAad: MANAGER }]);
    await erase();
    const update = await updatesOf(f.bot, posted);
    expect(update).toContain('weekly note');
    expect(update).toContain('Removed at the claimant\'s request');
    expect(update).not.toContain('diabetic');
    expect(update).not.toContain(f.request.reference);
  });

  it('does not keep the copies of a weekly note naming no case', async () => {
    const noteId = await weeklyNote(f, `Presentation at Crawley: ${WEEKLY_NOTE}.`);
    await postedTo(f.bot, MANAGER, WEEKLY_NOTE);
    expect(await f.bot.app.dataSource.query('SELECT id FROM posted_card WHERE requestId = ?', [noteId])).toEqual([]);
  });
});

describe('retention reaches the cards that show a claimant\'s case beyond its own card', () => {
  let now: Date;
  let f: Fixture;
  afterEach(() => f.bot.close());

  it('replaces the HCP activity, case conference, further intervention and summary cards of an ended request with a redacted card after the configured days', async () => {
    now = new Date();
    f = await start({ env: { RETENTION_REQUEST_DAYS: '30', REDACT_CLOSED_CARDS_DAYS: '7' }, clock: { now: () => now } }, now);
    const posted = { hcp: await hcpActivityCard(f), wp: await caseConferenceCard(f), override: await overrideCard(f, now), summary: await summaryCard(f, now) };
    const [request] = await f.bot.app.dataSource.query('SELECT id, version FROM support_request');
    await invokeAs(f.bot, PEOPLE.coach, 'request.withdraw', { requestId: request.id, version: request.version });
    await f.bot.app.notifier.idle();

    // Not yet: the request ended less than 7 days ago.
    now = new Date(now.getTime() + 6 * DAY);
    f.bot.connector.clear();
    expect(await f.bot.app.jobs.applyRetention!()).toMatchObject({ cases: 0, cardsRedacted: 0 });

    now = new Date(now.getTime() + 2 * DAY);
    // Each of the four, and the DEA's copy of the request's card, sent to tell them of the withdrawal
    // (the request was made in the store, so that is its only copy).
    expect(await f.bot.app.jobs.applyRetention!()).toMatchObject({ cases: 0, cardsRedacted: 5 });
    for (const [copy, secret] of [[posted.hcp, 'epilepsy'], [posted.wp, 'Agoraphobia'], [posted.override, 'self-harm'], [posted.summary, 'bipolar']] as const) {
      const update = await updatesOf(f.bot, copy);
      expect(update).toContain(f.request.reference);
      expect(update).toContain('This case has ended');
      expect(update).not.toContain(secret);
    }
    // Redacted copies are final: nothing is left to update.
    expect(await f.bot.app.dataSource.query('SELECT id FROM posted_card')).toEqual([]);
  });

  it('replaces the activity manager\'s copy of a weekly note with a redacted card once every case it names ended', async () => {
    now = new Date();
    f = await start({ env: { RETENTION_REQUEST_DAYS: '30', REDACT_CLOSED_CARDS_DAYS: '7' }, clock: { now: () => now } }, now);
    const noteId = await weeklyNote(f, `Case conference on ${f.request.reference}: ${WEEKLY_NOTE}.`);
    const posted = await postedTo(f.bot, MANAGER, WEEKLY_NOTE);
    // Not while the case is open.
    now = new Date(now.getTime() + 8 * DAY);
    expect(await f.bot.app.jobs.applyRetention!()).toMatchObject({ cardsRedacted: 0 });
    const [request] = await f.bot.app.dataSource.query('SELECT id, version FROM support_request');
    await invokeAs(f.bot, PEOPLE.coach, 'request.withdraw', { requestId: request.id, version: request.version });
    await f.bot.app.notifier.idle();
    f.bot.connector.clear();
    now = new Date(now.getTime() + 8 * DAY);
    // The note, and the DEA's copy of the request's card, sent to tell them of the withdrawal.
    expect(await f.bot.app.jobs.applyRetention!()).toMatchObject({ cardsRedacted: 2 });
    const update = await updatesOf(f.bot, posted);
    expect(update).toContain('HCP weekly note');
    expect(update).not.toContain('diabetic');
    expect(await f.bot.app.dataSource.query('SELECT id FROM posted_card WHERE requestId = ?', [noteId])).toEqual([]);
  });

  it('replaces a group conference\'s case list and summary, which show a new case\'s note, with a redacted card once the conference is over', async () => {
    now = new Date();
    f = await start({ env: { RETENTION_REQUEST_DAYS: '30', REDACT_CLOSED_CARDS_DAYS: '7' }, clock: { now: () => now } }, now);
    const conferenceId = await aConference(f, now);
    await deliver(f.bot, PEOPLE.dea, 'conference_cases', conferenceId, now);
    const list = await postedTo(f.bot, PEOPLE.dea, NEW_CASE);
    await held(f.bot, conferenceId, now);
    await deliver(f.bot, PEOPLE.wctl, 'conference_summary', conferenceId, now);
    const summary = await postedTo(f.bot, PEOPLE.wctl, NEW_CASE);

    now = new Date(now.getTime() + 6 * DAY);
    f.bot.connector.clear();
    expect(await f.bot.app.jobs.applyRetention!()).toMatchObject({ cardsRedacted: 0 });
    now = new Date(now.getTime() + 2 * DAY);
    expect(await f.bot.app.jobs.applyRetention!()).toMatchObject({ cardsRedacted: 2 });
    for (const copy of [list, summary]) {
      const update = await updatesOf(f.bot, copy);
      expect(update).toContain('Group conference');
      expect(update).not.toContain('Thistlewood');
    }
    expect(await f.bot.app.dataSource.query('SELECT id FROM posted_card WHERE requestId = ?', [conferenceId])).toEqual([]);
  });

  it('re-renders a group conference\'s case list without the new case\'s note when the note expires before the card is redacted', async () => {
    now = new Date();
    f = await start({ env: { RETENTION_REQUEST_DAYS: '30', REDACT_CLOSED_CARDS_DAYS: '60' }, clock: { now: () => now } }, now);
    const conferenceId = await aConference(f, now);
    await deliver(f.bot, PEOPLE.dea, 'conference_cases', conferenceId, now);
    const list = await postedTo(f.bot, PEOPLE.dea, NEW_CASE);
    await held(f.bot, conferenceId, now);

    now = new Date(now.getTime() + 31 * DAY);
    f.bot.connector.clear();
    expect(await f.bot.app.jobs.applyRetention!()).toMatchObject({ cases: 1, cardsRedacted: 0 });
    const update = await updatesOf(f.bot, list);
    expect(update).toContain('New case');
    expect(update).toContain('Removed at the end of its retention period');
    expect(update).not.toContain('Thistlewood');
  });
});
