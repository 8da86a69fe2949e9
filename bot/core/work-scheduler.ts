import { workId, type WorkQueue } from '../../data/stores/work-queue';
import type { Clock, WorkScheduler } from '../../domain/ports';
import type { UnitOfWork } from '../../domain/unit-of-work';
import type { WorkSignals } from './work-signals';

/** The domain's work, written as rows in SQL inside the use case's transaction, and started once it commits. */
export class SqlWorkScheduler implements WorkScheduler {
  constructor(
    private readonly deps: { readonly queue: WorkQueue; readonly uow: UnitOfWork; readonly signals: WorkSignals; readonly clock: Clock },
  ) {}

  async schedule(kind: string, subjectId: string): Promise<void> {
    const id = await this.deps.queue.schedule(kind, subjectId, this.deps.clock.now());
    this.deps.uow.afterCommit(() => this.deps.signals.scheduled(id));
  }

  /** The id a click waits on. */
  idOf(kind: string, subjectId: string): string {
    return workId(kind, subjectId);
  }
}
