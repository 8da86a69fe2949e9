import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../schema/dialect';

/**
 * The statuses of a booking whose meeting takes place, when these triggers were written (the domain's
 * MET_STATUSES; a test holds them equal). Written out rather than imported: a migration is run once,
 * so a later change to the domain's list needs a migration of its own to reach existing databases.
 */
export const MEETING_BOOKED_STATUSES = ['booked', 'moving'] as const;

/** What the flag counted before: a booking in status 'booked' only (MeetingBookedFlag1765100000000). */
const BOOKED_ONLY = ['booked'] as const;

/**
 * "Has a booked meeting" counts a booking being moved, as the domain does: a move that could not be
 * written to every diary stays 'moving', yet its meeting takes place at its time, so it counts toward
 * the claimant's three interventions (seed §36) and the team leader may check it.
 */
export class MeetingBookedMoving1765950000000 implements MigrationInterface {
  name = 'MeetingBookedMoving1765950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await keepMeetingBooked(queryRunner, MEETING_BOOKED_STATUSES);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await keepMeetingBooked(queryRunner, BOOKED_ONLY);
  }
}

/**
 * The triggers of MeetingBookedFlag1765100000000 counting bookings in `statuses` (constants, never
 * input), then the flag of every request whose value that changes. The triggers change first, so a
 * booking written meanwhile is already kept by the new rule.
 */
async function keepMeetingBooked(queryRunner: QueryRunner, statuses: readonly string[]): Promise<void> {
  const met = `b.status IN (${statuses.map((s) => `'${s}'`).join(', ')})`;
  if (dialectOf(queryRunner.connection.options.type) === 'mssql') {
    const flag = `CASE WHEN EXISTS (SELECT 1 FROM booking b WHERE b.requestId = r.id AND ${met}) THEN 1 ELSE 0 END`;
    // Silent about its own rows: the caller's statement must report only its own count (optimistic versions read it).
    await queryRunner.query(
      'ALTER TRIGGER TRG_booking_meeting_booked ON booking AFTER INSERT, UPDATE, DELETE AS BEGIN SET NOCOUNT ON; ' +
        `UPDATE r SET meetingBooked = ${flag} ` +
        'FROM support_request r WHERE r.id IN (SELECT requestId FROM inserted UNION SELECT requestId FROM deleted); END',
    );
    await queryRunner.query(`UPDATE r SET meetingBooked = ${flag} FROM support_request r WHERE r.meetingBooked <> ${flag}`);
  } else {
    const flag = (requestId: string) => `EXISTS (SELECT 1 FROM booking b WHERE b.requestId = ${requestId} AND ${met})`;
    const set = (requestId: string) => `UPDATE support_request SET meetingBooked = ${flag(requestId)} WHERE id = ${requestId};`;
    // SQLite cannot alter a trigger: each is made again, inside the migration's transaction.
    for (const on of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER TRG_booking_meeting_booked_${on}`);
    await queryRunner.query(`CREATE TRIGGER TRG_booking_meeting_booked_insert AFTER INSERT ON booking BEGIN ${set('NEW.requestId')} END`);
    await queryRunner.query(`CREATE TRIGGER TRG_booking_meeting_booked_update AFTER UPDATE OF status, requestId ON booking BEGIN ${set('NEW.requestId')} ${set('OLD.requestId')} END`);
    await queryRunner.query(`CREATE TRIGGER TRG_booking_meeting_booked_delete AFTER DELETE ON booking BEGIN ${set('OLD.requestId')} END`);
    await queryRunner.query(`UPDATE support_request SET meetingBooked = ${flag('support_request.id')} WHERE meetingBooked <> ${flag('support_request.id')}`);
  }
}
