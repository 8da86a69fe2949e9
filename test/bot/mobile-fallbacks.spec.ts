import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import { EXECUTE_FALLBACK_KEY } from '../../cards/mobile-fallbacks';
import { exchange, PEOPLE, startTestBot, visibleText, type TestBot } from '../support/test-bot';

describe('Teams mobile: a card button sent as its Action.Submit fallback', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
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
