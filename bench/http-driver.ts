import { fork, type ChildProcess } from 'node:child_process';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

/**
 * Posts Bot Framework activities over HTTP from a child process, so that the client's own CPU is
 * not counted in the bots' process.cpuUsage(). The same process stands in for the Bot Connector
 * the bots post to, which in Teams is Microsoft's service, not the bot's CPU.
 */

/** What a good answer looks like: replies in the body (expectReplies), or an invoke answered with a card. */
export type Expect = 'replies' | 'card';

export interface Turn {
  readonly activity: object;
  readonly expect: Expect;
}

export interface Load {
  readonly url: string;
  readonly concurrency: number;
  readonly turns: readonly Turn[];
}

export interface Results {
  readonly latenciesMs: number[];
  /** One line per turn that was not answered as expected. */
  readonly failures: string[];
}

type ToDriver = { kind: 'load'; load: Load } | { kind: 'go' } | { kind: 'connector' } | { kind: 'posts' };
type FromDriver = { kind: 'loaded' } | ({ kind: 'done' } & Results) | { kind: 'connector'; url: string } | { kind: 'posts'; count: number };

/** The parent's handle: `load` a block (serialised outside any measurement), then `go`. */
export class Driver {
  private constructor(private readonly child: ChildProcess) {}

  static start(): Driver {
    return new Driver(fork(__filename, ['--driver'], { stdio: 'inherit' }));
  }

  async load(load: Load): Promise<void> {
    await this.ask({ kind: 'load', load });
  }

  async go(): Promise<Results> {
    const answer = await this.ask({ kind: 'go' });
    if (answer.kind !== 'done') throw new Error('the driver did not run the block');
    return answer;
  }

  /** Starts the stand-in for the Bot Connector (once): the bots' proactive sends go to its URL. */
  async connector(): Promise<string> {
    const answer = await this.ask({ kind: 'connector' });
    if (answer.kind !== 'connector') throw new Error('the driver did not start the connector');
    return answer.url;
  }

  /** How many activities the stand-in connector has been sent so far. */
  async posts(): Promise<number> {
    const answer = await this.ask({ kind: 'posts' });
    if (answer.kind !== 'posts') throw new Error('the driver did not count the posts');
    return answer.count;
  }

  /** Loads and runs a block in one go, when nothing is being measured around it. */
  async run(load: Load): Promise<Results> {
    await this.load(load);
    return this.go();
  }

  stop(): void {
    this.child.disconnect();
  }

  private ask(message: ToDriver): Promise<FromDriver> {
    return new Promise((resolve, reject) => {
      const onExit = () => reject(new Error('the driver process exited'));
      this.child.once('exit', onExit);
      this.child.once('message', (answer) => {
        this.child.off('exit', onExit);
        resolve(answer as FromDriver);
      });
      this.child.send(message);
    });
  }
}

function post(agent: Agent, url: URL, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function problem(expect: Expect, status: number, text: string): string | null {
  if (status !== 200) return `HTTP ${status}: ${text.slice(0, 200)}`;
  const body = (text ? JSON.parse(text) : null) as { activities?: unknown[]; statusCode?: number; type?: string } | null;
  if (expect === 'replies' && !(body?.activities && body.activities.length > 0)) return `no replies: ${text.slice(0, 200)}`;
  if (expect === 'card' && !(body?.statusCode === 200 && body.type === 'application/vnd.microsoft.card.adaptive')) return `no card: ${text.slice(0, 200)}`;
  return null;
}

async function runBlock(load: Load, bodies: readonly Buffer[], agents: Map<string, Agent>): Promise<Results> {
  const url = new URL(load.url);
  let agent = agents.get(url.host);
  if (!agent) {
    agent = new Agent({ keepAlive: true, maxSockets: 16 });
    agents.set(url.host, agent);
  }
  const latenciesMs: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < bodies.length) {
      const i = next++;
      const started = performance.now();
      try {
        const { status, text } = await post(agent, url, bodies[i]!);
        latenciesMs.push(performance.now() - started);
        const wrong = problem(load.turns[i]!.expect, status, text);
        if (wrong) failures.push(wrong);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: load.concurrency }, worker));
  return { latenciesMs, failures };
}

/** Answers every send and update as the Bot Connector does, with the new activity's id. */
function startConnector(onPost: () => number): Promise<Server> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const n = onPost();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ id: `sent-${n}` }));
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

if (process.argv.includes('--driver')) {
  const agents = new Map<string, Agent>();
  let loaded: { load: Load; bodies: Buffer[] } | null = null;
  let connector: Server | null = null;
  let posts = 0;
  process.on('message', (message: ToDriver) => {
    if (message.kind === 'connector') {
      const started = connector ? Promise.resolve(connector) : startConnector(() => ++posts);
      void started.then((server) => {
        connector = server;
        process.send!({ kind: 'connector', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` } satisfies FromDriver);
      });
      return;
    }
    if (message.kind === 'posts') {
      process.send!({ kind: 'posts', count: posts } satisfies FromDriver);
      return;
    }
    if (message.kind === 'load') {
      loaded = { load: message.load, bodies: message.load.turns.map((t) => Buffer.from(JSON.stringify(t.activity))) };
      process.send!({ kind: 'loaded' } satisfies FromDriver);
      return;
    }
    const block = loaded!;
    loaded = null;
    runBlock(block.load, block.bodies, agents).then(
      (results) => process.send!({ kind: 'done', ...results } satisfies FromDriver),
      (error: unknown) => process.send!({ kind: 'done', latenciesMs: [], failures: [String(error)] } satisfies FromDriver),
    );
  });
  process.on('disconnect', () => {
    connector?.close();
    connector?.closeAllConnections();
    for (const agent of agents.values()) agent.destroy();
  });
}
