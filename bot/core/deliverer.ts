import type { ConversationReference } from 'botbuilder';
import type { ConversationReferences } from '../../data/stores/conversation-references';
import type { Outbox } from '../../data/stores/outbox';
import type { Clock, Logger, StaffDirectory } from '../../domain/ports';
import { isNoticeLine, type LiveCardRefresher, type OutboxCard } from './journey';
import type { DeliverySignals } from './delivery-signals';
import type { TeamsMessages } from './teams-messages';
import { errorForLog } from '../logger';

export interface DelivererDeps {
  readonly outbox: Outbox;
  readonly conversationReferences: ConversationReferences;
  readonly directory: StaffDirectory;
  readonly teams: Pick<TeamsMessages, 'send' | 'sendText'>;
  /** Every journey's outbox cards, by kind. */
  readonly cards: ReadonlyMap<string, OutboxCard>;
  /** Every journey's live cards, by kind. */
  readonly liveCards: ReadonlyMap<string, LiveCardRefresher>;
  readonly signals: DeliverySignals;
  readonly logger: Logger;
  readonly clock: Clock;
}

/**
 * Sends what the outbox holds, built last from every journey's cards: at once when a message is
 * queued here, when its recipient is next seen (and so reachable), and on the periodic sweep.
 */
export class Deliverer {
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Live cards being refreshed, by kind and subject; `again` when another change came meanwhile. */
  private readonly refreshing = new Map<string, { again: boolean }>();

  constructor(private readonly deps: DelivererDeps) {
    deps.signals.onQueued((id) => this.inBackground(() => this.deliver(id)));
    deps.signals.onChanged((kind, subjectId) => this.refreshLive(kind, subjectId));
  }

  /**
   * One refresh at a time per card, so an older state never lands after a newer one; changes that
   * come during a refresh are shown by one more refresh after it.
   */
  private refreshLive(kind: string, subjectId: string): void {
    const refresh = this.deps.liveCards.get(kind);
    if (!refresh) {
      this.deps.logger.error({ kind }, 'no live card of this kind');
      return;
    }
    const key = `${kind}:${subjectId}`;
    const running = this.refreshing.get(key);
    if (running) {
      running.again = true;
      return;
    }
    const state = { again: false };
    this.refreshing.set(key, state);
    this.inBackground(async () => {
      try {
        do {
          state.again = false;
          await refresh(subjectId);
        } while (state.again);
      } finally {
        this.refreshing.delete(key);
      }
    });
  }

  /** Delivers what was waiting for someone who has just been seen (and so can now be reached). */
  flushFor(aadObjectId: string): void {
    this.inBackground(async () => {
      for (const message of await this.deps.outbox.pendingFor(aadObjectId)) await this.deliver(message.id);
    });
  }

  /** Retries whatever is due; run periodically by every instance, the lease keeps it to one. */
  async sweep(): Promise<void> {
    for (const message of await this.deps.outbox.due(this.deps.clock.now())) await this.deliver(message.id);
  }

  /** Resolves when every background delivery started so far has finished (for an orderly stop, and tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async deliver(id: string): Promise<void> {
    const now = this.deps.clock.now();
    if (!(await this.deps.outbox.lease(id, now))) return;
    const message = await this.deps.outbox.find(id);
    if (!message) return;
    try {
      const reference = await this.deps.conversationReferences.personalChatOf(message.recipientAad);
      if (!reference) {
        await this.deps.outbox.failed(id, message.attempts, 'the recipient has not opened the app yet', now);
        this.deps.logger.info({ outboxId: id, kind: message.kind }, 'message kept until the recipient opens the app');
        return;
      }
      await this.send(message.kind, message.subjectId, message.recipientAad, reference);
      await this.deps.outbox.delivered(id, this.deps.clock.now());
      this.deps.logger.info({ outboxId: id, kind: message.kind, attempts: message.attempts + 1 }, 'message delivered');
    } catch (error) {
      await this.deps.outbox.failed(id, message.attempts, (error as Error).message, this.deps.clock.now());
      this.deps.logger.warn({ outboxId: id, kind: message.kind, err: errorForLog(error) }, 'delivery failed; will retry');
    }
  }

  private async send(kind: string, subjectId: string | null, recipientAad: string, reference: Partial<ConversationReference>): Promise<void> {
    const source = this.deps.cards.get(kind);
    if (!source || !subjectId) throw new Error(`unknown outbox message kind ${kind}`);
    const recipient = await this.deps.directory.findByAadObjectId(recipientAad);
    const card = recipient ? await source.render(subjectId, recipient) : null;
    if (!card) return;
    if (isNoticeLine(card)) {
      // A line about a change to a card the recipient already has: that card is the live copy.
      await this.deps.teams.sendText(reference, card.notice);
      return;
    }
    const activityId = await this.deps.teams.send(reference, card);
    if (activityId && source.posted) await source.posted(subjectId, recipientAad, activityId, reference);
  }

  private inBackground(work: () => Promise<void>): void {
    const promise = work()
      .catch((error: unknown) => this.deps.logger.error({ err: errorForLog(error) }, 'notification failed'))
      .finally(() => this.inFlight.delete(promise));
    this.inFlight.add(promise);
  }
}
