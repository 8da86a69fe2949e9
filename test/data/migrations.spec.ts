import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateMssqlSchema } from '../../data/mssql/generate-schema';
import { MIGRATIONS, SCHEMA } from '../../bot/journeys';
import { openTempDatabase, type TempDatabase } from '../../testkit/temp-database';

describe('migrations', () => {
  let db: TempDatabase;
  beforeAll(async () => {
    db = await openTempDatabase();
  });
  afterAll(async () => db.close());

  it('run on a fresh SQLite file and are all recorded', async () => {
    const rows = await db.dataSource.query('SELECT name FROM schema_migration ORDER BY id');
    expect(rows.map((r: { name: string }) => r.name)).toEqual(MIGRATIONS.map((m) => new m().name));
  });

  it('leave no drift between the schema and the entities', async () => {
    const sql = await db.dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('are not run twice when the bot starts again on the same file', async () => {
    const again = await db.dataSource.runMigrations();
    expect(again).toEqual([]);
  });

  it('can be reverted, one by one, to an empty database', async () => {
    const other = await openTempDatabase();
    try {
      for (let i = 0; i < MIGRATIONS.length; i++) await other.dataSource.undoLastMigration();
      const tables = await other.dataSource.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('schema_migration', 'sqlite_sequence')");
      expect(tables).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('SQL Server schema', () => {
  it('data/mssql/schema.sql is what the entities produce (run `npm run schema:mssql` after changing them)', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'data', 'mssql', 'schema.sql'), 'utf8');
    expect(await generateMssqlSchema(SCHEMA.entities)).toEqual(committed);
  });

  it('follows the SQL Server rules: datetime2, nvarchar(MAX), no uniqueidentifier', async () => {
    const sql = await generateMssqlSchema(SCHEMA.entities);
    expect(sql).toContain('datetime2');
    expect(sql).toContain('nvarchar(MAX)');
    expect(sql).not.toMatch(/\bdatetime\b(?!2)/);
    expect(sql).not.toContain('uniqueidentifier');
    expect(sql).not.toMatch(/\btext\b/);
  });
});
