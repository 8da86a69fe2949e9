import { SqlRetentionCaseStore } from '../../data/stores/retention-cases';
import type { NewRetentionCase } from '../../domain/retention-cases/ports';
import { openTempDatabase, type TempDatabase } from '../support/template-database';
import { compareCodes } from '../../domain/names';

describe('retention outcomes by route, the read the reports use', () => {
  let db: TempDatabase;
  beforeEach(async () => {
    db = await openTempDatabase();
  });
  afterEach(async () => db.close());

  const crawley = '00000000-0000-4000-8000-00000000c001';
  const horsham = '00000000-0000-4000-8000-00000000c002';
  const adviser = '00000000-0000-4000-8000-0000000000ea';
  const base = (jobcentreId: string, createdAt: Date): NewRetentionCase => ({
    employerAdviserId: adviser, jobcentreId, deaId: null, personName: 'Sam', employer: 'Crawley Logistics', need: 'Lifting', nino: null, surname: null,
    assessment: 'possibly_complex', status: 'consulting', route: null, createdAt,
  });

  it('counts cases registered in the period by route and outcome, for the jobcentres asked about', async () => {
    const store = new SqlRetentionCaseStore(db.dataSource);
    const inPeriod = new Date('2026-11-10T10:00:00Z');
    const closedByWp = await store.create(base(crawley, inPeriod));
    await store.update(closedByWp.id, 1, { route: 'work_psychologist', status: 'closed', outcome: 'managed_transfer', closedAt: inPeriod });
    const closedByWp2 = await store.create(base(crawley, inPeriod));
    await store.update(closedByWp2.id, 1, { route: 'work_psychologist', status: 'closed', outcome: 'managed_transfer', closedAt: inPeriod });
    const open = await store.create(base(crawley, inPeriod));
    await store.update(open.id, 1, { route: 'dea_support_intervention', status: 'in_progress' });
    await store.create(base(crawley, inPeriod)); // no route yet
    await store.create(base(horsham, inPeriod)); // another jobcentre
    await store.create(base(crawley, new Date('2026-09-01T10:00:00Z'))); // before the period

    const scope = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };
    const rows = await store.outcomesByRoute({ ...scope, jobcentreIds: [crawley] });
    const sorted = [...rows].sort((a, b) => compareCodes(`${a.route}`, `${b.route}`));
    expect(sorted).toEqual([
      { route: 'dea_support_intervention', outcome: null, count: 1 },
      { route: null, outcome: null, count: 1 },
      { route: 'work_psychologist', outcome: 'managed_transfer', count: 2 },
    ]);
    const everywhere = await store.outcomesByRoute({ ...scope, jobcentreIds: null });
    expect(everywhere.reduce((n, r) => n + r.count, 0)).toBe(5);
    expect(await store.outcomesByRoute({ ...scope, jobcentreIds: [] })).toEqual([]);
  });
});
