import type { Database, Statement } from 'better-sqlite3';
import { QueryFailedError, type DataSource } from 'typeorm';

/** What a statement gave: its rows when it reads (or returns rows), else how many rows it changed. */
export type DirectResult = { readonly rows: Record<string, unknown>[] } | { readonly changes: number };

/** Enough for every statement text the prepared statements write (one per IN-list length at most). */
const MAX_STATEMENTS = 500;

const statementsByConnection = new WeakMap<Database, Map<string, Statement>>();

/**
 * Runs a statement straight on SQLite's one connection, or says it cannot (null: SQL Server).
 *
 * TypeORM's query runner takes that same connection, but goes round several promises and its query
 * events to do it; for the few statements of every turn that cost more than SQLite's own work. What
 * it keeps of TypeORM's: the statement is reported to the data source's logger (so counts of
 * statements see it), booleans are bound as 0 and 1, a failure is a `QueryFailedError` wrapping the
 * driver's, and a statement is compiled once. The connection is the one TypeORM's transactions run
 * on, so inside a unit of work the statement is part of it, as through the query runner.
 */
export function runDirect(dataSource: DataSource, sql: string, values: readonly unknown[]): DirectResult | null {
  if (dataSource.options.type !== 'better-sqlite3') return null;
  const connection = (dataSource.driver as unknown as { databaseConnection?: Database }).databaseConnection;
  if (!connection) return null;
  const bound = values.map((value) => (typeof value === 'boolean' ? Number(value) : value));
  dataSource.logger.logQuery(sql, bound);
  try {
    const statement = statementFor(connection, sql);
    if (statement.reader) return { rows: statement.all(...bound) as Record<string, unknown>[] };
    return { changes: statement.run(...bound).changes };
  } catch (error) {
    throw new QueryFailedError(sql, bound, error as Error);
  }
}

function statementFor(connection: Database, sql: string): Statement {
  let statements = statementsByConnection.get(connection);
  if (!statements) statementsByConnection.set(connection, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) {
    statement = connection.prepare(sql);
    statements.set(sql, statement);
    // Oldest first out: the texts in use every turn are met again at once.
    if (statements.size > MAX_STATEMENTS) statements.delete(statements.keys().next().value!);
  }
  return statement;
}
