import type { DataSource, DataSourceOptions, ObjectLiteral } from 'typeorm';
import { dataSourceOptions, type DatabaseSchema } from '../data/database';
import { offlineMssqlDataSource } from '../data/mssql/offline';

/** One statement as SQL Server would receive it: its text and the type of each parameter. */
export interface RecordedStatement {
  readonly sql: string;
  /** `nvarchar(36)`, `int`, … when TypeORM typed the parameter; the JavaScript type when it left that to the driver. */
  readonly parameters: readonly string[];
}

/** What the stand-in server answers to a statement: rows for a SELECT, a row count for a write. */
export interface Answer {
  readonly rows?: readonly ObjectLiteral[];
  readonly affected?: number;
  /** The statement fails as SQL Server fails a duplicate key (error 2627). */
  readonly duplicate?: boolean;
}

/** Answers a statement, or leaves it to the next responder (in the end: no rows, one row affected). */
export type Responder = (sql: string) => Answer | undefined;

/** The SQL Server parameter limit: a statement with more is refused by the server. */
export const MSSQL_MAX_PARAMETERS = 2_100;

/**
 * An SQL Server data source that records every statement instead of sending it. TypeORM and the
 * `mssql` package build each request exactly as for a real server (parameters typed, transactions
 * begun and committed); only the network call is replaced. Each statement gets no rows and one row
 * affected, unless a responder says otherwise.
 */
export class MssqlRecorder {
  private recorded: RecordedStatement[] = [];
  private responders: Responder[] = [];

  private constructor(readonly dataSource: DataSource) {}

  /** A data source with the bot's own SQL Server options (those `DATABASE_URL=mssql://…` gives). */
  static async open(schema: DatabaseSchema): Promise<MssqlRecorder> {
    const options = dataSourceOptions({ kind: 'mssql', host: 'offline.invalid', port: 1433, database: 'dea_support', user: 'offline', password: 'offline', authentication: 'sql', encrypt: true, trustServerCertificate: false }, schema);
    const dataSource = await offlineMssqlDataSource(schema.entities, options as Partial<DataSourceOptions>);
    const recorder = new MssqlRecorder(dataSource);
    const record = (statement: RecordedStatement) => recorder.recorded.push(statement);
    const answer = (sql: string): Answer => {
      for (const responder of recorder.responders) {
        const found = responder(sql);
        if (found) return found;
      }
      return {};
    };
    const driver = dataSource.driver as unknown as { mssql: object; master: unknown };

    // `mssql`'s Request, as TypeORM's query runner uses it: parameters added with `input`, then `query`.
    class RecordingRequest {
      private readonly parameters: string[] = [];
      input(_name: string, typeOrValue: unknown, ...value: unknown[]): this {
        this.parameters.push(value.length ? describeType(typeOrValue) : describeValue(typeOrValue));
        return this;
      }
      async query(sql: string): Promise<{ recordset: ObjectLiteral[]; rowsAffected: number[]; output: ObjectLiteral }> {
        record({ sql, parameters: this.parameters });
        const { rows = [], affected = 1, duplicate = false } = answer(sql);
        if (duplicate) throw Object.assign(new Error('Violation of UNIQUE KEY constraint. Cannot insert duplicate key.'), { number: 2627 });
        return { recordset: rows.map((r) => ({ ...r })), rowsAffected: [affected], output: {} };
      }
    }
    const transaction = () => ({
      begin: (levelOrDone: unknown, done?: (error?: Error) => void) => {
        record({ sql: 'BEGIN TRANSACTION', parameters: [] });
        (typeof levelOrDone === 'function' ? (levelOrDone as (error?: Error) => void) : done!)();
      },
      commit: (done: (error?: Error) => void) => {
        record({ sql: 'COMMIT', parameters: [] });
        done();
      },
      rollback: (done: (error?: Error) => void) => {
        record({ sql: 'ROLLBACK', parameters: [] });
        done();
      },
    });
    driver.mssql = Object.assign(Object.create(driver.mssql) as object, { Request: RecordingRequest });
    driver.master = { transaction, request: () => new RecordingRequest(), on: () => undefined };
    return recorder;
  }

  /** Adds a responder, asked before those added earlier. */
  answer(responder: Responder): void {
    this.responders.unshift(responder);
  }

  /** The statements recorded since the last call, and forgets the responders. */
  take(): RecordedStatement[] {
    const taken = this.recorded;
    this.recorded = [];
    this.responders = [];
    return taken;
  }

  /**
   * A row for a SELECT as the server would return it: every `"alias"."column" AS "name"` of the
   * statement gets a value of the column's type (an id, a date, 1, false or 'x'), or the one given
   * by property name in `values`.
   */
  rowFor(sql: string, values: ObjectLiteral = {}): ObjectLiteral {
    const tables = new Map<string, string>();
    for (const [, table, alias] of sql.matchAll(/(?:FROM|JOIN) "(\w+)" "(\w+)"/g)) tables.set(alias!, table!);
    const row: ObjectLiteral = {};
    for (const [, alias, column, name] of sql.matchAll(/"(\w+)"\."(\w+)" AS "(\w+)"/g)) {
      const table = tables.get(alias!);
      const metadata = this.dataSource.entityMetadatas.find((m) => m.tableName === table);
      const meta = metadata?.columns.find((c) => c.databaseName === column);
      if (!meta) continue;
      row[name!] = meta.propertyName in values ? values[meta.propertyName] : sampleValue(String(meta.type), meta.propertyName);
    }
    return row;
  }

  async close(): Promise<void> {
    await this.dataSource.destroy();
  }
}

function describeType(type: unknown): string {
  if (typeof type === 'function') return String((type as { declaration?: string }).declaration ?? type.name);
  if (type && typeof type === 'object' && 'type' in type) {
    const { type: base, length, precision, scale } = type as { type: { declaration?: string }; length?: unknown; precision?: unknown; scale?: unknown };
    const size = [length, precision, scale].filter((v) => v !== undefined);
    return `${base.declaration ?? 'unknown'}${size.length ? `(${size.join(', ')})` : ''}`;
  }
  return 'unknown';
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return 'Date';
  return typeof value;
}

const SAMPLE_DATE = new Date('2026-01-05T10:00:00Z');
const SAMPLE_ID = '0b7f5a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';

function sampleValue(type: string, property: string): unknown {
  if (/date|time/i.test(type)) return SAMPLE_DATE;
  if (/int/i.test(type)) return 1;
  if (/bit|bool/i.test(type)) return false;
  if (property === 'id' || property.endsWith('Id')) return SAMPLE_ID;
  return 'x';
}
