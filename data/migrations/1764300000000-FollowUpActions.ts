import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';
import { fk } from './table-helpers';

/** Work psychologist, employer adviser and Third Party Provision manager actions that outcomes start. */
export class FollowUpActions1764300000000 implements MigrationInterface {
  name = 'FollowUpActions1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = dialectTypes(dialectOf(queryRunner.connection.options.type));
    await queryRunner.createTable(
      new Table({
        name: 'follow_up_action',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'requestId', type: 'varchar', length: '36' },
          { name: 'requestReference', type: 'varchar', length: '20' },
          { name: 'kind', type: 'varchar', length: '30' },
          { name: 'jobcentreId', type: 'varchar', length: '36', isNullable: true },
          { name: 'requesterId', type: 'varchar', length: '36' },
          { name: 'deaId', type: 'varchar', length: '36' },
          { name: 'assigneeId', type: 'varchar', length: '36', isNullable: true },
          { name: 'status', type: 'varchar', length: '12' },
          { name: 'createdById', type: 'varchar', length: '36' },
          { name: 'createdAt', ...t.timestamp },
          { name: 'dueBy', ...t.timestamp },
          { name: 'assignedAt', ...t.timestamp, isNullable: true },
          { name: 'acceptedAt', ...t.timestamp, isNullable: true },
          { name: 'doneAt', ...t.timestamp, isNullable: true },
          { name: 'doneNote', type: 'nvarchar', length: '2000', isNullable: true },
          { name: 'version', ...t.integer },
        ],
        uniques: [new TableUnique({ name: 'UQ_follow_up_action_kind', columnNames: ['requestId', 'kind'] })],
        indices: [
          new TableIndex({ name: 'IDX_follow_up_action_assignee', columnNames: ['assigneeId'] }),
          new TableIndex({ name: 'IDX_follow_up_action_dea', columnNames: ['deaId'] }),
          new TableIndex({ name: 'IDX_follow_up_action_due', columnNames: ['status', 'dueBy'] }),
        ],
        foreignKeys: [fk('FK_follow_up_action_request', 'requestId', 'support_request')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('follow_up_action');
  }
}
