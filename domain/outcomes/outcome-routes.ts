import type { Channel } from '../requests/channels';
import { participantId, type ParticipantRole } from '../requests/participants';

/**
 * Who records what after each meeting, as the seed names them:
 * - case conference: the work coach records the outcome (§15); the DEA's summary of outputs goes to
 *   the work coach's team leader, to inform people performance and their development plan (§14);
 * - skill conference: the DEA decides further support (§18) and shares the summary the same way (§17);
 *   for a colleague's one to one support (§65), to their team leader, or to them when they have none;
 * - three way: the work coach records the outcome (§27); the DEA's summary goes to the DEA's Work
 *   Coach Team Leader (§27);
 * - claimant support intervention: the DEA records actions and recommendations and sends a brief
 *   summary with next actions to the claimant's work coach (§41), who is the requester unless a
 *   team leader asked (§39) and named the coach.
 */
export interface OutcomeRoute {
  /** Who records the outcome, actions and recommendations, and the next steps. */
  readonly recorder: ParticipantRole;
  /** Where the DEA's summary of outputs goes. */
  readonly summaryTo: 'requester_team_leader' | 'dea_team_leader' | 'claimant_coach';
}

export const OUTCOME_ROUTES: Readonly<Partial<Record<Channel, OutcomeRoute>>> = {
  case_conference: { recorder: 'requester', summaryTo: 'requester_team_leader' },
  skill_conference: { recorder: 'adviser', summaryTo: 'requester_team_leader' },
  three_way_intervention: { recorder: 'requester', summaryTo: 'dea_team_leader' },
  claimant_support_intervention: { recorder: 'adviser', summaryTo: 'claimant_coach' },
};

/** The id of the person who records the outcome, by the route. */
export function recorderIdOf(route: OutcomeRoute, request: { readonly requesterId: string; readonly deaId: string }): string {
  return participantId(request, route.recorder);
}

export function routeOf(channel: Channel | null): OutcomeRoute | null {
  return channel ? OUTCOME_ROUTES[channel] ?? null : null;
}

/** When the recorder is the DEA, the outcome and the summary are one form. */
export function summaryIsSeparate(route: OutcomeRoute): boolean {
  return route.recorder === 'requester';
}

export const OUTCOME_LIMITS = { actions: 2000, summary: 2000 } as const;
