import { REMOVED } from '../../data/privacy/claimant-data';
import { redactedCaseCard } from '../../cards/privacy/privacy-cards';
import { LessThan, type DataSource } from 'typeorm';
import type { ClaimantCases, ClaimantRecords } from '../../data/privacy/claimant-records';
import { EndedCaseCards } from '../../data/privacy/ended-case-cards';
import type { PrivacyLog } from '../../data/privacy/privacy-log';
import type { SqlJobLeases } from '../../data/stores/job-leases';
import type { Clock, Logger } from '../../domain/ports';
import { londonDate } from '../../domain/requests/calendar-date';
import type { RetentionConfig } from '../config';
import type { CardUpdates } from '../core/card-updates';
import { errorForLog } from '../logger';

export const EXPIRED_TEXT = REMOVED.expired;

/** Cases taken in one run; the rest wait for the next day's. */
const BATCH = 500;
const DAY_MS = 86_400_000;

export interface RetentionDeps {
  readonly dataSource: DataSource;
  readonly records: ClaimantRecords;
  readonly log: PrivacyLog;
  readonly leases: SqlJobLeases;
  /** Paced like every update; one that must wait is left for the next run. */
  readonly updates: Pick<CardUpdates, 'update'>;
  /** Re-renders the posted cards of the expired cases, and the other cards that show their details. */
  readonly redactPostedCards: (cases: Pick<ClaimantCases, 'requestIds' | 'conversationIds' | 'retentionCaseIds' | 'conferenceCaseIds' | 'references'>) => Promise<void>;
  readonly rules: RetentionConfig;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface RetentionRun {
  readonly cases: number;
  readonly rows: number;
  readonly cardsRedacted: number;
  readonly accessLogDeleted: number;
}

/**
 * Once a day, under a lease so one instance does it: removes claimant details from cases that
 * ended longer ago than their retention period (rows kept, so the reports' counts stay), redacts
 * cards of ended cases posted in Teams, deletes old access log entries, and records how many.
 */
export async function applyRetention(deps: RetentionDeps): Promise<RetentionRun | null> {
  const now = deps.clock.now();
  const day = londonDate(now);
  if (!(await deps.leases.claim('apply-retention', day, now, 30 * 60_000))) return null;
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);

  const cases = await deps.records.endedBefore(before(deps.rules.requestDays), before(deps.rules.adviceDays), BATCH);
  const counts = cases.references.length > 0 ? await deps.records.anonymise(cases, EXPIRED_TEXT) : {};
  await deps.redactPostedCards(cases);

  const ended = new EndedCaseCards(deps.dataSource);
  let cardsRedacted = 0;
  for (const card of await ended.before(before(deps.rules.closedCardDays), BATCH)) {
    try {
      await deps.updates.update(null, card.conversation, card.activityId, redactedCaseCard(card.reference));
      await ended.forget(card.id);
      cardsRedacted++;
    } catch (error) {
      // Left as it is for the next run (the person may have left the chat, or Teams said wait).
      deps.logger.warn({ reference: card.reference, err: errorForLog(error) }, 'could not redact a posted card');
    }
  }

  const deleted = await deps.dataSource.getRepository('AccessLog').delete({ at: LessThan(before(deps.rules.accessLogDays)) });
  const run: RetentionRun = { cases: cases.references.length, rows: Object.values(counts).reduce((a, b) => a + b, 0), cardsRedacted, accessLogDeleted: deleted.affected ?? 0 };
  await deps.log.record({ kind: 'retention', requestedById: null, at: now, completedAt: deps.clock.now(), cases: cases.references, counts: { ...counts, cardsRedacted, accessLogDeleted: run.accessLogDeleted } });
  await deps.leases.complete('apply-retention', day, now);
  deps.logger.info({ ...run }, 'retention applied');
  return run;
}
