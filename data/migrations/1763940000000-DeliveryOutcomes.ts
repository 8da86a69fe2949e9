import { Table, TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';

/**
 * What became of each outbox message (Teams' last status, dead-lettered when, the posted activity,
 * whether the person waiting on it was told it could not arrive), and the pace of sends to each
 * conversation, shared by every instance.
 */
export class DeliveryOutcomes1763940000000 implements MigrationInterface {
  name = 'DeliveryOutcomes1763940000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = dialectTypes(dialectOf(queryRunner.connection.options.type));
    await queryRunner.addColumns('outbox', [
      new TableColumn({ name: 'lastStatus', ...t.integer, isNullable: true }),
      new TableColumn({ name: 'deadAt', ...t.timestamp, isNullable: true }),
      new TableColumn({ name: 'activityId', type: 'nvarchar', length: '200', isNullable: true }),
      new TableColumn({ name: 'waiterToldAt', ...t.timestamp, isNullable: true }),
    ]);
    await queryRunner.createTable(
      new Table({
        name: 'conversation_pace',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'nextAt', ...t.timestamp },
          { name: 'version', ...t.integer },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('conversation_pace');
    for (const column of ['waiterToldAt', 'activityId', 'deadAt', 'lastStatus']) await queryRunner.dropColumn('outbox', column);
  }
}
