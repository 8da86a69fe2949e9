import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';

/** The DEA and the work psychologist: monthly meetings, case conferences and sessions (seed 000 §43–44). */
export class WorkPsychologist1764320000000 implements MigrationInterface {
  name = 'WorkPsychologist1764320000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = dialectTypes(dialectOf(queryRunner.connection.options.type));
    await queryRunner.createTable(
      new Table({
        name: 'partnership_meeting',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'deaId', type: 'varchar', length: '36' },
          { name: 'workPsychologistId', type: 'varchar', length: '36' },
          { name: 'month', type: 'varchar', length: '7' },
          { name: 'startsAt', ...t.timestamp },
          { name: 'endsAt', ...t.timestamp },
          { name: 'mode', type: 'varchar', length: '16' },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'eventId', type: 'varchar', length: '200', isNullable: true },
          { name: 'lastError', type: 'nvarchar', length: '400', isNullable: true },
        ],
        uniques: [new TableUnique({ name: 'UQ_partnership_meeting_month', columnNames: ['deaId', 'workPsychologistId', 'month'] })],
        indices: [new TableIndex({ name: 'IDX_partnership_meeting_status', columnNames: ['status'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'partnership_activity',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'deaId', type: 'varchar', length: '36' },
          { name: 'workPsychologistId', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '30' },
          { name: 'status', type: 'varchar', length: '10' },
          { name: 'requestReference', type: 'varchar', length: '20', isNullable: true },
          { name: 'topic', type: 'nvarchar', length: '500' },
          { name: 'feedback', type: 'nvarchar', length: '1000', isNullable: true },
          { name: 'heldOn', type: 'varchar', length: '10', isNullable: true },
          { name: 'note', type: 'nvarchar', length: '2000', isNullable: true },
          { name: 'createdAt', ...t.timestamp },
        ],
        indices: [
          new TableIndex({ name: 'IDX_partnership_activity_dea', columnNames: ['deaId'] }),
          new TableIndex({ name: 'IDX_partnership_activity_wp', columnNames: ['workPsychologistId'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('partnership_activity');
    await queryRunner.dropTable('partnership_meeting');
  }
}
