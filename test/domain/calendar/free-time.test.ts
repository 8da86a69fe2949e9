import type { Interval } from '../../../domain/calendar/calendar-port';
import { findCommonSlots, leastClashSlot, type Participant } from '../../../domain/calendar/free-time';
import { DEFAULT_WORKING_HOURS, type WorkingHours } from '../../../domain/calendar/working-hours';
import type { BankHolidayRegion } from '../../../domain/staff';

const at = (s: string): Date => new Date(s);
const busy = (start: string, end: string): Interval => ({ start: at(start), end: at(end) });
const starts = (slots: readonly Interval[]): string[] => slots.map((s) => s.start.toISOString().slice(0, 16));
const person = (id: string, busyTimes: Interval[] = [], hours: WorkingHours = DEFAULT_WORKING_HOURS, region: BankHolidayRegion = 'england-and-wales'): Participant => ({
  id,
  busy: busyTimes,
  hours,
  region,
});

// Monday 12 January 2026 to Friday 16 January, winter: London is UTC.
const MON = at('2026-01-12T00:00Z');
const SAT = at('2026-01-17T00:00Z');

describe('findCommonSlots', () => {
  it('gives the earliest half-hour starts when everyone is free', () => {
    const slots = findCommonSlots({ participants: [person('a'), person('b')], from: MON, to: SAT, durationMinutes: 60, count: 3 });
    expect(slots).toEqual([
      busy('2026-01-12T08:30Z', '2026-01-12T09:30Z'),
      busy('2026-01-12T09:00Z', '2026-01-12T10:00Z'),
      busy('2026-01-12T09:30Z', '2026-01-12T10:30Z'),
    ]);
  });

  it("avoids everyone's busy time, however it is ordered or overlaps", () => {
    const a = person('a', [busy('2026-01-12T09:15Z', '2026-01-12T10:00Z'), busy('2026-01-12T08:30Z', '2026-01-12T09:30Z')]);
    const b = person('b', [busy('2026-01-12T10:00Z', '2026-01-12T11:10Z'), busy('2026-01-12T12:00Z', '2026-01-12T12:30Z')]);
    const slots = findCommonSlots({ participants: [a, b], from: MON, to: SAT, durationMinutes: 45, count: 3 });
    // 11:10 is free but not on the half hour; 11:30 would run into 12:00.
    expect(starts(slots)).toEqual(['2026-01-12T12:30', '2026-01-12T13:00', '2026-01-12T13:30']);
  });

  it("keeps to each person's own hours", () => {
    const partTimer = person('b', [], { monday: { start: '10:00', end: '12:00' }, thursday: { start: '13:00', end: '15:00' } });
    const slots = findCommonSlots({ participants: [person('a'), partTimer], from: MON, to: SAT, durationMinutes: 60, count: 5 });
    expect(starts(slots)).toEqual(['2026-01-12T10:00', '2026-01-12T10:30', '2026-01-12T11:00', '2026-01-15T13:00', '2026-01-15T13:30']);
  });

  it('never lets a slot run past the end of the working day', () => {
    const slots = findCommonSlots({ participants: [person('a')], from: at('2026-01-12T15:50Z'), to: SAT, durationMinutes: 60, count: 2 });
    expect(starts(slots)).toEqual(['2026-01-12T16:00', '2026-01-13T08:30']);
  });

  it('respects the deadline: a slot ends at or before it', () => {
    const slots = findCommonSlots({ participants: [person('a')], from: MON, to: at('2026-01-12T10:00Z'), durationMinutes: 60, count: 3 });
    expect(starts(slots)).toEqual(['2026-01-12T08:30', '2026-01-12T09:00']);
    expect(findCommonSlots({ participants: [person('a')], from: MON, to: at('2026-01-12T09:00Z'), durationMinutes: 60, count: 3 })).toEqual([]);
  });

  it('starts no earlier than notBefore, on the next half hour', () => {
    const slots = findCommonSlots({ participants: [person('a')], from: MON, to: SAT, durationMinutes: 30, count: 2, notBefore: at('2026-01-12T09:10:27Z') });
    expect(starts(slots)).toEqual(['2026-01-12T09:30', '2026-01-12T10:00']);
  });

  it('skips bank holidays of any participant’s region', () => {
    // Easter 2026 in BST: Good Friday 3 April everywhere, Easter Monday 6 April outside Scotland.
    const from = at('2026-04-02T16:00Z');
    const to = at('2026-04-10T00:00Z');
    const scot = person('s', [], DEFAULT_WORKING_HOURS, 'scotland');
    expect(starts(findCommonSlots({ participants: [scot], from, to, durationMinutes: 60, count: 1 }))).toEqual(['2026-04-06T07:30']);
    expect(starts(findCommonSlots({ participants: [scot, person('e')], from, to, durationMinutes: 60, count: 1 }))).toEqual(['2026-04-07T07:30']);
    // St Andrew's Day, Monday 30 November 2026: only the Scottish office is closed.
    const standrews = { from: at('2026-11-30T00:00Z'), to: at('2026-12-05T00:00Z'), durationMinutes: 60, count: 1 };
    expect(starts(findCommonSlots({ participants: [person('e')], ...standrews }))).toEqual(['2026-11-30T08:30']);
    expect(starts(findCommonSlots({ participants: [person('e'), scot], ...standrews }))).toEqual(['2026-12-01T08:30']);
  });

  it('puts slots at the right UTC instants in the weeks the clocks change', () => {
    const spring = findCommonSlots({ participants: [person('a')], from: at('2026-03-27T12:00Z'), to: at('2026-04-01T00:00Z'), durationMinutes: 60, count: 3, spread: 'one-per-day' });
    expect(starts(spring)).toEqual(['2026-03-27T12:00', '2026-03-30T07:30', '2026-03-31T07:30']);
    const autumn = findCommonSlots({ participants: [person('a')], from: at('2026-10-23T12:00Z'), to: at('2026-10-28T00:00Z'), durationMinutes: 60, count: 3, spread: 'one-per-day' });
    expect(starts(autumn)).toEqual(['2026-10-23T12:00', '2026-10-26T08:30', '2026-10-27T08:30']);
    // The last slot of a summer day ends at 17:00 BST, 16:00 UTC.
    const lastOfDay = findCommonSlots({ participants: [person('a')], from: at('2026-03-30T14:40Z'), to: at('2026-04-01T00:00Z'), durationMinutes: 60, count: 2 });
    expect(starts(lastOfDay)).toEqual(['2026-03-30T15:00', '2026-03-31T07:30']);
  });

  it('aligns steps to London wall-clock time, not UTC', () => {
    // Hourly steps in summer: 09:00 BST is 08:00 UTC.
    const slots = findCommonSlots({ participants: [person('a')], from: at('2026-06-01T00:00Z'), to: at('2026-06-02T00:00Z'), durationMinutes: 60, count: 2, stepMinutes: 60 });
    expect(starts(slots)).toEqual(['2026-06-01T08:00', '2026-06-01T09:00']);
    const ninety = findCommonSlots({ participants: [person('a')], from: at('2026-06-01T00:00Z'), to: at('2026-06-02T00:00Z'), durationMinutes: 60, count: 2, stepMinutes: 90 });
    // 09:00 and 10:30 London (multiples of 90 minutes after midnight).
    expect(starts(ninety)).toEqual(['2026-06-01T08:00', '2026-06-01T09:30']);
  });

  it('spreads proposals one a day when asked, passing over a fully busy day', () => {
    const b = person('b', [busy('2026-01-12T08:30Z', '2026-01-12T11:00Z'), busy('2026-01-13T00:00Z', '2026-01-14T00:00Z')]);
    const slots = findCommonSlots({ participants: [person('a'), b], from: MON, to: SAT, durationMinutes: 60, count: 3, spread: 'one-per-day' });
    expect(starts(slots)).toEqual(['2026-01-12T11:00', '2026-01-14T08:30', '2026-01-15T08:30']);
  });

  it('offers fewer than asked when the days run out', () => {
    const slots = findCommonSlots({ participants: [person('a')], from: MON, to: at('2026-01-14T00:00Z'), durationMinutes: 60, count: 3, spread: 'one-per-day' });
    expect(starts(slots)).toEqual(['2026-01-12T08:30', '2026-01-13T08:30']);
  });

  it('finds nothing when there is no common time', () => {
    const a = person('a', [busy('2026-01-12T00:00Z', '2026-01-17T00:00Z')]);
    expect(findCommonSlots({ participants: [a, person('b')], from: MON, to: SAT, durationMinutes: 60, count: 3 })).toEqual([]);
  });

  it.each([
    [{ durationMinutes: 0 }],
    [{ durationMinutes: 12.5 }],
    [{ stepMinutes: 7 }],
    [{ count: 0 }],
    [{ participants: [] }],
    [{ to: new Date('not a date') }],
  ])('rejects %j as invalid', (change) => {
    expect(() => findCommonSlots({ participants: [person('a')], from: MON, to: SAT, durationMinutes: 60, count: 3, ...change })).toThrow(
      expect.objectContaining({ kind: 'invalid' }),
    );
  });

  it('reads each busy interval a constant number of times, whatever the number of candidates (not quadratic)', () => {
    // 31 people, four months, four meetings a working day each.
    let reads = 0;
    const counted = (start: number, end: number): Interval => ({
      get start() {
        reads += 1;
        return new Date(start);
      },
      get end() {
        reads += 1;
        return new Date(end);
      },
    });
    const from = at('2026-02-02T00:00Z');
    const to = at('2026-06-01T00:00Z');
    let total = 0;
    const people = Array.from({ length: 31 }, (_, p) => {
      const meetings: Interval[] = [];
      for (let day = from.getTime(); day < to.getTime(); day += 86_400_000) {
        for (let m = 0; m < 4; m += 1) {
          const start = day + (8 + 2 * m) * 3_600_000 + ((p * 17 + m * 13) % 4) * 1_800_000;
          meetings.push(counted(start, start + 3_600_000));
        }
      }
      total += meetings.length;
      return person(`p${p}`, meetings);
    });
    const slots = findCommonSlots({ participants: people, from, to, durationMinutes: 60, count: 3, spread: 'one-per-day' });
    expect(slots.length).toBeLessThanOrEqual(3);
    expect(reads).toBeLessThanOrEqual(2 * total);
    reads = 0;
    leastClashSlot({ participants: people, from, to, durationMinutes: 60 });
    expect(reads).toBeLessThanOrEqual(2 * total);
  });
});

describe('leastClashSlot', () => {
  it('names who clashes in the slot with the fewest people busy, the earliest among equals', () => {
    const a = person('a', [busy('2026-01-12T00:00Z', '2026-01-13T00:00Z')]);
    const b = person('b', [busy('2026-01-12T08:30Z', '2026-01-12T12:00Z')]);
    const c = person('c', [busy('2026-01-12T14:00Z', '2026-01-12T15:00Z')]);
    const options = { participants: [a, b, c], from: MON, to: at('2026-01-13T00:00Z'), durationMinutes: 60 };
    expect(findCommonSlots({ ...options, count: 3 })).toEqual([]);
    expect(leastClashSlot(options)).toEqual({ slot: busy('2026-01-12T12:00Z', '2026-01-12T13:00Z'), clashes: ['a'] });
  });

  it('lists every clashing person, in participant order', () => {
    const allDay = [busy('2026-01-12T00:00Z', '2026-01-13T00:00Z')];
    const result = leastClashSlot({ participants: [person('z', allDay), person('y'), person('x', allDay)], from: MON, to: at('2026-01-13T00:00Z'), durationMinutes: 30 });
    expect(result).toEqual({ slot: busy('2026-01-12T08:30Z', '2026-01-12T09:00Z'), clashes: ['z', 'x'] });
  });

  it('returns the first free slot with no clashes when there is one', () => {
    const b = person('b', [busy('2026-01-12T08:30Z', '2026-01-12T09:00Z')]);
    expect(leastClashSlot({ participants: [person('a'), b], from: MON, to: SAT, durationMinutes: 60 })).toEqual({
      slot: busy('2026-01-12T09:00Z', '2026-01-12T10:00Z'),
      clashes: [],
    });
  });

  it('only looks inside everyone’s working time, and gives up when there is none', () => {
    const weekender = person('w', [], { saturday: { start: '09:00', end: '17:00' } });
    expect(leastClashSlot({ participants: [person('a'), weekender], from: MON, to: at('2026-01-19T00:00Z'), durationMinutes: 60 })).toBeNull();
    const shortDay = person('s', [], { monday: { start: '09:00', end: '09:30' } });
    expect(leastClashSlot({ participants: [shortDay], from: MON, to: SAT, durationMinutes: 60 })).toBeNull();
  });
});
