import { conflict, invalid, notAllowed, type DomainError } from '../errors';
import { monthOf } from './months';
import type { ConferencePlan, GroupConference } from './plan';

/** What the team leader does with a plan of group conferences (seed 000 §29–32). */
export const PLAN_ACTIONS = ['change', 'confirm', 'retry'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

/** The plan is its team leader's: they change it, confirm it and have it booked again. */
export function planWhoRefusal(personId: string, plan: ConferencePlan): DomainError | null {
  return plan.wctlId === personId ? null : notAllowed('Only the team leader who made this plan can change it.');
}

/** A draft is changed and confirmed; a confirmed plan with conferences not booked yet is booked again. */
export function planNowRefusal(plan: ConferencePlan, conferences: readonly GroupConference[], action: PlanAction): DomainError | null {
  // Booking runs by itself after a stop too; trying again is offered while anything is unbooked.
  if (action === 'retry') return plan.status === 'confirmed' && conferences.some((c) => c.status === 'failed' || c.status === 'pending') ? null : invalid('There is nothing on this plan to book again.');
  return plan.status === 'draft' ? null : invalid('This plan is already confirmed.');
}

/** What this person may do with the plan now: what its card offers. */
export function allowedPlan(personId: string, plan: ConferencePlan, conferences: readonly GroupConference[]): ReadonlySet<PlanAction> {
  return new Set(PLAN_ACTIONS.filter((action) => !planWhoRefusal(personId, plan) && !planNowRefusal(plan, conferences, action)));
}

/** For a click: who, then whether the card was current, then whether it can happen now. */
export function assertPlan(personId: string, plan: ConferencePlan, conferences: readonly GroupConference[], version: number | null, action: PlanAction): void {
  const refusal = planWhoRefusal(personId, plan) ?? (version !== null && plan.version !== version ? conflict('The plan changed since this card was shown.') : null) ?? planNowRefusal(plan, conferences, action);
  if (refusal) throw refusal;
}

/**
 * What can be done with one conference once the plan is confirmed. `place`: a month of a group with
 * no conference booked (the top-up found no time, or it was cancelled) is given a date and time and
 * booked, so each group still meets every month (seed §29).
 */
export const CONFERENCE_ACTIONS = ['move', 'cancel', 'cases', 'place'] as const;
export type ConferenceAction = (typeof CONFERENCE_ACTIONS)[number];

/** The team leader moves, cancels and gives a time; the DEA, the team leader and the group's coaches see the case list. */
export function conferenceWhoRefusal(personId: string, plan: ConferencePlan, conference: GroupConference, action: ConferenceAction): DomainError | null {
  if (plan.wctlId === personId) return null;
  if (action === 'cases' && (plan.deaId === personId || conference.coachIds.includes(personId))) return null;
  if (action === 'place') return notAllowed('Only the team leader who made this plan can give its conferences a time.');
  return notAllowed(action === 'cases' ? 'Only the DEA, the team leader and the coaches of this group can see its case list.' : 'Only the team leader who made this plan can move or cancel its conferences.');
}

/**
 * Only a booked conference still to come is moved or cancelled; the case list is there for any placed
 * one; a confirmed plan's conference with no time (unplaced) or cancelled is given one while its month lasts.
 */
export function conferenceNowRefusal(plan: ConferencePlan, conference: GroupConference, action: ConferenceAction, now: Date): DomainError | null {
  if (action === 'place') return placeRefusal(plan, conference, now);
  if (action === 'cases') {
    if (plan.status !== 'confirmed' || !conference.start || conference.status === 'unplaced' || conference.status === 'proposed') return invalid('This conference is not booked yet, so it has no case list.');
    return conference.status === 'cancelled' ? invalid('This conference is cancelled.') : null;
  }
  if (plan.status !== 'confirmed' || conference.status !== 'booked') {
    return invalid(conference.status === 'cancelled' ? 'This conference is already cancelled.' : conference.status === 'held' ? 'This conference has been held.' : 'Only a booked conference can be moved or cancelled. Change it on the plan instead.');
  }
  if (!conference.start || conference.start.getTime() <= now.getTime()) return invalid('This conference has already started, so it can no longer be moved or cancelled.');
  return null;
}

/**
 * A month of a group with nothing booked (no time found, or cancelled): given a time on a confirmed
 * plan, until the month is over. Cases the cancel moved to the group's next one stay there.
 */
function placeRefusal(plan: ConferencePlan, conference: GroupConference, now: Date): DomainError | null {
  if (plan.status !== 'confirmed') return invalid('Give it a time on the plan with Change, then confirm the plan.');
  if (conference.status === 'held') return invalid('This conference has been held.');
  if (conference.status === 'booked') return invalid('This conference is booked. Move it instead.');
  // Booked again, a cancelled conference's meeting is written under a transaction id taken from the
  // meeting it had (Graph may still hold the conference's own id for the deleted event, and refuse it).
  // One cancelled before that meeting's id was kept has none to take it from.
  if (conference.status === 'cancelled' && conference.eventId === null) return invalid('This conference was cancelled and cannot be booked again.');
  if (conference.status !== 'unplaced' && conference.status !== 'cancelled') return invalid('This conference already has a time.');
  if (conference.month < monthOf(now)) return invalid('That month is over, so this conference can no longer be given a time.');
  return null;
}

/** What this person may do with this conference now: what the plan card offers beside it. */
export function allowedConference(personId: string, plan: ConferencePlan, conference: GroupConference, now: Date): ReadonlySet<ConferenceAction> {
  return new Set(CONFERENCE_ACTIONS.filter((action) => !conferenceWhoRefusal(personId, plan, conference, action) && !conferenceNowRefusal(plan, conference, action, now)));
}

/** For a click on a conference: who, then whether the card was current, then whether it can happen now. */
export function assertConference(personId: string, plan: ConferencePlan, conference: GroupConference, version: number | null, action: ConferenceAction, now: Date): void {
  const refusal =
    conferenceWhoRefusal(personId, plan, conference, action) ??
    (version !== null && conference.version !== version ? conflict('This conference changed since this card was shown.') : null) ??
    conferenceNowRefusal(plan, conference, action, now);
  if (refusal) throw refusal;
}

/** A new time for a booked conference: in the future and in the same month, so each group still meets once a month. */
export function moveRefusal(conference: GroupConference, start: Date, now: Date): DomainError | null {
  if (start.getTime() <= now.getTime()) return invalid('The conference must be moved to a time in the future.', { date: 'Choose a date in the future.' });
  if (conference.start && start.getTime() === conference.start.getTime()) return invalid('That is the time it is already booked for.', { time: 'Give a different date or time.' });
  return null;
}
