import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';

/** Retention cases: the employer adviser's, the DEA's and the work psychologist's (seed 000 §66–68). */
export class RetentionCases1764310000000 implements MigrationInterface {
  name = 'RetentionCases1764310000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = dialectTypes(dialectOf(queryRunner.connection.options.type));
    await queryRunner.createTable(
      new Table({
        name: 'retention_case',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'number', ...t.integer },
          { name: 'employerAdviserId', type: 'varchar', length: '36' },
          { name: 'jobcentreId', type: 'varchar', length: '36', isNullable: true },
          { name: 'deaId', type: 'varchar', length: '36', isNullable: true },
          { name: 'workPsychologistId', type: 'varchar', length: '36', isNullable: true },
          { name: 'hcpId', type: 'varchar', length: '36', isNullable: true },
          { name: 'hcpAdvice', type: 'nvarchar', length: '2000', isNullable: true },
          { name: 'personName', type: 'nvarchar', length: '100' },
          { name: 'employer', type: 'nvarchar', length: '200' },
          { name: 'need', type: 'nvarchar', length: '2000' },
          { name: 'nino', type: 'varchar', length: '9', isNullable: true },
          { name: 'surname', type: 'nvarchar', length: '100', isNullable: true },
          { name: 'assessment', type: 'varchar', length: '20' },
          { name: 'status', type: 'varchar', length: '24' },
          { name: 'route', type: 'varchar', length: '32', isNullable: true },
          { name: 'agreedNote', type: 'nvarchar', length: '2400', isNullable: true },
          { name: 'interventionRequestId', type: 'varchar', length: '36', isNullable: true },
          { name: 'outcome', type: 'varchar', length: '32', isNullable: true },
          { name: 'outcomeNote', type: 'nvarchar', length: '2000', isNullable: true },
          { name: 'outcomeById', type: 'varchar', length: '36', isNullable: true },
          { name: 'closedAt', ...t.timestamp, isNullable: true },
          { name: 'createdAt', ...t.timestamp },
          { name: 'version', ...t.integer },
        ],
        uniques: [new TableUnique({ name: 'UQ_retention_case_number', columnNames: ['number'] })],
        indices: [
          new TableIndex({ name: 'IDX_retention_case_adviser', columnNames: ['employerAdviserId'] }),
          new TableIndex({ name: 'IDX_retention_case_dea', columnNames: ['deaId'] }),
          new TableIndex({ name: 'IDX_retention_case_wp', columnNames: ['workPsychologistId'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('retention_case');
  }
}
