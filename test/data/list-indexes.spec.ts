import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applySeed } from '../../data/seed/apply-seed';
import { parseSeedFile } from '../../data/seed/seed-file';
import { SqlFollowUpActionStore } from '../../data/stores/follow-up-actions';
import { SqlRetentionCaseStore } from '../../data/stores/retention-cases';
import { SqlAdviceStore } from '../../data/stores/specialist-advice';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import type { StaffMember } from '../../domain/staff';
import { statementsDuring, type SentStatement } from '../../testkit/statement-log';
import { openTempDatabase, type TempDatabase } from '../support/template-database';

describe('lists read through an index, not by reading every row', () => {
  let db: TempDatabase;
  let coach: StaffMember;

  beforeEach(async () => {
    db = await openTempDatabase();
    await applySeed(db.dataSource, parseSeedFile(readFileSync(join(__dirname, '..', '..', 'data', 'seed', 'demo-staff.json'), 'utf8')));
    coach = (await new SqlStaffDirectory(db.dataSource).findByAadObjectId('00000000-0000-4000-8000-000000000001'))!;
  });
  afterEach(async () => db.close());

  async function planOf(statement: SentStatement): Promise<string[]> {
    return ((await db.dataSource.query(`EXPLAIN QUERY PLAN ${statement.sql}`, statement.parameters)) as { detail: string }[]).map((p) => p.detail);
  }

  it('lists an old open action before many newer done ones, and reads the actions by index', async () => {
    const requests = new SqlSupportRequestStore(db.dataSource);
    const actions = new SqlFollowUpActionStore(db.dataSource);
    const start = Date.parse('2026-06-01T09:00:00Z');
    const made: string[] = [];
    // 45 actions for the coach's requests: the oldest still open, the 44 after it done.
    for (let i = 0; i < 45; i++) {
      const request = await requests.create(
        {
          type: 'claimant_support',
          requesterId: coach.id,
          deaId: coach.deaId!,
          claimant: { surname: 'Smith', nino: `AB${String(100000 + i)}C`, benefits: ['UC'] },
          topic: null,
          description: 'Challenges',
          reason: 'Why',
          requiredBy: '2026-12-01',
          urgent: false,
          vulnerability: null,
        },
        new Date(start + i * 86_400_000),
      );
      const { action } = await actions.create({
        requestId: request.id,
        requestReference: request.reference,
        kind: 'employer_adviser',
        jobcentreId: coach.jobcentreId,
        requesterId: coach.id,
        deaId: coach.deaId!,
        assigneeId: null,
        status: i === 0 ? 'unassigned' : 'done',
        createdById: coach.deaId!,
        createdAt: new Date(start + i * 86_400_000),
        dueBy: new Date(start + (i + 28) * 86_400_000),
        assignedAt: null,
      });
      made.push(action.id);
    }

    const [read] = await statementsDuring(db.dataSource, async () => {
      const listed = await actions.forPerson(coach.id, 20);
      expect(listed).toHaveLength(20);
      expect(listed[0]).toMatchObject({ id: made[0], status: 'unassigned' });
      // Then the done ones, newest first.
      expect(listed.slice(1).map((a) => a.id)).toEqual(made.slice(-19).reverse());
    });
    expect(await planOf(read!)).toContainEqual(expect.stringMatching(/^MULTI-INDEX OR/));
    expect((await planOf(read!)).filter((d) => /^SCAN /.test(d))).toEqual([]);
  });

  it("reads a person's retention cases and their counts by index", async () => {
    const cases = new SqlRetentionCaseStore(db.dataSource);
    const statements = await statementsDuring(db.dataSource, async () => {
      await cases.forPerson(coach.id, 15);
      await cases.countByRoute(coach.id);
    });
    expect(statements).toHaveLength(2);
    for (const statement of statements) {
      const plan = await planOf(statement);
      expect(plan).toContainEqual(expect.stringMatching(/^MULTI-INDEX OR/));
      expect(plan.filter((d) => /^SCAN /.test(d))).toEqual([]);
    }
  });

  it("reads a jobcentre's Specialist Advice conversations, and those whose pack is not ready, by index", async () => {
    const advice = new SqlAdviceStore(db.dataSource);
    const from = new Date('2026-12-07T00:00:00Z');
    const to = new Date('2026-12-21T00:00:00Z');
    const statements = await statementsDuring(db.dataSource, async () => {
      await advice.atJobcentre(coach.jobcentreId!, from, to);
      await advice.packsNotReady(from, to, 50);
    });
    expect(statements).toHaveLength(2);
    const plans = await Promise.all(statements.map(planOf));
    expect(plans[0]).toContainEqual(expect.stringContaining('USING INDEX IDX_advice_conversation_jobcentre (jobcentreId=? AND startsAt>? AND startsAt<?)'));
    expect(plans[1]).toContainEqual(expect.stringContaining('USING INDEX IDX_advice_conversation_status_start (status=? AND startsAt>? AND startsAt<?)'));
    for (const plan of plans) expect(plan.filter((d) => /^SCAN /.test(d))).toEqual([]);
  });
});
