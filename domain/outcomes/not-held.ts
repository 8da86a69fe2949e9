import { invalid } from '../errors';
import type { Channel } from '../requests/channels';

/**
 * Why a meeting did not take place. Attending a claimant support intervention is voluntary (seed
 * §38), and a meeting nobody held is not one of the claimant's three (§36): the request goes back to
 * be booked again rather than ending with an outcome.
 */
export const NOT_HELD_REASONS = ['claimant_did_not_attend', 'coach_could_not_attend', 'other'] as const;
export type NotHeldReason = (typeof NOT_HELD_REASONS)[number];

export const NOT_HELD_REASON_LABELS: Readonly<Record<NotHeldReason, string>> = {
  claimant_did_not_attend: 'The claimant did not attend',
  coach_could_not_attend: 'The work coach could not attend',
  other: 'Another reason',
};

/**
 * The reasons that fit the meeting: the claimant is at a three way and a claimant support
 * intervention only (seed §25, §35); the work coach is at every meeting but the DEA's own
 * intervention with the claimant (§14, §17, §25).
 */
const REASONS_FOR: Readonly<Partial<Record<Channel, readonly NotHeldReason[]>>> = {
  case_conference: ['coach_could_not_attend', 'other'],
  skill_conference: ['coach_could_not_attend', 'other'],
  three_way_intervention: ['claimant_did_not_attend', 'coach_could_not_attend', 'other'],
  claimant_support_intervention: ['claimant_did_not_attend', 'other'],
};

export function notHeldReasonsFor(channel: Channel | null): readonly NotHeldReason[] {
  return (channel && REASONS_FOR[channel]) || ['other'];
}

export const NOT_HELD_NOTE_LIMIT = 500;

/** The audit-trail action of a meeting recorded as not taken place. */
export const NOT_HELD = 'not held';

export interface NotHeldInput {
  readonly reason?: unknown;
  readonly note?: unknown;
}

/** The reason chosen and the words added, checked; refused beside the field otherwise. */
export function checkNotHeld(channel: Channel | null, input: NotHeldInput): { reason: NotHeldReason; note: string } {
  const problems: Record<string, string> = {};
  const reasons = notHeldReasonsFor(channel);
  const reason = reasons.find((r) => r === input.reason);
  if (!reason) problems.notHeldReason = 'Choose why it did not take place.';
  const note = typeof input.note === 'string' ? input.note.trim() : '';
  if (note.length > NOT_HELD_NOTE_LIMIT) problems.notHeldNote = `Keep it to ${NOT_HELD_NOTE_LIMIT} characters or fewer (it is ${note.length}).`;
  if (!reason || Object.keys(problems).length) throw invalid(Object.values(problems)[0]!, problems);
  return { reason, note };
}
