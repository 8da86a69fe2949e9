import { TableColumn, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A group conference's outcome for a case starts its own follow-up actions, even where the request's
 * own outcome started one of the same kind (perhaps done long ago): one action of a kind per request
 * and where it was agreed, not per request.
 */
export class FollowUpActionSource1765850000000 implements MigrationInterface {
  name = 'FollowUpActionSource1765850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('follow_up_action', new TableColumn({ name: 'source', type: 'varchar', length: '60', default: "''" }));
    await queryRunner.dropUniqueConstraint('follow_up_action', 'UQ_follow_up_action_kind');
    await queryRunner.createUniqueConstraint('follow_up_action', new TableUnique({ name: 'UQ_follow_up_action_source', columnNames: ['requestId', 'kind', 'source'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropUniqueConstraint('follow_up_action', 'UQ_follow_up_action_source');
    await queryRunner.createUniqueConstraint('follow_up_action', new TableUnique({ name: 'UQ_follow_up_action_kind', columnNames: ['requestId', 'kind'] }));
    await queryRunner.dropColumn('follow_up_action', 'source');
  }
}
