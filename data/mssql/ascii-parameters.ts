import type { DataSource, QueryRunner, ReplicationMode } from 'typeorm';
import { MssqlParameter } from 'typeorm/driver/sqlserver/MssqlParameter';

/** Text SQL Server's varchar holds the same under any collation. */
const NOT_ASCII = /[^\u0000-\u007f]/u; // eslint-disable-line no-control-regex -- the ASCII range starts at NUL
/** The widest varchar before MAX: one declared size, so SQL Server keeps one plan a statement. */
const VARCHAR_WIDTH = 8000;

/**
 * On SQL Server, a parameter TypeORM leaves untyped (every `:name` a query builder or a prepared
 * statement fills in, every raw query's values) is given as varchar when its text is plain ASCII:
 * ids, codes, statuses, dates written as text. The mssql driver would send it as nvarchar, and
 * compared with a varchar column (every key in the schema) SQL Server then converts the column on
 * every row, so that under a SQL collation (Azure SQL's default) an index seek becomes a scan.
 * Compared with or written to an nvarchar column, a varchar parameter is converted instead, losing
 * nothing; text with any other character stays nvarchar. A date goes as datetime2, as every
 * date column is. Parameters TypeORM types from their column are left as they are.
 */
export function sendAsciiAsVarchar(dataSource: DataSource): void {
  const driver = dataSource.driver as unknown as { createQueryRunner(mode: ReplicationMode): QueryRunner; mssql: { MAX: number } };
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  driver.createQueryRunner = (mode: ReplicationMode): QueryRunner => {
    const runner = createQueryRunner(mode);
    const query = runner.query.bind(runner);
    runner.query = (sql: string, parameters?: unknown[], useStructuredResult?: boolean) =>
      // TypeORM's own overloads: `true` returns its structured result.
      query(sql, parameters?.map((value) => asVarchar(value, driver.mssql.MAX)), useStructuredResult as true);
    return runner;
  };
}

function asVarchar(value: unknown, max: number): unknown {
  // The driver would send a date as datetime, to a 300th of a second, against datetime2 columns.
  if (value instanceof Date) return new MssqlParameter(value, 'datetime2');
  if (typeof value !== 'string' || NOT_ASCII.test(value)) return value;
  return new MssqlParameter(value, 'varchar', value.length <= VARCHAR_WIDTH ? VARCHAR_WIDTH : max);
}
