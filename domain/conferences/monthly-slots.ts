/**
 * Seed §29, §31: each group meets the DEA for at least an hour every month. For every month and
 * group, the earliest time in the month when the DEA and every coach of the group are within
 * working hours (their own, and their region's bank holidays) and free; failing that, the time
 * with the fewest clashes and who they are. The DEA attends every group, so two groups never get
 * the same time, and groups go on different days of the month when the diaries allow.
 */
import type { Interval } from '../calendar/calendar-port';
import { findCommonSlots, leastClashSlot, type Participant } from '../calendar/free-time';
import { addDays, londonDateFast, londonToUtc } from '../calendar/london-time';
import { WEEKDAYS, type WorkingHours } from '../calendar/working-hours';
import { describeMonth, monthBounds } from './months';
import { TIME_OF_DAY_WINDOWS, type TimeOfDay } from './plan';

export interface GroupToPlace {
  readonly groupIndex: number;
  /** The group's coaches (the DEA is added). */
  readonly coaches: readonly Participant[];
}

export interface MonthlySlotSearch {
  readonly months: readonly string[];
  readonly dea: Participant;
  readonly groups: readonly GroupToPlace[];
  readonly durationMinutes: number;
  /** Nothing starts before this (now). */
  readonly notBefore: Date;
  readonly stepMinutes?: number;
  /** Morning or afternoon: only times in that part of the day are chosen. */
  readonly timeOfDay?: TimeOfDay;
  /**
   * The DEA's conferences of other groups already on the plan (a group added later is planned
   * around them): never overlapped, and on other days where the diaries allow.
   */
  readonly placed?: readonly Interval[];
}

export type PlannedSlot =
  | { readonly month: string; readonly groupIndex: number; readonly slot: Interval; readonly clashes: readonly string[] }
  | { readonly month: string; readonly groupIndex: number; readonly slot: null; readonly problem: string };

export function planMonthlySlots(search: MonthlySlotSearch): PlannedSlot[] {
  const out: PlannedSlot[] = [];
  for (const step of placements(search)) out.push(step());
  return out;
}

/**
 * The same plan, letting other work run between one conference's search and the next (`pause`):
 * four months of a cohort take a good part of a second of CPU, which other people's turns must not
 * wait behind.
 */
export async function planMonthlySlotsPausing(search: MonthlySlotSearch, pause: () => Promise<void>): Promise<PlannedSlot[]> {
  const out: PlannedSlot[] = [];
  for (const step of placements(search)) {
    out.push(step());
    await pause();
  }
  return out;
}

/** One step per month and group, in order; each places that group's conference for that month. */
function* placements(search: MonthlySlotSearch): Generator<() => PlannedSlot> {
  for (const month of search.months) {
    const bounds = monthBounds(month);
    const from = new Date(Math.max(bounds.from.getTime(), search.notBefore.getTime()));
    const taken: Interval[] = (search.placed ?? []).filter((i) => i.start.getTime() < bounds.to.getTime() && i.end.getTime() > bounds.from.getTime());
    for (const group of search.groups) {
      yield () => {
        const placed = placeOne(search, group, from, bounds.to, taken);
        if (!placed) return { month, groupIndex: group.groupIndex, slot: null, problem: `The DEA and this group share no working time of ${search.durationMinutes} minutes${partOfDay(search.timeOfDay)} in ${describeMonth(month)}.` };
        taken.push(placed.slot);
        return { month, groupIndex: group.groupIndex, ...placed };
      };
    }
  }
}

function placeOne(search: MonthlySlotSearch, group: GroupToPlace, from: Date, to: Date, taken: readonly Interval[]): { slot: Interval; clashes: string[] } | null {
  if (to.getTime() <= from.getTime()) return null;
  const base = { from, to, durationMinutes: search.durationMinutes, stepMinutes: search.stepMinutes ?? 30, notBefore: search.notBefore };
  const preference = preferredTime(search);
  const withDea = (extra: readonly Interval[]): Participant[] => [{ ...search.dea, busy: [...search.dea.busy, ...extra] }, ...group.coaches, ...preference];
  // A day of its own per group first: three conferences back to back is a hard day for the DEA.
  for (const blocked of [taken.map(wholeLondonDay), taken]) {
    const [slot] = findCommonSlots({ ...base, participants: withDea(blocked), count: 1 });
    if (slot) return { slot, clashes: [] };
  }
  const least = leastClashSlot({ ...base, participants: withDea(taken) });
  return least ? { slot: least.slot, clashes: least.clashes } : null;
}

function wholeLondonDay(interval: Interval): Interval {
  const day = londonDateFast(interval.start);
  return { start: londonToUtc(day, '00:00'), end: londonToUtc(addDays(day, 1), '00:00') };
}

/**
 * The preferred part of the day as one more "participant" who works only then and is never busy:
 * the common-time search then keeps to it without a search of its own.
 */
function preferredTime(search: MonthlySlotSearch): Participant[] {
  if (!search.timeOfDay || search.timeOfDay === 'any') return [];
  const window = TIME_OF_DAY_WINDOWS[search.timeOfDay];
  const hours: WorkingHours = Object.fromEntries(WEEKDAYS.map((day) => [day, window]));
  return [{ id: `preferred-${search.timeOfDay}`, busy: [], hours, region: search.dea.region }];
}

function partOfDay(timeOfDay: TimeOfDay | undefined): string {
  return timeOfDay === 'morning' ? ' in the morning' : timeOfDay === 'afternoon' ? ' in the afternoon' : '';
}
