import type { Trend } from '../domain/requests/ports';
import { SKILL_TOPIC_LABELS } from '../domain/requests/support-request';
import type { StaffMember } from '../domain/staff';
import type { AdaptiveCard } from './render';
import { summaryCard } from './summary-card';

/** Told to a Work Coach Team Leader once per trend (seed §12): a skills gap to address. */
export function trendCard(trend: Trend, coaches: readonly StaffMember[]): AdaptiveCard {
  const names = coaches.map((c) => c.name).join(', ');
  if (trend.kind === 'inappropriate_requests') {
    return summaryCard({
      title: 'Requests to the DEA marked inappropriate',
      subtitle: `${names}: ${trend.count} requests marked inappropriate by the DEA in the last ${trend.windowDays} days.`,
      facts: [
        { label: 'Work coach', value: names },
        { label: 'Marked inappropriate', value: `${trend.count} in ${trend.windowDays} days` },
      ],
      note: 'This may show a skills gap that can be addressed one to one or through group upskilling.',
    });
  }
  return summaryCard({
    title: 'Repeated requests on one skill topic',
    subtitle: `${trend.count} skill support requests on ${SKILL_TOPIC_LABELS[trend.topic ?? 'other'].toLowerCase()} in the last ${trend.windowDays} days.`,
    facts: [
      { label: 'Topic', value: SKILL_TOPIC_LABELS[trend.topic ?? 'other'] },
      { label: coaches.length === 1 ? 'Work coach' : 'Work coaches', value: names },
      { label: 'Requests', value: `${trend.count} in ${trend.windowDays} days` },
    ],
    note: 'This may show a skills gap that can be addressed one to one or through group upskilling, for example at a group conference.',
  });
}
