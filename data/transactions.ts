import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, ObjectLiteral, Repository } from 'typeorm';
import type { UnitOfWork } from '../domain/unit-of-work';

const queues = new WeakMap<DataSource, Promise<unknown>>();

/** The transaction a unit of work is running in, and what waits for it to commit. */
interface Ambient {
  readonly dataSource: DataSource;
  readonly manager: EntityManager;
  readonly afterCommit: (() => void)[];
}
const ambient = new AsyncLocalStorage<Ambient>();

function openFor(dataSource: DataSource): Ambient | undefined {
  const open = ambient.getStore();
  return open?.dataSource === dataSource ? open : undefined;
}

/**
 * A transaction that is safe to start while another is open. TypeORM's SQLite driver has a single
 * connection, so two overlapping transactions would collide ("cannot start a transaction within a
 * transaction"): on SQLite they take turns. SQL Server gives each transaction its own pooled
 * connection, so they run side by side there. Inside a unit of work, it is part of that transaction.
 */
export async function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const open = openFor(dataSource);
  if (open) return work(open.manager);
  if (dataSource.options.type === 'mssql') return dataSource.transaction(work);
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => dataSource.transaction(work));
  queues.set(dataSource, run.catch(() => undefined));
  return run;
}

/** The entity manager to use now: the unit of work's transaction, when one is open. */
export function managerOf(dataSource: DataSource): EntityManager {
  return openFor(dataSource)?.manager ?? dataSource.manager;
}

/** A repository that writes inside the unit of work's transaction when one is open. */
export function repositoryOf<T extends ObjectLiteral>(dataSource: DataSource, entity: string): Repository<T> {
  return managerOf(dataSource).getRepository<T>(entity);
}

/** Use cases that write several tables commit them together, through every SQL store. */
export class SqlUnitOfWork implements UnitOfWork {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (openFor(this.dataSource)) return work();
    const afterCommit: (() => void)[] = [];
    const result = await inTransaction(this.dataSource, (manager) => ambient.run({ dataSource: this.dataSource, manager, afterCommit }, work));
    for (const callback of afterCommit) callback();
    return result;
  }

  afterCommit(callback: () => void): void {
    const open = openFor(this.dataSource);
    if (open) open.afterCommit.push(callback);
    else callback();
  }
}
