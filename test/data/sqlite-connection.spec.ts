import { statSync } from 'node:fs';
import { openTempDatabase, type TempDatabase } from '../../testkit/temp-database';

describe('the embedded SQLite file, opened as the bot opens it', () => {
  let db: TempDatabase;
  beforeAll(async () => {
    db = await openTempDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('writes ahead to a log, syncs at checkpoints (a killed process keeps every commit), and enforces foreign keys', async () => {
    const pragma = async (name: string) => Object.values(((await db.dataSource.query(`PRAGMA ${name}`)) as Record<string, unknown>[])[0]!)[0];
    expect(await pragma('journal_mode')).toBe('wal');
    // 1 is NORMAL: FULL (2) would sync the log at every commit, several times a turn.
    expect(await pragma('synchronous')).toBe(1);
    expect(await pragma('foreign_keys')).toBe(1);
  });

  it('keeps its write-ahead log near 4 MB however much is written, one commit after another', async () => {
    // The commit that takes the log past 1,000 pages copies it into the file, and the next commit
    // rewinds it. A checkpoint by another connection could not rewind it while writes kept coming.
    await db.dataSource.query('CREATE TABLE scratch (n INTEGER PRIMARY KEY, body TEXT)');
    for (let i = 0; i < 3000; i++) await db.dataSource.query('INSERT INTO scratch (body) VALUES (?)', ['x'.repeat(3900)]);
    const logBytes = statSync(`${db.file}-wal`).size;
    // With no checkpoint these commits leave about 39 MB of log.
    expect(logBytes).toBeLessThan(5 * 1024 * 1024);
  });
});
