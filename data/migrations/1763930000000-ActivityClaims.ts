import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';

/** When the turn of a claimed activity finished: a claim never finished (its process died) can be taken over. */
export class ActivityClaims1763930000000 implements MigrationInterface {
  name = 'ActivityClaims1763930000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = dialectTypes(dialectOf(queryRunner.connection.options.type));
    await queryRunner.addColumn('processed_activity', new TableColumn({ name: 'completedAt', ...t.timestamp, isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('processed_activity', 'completedAt');
  }
}
