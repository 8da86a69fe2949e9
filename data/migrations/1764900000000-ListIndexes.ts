import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The lists at a district's scale (thousands of requests a DEA, tens of thousands a team leader's
 * DEAs): every column a list filters and sorts on, and the id, in one index, so the page and the
 * count are chosen from the index alone and only the page's rows are read from the table; and a
 * booking's status beside its request, so "was it booked" is answered from the index too.
 */
export class ListIndexes1764900000000 implements MigrationInterface {
  name = 'ListIndexes1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('support_request', new TableIndex({ name: 'IDX_support_request_dea_list', columnNames: ['deaId', 'status', 'channel', 'urgent', 'requiredBy', 'createdAt', 'updatedAt', 'number', 'id'] }));
    await queryRunner.createIndex('booking', new TableIndex({ name: 'IDX_booking_request_status', columnNames: ['requestId', 'status'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('booking', 'IDX_booking_request_status');
    await queryRunner.dropIndex('support_request', 'IDX_support_request_dea_list');
  }
}

