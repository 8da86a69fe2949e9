import type { ConferencePlan } from '../../domain/conferences/plan';
import type { CalendarEventRow } from '../../data/schema/calendar';
import type { StaffRow } from '../../data/schema/directory';
import { SqlConferenceStore } from '../../data/stores/group-conferences';
import { directoryChanged, SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import { applySeed } from '../../data/seed/apply-seed';
import type { ConferenceStatus } from '../../domain/conferences/plan';
import type { NewConference } from '../../domain/conferences/ports';
import { addMonthsTo } from '../../domain/conferences/months';
import { londonDate } from '../../domain/requests/calendar-date';
import { londonClock } from '../../domain/calendar/london-time';
import { Outbox } from '../../data/stores/outbox';
import { statementsDuring } from '../../testkit/statement-log';
import { GraphStandIn } from '../../testkit/graph-stand-in';
import { TestClock } from '../support/conference-fixture';
import { cardInputs, cardText, cardVerbs, exchange, invokeAs, messageFrom, PEOPLE, startTestBot, visibleText, type TestBot } from '../support/test-bot';

const DANA = 'dana.morgan@jobcentre.example';
const chat = (aad: string) => `a:personal-${aad}`;
/** Inputs anywhere on a card, including its ShowCard forms. */
const allInputs = (card: Record<string, unknown>) => ({ ...cardInputs({ body: card.actions }), ...cardInputs(card) });
/** The data of the first Action.Execute with this verb anywhere in what was sent or answered. */
const actionData = (node: unknown, verb: string): Record<string, unknown> | undefined => {
  if (Array.isArray(node)) return node.map((n) => actionData(n, verb)).find(Boolean);
  if (!node || typeof node !== 'object') return undefined;
  const n = node as Record<string, unknown>;
  if (n.type === 'Action.Execute' && n.verb === verb) return n.data as Record<string, unknown>;
  return Object.values(n).map((v) => actionData(v, verb)).find(Boolean);
};

/** The conferences a plan card offers "Give it a time" for, by id, in order of id. */
const offeredTimes = (node: unknown): string[] => {
  const found = new Set<string>();
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'Action.Execute' && o.title === 'Give it a time') found.add(String((o.data as Record<string, unknown>).conferenceId));
      Object.values(o).forEach(walk);
    }
  };
  walk(node);
  return [...found].sort();
};

/** `count` months of conferences from `first`, one a group, on the 10th at 10:00. */
function historyOf(groups: readonly (readonly string[])[], first: string, count: number, status: (month: string, group: number) => ConferenceStatus): NewConference[] {
  return Array.from({ length: count }, (_, i) => addMonthsTo(first, i)).flatMap((month) =>
    groups.map((coachIds, g) => ({ month, groupIndex: g, start: new Date(`${month}-10T${10 + g}:00:00Z`), end: new Date(`${month}-10T${11 + g}:00:00Z`), coachIds, clashes: [], status: status(month, g) })),
  );
}

/** Tom plans Dana's group conferences, an hour each, and confirms them: booked after the click. */
async function confirmedPlan(bot: TestBot, deaId: string, extra: Parameters<typeof invokeAs>[4] = {}): Promise<ConferencePlan> {
  await invokeAs(bot, PEOPLE.wctl, 'conference.draft', { deaId, durationMinutes: '60' });
  const plan = (await new SqlConferenceStore(bot.app.dataSource).plansForDea(deaId, ['draft']))[0]!;
  await invokeAs(bot, PEOPLE.wctl, 'conference.confirm', { planId: plan.id, version: plan.version }, extra);
  await bot.app.background.idle();
  return plan;
}

describe('a plan drafted early in a month: five months of three groups', () => {
  it('stays well inside Teams\' message size, a Change button a conference and one form when opened', async () => {
    // Before the 15th the current month is still planned, so the grid has five months.
    const bot = await startTestBot({ clock: new TestClock(new Date('2026-12-07T09:00:00Z')) });
    try {
      for (const who of [PEOPLE.dea, PEOPLE.wctl]) await exchange(bot, who, 'help');
      const dana = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.dea))!;
      const drafted = await invokeAs(bot, PEOPLE.wctl, 'conference.draft', { deaId: dana.id, durationMinutes: '60' });
      const conferences = await new SqlConferenceStore(bot.app.dataSource).conferencesOf((await new SqlConferenceStore(bot.app.dataSource).plansForDea(dana.id, ['draft']))[0]!.id);
      expect(conferences).toHaveLength(15);
      expect(cardVerbs({ actions: [drafted.card.actions, drafted.card.body] }).filter((v) => v === 'conference.open')).toHaveLength(15);
      // Teams counts a message in UTF-16: 15 forms on the card made 21,936 characters, 43 KB.
      expect(JSON.stringify(drafted.card).length * 2).toBeLessThan(30 * 1024);
      const opened = await invokeAs(bot, PEOPLE.wctl, 'conference.open', { conferenceId: conferences[14]!.id });
      expect(JSON.stringify(opened.card).length * 2).toBeLessThan(30 * 1024);
      expect(cardVerbs({ actions: [opened.card.actions, opened.card.body] }).filter((v) => v === 'conference.change')).toHaveLength(1);

      // Drafted again, the first plan is replaced: Change on its card says so, rather than opening a form on it.
      const [first] = await new SqlConferenceStore(bot.app.dataSource).plansForDea(dana.id, ['draft']);
      expect(cardText((await invokeAs(bot, PEOPLE.wctl, 'conference.draft', { deaId: dana.id, durationMinutes: '90' })).card)).toContain('Nothing is booked until you confirm.');
      const stale = await invokeAs(bot, PEOPLE.wctl, 'conference.open', { planId: first!.id, version: first!.version, conferenceId: conferences[0]!.id });
      expect(cardText(stale.card)).toContain('The plan changed since this card was shown.');
    } finally {
      await bot.close();
    }
  });
});

describe('group work coach conferences through the bot (embedded calendar)', () => {
  let bot: TestBot;
  const clock = new TestClock(new Date('2026-11-23T09:00:00Z'));
  beforeEach(async () => {
    bot = await startTestBot({ clock });
    for (const who of [PEOPLE.coach, PEOPLE.dea, PEOPLE.wctl]) await exchange(bot, who, 'help');
    bot.connector.clear();
  });
  afterEach(async () => bot.close());

  it('plans, books 12 conferences showing progress, takes nominations, sends the case list, records the outcome and the check list', async () => {
    const directory = new SqlStaffDirectory(bot.app.dataSource);
    const dana = (await directory.findByAadObjectId(PEOPLE.dea))!;
    const amira = (await directory.findByAadObjectId(PEOPLE.coach))!;

    // Only a team leader plans.
    expect(visibleText(await exchange(bot, PEOPLE.coach, 'plan group conferences'))).toContain('planned by Work Coach Team Leaders');

    // The team leader's card is posted (normal delivery), so it has an id to update later.
    await bot.post(messageFrom(PEOPLE.wctl, 'plan group conferences'));
    await bot.connector.waitFor(() => bot.connector.sentTo(chat(PEOPLE.wctl)).length === 1);
    const startCard = bot.connector.sentTo(chat(PEOPLE.wctl))[0]!;
    const replyToId = startCard.id!;
    expect(visibleText([startCard])).toContain('Plan group conferences');

    // A length under an hour is refused, and what was chosen stays.
    const refused = await invokeAs(bot, PEOPLE.wctl, 'conference.draft', { deaId: dana.id, durationMinutes: '30', inviteWctl: 'true' }, { replyToId });
    expect(cardText(refused.card)).toContain('Choose how long each conference is');
    expect(cardInputs(refused.card)).toMatchObject({ deaId: dana.id, inviteWctl: 'true' });

    const drafted = await invokeAs(bot, PEOPLE.wctl, 'conference.draft', { deaId: dana.id, durationMinutes: '60', inviteWctl: 'true' }, { replyToId });
    const text = cardText(drafted.card);
    for (const month of ['December 2026', 'January 2027', 'February 2027', 'March 2027']) expect(text).toContain(month);
    // Each group's coaches once, then a row a month with a Change beside each conference.
    expect(text).toMatch(/\*\*Group 1\*\* \(10\): .+\n\*\*Group 2\*\* \(10\): .+\n\*\*Group 3\*\* \(10\): /);
    expect(text.match(/Amira Shah/g)).toHaveLength(1);
    // Change beside each conference opens its form under the grid, filled in: one form on the card at a time.
    expect(cardVerbs({ actions: [drafted.card.actions, drafted.card.body] })).toEqual(['conference.confirm', ...Array(12).fill('conference.open')]);
    expect(text).toContain('Your action: check the dates, change any that do not suit, then confirm and book.');
    const store = new SqlConferenceStore(bot.app.dataSource);
    const plan = (await store.plansForDea(dana.id, ['draft']))[0]!;
    const conferences = await store.conferencesOf(plan.id);
    expect(conferences).toHaveLength(12);

    // A bad time is named, and what was typed is kept; a good one changes the plan.
    const january = conferences.find((c) => c.month === '2027-01' && c.groupIndex === 1)!;
    const opened = await invokeAs(bot, PEOPLE.wctl, 'conference.open', { planId: plan.id, version: plan.version, conferenceId: january.id });
    expect(cardText(opened.card)).toContain('Change group 2, January 2027');
    expect(cardVerbs({ actions: [opened.card.actions, opened.card.body] }).filter((v) => v !== 'conference.open')).toEqual(['conference.confirm', 'conference.change']);
    expect(allInputs(opened.card)).toMatchObject({ date: londonDate(january.start!), time: january.start!.toISOString().slice(11, 16) });
    expect(cardText((await invokeAs(bot, PEOPLE.coach, 'conference.open', { planId: plan.id, conferenceId: january.id })).card)).toContain('Only the team leader who made this plan');
    // Someone else's click on the plan is refused with nothing of the plan: no coach, no date.
    const byCoach = await invokeAs(bot, PEOPLE.coach, 'conference.change', { planId: plan.id, version: plan.version, conferenceId: january.id, date: '2027-01-20', time: '14:00' });
    expect(cardText(byCoach.card)).toContain('Only the team leader who made this plan can change it.');
    expect(cardText(byCoach.card)).not.toMatch(/Group 1|January|Amira/);
    const badTime = await invokeAs(bot, PEOPLE.wctl, 'conference.change', { planId: plan.id, version: plan.version, conferenceId: january.id, date: '2027-01-20', time: '25:00' });
    expect(cardText(badTime.card)).toContain('Enter the start time like 14:30.');
    expect(allInputs(badTime.card)).toMatchObject({ date: '2027-01-20', time: '25:00' });
    const changed = await invokeAs(bot, PEOPLE.wctl, 'conference.change', { planId: plan.id, version: plan.version, conferenceId: january.id, date: '2027-01-20', time: '14:00' });
    expect(cardText(changed.card)).toContain('Wed 20 Jan, 14:00');

    const confirmed = await invokeAs(bot, PEOPLE.wctl, 'conference.confirm', { planId: plan.id, version: plan.version + 1 }, { replyToId });
    expect(cardText(confirmed.card)).toContain('Booking… 0 of 12');
    await bot.app.background.idle();
    const updates = bot.connector.calls.filter((c) => c.method === 'PUT' && c.activity.id === replyToId);
    expect(updates.length).toBeGreaterThanOrEqual(3);
    expect(visibleText([updates[0]!.activity])).toMatch(/Booking… [48] of 12/);
    expect(visibleText([updates[updates.length - 1]!.activity])).toContain('All 12 conferences are booked.');
    const rows = await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').find({ where: { mailbox: DANA } });
    expect(rows).toHaveLength(12);

    // Planning again when the plan is kept four months ahead is refused, and the card says why.
    const again = await invokeAs(bot, PEOPLE.wctl, 'conference.draft', { deaId: dana.id, durationMinutes: '60' });
    expect(cardText(again.card)).toContain("Dana Morgan's group conferences are already planned and kept 4 months ahead.");
    expect(cardText(again.card)).not.toContain('This changed since you last saw it');
    expect(cardInputs(again.card)).toMatchObject({ deaId: dana.id, durationMinutes: '60' });
    expect(rows.every((r) => r.showAs === 'busy' && r.joinUrl !== null && JSON.parse(r.attendees).length === 11)).toBe(true);

    // Amira nominates a case from her request; a note with a NINO is refused and kept.
    const requests = new SqlSupportRequestStore(bot.app.dataSource);
    const request = await requests.create(
      { type: 'claimant_support', requesterId: amira.id, deaId: dana.id, claimant: { surname: 'Zebedee', nino: 'AB123456C', benefits: ['UC'] }, topic: null, description: 'Anxiety', reason: 'Advice', requiredBy: null, urgent: false, vulnerability: null },
      clock.now(),
    );
    const nominateForm = await exchange(bot, PEOPLE.coach, 'nominate case');
    expect(visibleText(nominateForm)).toContain('Nominate a case for a group conference');
    const mine = (await store.conferencesOf(plan.id)).filter((c) => c.coachIds.includes(amira.id)).sort((a, b) => a.start!.getTime() - b.start!.getTime())[0]!;
    const nino = await invokeAs(bot, PEOPLE.coach, 'conference.nominate', { conferenceId: mine.id, note: 'Man AB 12 34 56 C needs help' });
    expect(cardText(nino.card)).toContain('Leave the National Insurance number out');
    expect(cardInputs(nino.card)).toMatchObject({ note: 'Man AB 12 34 56 C needs help' });
    const nominated = await invokeAs(bot, PEOPLE.coach, 'conference.nominate', { conferenceId: mine.id, reference: request.reference.toLowerCase() });
    expect(cardText(nominated.card)).toContain(`Nominated ${request.reference}`);
    await invokeAs(bot, PEOPLE.wctl, 'conference.nominate', { conferenceId: mine.id, note: 'Coach unsure about fit notes for a returner' });

    // Three days before, the DEA gets the list: by reference, never the claimant's name or NINO.
    clock.at = new Date(mine.start!.getTime() - 2 * 86_400_000);
    await bot.app.jobs.runConferenceJobs();
    await bot.app.notifier.idle();
    const list = bot.connector.sentTo(chat(PEOPLE.dea));
    expect(list).toHaveLength(1);
    expect(visibleText(list)).toContain(`${request.reference} (nominated by Amira Shah)`);
    expect(visibleText(list)).not.toMatch(/Zebedee|AB123456C/);
    await bot.app.jobs.runConferenceJobs();
    await bot.app.notifier.idle();
    expect(bot.connector.sentTo(chat(PEOPLE.dea))).toHaveLength(1);

    // A case nominated after the list went out reaches the DEA too: the list is sent again with it.
    const late = await invokeAs(bot, PEOPLE.coach, 'conference.nominate', { conferenceId: mine.id, note: 'Returner unsure about disclosing a condition' });
    expect(cardText(late.card)).toContain('The DEA already had the list, so it is sent to them again with this case.');
    await bot.app.notifier.idle();
    const lists = bot.connector.sentTo(chat(PEOPLE.dea));
    expect(lists).toHaveLength(2);
    expect(visibleText(lists.slice(1))).toContain('Returner unsure about disclosing a condition');

    // Afterwards the DEA records the outcome: the case's case conference starts as a follow-up request.
    clock.at = new Date(mine.end!.getTime() + 3_600_000);
    const cases = await store.casesOf(mine.id);
    const version = (await store.findConference(mine.id))!.version;
    const missing = await invokeAs(bot, PEOPLE.dea, 'conference.outcome', { conferenceId: mine.id, version, summary: 'Discussed two cases.' });
    expect(cardText(missing.card)).toContain('Choose at least one outcome');
    expect(allInputs(missing.card)).toMatchObject({ summary: 'Discussed two cases.' });
    const outcome = await invokeAs(bot, PEOPLE.dea, 'conference.outcome', {
      conferenceId: mine.id,
      version,
      summary: 'Discussed two cases.',
      actions: 'Dana to book a case conference.',
      [`steps_${cases[0]!.id}`]: 'case_conference',
      [`steps_${cases[1]!.id}`]: 'no_further_support',
      [`steps_${cases[2]!.id}`]: 'no_further_support',
    });
    expect(cardText(outcome.card)).toContain('The summary was sent to the team leader');
    const followUps = (await requests.listByRequester(amira.id, 10)).filter((r) => r.id !== request.id);
    expect(followUps).toHaveLength(1);
    expect(followUps[0]).toMatchObject({ status: 'accepted', channel: 'case_conference' });
    expect((await store.casesOf(mine.id)).map((c) => c.followUps)).toEqual([[followUps[0]!.reference], [], []]);
    await bot.app.notifier.idle();
    const summary = bot.connector.sentTo(chat(PEOPLE.wctl)).slice(1);
    expect(visibleText(summary)).toContain('Discussed two cases.');

    // The check list is due for this first month: the team leader is reminded once, and records it.
    await bot.app.jobs.runConferenceJobs();
    await bot.app.notifier.idle();
    expect(visibleText(bot.connector.sentTo(chat(PEOPLE.wctl)))).toContain('Group Case Conference Check List due');
    const badQas = await invokeAs(bot, PEOPLE.wctl, 'conference.qas', { conferenceId: mine.id, comments: 'Good' });
    expect(cardText(badQas.card)).toContain('Choose how the conference measured up.');
    const qas = await invokeAs(bot, PEOPLE.wctl, 'conference.qas', { conferenceId: mine.id, result: 'met', comments: 'Good' });
    expect(cardText(qas.card)).toContain('Check List recorded');
  });

  it('a team leader of some of the group’s coaches, who did not make the plan, nominates their cases too (seed §31)', async () => {
    clock.at = new Date('2026-11-23T09:00:00Z');
    const RITA = '00000000-0000-4000-8000-000000000404';
    await applySeed(bot.app.dataSource, { jobcentres: [], staff: [{ aadObjectId: RITA, name: 'Rita Lane', email: 'rita.lane@jobcentre.example', roles: ['work_coach_team_leader'], jobcentre: 'Crawley' }] });
    const directory = new SqlStaffDirectory(bot.app.dataSource);
    const dana = (await directory.findByAadObjectId(PEOPLE.dea))!;
    const store = new SqlConferenceStore(bot.app.dataSource);
    const plan = await confirmedPlan(bot, dana.id);
    // Amira is now in Rita's team; Tom made the plan.
    const amira = (await directory.findByAadObjectId(PEOPLE.coach))!;
    const rita = (await directory.findByAadObjectId(RITA))!;
    await bot.app.dataSource.getRepository<StaffRow>('Staff').update({ id: amira.id }, { teamLeaderId: rita.id });
    directoryChanged();
    const amirasNext = (await store.conferencesOf(plan.id)).filter((c) => c.coachIds.includes(amira.id)).sort((a, b) => a.start!.getTime() - b.start!.getTime())[0]!;

    const form = await exchange(bot, RITA, 'nominate case');
    expect(visibleText(form)).toContain('Nominate a case for a group conference');
    expect(JSON.stringify(form)).toContain(amirasNext.id);
    const nominated = await invokeAs(bot, RITA, 'conference.nominate', { conferenceId: amirasNext.id, note: 'Coach unsure about adjustments for a returner' });
    expect(cardText(nominated.card)).toContain('Nominated the new case.');
    expect((await store.casesOf(amirasNext.id)).map((c) => c.note)).toEqual(['Coach unsure about adjustments for a returner']);
    expect(bot.cardProblems).toEqual([]);
  });

  it('accepting a request as a group conference nominates it for the coach’s next one, or says who must plan one first', async () => {
    // The clock is shared with the test above, which moves it on.
    clock.at = new Date('2026-11-23T09:00:00Z');
    const directory = new SqlStaffDirectory(bot.app.dataSource);
    const dana = (await directory.findByAadObjectId(PEOPLE.dea))!;
    const amira = (await directory.findByAadObjectId(PEOPLE.coach))!;
    const requests = new SqlSupportRequestStore(bot.app.dataSource);
    const request = await requests.create(
      { type: 'claimant_support', requesterId: amira.id, deaId: dana.id, claimant: { surname: 'Zebedee', nino: 'AB123456C', benefits: ['UC'] }, topic: null, description: 'Anxiety', reason: 'Advice', requiredBy: null, urgent: false, vulnerability: null },
      clock.now(),
    );

    // No conference booked yet: refused beside the channel, naming who plans them; the request stays as it was.
    const refused = await invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: request.id, version: request.version, channel: 'group_conference' });
    expect(cardText(refused.card)).toMatch(/No group conference is booked yet for Amira Shah’s group\. .+, their team leader, plans them/);
    expect(await requests.findById(request.id)).toMatchObject({ status: 'submitted', version: request.version });

    const store = new SqlConferenceStore(bot.app.dataSource);
    const plan = await confirmedPlan(bot, dana.id);
    const next = (await store.conferencesOf(plan.id)).filter((c) => c.coachIds.includes(amira.id)).sort((a, b) => a.start!.getTime() - b.start!.getTime())[0]!;
    bot.connector.clear();

    const accepted = await invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: request.id, version: request.version, channel: 'group_conference' });
    // The DEA is told which conference; the case is on its list and the request leaves the open queue.
    expect(cardText(accepted.card)).toMatch(new RegExp(`Accepted\\. Nominated for the group work coach conference of group ${next.groupIndex + 1}: \\w+ \\d+ \\w+ 20\\d\\d, \\d\\d:\\d\\d`));
    expect((await store.casesOf(next.id)).map((c) => c.reference)).toEqual([request.reference]);
    expect(await requests.findById(request.id)).toMatchObject({ status: 'closed', channel: 'group_conference' });
    const queue = visibleText(await exchange(bot, PEOPLE.dea, 'queue'));
    expect(queue).not.toContain(request.reference);
    // The coach is told, with the date, at the top of the request's card.
    await bot.app.notifier.idle();
    expect(visibleText(bot.connector.sentTo(chat(PEOPLE.coach)))).toContain(`Nothing for you to do now: nominated for the group work coach conference of group ${next.groupIndex + 1}: `);
  });

  it('meets face to face at the named jobcentre and room, in the preferred part of the day', async () => {
    const dana = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.dea))!;
    // Face to face is offered first (the guidance prefers it); without a jobcentre and room it is refused beside them.
    const start = await exchange(bot, PEOPLE.wctl, 'plan group conferences');
    expect(cardInputs(start[0]!.attachments![0]!.content as Record<string, unknown>)).toMatchObject({ meetingMethod: 'face_to_face', timeOfDay: 'any' });
    const refused = await invokeAs(bot, PEOPLE.wctl, 'conference.draft', { deaId: dana.id, durationMinutes: '60', meetingMethod: 'face_to_face', room: 'Room 2', timeOfDay: 'afternoon' });
    expect(cardText(refused.card)).toContain('Enter the jobcentre where the groups meet.');
    expect(cardInputs(refused.card)).toMatchObject({ meetingMethod: 'face_to_face', room: 'Room 2', timeOfDay: 'afternoon' });

    const drafted = await invokeAs(bot, PEOPLE.wctl, 'conference.draft', { deaId: dana.id, durationMinutes: '60', meetingMethod: 'face_to_face', venue: 'Leeds Jobcentre', room: 'Room 2', timeOfDay: 'afternoon' });
    expect(cardText(drafted.card)).toContain('60 minutes each, face to face at Leeds Jobcentre, Room 2, in the afternoon, in Dana Morgan’s diary.');
    const store = new SqlConferenceStore(bot.app.dataSource);
    const plan = (await store.plansForDea(dana.id, ['draft']))[0]!;
    expect(plan).toMatchObject({ meetingMethod: 'face_to_face', venue: 'Leeds Jobcentre', room: 'Room 2', timeOfDay: 'afternoon' });
    const placed = (await store.conferencesOf(plan.id)).filter((c) => c.start);
    expect(placed.length).toBeGreaterThan(0);
    const hour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hour12: false });
    for (const c of placed) expect(Number(hour.format(c.start!))).toBeGreaterThanOrEqual(13);

    await invokeAs(bot, PEOPLE.wctl, 'conference.confirm', { planId: plan.id, version: plan.version });
    await bot.app.background.idle();
    const rows = await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').find({ where: { mailbox: DANA } });
    expect(rows).toHaveLength(placed.length);
    // In the room, not on Teams: the diary entry says where, and has no meeting link.
    for (const row of rows) expect(row).toMatchObject({ location: 'Room 2, Leeds Jobcentre', joinUrl: null });
  });

  it('after booking, the team leader moves a conference and cancels another: diaries changed after the click, everyone told', async () => {
    const dana = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.dea))!;
    const amira = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.coach))!;
    await invokeAs(bot, PEOPLE.wctl, 'conference.draft', { deaId: dana.id, durationMinutes: '60' });
    const store = new SqlConferenceStore(bot.app.dataSource);
    const plan = (await store.plansForDea(dana.id, ['draft']))[0]!;
    await invokeAs(bot, PEOPLE.wctl, 'conference.confirm', { planId: plan.id, version: plan.version }, { replyToId: 'the-plan-card' });
    await bot.app.background.idle();
    bot.connector.clear();
    const amirasJanuary = (await store.conferencesOf(plan.id)).find((c) => c.month === '2027-01' && c.coachIds.includes(amira.id))!;
    expect(amirasJanuary.status).toBe('booked');

    // The booked plan offers "…" beside each conference, with the case list, Move and Cancel.
    const { card } = await invokeAs(bot, PEOPLE.wctl, 'conference.retry', { planId: plan.id });
    expect(cardText(card)).toContain('There is nothing on this plan to book again.');
    const shown = await invokeAs(bot, PEOPLE.wctl, 'conference.move', { planId: plan.id, conferenceId: amirasJanuary.id, conferenceVersion: amirasJanuary.version, date: '2027-02-03', time: '14:00' });
    // A date outside the month is refused beside the field, the move form open with what was typed.
    expect(cardText(shown.card)).toContain('Choose a date in January 2027.');
    expect(allInputs(shown.card)).toMatchObject({ date: '2027-02-03', time: '14:00' });
    expect(cardVerbs({ actions: [shown.card.actions, shown.card.body] })).toEqual(expect.arrayContaining(['conference.open', 'conference.move']));
    // Its "…" stays in its cell, for the case list or a cancel instead.
    const opens = (node: unknown): unknown[] => (Array.isArray(node) ? node.flatMap(opens) : node && typeof node === 'object' ? [...((node as { verb?: string }).verb === 'conference.open' ? [(node as { data: { conferenceId: string } }).data.conferenceId] : []), ...Object.values(node).flatMap(opens)] : []);
    expect(opens(shown.card.body)).toContain(amirasJanuary.id);
    // "…" beside a booked conference opens its case list, Move and Cancel (which asks first) under the grid.
    const opened = await invokeAs(bot, PEOPLE.wctl, 'conference.open', { planId: plan.id, conferenceId: amirasJanuary.id });
    expect(cardVerbs({ actions: [opened.card.actions, opened.card.body] }).filter((v) => v !== 'conference.open')).toEqual(['conference.cases', 'conference.move', 'conference.cancel']);
    expect(cardText(opened.card)).toContain('It is taken out of the diaries of Dana Morgan and the 10 coaches of group');
    expect(cardText((await invokeAs(bot, PEOPLE.coach, 'conference.open', { planId: plan.id, conferenceId: amirasJanuary.id })).card)).toContain('Only the team leader who made this plan can move or cancel its conferences.');

    // Only the team leader moves it; a coach is refused with nothing of the plan.
    const byCoach = await invokeAs(bot, PEOPLE.coach, 'conference.move', { planId: plan.id, conferenceId: amirasJanuary.id, conferenceVersion: amirasJanuary.version, date: '2027-01-27', time: '14:00' });
    expect(cardText(byCoach.card)).toContain('Only the team leader who made this plan can move or cancel its conferences.');

    const moved = await invokeAs(bot, PEOPLE.wctl, 'conference.move', { planId: plan.id, conferenceId: amirasJanuary.id, conferenceVersion: amirasJanuary.version, date: '2027-01-27', time: '14:00' });
    expect(cardText(moved.card)).toContain('Moved group');
    expect(cardText(moved.card)).toContain('Wed 27 Jan, 14:00');
    await bot.app.background.idle();
    const event = await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').findOneByOrFail({ transactionId: `group-conference:${amirasJanuary.id}` });
    expect(event.startsAt.toISOString()).toBe('2027-01-27T14:00:00.000Z');
    // The plan's card is then updated in place: the diaries now say so.
    await bot.connector.waitFor((calls) => calls.some((c) => c.method === 'PUT' && visibleText([c.activity]).includes(`Group ${amirasJanuary.groupIndex + 1}’s conference is moved to Wednesday 27 January 2027, 14:00 to 15:00: everyone’s diary is changed`)));
    await bot.connector.waitFor(() => visibleText(bot.connector.sentTo(chat(PEOPLE.coach))).includes('Group conference moved'));
    expect(visibleText(bot.connector.sentTo(chat(PEOPLE.coach)))).toContain('is now Wednesday 27 January');
    // The same card clicked again is out of date: the conference moved on.
    const stale = await invokeAs(bot, PEOPLE.wctl, 'conference.cancel', { planId: plan.id, conferenceId: amirasJanuary.id, conferenceVersion: amirasJanuary.version });
    expect(cardText(stale.card)).toContain('This conference changed since this card was shown.');

    // The coach opens the case list; cancelling removes the meeting from the diary and tells them.
    const cases = await invokeAs(bot, PEOPLE.coach, 'conference.cases', { conferenceId: amirasJanuary.id });
    expect(cardText(cases.card)).toContain('January 2027');
    // The outcome is the DEA's to record: the coach sees the list only.
    expect(cardVerbs({ actions: [cases.card.actions, cases.card.body] })).not.toContain('conference.outcome');
    // A case put forward for it goes to the group's next conference when it is cancelled.
    const nominated = await invokeAs(bot, PEOPLE.coach, 'conference.nominate', { conferenceId: amirasJanuary.id, note: 'Claimant with anxiety, unsure about a work trial' });
    expect(cardText(nominated.card)).toContain('Nominated');
    const current = (await store.findConference(amirasJanuary.id))!;
    const amirasFebruary = (await store.conferencesOf(plan.id)).find((c) => c.month === '2027-02' && c.groupIndex === amirasJanuary.groupIndex)!;
    const cancelled = await invokeAs(bot, PEOPLE.wctl, 'conference.cancel', { planId: plan.id, conferenceId: current.id, conferenceVersion: current.version });
    expect(cardText(cancelled.card)).toContain('Cancelled group');
    expect(cardText(cancelled.card)).toContain('The case put forward for it goes to the group’s next conference, ');
    expect(await store.casesOf(current.id)).toEqual([]);
    expect((await store.casesOf(amirasFebruary.id)).map((c) => c.note)).toEqual(['Claimant with anxiety, unsure about a work trial']);
    await bot.app.background.idle();
    expect(await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').findOneBy({ transactionId: `group-conference:${amirasJanuary.id}` })).toBeNull();
    // The conference keeps the id of the meeting taken out, to book it again under one of its own.
    expect(await store.findConference(current.id)).toMatchObject({ status: 'cancelled', eventId: current.eventId, joinUrl: null });
    await bot.connector.waitFor(() => visibleText(bot.connector.sentTo(chat(PEOPLE.coach))).includes('Group conference cancelled'));
    expect(visibleText(bot.connector.sentTo(chat(PEOPLE.coach)))).toContain('Cases put forward for it go to your group’s next conference, ');
    const gone = (await store.findConference(current.id))!;
    const again = await invokeAs(bot, PEOPLE.wctl, 'conference.move', { planId: plan.id, conferenceId: gone.id, conferenceVersion: gone.version, date: '2027-01-28', time: '14:00' });
    expect(cardText(again.card)).toContain('This conference is already cancelled.');
  });

  it('a month the top-up found no time for is the team leader’s to give a time, on the card and from the message they are sent', async () => {
    clock.at = new Date('2026-11-23T09:00:00Z');
    const directory = new SqlStaffDirectory(bot.app.dataSource);
    const dana = (await directory.findByAadObjectId(PEOPLE.dea))!;
    const events = bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent');
    const planCardUpdates = () => bot.connector.calls.filter((c) => c.method === 'PUT' && c.activity.id === 'the-plan-card');
    const lastPlanCard = () => visibleText([planCardUpdates().at(-1)!.activity]);
    await confirmedPlan(bot, dana.id, { replyToId: 'the-plan-card' });
    expect(lastPlanCard()).toContain('Nothing for you to do now: the conferences are booked.');

    // Dana works Saturday mornings only when April is planned: no time is found, and the team leader is told.
    const staff = bot.app.dataSource.getRepository<StaffRow>('Staff');
    await staff.update({ id: dana.id }, { workingHours: JSON.stringify({ sat: '09:00-13:00' }) });
    bot.connector.clear();
    clock.at = new Date('2026-12-01T06:00:00Z');
    await bot.app.jobs.runConferenceJobs();
    await bot.app.background.idle();
    await bot.app.notifier.idle();
    const told = bot.connector.sentTo(chat(PEOPLE.wctl));
    expect(told).toHaveLength(3);
    for (const g of [1, 2, 3]) expect(visibleText(told)).toContain(`Your action: give group ${g}’s April 2027 conference a time.`);
    expect(visibleText(told)).toContain('Group conference needs a time');
    expect(visibleText(bot.connector.sentTo(chat(PEOPLE.coach)))).not.toContain('April 2027');
    await bot.connector.waitFor(() => lastPlanCard().includes('Your action: give group 1’s April 2027 conference, group 2’s April 2027 conference and group 3’s April 2027 conference a time.'));

    // Dana is back on weekdays: the team leader books group 1's from the message they were sent.
    await staff.update({ id: dana.id }, { workingHours: null });
    clock.at = new Date('2026-12-01T06:01:00Z');
    const fromNotice = actionData(told.find((a) => visibleText([a]).includes('group 1’s April 2027'))!, 'conference.place')!;
    const april = await invokeAs(bot, PEOPLE.wctl, 'conference.place', { ...fromNotice, date: '2027-04-14', time: '10:00' });
    expect(cardText(april.card)).toContain('Group 1’s April 2027 conference is Wednesday 14 April 2027, 10:00 to 11:00.');
    await bot.app.background.idle();
    const aprilEvent = await events.findOneByOrFail({ transactionId: `group-conference:${String(fromNotice.conferenceId)}` });
    expect(aprilEvent.startsAt.toISOString()).toBe('2027-04-14T09:00:00.000Z');
  });

  it('a cancelled conference is given a time again while its month lasts, under a transaction id of its own; its cases stay at the next conference; once the month is over it is refused', async () => {
    clock.at = new Date('2026-11-23T09:00:00Z');
    const directory = new SqlStaffDirectory(bot.app.dataSource);
    const dana = (await directory.findByAadObjectId(PEOPLE.dea))!;
    const amira = (await directory.findByAadObjectId(PEOPLE.coach))!;
    const store = new SqlConferenceStore(bot.app.dataSource);
    const events = bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent');
    const lastPlanCard = () => visibleText([bot.connector.calls.filter((c) => c.method === 'PUT' && c.activity.id === 'the-plan-card').at(-1)!.activity]);
    const plan = await confirmedPlan(bot, dana.id, { replyToId: 'the-plan-card' });
    const conferences = await store.conferencesOf(plan.id);
    const january = conferences.find((c) => c.month === '2027-01' && c.coachIds.includes(amira.id))!;
    const february = conferences.find((c) => c.month === '2027-02' && c.groupIndex === january.groupIndex)!;
    const otherJanuary = conferences.find((c) => c.month === '2027-01' && c.groupIndex !== january.groupIndex)!;
    const group = january.groupIndex + 1;
    await invokeAs(bot, PEOPLE.coach, 'conference.nominate', { conferenceId: january.id, note: 'Returner unsure about adjustments at interview' });

    // Two January conferences cancelled: out of the diaries, Amira's case to February, each month offered back.
    await invokeAs(bot, PEOPLE.wctl, 'conference.cancel', { planId: plan.id, conferenceId: otherJanuary.id, conferenceVersion: otherJanuary.version });
    const cancelling = await invokeAs(bot, PEOPLE.wctl, 'conference.cancel', { planId: plan.id, conferenceId: january.id, conferenceVersion: january.version }, { replyToId: 'the-plan-card' });
    expect(cardText(cancelling.card)).toContain('a time. Nothing is booked for them now.');
    // The rows cancelled still show the time they had: they have nothing booked.
    expect(cardText(cancelling.card)).toContain('10 conferences are booked; 2 have nothing booked.');
    expect(cardText(cancelling.card)).not.toContain('All ');
    expect(offeredTimes(cancelling.card)).toEqual([otherJanuary.id, january.id].sort());
    await bot.app.background.idle();
    expect(await events.countBy({ transactionId: `group-conference:${january.id}` })).toBe(0);
    expect(await store.casesOf(january.id)).toEqual([]);
    expect((await store.casesOf(february.id)).map((c) => c.note)).toEqual(['Returner unsure about adjustments at interview']);

    // "Give it a time" opens the same form as for a month never booked, filled with the time it had.
    const opened = await invokeAs(bot, PEOPLE.wctl, 'conference.open', { planId: plan.id, conferenceId: january.id });
    expect(cardText(opened.card)).toContain(`Give group ${group}, January 2027 a time`);
    expect(cardText(opened.card)).toContain(`Group ${group}, January 2027 was cancelled. To hold it after all, give a date and time in the month when the DEA works`);
    expect(cardText(opened.card)).toContain('and they are told.');
    // Where its cases are is said after the click, once read: the form does not claim it.
    expect(cardText(opened.card)).not.toContain('Cases put forward');
    expect(allInputs(opened.card)).toMatchObject({ date: londonDate(january.start!), time: january.start!.toISOString().slice(11, 16) });
    // The same checks: a day Dana does not work, or a bank holiday, is refused beside the field with what was typed.
    const cancelled = (await store.findConference(january.id))!;
    const place = (date: string, time: string, c = cancelled) => invokeAs(bot, PEOPLE.wctl, 'conference.place', { planId: plan.id, conferenceId: c.id, conferenceVersion: c.version, date, time });
    const saturday = await place('2027-01-16', '10:00');
    expect(cardText(saturday.card)).toContain('Dana Morgan does not work on Saturdays.');
    expect(allInputs(saturday.card)).toMatchObject({ date: '2027-01-16', time: '10:00' });
    expect(cardText((await place('2027-01-01', '10:00')).card)).toContain('is a bank holiday for Dana Morgan.');
    expect(cardText((await invokeAs(bot, PEOPLE.coach, 'conference.place', { planId: plan.id, conferenceId: cancelled.id, conferenceVersion: cancelled.version, date: '2027-01-20', time: '11:00' })).card)).toContain('Only the team leader who made this plan can give its conferences a time.');

    // Another coach of the group has not opened the app yet: the cancel's message to them waits.
    const waiting = (await directory.findByIds(january.coachIds)).find((c) => c.id !== amira.id)!;
    const placed = await place('2027-01-20', '11:00');
    expect(cardText(placed.card)).toContain(`Group ${group}’s January 2027 conference is Wednesday 20 January 2027, 11:00 to 12:00.`);
    expect(cardText(placed.card)).toContain('and they are told it is on again.');
    expect(cardText(placed.card)).toContain('Any cases put forward for it before it was cancelled went to the group’s next conference.');
    await bot.app.background.idle();
    await bot.app.notifier.idle();
    // Those the cancel told are told it is on again, in Teams; the team leader, who did it, is not.
    const onAgain = `Nothing for you to do now: group ${group}’s January 2027 conference with Dana Morgan is on again: Wednesday 20 January 2027, 11:00 to 12:00.`;
    for (const who of [PEOPLE.coach, PEOPLE.dea]) {
      await bot.connector.waitFor(() => visibleText(bot.connector.sentTo(chat(who))).includes(onAgain));
      expect(visibleText(bot.connector.sentTo(chat(who)))).toContain('Group conference on again');
    }
    expect(visibleText(bot.connector.sentTo(chat(PEOPLE.coach)))).toMatch(/It is (being put )?in your diary, as a Teams meeting\. Any cases put forward for it before it was cancelled went to the group’s next conference\./);
    expect(visibleText(bot.connector.sentTo(chat(PEOPLE.wctl)))).not.toContain('on again');
    // The coach who had not opened the app opens it: the cancel's message, overtaken, is not sent; that it is on again is, once.
    await exchange(bot, waiting.aadObjectId, 'help');
    await bot.app.notifier.idle();
    await bot.connector.waitFor(() => visibleText(bot.connector.sentTo(chat(waiting.aadObjectId))).includes(onAgain));
    const theirs = bot.connector.sentTo(chat(waiting.aadObjectId));
    expect(theirs).toHaveLength(1);
    expect(visibleText(theirs)).not.toMatch(/moved|cancelled and taken out/);
    const booked = (await store.findConference(january.id))!;
    expect(booked).toMatchObject({ status: 'booked', start: new Date('2027-01-20T11:00:00Z'), coachIds: january.coachIds });
    // A meeting of its own: not under the conference's own transaction id, which Graph may still hold for the first.
    const second = await events.findOneByOrFail({ id: booked.eventId! });
    expect(second.transactionId).toMatch(new RegExp(`^group-conference:${january.id}:again:[0-9a-f]{16}$`));
    expect(second.startsAt.toISOString()).toBe('2027-01-20T11:00:00.000Z');
    // In Dana's diary with the group's coaches invited, as the first booking was; the case stays in February.
    expect((JSON.parse(second.attendees) as { email: string }[]).map((a) => a.email)).toEqual(expect.arrayContaining([amira.email]));
    expect(JSON.parse(second.attendees)).toHaveLength(january.coachIds.length);
    expect(await events.countBy({ mailbox: DANA })).toBe(11);
    expect(await store.casesOf(january.id)).toEqual([]);
    await bot.connector.waitFor(() => lastPlanCard().includes('Nothing is booked for it now.'));
    expect(lastPlanCard()).toContain(`Your action: give group ${otherJanuary.groupIndex + 1}’s January 2027 conference a time. Nothing is booked for it now.`);

    // Cancelled and given the same time again: yet another transaction id, and still one meeting.
    await invokeAs(bot, PEOPLE.wctl, 'conference.cancel', { planId: plan.id, conferenceId: booked.id, conferenceVersion: booked.version });
    await bot.app.background.idle();
    await place('2027-01-20', '11:00', (await store.findConference(january.id))!);
    await bot.app.background.idle();
    const third = await events.findOneByOrFail({ id: (await store.findConference(january.id))!.eventId! });
    expect(new Set([`group-conference:${january.id}`, second.transactionId, third.transactionId]).size).toBe(3);
    expect(await events.countBy({ mailbox: DANA })).toBe(11);

    // Once January is over, the other one is refused as a month never booked is, and no longer offered.
    clock.at = new Date('2027-02-01T10:00:00Z');
    const left = (await store.findConference(otherJanuary.id))!;
    const late = await place('2027-01-29', '10:00', left);
    expect(cardText(late.card)).toContain('That month is over, so this conference can no longer be given a time.');
    expect(offeredTimes(late.card)).toEqual([]);
    expect(cardText((await invokeAs(bot, PEOPLE.wctl, 'conference.open', { planId: plan.id, conferenceId: left.id })).card)).toContain('This conference is cancelled.');
    expect(await store.findConference(left.id)).toMatchObject({ status: 'cancelled', version: left.version });
  });

  it('the last month of a group cancelled keeps its cases (there is no next conference): given a time again, the note and the message say they are still on it', async () => {
    clock.at = new Date('2026-11-23T09:00:00Z');
    const directory = new SqlStaffDirectory(bot.app.dataSource);
    const dana = (await directory.findByAadObjectId(PEOPLE.dea))!;
    const amira = (await directory.findByAadObjectId(PEOPLE.coach))!;
    const store = new SqlConferenceStore(bot.app.dataSource);
    const plan = await confirmedPlan(bot, dana.id);
    const march = (await store.conferencesOf(plan.id)).find((c) => c.month === '2027-03' && c.coachIds.includes(amira.id))!;
    await invokeAs(bot, PEOPLE.coach, 'conference.nominate', { conferenceId: march.id, note: 'Returner unsure about adjustments at interview' });
    const cancelled = await invokeAs(bot, PEOPLE.wctl, 'conference.cancel', { planId: plan.id, conferenceId: march.id, conferenceVersion: march.version });
    expect(cardText(cancelled.card)).not.toContain('next conference');
    await bot.app.background.idle();
    expect(await store.casesOf(march.id)).toHaveLength(1);

    const gone = (await store.findConference(march.id))!;
    const placed = await invokeAs(bot, PEOPLE.wctl, 'conference.place', { planId: plan.id, conferenceId: gone.id, conferenceVersion: gone.version, date: londonDate(march.start!), time: londonClock(march.start!) });
    expect(cardText(placed.card)).toContain('The case put forward for it is still on it.');
    expect(cardText(placed.card)).not.toContain('went to the next conference');
    await bot.app.background.idle();
    await bot.app.notifier.idle();
    await bot.connector.waitFor(() => visibleText(bot.connector.sentTo(chat(PEOPLE.coach))).includes('Group conference on again'));
    expect(visibleText(bot.connector.sentTo(chat(PEOPLE.coach)))).toContain('The case put forward for it is still on it.');
    expect(bot.cardProblems).toEqual([]);
  });

  it('the plan card counts one conference as one, and a message overtaken by the team leader’s own click is not sent to them', async () => {
    clock.at = new Date('2026-11-23T09:00:00Z');
    const directory = new SqlStaffDirectory(bot.app.dataSource);
    const dana = (await directory.findByAadObjectId(PEOPLE.dea))!;
    const tom = (await directory.findByAadObjectId(PEOPLE.wctl))!;
    const amira = (await directory.findByAadObjectId(PEOPLE.coach))!;
    const store = new SqlConferenceStore(bot.app.dataSource);
    const hour = (day: string) => ({ start: new Date(`${day}T10:00:00Z`), end: new Date(`${day}T11:00:00Z`) });
    const made = await store.createPlan(
      { deaId: dana.id, wctlId: tom.id, durationMinutes: 60, inviteWctl: false, workPsychologistId: null, groups: [[amira.id]], warning: null, meetingMethod: 'teams', venue: null, room: null, timeOfDay: 'any' },
      [
        { month: '2026-12', groupIndex: 0, ...hour('2026-12-09'), coachIds: [amira.id], clashes: [], status: 'booked' },
        { month: '2027-01', groupIndex: 0, ...hour('2027-01-13'), coachIds: [amira.id], clashes: [], status: 'cancelled' },
      ],
      clock.now(),
    );
    await store.updatePlan(made.id, made.version, { status: 'confirmed' }, clock.now());
    const [december, january] = await store.conferencesOf(made.id);
    // January was cancelled with its meeting's id kept: it can be given a time again, so it has nothing booked.
    await store.updateConference(january!.id, january!.version, { eventId: 'the-removed-meeting' }, clock.now());
    const open = () => invokeAs(bot, PEOPLE.wctl, 'conference.open', { planId: made.id, conferenceId: december!.id });
    expect(cardText((await open()).card)).toContain('1 conference is booked; 1 has nothing booked.');
    await store.updateConference(january!.id, january!.version + 1, { eventId: null }, clock.now());
    expect(cardText((await open()).card)).toContain('1 conference is booked.');

    // The team leader is sent a conference's change only for a month with no time: drawn once it has one
    // (they gave it), it is not sent; a move reaches a coach as before.
    const outbox = new Outbox(bot.app.dataSource);
    bot.connector.clear();
    await bot.app.notifier.deliver(await outbox.enqueue(PEOPLE.wctl, 'conference_changed', december!.id, clock.now()));
    await bot.app.notifier.deliver(await outbox.enqueue(PEOPLE.coach, 'conference_changed', december!.id, clock.now()));
    expect(bot.connector.sentTo(chat(PEOPLE.wctl))).toEqual([]);
    expect(visibleText(bot.connector.sentTo(chat(PEOPLE.coach)))).toContain('Group conference moved');
  });

  it('a plan held for five years keeps its card under 20,000 characters: the coming months, the last one held, and what is still to do from older months (a check list or an outcome due)', async () => {
    clock.at = new Date('2026-11-23T09:00:00Z');
    const directory = new SqlStaffDirectory(bot.app.dataSource);
    const dana = (await directory.findByAadObjectId(PEOPLE.dea))!;
    const store = new SqlConferenceStore(bot.app.dataSource);
    const plan = await confirmedPlan(bot, dana.id);
    const confirmed = (await store.findPlan(plan.id))!;
    // Sixty months held before this one, November 2021 to October 2026, a conference a group each.
    await store.addConferences(plan.id, historyOf(confirmed.groups, '2021-11', 60, (month, g) => (month === '2025-03' && g === 1 ? 'booked' : 'held')), clock.now());
    const all = await store.conferencesOf(plan.id);
    const first = all.filter((c) => c.month <= '2022-01');
    // December 2021's check list was recorded; November 2021's and January 2022's are still due.
    const december = first.find((c) => c.month === '2021-12')!;
    await store.recordQas({ planId: plan.id, conferenceId: december.id, month: december.month, checkedById: confirmed.wctlId, result: 'met', comments: null, at: clock.now() });
    const coming = all.find((c) => c.month === '2026-12')!;

    const { card } = await invokeAs(bot, PEOPLE.wctl, 'conference.open', { planId: plan.id, conferenceId: coming.id });
    const text = cardText(card);
    // Under the size the lists keep to, and the bot's own 40 KB check (below).
    expect(JSON.stringify(card).length).toBeLessThan(20_000);
    // This month's on, and the last one held, in full.
    for (const month of ['October 2026', 'December 2026', 'January 2027', 'February 2027', 'March 2027']) expect(text).toContain(month);
    // The months whose check list is due stay, and the team leader is told what to do.
    expect(text).toContain('Your action: record the Group Case Conference Check List for November 2021 and January 2022');
    // A conference long past still booked waits for its outcome: it stays too; the rest are summed up in a line.
    expect(text).toContain('59 earlier months held since November 2021 are not shown; what is still to do from them is under the dates.');
    expect(text).toMatch(/Still to do from earlier months\nGroup 1, November 2021: the check list is due\n[^\n]*\n[^\n]*\nGroup 1, January 2022: the check list is due\n[^\n]*\n[^\n]*\nGroup 2, March 2025: the outcome is not recorded yet\n/);
    for (const month of ['December 2021', 'June 2024', 'September 2026']) expect(text).not.toContain(month);
    // Opening a held conference whose check list is due shows its summary, with the check list to record.
    const due = first.find((c) => c.month === '2021-11' && c.groupIndex === 0)!;
    expect(actionData(card, 'conference.cases')).toEqual({ conferenceId: due.id });
    const summary = await invokeAs(bot, PEOPLE.wctl, 'conference.cases', { conferenceId: due.id });
    expect(cardText(summary.card)).toContain('This month’s check is due.');
    expect(cardVerbs({ actions: [summary.card.actions, summary.card.body] })).toContain('conference.qas');
    expect(bot.cardProblems).toEqual([]);
  });

  it('the nominate form reads the same rows however long the plans have run and however many other plans there are', async () => {
    clock.at = new Date('2026-11-23T09:00:00Z');
    const directory = new SqlStaffDirectory(bot.app.dataSource);
    const dana = (await directory.findByAadObjectId(PEOPLE.dea))!;
    const amira = (await directory.findByAadObjectId(PEOPLE.coach))!;
    const store = new SqlConferenceStore(bot.app.dataSource);
    const plan = await confirmedPlan(bot, dana.id);
    const confirmed = (await store.findPlan(plan.id))!;
    const amirasNext = (await store.conferencesOf(plan.id)).filter((c) => c.coachIds.includes(amira.id)).sort((a, b) => a.start!.getTime() - b.start!.getTime());

    /** The rows the conference reads of a `nominate case` send back, and the form's choices. */
    const measure = async (who: string) => {
      await exchange(bot, who, 'nominate case');
      let form: unknown = null;
      const sent = await statementsDuring(bot.app.dataSource, async () => (form = await exchange(bot, who, 'nominate case')));
      const reads = sent.filter((s) => /^SELECT/i.test(s.sql) && /"(group_conference|conference_plan)"/.test(s.sql));
      let rows = 0;
      for (const read of reads) rows += ((await bot.app.dataSource.query(read.sql, read.parameters)) as unknown[]).length;
      return { statements: sent.length, rows, form: JSON.stringify(form).replace(/"replyToId":"[^"]*"/, '') };
    };
    const coachBefore = await measure(PEOPLE.coach);
    const leaderBefore = await measure(PEOPLE.wctl);
    // A coach's next two; the team leader's next of each group.
    for (const c of amirasNext.slice(0, 2)) expect(coachBefore.form).toContain(c.id);
    expect(coachBefore.form).not.toContain(amirasNext[2]!.id);
    expect(leaderBefore.form.match(/Group \d, December 2026: /g)).toHaveLength(3);

    // Five years of history, and twenty other DEAs' confirmed plans with theirs.
    await store.addConferences(plan.id, historyOf(confirmed.groups, '2021-11', 60, () => 'held'), clock.now());
    const others = (await bot.app.dataSource.query('SELECT id FROM staff WHERE id NOT IN (?, ?, ?) ORDER BY id LIMIT 20', [dana.id, amira.id, confirmed.wctlId])) as { id: string }[];
    for (const { id } of others) {
      const other = await store.createPlan({ ...confirmed, deaId: id, wctlId: id, groups: [[id]] }, [...historyOf([[id]], '2021-11', 60, () => 'held'), ...historyOf([[id]], '2026-12', 4, () => 'booked')], clock.now());
      await store.updatePlan(other.id, other.version, { status: 'confirmed' }, clock.now());
    }
    const coachAfter = await measure(PEOPLE.coach);
    const leaderAfter = await measure(PEOPLE.wctl);
    expect(coachAfter).toEqual(coachBefore);
    expect(leaderAfter).toEqual(leaderBefore);
    // Bounded in SQL: every read of the plans and conferences is limited.
    const sent = await statementsDuring(bot.app.dataSource, () => exchange(bot, PEOPLE.wctl, 'nominate case'));
    for (const read of sent.filter((s) => /^SELECT/i.test(s.sql) && /"(group_conference|conference_plan)"/.test(s.sql))) expect(read.sql).toMatch(/LIMIT \d+|WHERE .*"id" = /);
  });

  it('a coach joining when every group has 10 gets a group of their own, and the plan card says why', async () => {
    clock.at = new Date('2026-11-23T09:00:00Z');
    const directory = new SqlStaffDirectory(bot.app.dataSource);
    const dana = (await directory.findByAadObjectId(PEOPLE.dea))!;
    const store = new SqlConferenceStore(bot.app.dataSource);
    const plan = await confirmedPlan(bot, dana.id, { replyToId: 'the-plan-card' });

    const sofia = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000006'))!;
    await bot.app.dataSource.getRepository<StaffRow>('Staff').update({ id: sofia.id }, { deaId: dana.id });
    await bot.app.dataSource.getRepository('StaffRole').insert({ staffId: sofia.id, role: 'work_coach' });
    directoryChanged();
    bot.connector.clear();
    clock.at = new Date('2026-11-23T09:20:00Z');
    await bot.app.jobs.runConferenceJobs();
    await bot.app.background.idle();
    const confirmed = (await store.findPlan(plan.id))!;
    expect(confirmed.groups.map((g) => g.length)).toEqual([10, 10, 10, 1]);
    const card = () => visibleText([bot.connector.calls.filter((c) => c.method === 'PUT' && c.activity.id === 'the-plan-card').at(-1)!.activity]);
    await bot.connector.waitFor(() => card().includes('All 16 conferences are booked.'));
    expect(card()).toContain('⚠ Sofia Russo joined Dana Morgan’s cohort when every group already had 10 work coaches, so group 4 was added rather than go over 10.');
    expect(card()).toContain('**Group 4** (1): Sofia Russo');
    const rows = await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').find({ where: { mailbox: DANA } });
    expect(rows).toHaveLength(16);
    expect(rows.every((r) => JSON.parse(r.attendees).length <= 10)).toBe(true);
  });
});

describe('drafting a plan while Microsoft Graph is slow or failing (local stand-in)', () => {
  let graph: GraphStandIn;
  let bot: TestBot;
  beforeEach(async () => {
    graph = await GraphStandIn.start();
    // Late in a month, as above: a plan of four months, twelve conferences.
    bot = await startTestBot({ env: graph.botEnv(), clock: new TestClock(new Date('2026-11-23T09:00:00Z')) });
    await exchange(bot, PEOPLE.wctl, 'help');
  });
  afterEach(async () => {
    await bot.close();
    await graph.close();
  });

  /** What the team leader typed and chose on the plan's first card. */
  const TYPED = { durationMinutes: '90', meetingMethod: 'face_to_face', venue: 'Leeds Jobcentre', room: 'Room 2', timeOfDay: 'morning', inviteWctl: 'true' };
  const SCHEDULES = /calendar\/getSchedule$|\$batch$/;

  /** Dana, and the draft made for her while Graph answered: a later try that cannot read the diaries must leave it as it is. */
  async function earlierDraft(): Promise<{ deaId: string; store: SqlConferenceStore; plans: () => Promise<string[]> }> {
    const dana = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.dea))!;
    const store = new SqlConferenceStore(bot.app.dataSource);
    await invokeAs(bot, PEOPLE.wctl, 'conference.draft', { deaId: dana.id, durationMinutes: '60' });
    const plans = async () => (await store.plansForDea(dana.id, ['draft', 'confirmed', 'cancelled'])).map((p) => `${p.id} ${p.status} ${p.durationMinutes}`);
    expect(await plans()).toEqual([expect.stringMatching(/ draft 60$/)]);
    return { deaId: dana.id, store, plans };
  }

  /** The form as it was sent, with the note, and nothing else to click. */
  function expectFormAsSent(card: Record<string, unknown>, deaId: string, note: string): void {
    expect(cardText(card)).toContain(note);
    expect(cardInputs(card)).toMatchObject({ deaId, ...TYPED });
    expect(cardVerbs(card)).toEqual(['conference.draft']);
  }

  it('Graph throttling the diaries (429, Retry-After 5 s: all of Teams’ time for a click): answered in Teams’ time with the form as sent, and nothing changed', async () => {
    const { deaId, plans } = await earlierDraft();
    const before = await plans();
    graph.failNext({ path: SCHEDULES, status: 429, retryAfterSeconds: 5, times: Infinity });
    const since = Date.now();
    const throttled = await invokeAs(bot, PEOPLE.wctl, 'conference.draft', { deaId, ...TYPED });
    expect(Date.now() - since).toBeLessThan(4_800);
    expectFormAsSent(throttled.card, deaId, 'Reading the diaries is taking too long, so no plan was made and nothing was changed. Choose Find times again in a moment. What you typed is kept.');
    expect(await plans()).toEqual(before);
  });

  it('a slow Graph: the diaries read after the click was answered save nothing; once Graph is quick the plan is made', async () => {
    const { deaId, plans } = await earlierDraft();
    const before = await plans();
    // Slower than the plan's 3.5 s for reading the diaries.
    graph.setLatency(4_000);
    const since = Date.now();
    const slow = await invokeAs(bot, PEOPLE.wctl, 'conference.draft', { deaId, ...TYPED });
    expect(Date.now() - since).toBeLessThan(4_800);
    expectFormAsSent(slow.card, deaId, 'Reading the diaries is taking too long, so no plan was made and nothing was changed.');
    // The read carries on after the answer; once it lands, still nothing is written.
    await until(() => bot.logs.some((line) => line.includes('conference plan read after the click was answered')), 20_000);
    expect(await plans()).toEqual(before);

    graph.setLatency(5);
    const drafted = await invokeAs(bot, PEOPLE.wctl, 'conference.draft', { deaId, ...TYPED });
    expect(cardText(drafted.card)).toContain('Nothing is booked until you confirm.');
    const after = await plans();
    expect(after).toHaveLength(2);
    expect(after).toEqual(expect.arrayContaining([before[0]!.replace(' draft ', ' cancelled '), expect.stringMatching(/ draft 90$/)]));
  });

  it('a time typed for one conference while Graph is throttled: the plan comes back in Teams’ time with that form open as typed, and nothing changed', async () => {
    const { deaId, store } = await earlierDraft();
    const [plan] = await store.plansForDea(deaId, ['draft']);
    const conference = (await store.conferencesOf(plan!.id)).find((c) => c.month === '2027-01' && c.groupIndex === 0)!;
    graph.failNext({ path: SCHEDULES, status: 429, retryAfterSeconds: 5, times: Infinity });
    const since = Date.now();
    const late = await invokeAs(bot, PEOPLE.wctl, 'conference.change', { planId: plan!.id, version: plan!.version, conferenceId: conference.id, date: '2027-01-20', time: '14:00' });
    expect(Date.now() - since).toBeLessThan(4_500);
    expect(cardText(late.card)).toContain('Reading the diaries is taking too long, so nothing was changed. Choose Change it again in a moment. What you typed is kept.');
    expect(cardText(late.card)).toContain('Change group 1, January 2027');
    expect(cardInputs(late.card)).toMatchObject({ date: '2027-01-20', time: '14:00' });
    expect(await store.findConference(conference.id)).toMatchObject({ version: conference.version, start: conference.start });
  });

  it('a cancelled conference given a time again before its meeting could be taken out of the diary: the old meeting goes first, never both, and the new one has a transaction id of its own', async () => {
    const dana = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.dea))!;
    const store = new SqlConferenceStore(bot.app.dataSource);
    const plan = await confirmedPlan(bot, dana.id);
    expect(graph.events(DANA)).toHaveLength(12);
    const january = (await store.conferencesOf(plan.id)).find((c) => c.month === '2027-01' && c.groupIndex === 0)!;
    // Graph will not delete for now: the cancel's diary work waits to be tried again.
    graph.failNext({ path: /\/events\/[^/]+$/, method: 'DELETE', status: 500, times: Infinity });
    await invokeAs(bot, PEOPLE.wctl, 'conference.cancel', { planId: plan.id, conferenceId: january.id, conferenceVersion: january.version });
    await bot.app.background.idle();
    const cancelled = (await store.findConference(january.id))!;
    expect(cancelled).toMatchObject({ status: 'cancelled', eventId: january.eventId });
    expect(graph.events(DANA).map((e) => e.id)).toContain(january.eventId);

    // Given a time meanwhile: nothing new is written while the old meeting is still there.
    const placed = await invokeAs(bot, PEOPLE.wctl, 'conference.place', { planId: plan.id, conferenceId: cancelled.id, conferenceVersion: cancelled.version, date: '2027-01-20', time: '11:00' });
    expect(cardText(placed.card)).toContain('Any cases put forward for it before it was cancelled went to the group’s next conference.');
    await bot.app.background.idle();
    expect(await store.findConference(january.id)).toMatchObject({ status: 'failed', eventId: january.eventId });
    expect(graph.events(DANA)).toHaveLength(12);

    // Graph answers again: trying again takes the old meeting out, then writes the new one.
    graph.clearFaults();
    await invokeAs(bot, PEOPLE.wctl, 'conference.retry', { planId: plan.id });
    await bot.app.background.idle();
    const booked = (await store.findConference(january.id))!;
    expect(booked).toMatchObject({ status: 'booked', start: new Date('2027-01-20T11:00:00Z') });
    const diary = graph.events(DANA);
    expect(diary).toHaveLength(12);
    expect(diary.map((e) => e.id)).not.toContain(january.eventId);
    const again = diary.find((e) => e.id === booked.eventId)!;
    expect(again.transactionId).toMatch(new RegExp(`^group-conference:${january.id}:again:[0-9a-f]{16}$`));
    expect(again.start.toISOString()).toBe('2027-01-20T11:00:00.000Z');
  });

  it('Graph failing to read the diaries: the form as sent, saying so, and nothing changed; a refusal is answered as before', async () => {
    const { deaId, plans } = await earlierDraft();
    const before = await plans();
    graph.failNext({ path: SCHEDULES, status: 500, times: Infinity });
    const failed = await invokeAs(bot, PEOPLE.wctl, 'conference.draft', { deaId, ...TYPED });
    expect(failed.status).toBe(200);
    expectFormAsSent(failed.card, deaId, 'The diaries could not be read just now, so no plan was made and nothing was changed. Choose Find times again in a minute. What you typed is kept.');
    expect(await plans()).toEqual(before);
    // Refused before the diaries are read: the problem beside its field, as ever.
    const refused = await invokeAs(bot, PEOPLE.wctl, 'conference.draft', { deaId, ...TYPED, venue: '' });
    expect(cardText(refused.card)).toContain('Enter the jobcentre where the groups meet.');
    expect(cardText(refused.card)).not.toContain('diaries');
    expect(await plans()).toEqual(before);
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
