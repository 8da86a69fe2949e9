/**
 * Calendar dates (YYYY-MM-DD) as people in Jobcentres mean them: in Europe/London, whatever the
 * server's time zone.
 */
export const LONDON = 'Europe/London';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Built once per process: constructing an Intl.DateTimeFormat costs far more than using one.
const londonDay = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, year: 'numeric', month: '2-digit', day: '2-digit' });
const longDayUtc = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const longDayLondon = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const clockLondon = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, hour: '2-digit', minute: '2-digit', hour12: false });

/** The last minute asked for and its London date: every turn asks for today's, and formatting costs far more than this. */
let lastMinute = NaN;
let lastDate = '';

export function londonDate(instant: Date): string {
  // London's day starts on a whole minute (its offsets are whole hours), so one minute has one date.
  const minute = Math.floor(instant.getTime() / 60_000);
  if (minute === lastMinute) return lastDate;
  const parts = londonDay.formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  lastDate = `${get('year')}-${get('month')}-${get('day')}`;
  lastMinute = minute;
  return lastDate;
}

export function isCalendarDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** The same day `months` later, or the month's last day when it has no such day (31 Jan + 1 = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * Dates already described: a list card describes a date on each of its rows, mostly the same few
 * days, and formatting one costs far more than finding it. Bounded, as any string may be asked for.
 */
const described = new Map<string, string>();
const DESCRIBED_AT_MOST = 1_000;

/** "Tuesday 1 December 2026". */
export function describeDate(date: string): string {
  const known = described.get(date);
  if (known !== undefined) return known;
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const text = longDayUtc.format(new Date(Date.UTC(y, m - 1, d))).replace(',', '');
  if (described.size >= DESCRIBED_AT_MOST) described.clear();
  described.set(date, text);
  return text;
}

/** Meetings already described: a booking form lists the same few free times on every showing. */
const meetingsDescribed = new Map<string, string>();

/** "Tuesday 1 December 2026, 10:00 to 11:00" in London time. */
export function describeMeeting(start: Date, end: Date): string {
  const key = `${start.getTime()} ${end.getTime()}`;
  const known = meetingsDescribed.get(key);
  if (known !== undefined) return known;
  const day = longDayLondon.format(start).replace(',', '');
  const text = `${day}, ${clockLondon.format(start)} to ${clockLondon.format(end)}`;
  if (meetingsDescribed.size >= DESCRIBED_AT_MOST) meetingsDescribed.clear();
  meetingsDescribed.set(key, text);
  return text;
}
