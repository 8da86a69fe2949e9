import type { DataSource, Logger } from 'typeorm';

/** A statement the data source sent, with its parameters. */
export interface SentStatement {
  readonly sql: string;
  readonly parameters: unknown[];
}

/** A recording of the statements a data source sends, until `stop` puts its logger back. */
export interface StatementRecording {
  readonly sent: SentStatement[];
  stop(): void;
}

/**
 * Records every statement the data source sends from now on (TypeORM reports each to its logger,
 * and so do the statements sent straight to SQLite), without transaction control (BEGIN, COMMIT and
 * the like): what a count of statements counts.
 */
export function recordStatements(dataSource: DataSource): StatementRecording {
  const sent: SentStatement[] = [];
  const original = dataSource.logger;
  const recording: Logger = {
    logQuery: (sql, parameters) => void (/^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(sql.trim()) ? 0 : sent.push({ sql, parameters: Array.isArray(parameters) ? parameters : [] })),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  Object.assign(dataSource, { logger: recording });
  return { sent, stop: () => void Object.assign(dataSource, { logger: original }) };
}

/** Every statement the data source sends while `work` runs (see `recordStatements`). */
export async function statementsDuring(dataSource: DataSource, work: () => Promise<unknown>): Promise<SentStatement[]> {
  const recording = recordStatements(dataSource);
  try {
    await work();
  } finally {
    recording.stop();
  }
  return recording.sent;
}
