import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';

/** Work after a person's answer (diaries, plan booking) as rows that a leased job sweeps. */
export class DurableWork1763950000000 implements MigrationInterface {
  name = 'DurableWork1763950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = dialectTypes(dialectOf(queryRunner.connection.options.type));
    await queryRunner.createTable(
      new Table({
        name: 'work_item',
        columns: [
          { name: 'id', type: 'varchar', length: '120', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '40' },
          { name: 'subjectId', type: 'varchar', length: '64' },
          { name: 'dueAt', ...t.timestamp, isNullable: true },
          { name: 'leaseUntil', ...t.timestamp, isNullable: true },
          { name: 'generation', ...t.integer },
          { name: 'attempts', ...t.integer },
          { name: 'lastError', type: 'nvarchar', length: '400', isNullable: true },
          { name: 'createdAt', ...t.timestamp },
          { name: 'updatedAt', ...t.timestamp },
        ],
        indices: [new TableIndex({ name: 'IDX_work_item_due', columnNames: ['dueAt'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('work_item');
  }
}
