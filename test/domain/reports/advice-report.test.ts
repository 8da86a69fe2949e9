import { addDays } from '../../../domain/calendar/london-time';
import { buildAdviceReport, successOf, trialWeeksSoFar, UNKNOWN_HCP, type AdviceReportFacts } from '../../../domain/reports/advice-report';
import { feedbackPeriodKeys, monthOf, weekOf } from '../../../domain/reports/period';
import type { AdviceFact, HcpFact, HeldFact } from '../../../domain/reports/ports';
import type { Report } from '../../../domain/reports/report';
import { DEFAULT_TRIAL, type Trial } from '../../../domain/reports/trials';

/*
 * The Specialist Advice report's success factors (§3.1): 10 held a week per HCP in at least 8 of the
 * 10 trial weeks, judged only on weeks that have ended (a week's last day is before today), and each
 * HCP's conversations a week on average over the exact length of the period.
 *
 * Surrey and Sussex's trial starts Monday 2 March 2026: week 1 is 2–8 March, week 3 is 16–22 March,
 * week 8 is 20–26 April, week 10 is 4–10 May; it ends on Monday 11 May.
 */
const DISTRICT = 'Surrey and Sussex';
const TRIAL: Trial = { start: '2026-03-02', weeks: 10 };
// Both in the staff directory since before the trial.
const ANN: HcpFact = { id: 'hcp-ann', name: 'Ann Archer', district: DISTRICT, inDirectorySince: new Date('2026-02-02T09:00:00Z') };
const BEN: HcpFact = { id: 'hcp-ben', name: 'Ben Bishop', district: DISTRICT, inDirectorySince: new Date('2026-02-02T09:00:00Z') };
const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00Z`);

/** `count` held by the HCP in trial week `week` (1 first), spread over its first `days` days (Monday on). */
function heldIn(hcp: HcpFact, week: number, count: number, days = 5): HeldFact[] {
  const monday = addDays(TRIAL.start, (week - 1) * 7);
  return Array.from({ length: count }, (_, i) => ({ hcpId: hcp.id, hcpName: hcp.name, district: hcp.district, startsAt: at(addDays(monday, i % days), `${String(9 + Math.floor(i / days)).padStart(2, '0')}:00`) }));
}

/** `counts[i]` held by the HCP in trial week i + 1. */
const heldByWeek = (hcp: HcpFact, counts: readonly number[]): HeldFact[] => counts.flatMap((n, i) => heldIn(hcp, i + 1, n));

function facts(over: Partial<AdviceReportFacts> & Pick<AdviceReportFacts, 'period' | 'today'>): AdviceReportFacts {
  return {
    scope: DISTRICT,
    hcps: [ANN],
    conversations: [],
    held: [],
    trialOf: () => TRIAL,
    feedback: [],
    supportingActivity: null,
    attendance: null,
    supplierResponses: null,
    informationRequests: null,
    retention: [],
    ...over,
  };
}

const table = (report: Report, title: string) => {
  const found = report.tables.find((t) => t.title.startsWith(title));
  if (!found) throw new Error(`no table "${title}"`);
  return found.rows.map((r) => [...r]);
};

/** The success-factors row of one HCP: weeks 1 to 10 (blank when not shown), weeks with 10 or more, at least 8 weeks. */
const row = (hcp: HcpFact, weekly: readonly (number | string)[], weeksColumn: string, verdict: string) => [hcp.district, hcp.name, ...weekly.map(String), ...Array(10 - weekly.length).fill(''), weeksColumn, verdict];

describe('conversations held by each HCP a week on average: over the exact length of the period', () => {
  /** `count` held conversations by Ann, one a day from `first` on (cycling over `days` days). */
  const conversations = (first: string, days: number, count: number): AdviceFact[] =>
    Array.from({ length: count }, (_, i) => {
      const startsAt = at(addDays(first, i % days), '12:00');
      return { hcpId: ANN.id, hcpName: ANN.name, district: DISTRICT, cluster: 'Gatwick Diamond', jobcentre: 'Crawley', status: 'held', channel: 'face_to_face', adviceTypes: ['adjustments'], adHoc: false, askedAdHoc: false, createdAt: new Date(startsAt.getTime() - 3_600_000), startsAt };
    });
  const average = (period: AdviceReportFacts['period'], held: readonly AdviceFact[]) =>
    table(buildAdviceReport(facts({ period, today: '2026-06-01', conversations: held, trialOf: () => DEFAULT_TRIAL })), 'Conversations held by each HCP');

  it('40 held in March 2026 (31 days, 4.4 weeks) are 9.0 a week, short of 10, not 10.0', () => {
    expect(average(monthOf('2026-03'), conversations('2026-03-01', 31, 40))).toEqual([['Ann Archer', DISTRICT, '40', '9.0', '10']]);
  });

  it('40 held in February 2026 (28 days, 4 weeks) are 10.0 a week', () => {
    expect(average(monthOf('2026-02'), conversations('2026-02-01', 28, 40))).toEqual([['Ann Archer', DISTRICT, '40', '10.0', '10']]);
  });

  it('a week is one week, even the week the clocks go forward (23 to 29 March 2026)', () => {
    expect(average(weekOf('2026-03-23'), conversations('2026-03-23', 7, 12))).toEqual([['Ann Archer', DISTRICT, '12', '12.0', '10']]);
  });
});

describe('trial weeks shown: ended by the end of the period and started by today', () => {
  it('a week not yet started is not shown, in the week or the month asked for', () => {
    expect(trialWeeksSoFar(TRIAL, weekOf('2026-03-17'), '2026-03-17')).toBe(3);
    expect(trialWeeksSoFar(TRIAL, monthOf('2026-03'), '2026-03-17')).toBe(3);
    expect(trialWeeksSoFar(TRIAL, monthOf('2026-03'), '2026-03-22')).toBe(3);
    expect(trialWeeksSoFar(TRIAL, monthOf('2026-03'), '2026-03-23')).toBe(4);
    expect(trialWeeksSoFar(TRIAL, monthOf('2026-03'), '2026-03-01')).toBe(0);
  });

  it('once the period is over, every trial week up to its end (all ten once the trial is over)', () => {
    expect(trialWeeksSoFar(TRIAL, weekOf('2026-03-09'), '2026-03-16')).toBe(2);
    expect(trialWeeksSoFar(TRIAL, monthOf('2026-03'), '2026-06-01')).toBe(4);
    expect(trialWeeksSoFar(TRIAL, monthOf('2026-05'), '2026-06-01')).toBe(10);
    expect(trialWeeksSoFar(TRIAL, weekOf('2026-02-23'), '2026-06-01')).toBe(0);
  });
});

describe('success factors: a trial week is judged only once it has ended', () => {
  it('none held in weeks 1 and 2 and 3 so far on Tuesday 17 March (week 3): not yet known, as 8 weeks (3 to 10) can still be met', () => {
    const held = heldIn(ANN, 3, 3, 2);
    for (const period of [weekOf('2026-03-17'), monthOf('2026-03')]) {
      expect(successOf(ANN, held, TRIAL, period, '2026-03-17')).toEqual({ hcp: ANN, weekly: [0, 0, 3], weeksMet: 0, weeksDecided: 2, meets: null });
      const report = buildAdviceReport(facts({ period, today: '2026-03-17', held }));
      // Week 3 is shown as not over yet: 3 so far.
      expect(table(report, 'Success factors')).toEqual([row(ANN, [0, 0, '3 (so far)'], '0 of 2', 'Not yet known'), row({ ...ANN, name: 'All HCPs' }, [0, 0, '3 (so far)'], '', '')]);
      expect(report.headlines[0]).toContain('0 of 1 HCPs have held 10 or more conversations a week in 8 weeks, and 1 more still can.');
    }
  });

  it('a week is decided the day after its last day: Sunday 15 March week 2 is still running, on Monday 16 March it is over', () => {
    expect(successOf(ANN, [], TRIAL, weekOf('2026-03-09'), '2026-03-15')).toEqual({ hcp: ANN, weekly: [0, 0], weeksMet: 0, weeksDecided: 1, meets: null });
    expect(successOf(ANN, [], TRIAL, weekOf('2026-03-09'), '2026-03-16')).toEqual({ hcp: ANN, weekly: [0, 0], weeksMet: 0, weeksDecided: 2, meets: null });
  });

  it('still "No" mid-week once 8 weeks can no longer be met: none in weeks 1 to 3, on Tuesday 24 March (week 4)', () => {
    expect(successOf(ANN, [], TRIAL, weekOf('2026-03-24'), '2026-03-24')).toEqual({ hcp: ANN, weekly: [0, 0, 0, 0], weeksMet: 0, weeksDecided: 3, meets: false });
  });

  it('in the last trial week, 7 weeks met and 5 held so far on Wednesday 6 May: the last week can still make 8', () => {
    const held = heldByWeek(ANN, [10, 10, 10, 10, 10, 10, 10, 9, 9, 5]);
    expect(successOf(ANN, held, TRIAL, weekOf('2026-05-06'), '2026-05-06')).toEqual({ hcp: ANN, weekly: [10, 10, 10, 10, 10, 10, 10, 9, 9, 5], weeksMet: 7, weeksDecided: 9, meets: null });
    // The week over (Monday 11 May) with no more held: decided, and short.
    expect(successOf(ANN, held, TRIAL, weekOf('2026-05-06'), '2026-05-11')).toEqual({ hcp: ANN, weekly: [10, 10, 10, 10, 10, 10, 10, 9, 9, 5], weeksMet: 7, weeksDecided: 10, meets: false });
  });
});

describe('success factors: a week with 10 already held is met before it ends', () => {
  it('10 held in each of weeks 1 and 2 and 10 by Wednesday 18 March (week 3): 3 of 3 weeks met, in the month as in the week', () => {
    const held = [...heldByWeek(ANN, [10, 10]), ...heldIn(ANN, 3, 10, 3)];
    for (const period of [weekOf('2026-03-18'), monthOf('2026-03')]) {
      expect(successOf(ANN, held, TRIAL, period, '2026-03-18')).toEqual({ hcp: ANN, weekly: [10, 10, 10], weeksMet: 3, weeksDecided: 3, meets: null });
      expect(table(buildAdviceReport(facts({ period, today: '2026-03-18', held })), 'Success factors')[0]).toEqual(row(ANN, [10, 10, '10 (so far)'], '3 of 3', 'Not yet known'));
    }
  });

  it('7 weeks met and the 10th of week 8 held on Wednesday 22 April: the target is met; with 9 so far it is not yet known', () => {
    const sevenWeeks = heldByWeek(ANN, [10, 10, 10, 10, 10, 10, 10]);
    const met = [...sevenWeeks, ...heldIn(ANN, 8, 10, 3)];
    expect(successOf(ANN, met, TRIAL, weekOf('2026-04-22'), '2026-04-22')).toEqual({ hcp: ANN, weekly: [10, 10, 10, 10, 10, 10, 10, 10], weeksMet: 8, weeksDecided: 8, meets: true });
    const report = buildAdviceReport(facts({ period: monthOf('2026-04'), today: '2026-04-22', held: met }));
    expect(table(report, 'Success factors')[0]).toEqual(row(ANN, [10, 10, 10, 10, 10, 10, 10, '10 (so far)'], '8 of 8', 'Yes'));
    expect(report.headlines[0]).toContain('1 of 1 HCPs have held 10 or more conversations a week in 8 weeks.');

    const notYet = [...sevenWeeks, ...heldIn(ANN, 8, 9, 3)];
    expect(successOf(ANN, notYet, TRIAL, weekOf('2026-04-22'), '2026-04-22')).toEqual({ hcp: ANN, weekly: [10, 10, 10, 10, 10, 10, 10, 9], weeksMet: 7, weeksDecided: 7, meets: null });
  });
});

describe('success factors once the trial is over: decided as before', () => {
  const held = [...heldByWeek(ANN, [10, 10, 10, 10, 10, 10, 10, 10, 9, 9]), ...heldByWeek(BEN, [10, 10, 4, 4, 4, 4, 4, 4, 4, 4])];
  const ANN_WEEKS = [10, 10, 10, 10, 10, 10, 10, 10, 9, 9];
  const BEN_WEEKS = [10, 10, 4, 4, 4, 4, 4, 4, 4, 4];

  it('8 weeks of 10 or more: yes; 2 weeks: no, whether today is the day after the trial or weeks later', () => {
    for (const today of ['2026-05-11', '2026-06-01']) {
      for (const period of [weekOf('2026-05-04'), monthOf('2026-05')]) {
        expect(successOf(ANN, held, TRIAL, period, today)).toEqual({ hcp: ANN, weekly: ANN_WEEKS, weeksMet: 8, weeksDecided: 10, meets: true });
        expect(successOf(BEN, held, TRIAL, period, today)).toEqual({ hcp: BEN, weekly: BEN_WEEKS, weeksMet: 2, weeksDecided: 10, meets: false });
      }
    }
    const report = buildAdviceReport(facts({ period: monthOf('2026-05'), today: '2026-06-01', hcps: [ANN, BEN], held }));
    expect(table(report, 'Success factors')).toEqual([
      row(ANN, ANN_WEEKS, '8 of 10', 'Yes'),
      row(BEN, BEN_WEEKS, '2 of 10', 'No'),
      row({ ...ANN, name: 'All HCPs' }, ANN_WEEKS.map((n, i) => n + BEN_WEEKS[i]!), '', ''),
    ]);
    expect(report.headlines[0]).toContain('1 of 2 HCPs have held 10 or more conversations a week in 8 weeks. Total');
  });

  it('a past period is still judged as of its end: week 2, asked for after the trial, leaves weeks 3 to 10 to come', () => {
    expect(successOf(BEN, held, TRIAL, weekOf('2026-03-09'), '2026-06-01')).toEqual({ hcp: BEN, weekly: [10, 10], weeksMet: 2, weeksDecided: 2, meets: null });
  });
});

/** `count` held conversations of the HCP on `date` (from 09:00 on, an hour apart), as the period's conversations. */
function heldOn(hcp: HcpFact, date: string, count: number): AdviceFact[] {
  return Array.from({ length: count }, (_, i) => {
    const startsAt = at(date, `${String(9 + (i % 8)).padStart(2, '0')}:00`);
    return { hcpId: hcp.id, hcpName: hcp.name, district: hcp.district, cluster: 'Gatwick Diamond', jobcentre: 'Crawley', status: 'held', channel: 'face_to_face', adviceTypes: ['adjustments'], adHoc: false, askedAdHoc: false, createdAt: new Date(startsAt.getTime() - 3_600_000), startsAt };
  });
}

describe('success factors: the HCPs who were in the trial, not whoever has the role today', () => {
  const TEN_WEEKS = [10, 10, 10, 10, 10, 10, 10, 10, 10, 10];
  // Bob got the HCP role in June, after the trial (2 March to 10 May 2026).
  const BOB: HcpFact = { id: 'hcp-bob', name: 'Bob Bright', district: DISTRICT, inDirectorySince: new Date('2026-06-15T09:00:00Z') };
  // Cy held conversations in the trial and has lost the HCP role since: not among today's HCPs.
  const CY: HcpFact = { id: 'hcp-cy', name: 'Cy Clarke', district: DISTRICT, inDirectorySince: null };

  it('the July report: an HCP who joined after the trial is not judged by it (1 of 1, not 1 of 2 with a row of zeros)', () => {
    const report = buildAdviceReport(facts({ period: monthOf('2026-07'), today: '2026-08-03', hcps: [ANN, BOB], held: heldByWeek(ANN, TEN_WEEKS), conversations: heldOn(ANN, '2026-07-06', 10) }));
    expect(table(report, 'Success factors')).toEqual([row(ANN, TEN_WEEKS, '10 of 10', 'Yes'), row({ ...ANN, name: 'All HCPs' }, TEN_WEEKS, '', '')]);
    expect(report.headlines[0]).toContain('1 of 1 HCPs have held 10 or more conversations a week in 8 weeks.');
    expect(report.tables.find((t) => t.title.startsWith('Success factors'))!.note).toContain('who were in the staff directory before the trial ended');
    // Bob is an HCP in July: he is in July's own figures, and the chart's target counts him.
    expect(table(report, 'Conversations held by each HCP')).toEqual([['Ann Archer', DISTRICT, '10', '2.3', '10'], ['Bob Bright', DISTRICT, '0', '0.0', '10']]);
    expect(report.chart.target?.value).toBe(20);
  });

  it('an HCP who has left is still judged in the trial they held conversations in, and counted in the target', () => {
    const held = [...heldByWeek(ANN, [10, 10]), ...heldByWeek({ ...CY, name: 'ignored' }, [6, 4]).map((h) => ({ ...h, hcpName: CY.name }))];
    const report = buildAdviceReport(facts({ period: weekOf('2026-03-09'), today: '2026-03-16', hcps: [ANN], held, conversations: heldOn(CY, '2026-03-10', 4) }));
    expect(table(report, 'Success factors')).toEqual([row(ANN, [10, 10], '2 of 2', 'Not yet known'), row(CY, [6, 4], '0 of 2', 'Not yet known'), row({ ...ANN, name: 'All HCPs' }, [16, 14], '', '')]);
    expect(report.headlines[0]).toContain('0 of 2 HCPs have held 10 or more conversations a week in 8 weeks, and 2 more still can.');
    expect(report.chart.target).toEqual({ value: 20, label: 'Target: 20 (10 for each HCP)' });
    // The period's own table lists her too, with the conversations she held in it.
    expect(table(report, 'Conversations held by each HCP')).toEqual([['Ann Archer', DISTRICT, '0', '0.0', '10'], ['Cy Clarke', DISTRICT, '4', '4.0', '10']]);
  });

  it('someone the directory no longer has is named as such; an HCP who joined mid-trial is judged from the weeks after they joined', () => {
    const gone = heldIn({ ...CY, id: 'hcp-gone' }, 1, 3).map((h) => ({ ...h, hcpName: null }));
    const dee: HcpFact = { id: 'hcp-dee', name: 'Dee Dale', district: DISTRICT, inDirectorySince: new Date('2026-03-20T09:00:00Z') };
    const week2 = buildAdviceReport(facts({ period: weekOf('2026-03-09'), today: '2026-03-30', hcps: [ANN, dee], held: gone }));
    expect(table(week2, 'Success factors').map((r) => r[1])).toEqual([UNKNOWN_HCP, 'Ann Archer', 'All HCPs']);
    const week4 = buildAdviceReport(facts({ period: weekOf('2026-03-23'), today: '2026-03-30', hcps: [ANN, dee], held: gone }));
    expect(table(week4, 'Success factors').map((r) => r[1])).toEqual([UNKNOWN_HCP, 'Ann Archer', 'Dee Dale', 'All HCPs']);
  });
});

describe('the monthly chart after the trial: whole weeks against the weekly target, the part-weeks counted beside it', () => {
  // March 2026: Sunday 1 March, four whole weeks (2 to 29 March), Monday 30 and Tuesday 31 March.
  const march = [
    ...heldOn(ANN, '2026-03-01', 2),
    ...heldOn(ANN, '2026-03-03', 10),
    ...heldOn(BEN, '2026-03-10', 11),
    ...heldOn(ANN, '2026-03-17', 12),
    ...heldOn(BEN, '2026-03-24', 9),
    ...heldOn(ANN, '2026-03-30', 4),
    ...heldOn(BEN, '2026-03-31', 3),
  ];
  const report = buildAdviceReport(facts({ period: monthOf('2026-03'), today: '2026-04-01', hcps: [ANN, BEN], conversations: march, trialOf: () => DEFAULT_TRIAL }));

  it('charts only the four whole weeks, each a full week against 10 for each HCP', () => {
    expect(report.chart.bars.map((b) => [b.x, b.y])).toEqual([['2 March', 10], ['9 March', 11], ['16 March', 12], ['23 March', 9]]);
    expect(report.chart.title).toBe('Conversations held each whole week of the month (week starting)');
    expect(report.chart.target?.value).toBe(20);
  });

  it('says what the part-weeks held, and every conversation of the month is in the week table', () => {
    expect(report.headlines).toContain('In this period: 51 conversations asked for, 51 held.');
    expect(report.headlines).toContain('The chart shows the 4 whole weeks of the month (2 to 29 March); held in the part-weeks at its ends, not charted: 1 March (1 day): 2; 30 to 31 March (2 days): 7.');
    const weeks = table(report, 'Conversations held each week of the month');
    expect(weeks).toEqual([['1 March (part-week, 1 day)', '2'], ['2 to 8 March', '10'], ['9 to 15 March', '11'], ['16 to 22 March', '12'], ['23 to 29 March', '9'], ['30 to 31 March (part-week, 2 days)', '7']]);
    expect(weeks.reduce((n, r) => n + Number(r[1]), 0)).toBe(51);
  });

  it('a month of whole weeks only (February 2027, Monday 1 to Sunday 28) has no part-weeks to explain', () => {
    const feb = buildAdviceReport(facts({ period: monthOf('2027-02'), today: '2027-03-01', conversations: heldOn(ANN, '2027-02-09', 10), trialOf: () => DEFAULT_TRIAL }));
    expect(feb.chart.bars.map((b) => [b.x, b.y])).toEqual([['1 February', 0], ['8 February', 10], ['15 February', 0], ['22 February', 0]]);
    expect(feb.headlines.some((h) => h.includes('part-weeks'))).toBe(false);
  });
});

describe('periodic feedback belongs to the period it is about', () => {
  it('a week holds its own answers; a month its own and those of each week that starts in it', () => {
    expect(feedbackPeriodKeys(weekOf('2026-03-18'))).toEqual(['w2026-03-16']);
    // Week of 23 February (ends 1 March) goes to February; week of 30 March (ends 5 April) to March.
    expect(feedbackPeriodKeys(monthOf('2026-03'))).toEqual(['m2026-03', 'w2026-03-02', 'w2026-03-09', 'w2026-03-16', 'w2026-03-23', 'w2026-03-30']);
    expect(feedbackPeriodKeys(monthOf('2026-02'))).toEqual(['m2026-02', 'w2026-02-02', 'w2026-02-09', 'w2026-02-16', 'w2026-02-23']);
    expect(feedbackPeriodKeys(monthOf('2027-02'))).toEqual(['m2027-02', 'w2027-02-01', 'w2027-02-08', 'w2027-02-15', 'w2027-02-22']);
  });
});

describe('the trend of total conversations a week: only weeks that have ended, the week still running marked and not a drop', () => {
  // Monday 13 April 2026 is the first day of trial week 7 (13 to 19 April): weeks 1 to 6 are over.
  const SIX_WEEKS = [10, 10, 10, 10, 10, 10];
  const trialTable = (report: Report) => report.tables.find((t) => t.title.startsWith('Success factors'))!;

  it('10 held in each of weeks 1 to 6, "this month" on Monday 13 April (week 7, none held yet): flat over 6 weeks, not downward over 7', () => {
    const report = buildAdviceReport(facts({ period: monthOf('2026-04'), today: '2026-04-13', held: heldByWeek(ANN, SIX_WEEKS) }));
    expect(report.headlines[0]).toContain('Total conversations a week are flat from week 1 (slope +0.0 a week over 6 weeks). Week 7 is not over yet (0 held so far): it is not in the trend, nor a week missed.');
    expect(report.headlines[0]).not.toContain('downward');
    // Shown, but marked as not over: in the table (the card and the CSV come from it) and the chart.
    expect(table(report, 'Success factors')).toEqual([
      [DISTRICT, 'Ann Archer', '10', '10', '10', '10', '10', '10', '0 (so far)', '', '', '', '6 of 6', 'Not yet known'],
      [DISTRICT, 'All HCPs', '10', '10', '10', '10', '10', '10', '0 (so far)', '', '', '', '', ''],
    ]);
    expect(trialTable(report).note).toContain('A week not over yet is marked "(so far)"');
    expect(report.chart.bars.map((b) => [b.x, b.y])).toEqual([['Week 1', 10], ['Week 2', 10], ['Week 3', 10], ['Week 4', 10], ['Week 5', 10], ['Week 6', 10], ['Week 7 (so far)', 0]]);
  });

  it('the same in "this week": the week of 13 April, asked for on its Monday', () => {
    const report = buildAdviceReport(facts({ period: weekOf('2026-04-13'), today: '2026-04-13', held: heldByWeek(ANN, SIX_WEEKS) }));
    expect(report.headlines[0]).toContain('are flat from week 1 (slope +0.0 a week over 6 weeks). Week 7 is not over yet');
    expect(report.chart.bars.at(-1)).toEqual({ x: 'Week 7 (so far)', y: 0, text: '0' });
  });

  it('a rise over the weeks ended is upward even with few held so far in the running week; once the week is over it is in the trend', () => {
    const held = [...heldByWeek(ANN, [8, 9, 10, 11, 12, 13]), ...heldIn(ANN, 7, 2, 1)];
    const running = buildAdviceReport(facts({ period: monthOf('2026-04'), today: '2026-04-14', held }));
    expect(running.headlines[0]).toContain('Total conversations a week are upward from week 1 (slope +1.0 a week over 6 weeks). Week 7 is not over yet (2 held so far)');
    // Monday 20 April: week 7 is over with its 2, and is a drop that counts; week 8 has just started.
    const over = buildAdviceReport(facts({ period: monthOf('2026-04'), today: '2026-04-20', held }));
    expect(over.headlines[0]).toContain('(slope -0.3 a week over 7 weeks). Week 8 is not over yet (0 held so far)');
    expect(table(over, 'Success factors')[0]!.slice(2, 12)).toEqual(['8', '9', '10', '11', '12', '13', '2', '0 (so far)', '', '']);
  });

  it('in week 1, before any week has ended, there is no trend yet', () => {
    const report = buildAdviceReport(facts({ period: weekOf('2026-03-02'), today: '2026-03-04', held: heldIn(ANN, 1, 6, 2) }));
    expect(report.headlines[0]).toContain('Total conversations a week: no trial week is over yet, so there is no trend yet. Week 1 is not over yet (6 held so far)');
    expect(report.headlines[0]).not.toMatch(/slope/);
    expect(report.chart.bars).toEqual([{ x: 'Week 1 (so far)', y: 6, text: '6' }]);
  });

  it('a running week short of 10 is not a week missed: 6 weeks of 10 and none yet in week 7 leaves 8 of 10 to make', () => {
    const held = heldByWeek(ANN, SIX_WEEKS);
    expect(successOf(ANN, held, TRIAL, monthOf('2026-04'), '2026-04-13')).toEqual({ hcp: ANN, weekly: [...SIX_WEEKS, 0], weeksMet: 6, weeksDecided: 6, meets: null });
    // Weeks 1 and 2 missed: weeks 3 to 6 met, 7 running with none yet; 7, 8, 9 and 10 can still make 8.
    const twoMissed = heldByWeek(ANN, [0, 0, 10, 10, 10, 10]);
    expect(successOf(ANN, twoMissed, TRIAL, monthOf('2026-04'), '2026-04-13')).toEqual({ hcp: ANN, weekly: [0, 0, 10, 10, 10, 10, 0], weeksMet: 4, weeksDecided: 6, meets: null });
    const report = buildAdviceReport(facts({ period: monthOf('2026-04'), today: '2026-04-13', held: twoMissed }));
    expect(report.headlines[0]).toContain('0 of 1 HCPs have held 10 or more conversations a week in 8 weeks, and 1 more still can.');
    // The week over on Monday 20 April with none held: the third week missed, and 8 can no longer be made.
    expect(successOf(ANN, twoMissed, TRIAL, monthOf('2026-04'), '2026-04-20')).toEqual({ hcp: ANN, weekly: [0, 0, 10, 10, 10, 10, 0, 0], weeksMet: 4, weeksDecided: 7, meets: false });
  });
});

describe('the weeks of a month not over yet: the week still running marked, the weeks not started not charted', () => {
  // June 2026, after the trial: whole weeks from Monday 1 June to Sunday 28 June; Monday 29 and Tuesday 30 June a part-week.
  const june = [...heldOn(ANN, '2026-06-02', 10), ...heldOn(ANN, '2026-06-09', 3)];
  const report = buildAdviceReport(facts({ period: monthOf('2026-06'), today: '2026-06-10', conversations: june, trialOf: () => DEFAULT_TRIAL }));

  it('the chart has the week over and the week so far, not two weeks of none to come', () => {
    expect(report.chart.bars.map((b) => [b.x, b.y])).toEqual([['1 June', 10], ['8 June (so far)', 3]]);
  });

  it('the table marks the week so far and the weeks to come, with no count for those', () => {
    expect(table(report, 'Conversations held each week of the month')).toEqual([
      ['1 to 7 June', '10'],
      ['8 to 14 June (so far)', '3'],
      ['15 to 21 June (not started yet)', ''],
      ['22 to 28 June (not started yet)', ''],
      ['29 to 30 June (part-week, 2 days, not started yet)', ''],
    ]);
    expect(report.headlines).toContain('June 2026 is not over: the chart shows its 2 whole weeks so far, 8 to 14 June counted so far; the weeks not started yet are not charted.');
  });

  it('a part-week already started is still said beside the chart, marked so far while it runs', () => {
    // March 2026 on Tuesday 10 March: Sunday 1 March is over, 2 to 8 March over, 9 to 15 March running.
    const march = [...heldOn(ANN, '2026-03-01', 2), ...heldOn(ANN, '2026-03-03', 10), ...heldOn(ANN, '2026-03-09', 4)];
    const mid = buildAdviceReport(facts({ period: monthOf('2026-03'), today: '2026-03-10', conversations: march, trialOf: () => DEFAULT_TRIAL }));
    expect(mid.chart.bars.map((b) => [b.x, b.y])).toEqual([['2 March', 10], ['9 March (so far)', 4]]);
    expect(mid.headlines).toContain('March 2026 is not over: the chart shows its 2 whole weeks so far, 9 to 15 March counted so far; the weeks not started yet are not charted; held in the part-weeks at its ends, not charted: 1 March (1 day): 2.');
    // Tuesday 31 March: the last part-week is running.
    const end = buildAdviceReport(facts({ period: monthOf('2026-03'), today: '2026-03-31', conversations: [...march, ...heldOn(ANN, '2026-03-30', 3)], trialOf: () => DEFAULT_TRIAL }));
    expect(end.chart.bars.map((b) => b.x)).toEqual(['2 March', '9 March', '16 March', '23 March']);
    expect(end.headlines).toContain('March 2026 is not over: the chart shows its 4 whole weeks so far; held in the part-weeks at its ends, not charted: 1 March (1 day): 2; 30 to 31 March (2 days, so far): 3.');
    expect(table(end, 'Conversations held each week of the month').at(-1)).toEqual(['30 to 31 March (part-week, 2 days, so far)', '3']);
  });
});

describe('ad hoc and pre-booked: asked for counts ad hoc demand, held counts how each was held', () => {
  // Week of 9 March 2026: conversations asked for and held at Crawley, 5 or more of each so none is hidden.
  const week = weekOf('2026-03-09');
  const of = (n: number, date: string, flags: Pick<AdviceFact, 'status' | 'adHoc' | 'askedAdHoc'>): AdviceFact[] =>
    heldOn(ANN, date, n).map((c) => ({ ...c, ...flags }));
  const conversations = [
    // Asked ad hoc; the HCP said no (or did not answer in time) and the coach booked a later time.
    ...of(6, '2026-03-09', { status: 'held', adHoc: false, askedAdHoc: true }),
    // Asked ad hoc; the HCP said yes and saw the claimant there and then.
    ...of(5, '2026-03-10', { status: 'held', adHoc: true, askedAdHoc: true }),
    ...of(7, '2026-03-11', { status: 'held', adHoc: false, askedAdHoc: false }),
    // Asked ad hoc, the HCP said no, and not booked yet.
    ...of(5, '2026-03-12', { status: 'requested', adHoc: false, askedAdHoc: true }).map((c) => ({ ...c, startsAt: null })),
  ];
  const report = buildAdviceReport(facts({ period: week, today: '2026-03-16', conversations }));
  const found = report.tables.find((t) => t.title === 'Ad hoc and pre-booked')!;

  it('an ad hoc ask the HCP said no to, then booked, is ad hoc in asked for and pre-booked in held; one said yes to is ad hoc in both', () => {
    expect(found.columns).toEqual(['How it was arranged', 'Asked for', 'Held']);
    expect(table(report, 'Ad hoc and pre-booked')).toEqual([
      ['Pre-booked', '7', '13'],
      ['Ad hoc (the claimant in the jobcentre)', '16', '5'],
    ]);
    // Every conversation asked for is in one row or the other.
    expect(report.headlines).toContain('In this period: 23 conversations asked for, 18 held.');
  });

  it('says what each column counts', () => {
    expect(found.note).toBe(
      'Asked for counts how the work coach asked: ad hoc when they asked for the HCP to see a claimant in the jobcentre there and then, even if the HCP was not free, said no or did not answer in time, and a time was booked instead. ' +
        'Held counts how the conversation took place: one booked for later after an ad hoc ask is pre-booked.',
    );
  });
});
