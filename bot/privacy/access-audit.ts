import type { AccessEntry, PrivacyLog } from '../../data/privacy/privacy-log';
import type { Clock, Logger } from '../../domain/ports';
import type { StaffMember } from '../../domain/staff';
import { errorForLog } from '../logger';

/** How a showing is written down: kept apart from the renderers so they stay free of SQL. */
export interface AccessSink {
  saw(viewer: StaffMember, caseKind: AccessEntry['caseKind'], caseId: string, relationship: string, shown: AccessEntry['shown']): void;
}

/** Written at once when this many are waiting, else by the periodic flush and on shutdown. */
const FLUSH_AT = 200;

/**
 * Every showing of a claimant's case, batched: renders only note it in memory, and a periodic job
 * writes what has gathered in one multi-row insert, so a turn costs no extra statement. What is
 * noted in the few seconds before a crash can be lost; an orderly stop writes it all.
 */
export class AccessAudit implements AccessSink {
  private waiting: AccessEntry[] = [];

  constructor(
    private readonly log: Pick<PrivacyLog, 'logAccess'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  saw(viewer: StaffMember, caseKind: AccessEntry['caseKind'], caseId: string, relationship: string, shown: AccessEntry['shown']): void {
    this.waiting.push({ at: this.clock.now(), staffId: viewer.id, caseKind, caseId, relationship, shown });
    if (this.waiting.length >= FLUSH_AT) void this.flush();
  }

  /** Writes what is waiting; on failure keeps it for the next flush. Returns how many were written. */
  async flush(): Promise<number> {
    const batch = this.waiting;
    if (batch.length === 0) return 0;
    this.waiting = [];
    try {
      await this.log.logAccess(batch);
      return batch.length;
    } catch (error) {
      this.waiting = [...batch, ...this.waiting];
      this.logger.warn({ waiting: this.waiting.length, err: errorForLog(error) }, 'could not write the access log; will retry');
      return 0;
    }
  }
}
