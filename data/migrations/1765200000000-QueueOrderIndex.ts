import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dialectOf } from '../schema/dialect';

/** The statuses of an open request when this index was written (the domain's OPEN_STATUSES; a test holds them equal). */
export const QUEUE_INDEX_STATUSES = ['submitted', 'info_requested', 'accepted'] as const;

/**
 * A DEA's queue in its own order (urgent first, then by the date needed with none last, then oldest
 * first), open requests only, so that any page of 5,000 open requests is read in order from the index
 * instead of sorting them all on every page. SQLite indexes the "none last" expression and takes the
 * statuses as the index's filter. SQL Server cannot index an expression without a computed column:
 * it sorts the page from IDX_support_request_dea_list as before, so there is nothing to add there.
 */
export class QueueOrderIndex1765200000000 implements MigrationInterface {
  name = 'QueueOrderIndex1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (dialectOf(queryRunner.connection.options.type) === 'mssql') return;
    const open = QUEUE_INDEX_STATUSES.map((s) => `'${s}'`).join(', ');
    await queryRunner.query(
      'CREATE INDEX "IDX_support_request_queue" ON "support_request" ' +
        '("deaId", "urgent" DESC, (CASE WHEN "requiredBy" IS NULL THEN 1 ELSE 0 END), "requiredBy", "createdAt", "number", "id") ' +
        `WHERE "status" IN (${open})`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (dialectOf(queryRunner.connection.options.type) === 'mssql') return;
    await queryRunner.query('DROP INDEX "IDX_support_request_queue"');
  }
}
