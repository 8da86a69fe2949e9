import { applySeed } from '../../data/seed/apply-seed';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import type { Clock } from '../../domain/ports';
import type { SupportRequest } from '../../domain/requests/support-request';
import { cardInputs, cardText, cardVerbs, exchange, invokeAs, linesTo, PEOPLE, startTestBot, visibleText, type TestBot, choiceValues } from '../support/test-bot';

const WP = '00000000-0000-4000-8000-000000000007';
const EA = '00000000-0000-4000-8000-000000000008';
const DAY = 86_400_000;

class MovableClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

async function settle(bot: TestBot): Promise<void> {
  await bot.app.background.idle();
  await bot.app.notifier.idle();
}

/** A skill conference that has been held: the DEA records its outcome (seed §18). */
async function heldSkillConference(bot: TestBot, clock: MovableClock): Promise<SupportRequest> {
  const store = new SqlSupportRequestStore(bot.app.dataSource);
  const coach = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.coach))!;
  const created = await store.create(
    { type: 'skill_support', requesterId: coach.id, deaId: coach.deaId!, claimant: null, topic: 'retention', description: 'Keeping a colleague in work after a stroke.', reason: null, requiredBy: null, urgent: false, vulnerability: null },
    new Date(),
  );
  await invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: created.id, version: 1, channel: 'skill_conference' });
  let r = (await store.findById(created.id))!;
  const bookable = (await invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: r.id, version: r.version })).card;
  const slot = choiceValues(bookable, 'slot')[0]!;
  await invokeAs(bot, PEOPLE.dea, 'booking.book', { requestId: r.id, version: r.version, slot, durationMinutes: '60', mode: 'teams' });
  await settle(bot);
  clock.offsetMs = new Date(slot).getTime() + 2 * 3_600_000 - Date.now();
  await bot.app.jobs.markEndedMeetings!();
  await settle(bot);
  r = (await store.findById(created.id))!;
  expect(r.status).toBe('held');
  return r;
}

describe('actions that outcomes start, for named people of the jobcentre', () => {
  let bot: TestBot;
  let clock: MovableClock;
  beforeEach(async () => {
    clock = new MovableClock();
    bot = await startTestBot({ clock });
    for (const who of [PEOPLE.coach, PEOPLE.dea, WP, EA]) await exchange(bot, who, 'help');
    bot.connector.clear();
  });
  afterEach(async () => bot.close());

  it('gives each action to the person of that role, says plainly when there is nobody, and tracks it to done', async () => {
    const request = await heldSkillConference(bot, clock);
    bot.connector.clear();
    const recorded = await invokeAs(bot, PEOPLE.dea, 'outcome.record', {
      requestId: request.id,
      version: request.version,
      actions: 'Coach to read the retention guide.',
      nextSteps: 'work_psychologist_action,employer_adviser_action,tpp_manager_action',
      summary: 'Retention guidance shared.',
    });
    const note = cardText(recorded.card);
    expect(note).toContain('Work Psychologist action: for Paul Avery');
    expect(note).toContain('Employer Adviser action: for Grace Adeyemi');
    expect(note).toContain('Third Party Provision Manager action: nobody at Crawley is a Third Party Provision manager in the staff directory');
    await settle(bot);

    // Each person of the role gets the action's card to accept; the DEA is told plainly about the one nobody can take.
    const toWp = bot.connector.sentTo(`a:personal-${WP}`);
    expect(visibleText(toWp)).toContain(`${request.reference}: Work Psychologist action`);
    expect(visibleText(toWp)).toContain('This action is for you. Accept it');
    expect(visibleText(bot.connector.sentTo(`a:personal-${EA}`))).toContain(`${request.reference}: Employer Adviser action`);
    // The work coach is told, on the card they hold, that the DEA recorded what was shared with them (seed §17).
    expect(linesTo(bot, PEOPLE.coach)).toEqual([expect.stringMatching(new RegExp(`^${request.reference}: Dana Morgan recorded the outcome of the skill conference\\.`))]);
    const toDea = visibleText(bot.connector.sentTo(`a:personal-${PEOPLE.dea}`));
    expect(toDea).toContain('Nobody at Crawley is a Third Party Provision manager in the staff directory');
    // Nothing of the case but its reference goes to the people doing the actions.
    expect(visibleText(toWp)).not.toContain('stroke');

    const actionId = JSON.stringify(toWp).match(/"actionId":"([0-9a-f-]{36})"/)![1]!;
    // Not the work psychologist: the click is refused and shows nothing of the action.
    const stranger = await invokeAs(bot, PEOPLE.wctl, 'action.accept', { actionId, version: 1 });
    expect(cardText(stranger.card)).toContain('does not exist, or is not yours to see');
    expect(cardText(stranger.card)).not.toContain(request.reference);
    const byDea = await invokeAs(bot, PEOPLE.dea, 'action.accept', { actionId, version: 1 });
    expect(cardText(byDea.card)).toContain('Only the person this action is for can accept it');

    const accepted = await invokeAs(bot, WP, 'action.accept', { actionId, version: 1 });
    expect(cardText(accepted.card)).toContain('Accepted. Record it done here when it is.');
    // The copy posted to the work psychologist is updated in place.
    await settle(bot);
    const updates = bot.connector.calls.filter((c) => c.method === 'PUT' && c.conversationId === `a:personal-${WP}`);
    expect(visibleText(updates.map((u) => u.activity))).toContain('You accepted this action.');
    expect(cardVerbs(accepted.card)).toEqual(['action.complete']);
    const empty = await invokeAs(bot, WP, 'action.complete', { actionId, version: 2, doneNote: ' ' });
    expect(cardText(empty.card)).toContain('Say what was done.');
    bot.connector.clear();
    const done = await invokeAs(bot, WP, 'action.complete', { actionId, version: 2, doneNote: 'Awareness session on retention booked for the cohort.' });
    expect(cardText(done.card)).toContain('Recorded as done.');
    expect(cardVerbs(done.card)).toEqual([]);
    await settle(bot);
    for (const who of [PEOPLE.dea, PEOPLE.coach]) {
      const told = visibleText(bot.connector.sentTo(`a:personal-${who}`));
      expect(told).toContain('Awareness session on retention booked for the cohort.');
      expect(told).toContain('Done on');
    }

    // Their list of actions.
    const list = visibleText(await exchange(bot, WP, 'my actions'));
    expect(list).toContain(`${request.reference}: Work Psychologist action`);
    expect(list).toMatch(/Done/);
    const deaList = visibleText(await exchange(bot, PEOPLE.dea, 'my actions'));
    expect(deaList).toContain('2 open');

    // Overdue: the employer adviser (and the DEA, for the one nobody has) are reminded once a week.
    bot.connector.clear();
    clock.offsetMs += 15 * DAY;
    expect(await bot.app.jobs.remindOverdueActions!()).toBe(2);
    expect(await bot.app.jobs.remindOverdueActions!()).toBe(0);
    await settle(bot);
    expect(visibleText(bot.connector.sentTo(`a:personal-${EA}`))).toContain(`Overdue: ${request.reference}: Employer Adviser action`);
    expect(visibleText(bot.connector.sentTo(`a:personal-${PEOPLE.dea}`))).toContain(`Overdue: ${request.reference}: Third Party Provision Manager action`);
  });

  it('a Work Psychologist action goes to the DEA’s work psychologist when they work at another jobcentre of the district', async () => {
    // The district's only work psychologist now works at Horsham; the coach and the DEA are at Crawley.
    await applySeed(bot.app.dataSource, { jobcentres: [], staff: [{ aadObjectId: WP, name: 'Paul Avery', email: 'paul.avery@jobcentre.example', roles: ['work_psychologist'], jobcentre: 'Horsham' }] });
    const request = await heldSkillConference(bot, clock);
    bot.connector.clear();
    const recorded = await invokeAs(bot, PEOPLE.dea, 'outcome.record', { requestId: request.id, version: request.version, actions: 'Coach to read the retention guide.', nextSteps: 'work_psychologist_action', summary: 'Retention guidance shared.' });
    expect(cardText(recorded.card)).toContain('Work Psychologist action: for Paul Avery');
    await settle(bot);
    expect(visibleText(bot.connector.sentTo(`a:personal-${WP}`))).toContain(`${request.reference}: Work Psychologist action`);
    expect(visibleText(bot.connector.sentTo(`a:personal-${PEOPLE.dea}`))).not.toContain('Nobody');
  });

  it('what was done, typed on an action that changed meanwhile, comes back: filled in while the form is on the card, in the note once it is not', async () => {
    const request = await heldSkillConference(bot, clock);
    await invokeAs(bot, PEOPLE.dea, 'outcome.record', { requestId: request.id, version: request.version, actions: 'Coach to read the retention guide.', nextSteps: 'work_psychologist_action', summary: 'Retention guidance shared.' });
    await settle(bot);
    const actionId = JSON.stringify(bot.connector.sentTo(`a:personal-${WP}`)).match(/"actionId":"([0-9a-f-]{36})"/)![1]!;
    await invokeAs(bot, WP, 'action.accept', { actionId, version: 1 });
    const allInputs = (card: Record<string, unknown>) => ({ ...cardInputs({ body: card.actions }), ...cardInputs(card) });

    // A card older than the action: the form is still there, and comes back with what was typed.
    const first = 'Retention guide sent; a call with the coach booked for Friday.';
    const stale = await invokeAs(bot, WP, 'action.complete', { actionId, version: 1, doneNote: first });
    expect(cardText(stale.card)).toContain('The action changed since this card was shown.');
    expect(allInputs(stale.card)).toMatchObject({ doneNote: first });
    expect(cardText(stale.card)).not.toContain('What you typed:');

    // Recorded done from another copy meanwhile: the form is gone, so what was typed is in the note, to copy.
    await invokeAs(bot, WP, 'action.complete', { actionId, version: 2, doneNote: 'Awareness session on retention booked for the cohort.' });
    const second = 'Also sent the coach the reasonable adjustments checklist.';
    const late = await invokeAs(bot, WP, 'action.complete', { actionId, version: 2, doneNote: second });
    const text = cardText(late.card);
    expect(text).toContain('This action is already recorded as done. Nothing was changed.');
    expect(cardVerbs(late.card)).toEqual([]);
    expect(text).toContain(`What you typed: “${second}”`);
    expect(bot.cardProblems).toEqual([]);
  });
});
