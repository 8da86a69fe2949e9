import type { Interval } from '../../../domain/calendar/calendar-port';
import { busyDuring, intersectIntervals, mergeIntervals, subtractIntervals } from '../../../domain/calendar/intervals';

// Minutes after 2026-01-12T00:00Z keep the cases readable.
const BASE = Date.parse('2026-01-12T00:00:00Z');
const iv = (start: number, end: number): Interval => ({ start: new Date(BASE + start * 60_000), end: new Date(BASE + end * 60_000) });
const mins = (intervals: readonly Interval[]): [number, number][] =>
  intervals.map((i) => [(i.start.getTime() - BASE) / 60_000, (i.end.getTime() - BASE) / 60_000]);

describe('mergeIntervals', () => {
  it('sorts, joins overlapping and touching intervals, and drops empty ones', () => {
    expect(mins(mergeIntervals([iv(60, 90), iv(0, 30), iv(30, 45), iv(80, 120), iv(200, 200), iv(300, 250), iv(70, 75)]))).toEqual([
      [0, 45],
      [60, 120],
    ]);
  });

  it('copies rather than shares the Date objects given', () => {
    const input = iv(0, 30);
    const [out] = mergeIntervals([input]);
    expect(out).not.toBe(input);
    expect(out!.start).not.toBe(input.start);
  });

  it('handles nothing', () => {
    expect(mergeIntervals([])).toEqual([]);
  });
});

describe('intersectIntervals', () => {
  it('keeps the time in both', () => {
    expect(mins(intersectIntervals([iv(0, 100), iv(200, 300)], [iv(50, 250), iv(290, 400)]))).toEqual([
      [50, 100],
      [200, 250],
      [290, 300],
    ]);
    expect(intersectIntervals([iv(0, 10)], [iv(10, 20)])).toEqual([]);
  });
});

describe('subtractIntervals', () => {
  it('removes busy time, including a stretch that reaches across two kept intervals', () => {
    expect(mins(subtractIntervals([iv(0, 100), iv(200, 300)], [iv(10, 20), iv(15, 30), iv(90, 210), iv(250, 260)]))).toEqual([
      [0, 10],
      [30, 90],
      [210, 250],
      [260, 300],
    ]);
  });

  it('leaves nothing when all is removed, and everything when nothing is', () => {
    expect(subtractIntervals([iv(0, 100)], [iv(-10, 200)])).toEqual([]);
    expect(mins(subtractIntervals([iv(0, 100)], []))).toEqual([[0, 100]]);
  });
});

describe('busyDuring', () => {
  const at = (start: number, end: number): [Date, Date] => [iv(start, end).start, iv(start, end).end];

  it('is busy when busy time overlaps, not when it only touches', () => {
    expect(busyDuring([iv(60, 120)], ...at(90, 150))).toBe(true);
    expect(busyDuring([iv(60, 120)], ...at(120, 180))).toBe(false);
    expect(busyDuring([], ...at(0, 60))).toBe(false);
  });

  it('leaves out the meeting being moved, even when the calendar clipped it to the time asked or merged it with the next one', () => {
    const own = iv(60, 120);
    // Moved 30 minutes later: the calendar answers for 90–150 with its own meeting clipped to 90–120.
    expect(busyDuring([iv(90, 120)], ...at(90, 150), own)).toBe(false);
    // Merged with another meeting right after it: that other meeting is still a clash.
    expect(busyDuring([iv(60, 180)], ...at(90, 150), own)).toBe(true);
    expect(busyDuring([iv(60, 120)], ...at(90, 150), null)).toBe(true);
  });
});
