/**
 * The information pack reminder: a pre-booked conversation's pack should be marked ready by the
 * working day before it, 15:00 London time. If it is not, the contact is reminded and the HCP told.
 */
import { addDays, londonDateFast, londonToUtc } from '../calendar/london-time';
import { weekdayOf } from '../calendar/working-hours';
import type { AdviceConversation } from './conversation';

export const PACK_REMINDER_TIME = '15:00';
/** Far enough ahead to cover a Monday conversation from the Friday before. */
export const PACK_REMINDER_LOOKAHEAD_DAYS = 4;

/** 15:00 London on the last weekday before the conversation's day. */
export function packReminderAt(start: Date): Date {
  let day = addDays(londonDateFast(start), -1);
  while (weekdayOf(day) === 'saturday' || weekdayOf(day) === 'sunday') day = addDays(day, -1);
  return londonToUtc(day, PACK_REMINDER_TIME);
}

/** Whether the reminder is due now: booked ahead, pack not ready, not yet reminded, its time come, the conversation not yet begun. */
export function packReminderDue(c: Pick<AdviceConversation, 'status' | 'adHoc' | 'packReadyAt' | 'packRemindedAt' | 'start' | 'contactId'>, now: Date): boolean {
  if (c.status !== 'booked' || c.adHoc || c.packReadyAt || c.packRemindedAt || !c.start) return false;
  return packReminderAt(c.start).getTime() <= now.getTime() && now.getTime() < c.start.getTime();
}
