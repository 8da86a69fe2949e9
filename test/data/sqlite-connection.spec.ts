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
});
