import type { DataSource, EntityMetadata, Table } from 'typeorm';

/**
 * Rules SQL Server holds to and SQLite does not, checked on statements and entities built for SQL
 * Server. Each returns what breaks the rule, in words, or nothing.
 */

/**
 * OFFSET … FETCH needs an ORDER BY on SQL Server. TypeORM adds `ORDER BY (SELECT NULL)` when none was
 * asked for, which is valid but returns any row: acceptable only when the statement selects at most
 * one row, by equality on the whole of a primary or unique key of its main table.
 */
export function unorderedPaging(sql: string, dataSource: DataSource): string | null {
  if (!/\bOFFSET\b/.test(sql)) return null;
  const order = /\bORDER BY (.+?) OFFSET\b/.exec(sql)?.[1];
  if (!order) return 'OFFSET without ORDER BY';
  if (order.trim() !== '(SELECT NULL)') return null;
  const from = /\bFROM "(\w+)" "(\w+)"/.exec(sql);
  const where = /\bWHERE (.+?) ORDER BY\b/.exec(sql)?.[1] ?? '';
  const metadata = from ? dataSource.entityMetadatas.find((m) => m.tableName === from[1]) : undefined;
  if (!from || !metadata) return 'ORDER BY (SELECT NULL) on a table that is not an entity';
  const alias = from[2]!;
  if (/\bOR\b/i.test(where)) return `ORDER BY (SELECT NULL) with OR in the WHERE clause of ${from[1]}: rows come back in no set order`;
  const byKey = uniqueKeys(metadata).some((key) => key.every((column) => new RegExp(`"${alias}"\\."${column}" = (@\\d+|:\\w+|'[^']*')`).test(where)));
  return byKey ? null : `ORDER BY (SELECT NULL) on ${from[1]} not selected by a unique key: rows come back in no set order`;
}

/** The column sets of a table that identify one row: its primary key, unique constraints and unique indices. */
export function uniqueKeys(metadata: EntityMetadata): string[][] {
  return [
    metadata.primaryColumns.map((c) => c.databaseName),
    ...metadata.uniques.map((u) => u.columns.map((c) => c.databaseName)),
    ...metadata.indices.filter((i) => i.isUnique).map((i) => i.columns.map((c) => c.databaseName)),
  ];
}

/**
 * SQL Server lets a UNIQUE constraint or index hold NULL once; SQLite lets it hold NULL many times.
 * A unique key with a nullable column must be a unique index filtered to rows where that column is
 * not null, so both behave the same.
 */
export function nullableUniqueKeys(metadata: EntityMetadata): string[] {
  const problems: string[] = [];
  for (const unique of metadata.uniques) {
    const nullable = unique.columns.filter((c) => c.isNullable).map((c) => c.databaseName);
    if (nullable.length) problems.push(`${metadata.tableName}: unique constraint ${unique.name} has nullable ${nullable.join(', ')}; use a unique index with where "${nullable[0]}" IS NOT NULL`);
  }
  for (const index of metadata.indices.filter((i) => i.isUnique)) {
    const nullable = index.columns.filter((c) => c.isNullable).map((c) => c.databaseName);
    const unfiltered = nullable.filter((name) => !new RegExp(`"?${name}"?\\s+IS NOT NULL`, 'i').test(index.where ?? ''));
    if (unfiltered.length) problems.push(`${metadata.tableName}: unique index ${index.name} has nullable ${unfiltered.join(', ')} without where "${unfiltered[0]}" IS NOT NULL`);
  }
  return problems;
}

/** The same rule on a table as the migrations leave it. */
export function nullableUniqueColumns(table: Table): string[] {
  const nullable = new Set(table.columns.filter((c) => c.isNullable).map((c) => c.name));
  const problems: string[] = [];
  for (const unique of table.uniques) {
    const found = unique.columnNames.filter((name) => nullable.has(name));
    if (found.length) problems.push(`${table.name}: unique constraint ${unique.name} has nullable ${found.join(', ')}; use a unique index with where "${found[0]}" IS NOT NULL`);
  }
  for (const index of table.indices.filter((i) => i.isUnique)) {
    const found = index.columnNames.filter((name) => nullable.has(name) && !new RegExp(`"?${name}"?\\s+IS NOT NULL`, 'i').test(index.where ?? ''));
    if (found.length) problems.push(`${table.name}: unique index ${index.name} has nullable ${found.join(', ')} without where "${found[0]}" IS NOT NULL`);
  }
  for (const column of table.columns.filter((c) => c.isUnique && c.isNullable)) problems.push(`${table.name}: column ${column.name} is unique and nullable`);
  return problems;
}
