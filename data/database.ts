import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions, type EntitySchema, type MigrationInterface } from 'typeorm';
import type { EntityFactory } from './schema';
import type { SqlDialect } from './schema/dialect';
import { FieldLengthGuard } from './field-lengths';
import { sendAsciiAsVarchar } from './mssql/ascii-parameters';

export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly file: string }
  | {
      readonly kind: 'mssql';
      readonly host: string;
      readonly port: number;
      readonly database: string;
      readonly user?: string;
      readonly password?: string;
      /** Azure SQL with a managed identity instead of a password. */
      readonly authentication: 'sql' | 'managed-identity';
      readonly managedIdentityClientId?: string;
      readonly encrypt: boolean;
      readonly trustServerCertificate: boolean;
    };

export function dialectOfConfig(config: DatabaseConfig): SqlDialect {
  return config.kind;
}

/** The tables and the migrations, in order: the core's and every journey's, composed by the bot. */
export interface DatabaseSchema {
  readonly entities: readonly EntityFactory[];
  readonly migrations: readonly (new () => MigrationInterface)[];
}

export function dataSourceOptions(config: DatabaseConfig, schema: DatabaseSchema): DataSourceOptions {
  const shared = {
    entities: schema.entities.map((entity) => entity(config.kind)) as EntitySchema[],
    migrations: schema.migrations as (new () => MigrationInterface)[],
    migrationsTableName: 'schema_migration',
    // Text longer than its column is refused here, on SQLite too, as SQL Server would refuse it.
    subscribers: [FieldLengthGuard] as Function[], // eslint-disable-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type for a subscriber class
    synchronize: false,
    logging: false,
  } as const;
  if (config.kind === 'sqlite') {
    return {
      ...shared,
      type: 'better-sqlite3',
      database: config.file,
      enableWAL: true,
      // In WAL mode, NORMAL syncs at checkpoints rather than at every commit: a commit survives the
      // process being killed (the crash tests kill it mid-turn), and only a power cut or an operating
      // system crash could undo the last ones. FULL cost about 0.4 ms a commit, several a turn.
      // Checkpoints stay SQLite's own, in the committing connection: done by another connection (a
      // worker thread) they never rewind the log while writes keep coming, and it grew without bound.
      prepareDatabase: (db: { pragma(source: string): unknown }) => void db.pragma('synchronous = NORMAL'),
      // Several requests write at once: wait a little for the lock, but fail well within Teams' 5 s
      // (the driver is synchronous, so a long wait would stop the whole process).
      timeout: 2_000,
    };
  }
  return {
    ...shared,
    type: 'mssql',
    host: config.host,
    port: config.port,
    database: config.database,
    ...(config.authentication === 'managed-identity'
      ? {
          authentication: {
            type: 'azure-active-directory-msi-app-service',
            options: config.managedIdentityClientId ? { clientId: config.managedIdentityClientId } : {},
          },
        }
      : { username: config.user, password: config.password }),
    options: {
      encrypt: config.encrypt,
      trustServerCertificate: config.trustServerCertificate,
      // Keys and codes are varchar: a parameter sent as nvarchar would make SQL Server convert the
      // column on every row it compares (CONVERT_IMPLICIT), so an index seek became a scan. This
      // types those TypeORM types from their column; `sendAsciiAsVarchar` the rest.
      disableAsciiToUnicodeParamConversion: true,
    },
    pool: { max: 20, min: 0, idleTimeoutMillis: 30_000 },
  } as DataSourceOptions;
}

/** Connects and brings the schema up to date. Never synchronises: migrations are the only DDL. */
export async function openDatabase(config: DatabaseConfig, schema: DatabaseSchema): Promise<DataSource> {
  if (config.kind === 'sqlite' && config.file !== ':memory:') {
    mkdirSync(dirname(config.file), { recursive: true });
  }
  const dataSource = new DataSource(dataSourceOptions(config, schema));
  if (config.kind === 'mssql') sendAsciiAsVarchar(dataSource);
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/**
 * True when the database takes a write, within `withinMs`. A read proves little: SQLite answers
 * `SELECT 1` without touching the file, so a locked, read-only or deleted database would pass.
 */
export async function databaseWritable(dataSource: DataSource, at: Date = new Date(), withinMs = 3_000): Promise<boolean> {
  if (!dataSource.isInitialized) return false;
  const write = (async () => {
    const probe = dataSource.getRepository('JobRun');
    const updated = await probe.update({ id: 'health-probe' }, { leaseUntil: at, completedAt: at });
    if (!updated.affected) await probe.insert({ id: 'health-probe', leaseUntil: at, completedAt: at });
    return true;
  })().catch(() => false);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), withinMs);
  });
  try {
    return await Promise.race([write, late]);
  } finally {
    clearTimeout(timer);
  }
}
