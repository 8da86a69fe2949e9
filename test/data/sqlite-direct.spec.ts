import { QueryFailedError } from 'typeorm';
import { offlineMssqlDataSource } from '../../data/mssql/offline';
import { PreparedStatement } from '../../data/prepared';
import { runDirect } from '../../data/sqlite-direct';
import { SqlUnitOfWork } from '../../data/transactions';
import { isDatabaseFailure } from '../../data/database-failure';
import { isUniqueViolation } from '../../data/unique-violation';
import { statementsDuring } from '../../testkit/statement-log';
import { openTempDatabase, type TempDatabase } from '../../testkit/temp-database';

describe('statements sent straight to SQLite (a real file, migrations run)', () => {
  let db: TempDatabase;

  beforeAll(async () => {
    db = await openTempDatabase();
    await db.dataSource.query('CREATE TABLE direct_check (id TEXT PRIMARY KEY, flag INTEGER NOT NULL, label TEXT)');
  });
  afterAll(() => db.close());

  const rows = async () => (await db.dataSource.query('SELECT id, flag, label FROM direct_check ORDER BY id')) as { id: string; flag: number; label: string | null }[];

  it('reads and writes as the query runner would, each statement reported to the logger', async () => {
    const sent = await statementsDuring(db.dataSource, async () => {
      expect(runDirect(db.dataSource, 'INSERT INTO direct_check (id, flag, label) VALUES (?, ?, ?)', ['a', true, null])).toEqual({ changes: 1 });
      expect(runDirect(db.dataSource, 'INSERT INTO direct_check (id, flag, label) VALUES (?, ?, ?)', ['b', false, 'B'])).toEqual({ changes: 1 });
      expect(runDirect(db.dataSource, 'UPDATE direct_check SET label = ? WHERE flag = ?', ['on', true])).toEqual({ changes: 1 });
      expect(runDirect(db.dataSource, 'SELECT id, flag FROM direct_check WHERE id = ?', ['b'])).toEqual({ rows: [{ id: 'b', flag: 0 }] });
    });
    expect(sent.map((s) => s.sql.split(' ')[0])).toEqual(['INSERT', 'INSERT', 'UPDATE', 'SELECT']);
    expect(sent[0]!.parameters).toEqual(['a', true, null]);
    expect(await rows()).toEqual([
      { id: 'a', flag: 1, label: 'on' },
      { id: 'b', flag: 0, label: 'B' },
    ]);
  });

  it('goes straight to SQLite for a prepared statement, which the statement counts still see', async () => {
    const statement = new PreparedStatement(db.dataSource, () => 'SELECT id FROM direct_check WHERE flag = :flag ORDER BY id');
    const query = jest.spyOn(db.dataSource.manager, 'query');
    try {
      const sent = await statementsDuring(db.dataSource, async () => expect(await statement.run({ flag: 1 })).toEqual([{ id: 'a' }]));
      expect(sent).toHaveLength(1);
      expect(query).not.toHaveBeenCalled();
    } finally {
      query.mockRestore();
    }
  });

  it('fails as TypeORM fails, with the driver’s error inside, so a duplicate and a database failure are told apart', async () => {
    let failure: unknown;
    try {
      runDirect(db.dataSource, 'INSERT INTO direct_check (id, flag) VALUES (?, ?)', ['a', 0]);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect(isUniqueViolation(failure)).toBe(true);
    expect(isDatabaseFailure(failure)).toBe(true);
    expect(() => runDirect(db.dataSource, 'SELECT nothing FROM nowhere', [])).toThrow(QueryFailedError);
  });

  it('is part of the unit of work it runs in: undone with it', async () => {
    const uow = new SqlUnitOfWork(db.dataSource);
    await expect(
      uow.run(async () => {
        runDirect(db.dataSource, 'INSERT INTO direct_check (id, flag) VALUES (?, ?)', ['c', 1]);
        expect((await rows()).map((r) => r.id)).toEqual(['a', 'b', 'c']);
        throw new Error('something after it failed');
      }),
    ).rejects.toThrow('something after it failed');
    expect((await rows()).map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('leaves SQL Server to TypeORM', async () => {
    const mssql = await offlineMssqlDataSource([]);
    try {
      expect(runDirect(mssql, 'SELECT 1', [])).toBeNull();
    } finally {
      await mssql.destroy();
    }
  });
});
