import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
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
    return (await manager.query(sql, values)) as ObjectLiteral[];
  }
}

/**
 * One entity's columns out of a raw row whose keys are `${alias}_${column}` (as a query builder's
 * `select(alias)` names them), converted by the driver as `find` would. Null when the row has no
 * such entity (a left join that found nothing).
 */
export function hydrate<T>(dataSource: DataSource, entity: string, alias: string, raw: ObjectLiteral): T | null {
  const metadata = dataSource.getMetadata(entity);
  const primary = raw[`${alias}_${metadata.primaryColumns[0]!.databaseName}`];
  if (primary === null || primary === undefined) return null;
  const row: ObjectLiteral = {};
  for (const column of metadata.columns) {
    const key = `${alias}_${column.databaseName}`;
    if (key in raw) row[column.propertyName] = dataSource.driver.prepareHydratedValue(raw[key], column);
  }
  return row as T;
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
