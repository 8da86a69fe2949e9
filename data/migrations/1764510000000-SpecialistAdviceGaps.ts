import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';
import { fk } from './table-helpers';

/**
 * Specialist Advice: where a conversation's diaries are (written after the click, as durable work),
 * when its contact was reminded of a pack not yet ready, and each HCP's breaks agreed with the
 * activity manager.
 */
export class SpecialistAdviceGaps1764510000000 implements MigrationInterface {
  name = 'SpecialistAdviceGaps1764510000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = dialectTypes(dialectOf(queryRunner.connection.options.type));
    await queryRunner.addColumns('advice_conversation', [
      // Conversations booked before this change had their diaries written in the click.
      new TableColumn({ name: 'diaryStatus', type: 'varchar', length: '10', default: "'done'" }),
      new TableColumn({ name: 'diaryError', type: 'nvarchar', length: '400', isNullable: true }),
      new TableColumn({ name: 'packRemindedAt', ...t.timestamp, isNullable: true }),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'hcp_break',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'hcpId', type: 'varchar', length: '36' },
          { name: 'weekday', ...t.integer },
          { name: 'startTime', type: 'varchar', length: '5' },
          { name: 'endTime', type: 'varchar', length: '5' },
          { name: 'setById', type: 'varchar', length: '36' },
          { name: 'setAt', ...t.timestamp },
        ],
        indices: [new TableIndex({ name: 'IDX_hcp_break_hcp', columnNames: ['hcpId', 'weekday'] })],
        foreignKeys: [fk('FK_hcp_break_hcp', 'hcpId', 'staff')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('hcp_break');
    for (const column of ['packRemindedAt', 'diaryError', 'diaryStatus']) await queryRunner.dropColumn('advice_conversation', column);
  }
}
