import type { Participant } from '../../../domain/calendar/free-time';
import { londonToUtc } from '../../../domain/calendar/london-time';
import { DEFAULT_WORKING_HOURS } from '../../../domain/calendar/working-hours';
import { planMonthlySlots, type PlannedSlot } from '../../../domain/conferences/monthly-slots';
import { monthBounds, monthsAhead, planMonths } from '../../../domain/conferences/months';

const person = (id: string, busy: Participant['busy'] = []): Participant => ({ id, busy, hours: DEFAULT_WORKING_HOURS, region: 'england-and-wales' });
const placed = (slot: PlannedSlot) => {
  if (!slot.slot) throw new Error(`not placed: ${slot.problem}`);
  return slot;
};
const london = (date: string, time: string) => londonToUtc(date, time);

describe('planMonths', () => {
  it('includes the current month when the plan is made early in it, and not later', () => {
    expect(planMonths(new Date('2026-11-03T10:00:00Z'))).toEqual(['2026-11', '2026-12', '2027-01', '2027-02', '2027-03']);
    expect(planMonths(new Date('2026-11-15T22:30:00Z'))).toEqual(['2026-11', '2026-12', '2027-01', '2027-02', '2027-03']);
    expect(planMonths(new Date('2026-11-16T10:00:00Z'))).toEqual(['2026-12', '2027-01', '2027-02', '2027-03']);
  });
});

describe('monthsAhead', () => {
  it('is the four calendar months after the current London one', () => {
    expect(monthsAhead(new Date('2026-11-23T10:00:00Z'))).toEqual(['2026-12', '2027-01', '2027-02', '2027-03']);
    // 23:30 UTC on 31 October 2027 is still October in London (GMT again by then).
    expect(monthsAhead(new Date('2027-10-31T23:30:00Z'))[0]).toBe('2027-11');
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST): July is the current month.
    expect(monthsAhead(new Date('2027-06-30T23:30:00Z'))[0]).toBe('2027-08');
  });

  it('bounds a month at London midnights, across a clock change', () => {
    const march = monthBounds('2027-03');
    expect(march.from.toISOString()).toBe('2027-03-01T00:00:00.000Z');
    expect(march.to.toISOString()).toBe('2027-03-31T23:00:00.000Z');
  });
});

describe('planMonthlySlots', () => {
  const now = new Date('2026-11-23T09:00:00Z');

  it('gives each group a slot in each month, on different days, never at the same time as another group', () => {
    const slots = planMonthlySlots({
      months: ['2026-12', '2027-01'],
      dea: person('dea'),
      groups: [0, 1, 2].map((g) => ({ groupIndex: g, coaches: [person(`c${g}a`), person(`c${g}b`)] })),
      durationMinutes: 60,
      notBefore: now,
    }).map(placed);
    expect(slots).toHaveLength(6);
    // 1 December 2026 is a Tuesday: the groups take the first three working days at 08:30.
    expect(slots.slice(0, 3).map((s) => s.slot.start.toISOString())).toEqual(['2026-12-01T08:30:00.000Z', '2026-12-02T08:30:00.000Z', '2026-12-03T08:30:00.000Z']);
    expect(slots.every((s) => s.clashes.length === 0)).toBe(true);
  });

  it('places a group added later around the other groups’ conferences already on the plan: another day, never over them', () => {
    // Groups 1 to 3 meet on 1, 2 and 3 December at 08:30; group 4 joins the plan afterwards.
    const others = ['2026-12-01', '2026-12-02', '2026-12-03'].map((day) => ({ start: london(day, '08:30'), end: london(day, '09:30') }));
    const [slot] = planMonthlySlots({ months: ['2026-12'], dea: person('dea'), groups: [{ groupIndex: 3, coaches: [person('c3a')] }], durationMinutes: 60, notBefore: now, placed: others }).map(placed);
    expect(slot).toMatchObject({ month: '2026-12', groupIndex: 3, clashes: [] });
    expect(slot!.slot.start.toISOString()).toBe('2026-12-04T08:30:00.000Z');
    // Other months' conferences do not hold this month back.
    const [january] = planMonthlySlots({ months: ['2027-01'], dea: person('dea'), groups: [{ groupIndex: 3, coaches: [person('c3a')] }], durationMinutes: 60, notBefore: now, placed: others }).map(placed);
    expect(january!.slot.start.toISOString()).toBe('2027-01-04T08:30:00.000Z');
  });

  it('skips bank holidays: New Year’s Day 2027 is a Friday, so January starts on Monday the 4th', () => {
    const [slot] = planMonthlySlots({ months: ['2027-01'], dea: person('dea'), groups: [{ groupIndex: 0, coaches: [person('c')] }], durationMinutes: 60, notBefore: now }).map(placed);
    expect(slot!.slot.start.toISOString()).toBe('2027-01-04T08:30:00.000Z');
  });

  it('keeps London working hours across British Summer Time (08:30 BST is 07:30 UTC after 28 March 2027) and skips Easter Monday', () => {
    // Busy until the clocks change on Easter Sunday 28 March; Monday 29 is Easter Monday, so Tuesday 30 March.
    const blocked = [{ start: london('2027-03-01', '00:00'), end: london('2027-03-29', '00:00') }];
    const [slot] = planMonthlySlots({ months: ['2027-03'], dea: person('dea', blocked), groups: [{ groupIndex: 0, coaches: [person('c')] }], durationMinutes: 60, notBefore: now }).map(placed);
    expect(slot!.slot.start.toISOString()).toBe('2027-03-30T07:30:00.000Z');
  });

  it('with no common free time, offers the slot with the fewest clashes and names who clashes', () => {
    const month = monthBounds('2027-02');
    const allMonth = [{ start: month.from, end: month.to }];
    const slots = planMonthlySlots({
      months: ['2027-02'],
      dea: person('dea'),
      groups: [{ groupIndex: 0, coaches: [person('always-busy', allMonth), person('free'), person('also-busy', [{ start: month.from, end: london('2027-02-15', '00:00') }])] }],
      durationMinutes: 60,
      notBefore: now,
    });
    const slot = placed(slots[0]!);
    expect(slot.clashes).toEqual(['always-busy']);
    expect(slot.slot.start.toISOString()).toBe('2027-02-15T08:30:00.000Z');
  });

  it('says so when the DEA and the group share no working time at all in the month', () => {
    const slots = planMonthlySlots({
      months: ['2027-01'],
      dea: person('dea'),
      groups: [{ groupIndex: 0, coaches: [{ ...person('weekend'), hours: { saturday: { start: '09:00', end: '12:00' } } }] }],
      durationMinutes: 60,
      notBefore: now,
    });
    expect(slots[0]!.slot).toBeNull();
    expect(slots[0]).toMatchObject({ problem: expect.stringContaining('January 2027') });
  });

  it('never starts before now within the current month', () => {
    const [slot] = planMonthlySlots({ months: ['2026-11'], dea: person('dea'), groups: [{ groupIndex: 0, coaches: [person('c')] }], durationMinutes: 60, notBefore: now }).map(placed);
    expect(slot!.slot.start.getTime()).toBeGreaterThanOrEqual(now.getTime());
  });

  describe('a preferred time of day', () => {
    const one = (timeOfDay: 'morning' | 'afternoon', dea = person('dea'), coaches = [person('c')]) =>
      planMonthlySlots({ months: ['2027-01'], dea, groups: [{ groupIndex: 0, coaches }], durationMinutes: 90, notBefore: now, timeOfDay });

    it('in the afternoon, starts at 13:00 or later', () => {
      const [slot] = one('afternoon').map(placed);
      expect(slot!.slot.start.toISOString()).toBe(london('2027-01-04', '13:00').toISOString());
    });

    it('in the morning, ends by 13:00: a busy morning moves it to the next day, not to the afternoon', () => {
      const [slot] = one('morning', person('dea', [{ start: london('2027-01-04', '08:30'), end: london('2027-01-04', '12:00') }])).map(placed);
      expect(slot!.slot.start.toISOString()).toBe(london('2027-01-05', '08:30').toISOString());
      expect(slot!.slot.end.getTime()).toBeLessThanOrEqual(london('2027-01-05', '13:00').getTime());
    });

    it('with no shared working time then, says so in words', () => {
      const mornings = { monday: { start: '08:30', end: '12:30' }, tuesday: { start: '08:30', end: '12:30' }, wednesday: { start: '08:30', end: '12:30' }, thursday: { start: '08:30', end: '12:30' }, friday: { start: '08:30', end: '12:30' } };
      const [slot] = one('afternoon', person('dea'), [{ ...person('c'), hours: mornings }]);
      expect(slot).toMatchObject({ slot: null, problem: 'The DEA and this group share no working time of 90 minutes in the afternoon in January 2027.' });
    });
  });
});
