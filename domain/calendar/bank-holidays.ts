/**
 * UK bank holidays by region, computed from the rules gov.uk publishes rather than typed in, so a
 * mistyped date cannot slip through and a year the table did not foresee still gets sensible days.
 * The rule-computed dates for 2025–2028 are the ones checked against gov.uk in the tests. One-off days
 * proclaimed by the Crown (a coronation, a moved May holiday) follow no rule: none is announced for
 * these years, and one would be added here when it is.
 */
import { isCalendarDate, londonDate } from '../requests/calendar-date';
import { invalid } from '../errors';
import type { BankHolidayRegion } from '../staff';
import { addDays, dayOfWeek } from './london-time';
import { compareCodes } from '../names';

export const BANK_HOLIDAY_REGIONS: readonly BankHolidayRegion[] = ['england-and-wales', 'scotland', 'northern-ireland'];

/** The years the tests pin to gov.uk's lists (2028 to its stated rules, as it is not all published yet). */
export const CHECKED_BANK_HOLIDAY_YEARS: readonly number[] = [2025, 2026, 2027, 2028];

export interface BankHoliday {
  /** YYYY-MM-DD, the day the office is closed (the substitute day when the holiday is at a weekend). */
  readonly date: string;
  readonly name: string;
  readonly substitute: boolean;
}

const SATURDAY = 6;
const SUNDAY = 0;
const MONDAY = 1;

/** Easter Sunday (Gregorian), by the anonymous algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(year, month, day);
}

interface Rule {
  readonly name: string;
  readonly date: (year: number) => string;
}

const fixed = (month: number, day: number) => (year: number): string => ymd(year, month, day);

const firstMonday = (month: number) => (year: number): string => {
  const first = ymd(year, month, 1);
  return addDays(first, (MONDAY - dayOfWeek(first) + 7) % 7);
};

const lastMonday = (month: number) => (year: number): string => {
  const last = addDays(ymd(year, month + 1, 1), -1);
  return addDays(last, -((dayOfWeek(last) - MONDAY + 7) % 7));
};

const NEW_YEAR: Rule = { name: "New Year's Day", date: fixed(1, 1) };
const SECOND_JANUARY: Rule = { name: '2nd January', date: fixed(1, 2) };
const ST_PATRICK: Rule = { name: "St Patrick's Day", date: fixed(3, 17) };
const GOOD_FRIDAY: Rule = { name: 'Good Friday', date: (y) => addDays(easterSunday(y), -2) };
const EASTER_MONDAY: Rule = { name: 'Easter Monday', date: (y) => addDays(easterSunday(y), 1) };
const EARLY_MAY: Rule = { name: 'Early May bank holiday', date: firstMonday(5) };
const SPRING: Rule = { name: 'Spring bank holiday', date: lastMonday(5) };
const BOYNE: Rule = { name: "Battle of the Boyne (Orangemen's Day)", date: fixed(7, 12) };
const SUMMER_FIRST_MONDAY: Rule = { name: 'Summer bank holiday', date: firstMonday(8) };
const SUMMER_LAST_MONDAY: Rule = { name: 'Summer bank holiday', date: lastMonday(8) };
const ST_ANDREW: Rule = { name: "St Andrew's Day", date: fixed(11, 30) };
const CHRISTMAS: Rule = { name: 'Christmas Day', date: fixed(12, 25) };
const BOXING_DAY: Rule = { name: 'Boxing Day', date: fixed(12, 26) };

const RULES: Readonly<Record<BankHolidayRegion, readonly Rule[]>> = {
  'england-and-wales': [NEW_YEAR, GOOD_FRIDAY, EASTER_MONDAY, EARLY_MAY, SPRING, SUMMER_LAST_MONDAY, CHRISTMAS, BOXING_DAY],
  scotland: [NEW_YEAR, SECOND_JANUARY, GOOD_FRIDAY, EARLY_MAY, SPRING, SUMMER_FIRST_MONDAY, ST_ANDREW, CHRISTMAS, BOXING_DAY],
  'northern-ireland': [
    NEW_YEAR,
    ST_PATRICK,
    GOOD_FRIDAY,
    EASTER_MONDAY,
    EARLY_MAY,
    SPRING,
    BOYNE,
    SUMMER_LAST_MONDAY,
    CHRISTMAS,
    BOXING_DAY,
  ],
};

const cache = new Map<string, readonly BankHoliday[]>();

/** The region's bank holidays of a year, in date order, with substitute days already applied. */
export function bankHolidayList(region: BankHolidayRegion, year: number): readonly BankHoliday[] {
  const rules = RULES[region];
  if (!rules) throw invalid(`"${String(region)}" is not a bank holiday region.`);
  if (!Number.isInteger(year) || year < 1970 || year > 9999) throw invalid(`${year} is not a year we keep bank holidays for.`);
  const key = `${region}:${year}`;
  const known = cache.get(key);
  if (known) return known;

  const natural = rules.map((rule) => ({ name: rule.name, date: rule.date(year) })).sort((a, b) => compareCodes(a.date, b.date));
  const taken = new Set<string>();
  const days: BankHoliday[] = [];
  const displaced: { name: string; date: string }[] = [];
  // Weekday holidays keep their own date first, so a weekend one is moved past them: Christmas on a
  // Sunday becomes Tuesday 27th because Boxing Day already has Monday 26th.
  for (const holiday of natural) {
    if (isWeekend(holiday.date) || taken.has(holiday.date)) displaced.push(holiday);
    else {
      taken.add(holiday.date);
      days.push({ ...holiday, substitute: false });
    }
  }
  for (const holiday of displaced) {
    let date = addDays(holiday.date, 1);
    while (isWeekend(date) || taken.has(date)) date = addDays(date, 1);
    taken.add(date);
    days.push({ name: `${holiday.name} (substitute day)`, date, substitute: true });
  }
  const list = Object.freeze(days.sort((a, b) => compareCodes(a.date, b.date)));
  cache.set(key, list);
  return list;
}

/** YYYY-MM-DD dates of the region's bank holidays in a year, in order. */
export function bankHolidays(region: BankHolidayRegion, year: number): string[] {
  return bankHolidayList(region, year).map((holiday) => holiday.date);
}

/** Whether a London calendar date (YYYY-MM-DD), or the London date of an instant, is a bank holiday. */
export function isBankHoliday(region: BankHolidayRegion, date: string | Date): boolean {
  const day = typeof date === 'string' ? date : londonDate(date);
  if (!isCalendarDate(day)) throw invalid(`"${day}" is not a calendar date (YYYY-MM-DD).`);
  return bankHolidayList(region, Number(day.slice(0, 4))).some((holiday) => holiday.date === day);
}

function isWeekend(date: string): boolean {
  const dow = dayOfWeek(date);
  return dow === SATURDAY || dow === SUNDAY;
}

function ymd(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}
