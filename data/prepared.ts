import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Driver } from 'typeorm/driver/Driver';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { refuseTooLong } from './field-lengths';
import { dialectOf } from './schema/dialect';
import { runDirect } from './sqlite-direct';
import { managerOf } from './transactions';

/**
 * A statement written once per data source by TypeORM's query builder, so in that database's own
 * dialect, and afterwards sent as text with each call's parameters. Building a query through the
 * builder or a repository's `find` costs several times more than SQLite takes to run it; the hot
 * statements of every turn (who is speaking, the request, its people) use this instead.
 *
 * The text keeps TypeORM's named parameters (`:id`, `:...ids`); the driver turns them into its
 * placeholders on each call exactly as the builder would, and rows are hydrated with the driver's
 * own conversions (`hydrate`), so dates, booleans and SQL Server's ids come back as from `find`.
 */
export class PreparedStatement {
  private text: string | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly write: (manager: EntityManager) => string,
  ) {}

  /**
   * Runs in the unit of work's transaction when one is open, or in the given manager's (a store's own
   * transaction); rows as the driver returns them.
   */
  async run(parameters: ObjectLiteral, manager: EntityManager = managerOf(this.dataSource)): Promise<ObjectLiteral[]> {
    this.text ??= this.write(this.dataSource.manager);
    const [sql, values] = this.dataSource.driver.escapeQueryWithParameters(this.text, parameters);
    const direct = runDirect(this.dataSource, sql, values);
    if (direct) return 'rows' in direct ? direct.rows : [];
    return (await manager.query(sql, values)) as ObjectLiteral[];
  }

  /** For a statement that writes: how many rows it changed. */
  async affected(parameters: ObjectLiteral, manager: EntityManager = managerOf(this.dataSource)): Promise<number> {
    this.text ??= this.write(this.dataSource.manager);
    const [sql, values] = this.dataSource.driver.escapeQueryWithParameters(this.text, parameters);
    const direct = runDirect(this.dataSource, sql, values);
    if (direct) return 'changes' in direct ? direct.changes : direct.rows.length;
    const runner = manager.queryRunner ?? this.dataSource.createQueryRunner();
    try {
      const result = (await runner.query(sql, values, true)) as { affected?: number };
      return result.affected ?? 0;
    } finally {
      if (!manager.queryRunner) await runner.release();
    }
  }
}

/**
 * One entity's columns out of a raw row whose keys are `${alias}_${column}` (as a query builder's
 * `select(alias)` names them), converted by the driver as `find` would. Null when the row has no
 * such entity (a left join that found nothing).
 */
export function hydrate<T>(dataSource: DataSource, entity: string, alias: string, raw: ObjectLiteral): T | null {
  const { primaryKey, columns } = rawColumnsOf(dataSource, entity, alias);
  const primary = raw[primaryKey];
  if (primary === null || primary === undefined) return null;
  const row: ObjectLiteral = {};
  for (const { key, column } of columns) {
    if (key in raw) row[column.propertyName] = dataSource.driver.prepareHydratedValue(raw[key], column);
  }
  return row as T;
}

interface RawColumns {
  readonly primaryKey: string;
  readonly columns: readonly { readonly key: string; readonly column: ColumnMetadata }[];
}

/** Each entity's raw keys under an alias, named once per data source: every listed row is hydrated. */
const rawColumns = new WeakMap<DataSource, Map<string, RawColumns>>();

function rawColumnsOf(dataSource: DataSource, entity: string, alias: string): RawColumns {
  let byEntity = rawColumns.get(dataSource);
  if (!byEntity) rawColumns.set(dataSource, (byEntity = new Map()));
  const name = `${entity} ${alias}`;
  let found = byEntity.get(name);
  if (!found) {
    const metadata = dataSource.getMetadata(entity);
    found = {
      primaryKey: `${alias}_${metadata.primaryColumns[0]!.databaseName}`,
      columns: metadata.columns.map((column) => ({ key: `${alias}_${column.databaseName}`, column })),
    };
    byEntity.set(name, found);
  }
  return found;
}

/**
 * Rows of one entity by a statement written once: `build` gets the entity's query builder (alias
 * `e`) and returns it with its conditions, order and limit, parameters named but not given.
 */
export class PreparedFind<T extends ObjectLiteral> {
  private readonly statement: PreparedStatement;

  constructor(
    private readonly dataSource: DataSource,
    private readonly entity: string,
    build: (query: SelectQueryBuilder<T>) => SelectQueryBuilder<T>,
  ) {
    this.statement = new PreparedStatement(dataSource, (manager) => build(manager.getRepository<T>(entity).createQueryBuilder('e')).getQuery());
  }

  async all(parameters: ObjectLiteral): Promise<T[]> {
    return (await this.statement.run(parameters)).map((raw) => hydrate<T>(this.dataSource, this.entity, 'e', raw)).filter((row): row is T => row !== null);
  }

  async one(parameters: ObjectLiteral): Promise<T | null> {
    return (await this.all(parameters))[0] ?? null;
  }
}

/**
 * Rows of one entity inserted by a statement written once for each number of rows, with the
 * dialect's own placeholders; each value is converted as the query builder converts it (and, on SQL
 * Server, typed as its column), and text is held to its column's length as `FieldLengthGuard` holds
 * it. For the inserts of every turn, where building the statement cost more than running it.
 */
export class PreparedInsert<T extends ObjectLiteral> {
  private readonly texts = new Map<number, string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly entity: string,
    private readonly properties: readonly (keyof T & string)[],
  ) {}

  /** In the unit of work's transaction when one is open. */
  async insert(rows: readonly T[], manager: EntityManager = managerOf(this.dataSource)): Promise<void> {
    if (rows.length === 0) return;
    const metadata = this.dataSource.getMetadata(this.entity);
    const driver = this.dataSource.driver;
    const typed = dialectOf(this.dataSource.options.type) === 'mssql';
    const columns = this.properties.map((property) => columnOf(this.dataSource, this.entity, property));
    const values: unknown[] = [];
    for (const row of rows) {
      refuseTooLong(metadata, row);
      for (const column of columns) {
        const value: unknown = driver.preparePersistentValue(row[column.propertyName], column);
        values.push(typed ? typedAsColumn(driver, column, value) : value);
      }
    }
    let text = this.texts.get(rows.length);
    if (!text) {
      const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
      const sets = rows.map((_row, r) => `(${columns.map((_c, c) => driver.createParameter(`p${r * columns.length + c}`, r * columns.length + c)).join(', ')})`);
      text = `INSERT INTO ${driver.escape(metadata.tableName)}(${names}) VALUES ${sets.join(', ')}`;
      this.texts.set(rows.length, text);
    }
    if (runDirect(this.dataSource, text, values)) return;
    await manager.query(text, values);
  }
}

/**
 * A row of one entity inserted, or written over the row with the same key: the statement written once
 * by the query builder, so in the dialect's own form (SQLite's ON CONFLICT, SQL Server's MERGE). Each
 * value is converted as the builder converts it (on SQL Server, typed as its column), and text is
 * held to its column's length. For the upserts of every delivery, where building cost more than running.
 */
export class PreparedUpsert<T extends ObjectLiteral> {
  private readonly statement: PreparedStatement;

  constructor(
    private readonly dataSource: DataSource,
    private readonly entity: string,
    private readonly properties: readonly (keyof T & string)[],
    key: readonly (keyof T & string)[],
  ) {
    this.statement = new PreparedStatement(dataSource, (manager) =>
      manager
        .createQueryBuilder()
        .insert()
        .into(entity)
        .values(Object.fromEntries(properties.map((property) => [property, () => `:${property}`])))
        .orUpdate(
          properties.filter((property) => !key.includes(property)).map((property) => columnOf(dataSource, entity, property).databaseName),
          key.map((property) => columnOf(dataSource, entity, property).databaseName),
        )
        .getQuery(),
    );
  }

  /** In the unit of work's transaction when one is open. */
  async upsert(row: T, manager: EntityManager = managerOf(this.dataSource)): Promise<void> {
    const metadata = this.dataSource.getMetadata(this.entity);
    const driver = this.dataSource.driver;
    const typed = dialectOf(this.dataSource.options.type) === 'mssql';
    refuseTooLong(metadata, row);
    const named: ObjectLiteral = {};
    for (const property of this.properties) {
      const column = columnOf(this.dataSource, this.entity, property);
      const value: unknown = driver.preparePersistentValue(row[property], column);
      // SQLite's own escaping would write a number into the text: kept a parameter, the text stays one statement.
      named[property] = typed ? typedAsColumn(driver, column, value) : typeof value === 'number' ? String(value) : value;
    }
    await this.statement.affected(named, manager);
  }
}

function columnOf(dataSource: DataSource, entity: string, property: string): ColumnMetadata {
  const column = dataSource.getMetadata(entity).findColumnWithPropertyName(property);
  if (!column) throw new Error(`${entity} has no column ${property}.`);
  return column;
}

/**
 * An update of one entity written once by the query builder (so in the dialect's own text): `set`
 * names the properties it sets, `where` its condition with named parameters. Each call converts the
 * set values as the builder converts them (on SQL Server, typed as their columns), holds text to its
 * column's length, and returns how many rows changed. For the updates of every turn and delivery.
 */
export class PreparedUpdate<T extends ObjectLiteral> {
  private readonly statement: PreparedStatement;

  constructor(
    private readonly dataSource: DataSource,
    private readonly entity: string,
    private readonly set: readonly (keyof T & string)[],
    where: string,
  ) {
    this.statement = new PreparedStatement(dataSource, (manager) =>
      manager
        .createQueryBuilder()
        .update(entity)
        .set(Object.fromEntries(set.map((property) => [property, () => `:set_${property}`])))
        .where(where)
        .getQuery(),
    );
  }

  /** In the unit of work's transaction when one is open. */
  async run(values: Partial<T>, parameters: ObjectLiteral = {}, manager: EntityManager = managerOf(this.dataSource)): Promise<number> {
    const metadata = this.dataSource.getMetadata(this.entity);
    const driver = this.dataSource.driver;
    const typed = dialectOf(this.dataSource.options.type) === 'mssql';
    refuseTooLong(metadata, values);
    // SQLite's own escaping would write a number into the text: kept a parameter, the text stays one statement.
    const named: ObjectLiteral = Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, !typed && typeof v === 'number' ? String(v) : v]));
    for (const property of this.set) {
      const column = columnOf(this.dataSource, this.entity, property);
      const value: unknown = driver.preparePersistentValue(values[property], column);
      named[`set_${property}`] = typed ? typedAsColumn(driver, column, value) : typeof value === 'number' ? String(value) : value;
    }
    return this.statement.affected(named, manager);
  }
}

/**
 * On SQL Server, a value sent with its column's type (datetime2, varchar(n)…), as the query builder
 * sends it. The method is SQL Server's driver's own; TypeORM's `Driver` type does not declare it.
 */
function typedAsColumn(driver: Driver, column: ColumnMetadata, value: unknown): unknown {
  return (driver as unknown as { parametrizeValue(column: ColumnMetadata, value: unknown): unknown }).parametrizeValue(column, value);
}
