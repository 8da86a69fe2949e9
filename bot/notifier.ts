import { errorForLog } from './logger';
import { MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { cardAttachment } from '../dialogs/card-attachment';
import type { ConversationReferences } from '../data/stores/conversation-references';
import type { Outbox, OutboxMessage } from '../data/stores/outbox';
import type { PostedCards } from '../data/stores/posted-cards';
import type { Clock, Logger, StaffDirectory } from '../domain/ports';
import type { RequestNotifier, SupportRequestStore, Trend } from '../domain/requests/ports';
import type { RequestCardRenderer } from './request-card-renderer';
import type { AnsweredCards } from './answered-cards';
import type { SupportRequest } from '../domain/requests/support-request';
import type { AdaptiveCard } from '../cards/render';
import type { StaffMember } from '../domain/staff';
import type { InterventionNotifier } from '../domain/interventions/ports';
import type { InterventionOverride } from '../domain/interventions/intervention-limit';
import type { MeetingRecord, OutcomeNotifier } from '../domain/outcomes/ports';

/** Renders a card of one kind for its recipient from stored state, at delivery; null if it is gone. */
export type CardSource = (subjectId: string, recipient: StaffMember) => Promise<AdaptiveCard | null>;

export interface TeamsNotifierDeps {
  readonly adapter: CloudAdapter;
  /** The bot's app id ('' with authentication off). */
  readonly appId: string;
  readonly outbox: Outbox;
  readonly postedCards: PostedCards;
  readonly conversationReferences: ConversationReferences;
  readonly directory: StaffDirectory;
  readonly requests: SupportRequestStore;
  /** Set once the services it needs exist (they in turn notify through this notifier). */
  cards?: RequestCardRenderer;
  /** Other cards the outbox carries, by message kind; set once the services they read exist. */
  cardSources?: Readonly<Record<string, CardSource>>;
  /** Copies being answered by a click here, which the refresh leaves to the answer. */
  readonly answered?: AnsweredCards;
  readonly logger: Logger;
  readonly clock: Clock;
}

/**
 * Messages people in Teams without them asking: each message goes through the SQL outbox first, so
 * it is delivered even if the person has not opened the app yet (on their first visit), Teams says
 * "too many requests", or this instance stops. Cards are rendered from stored state at delivery.
 */
export class TeamsNotifier implements RequestNotifier, InterventionNotifier, OutcomeNotifier {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly deps: TeamsNotifierDeps) {
    if (deps.answered) deps.answered.onMissed = (requestId) => this.inBackground(() => this.refreshCopies(requestId));
  }

  async requestSubmitted(request: SupportRequest): Promise<void> {
    const dea = await this.deps.directory.findById(request.deaId);
    if (!dea) return;
    const id = await this.deps.outbox.enqueue(dea.aadObjectId, 'request_card', request.id, this.deps.clock.now());
    this.deps.logger.info({ requestId: request.id, reference: request.reference, type: request.type, urgent: request.urgent }, 'request submitted');
    this.inBackground(() => this.deliver(id));
  }

  async requestChanged(request: SupportRequest): Promise<void> {
    this.inBackground(() => this.refreshCopies(request.id));
  }

  async requestNeedsAttention(request: SupportRequest, recipientId: string): Promise<void> {
    await this.enqueueFor(recipientId, 'request_card', request.id);
  }

  async trendSpotted(trendId: string, trend: Trend): Promise<void> {
    this.deps.logger.info({ trendId, kind: trend.kind, count: trend.count }, 'trend spotted');
    await this.enqueueFor(trend.teamLeaderId, 'trend_card', trendId);
  }

  async overrideAsked(override: InterventionOverride): Promise<void> {
    this.deps.logger.info({ requestId: override.requestId, overrideId: override.id }, 'team leader asked to agree a further intervention');
    await this.enqueueFor(override.teamLeaderId, 'override_card', override.id);
  }

  async summaryShared(record: MeetingRecord): Promise<void> {
    if (record.sentToId) await this.enqueueFor(record.sentToId, 'summary_card', record.id);
  }

  /** Queues a card of another journey (a kind in `cardSources`) for a person. */
  async notify(staffId: string, kind: string, subjectId: string): Promise<void> {
    await this.enqueueFor(staffId, kind, subjectId);
  }

  private async enqueueFor(staffId: string, kind: string, subjectId: string): Promise<void> {
    const recipient = await this.deps.directory.findById(staffId);
    if (!recipient) return;
    const id = await this.deps.outbox.enqueue(recipient.aadObjectId, kind, subjectId, this.deps.clock.now());
    this.inBackground(() => this.deliver(id));
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
      await this.send(message, reference);
      await this.deps.outbox.delivered(id, this.deps.clock.now());
      this.deps.logger.info({ outboxId: id, kind: message.kind, attempts: message.attempts + 1 }, 'message delivered');
    } catch (error) {
      await this.deps.outbox.failed(id, message.attempts, (error as Error).message, this.deps.clock.now());
      this.deps.logger.warn({ outboxId: id, kind: message.kind, err: errorForLog(error) }, 'delivery failed; will retry');
    }
  }

  private async send(message: OutboxMessage, reference: Partial<ConversationReference>): Promise<void> {
    const source = this.deps.cardSources?.[message.kind];
    if (source && message.subjectId) return this.sendFrom(source, message.subjectId, message.recipientAad, reference);
    if (message.kind !== 'request_card' || !message.subjectId) throw new Error(`unknown outbox message kind ${message.kind}`);
    const request = await this.deps.requests.findById(message.subjectId);
    const recipient = await this.deps.directory.findByAadObjectId(message.recipientAad);
    if (!request || !recipient) return;
    const card = await this.renderer().render(request, recipient);
    let activityId: string | undefined;
    await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (turn) => {
      const sent = await turn.sendActivity(MessageFactory.attachment(cardAttachment(card)));
      activityId = sent?.id;
    });
    if (activityId) {
      await this.deps.postedCards.record({ requestId: request.id, recipientAad: recipient.aadObjectId, activityId, reference });
    }
  }



  private async sendFrom(source: CardSource, subjectId: string, recipientAad: string, reference: Partial<ConversationReference>): Promise<void> {
    const recipient = await this.deps.directory.findByAadObjectId(recipientAad);
    const card = recipient ? await source(subjectId, recipient) : null;
    if (!card) return;
    await this.deps.adapter.continueConversationAsync(this.deps.appId, reference, async (turn) => {
      await turn.sendActivity(MessageFactory.attachment(cardAttachment(card)));
    });
  }

  /** Every posted copy of the request's card shows its current state, as each recipient may see it. */
  private async refreshCopies(requestId: string): Promise<void> {
    const request = await this.deps.requests.findById(requestId);
    if (!request) return;
    for (const copy of await this.deps.postedCards.forRequest(requestId)) {
      if (this.deps.answered?.skips(copy.activityId, request.id, request.version)) continue;
      const viewer = await this.deps.directory.findByAadObjectId(copy.recipientAad);
      if (!viewer) continue;
      try {
        const card = await this.renderer().render(request, viewer);
        await this.deps.adapter.continueConversationAsync(this.deps.appId, copy.reference, async (turn) => {
          const activity = MessageFactory.attachment(cardAttachment(card));
          await turn.updateActivity({ ...activity, id: copy.activityId });
        });
      } catch (error) {
        this.deps.logger.warn({ requestId, err: errorForLog(error) }, 'could not update a posted card');
      }
    }
  }

  private renderer(): RequestCardRenderer {
    if (!this.deps.cards) throw new Error('the notifier was started without a card renderer');
    return this.deps.cards;
  }

  private inBackground(work: () => Promise<void>): void {
    const promise = work()
      .catch((error: unknown) => this.deps.logger.error({ err: errorForLog(error) }, 'notification failed'))
      .finally(() => this.inFlight.delete(promise));
    this.inFlight.add(promise);
  }
}
