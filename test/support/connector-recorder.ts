import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

export interface RecordedCall {
  readonly method: string;
  readonly path: string;
  readonly conversationId: string;
  readonly activity: Partial<Activity>;
}

/** A call the recorder answered with a failure, as a test asked it to. */
export interface RefusedCall extends RecordedCall {
  readonly status: number;
  readonly at: number;
}

/** How to answer the next calls (to one conversation, or any): a status and its headers. */
export interface ScriptedAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  /** How many calls get this answer (default 1; Infinity for all). */
  times?: number;
  readonly conversationId?: string;
  /** Only calls of this method: 'PUT' for updates of posted cards, 'POST' for new messages. */
  readonly method?: string;
}

/**
 * A local stand-in for the Bot Connector service: it accepts what the bot sends
 * (`/v3/conversations/{id}/activities[/{replyToId}]`, and updates by PUT) and keeps it for the test.
 */
export class ConnectorRecorder {
  readonly calls: RecordedCall[] = [];
  /** Calls answered with a scripted failure, in order. */
  readonly refused: RefusedCall[] = [];
  /** When each accepted call came (ms since the epoch), in the order of `calls`. */
  readonly acceptedAt: number[] = [];
  private readonly script: ScriptedAnswer[] = [];
  private server: Server | null = null;
  private waiters: Array<() => void> = [];
  private nextId = 1;

  /** `inspect` sees every activity the bot sends or updates, as it arrives (e.g. to check its cards). */
  constructor(private readonly inspect: (activity: Partial<Activity>, how: string) => void = () => undefined) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
        if (!match) {
          res.statusCode = 404;
          res.end();
          return;
        }
        const activity = body ? (JSON.parse(body) as Partial<Activity>) : {};
        const conversationId = decodeURIComponent(match[1]!);
        const scripted = this.script.find((a) => (a.times ?? 1) > 0 && (!a.conversationId || a.conversationId === conversationId) && (!a.method || a.method === req.method));
        if (scripted) {
          scripted.times = (scripted.times ?? 1) - 1;
          this.refused.push({ method: req.method ?? 'POST', path: req.url ?? '', conversationId, activity, status: scripted.status, at: Date.now() });
          res.statusCode = scripted.status;
          for (const [name, value] of Object.entries(scripted.headers ?? {})) res.setHeader(name, value);
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ error: { code: 'Scripted', message: `answered ${scripted.status} by the test` } }));
          for (const wake of this.waiters.splice(0)) wake();
          return;
        }
        const id = req.method === 'PUT' && match[2] ? decodeURIComponent(match[2]) : `recorded-${this.nextId++}`;
        this.calls.push({ method: req.method ?? 'POST', path: req.url ?? '', conversationId, activity: { ...activity, id } });
        this.acceptedAt.push(Date.now());
        this.inspect(activity, `${req.method ?? 'POST'} to ${conversationId}`);
        res.statusCode = 200;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ id }));
        for (const wake of this.waiters.splice(0)) wake();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/`;
  }

  /** Answers the next matching calls as scripted (e.g. 429 with Retry-After), before accepting any. */
  answer(answer: ScriptedAnswer): void {
    this.script.push({ ...answer });
  }

  /** Activities the bot sent (not updates), in order. */
  get sent(): Partial<Activity>[] {
    return this.calls.filter((c) => c.method === 'POST').map((c) => c.activity);
  }

  sentTo(conversationId: string): Partial<Activity>[] {
    return this.calls.filter((c) => c.method === 'POST' && c.conversationId === conversationId).map((c) => c.activity);
  }

  /** Waits until `predicate` holds over the calls so far (proactive sends happen after the answer). */
  async waitFor(predicate: (calls: readonly RecordedCall[]) => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.calls)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the connector did not receive what was expected within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  clear(): void {
    this.calls.length = 0;
    this.acceptedAt.length = 0;
    this.refused.length = 0;
    this.script.length = 0;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    const closed = new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }
}
