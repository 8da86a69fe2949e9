import { conflict, notAllowed, withoutStacks, type DomainError } from '../errors';
import type { FollowUpAction } from './follow-up-action';

/** What people do with an action on its card. */
export const ACTION_VERBS = ['assign', 'accept', 'complete'] as const;
export type ActionVerb = (typeof ACTION_VERBS)[number];

/** The requester and the DEA of the case it came from, and the person doing it, may read it; nobody else. */
export function mayReadAction(personId: string, action: Pick<FollowUpAction, 'requesterId' | 'deaId' | 'assigneeId'>): boolean {
  return personId === action.requesterId || personId === action.deaId || personId === action.assigneeId;
}

/**
 * Why this person may not do this with the action now, or null when they may:
 * the DEA chooses who does it (until it is accepted); the person chosen accepts it, then records it done.
 */
export function actionRefusal(personId: string, action: FollowUpAction, verb: ActionVerb): DomainError | null {
  if (verb === 'assign') {
    if (personId !== action.deaId) return notAllowed('The DEA of the case chooses who does this action.');
    if (action.status === 'accepted' || action.status === 'done') return conflict('This action has already been accepted, so it stays with the person who accepted it.');
    return null;
  }
  if (personId !== action.assigneeId) return notAllowed('Only the person this action is for can accept it or record it done.');
  if (verb === 'accept') return action.status === 'assigned' ? null : conflict(action.status === 'done' ? 'This action is already done.' : 'This action has already been accepted.');
  return action.status === 'accepted' ? null : conflict(action.status === 'done' ? 'This action is already recorded as done.' : 'Accept the action before you record it done.');
}

/** What the card offers this person now. */
export function allowedActionVerbs(personId: string, action: FollowUpAction): ReadonlySet<ActionVerb> {
  return withoutStacks(() => new Set(ACTION_VERBS.filter((verb) => !actionRefusal(personId, action, verb))));
}
