import { exchange, PEOPLE, startTestBot, type TestBot } from '../support/test-bot';

const DAY = 86_400_000;

describe('nothing grows for ever: a daily job prunes what has outlived its use', () => {
  let bot: TestBot;
  let now: Date;
  beforeEach(async () => {
    now = new Date();
    bot = await startTestBot({ env: { DRAFT_RETENTION_DAYS: '30' }, clock: { now: () => now } });
  });
  afterEach(() => bot.close());

  const count = async (table: string) => Number((await bot.app.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  it('deletes drafts untouched for the configured days, forgotten chats, old job runs and work done long ago, once a day, and keeps the rest', async () => {
    // A draft request left unfinished: it lives in the person's state, and may hold claimant details.
    await exchange(bot, PEOPLE.coach, 'new request');
    await exchange(bot, PEOPLE.dea, 'help');
    const states = await count('bot_state');
    expect(states).toBeGreaterThan(0);
    const longAgo = (days: number) => new Date(now.getTime() - days * DAY);
    await bot.app.dataSource.getRepository('JobRun').insert({ id: 'old-run', leaseUntil: longAgo(100), completedAt: longAgo(100) });
    // Durable work done long ago goes; work still due stays, however old.
    const work = (id: string, dueAt: Date | null) => ({ id, kind: 'booking', subjectId: id, dueAt, leaseUntil: null, generation: 1, attempts: 1, lastError: null, createdAt: longAgo(100), updatedAt: longAgo(100) });
    await bot.app.dataSource.getRepository('WorkItem').insert([work('done-long-ago', null), work('still-due', longAgo(100))]);
    await bot.app.dataSource.getRepository('ConversationReference').update({ aadObjectId: PEOPLE.dea }, { updatedAt: longAgo(500) });

    // Nothing is old enough yet but the job run and the DEA's chat.
    expect(await bot.app.jobs.pruneStaleRows!()).toEqual({ botState: 0, conversationReferences: 1, jobRuns: 1, workItems: 1 });
    expect(await count('work_item')).toBe(1);
    expect(await count('bot_state')).toBe(states);
    // Once a day: another instance (or the next hour) does nothing.
    expect(await bot.app.jobs.pruneStaleRows!()).toBeNull();

    now = new Date(now.getTime() + 31 * DAY);
    const pruned = (await bot.app.jobs.pruneStaleRows!()) as { botState: number };
    expect(pruned.botState).toBe(states);
    expect(await count('bot_state')).toBe(0);
  });
});
