import { randomUUID } from 'node:crypto';
import { Brackets, type DataSource, type Repository } from 'typeorm';
import type { Attendee, CalendarPort, EventChange, EventRef, EventResult, Interval, NewEvent, NotBusy } from '../../domain/calendar/calendar-port';
import type { AttendeeChange } from '../../domain/conferences/ports';
import type { CalendarEventRow } from '../schema/calendar';
import { hydrate, PreparedStatement } from '../prepared';
import { inTransaction } from '../transactions';
import { BUSY_STATES, emptyBusyMap, normaliseBusy, notBusyByMailbox } from './busy-intervals';

/**
 * Not a Teams meeting: nothing exists behind this link. It only keeps the shape of a Graph answer
 * (a stable link per event) so that the bot behaves the same with and without Microsoft 365.
 */
export const EMBEDDED_JOIN_URL_PREFIX = 'https://teams.microsoft.com/l/meetup-join/embedded/';

// SQL Server takes at most 2,100 parameters; each mailbox costs two (IN and LIKE).
const MAILBOXES_PER_QUERY = 200;

/**
 * The calendar kept in SQL, for running without Microsoft 365. One row per event, in the
 * organiser's diary; attendees see it in their busy time as Outlook would show them the invitation.
 */
export class EmbeddedCalendar implements CalendarPort {
  private readonly rows: Repository<CalendarEventRow>;
  private readonly busyStatements = new Map<number, PreparedStatement>();

  constructor(private readonly dataSource: DataSource) {
    this.rows = dataSource.getRepository<CalendarEventRow>('CalendarEvent');
  }

  async busy(mailboxes: readonly string[], from: Date, to: Date, except?: NotBusy): Promise<Map<string, Interval[]>> {
    const result = emptyBusyMap(mailboxes);
    const wanted = [...result.keys()];
    if (!wanted.length || to.getTime() <= from.getTime()) return result;
    const found = new Map<string, Interval[]>(wanted.map((m) => [m, []]));
    for (let i = 0; i < wanted.length; i += MAILBOXES_PER_QUERY) {
      const chunk = wanted.slice(i, i + MAILBOXES_PER_QUERY);
      const parameters: Record<string, unknown> = { from, to, states: BUSY_STATES, mailboxes: chunk };
      chunk.forEach((m, n) => (parameters[`attendee${n}`] = `%${m}%`));
      const raws = await this.busyFor(chunk.length).run(parameters);
      for (const raw of raws) {
        const row = hydrate<CalendarEventRow>(this.dataSource, 'CalendarEvent', 'e', raw)!;
        const interval = { start: row.startsAt, end: row.endsAt };
        const people = new Set([row.mailbox.toLowerCase(), ...parseAttendees(row.attendees).map((a) => a.email.toLowerCase())]);
        for (const m of chunk) if (people.has(m)) found.get(m)!.push(interval);
      }
    }
    const notBusy = notBusyByMailbox(except);
    for (const [mailbox, intervals] of found) result.set(mailbox, normaliseBusy(intervals, from, to, notBusy.get(mailbox)));
    return result;
  }

  /** The busy-time statement for so many mailboxes (every proposal reads two or three): written once for each number. */
  private busyFor(count: number): PreparedStatement {
    let statement = this.busyStatements.get(count);
    if (!statement) {
      statement = new PreparedStatement(this.dataSource, (manager) =>
        manager
          .getRepository<CalendarEventRow>('CalendarEvent')
          .createQueryBuilder('e')
          .where('e.startsAt < :to AND e.endsAt > :from')
          .andWhere('e.showAs IN (:...states)')
          .andWhere(
            new Brackets((who) => {
              who.where('e.mailbox IN (:...mailboxes)');
              // A coarse filter only (LIKE's "_" matches any character); the exact check is in `busy`.
              for (let n = 0; n < count; n++) who.orWhere(`LOWER(e.attendees) LIKE :attendee${n}`);
            }),
          )
          .getQuery(),
      );
      this.busyStatements.set(count, statement);
    }
    return statement;
  }

  async createEvents(events: readonly NewEvent[]): Promise<EventResult[]> {
    const results: EventResult[] = [];
    // One at a time, so two events with the same transactionId in one call make one row.
    for (const event of events) results.push(await this.createOne(event));
    return results;
  }

  async moveEvents(changes: readonly EventChange[]): Promise<EventResult[]> {
    const results: EventResult[] = [];
    for (const change of changes) {
      if (change.end.getTime() < change.start.getTime()) {
        results.push(failure(change.mailbox, 'The end is before the start.', false));
        continue;
      }
      try {
        const row = await inTransaction(this.dataSource, async (manager) => {
          const repo = manager.getRepository<CalendarEventRow>('CalendarEvent');
          const existing = await repo.findOne({ where: { id: change.eventId, mailbox: change.mailbox.toLowerCase() } });
          if (!existing) return null;
          await repo.update({ id: existing.id }, { startsAt: change.start, endsAt: change.end });
          return existing;
        });
        results.push(row ? success(change.mailbox, row) : failure(change.mailbox, 'The event does not exist (it may have been deleted).', false));
      } catch (error) {
        results.push(failure(change.mailbox, describe(error), true));
      }
    }
    return results;
  }

  async setAttendees(changes: readonly AttendeeChange[]): Promise<EventResult[]> {
    const results: EventResult[] = [];
    for (const change of changes) {
      try {
        const attendees = JSON.stringify(change.attendees.map((a): Attendee => ({ email: a.email, name: a.name })));
        const updated = await this.rows.update({ id: change.eventId, mailbox: change.mailbox.toLowerCase() }, { attendees });
        const row = updated.affected ? await this.rows.findOne({ where: { id: change.eventId } }) : null;
        results.push(row ? success(change.mailbox, row) : failure(change.mailbox, 'The event does not exist (it may have been deleted).', false));
      } catch (error) {
        results.push(failure(change.mailbox, describe(error), true));
      }
    }
    return results;
  }

  async deleteEvents(refs: readonly EventRef[]): Promise<EventResult[]> {
    const results: EventResult[] = [];
    for (const ref of refs) {
      try {
        await inTransaction(this.dataSource, (manager) =>
          manager.getRepository<CalendarEventRow>('CalendarEvent').delete({ id: ref.eventId, mailbox: ref.mailbox.toLowerCase() }),
        );
        results.push({ ok: true, mailbox: ref.mailbox, eventId: ref.eventId, joinUrl: null });
      } catch (error) {
        results.push(failure(ref.mailbox, describe(error), true));
      }
    }
    return results;
  }

  private async createOne(event: NewEvent): Promise<EventResult> {
    if (event.end.getTime() < event.start.getTime()) return failure(event.mailbox, 'The end is before the start.', false);
    const mailbox = event.mailbox.toLowerCase();
    const key = { mailbox, transactionId: event.transactionId };
    try {
      const row = await inTransaction(this.dataSource, async (manager) => {
        const repo = manager.getRepository<CalendarEventRow>('CalendarEvent');
        const existing = await repo.findOne({ where: key });
        if (existing) return existing;
        const id = randomUUID();
        const fresh: CalendarEventRow = {
          id,
          mailbox,
          subject: event.subject.slice(0, 255),
          body: event.body,
          startsAt: event.start,
          endsAt: event.end,
          showAs: event.showAs,
          attendees: JSON.stringify(event.attendees.map((a): Attendee => ({ email: a.email, name: a.name }))),
          location: event.location === null ? null : event.location.slice(0, 255),
          joinUrl: event.onlineMeeting ? `${EMBEDDED_JOIN_URL_PREFIX}${id}` : null,
          transactionId: event.transactionId,
          createdAt: new Date(),
        };
        await repo.insert(fresh);
        return fresh;
      });
      return success(event.mailbox, row);
    } catch (error) {
      // On SQL Server two instances can both miss the row and both insert; the unique key keeps one.
      const winner = await this.rows.findOne({ where: key }).catch(() => null);
      return winner ? success(event.mailbox, winner) : failure(event.mailbox, describe(error), true);
    }
  }
}

function parseAttendees(json: string): Attendee[] {
  try {
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((a): a is Attendee => typeof a === 'object' && a !== null && typeof (a as { email?: unknown }).email === 'string');
  } catch {
    return [];
  }
}

function success(mailbox: string, row: CalendarEventRow): EventResult {
  return { ok: true, mailbox, eventId: row.id, joinUrl: row.joinUrl };
}

function failure(mailbox: string, error: string, retryable: boolean): EventResult {
  return { ok: false, mailbox, error, retryable };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
