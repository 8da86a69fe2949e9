import { conflict, invalid, notAllowed, type DomainError } from '../errors';
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
