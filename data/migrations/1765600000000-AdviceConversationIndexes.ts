import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A jobcentre contact's `my day` reads the conversations at their jobcentre in the next two weeks,
 * and the pack reminder (every 15 minutes) the booked ones starting soon: each read every
 * conversation ever held without these. By jobcentre and start, and by status and start.
 */
export class AdviceConversationIndexes1765600000000 implements MigrationInterface {
  name = 'AdviceConversationIndexes1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('advice_conversation', new TableIndex({ name: 'IDX_advice_conversation_jobcentre', columnNames: ['jobcentreId', 'startsAt'] }));
    await queryRunner.createIndex('advice_conversation', new TableIndex({ name: 'IDX_advice_conversation_status_start', columnNames: ['status', 'startsAt'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('advice_conversation', 'IDX_advice_conversation_status_start');
    await queryRunner.dropIndex('advice_conversation', 'IDX_advice_conversation_jobcentre');
  }
}
