import type { ForumNotifier, ForumPost } from '../../domain/partnerships/forum';
import type { HubChange } from '../../domain/partnerships/hub';
import type { ServiceChange } from '../../domain/partnerships/partners';
import type { PartnershipNotifier, StrategyNotifier } from '../../domain/partnerships/ports';
import type { Strategy } from '../../domain/partnerships/strategies';
import type { Solution } from '../../domain/partnerships/solutions';
import type { Logger } from '../../domain/ports';
import type { OutboxWriter } from '../core/outbox-writer';

/** Outbox kinds of the partnership journey's cards. */
export const PARTNERSHIP_KINDS = {
  hubChange: 'hub_change',
  hubDecided: 'hub_decided',
  opportunity: 'opportunity',
  serviceChange: 'service_change',
  /** To a work coach sent informational support: the Hub entries that fit it. */
  hubForInformation: 'hub_for_information',
  /** A post on the Hub forum: to the DEAs to answer, then to its author once answered. */
  forumPost: 'forum_post',
} as const;

/** Partnership cards go through the SQL outbox, queued in the same transaction as the change they tell of. */
export class OutboxPartnershipNotifier implements PartnershipNotifier {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly logger: Logger,
  ) {}

  async hubChangeRequested(change: HubChange): Promise<void> {
    this.logger.info({ changeId: change.id, action: change.action }, 'hub change sent to be published');
    await this.outbox.notify(change.contactId, PARTNERSHIP_KINDS.hubChange, change.id);
  }

  async hubChangeDecided(change: HubChange): Promise<void> {
    this.logger.info({ changeId: change.id, status: change.status }, 'hub change decided');
    await this.outbox.notify(change.requestedById, PARTNERSHIP_KINDS.hubDecided, change.id);
  }

  async solutionShared(solution: Solution, coachIds: readonly string[]): Promise<void> {
    this.logger.info({ solutionId: solution.id, kind: solution.kind, status: solution.status, coaches: coachIds.length }, 'opportunity shared with the cohort');
    for (const coachId of coachIds) await this.outbox.notify(coachId, PARTNERSHIP_KINDS.opportunity, solution.id);
  }

  async serviceChanged(change: ServiceChange, recipientIds: readonly string[]): Promise<void> {
    this.logger.info({ noticeId: change.id, recipients: recipientIds.length }, 'service change sent to the district');
    for (const id of recipientIds) await this.outbox.notify(id, PARTNERSHIP_KINDS.serviceChange, change.id);
  }
}

/** Outbox kinds of strategy cards. */
export const STRATEGY_KINDS_OUT = { proposed: 'strategy_proposed', decided: 'strategy_decided' } as const;

/**
 * The owner is sent each new strategy (to agree to a joint one), and the lead DEA's work
 * psychologist each new strategy with the work psychologist, to work on with the DEA; the lead hears
 * the owner's answer.
 */
export class OutboxStrategyNotifier implements StrategyNotifier {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly logger: Logger,
  ) {}

  async strategyProposed(strategy: Strategy): Promise<void> {
    this.logger.info({ strategyId: strategy.id, kind: strategy.kind, status: strategy.status }, 'strategy proposed');
    await this.outbox.notify(strategy.ownerId, STRATEGY_KINDS_OUT.proposed, strategy.id);
    const wp = strategy.kind === 'work_psychologist' ? strategy.workPsychologistId : null;
    if (wp && wp !== strategy.ownerId && wp !== strategy.leadId) await this.outbox.notify(wp, STRATEGY_KINDS_OUT.proposed, strategy.id);
  }

  async strategyDecided(strategy: Strategy): Promise<void> {
    this.logger.info({ strategyId: strategy.id, status: strategy.status }, 'strategy decided');
    await this.outbox.notify(strategy.leadId, STRATEGY_KINDS_OUT.decided, strategy.id);
  }
}

/** Forum cards go through the outbox, queued in the same transaction as the post or answer. */
export class OutboxForumNotifier implements ForumNotifier {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly logger: Logger,
  ) {}

  async posted(post: ForumPost, deaIds: readonly string[]): Promise<void> {
    this.logger.info({ postId: post.id, deas: deaIds.length }, 'hub forum post sent to the district’s DEAs');
    for (const id of deaIds) await this.outbox.notify(id, PARTNERSHIP_KINDS.forumPost, post.id);
  }

  async answered(post: ForumPost): Promise<void> {
    this.logger.info({ postId: post.id }, 'hub forum post answered');
    await this.outbox.notify(post.authorId, PARTNERSHIP_KINDS.forumPost, post.id);
  }
}
