import type { ReportPeriod } from './period';

/** The smallest count a report shows as a number: below it, "fewer than 5", so nobody is picked out. */
export const SMALL_COUNT = 5;
export const FEWER_THAN = 'fewer than 5';

/** A count as a report shows it. */
export function shown(n: number): string {
  return n < SMALL_COUNT ? FEWER_THAN : String(n);
}

/** A table of figures, already as people read them (the card's table and the CSV both come from it). */
export interface FigureTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Said under the table, e.g. what a figure means or that nothing is recorded. */
  readonly note?: string;
}

/** One bar of the chart; `text` is the figure as the table shows it. */
export interface ChartBar {
  readonly x: string;
  readonly y: number;
  readonly text: string;
}

export interface ChartData {
  readonly title: string;
  readonly xTitle: string;
  readonly yTitle: string;
  readonly bars: readonly ChartBar[];
  /** A target drawn across the chart, with its label. */
  readonly target?: { readonly value: number; readonly label: string };
}

export type ReportKind = 'specialist_advice' | 'dea';

export interface Report {
  readonly kind: ReportKind;
  readonly title: string;
  /** Whose figures: "Surrey and Sussex", "Dana Morgan's cohort". */
  readonly scope: string;
  readonly period: ReportPeriod;
  /** The few sentences that say how things stand. */
  readonly headlines: readonly string[];
  readonly chart: ChartData;
  readonly tables: readonly FigureTable[];
}

/** A chart bar for a count, suppressed the same way as the table. */
export function bar(x: string, n: number): ChartBar {
  return { x, y: n < SMALL_COUNT ? 0 : n, text: shown(n) };
}

/** Counts by key, in the order of `keys` then any others. */
export function countBy<T>(items: readonly T[], key: (item: T) => string | readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    for (const one of typeof k === 'string' ? [k] : k) counts.set(one, (counts.get(one) ?? 0) + 1);
  }
  return counts;
}

/** Least-squares slope of a series (per step); 0 for fewer than two points. */
export function slope(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return num / den;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function oneDecimal(n: number): string {
  return (Math.round(n * 10) / 10).toFixed(1);
}
