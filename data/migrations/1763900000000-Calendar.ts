import { Table, TableColumn, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';
import { fk } from './table-helpers';

/** The embedded calendar's events, and the bookings made for requests. */
export class Calendar1763900000000 implements MigrationInterface {
  name = 'Calendar1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = dialectTypes(dialectOf(queryRunner.connection.options.type));

    // A person's working hours, when not the default Monday to Friday 08:30–17:00.
    await queryRunner.addColumn('staff', new TableColumn({ name: 'workingHours', type: 'varchar', length: '400', isNullable: true }));

    await queryRunner.createTable(
      new Table({
        name: 'calendar_event',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'mailbox', type: 'nvarchar', length: '320' },
          { name: 'subject', type: 'nvarchar', length: '255' },
          { name: 'body', ...t.longText },
          { name: 'startsAt', ...t.timestamp },
          { name: 'endsAt', ...t.timestamp },
          { name: 'showAs', type: 'varchar', length: '12' },
          { name: 'attendees', ...t.longText },
          { name: 'location', type: 'nvarchar', length: '255', isNullable: true },
          { name: 'joinUrl', type: 'nvarchar', length: '400', isNullable: true },
          { name: 'transactionId', type: 'varchar', length: '100' },
          { name: 'createdAt', ...t.timestamp },
        ],
        uniques: [new TableUnique({ name: 'UQ_calendar_event_transaction', columnNames: ['mailbox', 'transactionId'] })],
        indices: [new TableIndex({ name: 'IDX_calendar_event_mailbox_start', columnNames: ['mailbox', 'startsAt'] })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'booking',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'requestId', type: 'varchar', length: '36' },
          { name: 'startsAt', ...t.timestamp },
          { name: 'endsAt', ...t.timestamp },
          { name: 'mode', type: 'varchar', length: '20' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'events', ...t.longText },
          { name: 'joinUrl', type: 'nvarchar', length: '400', isNullable: true },
          { name: 'lastError', type: 'nvarchar', length: '400', isNullable: true },
          { name: 'version', ...t.integer },
          { name: 'createdAt', ...t.timestamp },
          { name: 'updatedAt', ...t.timestamp },
        ],
        indices: [new TableIndex({ name: 'IDX_booking_request', columnNames: ['requestId'] })],
        foreignKeys: [fk('FK_booking_request', 'requestId', 'support_request')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('booking');
    await queryRunner.dropTable('calendar_event');
    await queryRunner.dropColumn('staff', 'workingHours');
  }
}
