import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Activity } from 'botbuilder';

/** The compiled bot (`npm run build`), run as `npm start` runs it. */
const ENTRY = resolve(__dirname, '../../dist/bot/index.js');

/**
 * Settings that make a crash test quick without changing what the bot does: work is swept every
 * second, a run's lease lasts 2 s, and a turn unfinished after 2 s counts as abandoned.
 */
const QUICK = { WORK_SWEEP_SECONDS: '1', WORK_LEASE_SECONDS: '2', ACTIVITY_ABANDONED_SECONDS: '2' };

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** The real bot in a child process on a database folder; `exited` settles when the process ends, however it ends. */
export interface ChildBot {
  readonly url: string;
  readonly exited: Promise<Exit>;
  readonly output: () => string;
  post(activity: Partial<Activity>): Promise<{ status: number; body: unknown }>;
  /** Stops it as an operator would (SIGTERM: it finishes what it is doing first). */
  stop(): Promise<Exit>;
  /** Ends it at once, whatever it is doing. */
  kill(): Promise<Exit>;
}

/** Every child started, so that none outlives the tests whatever happens to them. */
const children = new Set<ChildProcess>();

export function killAllChildren(): void {
  for (const child of children) child.kill('SIGKILL');
}

export function assertBuilt(): void {
  if (!existsSync(ENTRY)) throw new Error(`${ENTRY} is missing: run "npm run build" first (npm run test:crash does).`);
}

/** Starts the compiled bot on `dataDir`, with `crashAt` armed when given; resolves once it listens. */
export async function startChild(dataDir: string, options: { crashAt?: string; env?: Record<string, string> } = {}): Promise<ChildBot> {
  const env: Record<string, string | undefined> = { ...process.env, ...QUICK, NODE_ENV: 'test', DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...options.env };
  if (options.crashAt) env.CRASH_AT = options.crashAt;
  else delete env.CRASH_AT;
  const child: ChildProcess = spawn(process.execPath, ['--disable-warning=DEP0111', ENTRY], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  const exited = new Promise<Exit>((done) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      done({ code, signal });
    }),
  );
  const url = await new Promise<string>((done, fail) => {
    // A loaded machine (shared by several test runs) can take tens of seconds to load the bot.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`the bot did not start within 90 s:\n${out}`));
    }, 90_000);
    const look = () => {
      const found = /listening on (http:\/\/\S+)/.exec(out);
      if (found) {
        clearTimeout(timer);
        done(found[1]!);
      }
    };
    child.stdout!.on('data', look);
    void exited.then(() => {
      clearTimeout(timer);
      fail(new Error(`the bot stopped before listening:\n${out}`));
    });
  });
  return {
    url,
    exited,
    output: () => out,
    post: async (activity) => {
      const response = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
    },
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
    kill: async () => {
      child.kill('SIGKILL');
      return exited;
    },
  };
}

/** A folder holding a copy of a stopped bot's database. */
export function copyOfDatabase(fromDir: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dea-bot-crash-'));
  copyFileSync(join(fromDir, 'dea-bot.sqlite'), join(dir, 'dea-bot.sqlite'));
  return dir;
}

export function removeDatabase(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Reads the bot's database as it is on disk (a running bot's writes included), read-only. */
export function query<T = Record<string, unknown>>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(dataDir, 'dea-bot.sqlite'), { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

export function count(dataDir: string, sql: string, ...params: unknown[]): number {
  const row = query<{ n: number }>(dataDir, sql, ...params)[0];
  return row?.n ?? 0;
}

/** Waits until `check` holds (polling the database), or fails with what it last saw. */
export async function eventually(what: string, check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
