import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import { EXECUTE_FALLBACK_KEY } from '../../cards/mobile-fallbacks';
import { exchange, messageFrom, PEOPLE, startTestBot, visibleText, type TestBot } from '../support/test-bot';

/** Each path's own showing is written, however soon after the same one. */
const EVERY_SHOWING = { ACCESS_LOG_REPEAT_MINUTES: '0' };

describe('Teams mobile: a card button sent as its Action.Submit fallback', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot({ env: EVERY_SHOWING });
    for (const who of [PEOPLE.coach, PEOPLE.dea]) await exchange(bot, who, 'help');
    bot.connector.clear();
  });
  afterEach(async () => bot.close());

  async function submitted() {
    const coach = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.coach))!;
    return new SqlSupportRequestStore(bot.app.dataSource).create(
      { type: 'skill_support', requesterId: coach.id, deaId: coach.deaId!, claimant: null, topic: 'retention', description: 'Staying in work', reason: null, requiredBy: null, urgent: false, vulnerability: null },
      new Date(),
    );
  }

  it('does what the click does, checked the same way, and answers with the card', async () => {
    const request = await submitted();
    // Someone else's click is refused as the click would be.
    const refused = await exchange(bot, PEOPLE.coach, { [EXECUTE_FALLBACK_KEY]: 'request.accept', requestId: request.id, version: request.version, channel: 'skill_conference' });
    expect(visibleText(refused)).toContain('Only the DEA the request was sent to can do that.');
    expect((await new SqlSupportRequestStore(bot.app.dataSource).findById(request.id))!.status).toBe('submitted');

    const answer = await exchange(bot, PEOPLE.dea, { [EXECUTE_FALLBACK_KEY]: 'request.accept', requestId: request.id, version: request.version, channel: 'skill_conference' });
    expect(visibleText(answer)).toContain('Accepted. The work coach has been told.');
    expect((await new SqlSupportRequestStore(bot.app.dataSource).findById(request.id))).toMatchObject({ status: 'accepted', channel: 'skill_conference' });
  });

  it('updates a card in place only once its showing is in the access log, as any card sent', async () => {
    const request = await submitted();
    const click = () =>
      bot.post({ ...messageFrom(PEOPLE.dea, undefined, { value: { [EXECUTE_FALLBACK_KEY]: 'request.refresh', requestId: request.id }, replyToId: 'card-1' }) });
    const updates = () => bot.connector.calls.filter((c) => c.method === 'PUT').length;
    await click();
    await bot.app.notifier.idle();
    expect(updates()).toBe(1);
    const logged = Number((await bot.app.dataSource.query('SELECT COUNT(*) AS n FROM access_log WHERE caseId = ?', [request.id]))[0].n);
    expect(logged).toBeGreaterThan(0);

    // The access log cannot be written: the card is not updated (nor sent instead), and the DEA is told sorry.
    await bot.app.dataSource.query('ALTER TABLE access_log RENAME TO access_log_away');
    try {
      bot.connector.clear();
      await click();
      await bot.app.notifier.idle();
      expect(updates()).toBe(0);
      expect(bot.connector.calls.flatMap((c) => c.activity.attachments ?? [])).toEqual([]);
    } finally {
      await bot.app.dataSource.query('ALTER TABLE access_log_away RENAME TO access_log');
    }
  });

  it('sends every card with a plain-text fallback and a Submit behind each Execute', async () => {
    const request = await submitted();
    const opened = await exchange(bot, PEOPLE.dea, { verb: 'request.open', requestId: request.id });
    const card = opened.find((a) => a.attachments?.length)!.attachments![0]!.content as Record<string, unknown>;
    expect(card.fallbackText).toBe('DEA-000001: One to One Skill Support. Your action: accept this request with a type of support, ask for more information, or redirect it.');
    // The refresh is not a button: a client that cannot run it shows the card as sent.
    const json = JSON.stringify({ ...card, refresh: undefined });
    const executes = json.match(/"type":"Action\.Execute"/g) ?? [];
    expect(executes.length).toBeGreaterThan(0);
    expect((json.match(/"executeVerb":/g) ?? []).length).toBe(executes.length);
  });
});
