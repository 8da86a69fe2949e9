import type { ConversationReference } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/render';
import type { ConversationPace } from '../../data/stores/conversation-pace';
import type { WorkQueue } from '../../data/stores/work-queue';
import { workId } from '../../data/stores/work-queue';
import type { Clock, Logger } from '../../domain/ports';
import { TeamsSendError, type TeamsMessages } from './teams-messages';
import type { WorkSignals } from './work-signals';

/** The durable work that refreshes a live card again, once Teams takes updates to its copies. */
export const LIVE_CARD_WORK = 'live_card_refresh';

/** Refreshes of one live card put off before it is given up (its next change refreshes it again). */
export const MAX_LIVE_CARD_TRIES = 12;

/** Which live card a posted copy belongs to: a refresh of it re-renders every copy from stored state. */
export interface LiveCard {
  readonly kind: string;
  readonly subjectId: string;
}

/** The subject of the work that refreshes a live card. */
export function liveCardKey(live: LiveCard): string {
  return `${live.kind}|${live.subjectId}`;
}

export function liveCardOf(key: string): LiveCard | null {
  const at = key.indexOf('|');
  return at > 0 ? { kind: key.slice(0, at), subjectId: key.slice(at + 1) } : null;
}

export interface CardUpdatesDeps {
  readonly teams: Pick<TeamsMessages, 'update'>;
  /** The same pace as new messages: an update counts against the conversation's limits too. */
  readonly pace: Pick<ConversationPace, 'reserve' | 'holdUntil'>;
  readonly queue: Pick<WorkQueue, 'later'>;
  readonly signals: Pick<WorkSignals, 'scheduled'>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Jitter for retry times (0 ≤ x < 1); Math.random unless a test fixes it. */
  readonly random?: () => number;
}

/** What became of an update: made, or put off to a time kept in SQL. */
export type UpdateResult = 'updated' | 'later';

/**
 * Updates of cards already posted (live cards), sent as new messages are: within the pace Teams
 * allows each conversation, kept in SQL across instances. When Teams says wait (429, with its
 * Retry-After), or fails in passing (408, 412, 5xx), or the conversation has had all it may have for
 * now, the live card's refresh is written as work due at that time, so the change a person made
 * reaches every copy later, even after a restart; a card is always re-rendered from stored state,
 * so only which card is kept, never its content. 403 and 404 (the person cannot be reached) and a
 * refused card are final: `TeamsSendError`.
 */
export class CardUpdates {
  constructor(private readonly deps: CardUpdatesDeps) {}

  /**
   * Replaces one posted copy in place. `live` names the live card the copy belongs to, for its
   * refresh to be kept for later; with null (a one-off update, such as a redaction a daily job
   * makes) an update that must wait throws `TeamsSendError`, and the caller's next run tries again.
   */
  async update(live: LiveCard | null, reference: Partial<ConversationReference>, activityId: string, card: AdaptiveCard): Promise<UpdateResult> {
    const now = this.deps.clock.now();
    const conversationId = reference.conversation?.id ?? '';
    const slot = await this.deps.pace.reserve(conversationId, now);
    if (!slot.granted) {
      if (!live) throw new TeamsSendError({ kind: 'retry', status: null, retryAfterMs: slot.notBefore.getTime() - now.getTime(), reason: 'kept within Teams\' limits for the conversation' });
      await this.later(live, slot.notBefore, 'kept within Teams\' limits for the conversation', null);
      return 'later';
    }
    const outcome = await this.deps.teams.update(reference, activityId, card);
    switch (outcome.kind) {
      case 'sent':
        return 'updated';
      case 'retry': {
        if (outcome.status === 429 && outcome.retryAfterMs !== null) await this.deps.pace.holdUntil(conversationId, new Date(now.getTime() + outcome.retryAfterMs));
        if (!live) throw new TeamsSendError(outcome);
        const waitMs = outcome.retryAfterMs ?? 15_000;
        // Never sooner than Teams asked; spread out so that copies held back together do not all come back at once.
        const jitterMs = Math.floor((this.deps.random ?? Math.random)() * (waitMs / 5 + 1_000));
        await this.later(live, new Date(now.getTime() + waitMs + jitterMs), outcome.reason, outcome.status);
        return 'later';
      }
      default:
        throw new TeamsSendError(outcome);
    }
  }

  private async later(live: LiveCard, at: Date, reason: string, status: number | null): Promise<void> {
    const now = this.deps.clock.now();
    const key = liveCardKey(live);
    const kept = await this.deps.queue.later(LIVE_CARD_WORK, key, at, now, MAX_LIVE_CARD_TRIES);
    if (!kept) {
      this.deps.logger.error({ kind: live.kind, subjectId: live.subjectId, status }, 'a posted card could not be updated after many tries: it shows an older state until its next change');
      return;
    }
    this.deps.logger.warn({ kind: live.kind, subjectId: live.subjectId, status, reason, at }, 'card update put off: its refresh is kept for then');
    // In this process the refresh starts when it is due; the periodic sweep finds it otherwise (another instance, a restart).
    const timer = setTimeout(() => this.deps.signals.scheduled(workId(LIVE_CARD_WORK, key)), Math.max(0, at.getTime() - now.getTime()));
    timer.unref();
  }
}
