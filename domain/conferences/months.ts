/** Calendar months as London people mean them ('YYYY-MM'), and their bounds as UTC instants. */
import { londonDate } from '../requests/calendar-date';
import { londonToUtc } from '../calendar/london-time';

/** Seed §31: diaries are blocked at least 4 months ahead. */
export const HORIZON_MONTHS = 4;

export function monthOf(instant: Date): string {
  return londonDate(instant).slice(0, 7);
}

export function addMonthsTo(month: string, count: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + count, 1));
  return d.toISOString().slice(0, 7);
}

/** The `count` calendar months after the current London month: in November, December to March. */
export function monthsAhead(now: Date, count = HORIZON_MONTHS): string[] {
  const current = monthOf(now);
  return Array.from({ length: count }, (_, i) => addMonthsTo(current, i + 1));
}

/** How many calendar months are in [from, to): from '2026-01' to '2026-03', 2. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  return Math.max(0, (ty - fy) * 12 + (tm - fm));
}

/** The months held before the current one that a plan's card still shows in full. */
export const RECENT_MONTHS = 1;

/** The first month a plan's card, its booking and its team leader's clicks read: the last RECENT_MONTHS held, then this one and those ahead. */
export function recentFrom(now: Date): string {
  return addMonthsTo(monthOf(now), -RECENT_MONTHS);
}

/** A plan made on or before this day of a month tries that month too. */
export const EARLY_IN_MONTH_DAY = 15;

/**
 * The months a new plan covers: the next HORIZON_MONTHS, and the current month as well when the
 * plan is made early in it (whether a time is left in it is for the slot search to say).
 */
export function planMonths(now: Date): string[] {
  const day = Number(londonDate(now).slice(8, 10));
  return day <= EARLY_IN_MONTH_DAY ? [monthOf(now), ...monthsAhead(now)] : monthsAhead(now);
}

/** London midnight at the start of the month, and of the next: a BST change inside moves neither. */
export function monthBounds(month: string): { from: Date; to: Date } {
  return { from: londonToUtc(`${month}-01`, '00:00'), to: londonToUtc(`${addMonthsTo(month, 1)}-01`, '00:00') };
}

const monthName = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });

/** "December 2026". */
export function describeMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return monthName.format(new Date(Date.UTC(y, m - 1, 1)));
}
