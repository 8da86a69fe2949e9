import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../schema/dialect';
import { MEETING_BOOKED_STATUSES } from './1765950000000-MeetingBookedMoving';

/** What the time was taken from before: a booking in status 'booked' only (MeetingTimeOnRequest1765300000000). */
const BOOKED_ONLY = ['booked'] as const;

/**
 * The meeting's time on the request is taken from a booking being moved too, as "has a booked meeting"
 * is (MeetingBookedMoving1765950000000, whose list of statuses this shares): a move that could not be
 * written to every diary stays 'moving', yet its meeting takes place at the booking's (new) time, so it
 * stays in the DEA's `meetings`, which lists only a request with a meeting time.
 */
export class MeetingTimeMoving1765970000000 implements MigrationInterface {
  name = 'MeetingTimeMoving1765970000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await keepMeetingTime(queryRunner, MEETING_BOOKED_STATUSES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await keepMeetingTime(queryRunner, BOOKED_ONLY);
  }
}

/**
 * The triggers of MeetingTimeOnRequest1765300000000 taking the time of a booking in `statuses`
 * (constants, never input), the earliest if ever two as before, then the time of every request whose
 * value that changes, cleared where no such booking is left. The triggers change first, so a booking
 * written meanwhile is already kept by the new rule.
 */
async function keepMeetingTime(queryRunner: QueryRunner, statuses: readonly string[]): Promise<void> {
  const met = `status IN (${statuses.map((s) => `'${s}'`).join(', ')})`;
  if (dialectOf(queryRunner.connection.options.type) === 'mssql') {
    const fill = (where: string) =>
      'UPDATE r SET meetingStartsAt = b.startsAt, meetingEndsAt = b.endsAt FROM support_request r ' +
      `OUTER APPLY (SELECT TOP 1 startsAt, endsAt FROM booking WHERE requestId = r.id AND ${met} ORDER BY startsAt) b WHERE ${where}`;
    // Silent about its own rows: the caller's statement must report only its own count (optimistic versions read it).
    await queryRunner.query(
      'ALTER TRIGGER TRG_booking_meeting_time ON booking AFTER INSERT, UPDATE, DELETE AS BEGIN SET NOCOUNT ON; ' +
        fill('r.id IN (SELECT requestId FROM inserted UNION SELECT requestId FROM deleted)') +
        '; END',
    );
    // EXCEPT compares NULLs as equal, so a time newly taken, changed or cleared is each written, and no other row.
    await queryRunner.query(fill('EXISTS (SELECT r.meetingStartsAt, r.meetingEndsAt EXCEPT SELECT b.startsAt, b.endsAt)'));
  } else {
    const time = (requestId: string) => `(SELECT b.startsAt, b.endsAt FROM booking b WHERE b.requestId = ${requestId} AND b.${met} ORDER BY b.startsAt LIMIT 1)`;
    const set = (requestId: string, where = `id = ${requestId}`) => `UPDATE support_request SET ("meetingStartsAt", "meetingEndsAt") = ${time(requestId)} WHERE ${where};`;
    // SQLite cannot alter a trigger: each is made again, inside the migration's transaction.
    for (const on of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER TRG_booking_meeting_time_${on}`);
    await queryRunner.query(`CREATE TRIGGER TRG_booking_meeting_time_insert AFTER INSERT ON booking BEGIN ${set('NEW.requestId')} END`);
    await queryRunner.query(`CREATE TRIGGER TRG_booking_meeting_time_update AFTER UPDATE OF status, requestId, startsAt, endsAt ON booking BEGIN ${set('NEW.requestId')} ${set('OLD.requestId')} END`);
    await queryRunner.query(`CREATE TRIGGER TRG_booking_meeting_time_delete AFTER DELETE ON booking BEGIN ${set('OLD.requestId')} END`);
    // IS NOT compares NULLs as equal, and a subquery with no row as NULLs: only a time that changes is written.
    await queryRunner.query(set('support_request.id', `("meetingStartsAt", "meetingEndsAt") IS NOT ${time('support_request.id')}`));
  }
}
