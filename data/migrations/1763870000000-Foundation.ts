import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';
import { fk } from './table-helpers';

/** Staff directory, bot state, de-duplication of deliveries and conversation references. */
export class Foundation1763870000000 implements MigrationInterface {
  name = 'Foundation1763870000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = dialectTypes(dialectOf(queryRunner.connection.options.type));

    await queryRunner.createTable(
      new Table({
        name: 'jobcentre',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'name', type: 'nvarchar', length: '100' },
          { name: 'cluster', type: 'nvarchar', length: '100' },
          { name: 'district', type: 'nvarchar', length: '100' },
          { name: 'bankHolidayRegion', type: 'varchar', length: '32' },
        ],
        uniques: [new TableUnique({ name: 'UQ_jobcentre_name', columnNames: ['name'] })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'staff',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'aadObjectId', type: 'varchar', length: '36' },
          { name: 'name', type: 'nvarchar', length: '200' },
          { name: 'email', type: 'nvarchar', length: '320' },
          { name: 'jobcentreId', type: 'varchar', length: '36', isNullable: true },
          { name: 'deaId', type: 'varchar', length: '36', isNullable: true },
          { name: 'teamLeaderId', type: 'varchar', length: '36', isNullable: true },
          { name: 'createdAt', ...t.timestamp },
          { name: 'updatedAt', ...t.timestamp },
        ],
        uniques: [new TableUnique({ name: 'UQ_staff_aad_object_id', columnNames: ['aadObjectId'] })],
        indices: [
          new TableIndex({ name: 'IDX_staff_dea', columnNames: ['deaId'] }),
          new TableIndex({ name: 'IDX_staff_team_leader', columnNames: ['teamLeaderId'] }),
        ],
        foreignKeys: [
          fk('FK_staff_jobcentre', 'jobcentreId', 'jobcentre'),
          fk('FK_staff_dea', 'deaId', 'staff'),
          fk('FK_staff_team_leader', 'teamLeaderId', 'staff'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'staff_role',
        columns: [
          { name: 'staffId', type: 'varchar', length: '36', isPrimary: true },
          { name: 'role', type: 'varchar', length: '40', isPrimary: true },
        ],
        indices: [new TableIndex({ name: 'IDX_staff_role_role', columnNames: ['role'] })],
        foreignKeys: [fk('FK_staff_role_staff', 'staffId', 'staff', 'CASCADE')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'bot_state',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'storageKey', type: 'nvarchar', length: '1024' },
          { name: 'document', ...t.longText },
          { name: 'etag', type: 'varchar', length: '64' },
          { name: 'updatedAt', ...t.timestamp },
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'processed_activity',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'receivedAt', ...t.timestamp },
        ],
        indices: [new TableIndex({ name: 'IDX_processed_activity_received', columnNames: ['receivedAt'] })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'conversation_reference',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'conversationType', type: 'varchar', length: '20' },
          { name: 'aadObjectId', type: 'varchar', length: '36', isNullable: true },
          { name: 'reference', ...t.longText },
          { name: 'updatedAt', ...t.timestamp },
        ],
        indices: [
          new TableIndex({ name: 'IDX_conversation_reference_person', columnNames: ['aadObjectId', 'conversationType'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['conversation_reference', 'processed_activity', 'bot_state', 'staff_role', 'staff', 'jobcentre']) {
      await queryRunner.dropTable(table);
    }
  }
}
