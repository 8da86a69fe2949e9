import { periodLabel } from './period';
import type { Report } from './report';

/**
 * A spreadsheet program runs a cell that starts with = + - or @ as a formula (and a tab or carriage
 * return can hide one): such a cell gets a leading apostrophe, so it is read as text.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function line(cells: readonly string[]): string {
  return cells.map(csvCell).join(',');
}

/** The report's figures, table after table, as UTF-8 CSV (with a byte order mark, for Excel). */
export function reportCsv(report: Report): string {
  const lines: string[] = [line([report.title]), line([`${periodLabel(report.period)}, ${report.scope}`]), ''];
  for (const h of report.headlines) lines.push(line([h]));
  lines.push('');
  lines.push(line([report.chart.title]), line([report.chart.xTitle, report.chart.yTitle]));
  for (const b of report.chart.bars) lines.push(line([b.x, b.text]));
  for (const table of report.tables) {
    lines.push('', line([table.title]), line(table.columns));
    for (const row of table.rows) lines.push(line(row));
    if (table.note) lines.push(line([table.note]));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * A file name for the download, e.g. "specialist-advice-weekly-2026-03-02.csv": a week and a month
 * that start on the same day are different files in a person's downloads.
 */
export function csvFileName(report: Report): string {
  return `${report.kind === 'dea' ? 'dea-support' : 'specialist-advice'}-${report.period.cadence === 'week' ? 'weekly' : 'monthly'}-${report.period.start}.csv`;
}
