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
  return conversations.flatMap((c) => {
    const time = c.id !== except && (c.status === 'booked' || c.status === 'adhoc_asked') ? timeHeld(c) : null;
    return time ? [time] : [];
  });
}

/** The time a conversation holds the HCP: its preparation, then itself. */
function timeHeld(c: Pick<AdviceConversation, 'prepStart' | 'start' | 'end'>): Interval | null {
  return c.start && c.end ? { start: c.prepStart ?? c.start, end: c.end } : null;
}

/**
 * The planned activity a conversation's time (its preparation included: the HCP is in it too)
 * meets, which now needs another time. An activity recorded as held, or cancelled, needs nothing.
 */
export function activitiesOver(activities: readonly SupportingActivity[], hcpId: string, time: Interval): SupportingActivity[] {
  return activities.filter((a) => a.hcpId === hcpId && a.status === 'planned' && a.start && a.end && a.start.getTime() < time.end.getTime() && a.end.getTime() > time.start.getTime());
}

/** What the activity's card needs of one of the HCP's conversations to tell whether it is booked over the activity. */
export type ConversationTimes = Pick<AdviceConversation, 'id' | 'hcpId' | 'reference' | 'status' | 'prepStart' | 'start' | 'end'>;

/**
 * A conversation booked over an activity, as the activity's card names it to whoever may move the
 * activity: reference and times only, never anything of the claimant.
 */
export interface ConversationOver {
  readonly reference: string;
  readonly start: Date;
  readonly end: Date;
  /** When the HCP's preparation starts, when it comes before the conversation. */
  readonly preparationFrom: Date | null;
}

/**
 * Only planned activity not yet begun can still be given another time (`move` refuses one under
 * way), so only then does a conversation over it ask anything of anyone.
 */
function stillToCome(activity: SupportingActivity, now: Date): activity is SupportingActivity & { start: Date; end: Date } {
  return activity.status === 'planned' && activity.start !== null && activity.end !== null && activity.start.getTime() > now.getTime();
}

/**
 * When a conversation over the activity may start, for one read of the HCP's conversations: a
 * conversation with its preparation lasts less than the lookback, so one over the activity starts
 * within that of either end. Null when none would matter (see `stillToCome`).
 */
export function conversationsOverWindow(activity: SupportingActivity, now: Date): Interval | null {
  if (!stillToCome(activity, now)) return null;
  return { start: new Date(activity.start.getTime() - CONVERSATION_LOOKBACK_MS), end: new Date(activity.end.getTime() + CONVERSATION_LOOKBACK_MS) };
}

/**
 * The booked conversations of the activity's HCP whose time, preparation included, is over the
 * activity while it is still to come, soonest first: the same overlap as the notice
 * (`activitiesOver`), so the card says what the notice said for as long as it is so. A conversation
 * only asked for ad hoc holds the HCP's time but may still be refused, so it is not yet over anything.
 */
export function conversationsOver(activity: SupportingActivity, conversations: readonly ConversationTimes[], now: Date): ConversationOver[] {
  if (!stillToCome(activity, now)) return [];
  return conversations
    .flatMap((c) => {
      const time = c.status === 'booked' ? timeHeld(c) : null;
      if (!time || !c.start || !c.end || activitiesOver([activity], c.hcpId, time).length === 0) return [];
      return [{ reference: c.reference, start: c.start, end: c.end, preparationFrom: c.prepStart && c.prepStart.getTime() < c.start.getTime() ? c.prepStart : null }];
    })
    .sort((a, b) => a.start.getTime() - b.start.getTime());
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
