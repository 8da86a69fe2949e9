import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';

/** The diary entries written for an HCP's activity (event ids only), so a cancelled activity's entries can be removed. */
export class HcpActivityDiary1764520000000 implements MigrationInterface {
  name = 'HcpActivityDiary1764520000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = dialectTypes(dialectOf(queryRunner.connection.options.type));
    await queryRunner.addColumn('hcp_activity', new TableColumn({ name: 'diaryEvents', ...t.longText, isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('hcp_activity', 'diaryEvents');
  }
}
