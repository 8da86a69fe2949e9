import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The work coach an individual case conference is with (seed 002 Annex 3 §3.1–3.2): a team leader,
 * or the activity manager on their behalf, arranges one for a coach, who is told and has it in
 * their diary. Activity from before it, and activity with no one coach, has none.
 */
export class HcpActivityCoach1765875000000 implements MigrationInterface {
  name = 'HcpActivityCoach1765875000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('hcp_activity', new TableColumn({ name: 'coachId', type: 'varchar', length: '36', isNullable: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('hcp_activity', 'coachId');
  }
}
