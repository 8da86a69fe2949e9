import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Activity } from 'botbuilder';
import { createApp, type App } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import { checkCard } from '../../cards/card-check';
import { ConnectorRecorder } from './connector-recorder';
import { copyOfTemplate, template } from './template-database';
import type { Clock } from '../../domain/ports';

export const PEOPLE = {
  coach: '00000000-0000-4000-8000-000000000001',
  dea: '00000000-0000-4000-8000-000000000002',
  wctl: '00000000-0000-4000-8000-000000000003',
  hcp: '00000000-0000-4000-8000-000000000004',
  colleague: '00000000-0000-4000-8000-000000000006',
  stranger: '99999999-9999-4999-8999-999999999999',
} as const;

export interface TestBot {
  readonly app: App;
  readonly url: string;
  readonly connector: ConnectorRecorder;
  readonly serviceUrl: string;
  readonly dataDir: string;
  /** Every log line the bot wrote, as text. */
  readonly logs: string[];
  /** What the card check found in any card the bot sent, updated or answered with (see cards/card-check.ts). */
  readonly cardProblems: string[];
  post(activity: Partial<Activity>): Promise<{ status: number; body: unknown }>;
  close(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * The database a bot makes at its first start in an empty folder (the migrations run and the demo
 * directory loaded), made once per run by starting the real bot, for tests to start from a copy.
 */
export function firstStartTemplate(): Promise<string> {
  return template('first-start', async (dir) => {
    const bot = await startTestBot({ dataDir: dir });
    await bot.close({ keepData: true });
  });
}

/** Settings that change what the bot makes of an empty folder: with these, no template applies. */
const DATABASE_SETTINGS = ['SEED_DEMO', 'DATABASE_URL', 'DATA_DIR', 'MSSQL_HOST'];

/**
 * The real bot on a real HTTP port, a fresh SQLite file with the demo directory, and a local connector.
 * Without `dataDir`, the file is a copy of what the bot made at its first start (`firstStartTemplate`).
 */
export async function startTestBot(options: { dataDir?: string; env?: Record<string, string>; clock?: Clock } = {}): Promise<TestBot> {
  const fromTemplate = !Object.keys(options.env ?? {}).some((name) => DATABASE_SETTINGS.includes(name));
  const dataDir =
    options.dataDir ??
    (fromTemplate ? (await copyOfTemplate(await firstStartTemplate(), 'dea-bot-http-')).dir : mkdtempSync(join(tmpdir(), 'dea-bot-http-')));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'debug', ...options.env });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString('utf8'));
      callback();
    },
  });
  const app = await createApp(config, createLogger(config.logLevel, sink), { clock: options.clock });
  await app.listen();
  // Every card the bot shows in a test is checked: labels, no "${", no raw ids or internal references,
  // at most three buttons at once, well inside Teams' size limit. close() fails the test file if any is not.
  const cardProblems: string[] = [];
  const inspect = (activity: Partial<Activity> | undefined, how: string): void => {
    for (const attachment of activity?.attachments ?? []) {
      if (attachment.contentType !== 'application/vnd.microsoft.card.adaptive') continue;
      for (const problem of checkCard(attachment.content)) cardProblems.push(`${how}: ${problem}`);
    }
  };
  const connector = new ConnectorRecorder(inspect);
  const serviceUrl = await connector.start();
  const url = app.url();
  return {
    app,
    url,
    connector,
    serviceUrl,
    dataDir,
    logs,
    cardProblems,
    post: async (activity) => {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ serviceUrl, ...activity }),
      });
      const text = await response.text();
      const body = text ? (JSON.parse(text) as unknown) : null;
      const answered = body as { value?: { type?: unknown }; activities?: Partial<Activity>[] } | null;
      for (const reply of answered?.activities ?? []) inspect(reply, `reply to ${activity.type ?? 'an activity'}`);
      if (answered?.value?.type === 'AdaptiveCard') for (const problem of checkCard(answered.value)) cardProblems.push(`answer to ${activity.type}: ${problem}`);
      return { status: response.status, body };
    },
    close: async ({ keepData = false } = {}) => {
      await app.close();
      await connector.stop();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
      if (cardProblems.length) throw new Error(`The card check found problems in cards the bot showed:\n${[...new Set(cardProblems)].join('\n')}`);
    },
  };
}

let sequence = 0;

/** A Teams personal-chat message from a person, as Teams would post it. */
export function messageFrom(aadObjectId: string, text: string | undefined, extra: Partial<Activity> = {}): Partial<Activity> {
  sequence++;
  return {
    type: 'message',
    id: `activity-${Date.now()}-${sequence}`,
    channelId: 'msteams',
    text,
    from: { id: `29:${aadObjectId}`, name: 'Test person', aadObjectId },
    recipient: { id: '28:dea-bot', name: 'DEA Support' },
    conversation: { id: `a:personal-${aadObjectId}`, conversationType: 'personal', isGroup: false, name: '' },
    channelData: { tenant: { id: 'tenant-1' } },
    timestamp: new Date(),
    ...extra,
  } as Partial<Activity>;
}

/** Replies sent back in the HTTP body with deliveryMode expectReplies. */
export function repliesIn(body: unknown): Partial<Activity>[] {
  return ((body as { activities?: Partial<Activity>[] } | null)?.activities ?? []);
}

/** All text a reply shows: its text and every TextBlock of its cards. */
export function visibleText(activities: readonly Partial<Activity>[]): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (typeof n.text === 'string') parts.push(n.text);
      if (typeof n.title === 'string') parts.push(n.title);
      // FactSet facts: { title, value }.
      if (typeof n.title === 'string' && typeof n.value === 'string') parts.push(n.value);
      Object.values(n).forEach(walk);
    }
  };
  for (const a of activities) {
    if (a.text) parts.push(a.text);
    walk(a.attachments?.map((x) => x.content));
  }
  return parts.join('\n');
}

/** Sends a message (text, or a card's submitted values) and returns the bot's replies. */
export async function exchange(bot: TestBot, aadObjectId: string, input: string | Record<string, unknown>): Promise<Partial<Activity>[]> {
  const activity =
    typeof input === 'string' ? messageFrom(aadObjectId, input) : messageFrom(aadObjectId, undefined, { value: input } as Partial<Activity>);
  const { status, body } = await bot.post({ ...activity, deliveryMode: 'expectReplies' });
  if (status !== 200) throw new Error(`the bot answered ${status}: ${JSON.stringify(body)}`);
  return repliesIn(body);
}

/** The first Adaptive Card in some replies. */
export function firstCard(replies: readonly Partial<Activity>[]): Record<string, unknown> {
  const card = replies.flatMap((r) => r.attachments ?? []).find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  if (!card) throw new Error(`no card in: ${visibleText(replies)}`);
  return card.content as Record<string, unknown>;
}

/** The inputs of a card, by id, with the values they show. */
export function cardInputs(card: Record<string, unknown>): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string') inputs[n.id] = n.value;
      Object.values(n).forEach(walk);
    }
  };
  walk(card.body);
  return inputs;
}

/** The values offered by a choice input anywhere on the card (including its ShowCard forms), in order. */
export function choiceValues(card: unknown, id: string): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'Input.ChoiceSet' && n.id === id) found.push(...(n.choices as { value: string }[]).map((c) => c.value));
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return found;
}

/** Clicks an Action.Execute button as a person, as Teams would post it; returns the card sent back. */
export async function invokeAs(bot: TestBot, aadObjectId: string, verb: string, data: Record<string, unknown>, extra: Partial<Activity> = {}): Promise<{ status: number; card: Record<string, unknown> }> {
  const { status, body } = await bot.post({
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `invoke-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    from: { id: `29:${aadObjectId}`, aadObjectId },
    recipient: { id: '28:dea-bot' },
    conversation: { id: `a:personal-${aadObjectId}`, conversationType: 'personal' },
    value: { action: { type: 'Action.Execute', verb, data } },
    ...extra,
  } as Partial<Activity>);
  const response = body as { statusCode?: number; value?: Record<string, unknown> } | null;
  return { status: response?.statusCode ?? status, card: response?.value ?? {} };
}

/** All text on a card, including what its hidden forms (Action.ShowCard) hold. */
export function cardText(card: Record<string, unknown>): string {
  return visibleText([{ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] }]);
}

/** The Action.Execute verbs a card offers, including those inside its ShowCard forms. */
export function cardVerbs(card: Record<string, unknown>): string[] {
  const verbs: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'Action.Execute' && typeof n.verb === 'string') verbs.push(n.verb);
      Object.entries(n).forEach(([k, v]) => k !== 'refresh' && walk(v));
    }
  };
  walk(card.actions);
  return verbs;
}

/**
 * A person's personal chat as it shows now: every message the bot posted there, each card as its
 * latest update left it (live cards are updated in place), in the order they were posted.
 */
export function chatNow(bot: TestBot, aadObjectId: string): Partial<Activity>[] {
  const conversationId = `a:personal-${aadObjectId}`;
  const calls = bot.connector.calls.filter((c) => c.conversationId === conversationId);
  // By activity id, in the order first seen: a card posted before the calls were cleared shows by its updates.
  const latest = new Map<string, Partial<Activity>>();
  for (const call of calls) latest.set(call.activity.id ?? `${latest.size}`, call.activity);
  return [...latest.values()];
}

/** What the bot posted there as plain lines of text (notifications of changes), in order. */
export function linesTo(bot: TestBot, aadObjectId: string): string[] {
  return bot.connector.sentTo(`a:personal-${aadObjectId}`).filter((a) => !a.attachments?.length && typeof a.text === 'string').map((a) => a.text!);
}

/** The Action.Submit buttons in a card's body (a forum post's "Read more", say), with their titles and data. */
export function submitsIn(card: unknown): { title: string; data: Record<string, string> }[] {
  const found: { title: string; data: Record<string, string> }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (n.type === 'Action.Submit') found.push({ title: String(n.title), data: n.data as Record<string, string> });
      Object.values(n).forEach(walk);
    }
  };
  walk((card as { body?: unknown }).body);
  return found;
}
