import { conflict, invalid, notAllowed, type DomainError, withoutStacks } from '../errors';
import { participantId } from '../requests/participants';
import type { SupportRequest } from '../requests/support-request';
import { INTERVENTIONS_PER_CLAIMANT, needsTeamLeaderAgreement } from './intervention-limit';
import type { ConsentRecord } from './consent';
import type { InterventionOverride } from './intervention-limit';

/** What stands between an accepted intervention and its booking, as the cards show it. */
export interface InterventionState {
  readonly consent: ConsentRecord | null;
  /** Claimant support interventions: how many the claimant has had or has booked, other than this one. */
  readonly priorInterventions: number;
  readonly override: InterventionOverride | null;
  /** Null when it can be booked; otherwise what is still needed, in words. */
  readonly blockedBy: string | null;
}

/**
 * Before an intervention is booked: the requester records a three way's consent (seed §21–24) or
 * confirms a claimant support intervention's pre-conditions (§38); the adviser asks their team
 * leader to agree a fourth (§36), as soon as they know it is one, while the requester confirms.
 */
export const INTERVENTION_ACTIONS = ['threeWayConsent', 'preconditions', 'askOverride'] as const;
export type InterventionAction = (typeof INTERVENTION_ACTIONS)[number];

const CHANNEL_OF: Readonly<Record<InterventionAction, SupportRequest['channel']>> = {
  threeWayConsent: 'three_way_intervention',
  preconditions: 'claimant_support_intervention',
  askOverride: 'claimant_support_intervention',
};

export function interventionWhoRefusal(personId: string, request: SupportRequest, action: InterventionAction): DomainError | null {
  if (action === 'askOverride') return personId === participantId(request, 'adviser') ? null : notAllowed('Only the DEA the request was sent to can ask for this.');
  return personId === participantId(request, 'requester') ? null : notAllowed("Only the person who made the request records the claimant's consent.");
}

export function interventionNowRefusal(request: SupportRequest, state: InterventionState | null, action: InterventionAction): DomainError | null {
  if (request.channel !== CHANNEL_OF[action] || request.status !== 'accepted') {
    return invalid(action === 'askOverride' ? 'Only an accepted claimant support intervention needs this.' : 'Consent is recorded once the DEA has accepted the request for this channel.');
  }
  if (action !== 'askOverride') return state?.consent ? conflict('Consent has already been recorded for this request.') : null;
  const prior = state?.priorInterventions ?? 0;
  if (!needsTeamLeaderAgreement(prior)) return invalid(`The claimant has had ${prior} of ${INTERVENTIONS_PER_CLAIMANT} interventions: no agreement is needed.`);
  const asked = state?.override;
  if (asked && asked.decision !== 'declined') return conflict(asked.decision === 'pending' ? 'Your team leader has already been asked.' : 'Your team leader has already agreed.');
  return null;
}

/** What this person may do now, before the intervention is booked: what their card offers. */
export function allowedInterventions(personId: string, request: SupportRequest, state: InterventionState | null): ReadonlySet<InterventionAction> {
  return withoutStacks(() => new Set(INTERVENTION_ACTIONS.filter((action) => !interventionWhoRefusal(personId, request, action) && !interventionNowRefusal(request, state, action))));
}
