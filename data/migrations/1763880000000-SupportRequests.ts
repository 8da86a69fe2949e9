import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';
import { fk } from './table-helpers';

/** Claimants, support requests with their audit trail, the outbox and posted cards. */
export class SupportRequests1763880000000 implements MigrationInterface {
  name = 'SupportRequests1763880000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = dialectTypes(dialectOf(queryRunner.connection.options.type));

    await queryRunner.createTable(
      new Table({
        name: 'claimant',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'surname', type: 'nvarchar', length: '100' },
          { name: 'nino', type: 'varchar', length: '9' },
          { name: 'benefits', type: 'varchar', length: '100' },
          { name: 'createdAt', ...t.timestamp },
          { name: 'updatedAt', ...t.timestamp },
        ],
        indices: [new TableIndex({ name: 'IDX_claimant_nino', columnNames: ['nino'] })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'support_request',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'number', ...t.integer },
          { name: 'submissionKey', type: 'varchar', length: '64' },
          { name: 'type', type: 'varchar', length: '32' },
          { name: 'status', type: 'varchar', length: '32' },
          { name: 'version', ...t.integer },
          { name: 'requesterId', type: 'varchar', length: '36' },
          { name: 'deaId', type: 'varchar', length: '36' },
          { name: 'claimantId', type: 'varchar', length: '36', isNullable: true },
          { name: 'topic', type: 'varchar', length: '40', isNullable: true },
          { name: 'description', ...t.longText },
          { name: 'reason', type: 'nvarchar', length: '1000', isNullable: true },
          { name: 'requiredBy', type: 'varchar', length: '10', isNullable: true },
          { name: 'urgent', ...t.boolean },
          { name: 'vulnerability', type: 'varchar', length: '32', isNullable: true },
          { name: 'createdAt', ...t.timestamp },
          { name: 'updatedAt', ...t.timestamp },
        ],
        uniques: [
          new TableUnique({ name: 'UQ_support_request_number', columnNames: ['number'] }),
          new TableUnique({ name: 'UQ_support_request_submission', columnNames: ['submissionKey'] }),
        ],
        indices: [
          new TableIndex({ name: 'IDX_support_request_requester', columnNames: ['requesterId', 'createdAt'] }),
          new TableIndex({ name: 'IDX_support_request_dea', columnNames: ['deaId', 'status'] }),
        ],
        foreignKeys: [
          fk('FK_support_request_requester', 'requesterId', 'staff'),
          fk('FK_support_request_dea', 'deaId', 'staff'),
          fk('FK_support_request_claimant', 'claimantId', 'claimant'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'request_event',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'requestId', type: 'varchar', length: '36' },
          { name: 'at', ...t.timestamp },
          { name: 'actorId', type: 'varchar', length: '36', isNullable: true },
          { name: 'action', type: 'varchar', length: '40' },
          { name: 'fromStatus', type: 'varchar', length: '32', isNullable: true },
          { name: 'toStatus', type: 'varchar', length: '32' },
        ],
        indices: [new TableIndex({ name: 'IDX_request_event_request', columnNames: ['requestId', 'at'] })],
        foreignKeys: [fk('FK_request_event_request', 'requestId', 'support_request')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'outbox',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'recipientAad', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '40' },
          { name: 'subjectId', type: 'varchar', length: '36', isNullable: true },
          { name: 'createdAt', ...t.timestamp },
          { name: 'nextAttemptAt', ...t.timestamp },
          { name: 'attempts', ...t.integer },
          { name: 'leaseUntil', ...t.timestamp, isNullable: true },
          { name: 'deliveredAt', ...t.timestamp, isNullable: true },
          { name: 'lastError', type: 'nvarchar', length: '400', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'IDX_outbox_pending', columnNames: ['deliveredAt', 'nextAttemptAt'] }),
          new TableIndex({ name: 'IDX_outbox_recipient', columnNames: ['recipientAad', 'deliveredAt'] }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'posted_card',
        columns: [
          { name: 'id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'requestId', type: 'varchar', length: '36' },
          { name: 'recipientAad', type: 'varchar', length: '36' },
          { name: 'activityId', type: 'nvarchar', length: '200' },
          { name: 'reference', ...t.longText },
          { name: 'postedAt', ...t.timestamp },
        ],
        indices: [new TableIndex({ name: 'IDX_posted_card_request', columnNames: ['requestId'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['posted_card', 'outbox', 'request_event', 'support_request', 'claimant']) {
      await queryRunner.dropTable(table);
    }
  }
}
