import type { EntitySchemaRelationOptions } from 'typeorm';

/**
 * The two SQL dialects the bot runs on. TypeORM's portable API covers most of the schema; these
 * are the few column types that must differ (SQL Server wants nvarchar(MAX) and datetime2, which
 * SQLite refuses).
 */
export type SqlDialect = 'sqlite' | 'mssql';

export interface DialectTypes {
  readonly longText: { type: 'text' } | { type: 'nvarchar'; length: 'MAX' };
  readonly timestamp: { type: 'datetime' } | { type: 'datetime2' };
  readonly boolean: { type: 'boolean' } | { type: 'bit' };
  /** SQLite reports 'int' back as 'integer', which would read as drift. */
  readonly integer: { type: 'integer' } | { type: 'int' };
}

export function dialectTypes(dialect: SqlDialect): DialectTypes {
  return dialect === 'mssql'
    ? { longText: { type: 'nvarchar', length: 'MAX' }, timestamp: { type: 'datetime2' }, boolean: { type: 'bit' }, integer: { type: 'int' } }
    : { longText: { type: 'text' }, timestamp: { type: 'datetime' }, boolean: { type: 'boolean' }, integer: { type: 'integer' } };
}

/** TypeORM names the better-sqlite3 driver 'better-sqlite3'; everything else here is SQL Server. */
export function dialectOf(driverType: string): SqlDialect {
  return driverType === 'mssql' ? 'mssql' : 'sqlite';
}

/**
 * A many-to-one relation over an id column the row already has, with the constraint named so that
 * the migrations can create exactly what the entities describe. NO ACTION on delete, because SQL
 * Server refuses cascades that could reach a table by two paths.
 */
export function manyToOne(target: string, column: string, constraintName: string): EntitySchemaRelationOptions {
  return {
    type: 'many-to-one',
    target,
    joinColumn: { name: column, referencedColumnName: 'id', foreignKeyConstraintName: constraintName },
    onDelete: 'NO ACTION',
    onUpdate: 'NO ACTION',
  };
}
