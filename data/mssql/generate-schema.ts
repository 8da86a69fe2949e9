import 'reflect-metadata';
import { DataSource, type QueryRunner } from 'typeorm';
import type { EntityFactory } from '../schema';

/**
 * The SQL Server DDL that the entities describe, produced without a server: the mssql driver is
 * initialised with its connection stubbed, and the schema builder is asked what it would run
 * against an empty database. Kept in data/mssql/schema.sql so a reviewer (or a DBA) can read it,
 * and compared in a test so it never drifts from the entities.
 */
export async function generateMssqlSchema(entities: readonly EntityFactory[]): Promise<string> {
  const dataSource = new DataSource({
    type: 'mssql',
    host: 'offline.invalid',
    database: 'dea_support',
    username: 'offline',
    password: 'offline',
    entities: entities.map((entity) => entity('mssql')),
    synchronize: false,
  });
  // The driver is only asked to build SQL: no connection is ever opened.
  const driver = dataSource.driver as unknown as Record<string, unknown>;
  driver.connect = async () => undefined;
  driver.afterConnect = async () => undefined;
  driver.disconnect = async () => undefined;
  await dataSource.initialize();

  const createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (): QueryRunner => {
    const runner = createQueryRunner();
    runner.getTables = async () => [];
    runner.getViews = async () => [];
    runner.release = async () => undefined;
    return runner;
  };
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    const statements = sql.upQueries.map((q) => `${q.query};`);
    return ['-- SQL Server schema generated from the TypeORM entities by `npm run schema:mssql`. Do not edit by hand.', ...statements, ''].join('\nGO\n');
  } finally {
    await dataSource.destroy();
  }
}
