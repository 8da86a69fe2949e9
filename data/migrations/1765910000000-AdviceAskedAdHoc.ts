import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';

/**
 * Whether a Specialist Advice conversation was asked ad hoc, kept whatever came of the ask: `adHoc`
 * is cleared when the HCP says no, or the ask lapses and a time is booked instead, so the reports
 * counted that demand as pre-booked (seed 002 §3.4 and §12.2 measure demand). Conversations asked
 * before this are known by `adHoc`, or by their trail: every ad hoc ask was recorded as one.
 */
export class AdviceAskedAdHoc1765910000000 implements MigrationInterface {
  name = 'AdviceAskedAdHoc1765910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = dialectTypes(dialectOf(queryRunner.connection.options.type));
    await queryRunner.addColumn('advice_conversation', new TableColumn({ name: 'askedAdHoc', ...t.boolean, default: '0' }));
    await queryRunner.query(
      'UPDATE advice_conversation SET askedAdHoc = 1 WHERE adHoc = 1 OR EXISTS (SELECT 1 FROM advice_event e WHERE e.conversationId = advice_conversation.id ' +
        "AND e.what IN ('asked ad hoc', 'accepted ad hoc', 'declined ad hoc', 'ad hoc lapsed'))",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('advice_conversation', 'askedAdHoc');
  }
}
