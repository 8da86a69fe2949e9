import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';

/** Management information: feedback answers (scores only) behind the Specialist Advice outcomes. */
export class Reports1764600000000 implements MigrationInterface {
  name = 'Reports1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = dialectTypes(dialectOf(queryRunner.connection.options.type));
    await queryRunner.createTable(
      new Table({
        name: 'report_feedback',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '20' },
          { name: 'subjectId', type: 'varchar', length: '36' },
          { name: 'respondentId', type: 'varchar', length: '36' },
          { name: 'district', type: 'nvarchar', length: '100' },
          { name: 'question', type: 'varchar', length: '40' },
          { name: 'score', ...t.integer },
          { name: 'createdAt', ...t.timestamp },
        ],
        uniques: [new TableUnique({ name: 'UQ_report_feedback_answer', columnNames: ['subjectId', 'respondentId', 'question'] })],
        indices: [new TableIndex({ name: 'IDX_report_feedback_district', columnNames: ['district', 'createdAt'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('report_feedback');
  }
}
