import type { HcpActivityRow } from '../../data/schema/hcp-activity';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { TestClock } from '../support/conference-fixture';
import { cardInputs, cardText, exchange, firstCard, invokeAs, PEOPLE, startTestBot, type TestBot } from '../support/test-bot';

const MANAGER = '00000000-0000-4000-8000-000000000005'; // Mark Ellis, activity manager, Surrey and Sussex

/** Rules of HCP activity not seen on the way through the journey: each fails here if it breaks. */
describe('HCP activity rules at the edges (real HTTP, real SQLite)', () => {
  let bot: TestBot;
  // Monday 23 November 2026, 10:00 in London.
  const clock = new TestClock(new Date('2026-11-23T10:00:00Z'));
  const start = async (env: Record<string, string> = {}) => {
    clock.at = new Date('2026-11-23T10:00:00Z');
    bot = await startTestBot({ clock, env });
    for (const who of [PEOPLE.hcp, MANAGER]) await exchange(bot, who, 'help');
  };
  afterEach(async () => {
    expect(bot.cardProblems).toEqual([]);
    await bot.close();
  });
  const crawley = async () => (await bot.app.dataSource.getRepository<{ id: string; name: string }>('Jobcentre').findOneByOrFail({ name: 'Crawley' })).id;
  const helen = async () => (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.hcp))!.id;
  const activities = () => bot.app.dataSource.getRepository<HcpActivityRow>('HcpActivity').find({ order: { createdAt: 'ASC' } });
  /** Inputs anywhere on a card, including its ShowCard forms. */
  const allInputs = (card: Record<string, unknown>) => ({ ...cardInputs({ body: card.actions }), ...cardInputs(card) });
  const notes = () => bot.app.dataSource.getRepository<{ id: string; version: number; status: string; body: string }>('HcpWeeklyNote').find();

  it('activity is recorded once it has started, not before', async () => {
    await start();
    const later = { kind: 'presentation', date: '2026-11-23', start: '15:00', end: '16:00', jobcentreId: await crawley(), takingPart: 'Crawley coaches', note: 'Back pain and work' };
    expect(cardText((await invokeAs(bot, PEOPLE.hcp, 'hcp.record', later)).card)).toContain('record the activity once it has started');
    expect(await bot.app.dataSource.getRepository('HcpActivity').count()).toBe(0);
  });

  it('retention work the manager sets is recorded as held only when the HCP confirms they advised only', async () => {
    await start();
    await invokeAs(bot, MANAGER, 'hcp.setActivity', { hcpId: await helen(), kind: 'retention', date: '2026-11-23', start: '14:00', end: '15:00', jobcentreId: await crawley(), note: 'Retention case RET-000001 with the employer adviser', caseReference: 'RET-000001' });
    clock.at = new Date('2026-11-23T15:10:00Z');
    let activity = (await bot.app.dataSource.getRepository<HcpActivityRow>('HcpActivity').find())[0]!;
    const refused = await invokeAs(bot, PEOPLE.hcp, 'hcp.complete', { activityId: activity.id, version: activity.version, takingPart: 'Employer adviser', note: 'Adjustments to suggest' });
    expect(cardText(refused.card)).toContain('an HCP never represents a claimant');
    activity = (await bot.app.dataSource.getRepository<HcpActivityRow>('HcpActivity').find())[0]!;
    expect(activity.status).toBe('planned');
    const held = await invokeAs(bot, PEOPLE.hcp, 'hcp.complete', { activityId: activity.id, version: activity.version, takingPart: 'Employer adviser', note: 'Adjustments to suggest', consultative: 'true' });
    expect(cardText(held.card)).toContain('Recorded as held.');
  });

  it('supporting activity only in the HCP’s working day: a presentation on a Saturday evening is refused beside its fields, with what was typed kept, and not counted', async () => {
    await start();
    // Monday 13 April 2026, 10:00 in London (summer time).
    clock.at = new Date('2026-04-13T09:00:00Z');
    const saturday = { kind: 'presentation', date: '2026-04-11', start: '20:00', end: '22:30', jobcentreId: await crawley(), takingPart: 'Crawley coaches', note: 'Back pain and work', caseReference: '', caseCount: '', consultative: '', adHoc: '' };
    const refused = await invokeAs(bot, PEOPLE.hcp, 'hcp.record', saturday);
    const text = cardText(refused.card);
    expect(text).toContain('Saturday 11 April 2026 is not a working day: HCPs work 08:30 to 17:00, Monday to Friday. Choose a weekday.');
    expect(text).toContain('HCPs work 08:30 to 17:00, Monday to Friday: choose a time within that.');
    expect(allInputs(refused.card)).toMatchObject({ date: '2026-04-11', start: '20:00', end: '22:30', note: 'Back pain and work', takingPart: 'Crawley coaches' });
    // Nor on Good Friday, nor after 17:00 on a working day.
    expect(cardText((await invokeAs(bot, PEOPLE.hcp, 'hcp.record', { ...saturday, date: '2026-04-03', start: '10:00', end: '11:00' })).card)).toContain('Friday 3 April 2026 is a bank holiday (Good Friday), when HCPs do not work');
    expect(cardText((await invokeAs(bot, PEOPLE.hcp, 'hcp.record', { ...saturday, date: '2026-04-10', start: '16:00', end: '17:30' })).card)).toContain('HCPs work 08:30 to 17:00, Monday to Friday: choose a time within that.');
    expect(await activities()).toEqual([]);
    expect(cardText((await invokeAs(bot, PEOPLE.hcp, 'hcp.record', { ...saturday, date: '2026-04-10', start: '16:00', end: '17:00' })).card)).toContain('Recorded: presentation to a team or office on Friday 10 April 2026.');
    // The team leader cannot set aside a Sunday for a group case conference either.
    await exchange(bot, PEOPLE.wctl, 'help');
    const sunday = await invokeAs(bot, PEOPLE.wctl, 'hcp.askConference', { kind: 'group_case_conference', note: 'Three cases', caseCount: '3', date: '2026-04-19', start: '10:00', end: '11:00' });
    expect(cardText(sunday.card)).toContain('Sunday 19 April 2026 is not a working day');
    expect(await activities()).toHaveLength(1);
  });

  it('a group case conference is planned and moved only within the time the team leader set aside', async () => {
    await start();
    await exchange(bot, PEOPLE.wctl, 'help');
    // Monday 13 April 2026, 10:00 in London: the team leader sets aside Tuesday 10:00 to 11:00.
    clock.at = new Date('2026-04-13T09:00:00Z');
    await invokeAs(bot, PEOPLE.wctl, 'hcp.askConference', { kind: 'group_case_conference', note: 'Three cases with fluctuating conditions', caseCount: '3', date: '2026-04-14', start: '10:00', end: '11:00' });
    let [asked] = await activities();
    const thursday = await invokeAs(bot, MANAGER, 'hcp.plan', { activityId: asked!.id, version: asked!.version, date: '2026-04-16', start: '15:00', end: '16:00' });
    expect(cardText(thursday.card)).toContain('A group case conference is held in the time the team leader set aside for it: Tuesday 14 April 2026, 10:00 to 11:00.');
    expect(cardText(thursday.card)).toContain('Keep it within the time the team leader set aside: Tuesday 14 April 2026, 10:00 to 11:00.');
    expect(allInputs(thursday.card)).toMatchObject({ date: '2026-04-16', start: '15:00', end: '16:00' });
    [asked] = await activities();
    expect(asked).toMatchObject({ status: 'requested', date: '2026-04-14' });

    await invokeAs(bot, MANAGER, 'hcp.plan', { activityId: asked!.id, version: asked!.version, date: '2026-04-14', start: '10:00', end: '11:00' });
    let [planned] = await activities();
    expect(planned).toMatchObject({ status: 'planned', date: '2026-04-14' });
    for (const who of [MANAGER, PEOPLE.hcp]) {
      const moved = await invokeAs(bot, who, 'hcp.move', { activityId: planned!.id, version: planned!.version, date: '2026-04-16', start: '15:00', end: '16:00' });
      expect(cardText(moved.card)).toContain('it was planned for Tuesday 14 April 2026, 10:00 to 11:00, and moves only within that');
    }
    [planned] = await activities();
    expect(planned!.startsAt!.toISOString()).toBe('2026-04-14T09:00:00.000Z');
    expect(cardText((await invokeAs(bot, PEOPLE.hcp, 'hcp.move', { activityId: planned!.id, version: planned!.version, date: '2026-04-14', start: '10:30', end: '11:00' })).card)).toContain('Moved.');
  });

  it('the weekly note holds all the week’s supporting activity: none added once it has gone to the manager, and a note without some is refused', async () => {
    await start();
    // Friday 17 April 2026, 15:00 in London.
    clock.at = new Date('2026-04-17T14:00:00Z');
    const office = await crawley();
    const presentation = { kind: 'presentation', date: '2026-04-13', start: '09:00', end: '09:45', jobcentreId: office, takingPart: 'Crawley coaches', note: 'Back pain and work' };
    await invokeAs(bot, PEOPLE.hcp, 'hcp.record', presentation);
    const draft = String(cardInputs(firstCard(await exchange(bot, PEOPLE.hcp, 'weekly note'))).body);
    expect(draft).toContain('Monday 09:00 to 09:45, Crawley: Presentation to a team or office with Crawley coaches: Back pain and work');
    // Recorded after the draft was made: the stored draft leaves it out, so submitting it is refused, with the line to add.
    await invokeAs(bot, PEOPLE.hcp, 'hcp.record', { ...presentation, kind: 'collaboration', date: '2026-04-15', start: '14:00', end: '15:00', takingPart: 'Dana, the DEA', note: 'Planning a health fair' });
    let [note] = await notes();
    const typed = `${draft}\nAlso shadowed the DEA.`;
    const refused = await invokeAs(bot, PEOPLE.hcp, 'hcp.noteSubmit', { noteId: note!.id, version: note!.version, body: typed });
    expect(cardText(refused.card)).toContain('The weekly note must document all the supporting activity you recorded that week: one activity is not in it yet.');
    expect(cardText(refused.card)).toContain('- Wednesday 14:00 to 15:00, Crawley: Work with DEAs or work psychologists with Dana, the DEA: Planning a health fair');
    expect(allInputs(refused.card)).toMatchObject({ body: typed });
    [note] = await notes();
    expect(note!.status).toBe('draft');
    const submitted = await invokeAs(bot, PEOPLE.hcp, 'hcp.noteSubmit', { noteId: note!.id, version: note!.version, body: `${typed}\nWednesday 14:00 to 15:00: planning a health fair with Dana, the DEA.` });
    expect(cardText(submitted.card)).toContain('Submitted to your activity manager.');

    // The note has gone to the manager: no more activity in that week, by the HCP or the manager.
    const late = await invokeAs(bot, PEOPLE.hcp, 'hcp.record', { ...presentation, date: '2026-04-14', start: '11:00', end: '12:00' });
    expect(cardText(late.card)).toContain('Your weekly note for the week of Monday 13 April 2026 has gone to the activity manager, so no activity can be added to that week now.');
    expect(allInputs(late.card)).toMatchObject({ note: 'Back pain and work' });
    const set = await invokeAs(bot, MANAGER, 'hcp.setActivity', { hcpId: await helen(), kind: 'presentation', date: '2026-04-17', start: '16:00', end: '16:30', jobcentreId: office, note: 'Mental health and work' });
    expect(cardText(set.card)).toContain('Helen Okoro’s weekly note for the week of Monday 13 April 2026 has gone to the activity manager');
    expect(await activities()).toHaveLength(2);

    // The manager asks for a change: the week is open again.
    [note] = await notes();
    await invokeAs(bot, MANAGER, 'hcp.noteChange', { noteId: note!.id, version: note!.version, reason: 'Add Tuesday’s presentation.' });
    expect(cardText((await invokeAs(bot, PEOPLE.hcp, 'hcp.record', { ...presentation, date: '2026-04-14', start: '11:00', end: '12:00' })).card)).toContain('Recorded: presentation to a team or office on Tuesday 14 April 2026.');
    expect(await activities()).toHaveLength(3);
  });

  it('the activity manager sees attendance for the week during the trial, and for the month after it', async () => {
    // The district's trial as the reports have it: ten weeks from 16 November 2026 (running), then from 24 August (ended 1 November).
    await start({ SA_TRIALS: 'Surrey and Sussex=2026-11-16/10' });
    expect(cardText(firstCard(await exchange(bot, MANAGER, 'hcp week')))).toContain('Attendance this week');
    await bot.close();
    await start({ SA_TRIALS: 'Surrey and Sussex=2026-08-24/10' });
    const after = cardText(firstCard(await exchange(bot, MANAGER, 'hcp week')));
    expect(after).toContain('Attendance this month');
    expect(after).toContain('Sunday 1 November 2026 to Monday 30 November 2026');
  });
});
