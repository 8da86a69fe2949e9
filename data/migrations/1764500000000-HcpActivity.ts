import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';
import { fk } from './table-helpers';

/** HCPs' supporting activity, weekly notes, attendance, requests to the supplier and notices to finish. */
export class HcpActivity1764500000000 implements MigrationInterface {
  name = 'HcpActivity1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = dialectTypes(dialectOf(queryRunner.connection.options.type));
    const id = (name: string, nullable = false) => ({ name, type: 'varchar', length: '36', isNullable: nullable });
    const at = (name: string, nullable = false) => ({ name, ...t.timestamp, isNullable: nullable });
    const date = (name: string, nullable = false) => ({ name, type: 'varchar', length: '10', isNullable: nullable });
    const district = { name: 'district', type: 'nvarchar', length: '100' };

    await queryRunner.createTable(
      new Table({
        name: 'hcp_activity',
        columns: [
          { ...id('id'), isPrimary: true },
          id('hcpId'),
          { name: 'kind', type: 'varchar', length: '30' },
          { name: 'status', type: 'varchar', length: '20' },
          id('jobcentreId', true),
          district,
          date('date', true),
          at('startsAt', true),
          at('endsAt', true),
          { name: 'takingPart', type: 'nvarchar', length: '300' },
          { name: 'note', type: 'nvarchar', length: '1000' },
          { name: 'caseReference', type: 'varchar', length: '20', isNullable: true },
          { name: 'caseCount', ...t.integer, isNullable: true },
          { name: 'adHoc', ...t.boolean },
          id('requestedById', true),
          id('setById', true),
          id('recordedById', true),
          at('recordedAt', true),
          { name: 'version', ...t.integer },
          at('createdAt'),
          at('updatedAt'),
        ],
        indices: [
          new TableIndex({ name: 'IDX_hcp_activity_hcp', columnNames: ['hcpId', 'date'] }),
          new TableIndex({ name: 'IDX_hcp_activity_district', columnNames: ['district', 'date'] }),
        ],
        foreignKeys: [fk('FK_hcp_activity_hcp', 'hcpId', 'staff')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'hcp_weekly_note',
        columns: [
          { ...id('id'), isPrimary: true },
          id('hcpId'),
          district,
          date('weekStart'),
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'body', type: 'nvarchar', length: '4000' },
          at('submittedAt', true),
          id('reviewedById', true),
          at('reviewedAt', true),
          { name: 'changeReason', type: 'nvarchar', length: '500', isNullable: true },
          at('remindedAt', true),
          { name: 'version', ...t.integer },
          at('createdAt'),
          at('updatedAt'),
        ],
        uniques: [new TableUnique({ name: 'UQ_hcp_weekly_note_week', columnNames: ['hcpId', 'weekStart'] })],
        indices: [new TableIndex({ name: 'IDX_hcp_weekly_note_district', columnNames: ['district', 'weekStart'] })],
        foreignKeys: [fk('FK_hcp_weekly_note_hcp', 'hcpId', 'staff')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'hcp_attendance',
        columns: [
          { ...id('id'), isPrimary: true },
          id('hcpId'),
          district,
          date('date'),
          id('jobcentreId', true),
          { name: 'status', type: 'varchar', length: '10' },
          at('arrivedAt', true),
          id('recordedById'),
          at('recordedAt'),
          id('supplierRequestId', true),
        ],
        uniques: [new TableUnique({ name: 'UQ_hcp_attendance_day', columnNames: ['hcpId', 'date'] })],
        indices: [new TableIndex({ name: 'IDX_hcp_attendance_district', columnNames: ['district', 'date'] })],
        foreignKeys: [fk('FK_hcp_attendance_hcp', 'hcpId', 'staff')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'supplier_request',
        columns: [
          { ...id('id'), isPrimary: true },
          { name: 'number', ...t.integer },
          { name: 'kind', type: 'varchar', length: '30' },
          { name: 'status', type: 'varchar', length: '20' },
          district,
          id('hcpId', true),
          date('fromDate', true),
          date('toDate', true),
          { name: 'details', type: 'nvarchar', length: '1000' },
          { name: 'caseReference', type: 'varchar', length: '20', isNullable: true },
          id('raisedById'),
          at('raisedAt'),
          date('dueOn'),
          at('answeredAt', true),
          id('answeredById', true),
          { name: 'answer', type: 'nvarchar', length: '1000', isNullable: true },
          { name: 'version', ...t.integer },
        ],
        uniques: [new TableUnique({ name: 'UQ_supplier_request_number', columnNames: ['number'] })],
        indices: [new TableIndex({ name: 'IDX_supplier_request_district', columnNames: ['district', 'raisedAt'] })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'hcp_notice',
        columns: [{ ...id('id'), isPrimary: true }, id('hcpId'), district, date('givenOn'), date('receivedOn'), date('dueOn'), date('lastDay'), id('recordedById'), at('recordedAt')],
        indices: [new TableIndex({ name: 'IDX_hcp_notice_district', columnNames: ['district', 'receivedOn'] })],
        foreignKeys: [fk('FK_hcp_notice_hcp', 'hcpId', 'staff')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['hcp_notice', 'supplier_request', 'hcp_attendance', 'hcp_weekly_note', 'hcp_activity']) await queryRunner.dropTable(table);
  }
}
