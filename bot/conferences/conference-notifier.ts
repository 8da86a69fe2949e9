import type { SqlConferenceStore } from '../../data/stores/group-conferences';
import type { ConferencePlan, GroupConference } from '../../domain/conferences/plan';
import type { ConferenceChange, ConferenceNotifier } from '../../domain/conferences/ports';
import type { OutboxWriter } from '../core/outbox-writer';

/**
 * Outbox kinds of the group conference journey's cards, and its live card (the plan). A conference's
 * messages are drawn from it as it is on delivery, and their kind says what each was about, so one
 * drawn late does not misname what happened: `changed` a move, or (to the team leader) a month with
 * no time, and cancels queued before the cancel had a kind of its own; `cancelled` a cancel; `again` a
 * cancelled conference given a time again.
 */
export const CONFERENCE_KINDS = { cases: 'conference_cases', summary: 'conference_summary', qas: 'conference_qas', changed: 'conference_changed', cancelled: 'conference_cancelled', again: 'conference_again' } as const;
export const PLAN_LIVE_CARD = 'conference_plan';
/**
 * The posted copies of a conference's case list (the DEA's) and summary (the team leader's): they show
 * a new case's note, so retention re-renders them once it is overwritten (and erasure, for the cases
 * of a claimant's requests).
 */
export const CONFERENCE_CASES_LIVE_CARD = 'conference_case_list';

/**
 * Conference messages: the plan's card updated in place as booking progresses, and the case list,
 * summary and check-list reminder through the SQL outbox (so they wait for people who have not
 * opened the app, and survive a restart).
 */
export class OutboxConferenceNotifier implements ConferenceNotifier {
  constructor(
    private readonly store: SqlConferenceStore,
    private readonly outbox: OutboxWriter,
  ) {}

  async planChanged(planId: string): Promise<void> {
    this.outbox.changed(PLAN_LIVE_CARD, planId);
  }

  async caseList(conference: GroupConference, deaId: string): Promise<void> {
    // Sent again when a case is added late: the copies already posted show it too.
    this.outbox.changed(CONFERENCE_CASES_LIVE_CARD, conference.id);
    await this.outbox.notify(deaId, CONFERENCE_KINDS.cases, conference.id);
  }

  async summary(conference: GroupConference, wctlId: string): Promise<void> {
    await this.outbox.notify(wctlId, CONFERENCE_KINDS.summary, conference.id);
  }

  async conferenceChanged(conference: GroupConference, staffIds: readonly string[], what: ConferenceChange): Promise<void> {
    const kind = what === 'cancelled' ? CONFERENCE_KINDS.cancelled : what === 'again' ? CONFERENCE_KINDS.again : CONFERENCE_KINDS.changed;
    for (const id of staffIds) await this.outbox.notify(id, kind, conference.id);
  }

  async qasDue(plan: ConferencePlan, month: string): Promise<void> {
    const held = (await this.store.conferencesOf(plan.id, { months: [month], statuses: ['held'] }))[0];
    if (held) await this.outbox.notify(plan.wctlId, CONFERENCE_KINDS.qas, held.id);
  }
}
