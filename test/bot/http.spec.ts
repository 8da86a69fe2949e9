import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import { restifyLog } from '../../bot/server';
import { ConversationReferences } from '../../data/stores/conversation-references';
import { messageFrom, PEOPLE, repliesIn, startTestBot, visibleText, type TestBot } from '../support/test-bot';

describe('the bot over HTTP', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.close());
  beforeEach(() => bot.connector.clear());

  it('answers the health check while the database answers', async () => {
    const response = await fetch(`${bot.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('answers 400 with a message to malformed JSON, quoting nothing of what was sent', async () => {
    const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type": "message", "value": {"surname": Smith, "nino": "AB123456C"' });
    expect(response.status).toBe(400);
    const answer = await response.text();
    expect(JSON.parse(answer)).toEqual({ error: 'bad_request', message: 'The request body is not valid JSON.' });
    expect(answer).not.toMatch(/Smith|AB123456C|surname/);
  });

  it.each(['gzip', 'deflate', 'br'])('refuses a %s body with 415, and goes on answering (a bad one once ended the process)', async (encoding) => {
    const garbage = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': encoding }, body: 'not compressed at all' });
    expect(garbage.status).toBe(415);
    const truncated = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': encoding }, body: new Uint8Array([0x1f, 0x8b, 0x08, 0x00]) });
    expect(truncated.status).toBe(415);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });

  it('answers 400 naming the fields an activity lacks', async () => {
    const { status, body } = await bot.post({ type: 'message', text: 'help' } as never);
    expect(status).toBe(400);
    expect((body as { message: string }).message).toMatch(/channelId.*conversation.*from/);
  });

  it('answers 400 to a body that is not an activity at all', async () => {
    const response = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '[1,2,3]' });
    expect(response.status).toBe(400);
  });

  it('shows a work coach the help card, by role, with expectReplies', async () => {
    const { status, body } = await bot.post({ ...messageFrom(PEOPLE.coach, 'help'), deliveryMode: 'expectReplies' });
    expect(status).toBe(200);
    const replies = repliesIn(body);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    const text = visibleText(replies);
    expect(text).toContain('What you can do, Amira');
    expect(text).toContain('Work coach');
    expect(text).toContain('Ask your DEA for support');
    expect(text).not.toContain('Requests from your cohort');
  });

  it('help card buttons do what typing their command does', async () => {
    const help = repliesIn((await bot.post({ ...messageFrom(PEOPLE.coach, 'help'), deliveryMode: 'expectReplies' })).body);
    const buttons = ((help[0]!.attachments![0]!.content as { actions: { title: string; data: Record<string, unknown> }[] }).actions);
    const button = buttons.find((b) => b.title === 'Ask your DEA for support')!;
    // Action.Submit: Teams and the playground post the button's data as the message's value, with no text.
    expect(button).toMatchObject({ type: 'Action.Submit', data: { command: 'new request' } });
    const valueOnly = repliesIn((await bot.post({ ...messageFrom(PEOPLE.coach, undefined, { value: { command: 'new request' } } as never), deliveryMode: 'expectReplies' })).body);
    expect(visibleText(valueOnly)).toContain('Ask Dana Morgan for support');
    await bot.post({ ...messageFrom(PEOPLE.coach, 'cancel'), deliveryMode: 'expectReplies' });
  });

  it('shows the DEA what a DEA does, through the connector with normal delivery', async () => {
    const activity = messageFrom(PEOPLE.dea, 'Help.');
    const { status } = await bot.post(activity);
    expect(status).toBe(200);
    await bot.connector.waitFor((calls) => calls.length >= 1);
    const [call] = bot.connector.calls;
    expect(call?.path).toBe(`/v3/conversations/${encodeURIComponent(activity.conversation!.id)}/activities/${activity.id}`);
    const text = visibleText(bot.connector.sent);
    expect(text).toContain('What you can do, Dana');
    expect(text).toContain('Requests from your cohort');
    expect(text).not.toContain('Ask your DEA for support');
  });

  it('tells a person who is not in the directory that they are not registered, and whom to ask, and nothing else', async () => {
    const { body } = await bot.post({ ...messageFrom(PEOPLE.stranger, 'my requests'), deliveryMode: 'expectReplies' });
    const replies = repliesIn(body);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.attachments ?? []).toEqual([]);
    expect(replies[0]?.text).toMatch(/not registered/);
    expect(replies[0]?.text).toMatch(/Work Coach Team Leader/);
    expect(replies[0]?.text).toContain(PEOPLE.stranger);
  });

  it('says when it does not understand, without repeating what was typed, and shows help', async () => {
    const { body } = await bot.post({ ...messageFrom(PEOPLE.coach, 'AB123456C Smith'), deliveryMode: 'expectReplies' });
    const text = visibleText(repliesIn(body));
    expect(text).toMatch(/did not understand/);
    expect(text).toContain('What you can do');
    expect(text).not.toContain('AB123456C');
    expect(text).not.toContain('Smith');
  });

  it('handles the same activity id once when Teams delivers it twice', async () => {
    const activity = messageFrom(PEOPLE.coach, 'help');
    await bot.post(activity);
    await bot.post(activity);
    // Replies in the turn are sent before the answer; anything sent later goes through these.
    await bot.app.background.idle();
    await bot.app.notifier.idle();
    expect(bot.connector.sent).toHaveLength(1);
    await bot.post({ ...activity, id: `${activity.id}-other` });
    await bot.connector.waitFor((calls) => calls.length >= 2);
    expect(bot.connector.sent).toHaveLength(2);
  });

  it('claims a message that only shows (help, a list) in the process, and one that starts something in SQL; each is handled once', async () => {
    const claimsInSql = async () => ((await bot.app.dataSource.query('SELECT COUNT(*) AS n FROM processed_activity')) as { n: number }[])[0]!.n;
    const before = await claimsInSql();
    const list = { ...messageFrom(PEOPLE.coach, 'my requests'), deliveryMode: 'expectReplies' } as Partial<Activity>;
    expect(visibleText(repliesIn((await bot.post(list)).body))).toContain('Your requests');
    expect(repliesIn((await bot.post(list)).body)).toEqual([]);
    expect(await claimsInSql()).toBe(before);

    // Typed while a conversation is under way, the same words are that conversation's answer: claimed in SQL.
    const conversation = { id: 'a:personal-claims', conversationType: 'personal', isGroup: false } as Activity['conversation'];
    const say = (text: string, id: string) => bot.post({ ...messageFrom(PEOPLE.coach, text, { conversation, id } as Partial<Activity>), deliveryMode: 'expectReplies' });
    expect(visibleText(repliesIn((await say('new request', 'claims-1')).body))).toMatch(/claimant|skill/i);
    expect(await claimsInSql()).toBe(before + 1);
    const answered = repliesIn((await say('my requests', 'claims-2')).body);
    expect(visibleText(answered)).not.toContain('Your requests');
    expect(await claimsInSql()).toBe(before + 2);
    expect(repliesIn((await say('my requests', 'claims-2')).body)).toEqual([]);
    await say('cancel', 'claims-3');

    // A list taken here, re-sent once a conversation has started meanwhile: still a repeat, not that conversation's answer.
    expect(visibleText(repliesIn((await say('my requests', 'claims-4')).body))).toContain('Your requests');
    await say('new request', 'claims-5');
    const claims = await claimsInSql();
    expect(repliesIn((await say('my requests', 'claims-4')).body)).toEqual([]);
    expect(await claimsInSql()).toBe(claims);
    await say('cancel', 'claims-6');

    // A card's submit that also carries a command goes to its verb, so it is claimed in SQL.
    const submit = await bot.post({ ...messageFrom(PEOPLE.coach, undefined, { conversation, id: 'claims-7', value: { verb: 'request.open', requestId: 'none', command: 'my requests' } } as Partial<Activity>), deliveryMode: 'expectReplies' });
    expect(visibleText(repliesIn(submit.body))).not.toContain('Your requests');
    expect(await claimsInSql()).toBe(claims + 2);
  });

  it('welcomes a person once on install, and remembers where to reach them', async () => {
    const install = { ...messageFrom(PEOPLE.wctl, undefined), type: 'installationUpdate', action: 'add' };
    const first = await bot.post({ ...install, deliveryMode: 'expectReplies' });
    expect(visibleText(repliesIn(first.body))).toContain('Welcome to DEA Support, Tom');
    const again = await bot.post({ ...install, id: `${install.id}-again`, deliveryMode: 'expectReplies' });
    expect(repliesIn(again.body)).toEqual([]);

    const reference = await new ConversationReferences(bot.app.dataSource).personalChatOf(PEOPLE.wctl);
    expect(reference?.conversation?.id).toBe(`a:personal-${PEOPLE.wctl}`);
    expect(reference?.serviceUrl).toBe(bot.serviceUrl);
  });

  it('keeps requests out of group chats and channels: only a pointer to the personal chat', async () => {
    const inGroup = { conversation: { id: '19:group@thread.v2', conversationType: 'groupChat', isGroup: true } } as Partial<Activity>;
    for (const text of ['<at>DEA Support</at> new request', '<at>DEA Support</at> my requests', '<at>DEA Support</at> help']) {
      const replies = repliesIn((await bot.post({ ...messageFrom(PEOPLE.coach, text, inGroup), deliveryMode: 'expectReplies' })).body);
      expect(replies).toHaveLength(1);
      expect(replies[0]?.text).toMatch(/works in your personal chat/);
      expect(replies[0]?.attachments ?? []).toEqual([]);
    }
    const opened = repliesIn((await bot.post({ ...messageFrom(PEOPLE.coach, undefined, { ...inGroup, value: { verb: 'request.open', requestId: 'x' } } as Partial<Activity>), deliveryMode: 'expectReplies' })).body);
    expect(visibleText(opened)).toMatch(/works in your personal chat/);
  });

  it('treats a conversation that is not clearly personal as a group: no type, or marked as a group', async () => {
    for (const conversation of [{ id: 'a:unclear' }, { id: 'a:flagged', conversationType: 'personal', isGroup: true }]) {
      const replies = repliesIn((await bot.post({ ...messageFrom(PEOPLE.coach, 'my requests', { conversation } as Partial<Activity>), deliveryMode: 'expectReplies' })).body);
      expect(visibleText(replies)).toMatch(/works in your personal chat/);
      expect(replies.flatMap((r) => r.attachments ?? [])).toEqual([]);
    }
    const reference = await new ConversationReferences(bot.app.dataSource).personalChatOf(PEOPLE.coach);
    expect(reference?.conversation?.id).not.toBe('a:unclear');
    expect(reference?.conversation?.id).not.toBe('a:flagged');
  });

  it('apologises, rather than staying silent, when the database cannot record a message', async () => {
    await bot.app.dataSource.query("CREATE TRIGGER processed_down BEFORE INSERT ON processed_activity BEGIN SELECT RAISE(ABORT, 'database is locked'); END;");
    try {
      // A message that starts something is claimed in SQL before it runs (`help` only shows, and is not).
      const replies = repliesIn((await bot.post({ ...messageFrom(PEOPLE.coach, 'new request'), deliveryMode: 'expectReplies' })).body);
      expect(visibleText(replies)).toContain('Sorry, something went wrong on our side');
    } finally {
      await bot.app.dataSource.query('DROP TRIGGER processed_down');
    }
  });

  it('answers 503 to the health check while the database cannot be written, and 200 again after', async () => {
    const other = await startTestBot();
    const holder = new Database(join(other.dataDir, 'dea-bot.sqlite'));
    try {
      holder.exec('BEGIN EXCLUSIVE');
      const started = Date.now();
      const locked = await fetch(`${other.url}/healthz`);
      expect(locked.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(5_000);
      // A turn meanwhile fails fast, within Teams' 5 s, with an apology rather than silence.
      const turnStarted = Date.now();
      const replies = repliesIn((await other.post({ ...messageFrom(PEOPLE.coach, 'help'), deliveryMode: 'expectReplies' })).body);
      expect(Date.now() - turnStarted).toBeLessThan(5_000);
      expect(visibleText(replies)).toContain('Sorry, something went wrong on our side');
      holder.exec('ROLLBACK');
      expect((await fetch(`${other.url}/healthz`)).status).toBe(200);
    } finally {
      holder.close();
      await other.close();
    }
  });

  it('answers 503 to the health check when the database does not answer', async () => {
    const other = await startTestBot();
    try {
      await other.app.dataSource.destroy();
      const response = await fetch(`${other.url}/healthz`);
      expect(response.status).toBe(503);
    } finally {
      await other.close();
    }
  });
});

describe("restify's own log lines", () => {
  it('keep the message and never a request body or header', () => {
    const lines: { obj: object; msg?: string }[] = [];
    const sink = { info: (obj: object, msg?: string) => lines.push({ obj, msg }), warn: (obj: object, msg?: string) => lines.push({ obj, msg }), error: (obj: object, msg?: string) => lines.push({ obj, msg }), debug: () => undefined };
    const log = restifyLog(sink) as { warn: (...a: unknown[]) => void; child: () => { error: (...a: unknown[]) => void } };
    log.warn({ req: { _body: '{"nino":"AB123456C"}', headers: { authorization: 'Bearer secret' } } }, 'unable to serialize');
    log.child().error({ res: { body: 'Smith' } }, 'response failed');
    expect(lines).toEqual([
      { obj: { source: 'restify' }, msg: 'unable to serialize' },
      { obj: { source: 'restify' }, msg: 'response failed' },
    ]);
  });
});
