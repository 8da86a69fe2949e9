import { errorForLog } from '../logger';
import type { Logger } from '../../domain/ports';

/**
 * Work started after a person has had their answer (Teams gives an invoke 5 seconds), e.g. writing
 * diaries through Graph. Tracked so the process can finish it before stopping, and tests can wait.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly logger: Logger) {}

  run(name: string, work: () => Promise<unknown>): void {
    const promise = work()
      .catch((error: unknown) => this.logger.error({ work: name, err: errorForLog(error) }, 'background work failed'))
      .finally(() => this.running.delete(promise));
    this.running.add(promise);
  }

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
