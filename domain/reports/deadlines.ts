import { addDays, londonDateFast } from '../calendar/london-time';
import type { JobLeases } from '../conferences/ports';
import type { Clock, Logger } from '../ports';
import { workingDaysAfter } from './advice-report';
import type { DeadlineStore, DueRequest } from './ports';

/** The DEA is reminded this many working days before a request's required response date. */
export const WARN_WORKING_DAYS = 2;
/** A missed date is reported to the team leader only while it is this recent (older ones were). */
const MISSED_LOOKBACK_DAYS = 30;

export interface DeadlineNotifier {
  dueSoon(request: DueRequest): Promise<void>;
  missed(request: DueRequest): Promise<void>;
}

/**
 * Required response dates (seed: the DEA answers by the date the coach needs): the DEA is told 2
 * working days before a request still waiting for them is due; once the date has passed unanswered,
 * their team leader is told. Every instance runs it; a lease per request and notice sends each once.
 */
export class DeadlineService {
  constructor(private readonly deps: { readonly store: DeadlineStore; readonly jobs: JobLeases; readonly notifier: DeadlineNotifier; readonly clock: Clock; readonly logger: Logger }) {}

  async sweep(now: Date = this.deps.clock.now()): Promise<{ warned: number; missed: number }> {
    const today = londonDateFast(now);
    let warned = 0;
    let missed = 0;
    for (const request of await this.deps.store.unanswered(addDays(today, -MISSED_LOOKBACK_DAYS), workingDaysAfter(today, WARN_WORKING_DAYS))) {
      const late = request.requiredBy < today;
      const job = late ? 'request-missed' : 'request-due-soon';
      if (!(await this.deps.jobs.claim(job, request.id, now, 10 * 60_000))) continue;
      try {
        if (late) await this.deps.notifier.missed(request);
        else await this.deps.notifier.dueSoon(request);
        await this.deps.jobs.complete(job, request.id, now);
        if (late) missed += 1;
        else warned += 1;
      } catch (error) {
        await this.deps.jobs.release(job, request.id);
        throw error;
      }
    }
    if (warned + missed > 0) this.deps.logger.info({ warned, missed }, 'required response dates: DEAs reminded, team leaders told');
    return { warned, missed };
  }
}
