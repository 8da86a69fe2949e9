import { oneCalendarMonthAfter, subjectAccessDue, workingDaysAfter } from '../../../domain/privacy/due-dates';

describe('when a subject access request is due', () => {
  it('is one calendar month later, or the last day of a shorter month', () => {
    expect(oneCalendarMonthAfter('2026-11-06')).toBe('2026-12-06');
    expect(oneCalendarMonthAfter('2026-12-15')).toBe('2027-01-15');
    expect(oneCalendarMonthAfter('2027-01-31')).toBe('2027-02-28');
    expect(oneCalendarMonthAfter('2028-01-30')).toBe('2028-02-29');
  });

  it('gives HCP material five working days, skipping weekends and bank holidays', () => {
    // Friday 6 November 2026: Mon 9 to Fri 13.
    expect(workingDaysAfter('2026-11-06', 5, 'england-and-wales')).toBe('2026-11-13');
    // Tuesday 22 December 2026: 23, 24, (25, 26, 27, 28 Boxing Day substitute), 29, 30, 31.
    expect(workingDaysAfter('2026-12-22', 5, 'england-and-wales')).toBe('2026-12-31');
  });

  it('counts from the London date of the request', () => {
    // 23:30 UTC on 31 October 2026 is still 31 October in London (GMT), a Saturday.
    expect(subjectAccessDue(new Date('2026-10-31T23:30:00Z'))).toEqual({ due: '2026-11-30', hcpDue: '2026-11-06' });
  });
});
