import { Table, TableColumn, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';
import { fk } from './table-helpers';

/** Consent, claimant support intervention agreements, outcomes and QAS checks. */
export class Interventions1763910000000 implements MigrationInterface {
  name = 'Interventions1763910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = dialectTypes(dialectOf(queryRunner.connection.options.type));

    await queryRunner.addColumns('support_request', [
      new TableColumn({ name: 'parentRequestId', type: 'varchar', length: '36', isNullable: true }),
      new TableColumn({ name: 'requestedChannel', type: 'varchar', length: '40', isNullable: true }),
    ]);
    await queryRunner.addColumn('booking', new TableColumn({ name: 'claimantContact', type: 'varchar', length: '20', isNullable: true }));

    await queryRunner.createTable(
      new Table({
        name: 'consent_record',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'requestId', type: 'varchar', length: '36' },
          { name: 'purpose', type: 'varchar', length: '40' },
          { name: 'conditionality', type: 'varchar', length: '12' },
          { name: 'statements', type: 'varchar', length: '400' },
          { name: 'answer', type: 'varchar', length: '10' },
          { name: 'availability', type: 'varchar', length: '200' },
          { name: 'letterFormat', type: 'varchar', length: '12' },
          { name: 'capturedById', type: 'varchar', length: '36' },
          { name: 'capturedAt', ...t.timestamp },
        ],
        uniques: [new TableUnique({ name: 'UQ_consent_record_request', columnNames: ['requestId', 'purpose'] })],
        foreignKeys: [fk('FK_consent_record_request', 'requestId', 'support_request')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'intervention_override',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'requestId', type: 'varchar', length: '36' },
          { name: 'reason', type: 'nvarchar', length: '1000' },
          { name: 'askedById', type: 'varchar', length: '36' },
          { name: 'askedAt', ...t.timestamp },
          { name: 'teamLeaderId', type: 'varchar', length: '36' },
          { name: 'decision', type: 'varchar', length: '10' },
          { name: 'decidedAt', ...t.timestamp, isNullable: true },
          { name: 'note', type: 'nvarchar', length: '1000', isNullable: true },
          { name: 'priorCount', ...t.integer },
        ],
        indices: [new TableIndex({ name: 'IDX_intervention_override_request', columnNames: ['requestId'] })],
        foreignKeys: [fk('FK_intervention_override_request', 'requestId', 'support_request')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'meeting_record',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'requestId', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '10' },
          { name: 'authorId', type: 'varchar', length: '36' },
          { name: 'at', ...t.timestamp },
          { name: 'body', ...t.longText },
          { name: 'nextSteps', type: 'varchar', length: '400' },
          { name: 'sentToId', type: 'varchar', length: '36', isNullable: true },
        ],
        uniques: [new TableUnique({ name: 'UQ_meeting_record_kind', columnNames: ['requestId', 'kind'] })],
        foreignKeys: [fk('FK_meeting_record_request', 'requestId', 'support_request')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'quality_check',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'requestId', type: 'varchar', length: '36' },
          { name: 'standard', type: 'varchar', length: '10' },
          { name: 'checkerId', type: 'varchar', length: '36' },
          { name: 'markedAt', ...t.timestamp },
          { name: 'result', type: 'varchar', length: '12', isNullable: true },
          { name: 'notes', type: 'nvarchar', length: '2000', isNullable: true },
          { name: 'recordedAt', ...t.timestamp, isNullable: true },
        ],
        uniques: [new TableUnique({ name: 'UQ_quality_check_request', columnNames: ['requestId'] })],
        foreignKeys: [fk('FK_quality_check_request', 'requestId', 'support_request')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('quality_check');
    await queryRunner.dropTable('meeting_record');
    await queryRunner.dropTable('intervention_override');
    await queryRunner.dropTable('consent_record');
    await queryRunner.dropColumn('booking', 'claimantContact');
    await queryRunner.dropColumn('support_request', 'requestedChannel');
    await queryRunner.dropColumn('support_request', 'parentRequestId');
  }
}
