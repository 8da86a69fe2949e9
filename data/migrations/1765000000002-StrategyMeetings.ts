import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';

/** Strategies' meetings as series in the diaries, with notes after each meeting. */
export class StrategyMeetings1765000000002 implements MigrationInterface {
  name = 'StrategyMeetings1765000000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = dialectTypes(dialectOf(queryRunner.connection.options.type));
    await queryRunner.createTable(
      new Table({
        name: 'strategy_meeting',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'strategyId', type: 'varchar', length: '36' },
          { name: 'seriesId', type: 'varchar', length: '36' },
          { name: 'startsAt', ...t.timestamp },
          { name: 'endsAt', ...t.timestamp },
          { name: 'mode', type: 'varchar', length: '16' },
          { name: 'externalInvitees', type: 'nvarchar', length: '2200' },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'eventId', type: 'varchar', length: '200', isNullable: true },
          { name: 'lastError', type: 'nvarchar', length: '400', isNullable: true },
          { name: 'notes', type: 'nvarchar', length: '2000', isNullable: true },
          { name: 'notesById', type: 'varchar', length: '36', isNullable: true },
          { name: 'notesAt', ...t.timestamp, isNullable: true },
          { name: 'version', ...t.integer },
          { name: 'createdAt', ...t.timestamp },
        ],
        indices: [
          new TableIndex({ name: 'IDX_strategy_meeting_strategy', columnNames: ['strategyId', 'startsAt'] }),
          new TableIndex({ name: 'IDX_strategy_meeting_series', columnNames: ['seriesId'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('strategy_meeting');
  }
}
