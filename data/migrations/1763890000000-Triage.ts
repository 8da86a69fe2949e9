import { Table, TableColumn, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';
import { fk } from './table-helpers';

/** The DEA's triage: the channel chosen, inappropriate requests, the written exchange, trends. */
export class Triage1763890000000 implements MigrationInterface {
  name = 'Triage1763890000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = dialectTypes(dialectOf(queryRunner.connection.options.type));

    await queryRunner.addColumns('support_request', [
      new TableColumn({ name: 'channel', type: 'varchar', length: '40', isNullable: true }),
      // Nullable: read as false. A NOT NULL column added to a filled table would need a default constraint.
      new TableColumn({ name: 'inappropriate', ...t.boolean, isNullable: true }),
    ]);

    await queryRunner.createTable(
      new Table({
        name: 'request_message',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'requestId', type: 'varchar', length: '36' },
          { name: 'at', ...t.timestamp },
          { name: 'authorId', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'body', ...t.longText },
          { name: 'summary', type: 'nvarchar', length: '1000', isNullable: true },
          { name: 'expectedReturn', type: 'varchar', length: '10', isNullable: true },
        ],
        indices: [new TableIndex({ name: 'IDX_request_message_request', columnNames: ['requestId', 'at'] })],
        foreignKeys: [fk('FK_request_message_request', 'requestId', 'support_request')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'trend_alert',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'trendKey', type: 'varchar', length: '64' },
          { name: 'kind', type: 'varchar', length: '30' },
          { name: 'teamLeaderId', type: 'varchar', length: '36' },
          { name: 'coachIds', type: 'varchar', length: '1200' },
          { name: 'topic', type: 'varchar', length: '40', isNullable: true },
          { name: 'count', ...t.integer },
          { name: 'windowDays', ...t.integer },
          { name: 'createdAt', ...t.timestamp },
        ],
        uniques: [new TableUnique({ name: 'UQ_trend_alert_key', columnNames: ['trendKey'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('trend_alert');
    await queryRunner.dropTable('request_message');
    await queryRunner.dropColumn('support_request', 'inappropriate');
    await queryRunner.dropColumn('support_request', 'channel');
  }
}
