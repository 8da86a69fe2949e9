/**
 * When a person works, as Europe/London wall-clock hours per weekday, and the UTC intervals that
 * follow from it. Hours are local so that "08:30" stays 08:30 on both sides of a clock change.
 */
import { invalid } from '../errors';
import type { BankHolidayRegion } from '../staff';
import { bankHolidays } from './bank-holidays';
import type { Interval } from './calendar-port';
import { toIntervals, type Span } from './intervals';
import { clockMinutes, dayOfWeek, isClockTime, londonDayMs, londonWallToUtc } from './london-time';

export { londonToUtc } from './london-time';

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

export const WEEKDAYS: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** London wall-clock times 'HH:MM'; `end` may be '24:00' for the end of the day. */
export interface DayHours {
  readonly start: string;
  readonly end: string;
}

/** A day without hours is not a working day. */
export type WorkingHours = Readonly<Partial<Record<Weekday, DayHours>>>;

const OFFICE_DAY: DayHours = Object.freeze({ start: '08:30', end: '17:00' });

/** Seed 002 §2.2.3: HCPs work 08:30 to 17:00, Monday to Friday. Anyone without recorded hours gets these. */
export const DEFAULT_WORKING_HOURS: WorkingHours = Object.freeze({
  monday: OFFICE_DAY,
  tuesday: OFFICE_DAY,
  wednesday: OFFICE_DAY,
  thursday: OFFICE_DAY,
  friday: OFFICE_DAY,
});

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** 1 January 1970, day 0, was a Thursday. */
const THURSDAY = 4;

// Date#getUTCDay numbering, so a date's weekday indexes straight in.
const BY_DAY_OF_WEEK: readonly Weekday[] = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

export function weekdayOf(date: string): Weekday {
  return BY_DAY_OF_WEEK[dayOfWeek(date)]!;
}

/** Field problems keyed by weekday; empty when the hours are usable. */
export function workingHoursProblems(hours: WorkingHours): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const day of WEEKDAYS) {
    const span = hours[day];
    if (!span) continue;
    if (!isClockTime(span.start) || span.start === '24:00') problems[day] = `Start "${span.start}" is not a time of day (HH:MM).`;
    else if (!isClockTime(span.end)) problems[day] = `End "${span.end}" is not a time of day (HH:MM).`;
    // Overnight hours would make one London day's work belong to the next; nobody here works nights.
    else if (clockMinutes(span.end) <= clockMinutes(span.start)) problems[day] = 'The end must be after the start.';
  }
  return problems;
}

export function assertWorkingHours(hours: WorkingHours): void {
  const problems = workingHoursProblems(hours);
  if (Object.keys(problems).length > 0) throw invalid('Those working hours cannot be used.', problems);
}

/**
 * The person's working time between two instants, as sorted UTC intervals clipped to the range:
 * their hours on each London day, leaving out days without hours and the region's bank holidays.
 */
export function workingIntervals(hours: WorkingHours, region: BankHolidayRegion, from: Date, to: Date): Interval[] {
  return toIntervals(workingSpans(hours, region, from.getTime(), to.getTime()));
}

/** Whether the whole of [start, end) is one stretch of the person's working time (a bank holiday has none). */
export function worksThrough(hours: WorkingHours, region: BankHolidayRegion, start: Date, end: Date): boolean {
  return workingIntervals(hours, region, start, end).some((w) => w.start.getTime() <= start.getTime() && w.end.getTime() >= end.getTime());
}

/** `workingIntervals` as millisecond spans, for searches that go on to combine them. */
export function workingSpans(hours: WorkingHours, region: BankHolidayRegion, lo: number, hi: number): Span[] {
  assertWorkingHours(hours);
  if (!(hi > lo)) return [];
  // Days are walked as numbers (UTC midnight of the London date): this loop runs for every day of
  // every distinct pattern in a search, and strings and Dates per day were most of its cost.
  const daily = BY_DAY_OF_WEEK.map((day) => {
    const span = hours[day];
    return span ? ([clockMinutes(span.start) * MINUTE_MS, clockMinutes(span.end) * MINUTE_MS] as const) : null;
  });
  const firstDay = londonDayMs(lo);
  const lastDay = londonDayMs(hi);
  const closed = new Set<number>();
  for (let year = new Date(firstDay).getUTCFullYear(); year <= new Date(lastDay).getUTCFullYear(); year += 1) {
    for (const date of bankHolidays(region, year)) closed.add(Date.parse(date));
  }
  const out: [number, number][] = [];
  for (let day = firstDay; day <= lastDay; day += DAY_MS) {
    const span = daily[(((day / DAY_MS + THURSDAY) % 7) + 7) % 7];
    if (!span || closed.has(day)) continue;
    const start = Math.max(lo, londonWallToUtc(day + span[0]));
    const end = Math.min(hi, londonWallToUtc(day + span[1]));
    if (end <= start) continue;
    const previous = out[out.length - 1];
    // Back-to-back days (hours to 24:00 then from 00:00) are one stretch of work.
    if (previous && previous[1] >= start) previous[1] = Math.max(previous[1], end);
    else out.push([start, end]);
  }
  return out;
}
