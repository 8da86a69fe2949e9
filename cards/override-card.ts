import type { InterventionOverride } from '../domain/interventions/intervention-limit';
import { INTERVENTIONS_PER_CLAIMANT, ordinal } from '../domain/interventions/intervention-limit';
import type { SupportRequest } from '../domain/requests/support-request';
import type { StaffMember } from '../domain/staff';
import { describeDate, londonDate } from '../domain/requests/calendar-date';
import type { AdaptiveCard } from './render';
import { showCardAction } from './form-card';
import { summaryCard } from './summary-card';

/**
 * The DEA's team leader is asked to agree a further claimant support intervention (seed §36). The
 * claimant is named by the request reference only.
 */
export function overrideCard(override: InterventionOverride, request: SupportRequest, dea: StaffMember, options: { note?: string; noteTone?: 'good' | 'attention'; values?: Record<string, string>; problems?: Record<string, string> } = {}): AdaptiveCard {
  const card = summaryCard({
    title: `Agree a ${ordinal(override.priorCount + 1)} claimant support intervention? ${request.reference}`,
    subtitle: `${dea.name} asks, ${describeDate(londonDate(override.askedAt))}. Each claimant may have up to ${INTERVENTIONS_PER_CLAIMANT}; more only in exceptional circumstances.`,
    facts: [
      { label: 'Request', value: request.reference },
      { label: 'Earlier interventions', value: String(override.priorCount) },
      { label: 'Decision', value: override.decision === 'pending' ? 'Waiting for you' : `${override.decision === 'agreed' ? 'Agreed' : 'Declined'}${override.note ? `: ${override.note}` : ''}` },
    ],
    paragraphs: [{ label: 'Exceptional circumstances', value: override.reason }],
    note: options.note,
    noteTone: options.note ? options.noteTone ?? 'good' : undefined,
  });
  if (override.decision === 'pending') {
    const data = { overrideId: override.id };
    card.actions = [
      { type: 'Action.Execute', title: 'Agree', verb: 'intervention.agree', data: { ...data, decision: 'agreed' }, style: 'positive' },
      showCardAction({
        title: 'Decline',
        verb: 'intervention.decline',
        submitTitle: 'Decline',
        data: { ...data, decision: 'declined' },
        values: options.values,
        problems: options.problems,
        fields: [{ id: 'overrideNote', kind: 'multiline', label: 'Why (the DEA will tell the work coach)', required: true, errorMessage: 'Say why you decline.', maxLength: 1000 }],
      }),
    ];
  }
  return card;
}
