import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';

/**
 * A version on each external partner: DEAs of a district update its partners (a meeting held, new
 * contact details), and a change saved over details the DEA did not see is refused rather than
 * overwriting another's. Partners kept before start at 1.
 */
export class PartnerVersion1765940000000 implements MigrationInterface {
  name = 'PartnerVersion1765940000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = dialectTypes(dialectOf(queryRunner.connection.options.type));
    await queryRunner.addColumn('external_partner', new TableColumn({ name: 'version', ...t.integer, default: 1 }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('external_partner', 'version');
  }
}
