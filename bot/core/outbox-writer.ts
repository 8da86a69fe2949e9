import { Outbox } from '../../data/stores/outbox';
import type { InterventionOverride } from '../../domain/interventions/intervention-limit';
import type { InterventionNotifier } from '../../domain/interventions/ports';
import type { MeetingRecord, OutcomeNotifier } from '../../domain/outcomes/ports';
import type { Clock, Logger, StaffDirectory } from '../../domain/ports';
import type { RequestNotifier, Trend } from '../../domain/requests/ports';
import type { SupportRequest } from '../../domain/requests/support-request';
import type { UnitOfWork } from '../../domain/unit-of-work';
import type { CrashPoints } from './crash-points';
import type { DeliverySignals } from './delivery-signals';

/** Outbox kinds of the request journeys' cards. */
export const CASE_CARD_KINDS = {
  request: 'request_card',
  trend: 'trend_card',
  override: 'override_card',
  summary: 'summary_card',
} as const;

/** The live card of a request, updated in place wherever it was posted. */
export const REQUEST_LIVE_CARD = 'request';

/**
 * The domain's notifications, written as rows of the SQL outbox: each reaches its person even if
 * they have not opened the app yet, Teams says "too many requests", or this instance stops. The
 * deliverer, built last, sends them; cards are rendered from stored state at delivery.
 */
export class OutboxWriter implements RequestNotifier, InterventionNotifier, OutcomeNotifier {
  constructor(
    private readonly deps: {
      readonly outbox: Outbox;
      readonly directory: StaffDirectory;
      readonly signals: DeliverySignals;
      /** Nothing is sent for a change that did not commit: the deliverer is told only after it does. */
      readonly uow: UnitOfWork;
      readonly clock: Clock;
      readonly logger: Logger;
      /** Crash tests only: `outbox.queued` stops the process with the row written and its transaction open. */
      readonly crash?: CrashPoints;
    },
  ) {}

  /** Queues a card of `kind` about `subjectId` for a person of the directory. */
  async notify(staffId: string, kind: string, subjectId: string): Promise<void> {
    const recipient = await this.deps.directory.findById(staffId);
    if (!recipient) return;
    const id = await this.deps.outbox.enqueue(recipient.aadObjectId, kind, subjectId, this.deps.clock.now());
    this.deps.crash?.at('outbox.queued');
    this.deps.uow.afterCommit(() => this.deps.signals.queued(id, Outbox.fresh(id, recipient.aadObjectId, kind, subjectId)));
  }

  /** Every posted copy of a live card of `kind` is to show its subject as it now is. */
  changed(kind: string, subjectId: string): void {
    this.deps.uow.afterCommit(() => this.deps.signals.changed(kind, subjectId));
  }

  async requestSubmitted(request: SupportRequest): Promise<void> {
    this.deps.logger.info({ requestId: request.id, reference: request.reference, type: request.type, urgent: request.urgent }, 'request submitted');
    await this.notify(request.deaId, CASE_CARD_KINDS.request, request.id);
  }

  async requestChanged(request: SupportRequest): Promise<void> {
    this.changed(REQUEST_LIVE_CARD, request.id);
  }

  async requestNeedsAttention(request: SupportRequest, recipientId: string): Promise<void> {
    await this.notify(recipientId, CASE_CARD_KINDS.request, request.id);
  }

  async trendSpotted(trendId: string, trend: Trend): Promise<void> {
    this.deps.logger.info({ trendId, kind: trend.kind, count: trend.count }, 'trend spotted');
    await this.notify(trend.teamLeaderId, CASE_CARD_KINDS.trend, trendId);
  }

  async overrideAsked(override: InterventionOverride): Promise<void> {
    this.deps.logger.info({ requestId: override.requestId, overrideId: override.id }, 'team leader asked to agree a further intervention');
    await this.notify(override.teamLeaderId, CASE_CARD_KINDS.override, override.id);
  }

  async summaryShared(record: MeetingRecord): Promise<void> {
    if (record.sentToId) await this.notify(record.sentToId, CASE_CARD_KINDS.summary, record.id);
  }
}
