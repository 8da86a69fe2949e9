import { EventEmitter } from 'node:events';

/**
 * How, in this process, scheduled work is started at once and a click waits a moment for it. Rows
 * in SQL are the truth: a lost signal only means the periodic sweep runs the work a little later.
 */
export class WorkSignals {
  private readonly emitter = new EventEmitter();
  /** When each item last finished a run, so a click that asks after the fact is not kept waiting. */
  private readonly lastFinished = new Map<string, number>();

  constructor() {
    // Many clicks may wait on work at once.
    this.emitter.setMaxListeners(0);
  }

  /** Work was committed and is due now. */
  scheduled(workId: string): void {
    this.emitter.emit('scheduled', workId);
  }

  onScheduled(listener: (workId: string) => void): void {
    this.emitter.on('scheduled', listener);
  }

  /** A run of the work ended (done, or to be tried again). */
  finished(workId: string): void {
    this.lastFinished.delete(workId);
    this.lastFinished.set(workId, Date.now());
    // Only recent runs matter; the oldest are forgotten first.
    if (this.lastFinished.size > 1000) this.lastFinished.delete(this.lastFinished.keys().next().value!);
    this.emitter.emit(`finished:${workId}`);
  }

  /** Resolves true when a run of the work ends (or ended, at or after `since`) within `ms`; false otherwise. */
  settled(workId: string, ms: number, since: number): Promise<boolean> {
    if ((this.lastFinished.get(workId) ?? -1) >= since) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.emitter.off(`finished:${workId}`, done);
        resolve(false);
      }, ms);
      timer.unref();
      this.emitter.once(`finished:${workId}`, done);
    });
  }
}
