import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The key of the Specialist Advice form a conversation was asked for with. A coach whose first
 * "Send" was slow to answer sends the same form again (or taps twice): the second send finds the
 * conversation the first one saved, so the HCP is not asked twice. Unique where there is one:
 * conversations asked for before this have none, and SQL Server would let only one row hold NULL
 * under a plain unique index.
 */
export class AdviceSubmissionKey1765800000000 implements MigrationInterface {
  name = 'AdviceSubmissionKey1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('advice_conversation', new TableColumn({ name: 'submissionKey', type: 'varchar', length: '64', isNullable: true }));
    await queryRunner.createIndex('advice_conversation', new TableIndex({ name: 'UQ_advice_conversation_submission', columnNames: ['submissionKey'], isUnique: true, where: '"submissionKey" IS NOT NULL' }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('advice_conversation', 'UQ_advice_conversation_submission');
    await queryRunner.dropColumn('advice_conversation', 'submissionKey');
  }
}
