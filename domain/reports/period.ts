import { addDays, dayOfWeek, londonDateFast, londonToUtc } from '../calendar/london-time';
import { isBankHoliday } from '../calendar/bank-holidays';

/**
 * The period a report covers: a week (Monday to Sunday) or a calendar month, London dates. `from`
 * and `to` are the UTC instants of London midnight at its start and after its last day.
 */
export type Cadence = 'week' | 'month';

export interface ReportPeriod {
  readonly cadence: Cadence;
  /** First day, YYYY-MM-DD (London). */
  readonly start: string;
  /** The day after the last, YYYY-MM-DD (London). */
  readonly end: string;
  readonly from: Date;
  readonly to: Date;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function weekOf(date: string): ReportPeriod {
  const monday = addDays(date, -((dayOfWeek(date) + 6) % 7));
  return period('week', monday, addDays(monday, 7));
}

export function monthOf(month: string): ReportPeriod {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const start = `${month}-01`;
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return period('month', start, next);
}

function period(cadence: Cadence, start: string, end: string): ReportPeriod {
  return { cadence, start, end, from: londonToUtc(start, '00:00'), to: londonToUtc(end, '00:00') };
}

/** The last whole week or month before `now` (what a scheduled report covers). */
export function lastComplete(cadence: Cadence, now: Date): ReportPeriod {
  const today = londonDateFast(now);
  if (cadence === 'week') return weekOf(addDays(weekOf(today).start, -7));
  const thisMonth = today.slice(0, 7);
  return monthOf(addDays(`${thisMonth}-01`, -1).slice(0, 7));
}

/** "Week of 2 March 2026" or "March 2026": how people name a period. */
export function periodLabel(p: ReportPeriod): string {
  if (p.cadence === 'month') return `${MONTHS[Number(p.start.slice(5, 7)) - 1]} ${p.start.slice(0, 4)}`;
  return `Week of ${longDate(p.start)}`;
}

export function longDate(date: string): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

/** A short stable key for a period, e.g. "w2026-03-02" or "m2026-03". */
export function periodKey(p: ReportPeriod): string {
  return p.cadence === 'week' ? `w${p.start}` : `m${p.start.slice(0, 7)}`;
}

/**
 * The periods whose periodic feedback (HCPs' and team leaders', §3.2) a report of `p` holds. An
 * answer is about the period its card named, whenever it was given: last week's answers come on
 * Monday, in the next week, and still belong to last week. A week report holds its own week's; a
 * month report holds the month's own answers and those about each week whose Monday is in the month
 * (a week that spans two months goes to the one it starts in, so each answer is counted once).
 */
export function feedbackPeriodKeys(p: ReportPeriod): string[] {
  const keys = [periodKey(p)];
  if (p.cadence === 'month') {
    const first = weekOf(p.start).start;
    for (let monday = first < p.start ? addDays(first, 7) : first; monday < p.end; monday = addDays(monday, 7)) keys.push(periodKey(weekOf(monday)));
  }
  return keys;
}

export function periodFromKey(key: string): ReportPeriod | null {
  if (/^w\d{4}-\d{2}-\d{2}$/.test(key)) return weekOf(key.slice(1));
  if (/^m\d{4}-(0[1-9]|1[0-2])$/.test(key)) return monthOf(key.slice(1));
  return null;
}

export type PeriodAnswer = { readonly period: ReportPeriod } | { readonly problem: string };

export const PERIOD_HELP = 'Type "report" followed by a period: "last week", "this week", "last month", "this month", a month such as "2026-03", or a date such as "2026-03-02" for the week it falls in.';

/** What a person typed after "report", read as a period; nothing means last week. */
export function parsePeriod(words: string, now: Date): PeriodAnswer {
  const text = words.trim().toLowerCase().replace(/\s+/g, ' ');
  const today = londonDateFast(now);
  if (text === '' || text === 'week' || text === 'last week' || text === 'weekly') return { period: lastComplete('week', now) };
  if (text === 'this week') return { period: weekOf(today) };
  if (text === 'month' || text === 'last month' || text === 'monthly') return { period: lastComplete('month', now) };
  if (text === 'this month') return { period: monthOf(today.slice(0, 7)) };
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (month) return { period: monthOf(text) };
  const day = /^(?:week )?(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (day && !Number.isNaN(Date.parse(`${day[1]}T00:00:00Z`)) && new Date(`${day[1]}T00:00:00Z`).toISOString().slice(0, 10) === day[1]) return { period: weekOf(day[1]!) };
  return { problem: `"${words.trim()}" is not a period I know. ${PERIOD_HELP}` };
}

/** The first working day of a month in England and Wales (the monthly report goes out then). */
export function firstWorkingDay(month: string): string {
  let day = `${month}-01`;
  while (dayOfWeek(day) === 0 || dayOfWeek(day) === 6 || isBankHoliday('england-and-wales', day)) day = addDays(day, 1);
  return day;
}

/** Working days (Monday to Friday, not bank holidays in England and Wales) from one date to a later one. */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = from; d < to; d = addDays(d, 1)) if (isWorkingDay(addDays(d, 1))) n += 1;
  return n;
}

export function isWorkingDay(date: string): boolean {
  return dayOfWeek(date) !== 0 && dayOfWeek(date) !== 6 && !isBankHoliday('england-and-wales', date);
}

/** The working day `n` working days before `date`. */
export function workingDaysBefore(date: string, n: number): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = addDays(d, -1);
    if (isWorkingDay(d)) left -= 1;
  }
  return d;
}

export function addWeeks(date: string, weeks: number): string {
  return addDays(date, weeks * 7);
}
