import { conflict, invalid, notAllowed, type DomainError, withoutStacks } from '../errors';
import { participantId } from '../requests/participants';
import type { SupportRequest } from '../requests/support-request';
import { summaryIsSeparate } from './outcome-routes';
import type { StaffMember } from '../staff';
import type { OutcomeRoute } from './outcome-routes';
import type { MeetingRecord } from './ports';

/** Where a request stands after its meeting, for its card. */
export interface OutcomeState {
  readonly route: OutcomeRoute;
  readonly outcome: MeetingRecord | null;
  readonly summary: MeetingRecord | null;
  /** The meeting has started (or ended): outcomes may be recorded. */
  readonly meetingStarted: boolean;
  readonly summaryRecipient: StaffMember | null;
}

/**
 * What is recorded after a meeting (seed 000 §14–18, §27–28, §41–42); or, by the same person, that
 * it did not take place, so it is booked again rather than counted (§36).
 */
export const OUTCOME_ACTIONS = ['recordOutcome', 'sendSummary', 'recordNotHeld'] as const;
export type OutcomeAction = (typeof OUTCOME_ACTIONS)[number];

/** Who records it: the part the seed names for the meeting; the adviser writes a separate summary. */
export function outcomeWhoRefusal(personId: string, request: SupportRequest, state: OutcomeState, action: OutcomeAction): DomainError | null {
  if (action === 'recordOutcome' || action === 'recordNotHeld') {
    return personId === participantId(request, state.route.recorder) ? null : notAllowed(state.route.recorder === 'adviser' ? 'The DEA records the outcome of this meeting.' : 'The work coach who made the request records the outcome of this meeting.');
  }
  return personId === participantId(request, 'adviser') ? null : notAllowed('The DEA writes the summary of outputs.');
}

/**
 * Whether it can be recorded now: once the meeting has started, and once only. That it did not take
 * place, only while nothing says it did: no outcome, and no summary of its outputs.
 */
export function outcomeNowRefusal(state: OutcomeState | null, action: OutcomeAction): DomainError | null {
  if (action === 'recordNotHeld') {
    if (!state) return invalid('There is no booked meeting to say did not take place.');
    if (!state.meetingStarted) return invalid('Before its time, the meeting is moved or cancelled instead.');
    if (state.outcome) return conflict('The outcome has already been recorded, so the meeting took place.');
    return state.summary ? conflict('The DEA has sent a summary of outputs, so the meeting took place.') : null;
  }
  if (!state || !state.meetingStarted) return invalid('The outcome is recorded once the meeting has taken place.');
  if (action === 'recordOutcome') return state.outcome ? conflict('The outcome has already been recorded.') : null;
  if (!summaryIsSeparate(state.route)) return invalid('For this meeting the summary goes with the outcome.');
  return state.summary ? conflict('The summary has already been sent.') : null;
}

/** What this person may record now: what their card offers. */
export function allowedOutcomes(personId: string, request: SupportRequest, state: OutcomeState | null): ReadonlySet<OutcomeAction> {
  if (!state) return new Set();
  return withoutStacks(() => new Set(OUTCOME_ACTIONS.filter((action) => !outcomeWhoRefusal(personId, request, state, action) && !outcomeNowRefusal(state, action))));
}
