import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, type DataSourceOptions, type MigrationInterface } from 'typeorm';
import { entitySchemas } from './schema';
import type { SqlDialect } from './schema/dialect';

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

/** The migrations to run, in order: every journey's, composed by the bot. */
export type Migrations = readonly (new () => MigrationInterface)[];

export function dataSourceOptions(config: DatabaseConfig, migrations: Migrations = []): DataSourceOptions {
  const shared = {
    entities: entitySchemas(config.kind),
    migrations: migrations as (new () => MigrationInterface)[],
    migrationsTableName: 'schema_migration',
    synchronize: false,
    logging: false,
  } as const;
  if (config.kind === 'sqlite') {
    return {
      ...shared,
      type: 'better-sqlite3',
      database: config.file,
      enableWAL: true,
      // Several requests write at once; wait for the lock rather than fail.
      timeout: 10_000,
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
    options: { encrypt: config.encrypt, trustServerCertificate: config.trustServerCertificate },
    pool: { max: 20, min: 0, idleTimeoutMillis: 30_000 },
  } as DataSourceOptions;
}

/** Connects and brings the schema up to date. Never synchronises: migrations are the only DDL. */
export async function openDatabase(config: DatabaseConfig, migrations: Migrations): Promise<DataSource> {
  if (config.kind === 'sqlite' && config.file !== ':memory:') {
    mkdirSync(dirname(config.file), { recursive: true });
  }
  const dataSource = new DataSource(dataSourceOptions(config, migrations));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

/** True when the database answers a trivial query. */
export async function databaseAnswers(dataSource: DataSource): Promise<boolean> {
  if (!dataSource.isInitialized) return false;
  try {
    await dataSource.query('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
