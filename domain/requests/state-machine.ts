import { invalid } from '../errors';
import type { RequestStatus } from './support-request';

/**
 * The life of a request (DESIGN §4):
 * submitted ⇄ info requested; submitted or info requested → accepted → booked → held → outcome recorded → closed;
 * submitted or info requested → redirected; anything before booking → withdrawn.
 * A held meeting that did not take place goes back to accepted, to be booked again (seed §36: it is
 * not one of the claimant's interventions).
 */
const NEXT: Readonly<Record<RequestStatus, readonly RequestStatus[]>> = {
  submitted: ['info_requested', 'accepted', 'redirected', 'withdrawn'],
  // The DEA may accept without waiting for the answer to their question.
  info_requested: ['submitted', 'accepted', 'redirected', 'withdrawn'],
  accepted: ['booked', 'closed', 'withdrawn'],
  booked: ['held', 'accepted'],
  held: ['outcome_recorded', 'accepted'],
  outcome_recorded: ['closed'],
  closed: [],
  redirected: [],
  withdrawn: [],
};

export function canMove(from: RequestStatus, to: RequestStatus): boolean {
  return NEXT[from].includes(to);
}

export function assertMove(from: RequestStatus, to: RequestStatus, what: string): void {
  if (!canMove(from, to)) throw invalid(`This request cannot be ${what} now: it is ${from.replace('_', ' ')}.`);
}

/** The request's meeting was booked: it is booked, held, has its outcome, or closed after it. */
export const MEETING_STATUSES: readonly RequestStatus[] = ['booked', 'held', 'outcome_recorded', 'closed'];

/** Still waiting for the DEA or the requester: shown in the DEA's queue. */
export const OPEN_STATUSES: readonly RequestStatus[] = ['submitted', 'info_requested', 'accepted'];
