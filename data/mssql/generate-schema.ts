import type { EntityFactory } from '../schema';
import { describeEmptyDatabase, offlineMssqlDataSource } from './offline';

/**
 * The SQL Server DDL that the entities describe, produced without a server: the mssql driver is
 * initialised with its connection stubbed, and the schema builder is asked what it would run
 * against an empty database. Kept in data/mssql/schema.sql so a reviewer (or a DBA) can read it,
 * and compared in a test so it never drifts from the entities.
 */
export async function generateMssqlSchema(entities: readonly EntityFactory[]): Promise<string> {
  const dataSource = await offlineMssqlDataSource(entities);
  describeEmptyDatabase(dataSource);
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    const statements = sql.upQueries.map((q) => `${q.query};`);
    return ['-- SQL Server schema generated from the TypeORM entities by `npm run schema:mssql`. Do not edit by hand.', ...statements, ''].join('\nGO\n');
  } finally {
    await dataSource.destroy();
  }
}
