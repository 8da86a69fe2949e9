import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import { exchange, firstCard, PEOPLE, startTestBot, visibleText, cardInputs } from '../support/test-bot';

describe('a conversation in progress', () => {
  it('survives the bot stopping and a new one starting on the same database', async () => {
    const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const first = await startTestBot();
    await exchange(first, PEOPLE.coach, 'new request');
    await exchange(first, PEOPLE.coach, 'skill');
    const summary = await exchange(first, PEOPLE.coach, {
      journey: 'new-request',
      step: 'form',
      action: 'submit',
      topic: 'retention',
      description: 'Supporting a claimant to stay in work',
      requiredBy: inTwoWeeks,
    });
    expect(visibleText(summary)).toContain('Check your request');
    // Everything in memory goes: server, adapter, dialogs, state caches, database connection.
    await first.close({ keepData: true });

    const second = await startTestBot({ dataDir: first.dataDir });
    try {
      const edit = firstCard(await exchange(second, PEOPLE.coach, { journey: 'new-request', step: 'confirm', action: 'edit' }));
      expect(cardInputs(edit)).toMatchObject({ topic: 'retention', description: 'Supporting a claimant to stay in work' });
      await exchange(second, PEOPLE.coach, { journey: 'new-request', step: 'form', action: 'submit', topic: 'retention', description: 'Supporting a claimant to stay in work', requiredBy: inTwoWeeks });
      const done = await exchange(second, PEOPLE.coach, { journey: 'new-request', step: 'confirm', action: 'confirm' });
      expect(visibleText(done)).toContain('DEA-000001');
      expect(await new SqlSupportRequestStore(second.app.dataSource).findByNumber(1)).toMatchObject({ type: 'skill_support', topic: 'retention' });
    } finally {
      await second.close();
    }
  });
});
