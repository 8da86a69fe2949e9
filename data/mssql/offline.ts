import 'reflect-metadata';
import { DataSource, type DataSourceOptions, type QueryRunner } from 'typeorm';
import type { EntityFactory } from '../schema';
import { sendAsciiAsVarchar } from './ascii-parameters';

/**
 * An SQL Server data source that never connects: the mssql driver is initialised with its connection
 * stubbed, so TypeORM builds every statement in SQL Server's dialect exactly as it would for a real
 * server, and nothing is sent. No SQL Server can run on the build machines; this is how the schema
 * and the stores' statements are checked in that dialect.
 */
export async function offlineMssqlDataSource(entities: readonly EntityFactory[], extra: Partial<DataSourceOptions> = {}): Promise<DataSource> {
  const dataSource = new DataSource({
    type: 'mssql',
    host: 'offline.invalid',
    database: 'dea_support',
    username: 'offline',
    password: 'offline',
    entities: entities.map((entity) => entity('mssql')),
    synchronize: false,
    ...extra,
  } as DataSourceOptions);
  sendAsciiAsVarchar(dataSource);
  // The driver is only asked to build SQL: no connection is ever opened.
  const driver = dataSource.driver as unknown as Record<string, unknown>;
  driver.connect = async () => undefined;
  driver.afterConnect = async () => undefined;
  driver.disconnect = async () => undefined;
  await dataSource.initialize();
  return dataSource;
}

/** Query runners that describe an empty database (no tables, no views) instead of asking a server. */
export function describeEmptyDatabase(dataSource: DataSource): void {
  const createQueryRunner = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (): QueryRunner => {
    const runner = createQueryRunner();
    runner.getTables = async () => [];
    runner.getViews = async () => [];
    runner.release = async () => undefined;
    return runner;
  };
}
