import type { ConversationReference } from 'botbuilder';
import { unreachableCard, type UnreachableReason } from '../../cards/unreachable-card';
import type { ConversationPace } from '../../data/stores/conversation-pace';
import type { ConversationReferences } from '../../data/stores/conversation-references';
import { MAX_ATTEMPTS, type Outbox, type OutboxMessage } from '../../data/stores/outbox';
import type { Clock, Logger, StaffDirectory } from '../../domain/ports';
import type { UnitOfWork } from '../../domain/unit-of-work';
import { isNoticeLine, type LiveCardRefresher, type OutboxCard } from './journey';
import { liveCardOf } from './card-updates';
import type { DeliverySignals } from './delivery-signals';
import type { SendOutcome } from './send-outcome';
import type { TeamsMessages } from './teams-messages';
import { errorForLog } from '../logger';

/** The outbox kind of the card that tells someone their message could not reach its recipient. */
export const UNREACHABLE_NOTICE = 'unreachable_notice';

/** How long a message for someone who has never opened the app waits before the sweep looks again (being seen delivers it at once). */
const RECHECK_UNSEEN_MS = 60 * 60_000;

export interface DelivererDeps {
  readonly outbox: Outbox;
  readonly conversationReferences: ConversationReferences;
  readonly directory: StaffDirectory;
  readonly teams: Pick<TeamsMessages, 'send' | 'sendText'>;
  /** Keeps sends to each conversation inside Teams' limits, across instances. */
  readonly pace: Pick<ConversationPace, 'reserve' | 'holdUntil'>;
  /** For telling a waiting person: the mark that they were told and their notice are written together. */
  readonly uow: UnitOfWork;
  /** Jitter for retry times (0 ≤ x < 1); Math.random unless a test fixes it. */
  readonly random?: () => number;
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
 *
 * Every send's answer is classified (as Microsoft's Company Communicator does): delivered is
 * recorded at once, so a card that reached Teams is never sent again; throttling and passing
 * failures are tried again at the time Teams names (Retry-After), with jitter, kept in the row in
 * SQL; 403 and 404 (no app, or no chat) are final and the person waiting is told; anything still
 * failing after `MAX_ATTEMPTS` tries is dead-lettered with its status kept.
 */
export class Deliverer {
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly cards: ReadonlyMap<string, OutboxCard>;
  /** The earliest retry this process has put off (ms), so that the sweep looks as soon as it is due. */
  private nextDueHint: number | null = null;
  private lastFullSweep: number;
  /** Live cards being refreshed, by kind and subject; `again` when another change came meanwhile. */
  private readonly refreshing = new Map<string, { again: boolean }>();

  constructor(private readonly deps: DelivererDeps) {
    this.lastFullSweep = deps.clock.now().getTime();
    this.cards = new Map([...deps.cards, [UNREACHABLE_NOTICE, { render: (outboxId) => this.renderNotice(outboxId) }]]);
    deps.signals.onQueued((id, message) => this.inBackground(async () => void (await this.deliver(id, { known: message }))));
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

  /**
   * A live card's refresh that was put off (Teams said wait), run as durable work when due: it
   * re-renders every copy from stored state. If a refresh of it is running here already, that run
   * goes round once more instead.
   */
  async refreshNow(key: string): Promise<void> {
    const live = liveCardOf(key);
    const refresh = live ? this.deps.liveCards.get(live.kind) : undefined;
    if (!live || !refresh) {
      this.deps.logger.error({ key }, 'no live card of this kind');
      return;
    }
    const running = this.refreshing.get(`${live.kind}:${live.subjectId}`);
    if (running) {
      running.again = true;
      return;
    }
    await refresh(live.subjectId);
  }

  /** Delivers what was waiting for someone who has just been seen (and so can now be reached). */
  flushFor(aadObjectId: string): void {
    this.inBackground(async () => {
      for (const message of await this.deps.outbox.pendingFor(aadObjectId)) await this.deliver(message.id, { revive: true, known: message });
    });
  }

  /**
   * The periodic job, run every few seconds: sweeps when a retry this process put off has come due,
   * and at least once a minute for everything else (other instances' retries, messages whose signal
   * was lost). The times are in SQL; this only decides when to look, so an idle bot asks once a minute.
   */
  async sweepIfDue(): Promise<void> {
    const now = this.deps.clock.now().getTime();
    const hintDue = this.nextDueHint !== null && this.nextDueHint <= now;
    if (!hintDue && now - this.lastFullSweep < 60_000) return;
    this.lastFullSweep = now;
    this.nextDueHint = null;
    await this.sweep();
  }

  private remember(at: Date): void {
    if (this.nextDueHint === null || at.getTime() < this.nextDueHint) this.nextDueHint = at.getTime();
  }

  /** Sends whatever is due; run periodically by every instance, each row's lease keeps it to one. */
  async sweep(): Promise<void> {
    // Once a conversation has had all Teams allows for now, its other messages wait for the next sweep.
    const full = new Set<string>();
    for (const message of await this.deps.outbox.due(this.deps.clock.now())) {
      if (full.has(message.recipientAad)) continue;
      if ((await this.deliver(message.id, { known: message })) === 'postponed') full.add(message.recipientAad);
    }
  }

  /** Resolves when every background delivery started so far has finished (for an orderly stop, and tests). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * One try at one message. `revive`: its recipient has just been seen, so a message Teams refused
   * for them is tried again. `known`: the row as just read or written, so it need not be read again
   * (the lease is then taken only if no other try has happened since).
   */
  async deliver(id: string, options: { revive?: boolean; known?: OutboxMessage } = {}): Promise<'tried' | 'postponed' | 'not mine'> {
    const now = this.deps.clock.now();
    if (!(await this.deps.outbox.lease(id, now, { revive: options.revive, attempts: options.known?.attempts }))) return 'not mine';
    const message = options.known ?? (await this.deps.outbox.find(id));
    if (!message) return 'not mine';
    try {
      const source = this.cards.get(message.kind);
      if (!source || !message.subjectId) {
        await this.deps.outbox.dead(id, message.attempts, `unknown outbox message kind ${message.kind}`, null, now);
        this.deps.logger.error({ outboxId: id, kind: message.kind }, 'no card of this kind: message dead-lettered');
        return 'tried';
      }
      const reference = await this.deps.conversationReferences.personalChatOf(message.recipientAad);
      if (!reference) {
        await this.deps.outbox.awaitingRecipient(id, 'the recipient has not opened the app yet', new Date(now.getTime() + RECHECK_UNSEEN_MS));
        this.deps.logger.info({ outboxId: id, kind: message.kind }, 'message kept until the recipient opens the app');
        await this.tellWaiter(message, 'never-opened');
        return 'tried';
      }
      // Its recipient (or, below, its subject) is gone: nothing to send, ever.
      const nothingToSend = async () => {
        await this.deps.outbox.delivered(id, now, null, undefined);
        return 'tried' as const;
      };
      const recipient = await this.deps.directory.findByAadObjectId(message.recipientAad);
      if (!recipient) return nothingToSend();
      // Teams' pace for the chat before the card: one that may not go yet is rendered when it may, not twice.
      const slot = await this.deps.pace.reserve(reference.conversation?.id ?? '', now);
      if (!slot.granted) {
        await this.deps.outbox.postpone(id, slot.notBefore);
        this.remember(slot.notBefore);
        this.deps.logger.debug({ outboxId: id }, 'send postponed to keep within Teams\' limits for the conversation');
        return 'postponed';
      }
      const card = await source.render(message.subjectId, recipient);
      if (!card) return nothingToSend();
      // A line about a change to a card the recipient already has: that card stays the live copy.
      const notice = isNoticeLine(card);
      const outcome = notice ? await this.deps.teams.sendText(reference, card.notice) : await this.deps.teams.send(reference, card);
      await this.record(message, notice ? undefined : source, reference, outcome);
      return 'tried';
    } catch (error) {
      // A failure of ours (a render, the database): counted as a try like any other.
      this.deps.logger.warn({ outboxId: id, kind: message.kind, err: errorForLog(error) }, 'delivery failed');
      await this.retry(message, (error as Error).message ?? 'delivery failed', null, null);
      return 'tried';
    }
  }

  private async record(message: OutboxMessage, source: OutboxCard | undefined, reference: Partial<ConversationReference>, outcome: SendOutcome): Promise<void> {
    const now = this.deps.clock.now();
    const log = { outboxId: message.id, kind: message.kind, attempts: message.attempts + 1, status: outcome.status };
    switch (outcome.kind) {
      case 'sent':
        // First, in one statement: it is there. Nothing may send it again, whatever fails next.
        await this.deps.outbox.delivered(message.id, now, outcome.status, outcome.activityId);
        this.deps.logger.info(log, 'message delivered');
        if (outcome.activityId && source?.posted && message.subjectId) {
          try {
            await source.posted(message.subjectId, message.recipientAad, outcome.activityId, reference);
          } catch (error) {
            this.deps.logger.warn({ ...log, err: errorForLog(error) }, 'delivered, but where it was posted could not be recorded: that copy will not be updated in place');
          }
        }
        return;
      case 'retry':
        if (outcome.status === 429 && outcome.retryAfterMs !== null) {
          await this.deps.pace.holdUntil(reference.conversation?.id ?? '', new Date(now.getTime() + outcome.retryAfterMs));
        }
        this.deps.logger.warn({ ...log, retryAfterMs: outcome.retryAfterMs }, 'Teams did not take the message this time');
        await this.retry(message, outcome.reason, outcome.status, outcome.retryAfterMs);
        return;
      case 'unreachable':
        await this.deps.outbox.dead(message.id, message.attempts, outcome.reason, outcome.status, now);
        if (reference.conversation?.id) this.deps.conversationReferences.unreachable(reference.conversation.id);
        this.deps.logger.warn(log, 'the recipient cannot be reached until they add the app: kept for when they do');
        await this.tellWaiter(message, outcome.status === 404 ? 'chat-gone' : 'not-installed');
        return;
      case 'refused':
        await this.deps.outbox.dead(message.id, message.attempts, outcome.reason, outcome.status, now);
        this.deps.logger.error(log, 'Teams refused the message: dead-lettered');
        return;
    }
  }

  /** Tries again at the time Teams asked for, or after a back-off, with jitter; dead-letters after the last try. */
  private async retry(message: OutboxMessage, reason: string, status: number | null, retryAfterMs: number | null): Promise<void> {
    const now = this.deps.clock.now();
    if (message.attempts + 1 >= MAX_ATTEMPTS) {
      await this.deps.outbox.dead(message.id, message.attempts, reason, status, now);
      this.deps.logger.error({ outboxId: message.id, kind: message.kind, attempts: message.attempts + 1, status }, 'message dead-lettered after its last try');
      return;
    }
    const waitMs = retryAfterMs ?? Math.min(60 * 60_000, 15_000 * 2 ** Math.min(message.attempts, 8));
    // Never sooner than Teams asked; spread out so that many messages held back together do not all come back at once.
    const jitterMs = Math.floor((this.deps.random ?? Math.random)() * (waitMs / 5 + 1_000));
    const at = new Date(now.getTime() + waitMs + jitterMs);
    await this.deps.outbox.retryAt(message.id, message.attempts, reason, status, at);
    this.remember(at);
  }

  /** Tells the person waiting on a message, once, that its recipient has not got the app and what to do. */
  private async tellWaiter(message: OutboxMessage, reason: UnreachableReason): Promise<void> {
    if (message.waiterToldAt || !message.subjectId) return;
    const waiting = await this.cards.get(message.kind)?.waiting?.(message.subjectId, message.recipientAad);
    if (!waiting) return;
    const waiter = await this.deps.directory.findById(waiting.staffId);
    if (!waiter || waiter.aadObjectId.toLowerCase() === message.recipientAad.toLowerCase()) return;
    const now = this.deps.clock.now();
    const noticeId = await this.deps.uow.run(async () => {
      if (!(await this.deps.outbox.claimWaiterNotice(message.id, now))) return null;
      return this.deps.outbox.enqueue(waiter.aadObjectId, UNREACHABLE_NOTICE, message.id, now);
    });
    if (noticeId) {
      this.deps.logger.info({ outboxId: message.id, noticeId, reason }, 'the person waiting is told the message cannot reach its recipient yet');
      this.inBackground(async () => void (await this.deliver(noticeId)));
    }
  }

  /** The notice about an undelivered message, as it stands now; nothing once the message has arrived. */
  private async renderNotice(outboxId: string) {
    const message = await this.deps.outbox.find(outboxId);
    if (!message || message.deliveredAt || !message.subjectId) return null;
    const waiting = await this.cards.get(message.kind)?.waiting?.(message.subjectId, message.recipientAad);
    const recipient = await this.deps.directory.findByAadObjectId(message.recipientAad);
    if (!waiting || !recipient) return null;
    const reason: UnreachableReason = message.lastStatus === 404 ? 'chat-gone' : message.lastStatus === 403 ? 'not-installed' : 'never-opened';
    return unreachableCard({ recipientName: recipient.name, about: waiting.about, reason });
  }

  private inBackground(work: () => Promise<void>): void {
    const promise = work()
      .catch((error: unknown) => this.deps.logger.error({ err: errorForLog(error) }, 'notification failed'))
      .finally(() => this.inFlight.delete(promise));
    this.inFlight.add(promise);
  }
}
