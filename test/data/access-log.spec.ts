import { PrivacyLog, type AccessEntry } from '../../data/privacy/privacy-log';
import { openTempDatabase, type TempDatabase } from '../../testkit/temp-database';

describe('the access log (SQLite, migrations run)', () => {
  let db: TempDatabase;
  beforeAll(async () => {
    db = await openTempDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('keys each showing by a time-ordered id, so rows go at the end of the index; 450 showings in statements of at most 200', async () => {
    const log = new PrivacyLog(db.dataSource);
    const staff = (await db.dataSource.query("SELECT id FROM staff WHERE aadObjectId = '00000000-0000-4000-8000-000000000002'")) as { id: string }[];
    const staffId = staff[0]?.id ?? '00000000-0000-4000-8000-0000000000ff';
    const entry = (n: number): AccessEntry => ({ at: new Date(Date.UTC(2026, 11, 1, 9, 0, n % 60)), staffId, caseKind: 'request', caseId: `case-${n}`, relationship: 'adviser', shown: 'list' });
    await log.logAccess(Array.from({ length: 25 }, (_, n) => entry(n)));
    await log.logAccess(Array.from({ length: 425 }, (_, n) => entry(25 + n)));
    const rows = (await db.dataSource.query('SELECT id, caseId FROM access_log ORDER BY rowid')) as { id: string; caseId: string }[];
    expect(rows).toHaveLength(450);
    expect(rows.map((r) => r.caseId)).toEqual(Array.from({ length: 450 }, (_, n) => `case-${n}`));
    // In the order written: sorting by the key keeps that order.
    expect([...rows].sort((a, b) => (a.id < b.id ? -1 : 1)).map((r) => r.caseId)).toEqual(rows.map((r) => r.caseId));
    expect(new Set(rows.map((r) => r.id)).size).toBe(450);
    const who = await log.whoSaw(['case-3']);
    expect(who).toHaveLength(1);
  });
});
