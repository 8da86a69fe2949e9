import type { QueryRunner, Table } from 'typeorm';
import { Query } from 'typeorm/driver/Query';
import type { DatabaseSchema } from '../database';
import { offlineMssqlDataSource } from './offline';

/** What the migrations would do to an empty SQL Server database: the statements, and the tables they leave. */
export interface MigrationDdl {
  readonly statements: readonly string[];
  readonly tables: readonly Table[];
}

/**
 * Runs every migration's `up` on an SQL Server query runner that remembers its statements instead
 * of sending them (TypeORM's SQL-in-memory mode), with the tables the earlier migrations made kept in
 * memory for the later ones to alter. Both dialects run the same migrations; this is the DDL SQL
 * Server would be sent, to check without a server.
 */
export async function migrationDdlForMssql(schema: DatabaseSchema): Promise<MigrationDdl> {
  const dataSource = await offlineMssqlDataSource(schema.entities);
  const runner = dataSource.createQueryRunner();
  try {
    runner.enableSqlMemory();
    const tables = (runner as unknown as { loadedTables: Table[] }).loadedTables;
    const createTable = runner.createTable.bind(runner);
    runner.createTable = async (table, ...rest) => {
      await createTable(table, ...rest);
      tables.push(table.clone());
    };
    const dropTable = runner.dropTable.bind(runner);
    runner.dropTable = async (table, ...rest) => {
      await dropTable(table, ...rest);
      const name = typeof table === 'string' ? table : table.name;
      tables.splice(tables.findIndex((t) => t.name === name), 1);
    };
    // Only the tables made so far exist: nothing is read from a server.
    (runner as unknown as { getCachedTable: (name: string) => Promise<Table> }).getCachedTable = async (name) => {
      const table = tables.find((t) => t.name === name);
      if (!table) throw new Error(`A migration alters the table ${name} before any migration creates it.`);
      return table;
    };
    // A migration's own SQL is remembered with the rest, never sent.
    runner.query = (async (sql: string) => {
      runner.getMemorySql().upQueries.push(new Query(sql));
      return [];
    }) as QueryRunner['query'];
    (runner as QueryRunner).hasTable = async (table) => tables.some((t) => t.name === (typeof table === 'string' ? table : table.name));
    for (const migration of schema.migrations) await new migration().up(runner);
    return { statements: runner.getMemorySql().upQueries.map((q) => q.query), tables: tables.map((t) => t.clone()) };
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}
