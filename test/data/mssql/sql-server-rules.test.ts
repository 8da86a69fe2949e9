import { EntitySchema, Table, TableColumn, TableUnique, type DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { SCHEMA } from '../../../bot/journeys';
import { generateMssqlSchema } from '../../../data/mssql/generate-schema';
import { migrationDdlForMssql, type MigrationDdl } from '../../../data/mssql/migration-ddl';
import { offlineMssqlDataSource } from '../../../data/mssql/offline';
import type { EntityFactory } from '../../../data/schema';
import { MET_STATUSES } from '../../../domain/calendar/booking';
import { MssqlRecorder } from '../../../testkit/mssql-recorder';
import { nullableUniqueColumns, nullableUniqueKeys, unorderedPaging } from '../../../testkit/mssql-rules';
import { openTempDatabase, type TempDatabase } from '../../support/template-database';

/**
 * What SQLite lets pass and SQL Server does not, checked on every entity and on what every migration
 * leaves, so a table added later is covered without anyone listing it here.
 */

/** A table for the rules' own tests: `code` is nullable, and unique in the way `unique` says. */
function sample(unique: 'constraint' | 'index' | 'filtered index'): EntityFactory {
  return () =>
    new EntitySchema({
      name: 'Sample',
      tableName: 'sample',
      columns: { id: { type: 'varchar', length: 36, primary: true }, code: { type: 'varchar', length: 20, nullable: true }, kind: { type: 'varchar', length: 20 } },
      ...(unique === 'constraint'
        ? { uniques: [{ name: 'UQ_sample_code', columns: ['code'] }] }
        : { indices: [{ name: 'UQ_sample_code', columns: ['code'], unique: true, ...(unique === 'filtered index' ? { where: '"code" IS NOT NULL' } : {}) }] }),
    });
}

describe('a nullable unique column (SQL Server lets it hold NULL once, SQLite any number of times)', () => {
  let mssql: DataSource;
  let sqlite: TempDatabase;
  let migrations: MigrationDdl;
  beforeAll(async () => {
    mssql = await offlineMssqlDataSource(SCHEMA.entities);
    sqlite = await openTempDatabase();
    migrations = await migrationDdlForMssql(SCHEMA);
  });
  afterAll(async () => {
    await mssql.destroy();
    await sqlite.close();
  });

  it('is never unique without a filter, in any entity of either dialect', () => {
    expect(mssql.entityMetadatas.length).toBe(SCHEMA.entities.length);
    expect(mssql.entityMetadatas.flatMap(nullableUniqueKeys)).toEqual([]);
    expect(sqlite.dataSource.entityMetadatas.flatMap(nullableUniqueKeys)).toEqual([]);
  });

  it('is never unique without a filter in the tables the migrations leave on SQL Server', () => {
    expect(migrations.tables.map((t) => t.name).sort()).toEqual(mssql.entityMetadatas.map((m) => m.tableName).sort());
    expect(migrations.tables.flatMap(nullableUniqueColumns)).toEqual([]);
  });

  it('is caught by the rule as a constraint or a plain unique index, and passes as a filtered index', async () => {
    for (const [kind, problems] of [['constraint', 1], ['index', 1], ['filtered index', 0]] as const) {
      const dataSource = await offlineMssqlDataSource([sample(kind)]);
      try {
        expect(nullableUniqueKeys(dataSource.getMetadata('Sample'))).toHaveLength(problems);
      } finally {
        await dataSource.destroy();
      }
    }
  });

  it('is caught in a migration that makes one, and its own SQL is kept with the DDL', async () => {
    class MakesSample implements MigrationInterface {
      name = 'MakesSample1';
      async up(runner: QueryRunner): Promise<void> {
        await runner.createTable(new Table({ name: 'sample', columns: [{ name: 'id', type: 'varchar', length: '36', isPrimary: true }, { name: 'code', type: 'varchar', length: '20', isNullable: true }], uniques: [new TableUnique({ name: 'UQ_sample_code', columnNames: ['code'] })] }));
        await runner.query('UPDATE "sample" SET "code" = NULL');
      }
      async down(): Promise<void> {}
    }
    const ddl = await migrationDdlForMssql({ entities: [sample('constraint')], migrations: [MakesSample] });
    expect(ddl.tables.flatMap(nullableUniqueColumns)).toEqual([expect.stringContaining('UQ_sample_code has nullable code')]);
    expect(ddl.statements.at(-1)).toBe('UPDATE "sample" SET "code" = NULL');
  });

  it('as a filtered index, is created on SQL Server with its WHERE', async () => {
    expect(await generateMssqlSchema([sample('filtered index')])).toContain('CREATE UNIQUE INDEX "UQ_sample_code" ON "sample" ("code") WHERE "code" IS NOT NULL');
  });
});

describe('the migrations on SQL Server', () => {
  let mssql: DataSource;
  let migrations: MigrationDdl;
  beforeAll(async () => {
    mssql = await offlineMssqlDataSource(SCHEMA.entities);
    migrations = await migrationDdlForMssql(SCHEMA);
  });
  afterAll(async () => mssql.destroy());

  it('leave each column as its entity describes it: type, length and whether it may be null', () => {
    const fromEntities = mssql.entityMetadatas.flatMap((m) =>
      m.columns.map((c) => `${m.tableName}.${c.databaseName} ${mssql.driver.normalizeType(c)}(${c.length || mssql.driver.getColumnLength(c) || '-'})${c.isNullable ? ' null' : ''}`),
    );
    const fromMigrations = migrations.tables.flatMap((t) => t.columns.map((c) => `${t.name}.${c.name} ${mssql.driver.normalizeType({ type: c.type })}(${c.length || '-'})${c.isNullable ? ' null' : ''}`));
    expect(fromMigrations.sort()).toEqual(fromEntities.sort());
  });

  it('never drop a column to change it: TypeORM changes a column on SQL Server by dropping it and adding it again, losing its data', async () => {
    expect(migrations.statements.filter((s) => /\bDROP COLUMN\b/i.test(s))).toEqual([]);
    // Why: what changeColumn sends SQL Server to make a column longer (use ALTER COLUMN in SQL of the migration's own).
    const runner = mssql.createQueryRunner();
    try {
      runner.enableSqlMemory();
      const table = new Table({ name: 'sample', columns: [{ name: 'note', type: 'nvarchar', length: '100', isNullable: true }] });
      await runner.changeColumn(table, 'note', new TableColumn({ name: 'note', type: 'nvarchar', length: '200', isNullable: true }));
      expect(runner.getMemorySql().upQueries.map((q) => q.query)).toEqual(['ALTER TABLE "sample" DROP COLUMN "note"', 'ALTER TABLE "sample" ADD "note" nvarchar(200)']);
    } finally {
      await runner.release();
    }
  });

  it('keep "has a booked meeting" on the request by one trigger on booking, silent about its own rows, after filling it in', () => {
    const at = (pattern: RegExp) => migrations.statements.findIndex((s) => pattern.test(s));
    const trigger = migrations.statements[at(/^CREATE TRIGGER TRG_booking_meeting_booked ON booking AFTER INSERT, UPDATE, DELETE AS BEGIN SET NOCOUNT ON;/)];
    // Its own UPDATE must not change the row count the caller's statement reports (optimistic versions read it).
    expect(trigger).toMatch(/FROM support_request r WHERE r\.id IN \(SELECT requestId FROM inserted UNION SELECT requestId FROM deleted\); END$/);
    expect(at(/^UPDATE support_request SET meetingBooked = 1 WHERE EXISTS/)).toBeGreaterThan(at(/ADD "meetingBooked" bit NOT NULL/));
    expect(at(/^CREATE TRIGGER TRG_booking_meeting_booked/)).toBeGreaterThan(at(/^UPDATE support_request SET meetingBooked = 1/));
    expect(migrations.statements.filter((s) => /CREATE TRIGGER TRG_booking_meeting_booked/.test(s))).toHaveLength(1);
  });

  it('then count a booking being moved as a meeting, as the domain does: the trigger altered in place, then every request set again', () => {
    const at = (pattern: RegExp) => migrations.statements.findIndex((s) => pattern.test(s));
    const met = `b.status IN (${MET_STATUSES.map((s) => `'${s}'`).join(', ')})`;
    const altered = at(/^ALTER TRIGGER TRG_booking_meeting_booked ON booking AFTER INSERT, UPDATE, DELETE AS BEGIN SET NOCOUNT ON;/);
    expect(altered).toBeGreaterThan(at(/^CREATE TRIGGER TRG_booking_meeting_booked/));
    expect(migrations.statements[altered]).toContain(`AND ${met}) THEN 1 ELSE 0 END`);
    expect(migrations.statements[altered]).toMatch(/FROM support_request r WHERE r\.id IN \(SELECT requestId FROM inserted UNION SELECT requestId FROM deleted\); END$/);
    const refill = at(/^UPDATE r SET meetingBooked = CASE WHEN EXISTS .* FROM support_request r WHERE r\.meetingBooked <> CASE WHEN EXISTS/);
    expect(refill).toBeGreaterThan(altered);
    expect(migrations.statements[refill]!.split(met)).toHaveLength(3);
    expect(migrations.statements.filter((s) => /\bTRG_booking_meeting_booked\b/.test(s))).toEqual([migrations.statements[at(/^CREATE TRIGGER TRG_booking_meeting_booked/)], migrations.statements[altered]]);
  });

  it("keep the booked meeting's time on the request by one trigger on booking, silent about its own rows, after filling it in", () => {
    const at = (pattern: RegExp) => migrations.statements.findIndex((s) => pattern.test(s));
    const trigger = migrations.statements[at(/^CREATE TRIGGER TRG_booking_meeting_time ON booking AFTER INSERT, UPDATE, DELETE AS BEGIN SET NOCOUNT ON;/)];
    expect(trigger).toMatch(/OUTER APPLY \(SELECT TOP 1 startsAt, endsAt FROM booking WHERE requestId = r\.id AND status = 'booked' ORDER BY startsAt\) b WHERE r\.id IN \(SELECT requestId FROM inserted UNION SELECT requestId FROM deleted\); END$/);
    const fill = at(/^UPDATE r SET meetingStartsAt = b\.startsAt, meetingEndsAt = b\.endsAt FROM support_request r OUTER APPLY .* WHERE EXISTS/);
    expect(fill).toBeGreaterThan(at(/ADD "meetingEndsAt" datetime2/));
    expect(at(/^CREATE TRIGGER TRG_booking_meeting_time/)).toBeGreaterThan(fill);
    expect(migrations.statements.filter((s) => /CREATE TRIGGER TRG_booking/.test(s))).toHaveLength(2);
  });

  it("then take the time of a booking being moved too, as the domain does: the trigger altered in place, then every request's time set again", () => {
    const at = (pattern: RegExp) => migrations.statements.findIndex((s) => pattern.test(s));
    const met = `status IN (${MET_STATUSES.map((s) => `'${s}'`).join(', ')})`;
    const apply = `OUTER APPLY (SELECT TOP 1 startsAt, endsAt FROM booking WHERE requestId = r.id AND ${met} ORDER BY startsAt) b`;
    const altered = at(/^ALTER TRIGGER TRG_booking_meeting_time ON booking AFTER INSERT, UPDATE, DELETE AS BEGIN SET NOCOUNT ON;/);
    expect(altered).toBeGreaterThan(at(/^CREATE TRIGGER TRG_booking_meeting_time/));
    expect(migrations.statements[altered]).toContain(`UPDATE r SET meetingStartsAt = b.startsAt, meetingEndsAt = b.endsAt FROM support_request r ${apply} WHERE r.id IN (SELECT requestId FROM inserted UNION SELECT requestId FROM deleted); END`);
    expect(migrations.statements[altered]).toMatch(/; END$/);
    // Every request whose time differs, NULLs counted equal, so a time is cleared as well as set.
    const refill = at(/^UPDATE r SET meetingStartsAt = b\.startsAt, meetingEndsAt = b\.endsAt FROM support_request r OUTER APPLY .* WHERE EXISTS \(SELECT r\.meetingStartsAt, r\.meetingEndsAt EXCEPT SELECT b\.startsAt, b\.endsAt\)$/);
    expect(refill).toBeGreaterThan(altered);
    expect(migrations.statements[refill]).toContain(apply);
    expect(migrations.statements.filter((s) => /\bTRG_booking_meeting_time\b/.test(s))).toEqual([migrations.statements[at(/^CREATE TRIGGER TRG_booking_meeting_time/)], migrations.statements[altered]]);
  });

  it("keep the team leaders of the request's DEA and work coach on it, by a trigger on the request and one on staff, silent about their own rows, made before the columns are filled in", () => {
    const at = (pattern: RegExp) => {
      const found = migrations.statements.findIndex((s) => pattern.test(s));
      expect({ pattern: String(pattern), found: found >= 0 }).toEqual({ pattern: String(pattern), found: true });
      return found;
    };
    // A locking read of staff: under read committed snapshot a plain one could take a team leader from before a change not yet committed.
    const leaders =
      'UPDATE r SET deaTeamLeaderId = d.teamLeaderId, requesterTeamLeaderId = w.teamLeaderId FROM support_request r ' +
      'LEFT JOIN staff d WITH (READCOMMITTEDLOCK) ON d.id = r.deaId LEFT JOIN staff w WITH (READCOMMITTEDLOCK) ON w.id = r.requesterId';
    const added = at(/ADD "requesterTeamLeaderId" varchar\(36\)/);
    const fill = at(/^UPDATE r SET deaTeamLeaderId = d\.teamLeaderId/);
    expect(migrations.statements[fill]).toBe(`${leaders} WHERE d.teamLeaderId IS NOT NULL OR w.teamLeaderId IS NOT NULL`);
    // On an insert UPDATE() is true for every column; the staff trigger's writes name neither person, so this one then does nothing.
    const onRequest = at(/^CREATE TRIGGER TRG_support_request_team_leaders ON support_request AFTER INSERT, UPDATE AS BEGIN SET NOCOUNT ON;/);
    expect(migrations.statements[onRequest]).toBe(
      `CREATE TRIGGER TRG_support_request_team_leaders ON support_request AFTER INSERT, UPDATE AS BEGIN SET NOCOUNT ON; IF UPDATE(deaId) OR UPDATE(requesterId) ${leaders} WHERE r.id IN (SELECT id FROM inserted); END`,
    );
    // A person given another team leader: every request they are the DEA or the work coach of, where it changes (NULLs counted equal).
    const onStaff = at(/^CREATE TRIGGER TRG_staff_team_leader ON staff AFTER UPDATE AS BEGIN SET NOCOUNT ON; IF UPDATE\(teamLeaderId\) BEGIN /);
    expect(migrations.statements[onStaff]).toBe(
      'CREATE TRIGGER TRG_staff_team_leader ON staff AFTER UPDATE AS BEGIN SET NOCOUNT ON; IF UPDATE(teamLeaderId) BEGIN ' +
        'UPDATE r SET deaTeamLeaderId = i.teamLeaderId FROM support_request r INNER JOIN inserted i ON i.id = r.deaId WHERE EXISTS (SELECT r.deaTeamLeaderId EXCEPT SELECT i.teamLeaderId); ' +
        'UPDATE r SET requesterTeamLeaderId = i.teamLeaderId FROM support_request r INNER JOIN inserted i ON i.id = r.requesterId WHERE EXISTS (SELECT r.requesterTeamLeaderId EXCEPT SELECT i.teamLeaderId); END END',
    );
    // The columns, then the triggers, then the fill: a person changed meanwhile waits for the migration and is kept by the trigger.
    expect(added).toBeLessThan(onRequest);
    expect(Math.max(onRequest, onStaff)).toBeLessThan(fill);
    expect(migrations.statements.filter((s) => /\bTRG_(support_request|staff)_team_leaders?\b/.test(s))).toHaveLength(2);
    // The quality checks indexes by team leader replace those by DEA and by work coach.
    const made = [at(/^CREATE INDEX "IDX_support_request_leader_checks" ON "support_request" \("deaTeamLeaderId", "meetingBooked", "updatedAt", "number", "status", "channel", "id"\)/), at(/^CREATE INDEX "IDX_support_request_coach_leader_checks" ON "support_request" \("requesterTeamLeaderId", "meetingBooked", "updatedAt", "number", "status", "channel", "deaTeamLeaderId", "id"\)/)];
    const dropped = [at(/^DROP INDEX "IDX_support_request_checks" ON "support_request"/), at(/^DROP INDEX "IDX_support_request_coach_checks" ON "support_request"/)];
    expect(Math.min(...made)).toBeGreaterThan(fill);
    expect(Math.min(...dropped)).toBeGreaterThan(Math.max(...made));
  });

  it('use only SQL Server types: datetime2, nvarchar(MAX), never text or datetime', () => {
    const ddl = migrations.statements.join('\n');
    expect(ddl).toContain('datetime2');
    expect(ddl).toContain('nvarchar(MAX)');
    expect(ddl).not.toMatch(/\bdatetime\b(?!2)/);
    expect(ddl).not.toMatch(/\btext\b/);
  });
});

describe('paging with OFFSET … FETCH', () => {
  let mssql: DataSource;
  beforeAll(async () => {
    mssql = await offlineMssqlDataSource(SCHEMA.entities);
  });
  afterAll(async () => mssql.destroy());
  const outbox = () => mssql.getRepository('Outbox').createQueryBuilder('o');

  it('in a set order, or of one row by a unique key, passes', () => {
    expect(unorderedPaging(outbox().where('o.recipientAad = :a').orderBy('o.createdAt').take(5).getQuery(), mssql)).toBeNull();
    expect(unorderedPaging(outbox().where('o.id = :id').limit(1).getQuery(), mssql)).toBeNull();
  });

  it('in no set order is caught: TypeORM pads it with ORDER BY (SELECT NULL)', () => {
    const sql = outbox().where('o.recipientAad = :a').limit(1).getQuery();
    expect(sql).toContain('ORDER BY (SELECT NULL)');
    expect(unorderedPaging(sql, mssql)).toMatch(/not selected by a unique key/);
    expect(unorderedPaging(outbox().where('o.id = :id OR o.recipientAad = :a').limit(1).getQuery(), mssql)).toMatch(/OR/);
  });
});

describe('parameters the driver would type itself (nvarchar for any text, datetime for a date)', () => {
  let recorder: MssqlRecorder;
  beforeAll(async () => {
    recorder = await MssqlRecorder.open(SCHEMA);
  });
  afterAll(async () => recorder.close());

  it('go as varchar when the text is plain ASCII, so that a varchar key is compared without converting it; any other text as nvarchar, dates as datetime2', async () => {
    const long = 'x'.repeat(8_001);
    await recorder.dataSource.query('SELECT 1 FROM "staff" WHERE "id" = @0 OR "name" = @1 OR "name" = @2 OR "createdAt" < @3 OR "number" = @4', ['0b7f5a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b', 'Siân Pryce', long, new Date(), 7]);
    const [sent] = recorder.take();
    expect(sent!.parameters).toEqual(['varchar(8000)', 'string', 'varchar(65535)', 'datetime2', 'number']);
  });

  it("leave a parameter TypeORM typed from its column as it is", async () => {
    await recorder.dataSource.getRepository('Staff').findOneBy({ id: '0b7f5a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b' });
    expect(recorder.take().flatMap((s) => s.parameters)).toEqual(['varchar(36)']);
  });
});
