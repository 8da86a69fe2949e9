import type { Activity, Middleware, TurnContext } from 'botbuilder';
import type { AccessEntry, PrivacyLog } from '../../data/privacy/privacy-log';
import type { Clock, Logger } from '../../domain/ports';
import type { StaffMember } from '../../domain/staff';
import type { CrashPoints } from '../core/crash-points';
import { errorForLog } from '../logger';

/** How a showing is written down: kept apart from the renderers so they stay free of SQL. */
export interface AccessSink {
  saw(viewer: StaffMember, caseKind: AccessEntry['caseKind'], caseId: string, relationship: string, shown: AccessEntry['shown']): void;
}

/** Bounds what is remembered of recent showings, whatever the traffic. */
const REMEMBERED_SHOWINGS = 50_000;

/**
 * Every showing of a claimant's case. A render notes it in memory; before anything rendered leaves
 * the process (a turn's reply or invoke answer, a card sent or updated outside a turn) what has
 * been noted is written, in one multi-row insert. So the record of a showing is in SQL before the
 * person can see the card, and a process killed after the card went cannot lose it; a turn that
 * showed nothing new costs no statement.
 */
export class AccessAudit implements AccessSink {
  private waiting: AccessEntry[] = [];
  /** When each recent showing was written, oldest first (a showing written again moves to the end). */
  private readonly written = new Map<string, number>();
  /** Writes run one after another, so a card waits for the write that holds its showing, even if another turn took it. */
  private writing: Promise<void> = Promise.resolve();

  /**
   * `repeatMs`: a showing repeated this soon after one written (the same person, case, relationship
   * and way: a queue looked at again, a card Teams refreshes each time the chat is opened) tells a
   * subject access nothing new, so it is not written again. Exports are always written.
   */
  constructor(
    private readonly log: Pick<PrivacyLog, 'logAccess'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly repeatMs = 0,
  ) {}

  saw(viewer: StaffMember, caseKind: AccessEntry['caseKind'], caseId: string, relationship: string, shown: AccessEntry['shown']): void {
    this.waiting.push({ at: this.clock.now(), staffId: viewer.id, caseKind, caseId, relationship, shown });
  }

  /**
   * Writes everything noted so far, after any write already under way; throws when it cannot be
   * written (what was noted is kept for the next try), so the caller does not show the card.
   */
  async writeNoted(): Promise<void> {
    const step = this.writing.then(() => this.writeWaiting());
    this.writing = step.catch(() => undefined);
    await step;
  }

  private async writeWaiting(): Promise<void> {
    const batch = this.waiting;
    if (batch.length === 0) return;
    this.waiting = [];
    const fresh = this.notYetWritten(batch);
    if (fresh.length === 0) return;
    try {
      await this.log.logAccess(fresh);
    } catch (error) {
      this.waiting = [...batch, ...this.waiting];
      throw error;
    }
    this.remember(fresh);
  }

  /** The showings of `batch` that repeat none written in the last `repeatMs`, nor one before them in the batch. */
  private notYetWritten(batch: readonly AccessEntry[]): AccessEntry[] {
    if (this.repeatMs === 0) return [...batch];
    const seen = new Set<string>();
    return batch.filter((entry) => {
      if (entry.shown === 'export') return true;
      const key = keyOf(entry);
      const last = this.written.get(key);
      if (seen.has(key) || (last !== undefined && entry.at.getTime() - last < this.repeatMs)) return false;
      seen.add(key);
      return true;
    });
  }

  private remember(written: readonly AccessEntry[]): void {
    if (this.repeatMs === 0) return;
    for (const entry of written) {
      if (entry.shown === 'export') continue;
      const key = keyOf(entry);
      this.written.delete(key);
      this.written.set(key, entry.at.getTime());
    }
    const before = this.clock.now().getTime() - this.repeatMs;
    for (const [key, at] of this.written) {
      if (at >= before && this.written.size <= REMEMBERED_SHOWINGS) break;
      this.written.delete(key);
    }
  }

  /** For an orderly stop and the periodic safety net: writes what is noted; a failure is logged and kept. Returns whether all was written. */
  async flush(): Promise<boolean> {
    try {
      await this.writeNoted();
      return true;
    } catch (error) {
      this.logger.warn({ waiting: this.waiting.length, err: errorForLog(error) }, 'could not write the access log; will retry');
      return false;
    }
  }
}

function keyOf(entry: AccessEntry): string {
  return `${entry.staffId} ${entry.caseKind} ${entry.caseId} ${entry.relationship} ${entry.shown}`;
}

/** Set on a turn whose showings could not be written, so its apology (which shows nothing) still goes. */
const AUDIT_FAILED = Symbol('access audit failed');

/** Whether the activities going out could show a case: a card, or an invoke's answer (which carries the refreshed card). */
function mayShow(activities: readonly Partial<Activity>[]): boolean {
  return activities.some((a) => (a.attachments?.length ?? 0) > 0 || a.type === 'invokeResponse');
}

/**
 * Turn middleware: before a turn's reply or invoke answer leaves, the showings it rendered are
 * written. If they cannot be, the reply is not sent and the turn fails (the person is told sorry).
 * `access.shown` is a crash point right after a card went, for the crash tests.
 */
export function accessWrittenBeforeShowing(access: AccessAudit, crash: CrashPoints): Middleware {
  /** Before `activities` leave: what they may show is written first; a failure stops them. */
  const beforeShowing = async (context: TurnContext, activities: readonly Partial<Activity>[]): Promise<boolean> => {
    if (!mayShow(activities)) return false;
    if (context.turnState.get(AUDIT_FAILED)) {
      // The turn's answer to a click is then its apology, which shows nothing; no card leaves.
      if (activities.every((a) => a.type === 'invokeResponse')) return false;
      throw new Error('The access log could not be written, so the card is not shown.');
    }
    // Waited for even when nothing is noted here: another turn's write may be carrying this turn's showings.
    try {
      await access.writeNoted();
    } catch (error) {
      context.turnState.set(AUDIT_FAILED, true);
      throw error;
    }
    return true;
  };
  return {
    onTurn: async (turn: TurnContext, next: () => Promise<void>) => {
      turn.onSendActivities(async (context, activities, send) => {
        const showing = await beforeShowing(context, activities);
        const sent = await send();
        if (showing) crash.at('access.shown');
        return sent;
      });
      // A card updated in place (a Teams mobile click answers that way) shows a case as much as one sent.
      turn.onUpdateActivity(async (context, activity, update) => {
        const showing = await beforeShowing(context, [activity]);
        await update();
        if (showing) crash.at('access.shown');
      });
      await next();
    },
  };
}
