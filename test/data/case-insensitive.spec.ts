import type { DataSource } from 'typeorm';
import { EmbeddedCalendar } from '../../data/calendar/embedded-calendar';
import { CaseFolded } from '../../data/schema/case-folded';
import type { ClaimantRow } from '../../data/schema/requests';
import type { StaffRow } from '../../data/schema/directory';
import { applySeed } from '../../data/seed/apply-seed';
import { SqlInterventionStore } from '../../data/stores/interventions';
import { SqlRetentionCaseStore } from '../../data/stores/retention-cases';
import type { RetentionCaseRow } from '../../data/schema/retention-cases';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import { openTempDatabase, type TempDatabase } from '../support/template-database';

/**
 * SQL Server's default collation compares text without regard to case; SQLite's does not. Emails,
 * mailboxes and NINOs are kept in one case on write and folded when compared, so the same question
 * gets the same answer from both. These run on SQLite: without the folding they would fail here.
 */
const CASE_INSENSITIVE = /email|mailbox|upn|nino/i;

describe('columns compared without regard to case', () => {
  let db: TempDatabase;
  let dataSource: DataSource;
  let coach: string;
  let dea: string;
  beforeAll(async () => {
    db = await openTempDatabase();
    dataSource = db.dataSource;
    await applySeed(dataSource, {
      jobcentres: [],
      staff: [
        { aadObjectId: '00000000-0000-4000-8000-000000000001', name: 'Dana Morgan', email: 'Dana.Morgan@Example.gov.uk', roles: ['dea'] },
        { aadObjectId: '00000000-0000-4000-8000-000000000002', name: 'Amira Shah', email: 'amira.shah@example.gov.uk', roles: ['work_coach'], dea: 'DANA.MORGAN@example.gov.uk' },
      ],
    });
    const directory = new SqlStaffDirectory(dataSource);
    dea = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000001'))!.id;
    coach = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000002'))!.id;
  });
  afterAll(async () => db.close());

  it('are every column named for an email, a mailbox or a NINO, in every entity', () => {
    const columns = dataSource.entityMetadatas.flatMap((m) => m.columns.filter((c) => CASE_INSENSITIVE.test(c.propertyName)).map((c) => ({ name: `${m.tableName}.${c.databaseName}`, folded: c.transformer instanceof CaseFolded })));
    expect(columns.length).toBeGreaterThanOrEqual(3);
    expect(columns.filter((c) => !c.folded).map((c) => c.name)).toEqual([]);
  });

  it('an email is stored in lower case, and found in any case', async () => {
    const staff = dataSource.getRepository<StaffRow>('Staff');
    expect((await staff.findOneByOrFail({ id: dea })).email).toBe('dana.morgan@example.gov.uk');
    await staff.update({ id: coach }, { email: 'Amira.SHAH@example.gov.uk' });
    expect((await staff.findOneByOrFail({ id: coach })).email).toBe('amira.shah@example.gov.uk');
    expect((await staff.findOneBy({ email: 'AMIRA.shah@EXAMPLE.gov.uk' }))?.id).toBe(coach);
  });

  it('a NINO is stored in upper case, and a claimant counted by it in any case', async () => {
    const requests = new SqlSupportRequestStore(dataSource);
    const made = [];
    for (const nino of ['QQ123456C', 'qq123456c', 'Qq123456C']) {
      made.push(
        await requests.create(
          {
            type: 'claimant_support',
            requesterId: coach,
            deaId: dea,
            claimant: { surname: 'Jones', nino, benefits: ['UC'] },
            topic: null,
            description: 'Needs support',
            reason: null,
            requiredBy: null,
            urgent: false,
            vulnerability: null,
            acceptedAs: 'claimant_support_intervention',
          },
          new Date(),
        ),
      );
    }
    const stored = await dataSource.getRepository<ClaimantRow>('Claimant').find();
    expect(stored.map((c) => c.nino)).toEqual(['QQ123456C', 'QQ123456C', 'QQ123456C']);
    expect(made.map((r) => r.claimant?.nino)).toEqual(['QQ123456C', 'QQ123456C', 'QQ123456C']);
    const interventions = new SqlInterventionStore(dataSource);
    for (const asked of ['QQ123456C', 'qq123456c']) expect(await interventions.countInterventions(asked, made[0]!.id, ['accepted'])).toBe(2);
  });

  it('a retention case keeps its NINO in upper case, however it was typed', async () => {
    const cases = new SqlRetentionCaseStore(dataSource);
    const made = await cases.create({ employerAdviserId: coach, jobcentreId: null, deaId: dea, personName: 'Sam Jones', employer: 'Crawley Logistics', need: 'Lifting is hard', nino: 'qq123456c', surname: 'Jones', assessment: 'straightforward', status: 'with_employer_adviser', route: null, createdAt: new Date() });
    expect((await dataSource.getRepository<RetentionCaseRow>('RetentionCase').findOneByOrFail({ id: made.id })).nino).toBe('QQ123456C');
    expect((await dataSource.getRepository<RetentionCaseRow>('RetentionCase').findOneBy({ nino: 'Qq123456C' }))?.id).toBe(made.id);
  });

  it("a diary is found by its mailbox in any case, and an event made twice in different cases is one event", async () => {
    const calendar = new EmbeddedCalendar(dataSource);
    const start = new Date('2026-03-02T10:00:00Z');
    const end = new Date('2026-03-02T11:00:00Z');
    const event = { subject: 'DEA-000001', body: '', start, end, showAs: 'busy' as const, attendees: [], location: null, onlineMeeting: false, transactionId: 'tx-case' };
    const [first] = await calendar.createEvents([{ ...event, mailbox: 'Dana.Morgan@Example.gov.uk' }]);
    const [again] = await calendar.createEvents([{ ...event, mailbox: 'dana.morgan@example.GOV.UK' }]);
    expect(first).toMatchObject({ ok: true });
    expect(again).toMatchObject({ ok: true, eventId: first!.ok ? first!.eventId : '' });
    const busy = await calendar.busy(['DANA.MORGAN@example.gov.uk'], start, end);
    expect([...busy.values()].flat()).toHaveLength(1);
  });
});
