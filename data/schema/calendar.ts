import { EntitySchema } from 'typeorm';
import { dialectTypes, manyToOne, type SqlDialect } from './dialect';
import { EMAIL } from './case-folded';

/** An event in the embedded calendar (used when Microsoft Graph is not configured). */
export interface CalendarEventRow {
  id: string;
  mailbox: string;
  subject: string;
  body: string;
  startsAt: Date;
  endsAt: Date;
  showAs: string;
  /** JSON array of { email, name }. */
  attendees: string;
  location: string | null;
  joinUrl: string | null;
  transactionId: string;
  createdAt: Date;
}

/** A meeting booked for a request, and the diary events it made (to move or cancel them all). */
export interface BookingRow {
  id: string;
  requestId: string;
  startsAt: Date;
  endsAt: Date;
  mode: string;
  status: string;
  /** JSON array of { mailbox, eventId, role }. */
  events: string;
  joinUrl: string | null;
  lastError: string | null;
  /** Claimant support interventions: how the DEA contacted the claimant (seed §40). */
  claimantContact: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  request?: unknown;
}

export function calendarEventSchema(dialect: SqlDialect): EntitySchema<CalendarEventRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<CalendarEventRow>({
    name: 'CalendarEvent',
    tableName: 'calendar_event',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      mailbox: { type: 'nvarchar', length: 320, transformer: EMAIL },
      subject: { type: 'nvarchar', length: 255 },
      body: { ...t.longText },
      startsAt: { ...t.timestamp },
      endsAt: { ...t.timestamp },
      showAs: { type: 'varchar', length: 12 },
      attendees: { ...t.longText },
      location: { type: 'nvarchar', length: 255, nullable: true },
      joinUrl: { type: 'nvarchar', length: 400, nullable: true },
      transactionId: { type: 'varchar', length: 100 },
      createdAt: { ...t.timestamp },
    },
    uniques: [{ name: 'UQ_calendar_event_transaction', columns: ['mailbox', 'transactionId'] }],
    indices: [
      { name: 'IDX_calendar_event_mailbox_start', columns: ['mailbox', 'startsAt'] },
      { name: 'IDX_calendar_event_end', columns: ['endsAt'] },
    ],
  });
}

export function bookingSchema(dialect: SqlDialect): EntitySchema<BookingRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<BookingRow>({
    name: 'Booking',
    tableName: 'booking',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      requestId: { type: 'varchar', length: 36 },
      startsAt: { ...t.timestamp },
      endsAt: { ...t.timestamp },
      mode: { type: 'varchar', length: 20 },
      status: { type: 'varchar', length: 20 },
      events: { ...t.longText },
      joinUrl: { type: 'nvarchar', length: 400, nullable: true },
      lastError: { type: 'nvarchar', length: 400, nullable: true },
      version: { ...t.integer },
      createdAt: { ...t.timestamp },
      updatedAt: { ...t.timestamp },
      claimantContact: { type: 'varchar', length: 20, nullable: true },
    },
    indices: [
      { name: 'IDX_booking_request', columns: ['requestId'] },
      { name: 'IDX_booking_status_end', columns: ['status', 'endsAt'] },
      { name: 'IDX_booking_request_status', columns: ['requestId', 'status'] },
    ],
    relations: { request: manyToOne('SupportRequest', 'requestId', 'FK_booking_request') },
  });
}
