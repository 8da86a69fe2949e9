import { randomUUID } from 'node:crypto';
import { managerOf, repositoryOf } from '../transactions';
import type { DataSource, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { BOOKING_STARTED, MET_STATUSES, type BookedEvent, type Booking, type BookingStatus, type BookingStore, type ClaimantContact, type MeetingMode } from '../../domain/calendar/booking';
import { conflict, notFound } from '../../domain/errors';
import { hydrate, PreparedStatement } from '../prepared';
import type { BookingRow } from '../schema/calendar';

/** Bookings in SQL, with optimistic concurrency on their version. */
export class SqlBookingStore implements BookingStore {
  private get rows(): Repository<BookingRow> {
    return repositoryOf<BookingRow>(this.dataSource, 'Booking');
  }

  private readonly currentOf: PreparedStatement;
  private readonly byId: PreparedStatement;

  constructor(private readonly dataSource: DataSource) {
    // Read for every card of a request with a booking channel.
    this.currentOf = this.prepare((q) => q.where("e.requestId = :requestId AND e.status IN ('pending', 'booked', 'failed', 'moving', 'cancelling')").orderBy('e.createdAt', 'DESC').limit(1));
    this.byId = this.prepare((q) => q.where('e.id = :id'));
  }

  /** A read of bookings (alias `e`), each with who clicked to book it, written once. */
  private prepare(build: (query: SelectQueryBuilder<BookingRow>) => SelectQueryBuilder<BookingRow>): PreparedStatement {
    return new PreparedStatement(this.dataSource, (manager) => build(withStarter(manager.getRepository<BookingRow>('Booking').createQueryBuilder('e'), 'e')).getQuery());
  }

  private toBookings(raws: readonly ObjectLiteral[], alias: string): Booking[] {
    return raws.flatMap((raw) => {
      const row = hydrate<BookingRow>(this.dataSource, 'Booking', alias, raw);
      return row ? [toBooking(row, raw[STARTED_BY])] : [];
    });
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
    return this.toBookings(await this.byId.run({ id }), 'e')[0] ?? null;
  }

  async currentFor(requestId: string): Promise<Booking | null> {
    return this.toBookings(await this.currentOf.run({ requestId }), 'e')[0] ?? null;
  }

  async endedBy(at: Date): Promise<Booking[]> {
    const raws = await withStarter(this.rows.createQueryBuilder('b'), 'b')
      .innerJoin('SupportRequest', 'r', 'r.id = b.requestId')
      // A move not yet in every diary (its work given up after many tries) still has its time: that meeting is held too.
      .where('b.status IN (:...held) AND r.status = :booked AND b.endsAt <= :at', { held: MET_STATUSES, booked: 'booked', at })
      .orderBy('b.endsAt', 'ASC')
      .getRawMany<ObjectLiteral>();
    return this.toBookings(raws, 'b');
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

/** The raw column of who clicked to book a booking. */
const STARTED_BY = 'startedBy';

/**
 * Adds who clicked to book each booking: the actor of the request's latest start at or before the
 * booking was made (the click and the booking are written in one transaction, at one instant), so an
 * earlier booking, cancelled, keeps its own. No column to keep in step, and no statement more.
 */
function withStarter(query: SelectQueryBuilder<BookingRow>, alias: string): SelectQueryBuilder<BookingRow> {
  return query.addSelect(
    (sub) => sub.select('s.actorId').from('RequestEvent', 's').where(`s.requestId = ${alias}.requestId AND s.action = '${BOOKING_STARTED}' AND s.at <= ${alias}.createdAt`).orderBy('s.at', 'DESC').limit(1),
    STARTED_BY,
  );
}

function toBooking(row: BookingRow, startedBy: unknown): Booking {
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
    startedBy: typeof startedBy === 'string' ? startedBy : null,
    version: row.version,
  };
}
