import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The case conferences waiting for a work psychologist's advice, longest waiting first: their page
 * goes straight to those through this index, reading none of the sessions and conferences held that
 * the years add beside them.
 */
export class WaitingCaseConferences1765960000000 implements MigrationInterface {
  name = 'WaitingCaseConferences1765960000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('partnership_activity', new TableIndex({ name: 'IDX_partnership_activity_waiting', columnNames: ['workPsychologistId', 'status', 'kind', 'createdAt'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('partnership_activity', 'IDX_partnership_activity_waiting');
  }
}
