/**
 * An HCP's day as one picture: where they are, their booked conversations with the preparation
 * before each, the breaks agreed with the activity manager, and the free time left. `my day`, the
 * activity manager's view and anything else that plans around an HCP read it from here, so that
 * they all agree on what is free.
 */
import type { CalendarPort, Interval } from '../calendar/calendar-port';
import { patternsOf, type WorkingPatterns } from '../calendar/booking-service';
import type { Participant } from '../calendar/free-time';
import { addDays, londonDateFast, londonToUtc } from '../calendar/london-time';
import { weekdayOf } from '../calendar/working-hours';
import type { StaffMember } from '../staff';
import type { AdviceConversation, HcpBreak } from './conversation';
import type { AdviceStore } from './ports';
import { breakIntervals, freeGaps, siteOn, type SitePlan } from './schedule';

/** A conversation in the HCP's day, with its preparation (null for an ad hoc one). */
export interface DayConversation {
  readonly conversation: AdviceConversation;
  readonly preparation: Interval | null;
  readonly time: Interval;
}

/** A day of an HCP's diary. */
export interface HcpDay {
  readonly date: string;
  /** Where the site plan puts them (their base jobcentre on days it does not name). */
  readonly jobcentreId: string | null;
  /** Booked, held and asked-for-now conversations, soonest first. */
  readonly conversations: readonly AdviceConversation[];
  /** The same conversations with their preparation and time. */
  readonly booked: readonly DayConversation[];
  readonly breaks: readonly Interval[];
  /** Working hours less the diary (conversations and preparation included) and the breaks. */
  readonly freeGaps: readonly Interval[];
}

/** What the HCP's day is read from. */
export interface HcpDaySources {
  readonly store: Pick<AdviceStore, 'forHcps' | 'siteDays' | 'breaksOf'>;
  readonly calendar: Pick<CalendarPort, 'busy'>;
  readonly patterns: WorkingPatterns;
}

const SHOWN: ReadonlySet<AdviceConversation['status']> = new Set(['booked', 'held', 'adhoc_asked']);

/** The HCP's days from `date` (that day, then their next working days): the one way to read an HCP's day. */
export async function readHcpDays(sources: HcpDaySources, hcp: StaffMember, date: string, days: number, options: { readonly minGapMinutes?: number } = {}): Promise<HcpDay[]> {
  return (await readHcpsDays(sources, [hcp], date, days, options))[0]!;
}

/**
 * Several HCPs' days (an activity manager's district), in the HCPs' order: each source is read once
 * for them all, so the number of statements does not grow with the number of HCPs.
 */
export async function readHcpsDays(
  sources: HcpDaySources,
  hcps: readonly StaffMember[],
  date: string,
  days: number,
  options: { readonly minGapMinutes?: number; /** Their breaks, when the caller has read them already. */ readonly breaks?: readonly HcpBreak[] } = {},
): Promise<HcpDay[][]> {
  if (hcps.length === 0) return [];
  const patterns = await patternsOf(sources.patterns, hcps);
  const datesOf = patterns.map((pattern) => {
    const dates: string[] = [date];
    for (let d = addDays(date, 1), n = 0; dates.length < days && n < 14; d = addDays(d, 1), n += 1) if (pattern.hours[weekdayOf(d)]) dates.push(d);
    return dates;
  });
  const last = datesOf.map((dates) => dates[dates.length - 1]!).reduce((a, b) => (a > b ? a : b));
  const from = londonToUtc(date, '00:00');
  const to = londonToUtc(addDays(last, 1), '00:00');
  const ids = hcps.map((h) => h.id);
  const [busy, siteDays, conversations, breaks] = await Promise.all([
    sources.calendar.busy(hcps.map((h) => h.email), from, to),
    sources.store.siteDays(ids, date, last),
    sources.store.forHcps(ids, from, to),
    options.breaks ?? sources.store.breaksOf(ids),
  ]);
  return hcps.map((hcp, i) => {
    const plan: SitePlan = { baseJobcentreId: hcp.jobcentreId, days: new Map(siteDays.filter((d) => d.hcpId === hcp.id).map((d) => [d.date, d.jobcentreId])) };
    const participant: Participant = { id: hcp.id, hours: patterns[i]!.hours, region: patterns[i]!.region, busy: busy.get(hcp.email.toLowerCase()) ?? [] };
    const theirs = conversations.filter((c) => c.hcpId === hcp.id);
    const theirBreaks = breaks.filter((b) => b.hcpId === hcp.id);
    return datesOf[i]!.map((d) => planHcpDay(d, participant, plan, theirs, theirBreaks, options.minGapMinutes));
  });
}

/** One day, from what was read: pure, so that it is the same wherever it is shown. Free gaps shorter than `minGapMinutes` are left out. */
export function planHcpDay(date: string, hcp: Participant, plan: SitePlan, conversations: readonly AdviceConversation[], breaks: readonly HcpBreak[], minGapMinutes = 30): HcpDay {
  const mine = conversations.filter((c) => c.start && c.end && londonDateFast(c.start) === date && SHOWN.has(c.status)).sort((a, b) => a.start!.getTime() - b.start!.getTime());
  const booked = mine.map((c) => ({ conversation: c, time: { start: c.start!, end: c.end! }, preparation: c.prepStart && c.prepStart.getTime() < c.start!.getTime() ? { start: c.prepStart, end: c.start! } : null }));
  const dayBreaks = breakIntervals(breaks, date, date);
  // The diary may not have a conversation's entries yet (they are written just after booking): they count as busy anyway.
  const taken = booked.flatMap((b) => (b.preparation ? [b.preparation, b.time] : [b.time]));
  return { date, jobcentreId: siteOn(plan, date), conversations: mine, booked, breaks: dayBreaks, freeGaps: freeGaps({ ...hcp, busy: [...hcp.busy, ...taken, ...dayBreaks] }, date, minGapMinutes) };
}
