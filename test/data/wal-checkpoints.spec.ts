import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../domain/ports';
import { startWalCheckpoints as start, walCheckpointsOnceBusy, type WalCheckpoints } from '../../data/wal-checkpoints';
import { openTempDatabase, type TempDatabase } from '../../testkit/temp-database';

function recordingLogger(): Logger & { readonly warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: () => undefined, debug: () => undefined, error: () => undefined, warn: (_fields: object, message: string) => void warnings.push(message) };
}

async function until(what: string, check: () => Promise<boolean> | boolean, withinMs = 10_000): Promise<void> {
  const by = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > by) throw new Error(`not within ${withinMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('checkpoints of the SQLite file, on a thread of their own', () => {
  let db: TempDatabase;
  let started: WalCheckpoints[] = [];
  const startWalCheckpoints = async (...args: Parameters<typeof start>) => {
    const checkpoints = await start(...args);
    started.push(checkpoints);
    return checkpoints;
  };
  const autocheckpoint = async () => Object.values(((await db.dataSource.query('PRAGMA wal_autocheckpoint')) as Record<string, unknown>[])[0]!)[0];
  /** About `pages` pages of the log, each row in a transaction of its own as turns write them. */
  const writePages = async (pages: number) => {
    for (let i = 0; i < pages; i++) await db.dataSource.query('INSERT INTO scratch (body) VALUES (?)', ['x'.repeat(3900)]);
  };

  beforeEach(async () => {
    db = await openTempDatabase();
    await db.dataSource.query('CREATE TABLE scratch (n INTEGER PRIMARY KEY, body TEXT)');
  });
  afterEach(async () => {
    // Stopping twice is harmless: a test that failed early still ends its thread.
    for (const checkpoints of started) await checkpoints.stop();
    started = [];
    await db.close();
  });

  it('takes the work from the bot connection: every page of the log is copied by the thread, none by a commit', async () => {
    expect(await autocheckpoint()).toBe(1000);
    const checkpoints = await startWalCheckpoints(db.dataSource, db.file, recordingLogger(), { everyMs: 60_000 });
    expect(await autocheckpoint()).toBe(0);
    // Three times what makes a commit checkpoint by itself: had one done so, the thread would find
    // at most the pages written since.
    await writePages(3000);
    await checkpoints.stop();
    expect(checkpoints.pagesCheckpointed()).toBeGreaterThanOrEqual(3000);
    // The bot's connection checkpoints for itself again once the thread has gone.
    expect(await autocheckpoint()).toBe(1000);
    const [{ rows }] = (await db.dataSource.query('SELECT COUNT(*) AS rows FROM scratch')) as { rows: number }[];
    expect(rows).toBe(3000);
  });

  it('checkpoints while the bot runs, without being asked', async () => {
    const checkpoints = await startWalCheckpoints(db.dataSource, db.file, recordingLogger(), { everyMs: 30 });
    try {
      await writePages(200);
      await until('the thread copied the pages written', () => checkpoints.pagesCheckpointed() >= 200);
    } finally {
      await checkpoints.stop();
    }
  });

  it('leaves checkpoints to the bot connection when the thread cannot open the database', async () => {
    const logger = recordingLogger();
    const checkpoints = await startWalCheckpoints(db.dataSource, db.file, logger, { driver: join(tmpdir(), 'no-such-driver', 'better-sqlite3.js') });
    expect(await autocheckpoint()).toBe(1000);
    expect(logger.warnings).toEqual(['the database checkpoint thread stopped; the bot checkpoints for itself']);
    await checkpoints.stop();
    expect(await autocheckpoint()).toBe(1000);
  });

  it('gives the work back to the bot connection when the thread dies later', async () => {
    // A driver that opens and then fails outside any checkpoint, as a crash in the thread would.
    const dir = mkdtempSync(join(tmpdir(), 'dea-bot-driver-'));
    const driver = join(dir, 'dying-driver.js');
    writeFileSync(driver, `module.exports = class { constructor() { setTimeout(() => { throw new Error('the thread failed'); }, 150); } pragma() { return [{ busy: 0, log: 0, checkpointed: 0 }]; } close() {} };`);
    const logger = recordingLogger();
    try {
      const checkpoints = await startWalCheckpoints(db.dataSource, db.file, logger, { driver, everyMs: 20 });
      expect(await autocheckpoint()).toBe(0);
      await until('the bot connection checkpoints again', async () => (await autocheckpoint()) === 1000);
      expect(logger.warnings).toContain('the database checkpoint thread stopped; the bot checkpoints for itself');
      await checkpoints.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('starts the thread only once the log reaches the size at which SQLite would checkpoint', async () => {
    const once = walCheckpointsOnceBusy(db.dataSource, db.file, recordingLogger(), { lookEveryMs: 20 });
    try {
      await writePages(100);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(once.started()).toBe(false);
      expect(await autocheckpoint()).toBe(1000);
      await writePages(1000);
      await until('the thread took over', async () => once.started() && (await autocheckpoint()) === 0);
    } finally {
      await once.stop();
    }
    expect(await autocheckpoint()).toBe(1000);
  });
});
