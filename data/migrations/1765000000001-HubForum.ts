import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';

/** The feedback forum on the local Disability Hub: colleagues' posts and the DEAs' answers. */
export class HubForum1765000000001 implements MigrationInterface {
  name = 'HubForum1765000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = dialectTypes(dialectOf(queryRunner.connection.options.type));
    await queryRunner.createTable(
      new Table({
        name: 'hub_forum_post',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'district', type: 'nvarchar', length: '100' },
          { name: 'authorId', type: 'varchar', length: '36' },
          { name: 'topic', type: 'nvarchar', length: '120' },
          { name: 'body', type: 'nvarchar', length: '2000' },
          { name: 'answer', type: 'nvarchar', length: '2000', isNullable: true },
          { name: 'answeredById', type: 'varchar', length: '36', isNullable: true },
          { name: 'answeredAt', ...t.timestamp, isNullable: true },
          { name: 'version', ...t.integer },
          { name: 'createdAt', ...t.timestamp },
        ],
        indices: [new TableIndex({ name: 'IDX_hub_forum_post_district', columnNames: ['district', 'createdAt'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('hub_forum_post');
  }
}
