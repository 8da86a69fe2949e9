import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The day the supplier's HCP starts covering, on a request for a new HCP or a replacement: seed 002
 * §4.1 has the supplier fulfil such requests within two weeks, which is measured to that day and not
 * to when the activity manager typed the answer. Answers recorded before it stay without one.
 */
export class SupplierCoverDate1765870000000 implements MigrationInterface {
  name = 'SupplierCoverDate1765870000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('supplier_request', new TableColumn({ name: 'coverOn', type: 'varchar', length: '10', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('supplier_request', 'coverOn');
  }
}
