/**
 * Common free time of several people, computed in the domain because Graph's findMeetingTimes is
 * delegated-only: an application bot gets busy intervals from getSchedule and works the rest out here.
 *
 * Cost is linear in the input: the shared working time is built once per distinct working pattern,
 * each person's busy time is merged once and cut out of it with one sweep, and candidate starts are
 * only walked inside what is left. Nothing rescans every interval per candidate.
 */
import { invalid } from '../errors';
import type { BankHolidayRegion } from '../staff';
import type { Interval } from './calendar-port';
import { intersectSpans, subtractSpans, toSpans, type Span } from './intervals';
import { addDays, londonDateFast, londonToUtc, londonWallMs } from './london-time';
import { workingSpans, type WorkingHours } from './working-hours';

export { intersectIntervals, mergeIntervals, subtractIntervals } from './intervals';

const MINUTE_MS = 60_000;
const MINUTES_PER_DAY = 1440;

export interface Participant {
  readonly id: string;
  /** Busy, tentative and out-of-office time, in any order, overlaps allowed. */
  readonly busy: readonly Interval[];
  readonly hours: WorkingHours;
  readonly region: BankHolidayRegion;
}

export interface SlotSearch {
  readonly participants: readonly Participant[];
  readonly from: Date;
  /** The deadline: a slot ends at or before it. */
  readonly to: Date;
  readonly durationMinutes: number;
  /** Slots start on London wall-clock multiples of this (30: on the hour and half hour). Divides a day. */
  readonly stepMinutes?: number;
  /** No slot starts before this, typically now: combined with the step it gives "the next half hour". */
  readonly notBefore?: Date;
}

export interface CommonSlotSearch extends SlotSearch {
  readonly count: number;
  /** 'one-per-day' offers different days, so one busy day does not make every proposal useless. */
  readonly spread?: 'earliest' | 'one-per-day';
}

export interface LeastClash {
  readonly slot: Interval;
  /** Ids of the participants busy at some point of the slot, in participant order. */
  readonly clashes: string[];
}

/**
 * The earliest `count` slots where every participant is within working hours, not on a bank holiday
 * of their region, and not busy. Slots may overlap with 'earliest': they are alternatives to choose from.
 */
export function findCommonSlots(options: CommonSlotSearch): Interval[] {
  const search = checkSearch(options);
  if (!Number.isInteger(options.count) || options.count < 1) throw invalid('The number of slots must be a whole number, at least 1.');
  const onePerDay = options.spread === 'one-per-day';

  let common = commonWorkingTime(options.participants, search.lo, search.hi);
  for (const person of options.participants) {
    if (common.length === 0) return [];
    common = subtractSpans(common, toSpans(person.busy));
  }

  const slots: Interval[] = [];
  let lastDay: string | null = null;
  for (const [gapStart, gapEnd] of common) {
    let t = alignUp(gapStart, search.stepMs);
    while (slots.length < options.count && t + search.durationMs <= gapEnd) {
      const day = londonDateFast(t);
      if (onePerDay && day === lastDay) {
        t = alignUp(londonToUtc(addDays(day, 1), '00:00').getTime(), search.stepMs);
        continue;
      }
      slots.push({ start: new Date(t), end: new Date(t + search.durationMs) });
      lastDay = day;
      t = alignUp(t + 1, search.stepMs);
    }
    if (slots.length >= options.count) break;
  }
  return slots;
}

/**
 * For when nobody can all meet: the slot inside everyone's working time (not a bank holiday for
 * anyone) with the fewest people busy, the earliest among equals, and who is busy then. Null when
 * the participants share no working time long enough in the range at all.
 */
export function leastClashSlot(options: SlotSearch): LeastClash | null {
  const search = checkSearch(options);
  const people = options.participants;
  const commonWork = commonWorkingTime(people, search.lo, search.hi);
  const busy = people.map((person) => toSpans(person.busy));
  // Candidates come in time order, so each person's first busy span still ending after the
  // candidate's start only moves forward: a pointer each, never a rescan.
  const next = people.map(() => 0);
  const clashCount = (start: number, end: number): number => {
    let count = 0;
    for (let p = 0; p < people.length; p += 1) {
      const mine = busy[p]!;
      let k = next[p]!;
      while (k < mine.length && mine[k]![1] <= start) k += 1;
      next[p] = k;
      if (k < mine.length && mine[k]![0] < end) count += 1;
    }
    return count;
  };

  let best: { start: number; count: number } | null = null;
  candidates: for (const [gapStart, gapEnd] of commonWork) {
    for (let t = alignUp(gapStart, search.stepMs); t + search.durationMs <= gapEnd; t = alignUp(t + 1, search.stepMs)) {
      const count = clashCount(t, t + search.durationMs);
      if (best === null || count < best.count) best = { start: t, count };
      if (count === 0) break candidates;
    }
  }
  if (best === null) return null;
  const start = best.start;
  const end = start + search.durationMs;
  return {
    slot: { start: new Date(start), end: new Date(end) },
    clashes: people.filter((_, p) => overlapsAny(busy[p]!, start, end)).map((person) => person.id),
  };
}

/** Whether [start, end) meets any of the sorted, disjoint spans: a binary search. */
function overlapsAny(spans: readonly Span[], start: number, end: number): boolean {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]![1] <= start) lo = mid + 1;
    else hi = mid;
  }
  return lo < spans.length && spans[lo]![0] < end;
}

interface CheckedSearch {
  readonly lo: number;
  readonly hi: number;
  readonly durationMs: number;
  readonly stepMs: number;
}

function checkSearch(options: SlotSearch): CheckedSearch {
  const { participants, from, to, durationMinutes, notBefore } = options;
  const step = options.stepMinutes ?? 30;
  if (participants.length === 0) throw invalid('Finding a time needs at least one person.');
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || (notBefore && Number.isNaN(notBefore.getTime()))) {
    throw invalid('The search range has an invalid date.');
  }
  if (!Number.isInteger(durationMinutes) || durationMinutes < 1) throw invalid('The length must be a whole number of minutes.');
  if (!Number.isInteger(step) || step < 1 || MINUTES_PER_DAY % step !== 0) {
    throw invalid('Slots must start on a step of minutes that divides a day (such as 15, 30 or 60).');
  }
  return {
    lo: Math.max(from.getTime(), notBefore?.getTime() ?? -Infinity),
    hi: to.getTime(),
    durationMs: durationMinutes * MINUTE_MS,
    stepMs: step * MINUTE_MS,
  };
}

/** The time everyone is working: each distinct pattern computed once, as most people share one. */
function commonWorkingTime(participants: readonly Participant[], lo: number, hi: number): Span[] {
  const patterns = new Map<string, Participant>();
  for (const person of participants) patterns.set(`${person.region}|${JSON.stringify(person.hours)}`, person);
  let common: Span[] | null = null;
  for (const { hours, region } of patterns.values()) {
    const work = workingSpans(hours, region, lo, hi);
    common = common === null ? work : intersectSpans(common, work);
    if (common.length === 0) break;
  }
  return common ?? [];
}

/**
 * The first instant at or after `ms` whose London wall-clock time is a multiple of the step after
 * midnight. Repeated because a clock change between `ms` and the guess moves the wall clock.
 */
function alignUp(ms: number, stepMs: number): number {
  let t = ms;
  for (;;) {
    const wall = londonWallMs(t);
    const remainder = ((wall % stepMs) + stepMs) % stepMs;
    if (remainder === 0) return t;
    t += stepMs - remainder;
  }
}
