import { randomUUID } from 'node:crypto';
import { managerOf, repositoryOf } from '../transactions';
import type { DataSource, Repository } from 'typeorm';
import { MET_STATUSES, type BookedEvent, type Booking, type BookingStatus, type BookingStore, type ClaimantContact, type MeetingMode } from '../../domain/calendar/booking';
import { conflict, notFound } from '../../domain/errors';
import { PreparedFind } from '../prepared';
import type { BookingRow } from '../schema/calendar';

/** Bookings in SQL, with optimistic concurrency on their version. */
export class SqlBookingStore implements BookingStore {
  private get rows(): Repository<BookingRow> {
    return repositoryOf<BookingRow>(this.dataSource, 'Booking');
  }

  private readonly currentOf: PreparedFind<BookingRow>;

  constructor(private readonly dataSource: DataSource) {
    // Read for every card of a request with a booking channel.
    this.currentOf = new PreparedFind<BookingRow>(dataSource, 'Booking', (q) =>
      q.where("e.requestId = :requestId AND e.status IN ('pending', 'booked', 'failed', 'moving', 'cancelling')").orderBy('e.createdAt', 'DESC').limit(1),
    );
  }

  async create(booking: Parameters<BookingStore['create']>[0], at: Date): Promise<Booking> {
    const id = randomUUID();
    await this.rows.insert({
      id,
      requestId: booking.requestId,
      startsAt: booking.start,
      endsAt: booking.end,
      mode: booking.mode,
      status: 'pending',
      events: '[]',
      joinUrl: null,
      lastError: null,
      claimantContact: booking.claimantContact ?? null,
      version: 1,
      createdAt: at,
      updatedAt: at,
    });
    return (await this.find(id))!;
  }

  async find(id: string): Promise<Booking | null> {
    const row = await this.rows.findOne({ where: { id } });
    return row ? toBooking(row) : null;
  }

  async currentFor(requestId: string): Promise<Booking | null> {
    const row = await this.currentOf.one({ requestId });
    return row ? toBooking(row) : null;
  }

  async endedBy(at: Date): Promise<Booking[]> {
    const rows = await this.rows
      .createQueryBuilder('b')
      .innerJoin('SupportRequest', 'r', 'r.id = b.requestId')
      // A move not yet in every diary (its work given up after many tries) still has its time: that meeting is held too.
      .where('b.status IN (:...held) AND r.status = :booked AND b.endsAt <= :at', { held: MET_STATUSES, booked: 'booked', at })
      .orderBy('b.endsAt', 'ASC')
      .getMany();
    return rows.map(toBooking);
  }

  async update(id: string, expectedVersion: number, changes: Partial<Pick<Booking, 'status' | 'events' | 'joinUrl' | 'lastError' | 'start' | 'end'>>, at: Date): Promise<Booking> {
    const set: Partial<BookingRow> = { version: expectedVersion + 1, updatedAt: at };
    if (changes.status !== undefined) set.status = changes.status;
    if (changes.events !== undefined) set.events = JSON.stringify(changes.events);
    if (changes.joinUrl !== undefined) set.joinUrl = changes.joinUrl;
    if (changes.lastError !== undefined) set.lastError = changes.lastError;
    if (changes.start !== undefined) set.startsAt = changes.start;
    if (changes.end !== undefined) set.endsAt = changes.end;
    const result = await managerOf(this.dataSource).createQueryBuilder().update('Booking').set(set).where('id = :id AND version = :version', { id, version: expectedVersion }).execute();
    if (result.affected !== 1) {
      if (!(await this.find(id))) throw notFound('That booking does not exist.');
      throw conflict('The booking changed meanwhile.');
    }
    return (await this.find(id))!;
  }
}

function toBooking(row: BookingRow): Booking {
  return {
    id: row.id,
    requestId: row.requestId,
    start: row.startsAt,
    end: row.endsAt,
    mode: row.mode as MeetingMode,
    status: row.status as BookingStatus,
    // Events written before the adviser was named so called the DEA's diary 'dea'.
    events: (JSON.parse(row.events) as (Omit<BookedEvent, 'role'> & { role: BookedEvent['role'] | 'dea' })[]).map((e) => ({ ...e, role: e.role === 'dea' ? 'adviser' : e.role })),
    joinUrl: row.joinUrl,
    lastError: row.lastError,
    claimantContact: row.claimantContact as ClaimantContact | null,
    version: row.version,
  };
}
