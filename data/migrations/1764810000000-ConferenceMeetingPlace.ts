import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** How a plan's groups meet (face to face at a named jobcentre and room, or Teams) and the preferred time of day. */
export class ConferenceMeetingPlace1764810000000 implements MigrationInterface {
  name = 'ConferenceMeetingPlace1764810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('conference_plan', [
      // Plans made before this change were booked as Teams meetings at any time of day.
      new TableColumn({ name: 'meetingMethod', type: 'varchar', length: '12', default: "'teams'" }),
      new TableColumn({ name: 'venue', type: 'nvarchar', length: '200', isNullable: true }),
      new TableColumn({ name: 'room', type: 'nvarchar', length: '100', isNullable: true }),
      new TableColumn({ name: 'timeOfDay', type: 'varchar', length: '10', default: "'any'" }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const column of ['timeOfDay', 'room', 'venue', 'meetingMethod']) await queryRunner.dropColumn('conference_plan', column);
  }
}
