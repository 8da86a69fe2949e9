import type { DataSource, EntityManager } from 'typeorm';

const queues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * A transaction that is safe to start while another is open. TypeORM's SQLite driver has a single
 * connection, so two overlapping transactions would collide ("cannot start a transaction within a
 * transaction"): on SQLite they take turns. SQL Server gives each transaction its own pooled
 * connection, so they run side by side there.
 */
export async function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type === 'mssql') return dataSource.transaction(work);
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => dataSource.transaction(work));
  queues.set(dataSource, run.catch(() => undefined));
  return run;
}
