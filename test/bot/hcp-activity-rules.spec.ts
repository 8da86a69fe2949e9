import type { HcpActivityRow } from '../../data/schema/hcp-activity';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { TestClock } from '../support/conference-fixture';
import { cardText, exchange, firstCard, invokeAs, PEOPLE, startTestBot, type TestBot } from '../support/test-bot';

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
