import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';

/** Data protection: the record of erasures, subject access requests and retention runs, and the log of reads. */
export class Privacy1764400000000 implements MigrationInterface {
  name = 'Privacy1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = dialectTypes(dialectOf(queryRunner.connection.options.type));
    const id = (name: string, nullable = false) => ({ name, type: 'varchar', length: '36', isNullable: nullable });
    const at = (name: string, nullable = false) => ({ name, ...t.timestamp, isNullable: nullable });
    await queryRunner.createTable(
      new Table({
        name: 'privacy_record',
        columns: [
          { ...id('id'), isPrimary: true },
          { name: 'kind', type: 'varchar', length: '20' },
          id('requestedById', true),
          at('at'),
          at('dueAt', true),
          at('hcpDueAt', true),
          at('completedAt', true),
          { name: 'cases', ...t.longText },
          { name: 'counts', ...t.longText },
        ],
        indices: [new TableIndex({ name: 'IDX_privacy_record_kind', columnNames: ['kind', 'at'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'access_log',
        columns: [
          { ...id('id'), isPrimary: true },
          at('at'),
          id('staffId'),
          { name: 'caseKind', type: 'varchar', length: '20' },
          id('caseId'),
          { name: 'relationship', type: 'varchar', length: '40' },
          { name: 'shown', type: 'varchar', length: '20' },
        ],
        indices: [
          new TableIndex({ name: 'IDX_access_log_case', columnNames: ['caseId', 'at'] }),
          new TableIndex({ name: 'IDX_access_log_at', columnNames: ['at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('access_log');
    await queryRunner.dropTable('privacy_record');
  }
}
