/**
 * Where a monthly meeting of a DEA and their work psychologist goes (seed 000 §44): at its usual
 * time in the month when both are at work (their working hours, not a bank holiday of their office)
 * and free; otherwise at the next time in the same month when they are, with the reason it moved.
 */
import type { Interval } from '../calendar/calendar-port';
import { bankHolidayList } from '../calendar/bank-holidays';
import { findCommonSlots, type Participant } from '../calendar/free-time';
import { addDays, londonClock, londonDateFast, londonToUtc } from '../calendar/london-time';
import { describeDate, describeMeeting } from '../requests/calendar-date';

/** A person whose diary is checked, with the name used to say who is busy. */
export interface MeetingPerson extends Participant {
  readonly name: string;
}

export interface PlacedMeeting {
  readonly slot: Interval;
  /** Why it is not at its usual time, in words for the card; null when it is. */
  readonly movedBecause: string | null;
}

const MINUTE_MS = 60_000;

/**
 * The usual slot if it is good for both; else the earliest good slot after it and before `latest`
 * (the end of its month), on the half hour; else the usual slot, saying why nobody could move it.
 */
export function placeMeeting(usual: Interval, people: readonly MeetingPerson[], latest: Date): PlacedMeeting {
  const durationMinutes = Math.round((usual.end.getTime() - usual.start.getTime()) / MINUTE_MS);
  // A five-minute step lets any usual time the DEA typed (10:05) count as good.
  const good = (slot: Interval): boolean => {
    const [found] = findCommonSlots({ participants: people, from: slot.start, to: slot.end, durationMinutes, stepMinutes: 5, count: 1 });
    return found?.start.getTime() === slot.start.getTime();
  };
  if (good(usual)) return { slot: usual, movedBecause: null };
  const why = whyNot(usual, people);
  const moved = (slot: Interval): PlacedMeeting => ({ slot, movedBecause: `Moved from ${describeMeeting(usual.start, usual.end)}: ${why}.` });
  // The same time on one of the next days first, so the meeting keeps its usual hour.
  const day = londonDateFast(usual.start);
  const time = londonClock(usual.start);
  for (let d = 1; d <= 7; d += 1) {
    const start = londonToUtc(addDays(day, d), time);
    const slot = { start, end: new Date(start.getTime() + durationMinutes * MINUTE_MS) };
    if (slot.end.getTime() > latest.getTime()) break;
    if (good(slot)) return moved(slot);
  }
  const [next] = latest.getTime() > usual.start.getTime() ? findCommonSlots({ participants: people, from: usual.start, to: latest, durationMinutes, stepMinutes: 30, count: 1 }) : [];
  if (next) return moved(next);
  return { slot: usual, movedBecause: `Kept at its usual time although ${why}: you share no free working time later that month. Agree another time together.` };
}

/** Why the usual slot does not suit: a bank holiday first, then who is busy, then working hours. */
export function whyNot(slot: Interval, people: readonly MeetingPerson[]): string {
  const day = londonDateFast(slot.start);
  const year = Number(day.slice(0, 4));
  for (const person of people) {
    const holiday = bankHolidayList(person.region, year).find((h) => h.date === day);
    if (holiday) return `${describeDate(day)} is a bank holiday (${holiday.name})`;
  }
  const busy = people.filter((p) => p.busy.some((b) => b.start.getTime() < slot.end.getTime() && b.end.getTime() > slot.start.getTime())).map((p) => p.name);
  if (busy.length) return `${busy.join(' and ')} ${busy.length === 1 ? 'is' : 'are'} busy then`;
  const away = people.filter((p) => !findCommonSlots({ participants: [{ ...p, busy: [] }], from: slot.start, to: slot.end, durationMinutes: Math.round((slot.end.getTime() - slot.start.getTime()) / MINUTE_MS), stepMinutes: 5, count: 1 }).length);
  return away.length ? `it is outside ${away.map((p) => p.name).join(' and ')}’s working hours` : 'it is outside your shared working hours';
}

