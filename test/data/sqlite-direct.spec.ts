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
  beforeEach(async () => {
    await db.dataSource.query('DELETE FROM direct_check');
    await db.dataSource.query("INSERT INTO direct_check (id, flag, label) VALUES ('a', 1, NULL), ('b', 0, 'B')");
  });
  afterAll(() => db.close());

  const rows = async () => (await db.dataSource.query('SELECT id, flag, label FROM direct_check ORDER BY id')) as { id: string; flag: number; label: string | null }[];
  const insert = 'INSERT INTO direct_check (id, flag, label) VALUES (?, ?, ?)';

  it('reads and writes as the query runner does, each statement reported to the logger as it binds it', async () => {
    const select = 'SELECT id, flag, label FROM direct_check WHERE flag = ? ORDER BY id';
    const byTypeorm = await db.dataSource.manager.query(select, [true]);
    const sent = await statementsDuring(db.dataSource, async () => {
      expect(runDirect(db.dataSource, select, [true])).toEqual({ rows: byTypeorm });
      expect(runDirect(db.dataSource, insert, ['c', false, null])).toEqual({ changes: 1 });
      expect(runDirect(db.dataSource, 'UPDATE direct_check SET label = ? WHERE flag = ?', ['off', false])).toEqual({ changes: 2 });
    });
    expect(byTypeorm).toEqual([{ id: 'a', flag: 1, label: null }]);
    expect(sent).toEqual([
      { sql: select, parameters: [1] },
      { sql: insert, parameters: ['c', 0, null] },
      { sql: 'UPDATE direct_check SET label = ? WHERE flag = ?', parameters: ['off', 0] },
    ]);
    expect(await rows()).toEqual([
      { id: 'a', flag: 1, label: null },
      { id: 'b', flag: 0, label: 'off' },
      { id: 'c', flag: 0, label: 'off' },
    ]);
  });

  it('takes a prepared statement straight to SQLite, where the statement counts still see it', async () => {
    const statement = new PreparedStatement(db.dataSource, () => 'SELECT id FROM direct_check WHERE flag = :flag ORDER BY id');
    const query = jest.spyOn(db.dataSource.manager, 'query');
    try {
      const sent = await statementsDuring(db.dataSource, async () => expect(await statement.run({ flag: 0 })).toEqual([{ id: 'b' }]));
      expect(sent).toHaveLength(1);
      expect(query).not.toHaveBeenCalled();
    } finally {
      query.mockRestore();
    }
  });

  it('fails as TypeORM fails, with the driver’s error inside, so a duplicate and a database failure are told apart', () => {
    let failure: unknown;
    try {
      runDirect(db.dataSource, insert, ['a', true, null]);
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError).parameters).toEqual(['a', 1, null]);
    expect(isUniqueViolation(failure)).toBe(true);
    expect(isDatabaseFailure(failure)).toBe(true);
    expect(() => runDirect(db.dataSource, 'SELECT nothing FROM nowhere', [])).toThrow(QueryFailedError);
  });

  it('is part of the unit of work it runs in: its reads see the work so far, and its writes are undone with it', async () => {
    const uow = new SqlUnitOfWork(db.dataSource);
    const read = new PreparedStatement(db.dataSource, () => 'SELECT id FROM direct_check ORDER BY id');
    const write = new PreparedStatement(db.dataSource, () => 'UPDATE direct_check SET label = :label WHERE id = :id');
    await expect(
      uow.run(async () => {
        await db.dataSource.manager.query(insert, ['c', 1, null]);
        expect(await write.affected({ label: 'changed', id: 'a' })).toBe(1);
        expect((await read.run({})).map((r) => r.id)).toEqual(['a', 'b', 'c']);
        throw new Error('something after it failed');
      }),
    ).rejects.toThrow('something after it failed');
    expect(await rows()).toEqual([
      { id: 'a', flag: 1, label: null },
      { id: 'b', flag: 0, label: 'B' },
    ]);
  });

  it('works again on the new connection after the data source is closed and opened again', async () => {
    expect(runDirect(db.dataSource, 'SELECT id FROM direct_check WHERE id = ?', ['a'])).toEqual({ rows: [{ id: 'a' }] });
    await db.dataSource.destroy();
    await db.dataSource.initialize();
    expect(runDirect(db.dataSource, 'SELECT id FROM direct_check WHERE id = ?', ['a'])).toEqual({ rows: [{ id: 'a' }] });
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
