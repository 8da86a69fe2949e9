/**
 * When a three-way conversation can happen: in the HCP's hours (08:30–17:00 Monday to Friday
 * unless the directory says otherwise), when the HCP and the coach are both free, face to face
 * only on a day the HCP's site plan puts them at the claimant's jobcentre, and with the HCP's and
 * the coach's preparation straight before it (longer for a complex case).
 */
import type { Interval } from '../calendar/calendar-port';
import { findCommonSlots, subtractIntervals, type Participant } from '../calendar/free-time';
import { addDays, londonDateFast, londonToUtc } from '../calendar/london-time';
import { weekdayOf, workingIntervals } from '../calendar/working-hours';
import type { AdviceChannel, HcpBreak } from './conversation';

export const CONVERSATION_MINUTES = 60;
export const PREPARATION_MINUTES = 30;
export const COMPLEX_PREPARATION_MINUTES = 60;
/** How far ahead times are looked for, in days. */
export const BOOKING_HORIZON_DAYS = 28;
/** Proposed times: the earliest on different days. */
export const PROPOSALS = 3;
export function preparationMinutes(complex: boolean): number {
  return complex ? COMPLEX_PREPARATION_MINUTES : PREPARATION_MINUTES;
}

/** A time for the conversation and the preparation before it. */
export interface AdviceSlot {
  readonly prepStart: Date;
  readonly start: Date;
  readonly end: Date;
}

/** Where the HCP is on each date: the site plan, and their base jobcentre on days it does not name. */
export interface SitePlan {
  readonly baseJobcentreId: string | null;
  /** date (YYYY-MM-DD) → jobcentre id. */
  readonly days: ReadonlyMap<string, string>;
}

export function siteOn(plan: SitePlan, date: string): string | null {
  return plan.days.get(date) ?? plan.baseJobcentreId;
}

/**
 * The days an HCP is not there for Specialist Advice (seed 002 §4.1): recorded absent (the supplier
 * is asked for a replacement, who is not them), and every day after the last day of their notice.
 */
export interface AwayDays {
  /** London dates recorded absent. */
  readonly absent: ReadonlySet<string>;
  /** The last working day of their notice to finish; null while they have given none. */
  readonly lastDay: string | null;
}

/** Whether the HCP is away on the date: absent, or gone after their notice's last day. */
export function isAway(away: AwayDays | undefined, date: string): boolean {
  return away !== undefined && (away.absent.has(date) || (away.lastDay !== null && date > away.lastDay));
}

export interface SlotQuestion {
  readonly hcp: Participant;
  readonly coach: Participant;
  readonly sitePlan: SitePlan;
  readonly jobcentreId: string;
  readonly channel: AdviceChannel;
  readonly complex: boolean;
  readonly now: Date;
  readonly count?: number;
  /** Days not offered whatever the diary says: an absence or a leaver's days are often not in it. */
  readonly away?: AwayDays;
}

/** Whether the HCP can be offered on the date at all: not away, and for face to face at the claimant's jobcentre that day. */
function offeredOn(q: Pick<SlotQuestion, 'away' | 'channel' | 'sitePlan' | 'jobcentreId'>, date: string): boolean {
  return !isAway(q.away, date) && (q.channel !== 'face_to_face' || siteOn(q.sitePlan, date) === q.jobcentreId);
}

/**
 * The earliest times, one a day, when the HCP and the coach are both free for the preparation
 * and the conversation; face to face only on the HCP's days at the jobcentre. The notice needed
 * is the preparation itself: it starts no earlier than the next half hour from now, and the
 * conversation straight after it. Sooner than that is an ad hoc conversation, without preparation.
 */
export function proposeSlots(q: SlotQuestion): AdviceSlot[] {
  const prep = preparationMinutes(q.complex);
  const count = q.count ?? PROPOSALS;
  const out: AdviceSlot[] = [];
  const today = londonDateFast(q.now);
  for (let d = 0; d <= BOOKING_HORIZON_DAYS && out.length < count; d += 1) {
    const date = addDays(today, d);
    if (!offeredOn(q, date)) continue;
    const [slot] = findCommonSlots({
      participants: [q.hcp, q.coach],
      from: londonToUtc(date, '00:00'),
      to: londonToUtc(addDays(date, 1), '00:00'),
      durationMinutes: prep + CONVERSATION_MINUTES,
      stepMinutes: 30,
      notBefore: q.now,
      count: 1,
    });
    if (slot) out.push({ prepStart: slot.start, start: new Date(slot.start.getTime() + prep * 60_000), end: slot.end });
  }
  return out;
}

/**
 * An ad hoc conversation now: the HCP free for an hour from the next minute, and for face to face
 * at this jobcentre today (by video or telephone they join from wherever they are). No preparation
 * slot: there is no time for one. With none, why: the note to the coach says it.
 */
export function adHocAnswer(
  hcp: Participant,
  sitePlan: SitePlan,
  jobcentreId: string,
  now: Date,
  channel: AdviceChannel,
  away?: AwayDays,
): { slot: AdviceSlot; why: null } | { slot: null; why: 'not working today' | 'elsewhere today' | 'not free' } {
  // First: an HCP off sick or gone is not "elsewhere", and asking them would leave the claimant waiting.
  if (isAway(away, londonDateFast(now))) return { slot: null, why: 'not working today' };
  if (channel === 'face_to_face' && siteOn(sitePlan, londonDateFast(now)) !== jobcentreId) return { slot: null, why: 'elsewhere today' };
  const [slot] = findCommonSlots({
    participants: [hcp],
    from: now,
    to: new Date(now.getTime() + (CONVERSATION_MINUTES + 1) * 60_000),
    durationMinutes: CONVERSATION_MINUTES,
    stepMinutes: 1,
    count: 1,
  });
  return slot ? { slot: { prepStart: slot.start, start: slot.start, end: slot.end }, why: null } : { slot: null, why: 'not free' };
}

/** The HCP's free time on a day: their working hours less what is in their diary. */
export function freeGaps(hcp: Participant, date: string, minMinutes = 30): Interval[] {
  const work = workingIntervals(hcp.hours, hcp.region, londonToUtc(date, '00:00'), londonToUtc(addDays(date, 1), '00:00'));
  return subtractIntervals(work, hcp.busy).filter((gap) => gap.end.getTime() - gap.start.getTime() >= minMinutes * 60_000);
}

/** The HCP's breaks on each date from `fromDate` to `toDate` (inclusive), as instants. */
export function breakIntervals(breaks: readonly HcpBreak[], fromDate: string, toDate: string): Interval[] {
  const out: Interval[] = [];
  for (let d = fromDate, n = 0; d <= toDate && n < 400; d = addDays(d, 1), n += 1) {
    const day = weekdayOf(d);
    for (const b of breaks) if (b.weekday === day) out.push({ start: londonToUtc(d, b.start), end: londonToUtc(d, b.end) });
  }
  return out.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** The HCP as the diary search sees them: their breaks are busy time, so nothing is offered in one. */
export function withBreaks(hcp: Participant, breaks: readonly HcpBreak[], from: Date, to: Date): Participant {
  return { ...hcp, busy: [...hcp.busy, ...breakIntervals(breaks, londonDateFast(from), londonDateFast(to))] };
}

/** Whether a time the coach chose is still one that would be proposed (nobody booked it meanwhile). */
export function isStillFree(q: SlotQuestion, slot: AdviceSlot): boolean {
  if (!offeredOn(q, londonDateFast(slot.start))) return false;
  const [found] = findCommonSlots({
    participants: [q.hcp, q.coach],
    from: slot.prepStart,
    to: slot.end,
    durationMinutes: Math.round((slot.end.getTime() - slot.prepStart.getTime()) / 60_000),
    stepMinutes: 15,
    count: 1,
  });
  return found !== undefined && found.start.getTime() === slot.prepStart.getTime();
}
