/**
 * Europe/London wall-clock time without a time-zone library: the offset comes from Intl, which ships
 * the tz database with Node, so British Summer Time rules stay right without our maintaining them.
 */
import { isCalendarDate, LONDON } from '../requests/calendar-date';
import { invalid } from '../errors';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;

// One formatter for the process: building an Intl.DateTimeFormat costs far more than using one.
const fieldsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: LONDON,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const clockFormat = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' });

/** "10:00": the London wall-clock time of an instant. */
export function londonClock(instant: Date | number): string {
  return clockFormat.format(instant);
}

interface YearZone {
  readonly from: number;
  readonly to: number;
  readonly initial: number;
  /** Clock changes in the year: the instant and the offset from then on. */
  readonly changes: readonly (readonly [number, number])[];
}

const zones = new Map<number, YearZone>();
let lastZone: YearZone | null = null;

/** Minutes London is ahead of UTC at the instant: 0 in winter (GMT), 60 in summer (BST). */
export function londonOffsetMinutes(instant: Date | number): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  let zone = lastZone;
  if (!zone || ms < zone.from || ms >= zone.to) {
    zone = zoneOf(new Date(ms).getUTCFullYear());
    lastZone = zone;
  }
  let offset = zone.initial;
  for (const [at, after] of zone.changes) if (ms >= at) offset = after;
  return offset;
}

/**
 * A year's clock changes, found with a few dozen Intl calls once rather than one per lookup: the
 * offset is sampled at each month start and a change is narrowed down to the hour, which holds
 * because London's changes fall on whole UTC hours and never twice in a month.
 */
function zoneOf(year: number): YearZone {
  const known = zones.get(year);
  if (known) return known;
  const from = Date.UTC(year, 0, 1);
  const to = Date.UTC(year + 1, 0, 1);
  const initial = intlOffset(from);
  const changes: [number, number][] = [];
  let previous = initial;
  for (let month = 1; month <= 12; month += 1) {
    const lo = Date.UTC(year, month - 1, 1);
    const hi = Date.UTC(year, month, 1);
    const offset = intlOffset(hi);
    if (offset === previous) continue;
    // Invariant: the offset at `a` is the old one and at `b` the new one.
    let a = lo / HOUR_MS;
    let b = hi / HOUR_MS;
    while (b - a > 1) {
      const mid = Math.floor((a + b) / 2);
      if (intlOffset(mid * HOUR_MS) === previous) a = mid;
      else b = mid;
    }
    if (b * HOUR_MS < to) changes.push([b * HOUR_MS, offset]);
    previous = offset;
  }
  const zone: YearZone = { from, to, initial, changes };
  zones.set(year, zone);
  return zone;
}

function intlOffset(ms: number): number {
  const parts = fieldsFormat.formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value ?? NaN);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((wall - Math.floor(ms / 1000) * 1000) / MINUTE_MS);
}

export function isClockTime(value: string): boolean {
  return HH_MM.test(value);
}

/** Minutes after midnight of an 'HH:MM' ('24:00' is the end of the day). */
export function clockMinutes(time: string): number {
  if (!isClockTime(time)) throw invalid(`"${time}" is not a time of day (HH:MM).`);
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/**
 * The UTC instant of a London wall-clock time on a London calendar date. A time that does not exist
 * (the hour skipped when BST starts) is read as if the clocks had not yet gone forward, landing the
 * same distance after the jump; a time that happens twice (the hour repeated when BST ends) is the
 * earlier one. Both are what people mean by "01:30 that Sunday", and what Temporal calls compatible.
 */
export function londonToUtc(date: string, time: string): Date {
  if (!isCalendarDate(date)) throw invalid(`"${date}" is not a calendar date (YYYY-MM-DD).`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(londonWallToUtc(Date.UTC(y, m - 1, d) + clockMinutes(time) * MINUTE_MS));
}

/** `londonToUtc` on a wall-clock reading held as milliseconds of a UTC-labelled clock. */
export function londonWallToUtc(wall: number): number {
  // London's changes are months apart, so the offsets a day either side are the only candidates.
  const before = wall - londonOffsetMinutes(wall - DAY_MS) * MINUTE_MS;
  const after = wall - londonOffsetMinutes(wall + DAY_MS) * MINUTE_MS;
  const beforeFits = londonWallMs(before) === wall;
  const afterFits = londonWallMs(after) === wall;
  if (beforeFits && afterFits) return Math.min(before, after);
  if (afterFits) return after;
  return before;
}

/** The London wall-clock reading of an instant, as milliseconds of a UTC-labelled clock. */
export function londonWallMs(instant: Date | number): number {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return ms + londonOffsetMinutes(ms) * MINUTE_MS;
}

/** The London calendar date of an instant, without a formatter call (cheap enough for tight loops). */
export function londonDateFast(instant: Date | number): string {
  return new Date(londonDayMs(instant)).toISOString().slice(0, 10);
}

/** UTC midnight of the instant's London calendar date: a day as a number, for loops over days. */
export function londonDayMs(instant: Date | number): number {
  return Math.floor(londonWallMs(instant) / DAY_MS) * DAY_MS;
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, as Date#getUTCDay. */
export function dayOfWeek(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}
