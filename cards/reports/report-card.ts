import { periodLabel } from '../../domain/reports/period';
import type { FigureTable, Report } from '../../domain/reports/report';
import { heading, textBlock } from '../glance-card';
import type { AdaptiveCard } from '../render';

export interface ReportCardLinks {
  /** The chart as a PNG: a data URI when small, or a signed link the bot serves. */
  readonly chart: string | null;
  /** The CSV export: a signed, short-lived link. */
  readonly csv: string;
  /** How long the links last, in words ("24 hours"). */
  readonly lasts: string;
}

/** A table's row as one line of text: the first cell, then each other cell with its column. */
function rowText(columns: readonly string[], row: readonly string[]): string {
  const [first, ...rest] = row;
  const parts = rest.map((cell, i) => (cell === '' ? null : `${columns[i + 1]}: ${cell}`)).filter((p): p is string => p !== null);
  return parts.length ? `**${first}**: ${parts.join(' · ')}` : `**${first}**`;
}

function tableBlocks(table: FigureTable): Record<string, unknown>[] {
  const rows = table.rows.length === 0 ? [textBlock('Nothing to show.', { spacing: 'None' })] : table.rows.map((r) => textBlock(rowText(table.columns, r), { spacing: 'None' }));
  return [heading(table.title, 'Default'), ...rows, ...(table.note ? [textBlock(table.note, { isSubtle: true, size: 'Small', spacing: 'Small' })] : [])];
}

/**
 * A report: what it is and whose figures, the headlines, the chart with the same figures beside it
 * as text (for Teams mobile, which shows no image in some views, and for screen readers), every
 * table behind "Show all figures", and the CSV to download.
 */
export function reportCard(report: Report, links: ReportCardLinks): AdaptiveCard {
  const chartFacts = report.chart.bars.map((b) => ({ title: b.x, value: b.text }));
  const alt = `${report.chart.title}. ${report.chart.bars.map((b) => `${b.x}: ${b.text}`).join('; ')}.`;
  const body: Record<string, unknown>[] = [
    heading(report.title),
    textBlock(`${periodLabel(report.period)} · ${report.scope}`, { spacing: 'None' }),
    textBlock('Nothing for you to do now: these are the figures for this period. Reports hold counts only; a count under 5 shows as "fewer than 5".', { weight: 'Bolder' }),
    ...report.headlines.map((h) => textBlock(h)),
    heading(report.chart.title, 'Medium'),
  ];
  if (links.chart && report.chart.bars.length > 0) body.push({ type: 'Image', url: links.chart, altText: alt.slice(0, 1000), size: 'Stretch' });
  if (report.chart.bars.length === 0) body.push(textBlock('No figures to chart for this period.'));
  else body.push({ type: 'FactSet', facts: chartFacts });
  if (report.chart.target) body.push(textBlock(report.chart.target.label, { isSubtle: true, size: 'Small' }));
  body.push(
    { type: 'ActionSet', actions: [{ type: 'Action.ToggleVisibility', title: 'Show all figures', targetElements: ['figures'] }] },
    { type: 'Container', id: 'figures', isVisible: false, separator: true, items: report.tables.flatMap(tableBlocks) },
    textBlock(`The download link works for ${links.lasts}, and only for you.`, { isSubtle: true, size: 'Small' }),
  );
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body,
    actions: [{ type: 'Action.OpenUrl', title: 'Download the figures (CSV)', url: links.csv }],
  };
}

/** Why there is no report for this person, or what they typed that was not a period. */
export function reportRefusalCard(title: string, text: string): AdaptiveCard {
  return { type: 'AdaptiveCard', version: '1.5', body: [heading(title), textBlock(text)] };
}
