import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';
import { fk } from './table-helpers';

/** Specialist Advice: three-way conversations, the HCP's notes, their audit trail and the HCPs' site plans. */
export class SpecialistAdvice1764100000000 implements MigrationInterface {
  name = 'SpecialistAdvice1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = dialectTypes(dialectOf(queryRunner.connection.options.type));
    const id = (name: string, nullable = false) => ({ name, type: 'varchar', length: '36', isNullable: nullable });
    const at = (name: string, nullable = false) => ({ name, ...t.timestamp, isNullable: nullable });

    await queryRunner.createTable(
      new Table({
        name: 'advice_conversation',
        columns: [
          { ...id('id'), isPrimary: true },
          { name: 'number', ...t.integer },
          { name: 'status', type: 'varchar', length: '20' },
          id('coachId'),
          id('hcpId'),
          id('contactId', true),
          id('jobcentreId'),
          { name: 'cluster', type: 'nvarchar', length: '100' },
          { name: 'district', type: 'nvarchar', length: '100' },
          { name: 'surname', type: 'nvarchar', length: '100' },
          { name: 'nino', type: 'varchar', length: '9' },
          { name: 'benefit', type: 'varchar', length: '10' },
          { name: 'wcaStatus', type: 'varchar', length: '10' },
          { name: 'wcaSummary', ...t.longText, isNullable: true },
          { name: 'background', ...t.longText },
          { name: 'conditions', ...t.longText },
          { name: 'adviceTypes', type: 'varchar', length: '200' },
          { name: 'channel', type: 'varchar', length: '20' },
          { name: 'complex', ...t.boolean },
          { name: 'adHoc', ...t.boolean },
          { name: 'consentAgreed', ...t.boolean },
          { name: 'gpConsent', ...t.boolean },
          id('consentById'),
          at('consentAt'),
          at('startsAt', true),
          at('endsAt', true),
          at('prepStartsAt', true),
          { name: 'timesMoved', ...t.integer },
          at('packReadyAt', true),
          at('preparedAt', true),
          at('heldAt', true),
          at('returnedAt', true),
          at('returnConfirmedAt', true),
          { name: 'findings', type: 'varchar', length: '30' },
          { name: 'diaryEvents', ...t.longText },
          { name: 'version', ...t.integer },
          at('createdAt'),
          at('updatedAt'),
        ],
        uniques: [new TableUnique({ name: 'UQ_advice_conversation_number', columnNames: ['number'] })],
        indices: [
          new TableIndex({ name: 'IDX_advice_conversation_hcp', columnNames: ['hcpId', 'startsAt'] }),
          new TableIndex({ name: 'IDX_advice_conversation_coach', columnNames: ['coachId', 'createdAt'] }),
          new TableIndex({ name: 'IDX_advice_conversation_district', columnNames: ['district', 'createdAt'] }),
        ],
        foreignKeys: [
          fk('FK_advice_conversation_coach', 'coachId', 'staff'),
          fk('FK_advice_conversation_hcp', 'hcpId', 'staff'),
          fk('FK_advice_conversation_jobcentre', 'jobcentreId', 'jobcentre'),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'advice_notes',
        columns: [
          { ...id('conversationId'), isPrimary: true },
          { name: 'conditions', ...t.longText },
          { name: 'impact', ...t.longText },
          { name: 'functioning', ...t.longText },
          { name: 'actions', ...t.longText },
          { name: 'noAlternativeDiagnosis', ...t.boolean },
          { name: 'wcaNotChallenged', ...t.boolean },
          { name: 'findings', ...t.longText, isNullable: true },
          { name: 'signedName', type: 'nvarchar', length: '200' },
          { name: 'signedOn', type: 'varchar', length: '10' },
          id('recordedById'),
          at('recordedAt'),
        ],
        foreignKeys: [fk('FK_advice_notes_conversation', 'conversationId', 'advice_conversation')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'advice_event',
        columns: [{ ...id('id'), isPrimary: true }, id('conversationId'), id('actorId'), { name: 'what', type: 'varchar', length: '60' }, at('at')],
        indices: [new TableIndex({ name: 'IDX_advice_event_conversation', columnNames: ['conversationId', 'at'] })],
        foreignKeys: [fk('FK_advice_event_conversation', 'conversationId', 'advice_conversation')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'hcp_site_day',
        columns: [{ ...id('hcpId'), isPrimary: true }, { name: 'date', type: 'varchar', length: '10', isPrimary: true }, id('jobcentreId'), id('setById'), at('setAt')],
        foreignKeys: [fk('FK_hcp_site_day_hcp', 'hcpId', 'staff'), fk('FK_hcp_site_day_jobcentre', 'jobcentreId', 'jobcentre')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['hcp_site_day', 'advice_event', 'advice_notes', 'advice_conversation']) await queryRunner.dropTable(table);
  }
}
