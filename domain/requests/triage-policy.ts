import { conflict, invalid, notAllowed, type DomainError, withoutStacks } from '../errors';
import { participantId, type ParticipantRole } from './participants';
import { canMove } from './state-machine';
import type { RequestStatus, SupportRequest } from './support-request';

/** What people do with a request before it is booked (seed 000 §10–13, §19–20). */
export const TRIAGE_ACTIONS = ['withdraw', 'accept', 'ask', 'answer', 'redirect', 'inform', 'hold'] as const;
export type TriageAction = (typeof TRIAGE_ACTIONS)[number];

interface Rule {
  /** The part that may do it. */
  readonly by: ParticipantRole;
  readonly notYours: string;
  /** Why it cannot be done now, or null when it can. */
  readonly now: (request: SupportRequest) => string | null;
}

const ONLY_THE_ADVISER = 'Only the DEA the request was sent to can do that.';
const moving = (to: RequestStatus, what: string) => (request: SupportRequest) => (canMove(request.status, to) ? null : `This request cannot be ${what} now: it is ${request.status.replace('_', ' ')}.`);
const informational = (request: SupportRequest) =>
  request.status === 'accepted' && request.channel === 'informational_support' ? null : 'Information can only be sent on a request accepted for informational support.';

/**
 * The one answer to "may this person do this with this request now, and if not, why": the card
 * shows exactly the actions it allows, and the triage use cases refuse everything else with its reason.
 */
const RULES: Readonly<Record<TriageAction, Rule>> = {
  withdraw: {
    by: 'requester',
    notYours: 'Only the person who made a request can withdraw it.',
    now: (r) => (canMove(r.status, 'withdrawn') ? null : 'A request can only be withdrawn before it is booked.'),
  },
  // Only a request waiting for the DEA is accepted (a booked one goes back to accepted only when its meeting is cancelled).
  accept: { by: 'adviser', notYours: ONLY_THE_ADVISER, now: (r) => (r.status === 'submitted' || r.status === 'info_requested' ? null : moving('accepted', 'accepted')(r) ?? `This request cannot be accepted now: it is ${r.status.replace('_', ' ')}.`) },
  ask: { by: 'adviser', notYours: ONLY_THE_ADVISER, now: moving('info_requested', 'sent back with a question') },
  answer: { by: 'requester', notYours: 'Only the person who made the request can answer the DEA.', now: moving('submitted', 'answered') },
  redirect: { by: 'adviser', notYours: ONLY_THE_ADVISER, now: moving('redirected', 'redirected') },
  inform: { by: 'adviser', notYours: ONLY_THE_ADVISER, now: informational },
  hold: { by: 'adviser', notYours: ONLY_THE_ADVISER, now: informational },
};

/** Whether this person plays the part the action needs; the refusal if not. */
export function triageWhoRefusal(personId: string, request: SupportRequest, action: TriageAction): DomainError | null {
  const rule = RULES[action];
  return participantId(request, rule.by) === personId ? null : notAllowed(rule.notYours);
}

/** Whether the request is where the action can happen; the refusal if not. */
export function triageNowRefusal(request: SupportRequest, action: TriageAction): DomainError | null {
  const reason = RULES[action].now(request);
  return reason ? invalid(reason) : null;
}

/** The triage actions this person may take on the request as it is: what their card offers. */
export function allowedTriage(personId: string, request: SupportRequest): ReadonlySet<TriageAction> {
  return withoutStacks(() => new Set(TRIAGE_ACTIONS.filter((action) => !triageWhoRefusal(personId, request, action) && !triageNowRefusal(request, action))));
}

/**
 * For a click: who first, then whether the card was current, then whether it can happen now, so a
 * stale card is told it changed rather than that the action is impossible.
 */
export function assertTriage(personId: string, request: SupportRequest, version: number, action: TriageAction): void {
  const refusal = triageWhoRefusal(personId, request, action) ?? (request.version !== version ? conflict('The request changed since this card was shown.') : null) ?? triageNowRefusal(request, action);
  if (refusal) throw refusal;
}
