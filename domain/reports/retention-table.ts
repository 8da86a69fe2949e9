import type { RouteOutcomeCount } from '../retention-cases/ports';
import { OUTCOMES, ROUTES, type RetentionOutcome, type RetentionRoute } from '../retention-cases/retention-case';
import { FEWER_THAN, shown, type FigureTable } from './report';

export const RETENTION_TABLE_TITLE = 'Retention cases by route';

/** Short names for a table: the case's own labels are sentences, too long to repeat in every row. */
const ROUTE_NAMES: Readonly<Record<RetentionRoute, string>> = {
  employer_adviser: 'Employer adviser alone',
  dea_supports_employer_adviser: 'Employer adviser with DEA support',
  dea_support_intervention: 'DEA Support Intervention',
  work_psychologist: 'Work psychologist',
};

const OUTCOME_NAMES: Readonly<Record<RetentionOutcome, string>> = {
  retained_with_adjustments: 'Kept job',
  managed_transfer: 'Managed transfer',
  not_retained: 'Did not keep job',
  other: 'Other',
};

/**
 * Retention cases registered in the period, one row for each route (who leads the retention
 * activity) and one column for each outcome, with those still open first; small counts are
 * suppressed like the other figures.
 */
export function retentionTable(counts: readonly RouteOutcomeCount[]): FigureTable {
  const count = (route: RetentionRoute | null, outcome: RetentionOutcome | null) =>
    counts.filter((c) => c.route === route && c.outcome === outcome).reduce((a, c) => a + c.count, 0);
  const row = (label: string, route: RetentionRoute | null) => [label, shown(count(route, null)), ...OUTCOMES.map((o) => shown(count(route, o)))];
  const all = [...ROUTES.map((r) => row(ROUTE_NAMES[r], r)), row('Route not agreed yet', null)];
  // A row of nothing but "fewer than 5" says nothing more than its absence: it is left out, and the note says so.
  const rows = all.filter((r) => r.slice(1).some((cell) => cell !== FEWER_THAN));
  return {
    title: RETENTION_TABLE_TITLE,
    columns: ['Route', 'Open', ...OUTCOMES.map((o) => OUTCOME_NAMES[o])],
    rows,
    ...(rows.length < all.length ? { note: 'Routes not listed had fewer than 5 in every column.' } : {}),
  };
}
