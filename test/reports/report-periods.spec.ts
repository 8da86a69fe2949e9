import { randomUUID } from 'node:crypto';
import { SqlReportPeople } from '../../data/reports/report-people';
import { SqlReportReadModel } from '../../data/reports/sql-report-read-model';
import { monthOf, weekOf, type ReportPeriod } from '../../domain/reports/period';
import type { Report } from '../../domain/reports/report';
import { ReportService, type Audience } from '../../domain/reports/report-service';
import { Trials } from '../../domain/reports/trials';
import { conversationRow, insertRows, jobcentreIds, seedReportDirectory } from '../../testkit/report-fixtures';
import { openTempDatabase, type TempDatabase } from '../../testkit/temp-database';

/*
 * Which period an answer or an HCP belongs to, against real SQLite. Surrey and Sussex's trial runs
 * from Monday 2 March 2026 for 10 weeks (to Sunday 10 May).
 *
 * Directory: Ann (Crawley) and Ben (Hastings) have been HCPs since 2 February 2026. Lee (Crawley) was an
 * HCP in the trial and has lost the role since. Nia (Hastings) got the role on 15 June 2026.
 *
 * Held conversations: Ann 10 in week 1 (2–6 March), 10 in week 2 (9–13 March) and 5 on Friday
 * 20 March (week 3); Lee 10 in week 1, 5 in week 2, and 2 on 7 July. Ben and Nia none.
 *
 * Feedback, given on Mondays about the week before:
 *   - the 5 coaches of Ann's conversations of Friday 20 March answer on Monday 23 March (confidence 3);
 *   - 5 HCPs and team leaders answer about the week of 16 March on Monday 23 March (4 and 5), and
 *     about the week of 30 March (which ends on 5 April) on Monday 6 April (2 and 2);
 *   - 5 answer about February on Monday 2 March (1 and 1).
 */
const DISTRICT = 'Surrey and Sussex';
const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00Z`);
const AUDIENCE: Audience = { kind: 'specialist_advice', key: `sa:${DISTRICT}`, label: DISTRICT, district: DISTRICT };

describe('report periods (real SQLite): feedback in the period it is about, and the HCPs who were in the trial', () => {
  let db: TempDatabase;
  let service: ReportService;

  beforeAll(async () => {
    db = await openTempDatabase();
    const ds = db.dataSource;
    const ids = await seedReportDirectory(ds);
    const jc = await jobcentreIds(ds);
    const since = at('2026-02-02', '09:00');
    await ds.createQueryBuilder().update('Staff').set({ createdAt: since }).where('id IN (:...ids)', { ids: [ids.hcpA, ids.hcpB] }).execute();
    const lee = randomUUID();
    const nia = randomUUID();
    const person = (id: string, n: number, name: string, jobcentreId: string, createdAt: Date) => ({ id, aadObjectId: `00000000-0000-4000-8000-00000000${n}`, name, email: `${name.split(' ')[0]!.toLowerCase()}@hcp.example`, jobcentreId, deaId: null, teamLeaderId: null, workingHours: null, createdAt, updatedAt: createdAt });
    await insertRows(ds, 'Staff', [person(lee, 9101, 'Lee Long', jc.Crawley!.id, since), person(nia, 9102, 'Nia North', jc.Hastings!.id, at('2026-06-15', '09:00'))]);
    await insertRows(ds, 'StaffRole', [{ staffId: nia, role: 'hcp' }]);

    const held = (hcpId: string, days: readonly string[], count: number) =>
      Array.from({ length: count }, (_, i) => {
        const startsAt = at(days[i % days.length]!, `${String(9 + Math.floor(i / days.length)).padStart(2, '0')}:00`);
        return conversationRow({ hcpId, coachId: ids.coach1, jobcentre: jc.Crawley!, status: 'held', channel: 'face_to_face', adviceTypes: 'adjustments', startsAt, createdAt: new Date(startsAt.getTime() - 3_600_000) });
      });
    const week1 = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'];
    const week2 = ['2026-03-09', '2026-03-10', '2026-03-11', '2026-03-12', '2026-03-13'];
    const friday = held(ids.hcpA, ['2026-03-20'], 5);
    await insertRows(ds, 'AdviceConversation', [...held(ids.hcpA, week1, 10), ...held(ids.hcpA, week2, 10), ...friday, ...held(lee, week1, 10), ...held(lee, week2, 5), ...held(lee, ['2026-07-07'], 2)]);

    const answer = (kind: string, subjectId: string, question: string, score: number, createdAt: Date) => ({ id: randomUUID(), kind, subjectId, respondentId: randomUUID(), district: DISTRICT, question, score, createdAt });
    const periodic = (subjectId: string, scores: [number, number], given: string) => Array.from({ length: 5 }, () => [answer('periodic', subjectId, 'staff_confidence', scores[0], at(given, '09:00')), answer('periodic', subjectId, 'jobcentre_offer', scores[1], at(given, '09:00'))]).flat();
    await insertRows(ds, 'ReportFeedback', [
      ...friday.map((c) => answer('after_conversation', String(c.id), 'coach_confidence', 3, at('2026-03-23', '09:00'))),
      ...periodic('w2026-03-16', [4, 5], '2026-03-23'),
      ...periodic('w2026-03-30', [2, 2], '2026-04-06'),
      ...periodic('m2026-02', [1, 1], '2026-03-02'),
    ]);

    service = new ReportService({
      read: new SqlReportReadModel(ds),
      people: new SqlReportPeople(ds),
      trials: new Trials(new Map([[DISTRICT, { start: '2026-03-02', weeks: 10 }]])),
      clock: { now: () => at('2026-08-03', '09:00') },
    });
  });
  afterAll(async () => db.close());

  const table = (report: Report, title: string) => {
    const found = report.tables.find((t) => t.title.startsWith(title));
    if (!found) throw new Error(`no table "${title}"`);
    return found.rows.map((r) => [...r]);
  };
  /** [answers, result] of each outcome asked about: coach confidence, then the two periodic ones. */
  const outcomes = async (period: ReportPeriod) => {
    const rows = table(await service.build(AUDIENCE, period), 'Expected outcomes');
    return [rows[0]!.slice(1), rows[6]!.slice(1), rows[7]!.slice(1)];
  };
  const TOO_FEW = ['fewer than 5', 'Too few answers to show'];

  it("answers given on Monday 23 March about the week before are in the week of 16 March's report, not the week of 23 March's", async () => {
    expect(await outcomes(weekOf('2026-03-16'))).toEqual([['5', '3.0 out of 5 on average'], ['5', '4.0 out of 5 on average'], ['5', '5.0 out of 5 on average']]);
    expect(await outcomes(weekOf('2026-03-23'))).toEqual([TOO_FEW, TOO_FEW, TOO_FEW]);
  });

  it("a month holds the answers about each week that starts in it (30 March's, given in April, too), not those about the month before", async () => {
    expect(await outcomes(monthOf('2026-03'))).toEqual([['5', '3.0 out of 5 on average'], ['10', '3.0 out of 5 on average'], ['10', '3.5 out of 5 on average']]);
    expect(await outcomes(monthOf('2026-04'))).toEqual([TOO_FEW, TOO_FEW, TOO_FEW]);
    expect(await outcomes(monthOf('2026-02'))).toEqual([TOO_FEW, ['5', '1.0 out of 5 on average'], ['5', '1.0 out of 5 on average']]);
  });

  it('the trial is judged on the HCPs who were in it: Lee, who has left, is; Nia, who joined in June, is not', async () => {
    const report = await service.build(AUDIENCE, monthOf('2026-07'));
    const zeros = (n: number) => Array<string>(n).fill('0');
    expect(table(report, 'Success factors')).toEqual([
      [DISTRICT, 'Ann Archer', '10', '10', '5', ...zeros(7), '2 of 10', 'No'],
      [DISTRICT, 'Ben Bishop', ...zeros(10), '0 of 10', 'No'],
      [DISTRICT, 'Lee Long', '10', '5', ...zeros(8), '1 of 10', 'No'],
      [DISTRICT, 'All HCPs', '20', '15', '5', ...zeros(7), '', ''],
    ]);
    expect(report.headlines[0]).toContain('0 of 3 HCPs have held 10 or more conversations a week in 8 weeks.');
    // July's own figures: today's HCPs (Nia among them), and Lee, who held 2 in July.
    expect(table(report, 'Conversations held by each HCP')).toEqual([
      ['Ann Archer', DISTRICT, '0', '0.0', '10'],
      ['Ben Bishop', DISTRICT, '0', '0.0', '10'],
      ['Lee Long', DISTRICT, '2', '0.5', '10'],
      ['Nia North', DISTRICT, '0', '0.0', '10'],
    ]);
  });

  it('in the trial, the chart is against 10 for each HCP who was in it (Ann, Ben and Lee)', async () => {
    const report = await service.build(AUDIENCE, weekOf('2026-03-09'));
    expect(report.chart.bars.map((b) => [b.x, b.y])).toEqual([['Week 1', 20], ['Week 2', 15]]);
    expect(report.chart.target?.value).toBe(30);
  });
});
