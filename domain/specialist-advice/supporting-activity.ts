/**
 * Three-way conversations before supporting activity. Seed 002 Annex 3 §1 and §6: the HCP does
 * supporting activity only when no Specialist Advice interview is booked, pre-booked or ad hoc.
 * The bot writes each activity into the HCP's diary as busy (so colleagues see it), which would
 * otherwise stop a conversation being offered then: for Specialist Advice that time is free, and
 * whoever keeps the activity is told it needs another time once a conversation takes it.
 */
import type { Interval } from '../calendar/calendar-port';
import type { ActivityKind, SupportingActivity } from '../hcp-activity/records';
import type { AdviceConversation } from './conversation';

/**
 * The times of the HCP's own activity entries in their diary, to leave out of their busy time: what
 * the diary work wrote for them (a planned or recorded activity, at its times), and a cancelled
 * one's entry until that work has removed it. The calendar gives busy time without event ids, so
 * an entry is named by its exact times; another meeting overlapping it is not one of them.
 */
export function ownActivityTimes(activities: readonly SupportingActivity[], hcpId: string): Interval[] {
  const out: Interval[] = [];
  for (const a of activities) {
    if (a.hcpId !== hcpId || !a.start || !a.end) continue;
    const inDiary = a.status === 'planned' || a.status === 'done' || (a.status === 'cancelled' && a.diaryEntries.some((e) => e.personId === hcpId));
    if (inDiary) out.push({ start: a.start, end: a.end });
  }
  return out;
}

/** How long before a search's start a conversation may have begun and still hold the HCP: longer than any conversation with its preparation. */
export const CONVERSATION_LOOKBACK_MS = 3 * 3_600_000;

/**
 * The time the HCP's conversations hold, preparation included, but for `except` (the one being
 * booked or moved): booked, or asked for now and not yet answered.
 */
export function conversationTimes(conversations: readonly Pick<AdviceConversation, 'id' | 'status' | 'prepStart' | 'start' | 'end'>[], except?: string): Interval[] {
  return conversations.flatMap((c) => (c.id !== except && (c.status === 'booked' || c.status === 'adhoc_asked') && c.start && c.end ? [{ start: c.prepStart ?? c.start, end: c.end }] : []));
}

/**
 * The planned activity a conversation's time (its preparation included: the HCP is in it too)
 * meets, which now needs another time. An activity recorded as held, or cancelled, needs nothing.
 */
export function activitiesOver(activities: readonly SupportingActivity[], hcpId: string, time: Interval): SupportingActivity[] {
  return activities.filter((a) => a.hcpId === hcpId && a.status === 'planned' && a.start && a.end && a.start.getTime() < time.end.getTime() && a.end.getTime() > time.start.getTime());
}

/** Seed 002 Annex 3 §1 in the notice's words, shared by what the HCP and the activity manager read. */
export const CONVERSATIONS_COME_FIRST = 'Three-way conversations come first: supporting activity happens only when none is booked.';

/**
 * What someone who comes to the HCP's activity (whoever asked for it, the work coach it is with) is
 * told of a conversation booked over it: that the HCP will not be there, with the activity's kind
 * and time. They are not part of the conversation, so nothing of it: no reference, no times, no claimant.
 */
export interface AttendeeOverNotice {
  readonly part: 'attendee';
  readonly hcpName: string;
  /** Their activity it is over, soonest first; `asked` when they asked for it rather than attend it as its coach. */
  readonly activities: readonly { readonly id: string; readonly kind: ActivityKind; readonly start: Date; readonly end: Date; readonly asked: boolean }[];
}

/** What the HCP or an activity manager is told of a conversation booked over the HCP's activity: references, kinds and times only. */
export interface BookedOverNotice {
  readonly part: 'hcp' | 'manager';
  readonly reference: string;
  /** When the HCP's preparation starts, when it comes before the conversation. */
  readonly preparationFrom: Date | null;
  readonly start: Date;
  readonly end: Date;
  readonly hcpName: string;
  /** The planned activity it is over, soonest first. */
  readonly activities: readonly { readonly id: string; readonly kind: ActivityKind; readonly start: Date; readonly end: Date }[];
}
