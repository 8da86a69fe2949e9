import { londonDateFast } from '../calendar/london-time';
import { QAS_LABELS, QAS_RESULT_LABELS, type QasResult, type QasStandard } from '../quality/qas';
import { CHANNEL_LABELS, type Channel } from '../requests/channels';
import { REQUEST_TYPE_LABELS, type RequestType } from '../requests/support-request';
import { addWeeks, longDate, weekOf, type ReportPeriod } from './period';
import type { ConferenceFact, QasFact, RequestFact } from './ports';
import type { RouteOutcomeCount } from '../retention-cases/ports';
import { retentionTable } from './retention-table';
import { countBy, median, oneDecimal, shown, type ChartBar, type FigureTable, type Report } from './report';
import { compareNames } from '../names';

/** How many weeks of requests the trend chart shows, up to the end of the period. */
export const TREND_WEEKS = 12;

export interface DeaReportFacts {
  readonly scope: string;
  readonly period: ReportPeriod;
  /** Requests made in the period, or due in it. */
  readonly requests: readonly RequestFact[];
  /** When each request was made over the trend's weeks. */
  readonly requestTimes: readonly Date[];
  readonly interventionsPerClaimant: readonly number[];
  readonly conferences: readonly ConferenceFact[];
  readonly qas: readonly QasFact[];
  /** Retention cases registered in the period at the cohort's jobcentres. */
  readonly retention: readonly RouteOutcomeCount[];
  /** Today, London: a request due before it and not answered is late. */
  readonly today: string;
}

export type Answered = 'on_time' | 'late' | 'not_yet' | 'overdue';

/** Whether a request due in the period was answered by its required response date. */
export function answeredByRequiredDate(r: Pick<RequestFact, 'requiredBy' | 'answeredAt'>, today: string): Answered | null {
  if (r.requiredBy === null) return null;
  if (r.answeredAt) return londonDateFast(r.answeredAt) <= r.requiredBy ? 'on_time' : 'late';
  return r.requiredBy < today ? 'overdue' : 'not_yet';
}

const DAY_MS = 86_400_000;

/** The weeks of the trend, ending with the week the period ends in. */
export function trendWeeks(period: ReportPeriod): ReportPeriod[] {
  const last = weekOf(londonDateFast(new Date(period.to.getTime() - 1)));
  return Array.from({ length: TREND_WEEKS }, (_, i) => weekOf(addWeeks(last.start, i - TREND_WEEKS + 1)));
}

export function buildDeaReport(f: DeaReportFacts): Report {
  const p = f.period;
  const made = f.requests.filter((r) => r.createdAt >= p.from && r.createdAt < p.to);
  const due = f.requests.filter((r) => r.requiredBy !== null && r.requiredBy >= p.start && r.requiredBy < p.end);
  const tables: FigureTable[] = [];
  const byLabel = (title: string, column: string, counts: Map<string, number>, label: (k: string) => string = (k) => k): FigureTable => ({
    title,
    columns: [column, 'Requests'],
    rows: [...counts.entries()].map(([k, n]) => [label(k), n] as const).sort((a, b) => compareNames(a[0], b[0])).map(([k, n]) => [k, shown(n)]),
  });
  tables.push(byLabel('Requests by type', 'Type', countBy(made, (r) => r.type), (k) => REQUEST_TYPE_LABELS[k as RequestType] ?? k));
  tables.push(byLabel('Requests by channel of support', 'Channel', countBy(made, (r) => r.channel ?? 'none'), (k) => (k === 'none' ? 'Not chosen yet' : CHANNEL_LABELS[k as Channel] ?? k)));
  tables.push(byLabel('Requests by work coach', 'Work coach', countBy(made, (r) => r.coach)));
  tables.push(byLabel('Requests by team', 'Team leader', countBy(made, (r) => r.team)));
  tables.push(byLabel('Requests by jobcentre', 'Jobcentre', countBy(made, (r) => r.jobcentre)));

  const answered = countBy(due.map((r) => answeredByRequiredDate(r, f.today)).filter((a): a is Answered => a !== null), (a) => a);
  tables.push({
    title: 'Answered by the required response date',
    columns: ['Requests due in this period', 'Requests'],
    rows: [
      ['Answered on time', shown(answered.get('on_time') ?? 0)],
      ['Answered late', shown(answered.get('late') ?? 0)],
      ['Not answered and past the date', shown(answered.get('overdue') ?? 0)],
      ['Not answered yet, not yet due', shown(answered.get('not_yet') ?? 0)],
    ],
    note: 'The DEA is reminded 2 working days before the date; if it passes unanswered, their team leader is told.',
  });

  const days = (pick: (r: RequestFact) => Date | null) => made.map((r) => { const at = pick(r); return at ? (at.getTime() - r.createdAt.getTime()) / DAY_MS : null; }).filter((d): d is number => d !== null);
  const timeRow = (label: string, values: number[]) => {
    const m = median(values);
    return [label, shown(values.length), m === null || values.length < 5 ? 'Too few to show' : `${oneDecimal(m)} days`, values.length < 5 ? 'Too few to show' : `${oneDecimal(values.reduce((a, b) => a + b, 0) / values.length)} days`];
  };
  tables.push({ title: 'Time from request', columns: ['From request to', 'Requests', 'Median', 'Average'], rows: [timeRow('Accepted', days((r) => r.acceptedAt)), timeRow('Booked', days((r) => r.bookedAt))] });

  const perClaimant = countBy(f.interventionsPerClaimant, (n) => (n > 3 ? 'more' : String(n)));
  tables.push({
    title: 'Claimant support interventions per claimant',
    columns: ['Interventions', 'Claimants'],
    rows: [['1', shown(perClaimant.get('1') ?? 0)], ['2', shown(perClaimant.get('2') ?? 0)], ['3', shown(perClaimant.get('3') ?? 0)], ['More than 3 (team leader agreed)', shown(perClaimant.get('more') ?? 0)]],
    note: 'Claimants with an intervention asked for in this period, counting all their interventions. Up to 3 each; the team leader may agree more.',
  });

  const planned = f.conferences.filter((c) => c.status !== 'cancelled' && c.status !== 'unplaced');
  const held = f.conferences.filter((c) => c.status === 'held');
  tables.push({
    title: 'Group conferences',
    columns: ['Measure', 'Number'],
    rows: [['Planned', String(planned.length)], ['Held', String(held.length)], ['Cases discussed at the ones held', shown(held.reduce((a, c) => a + c.cases, 0))]],
  });

  const standards: (QasStandard | 'group')[] = ['qas1', 'qas2', 'group'];
  tables.push({
    title: 'Quality Assurance Standards checks',
    columns: ['Check', ...(['met', 'partly_met', 'not_met'] as QasResult[]).map((r) => QAS_RESULT_LABELS[r])],
    rows: standards.map((s) => [s === 'group' ? 'Group case conference check list' : QAS_LABELS[s], ...(['met', 'partly_met', 'not_met'] as QasResult[]).map((r) => String(f.qas.filter((q) => q.standard === s && q.result === r).length))]),
  });

  tables.push(retentionTable(f.retention));

  const weeks = trendWeeks(p);
  const bars: ChartBar[] = weeks.map((w) => {
    const n = f.requestTimes.filter((t) => t >= w.from && t < w.to).length;
    return { x: longDate(w.start).replace(/ \d{4}$/, ''), y: n < 5 ? 0 : n, text: shown(n) };
  });
  tables.push({ title: `Requests each week, the last ${TREND_WEEKS} weeks`, columns: ['Week starting', 'Requests'], rows: bars.map((b) => [b.x, b.text]) });

  const onTime = answered.get('on_time') ?? 0;
  const dueCount = due.length;
  return {
    kind: 'dea',
    title: `DEA support report: ${p.cadence === 'week' ? 'weekly' : 'monthly'}`,
    scope: f.scope,
    period: p,
    headlines: [
      `${shown(made.length)} requests made in this period.`,
      dueCount === 0 ? 'No requests were due in this period.' : `${shown(onTime)} of ${shown(dueCount)} requests due in this period were answered by the required date.`,
      `Group conferences: ${held.length} held of ${planned.length} planned.`,
    ],
    chart: { title: `Requests each week, the last ${TREND_WEEKS} weeks`, xTitle: 'Week starting', yTitle: 'Requests', bars },
    tables,
  };
}
