import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf } from '../schema/dialect';

/**
 * A team leader's claimant request names the claimant's work coach (seed §39): the DEA's summary
 * goes to that coach, who follows up the actions (seed §41).
 */
export class ClaimantCoachOnRequest1765750000000 implements MigrationInterface {
  name = 'ClaimantCoachOnRequest1765750000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // TypeORM adds a column to a SQLite table by copying the table, which its triggers and its
    // expression index do not survive; SQLite's own ALTER keeps them.
    if (dialectOf(queryRunner.connection.options.type) === 'mssql') {
      await queryRunner.addColumn('support_request', new TableColumn({ name: 'claimantCoachId', type: 'varchar', length: '36', isNullable: true }));
    } else {
      await queryRunner.query('ALTER TABLE "support_request" ADD COLUMN "claimantCoachId" varchar(36)');
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (dialectOf(queryRunner.connection.options.type) === 'mssql') await queryRunner.dropColumn('support_request', 'claimantCoachId');
    else await queryRunner.query('ALTER TABLE "support_request" DROP COLUMN "claimantCoachId"');
  }
}
