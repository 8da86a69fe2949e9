import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A person's retention cases are read by any of the people on them (employer adviser, DEA, work
 * psychologist, HCP). The database finds such rows through one index per column, and only if every
 * one has an index: the HCP had none, so each person's list and counts read every case.
 */
export class RetentionCaseHcpIndex1765500000001 implements MigrationInterface {
  name = 'RetentionCaseHcpIndex1765500000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('retention_case', new TableIndex({ name: 'IDX_retention_case_hcp', columnNames: ['hcpId'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('retention_case', 'IDX_retention_case_hcp');
  }
}
