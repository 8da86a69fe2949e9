import { SqlJobLeases } from '../../data/stores/job-leases';
import { isUniqueViolation } from '../../data/unique-violation';
import { openTempDatabase, type TempDatabase } from '../support/template-database';

describe('telling "already there" from any other database failure', () => {
  it.each([
    ['SQLite primary key', { code: 'SQLITE_CONSTRAINT_PRIMARYKEY', message: 'UNIQUE constraint failed: job_run.id' }, true],
    ['SQLite unique index', { code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: outbox.id' }, true],
    ['SQL Server unique constraint (2627)', { driverError: { number: 2627, message: 'Violation of PRIMARY KEY constraint' } }, true],
    ['SQL Server unique index (2601)', { number: 2601, message: 'Cannot insert duplicate key row' }, true],
    ['a trigger refusing the write', { code: 'SQLITE_CONSTRAINT_TRIGGER', message: 'database is locked' }, false],
    ['a busy database', { code: 'SQLITE_BUSY', message: 'database is locked' }, false],
    ['SQL Server deadlock (1205)', { number: 1205, message: 'Transaction was deadlocked' }, false],
    ['nothing at all', undefined, false],
  ])('%s', (_name, error, expected) => {
    expect(isUniqueViolation(error)).toBe(expected);
  });

  describe('a job lease on a database that cannot be written', () => {
    let db: TempDatabase;
    beforeEach(async () => {
      db = await openTempDatabase();
    });
    afterEach(() => db.close());

    it('fails for the caller to see, rather than passing for a lease someone else holds', async () => {
      const leases = new SqlJobLeases(db.dataSource);
      const now = new Date('2026-12-07T10:00:00Z');
      await db.dataSource.query("CREATE TRIGGER job_run_down BEFORE INSERT ON job_run BEGIN SELECT RAISE(ABORT, 'database is locked'); END;");
      await expect(leases.claim('top-up', '2026-12', now, 60_000)).rejects.toThrow(/database is locked/);
      await db.dataSource.query('DROP TRIGGER job_run_down');
      expect(await leases.claim('top-up', '2026-12', now, 60_000)).toBe(true);
      expect(await leases.claim('top-up', '2026-12', now, 60_000)).toBe(false);
    });
  });
});
