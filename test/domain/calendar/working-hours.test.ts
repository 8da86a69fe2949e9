import { londonOffsetMinutes } from '../../../domain/calendar/london-time';
import {
  DEFAULT_WORKING_HOURS,
  londonToUtc,
  weekdayOf,
  workingHoursProblems,
  workingIntervals,
  type WorkingHours,
} from '../../../domain/calendar/working-hours';
import type { Interval } from '../../../domain/calendar/calendar-port';
import { isDomainError } from '../../../domain/errors';

const iso = (intervals: readonly Interval[]): string[][] => intervals.map((i) => [i.start.toISOString(), i.end.toISOString()]);
const at = (s: string): Date => new Date(s);

describe('londonToUtc', () => {
  it.each([
    // BST starts on Sunday 29 March 2026 at 01:00 UTC.
    ['2026-03-28', '08:30', '2026-03-28T08:30:00.000Z'],
    ['2026-03-29', '00:30', '2026-03-29T00:30:00.000Z'],
    ['2026-03-29', '08:30', '2026-03-29T07:30:00.000Z'],
    ['2026-03-30', '08:30', '2026-03-30T07:30:00.000Z'],
    ['2026-03-30', '17:00', '2026-03-30T16:00:00.000Z'],
    // BST ends on Sunday 25 October 2026 at 01:00 UTC.
    ['2026-10-24', '08:30', '2026-10-24T07:30:00.000Z'],
    ['2026-10-25', '00:30', '2026-10-24T23:30:00.000Z'],
    ['2026-10-25', '08:30', '2026-10-25T08:30:00.000Z'],
    ['2026-10-26', '08:30', '2026-10-26T08:30:00.000Z'],
    // Midsummer and midwinter, and the end of a day.
    ['2026-07-01', '00:00', '2026-06-30T23:00:00.000Z'],
    ['2026-12-31', '23:59', '2026-12-31T23:59:00.000Z'],
    ['2026-06-30', '24:00', '2026-06-30T23:00:00.000Z'],
  ])('%s %s London is %s', (date, time, instant) => {
    expect(londonToUtc(date, time).toISOString()).toBe(instant);
  });

  it('reads a time skipped when the clocks go forward as if they had not yet (01:30 → 02:30 BST)', () => {
    expect(londonToUtc('2026-03-29', '01:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(londonToUtc('2026-03-29', '02:00').toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('reads a time that happens twice when the clocks go back as the first (BST) one', () => {
    expect(londonToUtc('2026-10-25', '01:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(londonToUtc('2026-10-25', '02:00').toISOString()).toBe('2026-10-25T02:00:00.000Z');
  });

  it.each([
    ['2026-02-30', '08:30'],
    ['2026-02-01', '8:30'],
    ['2026-02-01', '25:00'],
    ['2026-02-01', '24:30'],
  ])('rejects %s %s', (date, time) => {
    expect(() => londonToUtc(date, time)).toThrow(expect.objectContaining({ kind: 'invalid' }));
  });
});

describe('londonOffsetMinutes', () => {
  it('changes at 01:00 UTC on the last Sundays of March and October', () => {
    expect(londonOffsetMinutes(at('2026-03-29T00:59:59.999Z'))).toBe(0);
    expect(londonOffsetMinutes(at('2026-03-29T01:00:00.000Z'))).toBe(60);
    expect(londonOffsetMinutes(at('2026-10-25T00:59:59.999Z'))).toBe(60);
    expect(londonOffsetMinutes(at('2026-10-25T01:00:00.000Z'))).toBe(0);
    expect(londonOffsetMinutes(at('2027-03-28T01:00:00.000Z'))).toBe(60);
    expect(londonOffsetMinutes(at('2027-03-28T00:00:00.000Z'))).toBe(0);
  });
});

describe('working hours', () => {
  it('default to 08:30–17:00 Monday to Friday (seed 002 §2.2.3)', () => {
    expect(DEFAULT_WORKING_HOURS).toEqual({
      monday: { start: '08:30', end: '17:00' },
      tuesday: { start: '08:30', end: '17:00' },
      wednesday: { start: '08:30', end: '17:00' },
      thursday: { start: '08:30', end: '17:00' },
      friday: { start: '08:30', end: '17:00' },
    });
  });

  it('names the weekday of a date', () => {
    expect(weekdayOf('2026-03-29')).toBe('sunday');
    expect(weekdayOf('2026-03-30')).toBe('monday');
  });

  it('reports unusable hours per day', () => {
    expect(workingHoursProblems({ monday: { start: '17:00', end: '08:30' }, tuesday: { start: '9:00', end: '17:00' }, friday: { start: '08:00', end: '24:00' } })).toEqual({
      monday: 'The end must be after the start.',
      tuesday: 'Start "9:00" is not a time of day (HH:MM).',
    });
  });
});

describe('workingIntervals', () => {
  it('gives each working day and skips the weekend', () => {
    expect(iso(workingIntervals(DEFAULT_WORKING_HOURS, 'england-and-wales', at('2026-01-09T00:00Z'), at('2026-01-13T00:00Z')))).toEqual([
      ['2026-01-09T08:30:00.000Z', '2026-01-09T17:00:00.000Z'],
      ['2026-01-12T08:30:00.000Z', '2026-01-12T17:00:00.000Z'],
    ]);
  });

  it('clips to the range', () => {
    expect(iso(workingIntervals(DEFAULT_WORKING_HOURS, 'england-and-wales', at('2026-01-12T12:00Z'), at('2026-01-13T10:00Z')))).toEqual([
      ['2026-01-12T12:00:00.000Z', '2026-01-12T17:00:00.000Z'],
      ['2026-01-13T08:30:00.000Z', '2026-01-13T10:00:00.000Z'],
    ]);
    expect(workingIntervals(DEFAULT_WORKING_HOURS, 'england-and-wales', at('2026-01-13T10:00Z'), at('2026-01-13T10:00Z'))).toEqual([]);
  });

  it("skips the region's bank holidays: Easter Monday is worked in Scotland", () => {
    const from = at('2026-04-02T00:00Z');
    const to = at('2026-04-08T00:00Z');
    expect(iso(workingIntervals(DEFAULT_WORKING_HOURS, 'england-and-wales', from, to))).toEqual([
      ['2026-04-02T07:30:00.000Z', '2026-04-02T16:00:00.000Z'],
      ['2026-04-07T07:30:00.000Z', '2026-04-07T16:00:00.000Z'],
    ]);
    expect(iso(workingIntervals(DEFAULT_WORKING_HOURS, 'scotland', from, to))).toEqual([
      ['2026-04-02T07:30:00.000Z', '2026-04-02T16:00:00.000Z'],
      ['2026-04-06T07:30:00.000Z', '2026-04-06T16:00:00.000Z'],
      ['2026-04-07T07:30:00.000Z', '2026-04-07T16:00:00.000Z'],
    ]);
  });

  it('keeps 08:30–17:00 London across both clock changes', () => {
    expect(iso(workingIntervals(DEFAULT_WORKING_HOURS, 'england-and-wales', at('2026-03-27T00:00Z'), at('2026-03-31T00:00Z')))).toEqual([
      ['2026-03-27T08:30:00.000Z', '2026-03-27T17:00:00.000Z'],
      ['2026-03-30T07:30:00.000Z', '2026-03-30T16:00:00.000Z'],
    ]);
    expect(iso(workingIntervals(DEFAULT_WORKING_HOURS, 'england-and-wales', at('2026-10-23T00:00Z'), at('2026-10-27T00:00Z')))).toEqual([
      ['2026-10-23T07:30:00.000Z', '2026-10-23T16:00:00.000Z'],
      ['2026-10-26T08:30:00.000Z', '2026-10-26T17:00:00.000Z'],
    ]);
  });

  it('follows personal hours, including weekend work, and joins days worked to midnight', () => {
    const hours: WorkingHours = {
      tuesday: { start: '10:00', end: '14:00' },
      saturday: { start: '20:00', end: '24:00' },
      sunday: { start: '00:00', end: '02:00' },
    };
    expect(iso(workingIntervals(hours, 'northern-ireland', at('2026-01-12T00:00Z'), at('2026-01-19T00:00Z')))).toEqual([
      ['2026-01-13T10:00:00.000Z', '2026-01-13T14:00:00.000Z'],
      ['2026-01-17T20:00:00.000Z', '2026-01-18T02:00:00.000Z'],
    ]);
  });

  it('includes the London day a range starts on though it is still the previous day in UTC', () => {
    const lateShift: WorkingHours = { monday: { start: '00:00', end: '01:00' } };
    // 23:00 UTC on Sunday 28 June is 00:00 on Monday 29 June in London.
    expect(iso(workingIntervals(lateShift, 'england-and-wales', at('2026-06-28T22:00Z'), at('2026-06-29T06:00Z')))).toEqual([
      ['2026-06-28T23:00:00.000Z', '2026-06-29T00:00:00.000Z'],
    ]);
  });

  it('rejects unusable hours as invalid input', () => {
    expect.assertions(2);
    try {
      workingIntervals({ monday: { start: '12:00', end: '12:00' } }, 'scotland', at('2026-01-12T00:00Z'), at('2026-01-13T00:00Z'));
    } catch (error) {
      expect(isDomainError(error) && error.kind).toBe('invalid');
      expect(isDomainError(error) && error.problems).toEqual({ monday: 'The end must be after the start.' });
    }
  });
});
