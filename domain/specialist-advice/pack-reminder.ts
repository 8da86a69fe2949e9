/**
 * The information pack reminder: a pre-booked conversation's pack should be marked ready by the
 * working day before it, 15:00 London time. If it is not, the contact is reminded and the HCP told.
 * Working days are the ones booking uses: Monday to Friday, less the bank holidays of the
 * jobcentre's region.
 */
import { BANK_HOLIDAY_REGIONS, isBankHoliday } from '../calendar/bank-holidays';
import { addDays, londonDateFast, londonToUtc } from '../calendar/london-time';
import { weekdayOf } from '../calendar/working-hours';
import type { BankHolidayRegion } from '../staff';
import type { AdviceConversation } from './conversation';

export const PACK_REMINDER_TIME = '15:00';
/**
 * Far enough ahead to cover the longest run of days off before a conversation: Christmas with its
 * substitute days, or Easter, puts the working day before up to five days earlier.
 */
export const PACK_REMINDER_LOOKAHEAD_DAYS = 7;

type Reminded = Pick<AdviceConversation, 'status' | 'adHoc' | 'packReadyAt' | 'packRemindedAt' | 'start' | 'contactId'>;

function isWorkingDay(day: string, region: BankHolidayRegion): boolean {
  const weekday = weekdayOf(day);
  return weekday !== 'saturday' && weekday !== 'sunday' && !isBankHoliday(region, day);
}

/** 15:00 London on the last working day (in the region) before the conversation's day. */
export function packReminderAt(start: Date, region: BankHolidayRegion): Date {
  let day = addDays(londonDateFast(start), -1);
  while (!isWorkingDay(day, region)) day = addDays(day, -1);
  return londonToUtc(day, PACK_REMINDER_TIME);
}

/** Whether the reminder is due now: booked ahead, pack not ready, not yet reminded, its time come, the conversation not yet begun. */
export function packReminderDue(c: Reminded, now: Date, region: BankHolidayRegion): boolean {
  if (c.status !== 'booked' || c.adHoc || c.packReadyAt || c.packRemindedAt || !c.start) return false;
  return packReminderAt(c.start, region).getTime() <= now.getTime() && now.getTime() < c.start.getTime();
}

/** Whether the reminder could be due in some region: lets the job look up only those jobcentres' regions. */
export function packReminderMaybeDue(c: Reminded, now: Date): boolean {
  return BANK_HOLIDAY_REGIONS.some((region) => packReminderDue(c, now, region));
}
