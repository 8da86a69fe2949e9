import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A work coach's team leader may check the QAS 2 meetings the coach asked for whoever leads the DEA:
 * their quality checks list finds those by requester, ordered and counted from this index alone. The
 * DEA is in it so that leaving out the meetings already listed under the team leader's own DEAs reads
 * no request row either.
 */
export class CoachChecksIndex1765900000000 implements MigrationInterface {
  name = 'CoachChecksIndex1765900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'support_request',
      new TableIndex({ name: 'IDX_support_request_coach_checks', columnNames: ['requesterId', 'meetingBooked', 'status', 'channel', 'updatedAt', 'number', 'deaId', 'id'] }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('support_request', 'IDX_support_request_coach_checks');
  }
}
