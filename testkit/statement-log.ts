import type { DataSource, Logger } from 'typeorm';

/** A statement the data source sent, with its parameters. */
export interface SentStatement {
  readonly sql: string;
  readonly parameters: unknown[];
}

/**
 * Every statement the data source sends while `work` runs (TypeORM reports each to its logger),
 * without transaction control (BEGIN, COMMIT and the like): what a count of statements counts.
 */
export async function statementsDuring(dataSource: DataSource, work: () => Promise<unknown>): Promise<SentStatement[]> {
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
  try {
    await work();
  } finally {
    Object.assign(dataSource, { logger: original });
  }
  return sent;
}
