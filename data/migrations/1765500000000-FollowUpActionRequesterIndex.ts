import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A person's follow-up actions are read by any of the people on them (assignee, DEA, requester). The
 * database finds such rows through one index per column, and only if every one has an index: the
 * requester had none, so each person's list read every action.
 */
export class FollowUpActionRequesterIndex1765500000000 implements MigrationInterface {
  name = 'FollowUpActionRequesterIndex1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('follow_up_action', new TableIndex({ name: 'IDX_follow_up_action_requester', columnNames: ['requesterId'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('follow_up_action', 'IDX_follow_up_action_requester');
  }
}
