import type { EventChange, EventRef, EventResult, Interval, NewEvent, NotBusy } from '../../domain/calendar/calendar-port';
import type { AttendeeChange, ConferenceCalendar } from '../../domain/conferences/ports';
import type { CrashPoints } from './crash-points';

/**
 * The calendar with crash points between its writes (`calendar.created`, `calendar.moved`,
 * `calendar.deleted`, reached after each event), for crash tests only: each event is written in a
 * call of its own, so the process can stop with some diaries written and others not.
 */
export class CrashingCalendar implements ConferenceCalendar {
  constructor(
    private readonly inner: ConferenceCalendar,
    private readonly crash: CrashPoints,
  ) {}

  busy(mailboxes: readonly string[], from: Date, to: Date, except?: NotBusy): Promise<Map<string, Interval[]>> {
    return this.inner.busy(mailboxes, from, to, except);
  }

  createEvents(events: readonly NewEvent[]): Promise<EventResult[]> {
    return this.oneByOne(events, (e) => this.inner.createEvents([e]), 'calendar.created');
  }

  moveEvents(changes: readonly EventChange[]): Promise<EventResult[]> {
    return this.oneByOne(changes, (c) => this.inner.moveEvents([c]), 'calendar.moved');
  }

  deleteEvents(refs: readonly EventRef[]): Promise<EventResult[]> {
    return this.oneByOne(refs, (r) => this.inner.deleteEvents([r]), 'calendar.deleted');
  }

  setAttendees(changes: readonly AttendeeChange[]): Promise<EventResult[]> {
    return this.inner.setAttendees(changes);
  }

  private async oneByOne<T>(items: readonly T[], write: (item: T) => Promise<EventResult[]>, point: string): Promise<EventResult[]> {
    const results: EventResult[] = [];
    for (const item of items) {
      results.push(...(await write(item)));
      this.crash.at(point);
    }
    return results;
  }
}
