import { isBankHoliday } from '../calendar/bank-holidays';
import type { BankHolidayRegion } from '../staff';
import { londonDate } from '../requests/calendar-date';

/** When a subject access request must be answered. */
export interface SubjectAccessDue {
  /** One calendar month from the request (UK GDPR Article 12(3)). */
  readonly due: string;
  /** Specialist Advice (HCP) material: within five working days. */
  readonly hcpDue: string;
}

/**
 * The day a month after `received` (both London dates, YYYY-MM-DD); where that month is shorter,
 * its last day (a request on 31 January is due on 28 or 29 February).
 */
export function oneCalendarMonthAfter(received: string): string {
  const [y, m, d] = received.split('-').map(Number) as [number, number, number];
  const year = m === 12 ? y + 1 : y;
  const month = m === 12 ? 1 : m + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The working day `days` working days after `received` (weekends and bank holidays are not working days). */
export function workingDaysAfter(received: string, days: number, region: BankHolidayRegion): string {
  const date = new Date(`${received}T12:00:00Z`);
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    const iso = date.toISOString().slice(0, 10);
    if (weekday !== 0 && weekday !== 6 && !isBankHoliday(region, iso)) left--;
  }
  return date.toISOString().slice(0, 10);
}

export function subjectAccessDue(receivedAt: Date, region: BankHolidayRegion = 'england-and-wales'): SubjectAccessDue {
  const received = londonDate(receivedAt);
  return { due: oneCalendarMonthAfter(received), hcpDue: workingDaysAfter(received, 5, region) };
}
