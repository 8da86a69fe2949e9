import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';

/**
 * When a request's booked meeting starts and ends, kept on the request by the database itself
 * whatever writes a booking (booked, moved, cancelled, erased), as "has a booked meeting" already is.
 * A DEA's `meetings` list is then chosen, ordered and counted from one index on the requests, instead
 * of joining the booking of each of hundreds of meetings to order them.
 */
export class MeetingTimeOnRequest1765300000000 implements MigrationInterface {
  name = 'MeetingTimeOnRequest1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const dialect = dialectOf(queryRunner.connection.options.type);
    const t = dialectTypes(dialect);
    for (const name of ['meetingStartsAt', 'meetingEndsAt']) {
      // TypeORM adds a column to a SQLite table by copying the table, which its triggers and its
      // expression index (IDX_support_request_queue) do not survive; SQLite's own ALTER keeps them.
      if (dialect === 'mssql') await queryRunner.addColumn('support_request', new TableColumn({ name, ...t.timestamp, isNullable: true }));
      else await queryRunner.query(`ALTER TABLE "support_request" ADD COLUMN "${name}" ${t.timestamp.type}`);
    }
    if (dialect === 'mssql') {
      // One booked booking a request at most; the earliest if ever two, as the list had it.
      const fill = (which: string) =>
        'UPDATE r SET meetingStartsAt = b.startsAt, meetingEndsAt = b.endsAt FROM support_request r ' +
        "OUTER APPLY (SELECT TOP 1 startsAt, endsAt FROM booking WHERE requestId = r.id AND status = 'booked' ORDER BY startsAt) b" +
        which;
      await queryRunner.query(fill(" WHERE EXISTS (SELECT 1 FROM booking WHERE requestId = r.id AND status = 'booked')"));
      // Silent about its own rows: the caller's statement must report only its own count (optimistic versions read it).
      await queryRunner.query(
        'CREATE TRIGGER TRG_booking_meeting_time ON booking AFTER INSERT, UPDATE, DELETE AS BEGIN SET NOCOUNT ON; ' +
          fill(' WHERE r.id IN (SELECT requestId FROM inserted UNION SELECT requestId FROM deleted)') +
          '; END',
      );
    } else {
      const set = (requestId: string, where = `id = ${requestId}`) =>
        'UPDATE support_request SET ("meetingStartsAt", "meetingEndsAt") = ' +
        `(SELECT b.startsAt, b.endsAt FROM booking b WHERE b.requestId = ${requestId} AND b.status = 'booked' ORDER BY b.startsAt LIMIT 1) WHERE ${where};`;
      await queryRunner.query(set('support_request.id', "EXISTS (SELECT 1 FROM booking b WHERE b.requestId = support_request.id AND b.status = 'booked')"));
      await queryRunner.query(`CREATE TRIGGER TRG_booking_meeting_time_insert AFTER INSERT ON booking BEGIN ${set('NEW.requestId')} END`);
      await queryRunner.query(`CREATE TRIGGER TRG_booking_meeting_time_update AFTER UPDATE OF status, requestId, startsAt, endsAt ON booking BEGIN ${set('NEW.requestId')} ${set('OLD.requestId')} END`);
      await queryRunner.query(`CREATE TRIGGER TRG_booking_meeting_time_delete AFTER DELETE ON booking BEGIN ${set('OLD.requestId')} END`);
    }
    await queryRunner.createIndex('support_request', new TableIndex({ name: 'IDX_support_request_meetings', columnNames: ['deaId', 'status', 'meetingStartsAt', 'number', 'id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const dialect = dialectOf(queryRunner.connection.options.type);
    await queryRunner.dropIndex('support_request', 'IDX_support_request_meetings');
    if (dialect === 'mssql') await queryRunner.query('DROP TRIGGER TRG_booking_meeting_time');
    else for (const on of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER TRG_booking_meeting_time_${on}`);
    for (const name of ['meetingEndsAt', 'meetingStartsAt']) {
      if (dialect === 'mssql') await queryRunner.dropColumn('support_request', name);
      else await queryRunner.query(`ALTER TABLE "support_request" DROP COLUMN "${name}"`);
    }
  }
}
