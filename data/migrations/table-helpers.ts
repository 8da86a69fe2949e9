import { TableForeignKey } from 'typeorm';

/** A named foreign key to `table.id`; names match the entities' so the schema shows no drift. */
export function fk(name: string, column: string, table: string, onDelete: 'CASCADE' | 'NO ACTION' = 'NO ACTION'): TableForeignKey {
  return new TableForeignKey({
    name,
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: ['id'],
    onDelete,
    onUpdate: 'NO ACTION',
  });
}
