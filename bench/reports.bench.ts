import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import { ChartRenderer } from '../bot/reports/chart-renderer';
import { reportCard } from '../cards/reports/report-card';
import { SqlReportPeople } from '../data/reports/report-people';
import { SqlReportReadModel } from '../data/reports/sql-report-read-model';
import { applySeed } from '../data/seed/apply-seed';
import { SqlStaffDirectory } from '../data/stores/staff-directory';
import { addDays } from '../domain/calendar/london-time';
import { reportCsv } from '../domain/reports/csv';
import { monthOf, weekOf, type ReportPeriod } from '../domain/reports/period';
import { ReportService, type Audience } from '../domain/reports/report-service';
import { Trials } from '../domain/reports/trials';
import { conversationRow, requestRows } from '../testkit/report-fixtures';
import { openTempDatabase } from '../testkit/temp-database';
import { percentile, positive } from './turns.bench';

/**
 * A year of management information: 50 HCPs (about 25,000 conversations) and 30 DEAs (about 30,000
 * requests, with their status changes), then every kind of report, chart drawn and card and CSV
 * made, timed. The target: any report within 1 s.
 */

const HCPS = 50;
const DEAS = 30;
const CONVERSATIONS = positive('BENCH_REPORT_CONVERSATIONS', 25_000);
const REQUESTS = positive('BENCH_REPORT_REQUESTS', 30_000);
const ROUNDS = positive('BENCH_REPORT_ROUNDS', 7);
const YEAR_START = '2026-01-05';
const DISTRICTS = ['Surrey and Sussex', 'Cumbria and Lancashire'];

function sqlValue(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString().replace('T', ' ').replace('Z', '');
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}

/** Rows straight through the SQLite driver, one prepared statement per table, in one transaction. */
function insertFast(db: Database.Database, table: string, rows: readonly Record<string, unknown>[]): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const insert = db.prepare(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  db.transaction(() => {
    for (const row of rows) insert.run(...columns.map((c) => sqlValue(row[c])));
  })();
}

async function seedYear(ds: DataSource): Promise<{ dea: string; teamLeader: string }> {
  const jobcentres = DISTRICTS.flatMap((district, d) => Array.from({ length: 10 }, (_, j) => ({ name: `Office ${d}-${j}`, cluster: `Cluster ${d}-${Math.floor(j / 3)}`, district, bankHolidays: 'england-and-wales' as const })));
  const email = (who: string) => `${who}@bench.example`;
  const aad = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  let n = 100;
  const staff: Parameters<typeof applySeed>[1]['staff'] = [];
  for (let h = 0; h < HCPS; h++) staff.push({ aadObjectId: aad(n++), name: `HCP ${h}`, email: email(`hcp${h}`), roles: ['hcp'], jobcentre: jobcentres[h % jobcentres.length]!.name });
  for (let t = 0; t < 10; t++) staff.push({ aadObjectId: aad(n++), name: `Team leader ${t}`, email: email(`tl${t}`), roles: ['work_coach_team_leader'], jobcentre: jobcentres[t]!.name });
  for (let d = 0; d < DEAS; d++) {
    staff.push({ aadObjectId: aad(n++), name: `DEA ${d}`, email: email(`dea${d}`), roles: ['dea'], jobcentre: jobcentres[d % jobcentres.length]!.name, teamLeader: email(`tl${d % 10}`) });
    for (let c = 0; c < 10; c++) staff.push({ aadObjectId: aad(n++), name: `Coach ${d}-${c}`, email: email(`coach${d}-${c}`), roles: ['work_coach'], jobcentre: jobcentres[(d + c) % jobcentres.length]!.name, dea: email(`dea${d}`), teamLeader: email(`tl${d % 10}`) });
  }
  await applySeed(ds, { jobcentres, staff });
  const byEmail = new Map(((await ds.query('SELECT id, email FROM staff')) as { id: string; email: string }[]).map((r) => [r.email, r.id]));
  const offices = (await ds.query('SELECT id, name, cluster, district FROM jobcentre')) as { id: string; name: string; cluster: string; district: string }[];
  const officeOf = new Map(offices.map((o) => [o.name, o]));
  const db = (ds.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;

  const statuses = ['held', 'held', 'held', 'held', 'held', 'held', 'did_not_attend', 'declined', 'cancelled', 'booked'];
  const channels = ['face_to_face', 'video', 'telephone'];
  const types = ['work_activity', 'employment_support', 'adjustments', 'health_lifestyle', 'limitations', 'practical_support'];
  const conversations: Record<string, unknown>[] = [];
  for (let i = 0; i < CONVERSATIONS; i++) {
    const h = i % HCPS;
    const day = addDays(YEAR_START, Math.floor((i / CONVERSATIONS) * 364));
    const startsAt = new Date(`${day}T${String(9 + (i % 7)).padStart(2, '0')}:00:00Z`);
    conversations.push(
      conversationRow({
        hcpId: byEmail.get(email(`hcp${h}`))!,
        coachId: byEmail.get(email(`coach${i % DEAS}-${i % 10}`))!,
        jobcentre: officeOf.get(jobcentres[h % jobcentres.length]!.name)!,
        status: statuses[i % statuses.length]!,
        channel: channels[i % 3]!,
        adviceTypes: `${types[i % 6]},${types[(i + 2) % 6]}`,
        adHoc: i % 9 === 0,
        startsAt,
        createdAt: new Date(startsAt.getTime() - 3 * 86_400_000),
      }),
    );
  }
  insertFast(db, 'advice_conversation', conversations);

  const requestTypes = ['claimant_support', 'skill_support', 'colleague_support'];
  const claimants: Record<string, unknown>[] = [];
  const requests: Record<string, unknown>[] = [];
  const events: Record<string, unknown>[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const d = i % DEAS;
    const day = addDays(YEAR_START, Math.floor((i / REQUESTS) * 364));
    const createdAt = new Date(`${day}T10:00:00Z`);
    const step = i % 4;
    const made = requestRows({
      requesterId: byEmail.get(email(`coach${d}-${i % 10}`))!,
      deaId: byEmail.get(email(`dea${d}`))!,
      type: requestTypes[i % 3]!,
      status: ['submitted', 'accepted', 'booked', 'closed'][step]!,
      channel: step === 0 ? null : i % 2 ? 'claimant_support_intervention' : 'case_conference',
      requiredBy: addDays(day, 5),
      createdAt,
      nino: i % 3 === 0 ? `AB${String(100000 + (i % 4000)).padStart(6, '0')}C` : undefined,
      events: step === 0 ? [] : [['accepted', new Date(createdAt.getTime() + (1 + (i % 3)) * 86_400_000)], ...(step >= 2 ? ([['booked', new Date(createdAt.getTime() + 4 * 86_400_000)]] as const) : [])],
    });
    if (made.claimant) claimants.push(made.claimant);
    requests.push(made.request);
    events.push(...made.events);
  }
  insertFast(db, 'claimant', claimants);
  insertFast(db, 'support_request', requests);
  insertFast(db, 'request_event', events);
  const feedback = conversations.filter((_, i) => i % 3 === 0).map((c, i) => ({ id: randomUUID(), kind: 'after_conversation', subjectId: c.id, respondentId: c.coachId, district: c.district, question: 'coach_confidence', score: 1 + (i % 5), createdAt: c.startsAt ?? c.createdAt }));
  insertFast(db, 'report_feedback', feedback);
  return { dea: byEmail.get(email('dea0'))!, teamLeader: byEmail.get(email('tl0'))! };
}

export async function reportsBench(report: (line: string) => void): Promise<void> {
  const temp = await openTempDatabase();
  const charts = new ChartRenderer();
  try {
    const seeded = performance.now();
    const people = await seedYear(temp.dataSource);
    report(`Reports: a year of data (${HCPS} HCPs, ${CONVERSATIONS} conversations; ${DEAS} DEAs, ${REQUESTS} requests) written in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);
    const directory = new SqlStaffDirectory(temp.dataSource);
    const service = new ReportService({
      read: new SqlReportReadModel(temp.dataSource),
      people: new SqlReportPeople(temp.dataSource),
      trials: new Trials(new Map([['Surrey and Sussex', { start: '2026-03-02', weeks: 10 }]])),
      clock: { now: () => new Date('2027-01-04T09:00:00Z') },
    });
    const teamLeader = (await directory.findById(people.teamLeader))!;
    const dea = (await directory.findById(people.dea))!;
    const audiences: [string, Audience][] = [
      ['Specialist Advice, all districts', { kind: 'specialist_advice', key: 'sa:all', label: 'All districts', district: null }],
      ['Specialist Advice, one district', { kind: 'specialist_advice', key: 'sa:Surrey and Sussex', label: 'Surrey and Sussex', district: 'Surrey and Sussex' }],
      ['DEA support, one DEA', (await service.audiences(dea))[0]!],
      ['DEA support, a team leader (3 DEAs)', (await service.audiences(teamLeader))[0]!],
    ];
    const periods: [string, ReportPeriod][] = [
      ['weekly in the trial', weekOf('2026-05-04')],
      ['weekly', weekOf('2026-10-12')],
      ['monthly', monthOf('2026-10')],
    ];
    await charts.png({ title: '', xTitle: '', yTitle: '', bars: [{ x: 'a', y: 1, text: '1' }] });
    let worst = 0;
    for (const [who, audience] of audiences) {
      for (const [what, period] of periods) {
        const times: number[] = [];
        let bars = 0;
        for (let r = 0; r < ROUNDS; r++) {
          const start = performance.now();
          const built = await service.build(audience, period);
          const png = await charts.png(built.chart);
          reportCard(built, { chart: `data:image/png;base64,${png.toString('base64')}`, csv: 'https://bot.example/reports/file?t=x', lasts: '8 hours' });
          reportCsv(built);
          times.push(performance.now() - start);
          bars = built.chart.bars.length;
        }
        const p50 = percentile([...times].sort((a, b) => a - b), 0.5);
        const max = Math.max(...times);
        worst = Math.max(worst, max);
        report(`  ${who}, ${what}: median ${p50.toFixed(0)} ms, slowest ${max.toFixed(0)} ms over ${ROUNDS} runs (figures, ${bars}-bar chart to PNG, card and CSV)`);
      }
    }
    report(`  Slowest report of all: ${worst.toFixed(0)} ms (target: under 1,000 ms) ${worst < 1000 ? 'MET' : 'NOT MET'}`);
  } finally {
    await charts.close();
    await temp.close();
  }
}
