import { addDays, londonDateFast, londonToUtc } from '../calendar/london-time';
import { byName, compareNames } from '../names';
import { addWeeks, isWorkingDay, longDate, periodLabel, weekOf, type ReportPeriod } from './period';
import { ADVICE_CHANNEL_LABELS, ADVICE_TYPE_LABELS, type AdviceChannel, type AdviceType } from '../specialist-advice/conversation';
import { FEEDBACK_QUESTIONS } from './feedback';
import { hcpCover, INFORMATION_WORKING_DAYS, PROVISION_DAYS, supplierTimeliness, type HcpCover } from '../hcp-activity/rules';
import type { RouteOutcomeCount } from '../retention-cases/ports';
import { retentionTable } from './retention-table';
import type { AdviceFact, AttendanceFact, FeedbackFact, HcpFact, HeldFact, LabelledCount, SupplierRequestFact } from './ports';
import { countBy, oneDecimal, shown, slope, SMALL_COUNT, type ChartBar, type FigureTable, type Report } from './report';
import { startsInTrial, trialEnd, type Trial } from './trials';

/** Annex 4's "supplier response time in the provision of HCPs", as the seed's §4.1 measures it. */
export const HCP_REQUESTS_MEASURE = 'Supplier response time in the provision of HCPs: requests for HCPs fulfilled within two weeks';

/** Two three-way conversations a day: ten a week per HCP (the first success factor). */
export const WEEKLY_TARGET = 10;
/** The weeks of the trial in which the target must be met. */
export const WEEKS_TO_MEET = 8;

/** Everything the Specialist Advice report is made from, read for one district (or all). */
export interface AdviceReportFacts {
  readonly scope: string;
  readonly period: ReportPeriod;
  readonly hcps: readonly HcpFact[];
  /** Conversations asked for, or taking place, in the period. */
  readonly conversations: readonly AdviceFact[];
  /** Held conversations from the earliest trial start to the end of the period. */
  readonly held: readonly HeldFact[];
  readonly trialOf: (district: string) => Trial;
  readonly feedback: readonly FeedbackFact[];
  readonly supportingActivity: readonly LabelledCount[] | null;
  readonly attendance: readonly AttendanceFact[] | null;
  readonly supplierResponses: readonly SupplierRequestFact[] | null;
  readonly informationRequests: readonly SupplierRequestFact[] | null;
  /** Retention cases registered in the period at the district's jobcentres (or all). */
  readonly retention: readonly RouteOutcomeCount[];
  /** Today, London: a request past its due date and not answered is overdue. */
  readonly today: string;
}

/** One HCP against the success factors of their district's trial. */
export interface HcpSuccess {
  readonly hcp: HcpFact;
  /** Held conversations in each trial week so far (week 1 first). */
  readonly weekly: readonly number[];
  /** Weeks with 10 or more held, the week still running among them once it has 10. */
  readonly weeksMet: number;
  /** Weeks whose outcome is known: those ended by today, and the week still running once it has 10. */
  readonly weeksDecided: number;
  /** Whether 10 a week held in at least 8 of the 10 weeks: null while it can still go either way. */
  readonly meets: boolean | null;
}

function inRange(d: Date | null, p: { from: Date; to: Date }): boolean {
  return d !== null && d.getTime() >= p.from.getTime() && d.getTime() < p.to.getTime();
}

const DAY_MS = 86_400_000;

/** Whole days from one London date to another (YYYY-MM-DD): calendar days, whatever the clocks do. */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The trial weeks that have ended before `date` (the day after their last), at most the trial's length. */
function weeksEndedBy(trial: Trial, date: string): number {
  if (date <= trial.start) return 0;
  return Math.min(trial.weeks, Math.floor(daysBetween(trial.start, date) / 7));
}

/**
 * The trial weeks shown for the period: those that end by the end of the period (all of them once
 * it is over) and have started by today (London date, YYYY-MM-DD). A week that has not started yet
 * is not a week of none held: it is left out, like the weeks after the period.
 */
export function trialWeeksSoFar(trial: Trial, period: ReportPeriod, today: string): number {
  return Math.min(weeksEndedBy(trial, period.end), weeksEndedBy(trial, addDays(today, 7)));
}

/**
 * The trial weeks shown for the period that are over by today: the trend is judged on these only. A
 * week shown beyond them (at most one) is the week still running: its count so far is no drop.
 */
export function trialWeeksEnded(trial: Trial, period: ReportPeriod, today: string): number {
  return Math.min(trialWeeksSoFar(trial, period, today), weeksEndedBy(trial, today));
}

/**
 * One HCP against 10 a week in 8 of the trial's weeks, as of the period's end and of today. A week is
 * decided once its last day is before today; the week still running counts as met once it has 10 (it
 * cannot become unmet) and otherwise can still be met, like the trial weeks after the period.
 */
export function successOf(hcp: HcpFact, held: readonly HeldFact[], trial: Trial, period: ReportPeriod, today: string): HcpSuccess {
  const weeksSoFar = trialWeeksSoFar(trial, period, today);
  const weekly = Array.from({ length: weeksSoFar }, () => 0);
  for (const h of held) {
    // Only conversations held in this district count against its trial (each district has its own).
    if (h.hcpId !== hcp.id || h.district !== hcp.district) continue;
    const week = Math.floor(daysBetween(trial.start, londonDateFast(h.startsAt)) / 7);
    if (week >= 0 && week < weeksSoFar) weekly[week]! += 1;
  }
  const ended = trialWeeksEnded(trial, period, today);
  const weeksMet = weekly.filter((n) => n >= WEEKLY_TARGET).length;
  const running = weekly.slice(ended);
  const runningMet = running.filter((n) => n >= WEEKLY_TARGET).length;
  const weeksLeft = trial.weeks - weeksSoFar + (running.length - runningMet);
  const meets = weeksMet >= WEEKS_TO_MEET ? true : weeksMet + weeksLeft < WEEKS_TO_MEET ? false : null;
  return { hcp, weekly, weeksMet, weeksDecided: ended + runningMet, meets };
}

/** The name a report gives an HCP the staff directory no longer has. */
export const UNKNOWN_HCP = 'An HCP no longer in the staff directory';

/** An HCP known only by the conversations they held (no longer with the role, or in another district now). */
function hcpOf(c: { readonly hcpId: string; readonly hcpName: string | null; readonly district: string }): HcpFact {
  return { id: c.hcpId, name: c.hcpName ?? UNKNOWN_HCP, district: c.district, inDirectorySince: null };
}

/** Whether this HCP's directory entry was made before `date` (London, YYYY-MM-DD). */
function inDirectoryBefore(hcp: HcpFact, date: string): boolean {
  return hcp.inDirectorySince !== null && londonDateFast(hcp.inDirectorySince) < date;
}

/** What the success-factors table says about who is judged. */
export const TRIAL_HCPS_RULE =
  "Judged: everyone who held a conversation in the district in the trial weeks shown, HCP today or not, and today's HCPs of the district who were in the staff directory before the trial ended. Someone who joined after the trial is not judged by it.";

/**
 * The HCPs judged against a district's trial (§3.1, §6.4), as of the period's end: those who held a
 * conversation in the district in the trial weeks shown (they were in the trial, whatever role they
 * have today), and today's HCPs of the district whose directory entry was made before the trial
 * ended and before the period did (there, even if they held none). The directory keeps no date a
 * role was given, so the entry's date stands for it. Each with their figures, in English order.
 */
export function trialSuccesses(district: string, hcps: readonly HcpFact[], held: readonly HeldFact[], trial: Trial, period: ReportPeriod, today: string): HcpSuccess[] {
  const cutoff = trialEnd(trial) < period.end ? trialEnd(trial) : period.end;
  const candidates = new Map<string, HcpFact>();
  for (const h of hcps) if (h.district === district) candidates.set(h.id, h);
  for (const h of held) if (h.district === district && !candidates.has(h.hcpId)) candidates.set(h.hcpId, hcpOf(h));
  return [...candidates.values()]
    .map((h) => successOf(h, held, trial, period, today))
    .filter((s) => s.weekly.some((n) => n > 0) || inDirectoryBefore(s.hcp, cutoff))
    .sort((a, b) => byName(a.hcp, b.hcp));
}

/**
 * The HCPs of a period: today's HCPs whose directory entry was made before the period ended, and
 * anyone who held a conversation in it (whether or not they have the role now). In English order,
 * by district then name.
 */
export function periodHcps(hcps: readonly HcpFact[], held: readonly AdviceFact[], period: ReportPeriod): HcpFact[] {
  const found = new Map<string, HcpFact>();
  for (const h of hcps) if (inDirectoryBefore(h, period.end)) found.set(h.id, h);
  for (const c of held) if (!found.has(c.hcpId)) found.set(c.hcpId, hcps.find((h) => h.id === c.hcpId) ?? hcpOf(c));
  return [...found.values()].sort((a, b) => compareNames(a.district, b.district) || byName(a, b));
}

/** A span of days in a month: a whole week (Monday to Sunday), or the part of a week at the month's start or end. */
export interface MonthWeek {
  /** First day, YYYY-MM-DD. */
  readonly start: string;
  /** The day after the last, YYYY-MM-DD. */
  readonly end: string;
  readonly days: number;
  readonly whole: boolean;
  readonly from: Date;
  readonly to: Date;
}

/** The weeks of a month, each cut to the month: 1 March 2026 (a Sunday) is a week of 1 day. */
export function monthWeeks(p: ReportPeriod): MonthWeek[] {
  const out: MonthWeek[] = [];
  for (let w = weekOf(p.start); w.start < p.end; w = weekOf(addWeeks(w.start, 1))) {
    const start = w.start < p.start ? p.start : w.start;
    const end = w.end > p.end ? p.end : w.end;
    const days = daysBetween(start, end);
    out.push({ start, end, days, whole: days === 7, from: londonToUtc(start, '00:00'), to: londonToUtc(end, '00:00') });
  }
  return out;
}

/** "1 March", "30 to 31 March", "2 to 29 March": days from `start` to the day before `end`, in one month. */
function daysLabel(w: { readonly start: string; readonly end: string }): string {
  const last = addDays(w.end, -1);
  const day = longDate(last).replace(/ \d{4}$/, '');
  return last === w.start ? day : `${Number(w.start.slice(8, 10))} to ${day}`;
}

/**
 * Held conversations of all these HCPs in each trial week so far (the week still running last, if
 * shown), and the slope from week 1 over the first `weeksEnded` of them: those that are over.
 */
export function trialTotals(successes: readonly HcpSuccess[], weeksEnded: number): { totals: number[]; ended: number; slope: number } {
  const length = Math.max(0, ...successes.map((s) => s.weekly.length));
  const totals = Array.from({ length }, (_, i) => successes.reduce((sum, s) => sum + (s.weekly[i] ?? 0), 0));
  const ended = Math.min(length, weeksEnded);
  return { totals, ended, slope: slope(totals.slice(0, ended)) };
}

/** A trial week's count as the table shows it: a week not over yet says so ("3 (so far)"). */
function weekCell(n: number, week: number, ended: number): string {
  return week < ended ? String(n) : `${n} (so far)`;
}

/** What the headline says of the total a week: the trend over the weeks ended, and the week still running apart from it. */
function trendSentence(totals: readonly number[], ended: number, trend: number): string {
  const direction = trend > 0.05 ? 'upward' : trend < -0.05 ? 'downward' : 'flat';
  const judged =
    ended === 0
      ? 'Total conversations a week: no trial week is over yet, so there is no trend yet.'
      : `Total conversations a week are ${direction} from week 1 (slope ${trend >= 0 ? '+' : ''}${oneDecimal(trend)} a week over ${ended} week${ended === 1 ? '' : 's'}).`;
  const running = totals.length > ended ? ` Week ${ended + 1} is not over yet (${totals[ended]} held so far): it is not in the trend, nor a week missed.` : '';
  return judged + running;
}

/** Whether a span of days is over by today, still running, or not started (London dates, YYYY-MM-DD). */
function spanState(w: { readonly start: string; readonly end: string }, today: string): 'over' | 'running' | 'not started' {
  return w.end <= today ? 'over' : w.start <= today ? 'running' : 'not started';
}

export function buildAdviceReport(f: AdviceReportFacts): Report {
  const p = f.period;
  const asked = f.conversations.filter((c) => inRange(c.createdAt, p));
  const happening = f.conversations.filter((c) => inRange(c.startsAt, p));
  const held = happening.filter((c) => c.status === 'held');
  const headlines: string[] = [];
  const tables: FigureTable[] = [];

  // Success factors, district by district (each has its own trial), for the HCPs who were in it.
  const districts = [...new Set([...f.hcps.map((h) => h.district), ...f.held.map((h) => h.district)])].sort(compareNames);
  const trialRows: string[][] = [];
  let chartBars: ChartBar[] = [];
  let chartTitle = '';
  let target: number | undefined;
  for (const district of districts) {
    const trial = f.trialOf(district);
    const ofDistrict = trialSuccesses(district, f.hcps, f.held, trial, p, f.today);
    const { totals, ended, slope: trend } = trialTotals(ofDistrict, trialWeeksEnded(trial, p, f.today));
    const inTrial = startsInTrial(trial, p);
    const trialLabel = `${longDate(trial.start)} to ${longDate(addDays(trialEnd(trial), -3))}`;
    if (trialWeeksSoFar(trial, p, f.today) === 0) {
      headlines.push(`${district}: the trial starts on ${longDate(trial.start)}.`);
      continue;
    }
    if (ofDistrict.length === 0) {
      headlines.push(`${district} (trial ${trialLabel}): no HCP held a conversation in the trial weeks shown, and none of the district's HCPs today was in the staff directory before the trial ended.`);
      continue;
    }
    const met = ofDistrict.filter((s) => s.meets === true).length;
    const open = ofDistrict.filter((s) => s.meets === null).length;
    headlines.push(
      `${district} (trial ${trialLabel}): ${met} of ${ofDistrict.length} HCPs have held 10 or more conversations a week in 8 weeks${open > 0 ? `, and ${open} more still can` : ''}. ${trendSentence(totals, ended, trend)}`,
    );
    const weekCells = (weekly: readonly number[]) => weekly.map((n, i) => weekCell(n, i, ended)).concat(Array(trial.weeks - weekly.length).fill('')).slice(0, 10);
    for (const s of ofDistrict) {
      trialRows.push([district, s.hcp.name, ...weekCells(s.weekly), `${s.weeksMet} of ${s.weeksDecided}`, s.meets === true ? 'Yes' : s.meets === false ? 'No' : 'Not yet known']);
    }
    trialRows.push([district, 'All HCPs', ...weekCells(totals), '', '']);
    if (inTrial || chartBars.length === 0) {
      chartBars = totals.map((n, i) => ({ x: i < ended ? `Week ${i + 1}` : `Week ${i + 1} (so far)`, y: n, text: String(n) }));
      chartTitle = `${district}: conversations held each trial week`;
      target = WEEKLY_TARGET * ofDistrict.length;
    }
  }
  // Counts of an HCP's own conversations name no claimant: shown as they are, to judge against 10.
  tables.push({
    title: 'Success factors: three-way conversations held each trial week',
    columns: ['District', 'HCP', ...Array.from({ length: 10 }, (_, i) => `Week ${i + 1}`), 'Weeks with 10 or more', 'At least 8 weeks'],
    rows: trialRows,
    note: `The target is 10 a week for each HCP (two a day), in at least 8 of the 10 weeks; the total each week should be upward or at least flat from week 1. A week not over yet is marked "(so far)": it counts as met once it has 10, is not a week missed, and is not in the trend, which is of the weeks that are over. ${TRIAL_HCPS_RULE}`,
  });

  // After the trial: each HCP's conversations a week in this period, against 10.
  // The period's exact length in weeks (31 days are 4.4 weeks, not 4), counted in calendar days.
  const weeksInPeriod = daysBetween(p.start, p.end) / 7;
  const perHcp = countBy(held, (c) => c.hcpId);
  const ofPeriod = periodHcps(f.hcps, held, p);
  tables.push({
    title: `Conversations held by each HCP in this period`,
    columns: ['HCP', 'District', 'Held', 'A week on average', 'Target a week'],
    rows: ofPeriod.map((h) => [h.name, h.district, String(perHcp.get(h.id) ?? 0), oneDecimal((perHcp.get(h.id) ?? 0) / weeksInPeriod), String(WEEKLY_TARGET)]),
    note: "Today's HCPs who were in the staff directory by the end of the period, and anyone who held a conversation in it, whether or not they have the HCP role now.",
  });

  headlines.push(`In this period: ${shown(asked.length)} conversations asked for, ${shown(held.length)} held.`);

  if (p.cadence === 'month') {
    // The month week by week, cut to the month: every conversation held in it is in one row.
    // A week of the month still running is counted so far, and marked; one not started has no count yet.
    const weeks = monthWeeks(p).map((w) => ({ ...w, held: held.filter((c) => inRange(c.startsAt, w)).length, state: spanState(w, f.today) }));
    const marked = (w: (typeof weeks)[number]) => (w.state === 'running' ? 'so far' : w.state === 'not started' ? 'not started yet' : null);
    tables.push({
      title: 'Conversations held each week of the month',
      columns: ['Days', 'Held'],
      rows: weeks.map((w) => {
        const mark = marked(w);
        const label = w.whole ? `${daysLabel(w)}${mark ? ` (${mark})` : ''}` : `${daysLabel(w)} (part-week, ${w.days} day${w.days === 1 ? '' : 's'}${mark ? `, ${mark}` : ''})`;
        return [label, w.state === 'not started' ? '' : String(w.held)];
      }),
      note: 'Whole weeks (Monday to Sunday) are charted against the target of 10 a week for each HCP; the part-weeks at the ends of the month are counted here but not charted, being shorter than a week. A week not over yet is counted so far; one not started yet has no count.',
    });
    if (chartBars.length === 0 || !districts.some((d) => startsInTrial(f.trialOf(d), p))) {
      // Outside the trial: the whole weeks of the month that have started, all HCPs together, each against a full week's target.
      const whole = weeks.filter((w) => w.whole && w.state !== 'not started');
      chartBars = whole.map((w) => ({ x: `${longDate(w.start).replace(/ \d{4}$/, '')}${w.state === 'running' ? ' (so far)' : ''}`, y: w.held, text: String(w.held) }));
      chartTitle = 'Conversations held each whole week of the month (week starting)';
      target = WEEKLY_TARGET * ofPeriod.length;
      const span = whole.length > 0 ? ` (${daysLabel({ start: whole[0]!.start, end: whole[whole.length - 1]!.end })})` : '';
      const parts = weeks.filter((w) => !w.whole && w.state !== 'not started');
      const partsHeld = parts.map((w) => `${daysLabel(w)} (${w.days} day${w.days === 1 ? '' : 's'}${w.state === 'running' ? ', so far' : ''}): ${w.held}`).join('; ');
      if (weeks.some((w) => w.state !== 'over')) {
        // The month still running: its weeks to come are not weeks of none held, and the week running is no drop.
        const running = weeks.find((w) => w.state === 'running' && w.whole);
        const shows = whole.length === 0 ? 'no whole week of it has started yet' : `the chart shows its ${whole.length} whole week${whole.length === 1 ? '' : 's'} so far${running ? `, ${daysLabel(running)} counted so far` : ''}`;
        const toCome = weeks.some((w) => w.state === 'not started' && w.whole) ? '; the weeks not started yet are not charted' : '';
        headlines.push(`${periodLabel(p)} is not over: ${shows}${toCome}${parts.length > 0 ? `; held in the part-weeks at its ends, not charted: ${partsHeld}` : ''}.`);
      } else if (parts.length > 0) {
        // Every month has at least three whole weeks: they run from the first whole week's Monday to the last one's Sunday.
        headlines.push(`The chart shows the ${whole.length} whole weeks of the month${span}; held in the part-weeks at its ends, not charted: ${partsHeld}.`);
      }
    }
  }

  // Demand (§3.4): where, what, how.
  const where = (level: 'district' | 'cluster' | 'jobcentre') => {
    const a = countBy(asked, (c) => c[level]);
    const h = countBy(held, (c) => c[level]);
    const keys = [...new Set([...a.keys(), ...h.keys()])].sort();
    return keys.map((k) => [k, shown(a.get(k) ?? 0), shown(h.get(k) ?? 0)]);
  };
  tables.push({ title: 'Demand by district', columns: ['District', 'Asked for', 'Held'], rows: where('district') });
  tables.push({ title: 'Demand by cluster', columns: ['Cluster', 'Asked for', 'Held'], rows: where('cluster') });
  tables.push({ title: 'Demand by jobcentre', columns: ['Jobcentre', 'Asked for', 'Held'], rows: where('jobcentre') });
  const types = countBy(asked, (c) => c.adviceTypes);
  tables.push({
    title: 'Types of advice sought',
    columns: ['Advice sought', 'Conversations'],
    rows: (Object.keys(ADVICE_TYPE_LABELS) as AdviceType[]).map((t) => [ADVICE_TYPE_LABELS[t], shown(types.get(t) ?? 0)]),
    note: 'A conversation may seek more than one type of advice.',
  });
  tables.push({
    title: 'Channels: held, not attended and declined',
    columns: ['Channel', 'Held', 'Did not attend', 'Declined on the day'],
    rows: (Object.keys(ADVICE_CHANNEL_LABELS) as AdviceChannel[]).map((ch) => {
      const of = happening.filter((c) => c.channel === ch);
      return [ADVICE_CHANNEL_LABELS[ch], shown(of.filter((c) => c.status === 'held').length), shown(of.filter((c) => c.status === 'did_not_attend').length), shown(of.filter((c) => c.status === 'declined').length)];
    }),
  });
  tables.push({
    title: 'Ad hoc and pre-booked',
    columns: ['How it was arranged', 'Asked for', 'Held'],
    // Asked for is demand (seed 002 §3.4): an ad hoc ask stays one whatever the HCP answered.
    rows: [
      ['Pre-booked', shown(asked.filter((c) => !c.askedAdHoc).length), shown(held.filter((c) => !c.adHoc).length)],
      ['Ad hoc (the claimant in the jobcentre)', shown(asked.filter((c) => c.askedAdHoc).length), shown(held.filter((c) => c.adHoc).length)],
    ],
    note:
      'Asked for counts how the work coach asked: ad hoc when they asked for the HCP to see a claimant in the jobcentre there and then, even if the HCP was not free, said no or did not answer in time, and a time was booked instead. ' +
      'Held counts how the conversation took place: one booked for later after an ad hoc ask is pre-booked.',
  });
  tables.push(
    f.supportingActivity
      ? // The HCPs' own work, naming no claimant: counted as it is.
        { title: 'Supporting activity by type', columns: ['Activity', 'Number done'], rows: f.supportingActivity.map((a) => [a.label, String(a.count)]) }
      : { title: 'Supporting activity by type', columns: ['Activity', 'Number'], rows: [], note: 'Supporting activity is not recorded in this service yet.' },
  );

  // Expected outcomes (§3.1), from the feedback.
  tables.push({
    title: 'Expected outcomes, from feedback',
    columns: ['Outcome', 'Answers', 'Result'],
    rows: FEEDBACK_QUESTIONS.map((q) => {
      const scores = f.feedback.filter((a) => a.question === q.id).map((a) => a.score);
      if (scores.length < SMALL_COUNT) return [q.outcome, shown(scores.length), 'Too few answers to show'];
      const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
      return [q.outcome, String(scores.length), q.scale === 'yes_no' ? `${Math.round(mean * 100)}% yes` : `${oneDecimal(mean)} out of 5 on average`];
    }),
    note: 'Work coaches answer after each conversation, for themselves and for the claimant; HCPs and team leaders answer each week during the trial and each month after it. Answers count in the period they are about, not the one they were given in: after a conversation, the period it was held in; the answers about a week, in that week and in the month the week starts in.',
  });

  // Annex 4.
  tables.push(...annex4(f));
  tables.push(retentionTable(f.retention));

  return {
    kind: 'specialist_advice',
    title: `Specialist Advice report: ${p.cadence === 'week' ? 'weekly' : 'monthly'}`,
    scope: f.scope,
    period: p,
    headlines,
    chart: {
      title: chartTitle || 'Conversations held each week',
      xTitle: p.cadence === 'month' && !chartTitle.includes('trial') ? 'Week starting' : 'Trial week',
      yTitle: 'Conversations held',
      bars: chartBars,
      ...(target ? { target: { value: target, label: `Target: ${target} (10 for each HCP)` } } : {}),
    },
    tables,
  };
}

/** What the supplier figures count, said under them on the card and in the CSV. */
export const SUPPLIER_FIGURES_NOTE =
  'How the supplier figures are counted. Requests for HCPs are requests for a new HCP or for a replacement for an absent HCP, made in this period. ' +
  'The supplier must fulfil each one within two weeks of the request (specification, paragraph 4.1). ' +
  `A request counts as fulfilled only when the supplier’s HCP started covering within ${PROVISION_DAYS} days of the day it was made (or by the first day cover was needed, when that was later): this is measured to the day cover started, recorded with the supplier’s answer, not to the day the answer was typed. ` +
  `It counts as not met when cover started after that day, or when there is still no cover after it. An answer recorded before the day cover started was asked for is not counted either way. ` +
  'A request not yet due, or with cover promised in time for a day still to come, is pending: not counted as fulfilled or as not met yet. ' +
  `Requests withdrawn as no longer needed (the HCP arrived after all) are not counted. Ad hoc requests for information count as in time when answered within ${INFORMATION_WORKING_DAYS} working days.`;

/** The supplier's fulfilment of requests for HCPs (seed §4.1, Annex 4), in words. */
function hcpRequestsFigure(requests: readonly SupplierRequestFact[], today: string): string {
  const counted = requests.filter((r) => r.status !== 'withdrawn');
  if (counted.length === 0) return 'No requests in this period';
  const c = countBy(counted, (r) => hcpCover(r, today));
  const n = (state: HcpCover) => c.get(state) ?? 0;
  const met = n('fulfilled');
  const notMet = n('late') + n('unfilled');
  const pending = n('waiting') + n('promised');
  const why = [n('late') ? `${n('late')} with cover starting after the day it was due` : '', n('unfilled') ? `${n('unfilled')} with no cover by the day it was due` : ''].filter(Boolean);
  const waiting = `${pending} pending, not yet due${n('promised') ? ` (${n('promised')} with cover promised in time)` : ''}`;
  // Answers recorded before the day cover started was asked for cannot be measured to it either way.
  const unmeasured = n('undated') ? [`${n('undated')} answered before the day cover started was recorded, not counted`] : [];
  const parts = met + notMet === 0 ? ['None decided yet', waiting, ...unmeasured] : [`${met} of ${met + notMet} fulfilled in time`, `${notMet} not met${why.length ? ` (${why.join(', ')})` : ''}`, waiting, ...unmeasured];
  // Days to cover only where cover has started: a promised day is not yet a response.
  const days = counted.filter((r) => r.coverOn !== null && r.coverOn <= today).map((r) => daysBetween(londonDateFast(r.raisedAt), r.coverOn!));
  const average = days.length ? `. ${oneDecimal(days.reduce((a, b) => a + b, 0) / days.length)} days from request to cover on average` : '';
  return `${parts.join('; ')}${average}`;
}

function annex4(f: AdviceReportFacts): FigureTable[] {
  const rows: string[][] = [];
  const timeliness = (requests: readonly SupplierRequestFact[]) => countBy(requests.filter((r) => r.status !== 'withdrawn'), (r) => supplierTimeliness(r, f.today));
  rows.push([HCP_REQUESTS_MEASURE, f.supplierResponses ? hcpRequestsFigure(f.supplierResponses, f.today) : 'Not recorded in this service yet']);
  if (f.attendance) {
    const sum = (pick: (a: AttendanceFact) => number) => f.attendance!.reduce((n, a) => n + pick(a), 0);
    const recorded = sum((a) => a.onTime + a.late + a.absent);
    rows.push(['HCP attendance', recorded === 0 ? 'No days recorded' : `${sum((a) => a.onTime + a.late)} of ${recorded} recorded working days attended (${sum((a) => a.late)} late, ${sum((a) => a.absent)} absent)`]);
  } else rows.push(['HCP attendance', 'Not recorded in this service yet']);
  if (f.informationRequests) {
    const t = timeliness(f.informationRequests);
    const total = [...t.values()].reduce((a, b) => a + b, 0);
    rows.push(['Ad hoc requests for information answered within 5 working days', total === 0 ? 'No requests in this period' : `${t.get('met') ?? 0} of ${total} (${t.get('late') ?? 0} late, ${t.get('overdue') ?? 0} overdue, ${t.get('open') ?? 0} not yet due)`]);
  } else rows.push(['Ad hoc requests for information answered within 5 working days', 'Not recorded in this service yet']);
  const tables: FigureTable[] = [{ title: 'Supplier management information', columns: ['Measure', 'This period'], rows, note: SUPPLIER_FIGURES_NOTE }];
  if (f.attendance && f.attendance.length > 0) {
    // Attendance is about the HCPs, not claimants: shown as recorded.
    tables.push({ title: 'HCP attendance records', columns: ['HCP', 'On time', 'Late', 'Absent'], rows: f.attendance.map((a) => [a.hcp, String(a.onTime), String(a.late), String(a.absent)]) });
  }
  return tables;
}

export function workingDaysAfter(date: string, n: number): string {
  let d = date;
  for (let left = n; left > 0; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left -= 1;
  }
  return d;
}
