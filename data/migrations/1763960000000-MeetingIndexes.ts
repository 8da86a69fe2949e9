import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The sweep for meetings that have ended reads booked bookings by their end: an index, not a scan of every booking. */
export class MeetingIndexes1763960000000 implements MigrationInterface {
  name = 'MeetingIndexes1763960000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('booking', new TableIndex({ name: 'IDX_booking_status_end', columnNames: ['status', 'endsAt'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('booking', 'IDX_booking_status_end');
  }
}
