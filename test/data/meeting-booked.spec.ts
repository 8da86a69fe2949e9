import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MEETING_BOOKED_STATUSES, MeetingBookedMoving1765950000000 } from '../../data/migrations/1765950000000-MeetingBookedMoving';
import { MeetingTimeMoving1765970000000 } from '../../data/migrations/1765970000000-MeetingTimeMoving';
import { applySeed } from '../../data/seed/apply-seed';
import { parseSeedFile } from '../../data/seed/seed-file';
import { SqlBookingStore } from '../../data/stores/bookings';
import { SqlInterventionStore } from '../../data/stores/interventions';
import { SqlRequestLists } from '../../data/stores/request-lists';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import { MET_STATUSES, type Booking, type BookingStatus } from '../../domain/calendar/booking';
import { MEETING_STATUSES } from '../../domain/requests/state-machine';
import type { RequestStatus, SupportRequest } from '../../domain/requests/support-request';
import type { StaffMember } from '../../domain/staff';
import { openTempDatabase, type TempDatabase } from '../support/template-database';

/** Every booking status: the compiler refuses this list if one is added or left out. */
const BOOKING_STATUSES = Object.keys({ pending: 1, booked: 1, failed: 1, moving: 1, cancelling: 1, cancelled: 1 } satisfies Record<BookingStatus, 1>) as BookingStatus[];

const NINO = 'AB123456C';

/**
 * The request's "has a booked meeting" flag, kept by the database's triggers, against the domain's
 * rule for a meeting that takes place (MET_STATUSES): a move not written to every diary stays 'moving'
 * and its meeting is still held, so the flag's readers must count it as the domain does.
 */
describe('"has a booked meeting" on the request, kept as the domain counts a meeting that takes place', () => {
  let db: TempDatabase;
  let requests: SqlSupportRequestStore;
  let bookings: SqlBookingStore;
  let coach: StaffMember;
  let teamLeader: StaffMember;
  const at = new Date('2026-11-23T10:00:00.000Z');

  beforeEach(async () => {
    db = await openTempDatabase();
    await applySeed(db.dataSource, parseSeedFile(readFileSync(join(__dirname, '..', '..', 'data', 'seed', 'demo-staff.json'), 'utf8')));
    const directory = new SqlStaffDirectory(db.dataSource);
    coach = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000001'))!;
    teamLeader = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000003'))!;
    requests = new SqlSupportRequestStore(db.dataSource);
    bookings = new SqlBookingStore(db.dataSource);
  });
  afterEach(async () => db.close());

  /** A claimant support intervention the claimant had: booked, held, its outcome recorded, closed. */
  const closedIntervention = () => intervention(['booked', 'held', 'outcome_recorded', 'closed']);

  /** A claimant support intervention with its booking booked, the request taken through `through`. */
  const intervention = async (through: readonly RequestStatus[]): Promise<{ request: SupportRequest; booking: Booking }> => {
    let request = await requests.create(
      {
        type: 'claimant_support',
        requesterId: coach.id,
        deaId: coach.deaId!,
        claimant: { surname: 'Smith', nino: NINO, benefits: ['UC'] },
        topic: null,
        description: 'Challenges',
        reason: 'Why',
        requiredBy: null,
        urgent: false,
        vulnerability: null,
        acceptedAs: 'claimant_support_intervention',
      },
      at,
    );
    const pending = await bookings.create({ requestId: request.id, start: new Date('2026-11-16T10:00:00.000Z'), end: new Date('2026-11-16T11:00:00.000Z'), mode: 'face_to_face' }, at);
    const booking = await bookings.update(pending.id, pending.version, { status: 'booked' }, at);
    for (const to of through) {
      request = await requests.changeStatus({ requestId: request.id, expectedVersion: request.version, to, actorId: request.deaId, action: to, at });
    }
    return { request, booking };
  };

  const flagOf = async (requestId: string): Promise<number> => {
    const rows = (await db.dataSource.query('SELECT meetingBooked FROM support_request WHERE id = ?', [requestId])) as { meetingBooked: number }[];
    return Number(rows[0]!.meetingBooked);
  };

  /** A move the diaries have not all taken: the booking has its new time and stays 'moving'. */
  const moveStuck = (booking: Booking) => bookings.update(booking.id, booking.version, { status: 'moving', start: new Date('2026-11-17T10:00:00.000Z'), end: new Date('2026-11-17T11:00:00.000Z') }, at);

  it("holds the domain's meeting statuses", () => {
    expect([...MEETING_BOOKED_STATUSES]).toEqual([...MET_STATUSES]);
  });

  it('stays 1 while a booked meeting is being moved, and is 0 once it is cancelled', async () => {
    const { request, booking } = await closedIntervention();
    expect(await flagOf(request.id)).toBe(1);
    const moving = await moveStuck(booking);
    expect(await flagOf(request.id)).toBe(1);
    await bookings.update(moving.id, moving.version, { status: 'cancelled' }, at);
    expect(await flagOf(request.id)).toBe(0);
  });

  it('is 1 for exactly the booking statuses whose meeting takes place', async () => {
    const { request, booking: first } = await closedIntervention();
    let booking = first;
    for (const status of BOOKING_STATUSES) {
      booking = await bookings.update(booking.id, booking.version, { status }, at);
      expect({ status, flag: await flagOf(request.id) }).toEqual({ status, flag: MET_STATUSES.includes(status) ? 1 : 0 });
    }
    // Whatever writes the booking: erased, then written straight in as being moved.
    await db.dataSource.query('DELETE FROM booking WHERE id = ?', [booking.id]);
    expect(await flagOf(request.id)).toBe(0);
    const stamp = at.toISOString();
    await db.dataSource.query(
      "INSERT INTO booking (id, requestId, startsAt, endsAt, mode, status, events, version, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'teams', 'moving', '[]', 1, ?, ?)",
      [randomUUID(), request.id, stamp, stamp, stamp, stamp],
    );
    expect(await flagOf(request.id)).toBe(1);
  });

  it('is set by the migration on a request whose booking was already being moved, and cleared by its down', async () => {
    const { request, booking } = await closedIntervention();
    await moveStuck(booking);
    const runner = db.dataSource.createQueryRunner();
    try {
      await new MeetingBookedMoving1765950000000().down(runner);
      expect(await flagOf(request.id)).toBe(0);
      await new MeetingBookedMoving1765950000000().up(runner);
      expect(await flagOf(request.id)).toBe(1);
    } finally {
      await runner.release();
    }
  });

  it("counts a closed intervention whose move is stuck towards the claimant's three (seed §36)", async () => {
    const interventions = new SqlInterventionStore(db.dataSource);
    const { booking } = await closedIntervention();
    const moving = await moveStuck(booking);
    expect(await interventions.countInterventions(NINO, 'another request', MEETING_STATUSES)).toBe(1);
    await bookings.update(moving.id, moving.version, { status: 'cancelled' }, at);
    expect(await interventions.countInterventions(NINO, 'another request', MEETING_STATUSES)).toBe(0);
  });

  it("lists a meeting whose move is stuck in the team leader's quality checks", async () => {
    const lists = new SqlRequestLists(db.dataSource);
    const { request, booking } = await closedIntervention();
    await moveStuck(booking);
    expect(await lists.checkable(teamLeader.id, 0, 25)).toMatchObject({ total: 1, items: [{ id: request.id }] });
  });

  /**
   * When that meeting starts and ends, kept beside the request by triggers of its own: the DEA's
   * `meetings` lists only a request with a time, so a meeting being moved must keep one, its new time.
   */
  describe("and the meeting's time on the request, kept likewise", () => {
    const movedTo = { start: '2026-11-17T10:00:00.000Z', end: '2026-11-17T11:00:00.000Z' };
    const bookedAt = { start: '2026-11-16T10:00:00.000Z', end: '2026-11-16T11:00:00.000Z' };

    /** The request's meeting time as instants, or null if it has none. */
    const timeOf = async (requestId: string): Promise<{ start: string | null; end: string | null } | null> => {
      const rows = (await db.dataSource.query('SELECT meetingStartsAt, meetingEndsAt FROM support_request WHERE id = ?', [requestId])) as { meetingStartsAt: string | null; meetingEndsAt: string | null }[];
      // SQLite holds TypeORM's UTC text without its zone.
      const instant = (stored: string | null) => (stored === null ? null : new Date(`${stored.replace(' ', 'T')}Z`).toISOString());
      const [start, end] = [instant(rows[0]!.meetingStartsAt), instant(rows[0]!.meetingEndsAt)];
      return start === null && end === null ? null : { start, end };
    };

    it('is the new time while a booked meeting is being moved, and none once it is cancelled', async () => {
      const { request, booking } = await intervention(['booked']);
      expect(await timeOf(request.id)).toEqual(bookedAt);
      const moving = await moveStuck(booking);
      expect({ status: moving.status, start: moving.start.toISOString(), end: moving.end.toISOString() }).toEqual({ status: 'moving', ...movedTo });
      expect(await timeOf(request.id)).toEqual(movedTo);
      await bookings.update(moving.id, moving.version, { status: 'cancelled' }, at);
      expect(await timeOf(request.id)).toBeNull();
    });

    it('is set for exactly the booking statuses whose meeting takes place, as the flag is', async () => {
      const { request, booking: first } = await intervention(['booked']);
      let booking = first;
      for (const status of BOOKING_STATUSES) {
        booking = await bookings.update(booking.id, booking.version, { status }, at);
        expect({ status, time: await timeOf(request.id) }).toEqual({ status, time: MET_STATUSES.includes(status) ? bookedAt : null });
      }
    });

    it("keeps the meeting in the DEA's meetings, at its new time, while its move is stuck", async () => {
      const lists = new SqlRequestLists(db.dataSource);
      const { request, booking } = await intervention(['booked']);
      await moveStuck(booking);
      expect(await lists.meetings(request.deaId, 0, 25)).toMatchObject({ total: 1, items: [{ id: request.id, start: new Date(movedTo.start), end: new Date(movedTo.end) }] });
    });

    it('is set by the migration on a request whose booking was already being moved, and cleared by its down', async () => {
      const { request, booking } = await intervention(['booked']);
      await moveStuck(booking);
      expect(await timeOf(request.id)).toEqual(movedTo);
      const runner = db.dataSource.createQueryRunner();
      try {
        await new MeetingTimeMoving1765970000000().down(runner);
        expect(await timeOf(request.id)).toBeNull();
        await new MeetingTimeMoving1765970000000().up(runner);
        expect(await timeOf(request.id)).toEqual(movedTo);
      } finally {
        await runner.release();
      }
    });
  });
});
