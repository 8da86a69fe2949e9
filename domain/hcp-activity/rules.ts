/**
 * The rules of an HCP's supporting activity, attendance, weekly note, supplier requests and notice,
 * as pure functions (no I/O), so each can be read next to the specification and tested alone.
 */
import { bankHolidayList, isBankHoliday } from '../calendar/bank-holidays';
import { addDays, clockMinutes, dayOfWeek, isClockTime, londonDateFast, londonToUtc, londonWallMs } from '../calendar/london-time';
import type { Interval } from '../calendar/calendar-port';
import { DEFAULT_WORKING_HOURS, type DayHours } from '../calendar/working-hours';
import { invalid, isDomainError, notAllowed, notFound, type DomainError } from '../errors';
import { workingDaysAfter } from '../privacy/due-dates';
import { addMonths, describeDate, isCalendarDate } from '../requests/calendar-date';
import { looksLikeNino } from '../requests/nino';
import { ACTIVITY_KINDS, ACTIVITY_KIND_LABELS, SUPPLIER_REQUEST_KINDS, type ActivityKind, type AttendanceRecord, type AttendanceStatus, type HcpNotice, type SupplierRequest, type SupplierRequestKind, type SupportingActivity, type WeeklyNote } from './records';
import type { SupplierRequestChanges } from './ports';
import { hasRole, type BankHolidayRegion, type StaffMember } from '../staff';

/** Seed 002 §2.2.3: HCPs work 08:30 to 17:00, Monday to Friday (the directory's default hours). */
export const HCP_HOURS: DayHours = DEFAULT_WORKING_HOURS.monday!;
/** HCPs start at 08:30: an arrival after it is late. */
export const START_OF_DAY = HCP_HOURS.start;
/** HCPs finish at 17:00: supporting activity happens during jobcentre business (Annex 3 §1). */
export const END_OF_DAY = HCP_HOURS.end;
/** The bank holidays HCP activity keeps to (the contract's jobcentres are in England). */
export const HCP_REGION: BankHolidayRegion = 'england-and-wales';
/** Three-way conversations each HCP should hold a week (two a day on average). */
export const WEEKLY_CONVERSATION_TARGET = 10;
/** The supplier meets a request for HCP provision (or a replacement) within two weeks. */
export const PROVISION_DAYS = 14;
/** Ad hoc information, and subject access or FOI requests that need the HCP's material: five working days. */
export const INFORMATION_WORKING_DAYS = 5;
/** The supplier tells the department of an HCP's notice within one working day. */
export const NOTICE_WORKING_DAYS = 1;
/** The weekly note reminder goes from this time on Friday (London). */
export const REMINDER_TIME = '14:00';
/** How far back an HCP may record activity: this week and last. */
export const RECORD_BACK_DAYS = 14;

export const NOTE_MAX = 1000;
export const TAKING_PART_MAX = 300;
export const WEEKLY_NOTE_MAX = 4000;

const REFERENCE = /^(DEA|SA|RET)-\d{6}$/;

/** Case references a text names (DEA-000123, SA-000012, RET-000004), each once, in capitals. */
export function caseReferencesIn(text: string): string[] {
  return [...new Set([...text.matchAll(/\b(DEA|SA|RET)-(\d{6})\b/gi)].map((m) => `${m[1]!.toUpperCase()}-${m[2]}`))];
}

export { looksLikeNino };

export function isActivityKind(value: string): value is ActivityKind {
  return (ACTIVITY_KINDS as readonly string[]).includes(value);
}

export function isSupplierRequestKind(value: string): value is SupplierRequestKind {
  return (SUPPLIER_REQUEST_KINDS as readonly string[]).includes(value);
}

/** The Monday of the week the date is in (London dates). */
export function weekStartOf(date: string): string {
  const weekday = dayOfWeek(date); // 0 Sunday … 6 Saturday
  return addDays(date, weekday === 0 ? -6 : 1 - weekday);
}

/** The Monday to Friday of a week. */
export function weekdaysOf(weekStart: string): string[] {
  return [0, 1, 2, 3, 4].map((d) => addDays(weekStart, d));
}

/** The first and last day of the month the date is in. */
export function monthOf(date: string): { from: string; to: string } {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}

/**
 * The attendance the activity manager sees: the week during the trial, the month after it
 * (the specification's management information). No end date set means the trial is running.
 */
export function attendancePeriod(today: string, trialEndsOn: string | null): { from: string; to: string; label: 'week' | 'month' } {
  if (trialEndsOn === null || today <= trialEndsOn) {
    const from = weekStartOf(today);
    return { from, to: addDays(from, 4), label: 'week' };
  }
  return { ...monthOf(today), label: 'month' };
}

/** On time, or late: after 08:30 London time on the day. */
export function arrivalStatus(arrivedAt: Date): Exclude<AttendanceStatus, 'absent'> {
  const date = londonDateFast(arrivedAt);
  return arrivedAt.getTime() > londonToUtc(date, START_OF_DAY).getTime() ? 'late' : 'on_time';
}

/** A time given for an arrival is today's, between these (London): outside them it is a mistyped time. */
export const EARLIEST_ARRIVAL = '06:00';
export const LATEST_ARRIVAL = '20:00';

/**
 * When the HCP arrived (seed §7.2: the contact greets them on arrival, and may record it later): the
 * time given, today in London, or `now` when none is given. A time that is not one, is before
 * 06:00 or after 20:00, or is later than now is refused beside the `arrivedAt` field. "8:25" and
 * "08.25" are read as 08:25.
 */
export function arrivalTime(given: string | undefined, now: Date): Date {
  const text = (given ?? '').trim();
  if (!text) return now;
  const parts = /^(\d{1,2})[:.](\d{2})$/.exec(text);
  const time = parts ? `${parts[1]!.padStart(2, '0')}:${parts[2]}` : text;
  const refuse = (problem: string) => invalid('Check the arrival time.', { arrivedAt: problem });
  if (!isClockTime(time)) throw refuse('Enter the time they arrived as hours and minutes, for example 08:25, or leave it empty for now.');
  const minutes = clockMinutes(time);
  if (minutes < clockMinutes(EARLIEST_ARRIVAL) || minutes > clockMinutes(LATEST_ARRIVAL)) throw refuse(`Enter a time today between ${EARLIEST_ARRIVAL} and ${LATEST_ARRIVAL}, or leave it empty for now.`);
  const at = londonToUtc(londonDateFast(now), time);
  if (at.getTime() > now.getTime()) throw refuse('That is later than now: enter the time they arrived today, or leave it empty for now.');
  return at;
}

/** Said when a second arrival is recorded for a day that already has one. */
export const ARRIVAL_ALREADY_RECORDED = 'Attendance for that day is already recorded.';

/** What an arrival does to the day's attendance record. */
export type ArrivalOnDay =
  | { readonly kind: 'record' }
  | { readonly kind: 'replace'; readonly absence: AttendanceRecord }
  | { readonly kind: 'refuse'; readonly message: string };

/**
 * What an arrival does to the day's attendance record (seed §4.1 "HCPs arrive on time", Annex 4
 * attendance records): with nothing recorded, it is recorded; over an absence recorded earlier (by the
 * HCP, the contact or the activity manager, before the HCP came after all) it takes the absence's
 * place, on time or late as its time says, so the day counts as attended; over an arrival already
 * recorded it is refused.
 */
export function arrivalOnDay(day: AttendanceRecord | null): ArrivalOnDay {
  if (!day) return { kind: 'record' };
  if (day.status === 'absent') return { kind: 'replace', absence: day };
  return { kind: 'refuse', message: ARRIVAL_ALREADY_RECORDED };
}

/** Whether an arrival can still be recorded for the day: nothing recorded yet, or an absence the HCP came after. */
export function awaitsArrival(day: Pick<AttendanceRecord, 'status'> | null): boolean {
  return !day || day.status === 'absent';
}

const DETAILS_MAX = 1000;

/** A request's details with a sentence added at the end, kept within the 1000 characters it holds. */
function detailsWith(details: string, sentence: string): string {
  const room = DETAILS_MAX - sentence.length - 1;
  const kept = details.length <= room ? details : `${details.slice(0, Math.max(0, room - 1)).trimEnd()}…`;
  return `${kept} ${sentence}`.trim();
}

/**
 * What becomes of the replacement asked of the supplier for an absence when the HCP arrives on one
 * of its days after all. `stillAbsent`: the request's days still recorded absent, the arrival's day
 * left out. No day left: it is withdrawn, as no replacement is needed (a withdrawn request counts in
 * no supplier response figure). Days left: it stays open for them, its dates narrowed to the first
 * and last still absent, and its details say the day it is no longer needed for. A request the
 * supplier has answered, or one already withdrawn, is left as it is: the answer stands. Null when
 * nothing changes.
 */
export function replacementAfterArrival(request: Pick<SupplierRequest, 'status' | 'details'>, stillAbsent: readonly string[], arrivedOn: string, hcpName: string): SupplierRequestChanges | null {
  if (request.status !== 'open') return null;
  if (!stillAbsent.length) {
    return { status: 'withdrawn', details: detailsWith(request.details, `Withdrawn: ${hcpName} arrived on ${describeDate(arrivedOn)}, so no replacement is needed.`) };
  }
  const days = [...stillAbsent].sort();
  return { fromDate: days[0]!, toDate: days[days.length - 1]!, details: detailsWith(request.details, `Not needed on ${describeDate(arrivedOn)}: ${hcpName} arrived.`) };
}

/**
 * An absence over working days: only the days with nothing recorded yet are recorded absent and go
 * into a replacement request; a day already recorded (absent under an earlier request, or arrived) is
 * left as it is. With no day new there is nothing to ask the supplier for: refused beside the dates,
 * naming the days already recorded. `whose` is "Your" or "Helen Okoro’s".
 */
export function absenceDays(dates: readonly string[], recorded: readonly Pick<AttendanceRecord, 'date' | 'status'>[], whose: string): { readonly newDays: string[]; readonly already: Pick<AttendanceRecord, 'date' | 'status'>[] } {
  const byDate = new Map(recorded.map((r) => [r.date, r]));
  const newDays = dates.filter((d) => !byDate.has(d));
  const already = dates.flatMap((d) => (byDate.has(d) ? [byDate.get(d)!] : []));
  if (!newDays.length) {
    const field = 'Every working day in these dates is already recorded: choose days not recorded yet.';
    throw invalid(`${whose} attendance is already recorded for ${describeRecordedDays(already)}, so no new day is absent and nothing goes to the supplier. ${already.some((a) => a.status === 'absent') ? 'The replacement asked for then stands.' : ''}`.trim(), { fromDate: field, toDate: field });
  }
  return { newDays, already };
}

/** "Monday 23 November 2026 (absent), Tuesday 24 November 2026 (on time)". */
export function describeRecordedDays(days: readonly Pick<AttendanceRecord, 'date' | 'status'>[]): string {
  const label: Readonly<Record<AttendanceStatus, string>> = { on_time: 'arrived on time', late: 'arrived late', absent: 'absent' };
  return days.map((d) => `${describeDate(d.date)} (${label[d.status]})`).join(', ');
}

/**
 * The details of the replacement asked for an absence: its working days, named one by one when the
 * days between the first and last are not all of them (a day there was already recorded).
 */
export function replacementDetails(hcpName: string, newDays: readonly string[], region: BankHolidayRegion): string {
  const n = newDays.length;
  const whole = workingDaysBetween(newDays[0]!, newDays[n - 1]!, region).length === n;
  const text = `A replacement for ${hcpName}, absent ${n} working day${n === 1 ? '' : 's'}${whole ? '' : `: ${newDays.map((d) => describeDate(d)).join(', ')}`}.`;
  return text.length <= DETAILS_MAX ? text : `${text.slice(0, DETAILS_MAX - 1)}…`;
}

export function isWorkingDay(date: string, region: BankHolidayRegion): boolean {
  const weekday = dayOfWeek(date);
  return weekday !== 0 && weekday !== 6 && !isBankHoliday(region, date);
}

/** The working days from `from` to `to`, both included. */
export function workingDaysBetween(from: string, to: string, region: BankHolidayRegion): string[] {
  const out: string[] = [];
  for (let d = from; d <= to && out.length < 366; d = addDays(d, 1)) if (isWorkingDay(d, region)) out.push(d);
  return out;
}

/**
 * When the supplier must answer: two weeks for provision and replacements, five working days for
 * information. Cover asked for days further off than two weeks (leave booked ahead) is due by the
 * first of them: it cannot start sooner, so starting then is in time.
 */
export function supplierDueOn(kind: SupplierRequestKind, raisedOn: string, region: BankHolidayRegion, firstDayNeeded: string | null = null): string {
  if (!asksForHcp(kind)) return workingDaysAfter(raisedOn, INFORMATION_WORKING_DAYS, region);
  const twoWeeks = addDays(raisedOn, PROVISION_DAYS);
  return firstDayNeeded && firstDayNeeded > twoWeeks ? firstDayNeeded : twoWeeks;
}

/** How a supplier request stands against its due date by when it was answered, on a day: for information, where the answer is what was asked for. A request for an HCP is measured by `hcpCover`. */
export function supplierTimeliness(r: Pick<SupplierRequest, 'status' | 'dueOn' | 'answeredAt'>, today: string): 'met' | 'late' | 'overdue' | 'open' | 'withdrawn' {
  if (r.status === 'withdrawn') return 'withdrawn';
  if (r.answeredAt) return londonDateFast(r.answeredAt) <= r.dueOn ? 'met' : 'late';
  return today > r.dueOn ? 'overdue' : 'open';
}

/** A new HCP or a replacement for an absence: what seed §4.1 calls "requests for HCP provision". */
export function asksForHcp(kind: SupplierRequestKind): boolean {
  return kind === 'provision' || kind === 'replacement';
}

/**
 * How a request for an HCP stands on a day against seed §4.1: the supplier must "fulfil 100% of the
 * Customer's requests for HCP provision within two weeks of such request". A request is fulfilled by
 * an HCP covering, not by a reply, so it is measured from the day it was made to the day cover
 * starts, whenever the answer was typed.
 * - fulfilled: cover started on or before the due date (met);
 * - promised: cover is to start on or before the due date, on a day still to come (pending: not yet provided);
 * - waiting: no answer yet and the two weeks not over (pending);
 * - late: cover starts after the due date (not met);
 * - unfilled: no cover and the two weeks are over (not met);
 * - undated: answered before the day cover starts was recorded, so it can be measured neither way (not counted);
 * - withdrawn: no longer needed; in no figure.
 */
export type HcpCover = 'fulfilled' | 'promised' | 'waiting' | 'late' | 'unfilled' | 'undated' | 'withdrawn';

export function hcpCover(r: Pick<SupplierRequest, 'status' | 'dueOn' | 'coverOn'>, today: string): HcpCover {
  if (r.status === 'withdrawn') return 'withdrawn';
  if (r.status === 'answered') {
    if (!r.coverOn) return 'undated';
    if (r.coverOn > r.dueOn) return 'late';
    return r.coverOn > today ? 'promised' : 'fulfilled';
  }
  return today > r.dueOn ? 'unfilled' : 'waiting';
}

/** Why the day cover starts cannot be recorded against a request made on `raisedOn`, said beside the field; null when it can. */
export function coverDateProblem(coverOn: string, raisedOn: string): string | null {
  if (!coverOn) return 'Enter the day the supplier’s HCP starts covering, as the supplier told you. If they cannot send anyone yet, leave the request open.';
  if (!isCalendarDate(coverOn)) return 'Enter a date, for example 2026-12-01.';
  if (coverOn < raisedOn) return `Cover cannot start before the request was made on ${describeDate(raisedOn)}: enter the day the supplier’s HCP starts covering.`;
  return null;
}

/**
 * Why this person may not change the day cover starts on a supplier request now; null when they
 * may. The one answer for both the control on the supplier card and the click it sends. Cover days
 * are corrected because seed 002 §4.1 is measured to the day the HCP really started covering, which
 * may not be the day the supplier promised. Only the district's activity managers, who record the
 * supplier's answers; only a request for an HCP once it is answered. An answer recorded before cover
 * days were asked for has none: the same control gives it one, so that the request is counted
 * rather than left out of the figure. `managerDistrict`: the district of the person's jobcentre.
 */
export function coverDayRefusal(person: Pick<StaffMember, 'roles'>, managerDistrict: string | null, request: Pick<SupplierRequest, 'district' | 'kind' | 'status'> | null): DomainError | null {
  if (!hasRole(person, 'hcp_activity_manager')) return notAllowed('This is for HCP Activity Managers.');
  if (!request || managerDistrict === null || request.district !== managerDistrict) return notFound('That supplier request is not one of your district’s.');
  if (!asksForHcp(request.kind)) return invalid('Only a request for an HCP has a day cover starts.');
  if (request.status === 'open') return invalid('The supplier has not answered this request yet: record their answer with the day cover starts.');
  if (request.status === 'withdrawn') return invalid('This request is withdrawn: no cover was needed, so it has no cover day.');
  return null;
}

/**
 * Why `coverDay` cannot become the day cover starts on this answered request, said beside the field;
 * null when it can. The same date checks as an answer's (`coverDateProblem`); the day already
 * recorded is refused too, since recording it again would change nothing.
 */
export function coverDayProblem(coverDay: string, request: Pick<SupplierRequest, 'raisedAt' | 'coverOn'>): string | null {
  // coverDateProblem's empty-field wording is for an answer still to record, which may be left open.
  if (!coverDay) return 'Enter the day the supplier’s HCP started covering, or will start.';
  const problem = coverDateProblem(coverDay, londonDateFast(request.raisedAt));
  if (problem) return problem;
  if (coverDay === request.coverOn) return `${describeDate(coverDay)} is already the cover day recorded: enter the day the supplier’s HCP really started covering.`;
  return null;
}

/** The supplier had to tell the department by the working day after the HCP gave notice. */
export function noticeDueOn(givenOn: string, region: BankHolidayRegion): string {
  return workingDaysAfter(givenOn, NOTICE_WORKING_DAYS, region);
}

/**
 * The shorter notice period seed 002 §4.1 names, 1 week, starts only on the day the department
 * received the notice: that is why the HCP gives the supplier 1 week plus 1 day. Where the contract
 * says so the period is 1 month instead; which applies is the contract's, so only the shorter is enforced.
 */
export const NOTICE_MIN_DAYS = 7;
/** How the notice periods are said on the cards. */
export const NOTICE_PERIODS_TEXT = 'at least 1 week; 1 month where the contract says so';

/** The earliest last day a notice received on `receivedOn` allows: 1 week after it. */
export function earliestLastDay(receivedOn: string): string {
  return addDays(receivedOn, NOTICE_MIN_DAYS);
}

/** The earliest last day where the contract asks for 1 month. */
export function earliestLastDayMonth(receivedOn: string): string {
  return addMonths(receivedOn, 1);
}

/** Why a last day gives too little notice, said beside the last day; null when it gives enough. */
export function noticeLastDayProblem(receivedOn: string, lastDay: string): string | null {
  const earliest = earliestLastDay(receivedOn);
  if (lastDay >= earliest) return null;
  return `That gives ${lastDay > receivedOn ? `only ${describeNoticeDays(noticeDays(receivedOn, lastDay))} of` : 'no'} notice. The notice period starts on ${describeDate(receivedOn)}, when the supplier told you, and is at least 1 week: the earliest last day allowed is ${describeDate(earliest)}.`;
}

/** The days of notice from the day received to the last day. */
export function noticeDays(receivedOn: string, lastDay: string): number {
  const day = (d: string) => {
    const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, dd);
  };
  return Math.round((day(lastDay) - day(receivedOn)) / 86_400_000);
}

/** "8 days (1 week and 1 day)", "14 days (2 weeks)", "3 days". */
export function describeNoticeDays(days: number): string {
  const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  const weeks = Math.floor(days / 7);
  const rest = days % 7;
  if (!weeks) return count(days, 'day');
  return `${count(days, 'day')} (${count(weeks, 'week')}${rest ? ` and ${count(rest, 'day')}` : ''})`;
}

/** What a person is told when a time falls outside the HCP's working day (seed §2.2.3). */
export const WORKING_TIME_PROBLEM = `HCPs work ${START_OF_DAY} to ${END_OF_DAY}, Monday to Friday: choose a time within that.`;

/**
 * Why a London date is not an HCP working day (a weekend, or a bank holiday in England and Wales),
 * as a person can act on it; null on a working day.
 */
export function notWorkingDayProblem(date: string, region: BankHolidayRegion = HCP_REGION): string | null {
  if (isWorkingDay(date, region)) return null;
  const weekday = dayOfWeek(date);
  if (weekday === 0 || weekday === 6) return `${describeDate(date)} is not a working day: HCPs work ${START_OF_DAY} to ${END_OF_DAY}, Monday to Friday. Choose a weekday.`;
  const holiday = bankHolidayList(region, Number(date.slice(0, 4))).find((h) => h.date === date);
  return `${describeDate(date)} is a bank holiday${holiday ? ` (${holiday.name})` : ''}, when HCPs do not work: choose another working day.`;
}

/**
 * The HCP's times, parsed and checked: a London date, a start and an end in it, in the HCP's
 * working day (Monday to Friday but bank holidays, 08:30 to 17:00: seed §2.2.3, Annex 3 §1).
 */
export function parseTimes(date: string, start: string, end: string): { problems: Record<string, string>; interval: Interval | null } {
  const problems: Record<string, string> = {};
  if (!isCalendarDate(date)) problems.date = 'Enter the date, for example 2026-11-23.';
  else {
    try {
      const notWorking = notWorkingDayProblem(date);
      if (notWorking) problems.date = notWorking;
    } catch (error) {
      // A year bank holidays are not kept for (before 1970): said beside the date.
      if (!isDomainError(error)) throw error;
      problems.date = `${error.message} Enter a date like 2026-11-23.`;
    }
  }
  const opens = clockMinutes(START_OF_DAY);
  const closes = clockMinutes(END_OF_DAY);
  if (!isClockTime(start)) problems.start = 'Enter the start time as hours and minutes, for example 10:00.';
  else if (clockMinutes(start) < opens || clockMinutes(start) >= closes) problems.start = WORKING_TIME_PROBLEM;
  if (!isClockTime(end)) problems.end = 'Enter the end time as hours and minutes, for example 11:00.';
  else if (isClockTime(start) && clockMinutes(end) <= clockMinutes(start)) problems.end = 'The end time must be after the start time.';
  else if (clockMinutes(end) > closes || clockMinutes(end) <= opens) problems.end = WORKING_TIME_PROBLEM;
  if (Object.keys(problems).length) return { problems, interval: null };
  return { problems, interval: { start: londonToUtc(date, start), end: londonToUtc(date, end) } };
}

/** What the HCP typed for an activity, before it is checked. */
export interface ActivityInput {
  readonly kind?: string;
  readonly date?: string;
  readonly start?: string;
  readonly end?: string;
  readonly jobcentreId?: string;
  readonly takingPart?: string;
  readonly note?: string;
  readonly caseReference?: string;
  readonly caseCount?: string;
  readonly consultative?: string;
  readonly adHoc?: string;
}

export interface ParsedActivity {
  readonly kind: ActivityKind;
  readonly date: string;
  readonly interval: Interval;
  readonly jobcentreId: string;
  readonly takingPart: string;
  readonly note: string;
  readonly caseReference: string | null;
  readonly caseCount: number | null;
  readonly adHoc: boolean;
}

/**
 * Checks an activity: its kind and times; who took part and a short note; a case reference in the
 * form DEA-, SA- or RET- and six digits; for a group case conference, how many cases; for retention
 * work, that the HCP acted only as a consultant; and no National Insurance number in a note that is
 * not about a case. Every problem is returned at once, beside its field, with those the caller `found`
 * already in place of the form's own for the same field.
 */
export function parseActivity(input: ActivityInput, jobcentreIds: readonly string[], found: Readonly<Record<string, string>> = {}): ParsedActivity {
  const problems: Record<string, string> = {};
  const kind = (input.kind ?? '').trim();
  if (!isActivityKind(kind)) problems.kind = 'Choose what kind of activity it was.';
  const times = parseTimes((input.date ?? '').trim(), (input.start ?? '').trim(), (input.end ?? '').trim());
  Object.assign(problems, times.problems);
  const jobcentreId = (input.jobcentreId ?? '').trim();
  if (!jobcentreIds.includes(jobcentreId)) problems.jobcentreId = 'Choose the jobcentre of your cluster where it happened.';
  const takingPart = (input.takingPart ?? '').trim();
  if (!takingPart) problems.takingPart = 'Say who took part, for example "3 work coaches and their team leader".';
  else if (takingPart.length > TAKING_PART_MAX) problems.takingPart = `Keep who took part to ${TAKING_PART_MAX} characters or fewer (it has ${takingPart.length}).`;
  const note = (input.note ?? '').trim();
  if (!note) problems.note = 'Write a short note of what was covered.';
  else if (note.length > NOTE_MAX) problems.note = `Keep the note to ${NOTE_MAX} characters or fewer (it has ${note.length}).`;
  const caseReference = (input.caseReference ?? '').trim().toUpperCase() || null;
  if (caseReference && !REFERENCE.test(caseReference)) problems.caseReference = 'Enter a case reference like SA-000012, DEA-000123 or RET-000004, or leave it empty.';
  if (!caseReference) {
    if (looksLikeNino(note)) problems.note = 'This note is not about a case, so it must not name a claimant: take out the National Insurance number, or give the case reference.';
    if (looksLikeNino(takingPart)) problems.takingPart = 'Name only colleagues here, never a claimant’s National Insurance number.';
  }
  let caseCount: number | null = null;
  if (kind === 'group_case_conference') {
    caseCount = Number((input.caseCount ?? '').trim());
    if (!Number.isInteger(caseCount) || caseCount < 1 || caseCount > 10) problems.caseCount = 'Enter how many cases were discussed, from 1 to 10 (usually 2 or 3).';
  }
  if (kind === 'retention' && input.consultative !== 'true') {
    problems.consultative = 'Confirm you advised only: an HCP never represents a claimant with their employer or at a tribunal, nor completes retention paperwork.';
  }
  // What the caller found already (a date outside the days it takes) says more than the rule it breaks too.
  Object.assign(problems, found);
  if (Object.keys(problems).length) throw invalid('Some answers need changing.', problems);
  return {
    kind: kind as ActivityKind,
    date: (input.date ?? '').trim(),
    interval: times.interval!,
    jobcentreId,
    takingPart,
    note,
    caseReference,
    caseCount,
    adHoc: input.adHoc === 'true',
  };
}

/** Something in the HCP's day an activity may not overlap: a conversation, or another activity. */
export interface Booked {
  readonly what: string;
  readonly start: Date;
  readonly end: Date;
}

/** The first booked thing the interval overlaps, if any. */
export function clashWith(interval: Interval, booked: readonly Booked[]): Booked | null {
  return booked.find((b) => b.start.getTime() < interval.end.getTime() && interval.start.getTime() < b.end.getTime()) ?? null;
}

const clock = (d: Date) => {
  const wall = new Date(londonWallMs(d));
  return `${String(wall.getUTCHours()).padStart(2, '0')}:${String(wall.getUTCMinutes()).padStart(2, '0')}`;
};

export function describeInterval(i: Interval): string {
  return `${clock(i.start)} to ${clock(i.end)}`;
}

/** "You are free …", or that no free time is left. */
function freeText(gaps: readonly Interval[]): string {
  return gaps.length ? `You are free ${gaps.map(describeInterval).join(', ')}.` : 'You have no free time left that day.';
}

/** Why an activity cannot go over a booked conversation, and when the HCP is free instead. */
export function clashMessage(clash: Booked, gaps: readonly Interval[]): string {
  return `Supporting activity happens only when no three-way conversation is booked: ${clash.what} is booked ${describeInterval(clash)}. ${freeText(gaps)}`;
}

/** Why an activity cannot go over a break agreed with the activity manager (seed §2.2.3), and when the HCP is free instead. */
export function breakClashMessage(brk: Interval, gaps: readonly Interval[]): string {
  return `That is over a break agreed with the activity manager, ${describeInterval(brk)}: supporting activity goes around it. ${freeText(gaps)}`;
}

/** What a week's conversations came to, for the weekly note and the activity manager. */
export interface WeekConversations {
  readonly held: number;
  readonly booked: number;
  readonly didNotHappen: number;
}

/** The week's supporting activity held (done), for its weekly note: each documented there (Annex 3 §7). */
export function heldInWeek(weekStart: string, activities: readonly SupportingActivity[]): SupportingActivity[] {
  return activities.filter((a) => a.status === 'done' && a.date && a.date >= weekStart && a.date <= addDays(weekStart, 6));
}

/** When an activity was, as its weekly note line starts: "Monday 09:00 to 09:45" (the day alone when it has no times). */
export function noteWhen(a: Pick<SupportingActivity, 'date' | 'start' | 'end'>): string {
  return `${weekdayName(a.date!)}${a.start && a.end ? ` ${describeInterval({ start: a.start, end: a.end })}` : ''}`;
}

/** An activity's line in the weekly note: when, where, what, with whom, about what (a case by its reference only). */
export function weeklyNoteLine(a: SupportingActivity, officeName: (id: string | null) => string): string {
  const about = a.caseReference ? `about ${a.caseReference}` : a.note;
  const cases = a.caseCount ? `, ${a.caseCount} case${a.caseCount === 1 ? '' : 's'}` : '';
  return `- ${noteWhen(a)}, ${officeName(a.jobcentreId)}: ${ACTIVITY_KIND_LABELS[a.kind]}${cases} with ${a.takingPart}: ${about}`;
}

/**
 * The first draft of the weekly note: the week's conversations, then each supporting activity held,
 * by day. Cases are named by reference only; the notes of case activity are left out, because the
 * weekly note is not a place for claimant details.
 */
export function draftWeeklyNote(weekStart: string, activities: readonly SupportingActivity[], conversations: WeekConversations, officeName: (id: string | null) => string): string {
  const lines: string[] = [];
  lines.push(`Three-way conversations: ${conversations.held} held${conversations.booked ? `, ${conversations.booked} still booked` : ''}${conversations.didNotHappen ? `, ${conversations.didNotHappen} did not happen` : ''}.`);
  const done = heldInWeek(weekStart, activities);
  if (!done.length) lines.push('Supporting activity: none recorded.');
  else {
    lines.push('Supporting activity:');
    for (const a of done) lines.push(weeklyNoteLine(a, officeName));
  }
  return lines.join('\n').slice(0, WEEKLY_NOTE_MAX);
}

const squeezed = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The lines of the week's held activity that a note leaves out. An activity is in the note when the
 * note names its day and time as its line does ("Monday 09:00 to 09:45"): the HCP may reword the
 * rest of the line, but every activity they recorded is documented (Annex 3 §7).
 */
export function activityMissingFromNote(body: string, weekStart: string, activities: readonly SupportingActivity[], officeName: (id: string | null) => string): string[] {
  const text = squeezed(body);
  return heldInWeek(weekStart, activities)
    .filter((a) => !text.includes(squeezed(a.start && a.end ? noteWhen(a) : weeklyNoteLine(a, officeName).slice(2))))
    .map((a) => weeklyNoteLine(a, officeName));
}

/** Refuses a note submitted without every activity of its week, naming the lines to add (kept as typed). */
export function assertNoteHasActivity(missing: readonly string[]): void {
  if (!missing.length) return;
  const one = missing.length === 1;
  throw invalid(
    `The weekly note must document all the supporting activity you recorded that week: ${one ? 'one activity is' : `${missing.length} activities are`} not in it yet.`,
    { body: `Add ${one ? 'this activity' : 'these activities'} to the note (you may reword ${one ? 'it' : 'them'}, keeping the day and time):\n${missing.join('\n')}` },
  );
}

/**
 * Why activity cannot go into a week whose weekly note has gone to the activity manager (submitted)
 * or been accepted: the note must document it all (Annex 3 §7). `whose` is "Your" or "Helen Okoro’s".
 */
export function closedWeekProblem(note: Pick<WeeklyNote, 'status' | 'weekStart'> | null, whose: string): { message: string; field: string } | null {
  if (!note || (note.status !== 'submitted' && note.status !== 'accepted')) return null;
  const week = `the week of ${describeDate(note.weekStart)}`;
  if (note.status === 'submitted') {
    return {
      message: `${whose} weekly note for ${week} has gone to the activity manager, so no activity can be added to that week now. If it belongs in that week, the activity manager can ask for a change to the note, which opens it again: then add the activity and submit the note again.`,
      field: 'That week’s weekly note has gone to the activity manager: choose a day in another week, or have the note sent back for a change first.',
    };
  }
  return {
    message: `${whose} weekly note for ${week} is accepted, so no activity can be added to that week any more. Tell the activity manager about it instead.`,
    field: 'That week’s weekly note is accepted: choose a day in another week.',
  };
}

/**
 * Why a weekly note cannot be submitted yet: activity of its week is still planned (not recorded as
 * held, nor cancelled). Once the note is accepted nothing more can be added to its week, so a
 * planned activity would never be documented (Annex 3 §7): the HCP records it as held first, or has
 * it cancelled or moved. Null when none is planned. Said beside the note.
 */
export function stillPlannedProblem(weekStart: string, activities: readonly SupportingActivity[], now: Date): { message: string; field: string } | null {
  const planned = activities.filter((a) => a.status === 'planned' && a.date && a.date >= weekStart && a.date <= addDays(weekStart, 6));
  if (!planned.length) return null;
  const line = (a: SupportingActivity) => `- ${ACTIVITY_KIND_LABELS[a.kind]}, ${noteWhen(a)}: ${a.start && a.start.getTime() > now.getTime() ? 'still to come' : 'not recorded as held yet'}`;
  const one = planned.length === 1;
  return {
    message: `The weekly note documents all the week’s supporting activity, and ${one ? 'one activity of that week is' : `${planned.length} activities of that week are`} still planned. Record ${one ? 'it' : 'each'} as held once it is over (or, if it will not happen, ask the activity manager to cancel or move it), then submit the note.`,
    field: `Still planned this week, not yet in the note:\n${planned.map(line).join('\n')}`,
  };
}

/**
 * Why nothing can be set for an HCP on a date after their last working day (their notice, seed
 * §4.1: exiting HCPs complete open activity before leaving); null when there is no notice or the date
 * is on or before it. Said beside the date.
 */
export function afterLastDayProblem(notice: Pick<HcpNotice, 'lastDay'> | null, date: string, hcpName: string): { message: string; field: string } | null {
  if (!notice || date <= notice.lastDay) return null;
  return {
    message: `${hcpName} has given notice: their last working day is ${describeDate(notice.lastDay)}, so no activity can be set after it.`,
    field: `Choose ${describeDate(notice.lastDay)}, ${hcpName}’s last day, or an earlier day.`,
  };
}

/** The time a team leader set aside for a group case conference (Annex 3 §3.3). */
export interface SetAside {
  readonly date: string;
  readonly start: Date;
  readonly end: Date;
}

export function describeSetAside(w: SetAside): string {
  return `${describeDate(w.date)}, ${describeInterval(w)}`;
}

/**
 * A group case conference is held in the time the team leader set aside for it (Annex 3 §3.3):
 * the problems, field by field, of a time that is not within it; empty when it is.
 */
export function outsideSetAsideProblems(w: SetAside, date: string, interval: Interval): Record<string, string> {
  const problems: Record<string, string> = {};
  const within = `Keep it within the time the team leader set aside: ${describeSetAside(w)}.`;
  if (date !== w.date) problems.date = within;
  else {
    if (interval.start.getTime() < w.start.getTime() || interval.start.getTime() >= w.end.getTime()) problems.start = within;
    if (interval.end.getTime() > w.end.getTime() || interval.end.getTime() <= w.start.getTime()) problems.end = within;
  }
  return problems;
}

function weekdayName(date: string): string {
  return ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][dayOfWeek(date)]!;
}

/** Whether the Friday reminder is due now: Friday from 14:00 London, the note not yet submitted, not reminded yet. */
export function reminderDue(now: Date, note: Pick<WeeklyNote, 'status' | 'remindedAt'> | null): boolean {
  const today = londonDateFast(now);
  if (dayOfWeek(today) !== 5 || now.getTime() < londonToUtc(today, REMINDER_TIME).getTime()) return false;
  if (!note) return true;
  return (note.status === 'draft' || note.status === 'change_asked') && note.remindedAt === null;
}

/** The weekly note as text, checked. */
export function checkWeeklyNoteBody(body: string): string {
  const text = body.trim();
  if (!text) throw invalid('Write the weekly note before you submit it.', { body: 'Write the weekly note: what supporting activity you did this week.' });
  if (text.length > WEEKLY_NOTE_MAX) throw invalid('The weekly note is too long.', { body: `Keep the note to ${WEEKLY_NOTE_MAX} characters or fewer (it has ${text.length}).` });
  if (looksLikeNino(text)) throw invalid('The weekly note must not name a claimant.', { body: 'Take out the National Insurance number: name cases by their reference, like SA-000012.' });
  return text;
}

/** The card a person of HCP activity starts from: the activity manager's week, the HCP's activity, or a contact's arrivals. */
export function activityHomeOf(person: Pick<StaffMember, 'roles'>): 'manager' | 'hcp' | 'contact' {
  if (hasRole(person, 'hcp_activity_manager')) return 'manager';
  return hasRole(person, 'hcp') ? 'hcp' : 'contact';
}

/** An HCP records their own arrival; a jobcentre contact records the HCPs expected at their jobcentre. */
export function recordsOwnArrival(person: Pick<StaffMember, 'roles'>): boolean {
  return hasRole(person, 'hcp');
}

/** A team leader may set aside time for a group case conference; a work coach asks for an individual one. */
export function mayAskGroupCaseConference(person: Pick<StaffMember, 'roles'>): boolean {
  return hasRole(person, 'work_coach_team_leader');
}

/** Activity managers review their district's weekly notes. */
export function reviewsWeeklyNotes(person: Pick<StaffMember, 'roles'>): boolean {
  return hasRole(person, 'hcp_activity_manager');
}

/**
 * The work coach an activity was arranged for, to be told of it as it now stands: not when they
 * asked for it themselves (they get its card, as whoever asked does) nor when the change is their own.
 */
export function coachToTell(a: Pick<SupportingActivity, 'coachId' | 'requestedById'>, actorId?: string): string | null {
  return a.coachId && a.coachId !== a.requestedById && a.coachId !== actorId ? a.coachId : null;
}
