import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';
import { fk } from './table-helpers';

/** The local Disability Hub and the changes sent to be published, opportunities shared, external partners and their service changes, strategies and their actions. */
export class Partnerships1764200000000 implements MigrationInterface {
  name = 'Partnerships1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = dialectTypes(dialectOf(queryRunner.connection.options.type));

    await queryRunner.createTable(
      new Table({
        name: 'hub_entry',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'district', type: 'nvarchar', length: '100' },
          { name: 'title', type: 'nvarchar', length: '120' },
          { name: 'summary', type: 'nvarchar', length: '600' },
          { name: 'link', type: 'nvarchar', length: '400', isNullable: true },
          { name: 'kind', type: 'varchar', length: '40' },
          { name: 'status', type: 'varchar', length: '30' },
          { name: 'keeperId', type: 'varchar', length: '36' },
          { name: 'createdAt', ...t.timestamp },
          { name: 'updatedAt', ...t.timestamp },
        ],
        indices: [new TableIndex({ name: 'IDX_hub_entry_district', columnNames: ['district', 'status'] })],
        foreignKeys: [fk('FK_hub_entry_keeper', 'keeperId', 'staff')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'hub_change',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'entryId', type: 'varchar', length: '36' },
          { name: 'action', type: 'varchar', length: '10' },
          { name: 'title', type: 'nvarchar', length: '120' },
          { name: 'summary', type: 'nvarchar', length: '600' },
          { name: 'link', type: 'nvarchar', length: '400', isNullable: true },
          { name: 'kind', type: 'varchar', length: '40' },
          { name: 'requestedById', type: 'varchar', length: '36' },
          { name: 'contactId', type: 'varchar', length: '36' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'reason', type: 'nvarchar', length: '400', isNullable: true },
          { name: 'version', ...t.integer },
          { name: 'createdAt', ...t.timestamp },
          { name: 'decidedAt', ...t.timestamp, isNullable: true },
        ],
        indices: [new TableIndex({ name: 'IDX_hub_change_entry', columnNames: ['entryId', 'status'] })],
        foreignKeys: [fk('FK_hub_change_entry', 'entryId', 'hub_entry')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'opportunity',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'deaId', type: 'varchar', length: '36' },
          { name: 'kind', type: 'varchar', length: '40' },
          { name: 'status', type: 'varchar', length: '30' },
          { name: 'title', type: 'nvarchar', length: '120' },
          { name: 'summary', type: 'nvarchar', length: '600' },
          { name: 'link', type: 'nvarchar', length: '400', isNullable: true },
          { name: 'hubEntryId', type: 'varchar', length: '36', isNullable: true },
          { name: 'sentTo', ...t.integer },
          { name: 'createdAt', ...t.timestamp },
        ],
        indices: [new TableIndex({ name: 'IDX_opportunity_dea', columnNames: ['deaId', 'createdAt'] })],
        foreignKeys: [fk('FK_opportunity_dea', 'deaId', 'staff')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'external_partner',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'district', type: 'nvarchar', length: '100' },
          { name: 'deaId', type: 'varchar', length: '36' },
          { name: 'name', type: 'nvarchar', length: '120' },
          { name: 'kind', type: 'varchar', length: '30' },
          { name: 'contact', type: 'nvarchar', length: '200' },
          { name: 'website', type: 'nvarchar', length: '400', isNullable: true },
          { name: 'focus', type: 'nvarchar', length: '400' },
          { name: 'lastMetOn', type: 'varchar', length: '10', isNullable: true },
          { name: 'createdAt', ...t.timestamp },
          { name: 'updatedAt', ...t.timestamp },
        ],
        indices: [new TableIndex({ name: 'IDX_external_partner_district', columnNames: ['district'] })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'service_change',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'partnerId', type: 'varchar', length: '36' },
          { name: 'partnerName', type: 'nvarchar', length: '120' },
          { name: 'district', type: 'nvarchar', length: '100' },
          { name: 'sentById', type: 'varchar', length: '36' },
          { name: 'change', type: 'nvarchar', length: '400' },
          { name: 'impact', type: 'nvarchar', length: '600' },
          { name: 'createdAt', ...t.timestamp },
        ],
        indices: [new TableIndex({ name: 'IDX_service_change_district', columnNames: ['district', 'createdAt'] })],
        foreignKeys: [fk('FK_service_change_partner', 'partnerId', 'external_partner')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'strategy',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'kind', type: 'varchar', length: '30' },
          { name: 'title', type: 'nvarchar', length: '120' },
          { name: 'why', type: 'nvarchar', length: '2000' },
          { name: 'leadId', type: 'varchar', length: '36' },
          { name: 'ownerId', type: 'varchar', length: '36' },
          { name: 'status', type: 'varchar', length: '30' },
          { name: 'areas', type: 'varchar', length: '400' },
          { name: 'internalPartners', type: 'varchar', length: '400' },
          { name: 'partnerIds', ...t.longText },
          { name: 'gapConferenceIds', ...t.longText },
          { name: 'gapNote', type: 'nvarchar', length: '1000', isNullable: true },
          { name: 'version', ...t.integer },
          { name: 'createdAt', ...t.timestamp },
          { name: 'updatedAt', ...t.timestamp },
        ],
        indices: [new TableIndex({ name: 'IDX_strategy_lead', columnNames: ['leadId'] }), new TableIndex({ name: 'IDX_strategy_owner', columnNames: ['ownerId'] })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'strategy_action',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'strategyId', type: 'varchar', length: '36' },
          { name: 'what', type: 'nvarchar', length: '400' },
          { name: 'owner', type: 'nvarchar', length: '100' },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'createdAt', ...t.timestamp },
        ],
        indices: [new TableIndex({ name: 'IDX_strategy_action_strategy', columnNames: ['strategyId'] })],
        foreignKeys: [fk('FK_strategy_action_strategy', 'strategyId', 'strategy')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('strategy_action');
    await queryRunner.dropTable('strategy');
    await queryRunner.dropTable('service_change');
    await queryRunner.dropTable('external_partner');
    await queryRunner.dropTable('opportunity');
    await queryRunner.dropTable('hub_change');
    await queryRunner.dropTable('hub_entry');
  }
}
