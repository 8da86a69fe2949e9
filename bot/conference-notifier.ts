import { MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import { type AdaptiveCard } from '../cards/render';
import { cardAttachment } from '../dialogs/card-attachment';
import type { SqlConferenceStore } from '../data/stores/group-conferences';
import type { ConferencePlan, GroupConference } from '../domain/conferences/plan';
import type { ConferenceNotifier } from '../domain/conferences/ports';
import type { Logger } from '../domain/ports';
import { errorForLog } from './logger';
import type { TeamsNotifier } from './notifier';

export const CONFERENCE_KINDS = { cases: 'conference_cases', summary: 'conference_summary', qas: 'conference_qas' } as const;

/**
 * Conference messages in Teams: the plan's card updated in place as booking progresses, and the
 * case list, summary and check-list reminder through the SQL outbox (so they wait for people who
 * have not opened the app, and survive a restart).
 */
export class TeamsConferenceNotifier implements ConferenceNotifier {
  /** Set once the actions exist: it renders the plan card from stored state. */
  renderPlan?: (planId: string) => Promise<AdaptiveCard>;

  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly store: SqlConferenceStore,
    private readonly teams: TeamsNotifier,
    private readonly logger: Logger,
  ) {}

  async planChanged(planId: string): Promise<void> {
    const where = await this.store.cardOf(planId);
    if (!where || !this.renderPlan) return;
    try {
      const card = await this.renderPlan(planId);
      await this.adapter.continueConversationAsync(this.appId, where.reference as Partial<ConversationReference>, async (turn) => {
        await turn.updateActivity({ ...MessageFactory.attachment(cardAttachment(card)), id: where.activityId });
      });
    } catch (error) {
      // Progress on the card is a courtesy: the booking goes on, and the card is right when reopened.
      this.logger.warn({ planId, err: errorForLog(error) }, 'could not update the plan card');
    }
  }

  async caseList(conference: GroupConference, deaId: string): Promise<void> {
    await this.teams.notify(deaId, CONFERENCE_KINDS.cases, conference.id);
  }

  async summary(conference: GroupConference, wctlId: string): Promise<void> {
    await this.teams.notify(wctlId, CONFERENCE_KINDS.summary, conference.id);
  }

  async qasDue(plan: ConferencePlan, month: string): Promise<void> {
    const held = (await this.store.conferencesOf(plan.id)).find((c) => c.month === month && c.status === 'held');
    if (held) await this.teams.notify(plan.wctlId, CONFERENCE_KINDS.qas, held.id);
  }
}
