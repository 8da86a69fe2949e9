import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';

/**
 * Whether a request has a booked meeting, kept on the request by the database itself whatever writes
 * a booking (booked, moved, cancelled, erased), so a team leader's quality checks over tens of
 * thousands of requests are chosen and counted from one index instead of a lookup per request.
 */
export class MeetingBookedFlag1765100000000 implements MigrationInterface {
  name = 'MeetingBookedFlag1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const dialect = dialectOf(queryRunner.connection.options.type);
    const t = dialectTypes(dialect);
    await queryRunner.addColumn('support_request', new TableColumn({ name: 'meetingBooked', ...t.boolean, default: '0' }));
    await queryRunner.query("UPDATE support_request SET meetingBooked = 1 WHERE EXISTS (SELECT 1 FROM booking b WHERE b.requestId = support_request.id AND b.status = 'booked')");
    if (dialect === 'mssql') {
      await queryRunner.query(
        'CREATE TRIGGER TRG_booking_meeting_booked ON booking AFTER INSERT, UPDATE, DELETE AS BEGIN SET NOCOUNT ON; ' +
          "UPDATE r SET meetingBooked = CASE WHEN EXISTS (SELECT 1 FROM booking b WHERE b.requestId = r.id AND b.status = 'booked') THEN 1 ELSE 0 END " +
          'FROM support_request r WHERE r.id IN (SELECT requestId FROM inserted UNION SELECT requestId FROM deleted); END',
      );
    } else {
      const set = (requestId: string) => `UPDATE support_request SET meetingBooked = EXISTS (SELECT 1 FROM booking b WHERE b.requestId = ${requestId} AND b.status = 'booked') WHERE id = ${requestId};`;
      await queryRunner.query(`CREATE TRIGGER TRG_booking_meeting_booked_insert AFTER INSERT ON booking BEGIN ${set('NEW.requestId')} END`);
      await queryRunner.query(`CREATE TRIGGER TRG_booking_meeting_booked_update AFTER UPDATE OF status, requestId ON booking BEGIN ${set('NEW.requestId')} ${set('OLD.requestId')} END`);
      await queryRunner.query(`CREATE TRIGGER TRG_booking_meeting_booked_delete AFTER DELETE ON booking BEGIN ${set('OLD.requestId')} END`);
    }
    await queryRunner.createIndex('support_request', new TableIndex({ name: 'IDX_support_request_checks', columnNames: ['deaId', 'meetingBooked', 'status', 'channel', 'updatedAt', 'number', 'id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const dialect = dialectOf(queryRunner.connection.options.type);
    await queryRunner.dropIndex('support_request', 'IDX_support_request_checks');
    if (dialect === 'mssql') await queryRunner.query('DROP TRIGGER TRG_booking_meeting_booked');
    else for (const on of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER TRG_booking_meeting_booked_${on}`);
    await queryRunner.dropColumn('support_request', 'meetingBooked');
  }
}
