import type { WorkQueue } from '../../data/stores/work-queue';
import type { Clock, Logger } from '../../domain/ports';
import { errorForLog } from '../logger';
import type { BackgroundWork } from './background';
import type { CrashPoints } from './crash-points';
import type { WorkHandler } from './journey';
import type { WorkSignals } from './work-signals';

/** Runs of one item before it is given up (its subject's card still offers a way on: cancel, or try again). */
const MAX_ATTEMPTS = 12;
/** The first wait after a failed run; it doubles each time, up to RETRY_MAX_MS. */
const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 10 * 60_000;

export interface WorkRunnerDeps {
  readonly queue: WorkQueue;
  readonly handlers: ReadonlyMap<string, WorkHandler>;
  readonly signals: WorkSignals;
  readonly background: BackgroundWork;
  readonly clock: Clock;
  readonly logger: Logger;
  /** How long a run may hold its item before another instance (or the next process) takes it over. */
  readonly leaseMs: number;
  readonly crash: CrashPoints;
}

/**
 * Runs durable work: at once when it is committed (in this process), and on a periodic sweep of
 * whatever is due, which is how work left by a process that stopped (its lease run out), or by
 * another instance, is finished. Each run holds a lease on its row, so one instance runs an item at
 * a time; handlers are safe to repeat, so a run cut short is simply run again.
 */
export class WorkRunner {
  /** Items this process is running now; a signal for one of them is picked up by that run. */
  private readonly draining = new Set<string>();

  constructor(private readonly deps: WorkRunnerDeps) {
    deps.signals.onScheduled((id) => this.start(id));
  }

  /** Runs the item in the background, unless this process is already running it. */
  start(id: string): void {
    if (this.draining.has(id)) return;
    this.deps.background.run('durable work', () => this.drain(id));
  }

  /** Runs every item that is due and that nobody holds; returns how many were looked at. */
  async sweep(): Promise<number> {
    const due = await this.deps.queue.due(this.deps.clock.now());
    for (const id of due) if (!this.draining.has(id)) await this.drain(id);
    return due.length;
  }

  /** Runs the item while it is due: again when it was asked for once more during a run. */
  private async drain(id: string): Promise<void> {
    this.draining.add(id);
    try {
      for (let runs = 0; runs < MAX_ATTEMPTS; runs++) {
        const work = await this.deps.queue.lease(id, this.deps.clock.now(), this.deps.leaseMs);
        if (!work) return;
        this.deps.crash.at('work.leased');
        try {
          const handler = this.deps.handlers.get(work.kind);
          if (!handler) throw new Error(`No journey does work of kind "${work.kind}".`);
          await handler(work.subjectId);
          this.deps.crash.at('work.finished');
          await this.deps.queue.done(work, this.deps.clock.now());
        } catch (error) {
          const now = this.deps.clock.now();
          const retryAt = work.attempts >= MAX_ATTEMPTS ? null : new Date(now.getTime() + Math.min(RETRY_FIRST_MS * 2 ** (work.attempts - 1), RETRY_MAX_MS));
          this.deps.logger.warn({ work: work.kind, subjectId: work.subjectId, attempts: work.attempts, retryAt, err: errorForLog(error) }, retryAt ? 'durable work failed; it will be tried again' : 'durable work given up');
          await this.deps.queue.failed(work, error instanceof Error ? error.message : String(error), retryAt, now);
        } finally {
          this.deps.signals.finished(id);
        }
      }
    } finally {
      this.draining.delete(id);
    }
  }
}
