/**
 * Set operations on time. The `Span` functions are the working core: millisecond pairs, sorted and
 * disjoint in and out, each one linear sweep, because a search over 31 diaries for four months makes
 * tens of thousands of them and Date objects would dominate the cost. The `Interval` functions are
 * the same operations for callers holding Dates, taking any order and overlaps.
 */
import type { Interval } from './calendar-port';

/** [start, end) in epoch milliseconds. */
export type Span = readonly [number, number];

/** Sorted, overlapping and touching spans joined, empty ones dropped. */
export function toSpans(intervals: readonly Interval[]): Span[] {
  const starts = new Float64Array(intervals.length);
  const ends = new Float64Array(intervals.length);
  let count = 0;
  let sorted = true;
  for (const interval of intervals) {
    const start = interval.start.getTime();
    const end = interval.end.getTime();
    if (!(end > start)) continue;
    if (count > 0 && start < starts[count - 1]!) sorted = false;
    starts[count] = start;
    ends[count] = end;
    count += 1;
  }
  // Diaries usually arrive in order; sorting only when they do not saves most of the cost.
  let order: Uint32Array | null = null;
  if (!sorted) {
    order = new Uint32Array(count);
    for (let i = 0; i < count; i += 1) order[i] = i;
    order.sort((a, b) => starts[a]! - starts[b]!);
  }
  const merged: [number, number][] = [];
  let last: [number, number] | undefined;
  for (let n = 0; n < count; n += 1) {
    const i = order ? order[n]! : n;
    const start = starts[i]!;
    const end = ends[i]!;
    if (last && start <= last[1]) {
      if (end > last[1]) last[1] = end;
    } else {
      last = [start, end];
      merged.push(last);
    }
  }
  return merged;
}

export function toIntervals(spans: readonly Span[]): Interval[] {
  return spans.map(([start, end]) => ({ start: new Date(start), end: new Date(end) }));
}

/** The time inside both (each sorted and disjoint). */
export function intersectSpans(x: readonly Span[], y: readonly Span[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const p = x[i]!;
    const q = y[j]!;
    const start = Math.max(p[0], q[0]);
    const end = Math.min(p[1], q[1]);
    if (end > start) out.push([start, end]);
    if (p[1] <= q[1]) i += 1;
    else j += 1;
  }
  return out;
}

/** The time in `x` that is not in `y` (each sorted and disjoint). */
export function subtractSpans(x: readonly Span[], y: readonly Span[]): Span[] {
  const out: Span[] = [];
  let j = 0;
  for (const [start, end] of x) {
    while (j < y.length && y[j]![1] <= start) j += 1;
    let cursor = start;
    // `k` rather than `j`: a removed span can reach into the next kept one too.
    for (let k = j; k < y.length && y[k]![0] < end && cursor < end; k += 1) {
      const cut = y[k]!;
      if (cut[0] > cursor) out.push([cursor, cut[0]]);
      cursor = Math.max(cursor, cut[1]);
    }
    if (cursor < end) out.push([cursor, end]);
  }
  return out;
}

/** Sorted by start, overlapping and touching intervals joined, empty ones dropped. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  return toIntervals(toSpans(intervals));
}

/** The time inside both sets. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  return toIntervals(intersectSpans(toSpans(a), toSpans(b)));
}

/** The time in `from` that is not in `remove`. */
export function subtractIntervals(from: readonly Interval[], remove: readonly Interval[]): Interval[] {
  return toIntervals(subtractSpans(toSpans(from), toSpans(remove)));
}

/**
 * Whether busy time overlaps [start, end). `own`, a meeting being moved, is in the diaries already
 * and is no clash with itself: it is taken out of the busy time first, since a calendar answers with
 * busy time merged with the meetings beside it and clipped to the time asked about, so the meeting
 * cannot be picked out by its times.
 */
export function busyDuring(busy: readonly Interval[], start: Date, end: Date, own: Interval | null = null): boolean {
  const others = own ? subtractIntervals(busy, [own]) : busy;
  return others.some((b) => b.start < end && b.end > start);
}
