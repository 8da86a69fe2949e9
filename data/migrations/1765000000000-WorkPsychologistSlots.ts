import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Why a monthly meeting is not at the series' usual time; the work psychologist's meetings with all their DEAs. */
export class WorkPsychologistSlots1765000000000 implements MigrationInterface {
  name = 'WorkPsychologistSlots1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('partnership_meeting', new TableColumn({ name: 'movedBecause', type: 'nvarchar', length: '300', isNullable: true }));
    await queryRunner.createIndex('partnership_meeting', new TableIndex({ name: 'IDX_partnership_meeting_wp', columnNames: ['workPsychologistId'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('partnership_meeting', 'IDX_partnership_meeting_wp');
    await queryRunner.dropColumn('partnership_meeting', 'movedBecause');
  }
}
