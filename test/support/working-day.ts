import { isBankHoliday } from '../../domain/calendar/bank-holidays';

/** The London date `days` from now (UTC day, as the tests' typed dates are). */
export const dayOffset = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The first working day (Monday to Friday, not a bank holiday in England and Wales) at least `days`
 * ahead: a typed meeting time is checked against working hours and bank holidays, so tests that
 * type a time must land on one whatever day they run.
 */
export function workingDayAhead(days: number): string {
  for (let d = days; ; d++) {
    const date = dayOffset(d);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !isBankHoliday('england-and-wales', date)) return date;
  }
}
