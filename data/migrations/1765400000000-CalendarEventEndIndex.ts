import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Busy time in the embedded calendar is read for a window ahead, from the organisers' diaries and the
 * attendee lists alike, so no one diary's index serves it: by the events' end, the read starts at the
 * window and skips every past event, instead of scanning every diary's history on each proposal.
 */
export class CalendarEventEndIndex1765400000000 implements MigrationInterface {
  name = 'CalendarEventEndIndex1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('calendar_event', new TableIndex({ name: 'IDX_calendar_event_end', columnNames: ['endsAt'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('calendar_event', 'IDX_calendar_event_end');
  }
}
