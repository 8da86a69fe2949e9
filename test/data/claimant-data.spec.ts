import { existsSync, readFileSync } from 'node:fs';
import { SCHEMA } from '../../bot/journeys';
import { CLAIMANT_TABLES, NOT_CLAIMANT_DATA } from '../../data/privacy/claimant-data';
import { ClaimantRecords } from '../../data/privacy/claimant-records';
import { OTHER, SUBJECT, seedClaimant, type SeededClaimant } from '../support/claimant-fixture';
import { openTempDatabase, type TempDatabase } from '../support/template-database';

/** A column that could hold a NINO, a surname or free text: any text column but short codes and ids. */
function couldHoldClaimantData(name: string, type: unknown, length: unknown): boolean {
  if (/nino|surname|name/i.test(name)) return true;
  if (type === 'text' || type === 'nvarchar') return true;
  return type === 'varchar' && Number(length) >= 200;
}

describe('every table that can hold claimant data is declared in one place', () => {
  const entities = SCHEMA.entities.map((e) => e('sqlite').options);
  const declared = new Set(CLAIMANT_TABLES.map((t) => t.entity));

  it('names every table either as claimant data or as holding none, with the reason', () => {
    const undeclared = entities.map((e) => e.name).filter((name) => !declared.has(name) && !(name in NOT_CLAIMANT_DATA));
    expect(undeclared).toEqual([]);
  });

  it('declares every column that could hold a NINO, surname or free text', () => {
    const missing: string[] = [];
    for (const e of entities) {
      const exempt = NOT_CLAIMANT_DATA[e.name];
      if (typeof exempt === 'string') continue;
      const redacted = new Set(CLAIMANT_TABLES.filter((t) => t.entity === e.name).flatMap((t) => Object.keys(t.columns)));
      for (const [column, options] of Object.entries(e.columns)) {
        const o = options as { type?: unknown; length?: unknown; primary?: boolean };
        if (o.primary || !couldHoldClaimantData(column, o.type, o.length)) continue;
        if (!redacted.has(column) && !(exempt && column in exempt)) missing.push(`${e.name}.${column}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('declares only columns that exist', () => {
    const columnsOf = new Map(entities.map((e) => [e.name, Object.keys(e.columns)]));
    const wrong = CLAIMANT_TABLES.flatMap((t) => [...Object.keys(t.columns), t.link.column].filter((c) => !columnsOf.get(t.entity)?.includes(c)).map((c) => `${t.entity}.${c}`));
    expect(wrong).toEqual([]);
  });
});

describe('a claimant\'s data, by NINO', () => {
  let db: TempDatabase;
  let seeded: SeededClaimant;
  let records: ClaimantRecords;
  beforeEach(async () => {
    db = await openTempDatabase();
    seeded = await seedClaimant(db.dataSource);
    records = new ClaimantRecords(db.dataSource);
  });
  afterEach(() => db.close());

  const countAll = async () => {
    const out: Record<string, number> = {};
    for (const e of SCHEMA.entities.map((f) => f('sqlite').options)) out[e.name] = await db.dataSource.getRepository(e.name).count();
    return out;
  };
  const fileText = () => [db.file, `${db.file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('\n');
  const secrets = [SUBJECT.nino, SUBJECT.surname, ...Object.values(SUBJECT.texts)];

  it('finds the claimant\'s requests, Specialist Advice conversations and retention cases, and no one else\'s', async () => {
    const cases = await records.casesOf({ nino: SUBJECT.nino, person: null });
    expect(cases.requestIds).toEqual([seeded.requestId]);
    expect(cases.conversationIds).toEqual([seeded.conversationId]);
    expect(cases.retentionCaseIds).toEqual([seeded.retentionCaseId]);
    expect(cases.references).toEqual(['DEA-000001', 'SA-000001', 'RET-000001']);
  });

  it('a subject access export holds every seeded fact, from every claimant table', async () => {
    const held = await records.held(await records.casesOf({ nino: SUBJECT.nino, person: null }));
    for (const { table, rows } of held) expect([table.title, rows.length]).toEqual([table.title, expect.any(Number)]);
    const empty = held.filter((h) => h.rows.length === 0).map((h) => h.table.title);
    expect(empty).toEqual([]);
    const text = JSON.stringify(held.map((h) => h.rows));
    for (const fact of secrets) expect(text).toContain(fact);
    // Codes held about them too: consent, the letter format, the booking.
    for (const fact of ['large_print', 'three_way', 'phone', 'dea_role', 'UC']) expect(text).toContain(fact);
    expect(text).not.toContain(OTHER.surname);
    expect(text).not.toContain(OTHER.text);
  });

  it('an erasure leaves the NINO, surname and health text nowhere in the database file, and every count as it was', async () => {
    // Before: the file holds them (so the check below can fail).
    await db.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
    const before = fileText();
    for (const secret of secrets) expect(before).toContain(secret);
    const counts = await countAll();

    const changed = await records.anonymise(await records.casesOf({ nino: SUBJECT.nino, person: null }), 'Removed at the claimant\'s request');

    const after = fileText();
    for (const secret of secrets) expect({ secret, found: after.includes(secret) }).toEqual({ secret, found: false });
    // Only the unfinished draft is deleted; every row a report counts is kept.
    expect(await countAll()).toEqual({ ...counts, BotState: counts.BotState! - 1 });
    expect(changed).toMatchObject({ Claimant: 1, SupportRequest: 1, RequestMessage: 1, MeetingRecord: 1, InterventionOverride: 1, QualityCheck: 1, ConferenceCase: 1, AdviceConversation: 1, AdviceNotes: 1, FollowUpAction: 1, PartnershipActivity: 1, RetentionCase: 1, BotState: 1 });
    // Another claimant's data is untouched.
    expect(after).toContain(OTHER.surname);
    expect(after).toContain(OTHER.text);
    expect(await records.casesOf({ nino: SUBJECT.nino, person: null })).toMatchObject({ requestIds: [], conversationIds: [], retentionCaseIds: [] });
  });

  it.each(CLAIMANT_TABLES.filter((t) => Object.keys(t.columns).length > 0 && t.link.by !== 'search').map((t) => [t.entity, t] as const))('erasure rewrites every declared column of %s', async (_name, table) => {
    const cases = await records.casesOf({ nino: SUBJECT.nino, person: null });
    await records.anonymise(cases, 'Removed at the claimant\'s request');
    const rows = (await records.held(cases)).find((h) => h.table === table)!.rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) for (const column of Object.keys(table.columns)) expect(String(row[column])).toMatch(/^(REMOVED|Removed|Removed at the claimant's request)$/);
  });
});

describe('someone in work who claims no benefit: found by the name and employer the employer adviser recorded', () => {
  let db: TempDatabase;
  let records: ClaimantRecords;
  beforeEach(async () => {
    db = await openTempDatabase();
    await seedClaimant(db.dataSource);
    records = new ClaimantRecords(db.dataSource);
  });
  afterEach(() => db.close());

  // The fixture's other person has a retention case with no NINO, named by their surname at 'Other Employer Ltd'.
  const them = { nino: null, person: { name: OTHER.surname.toUpperCase(), employer: 'other employer ltd' } };

  it('finds their retention case (capital letters aside) and nothing of anyone else', async () => {
    const cases = await records.casesOf(them);
    expect(cases).toMatchObject({ claimantIds: [], requestIds: [], conversationIds: [], searchTerms: [] });
    expect(cases.retentionCaseIds).toHaveLength(1);
    const held = JSON.stringify(await records.held(cases));
    expect(held).toContain(OTHER.text);
    expect(held).not.toContain(SUBJECT.surname);
    // Both must match: the name alone, or at another employer, is someone else.
    expect((await records.casesOf({ nino: null, person: { name: OTHER.surname, employer: 'Grumbleworth Haulage Ltd' } })).retentionCaseIds).toEqual([]);
  });

  it('erases their retention case, leaving the claimant with a NINO alone', async () => {
    await records.anonymise(await records.casesOf(them), 'Removed at the claimant\'s request');
    const rows = await db.dataSource.query('SELECT personName, employer, need FROM retention_case WHERE nino IS NULL');
    expect(rows).toEqual([{ personName: 'Removed', employer: 'Removed at the claimant\'s request', need: 'Removed at the claimant\'s request' }]);
    expect(JSON.stringify(await records.held(await records.casesOf({ nino: SUBJECT.nino, person: null })))).toContain(SUBJECT.texts.retentionNeed);
  });
});

describe('retention cases at the end of the request retention period', () => {
  let db: TempDatabase;
  let seeded: SeededClaimant;
  let records: ClaimantRecords;
  beforeEach(async () => {
    db = await openTempDatabase();
    seeded = await seedClaimant(db.dataSource);
    records = new ClaimantRecords(db.dataSource);
  });
  afterEach(() => db.close());

  it('takes closed ones, with or without a NINO, leaves open ones, and does not take them twice', async () => {
    const closedAt = new Date('2026-11-02T10:00:00Z');
    const justAfter = new Date(closedAt.getTime() + 1000);
    const [open] = await db.dataSource.query('SELECT id FROM retention_case WHERE number = 2');
    // Open: never taken, whatever its age.
    expect((await records.endedBefore(justAfter, justAfter, 10)).retentionCaseIds).toEqual([seeded.retentionCaseId]);
    // Not yet past the period: not taken.
    expect((await records.endedBefore(closedAt, closedAt, 10)).retentionCaseIds).toEqual([]);

    await db.dataSource.getRepository('RetentionCase').update(open.id, { status: 'closed', closedAt });
    const cases = await records.endedBefore(justAfter, justAfter, 10);
    expect([...cases.retentionCaseIds].sort()).toEqual([seeded.retentionCaseId, open.id].sort());
    expect(cases.references).toEqual(expect.arrayContaining(['RET-000001', 'RET-000002']));

    const counts = await records.anonymise(cases, 'Removed at the end of its retention period');
    expect(counts).toMatchObject({ RetentionCase: 2 });
    const rows = await db.dataSource.query('SELECT number, nino, surname, personName, employer, need, agreedNote, hcpAdvice, outcomeNote, outcome, route, version FROM retention_case ORDER BY number');
    const removed = 'Removed at the end of its retention period';
    expect(rows[0]).toEqual({ number: 1, nino: 'REMOVED', surname: 'Removed', personName: 'Removed', employer: removed, need: removed, agreedNote: removed, hcpAdvice: removed, outcomeNote: removed, outcome: 'managed_transfer', route: 'dea_supports_employer_adviser', version: 2 });
    // Blank optional fields stay blank; what the reports count stays.
    expect(rows[1]).toMatchObject({ number: 2, nino: null, surname: null, personName: 'Removed', need: removed, agreedNote: null, route: 'employer_adviser', version: 2 });
    expect((await records.endedBefore(justAfter, justAfter, 10)).retentionCaseIds).toEqual([]);
  });
});
