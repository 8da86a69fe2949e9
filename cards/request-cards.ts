import { describeDate } from '../domain/requests/calendar-date';
import { formatNino, maskNino } from '../domain/requests/nino';
import {
  BENEFIT_LABELS,
  REQUEST_TYPE_LABELS,
  SKILL_TOPIC_LABELS,
  STATUS_LABELS,
  WITHDRAWABLE,
  type SupportRequest,
} from '../domain/requests/support-request';
import type { StaffMember } from '../domain/staff';
import type { AdaptiveCard } from './render';
import { summaryCard, type CardAction } from './summary-card';

export interface RequestParties {
  readonly requester: StaffMember;
  readonly dea: StaffMember;
}

/** How the viewer relates to the request: what they may see and do on its card. */
export type RequestView = 'requester' | 'dea' | 'read-only';

export function viewOf(viewer: StaffMember, request: SupportRequest): RequestView {
  if (viewer.id === request.requesterId) return 'requester';
  if (viewer.id === request.deaId) return 'dea';
  return 'read-only';
}

/**
 * The request as one person should see it. The claimant's NINO and surname are shown in full only
 * to the requester and the DEA; anyone else sees them masked.
 */
export function requestCard(request: SupportRequest, parties: RequestParties, viewer: StaffMember, note?: { text: string; tone: 'attention' | 'good' }): AdaptiveCard {
  const view = viewOf(viewer, request);
  const full = view !== 'read-only';
  const facts: { label: string; value: string }[] = [
    { label: 'Status', value: STATUS_LABELS[request.status] },
    { label: 'Requested by', value: parties.requester.name },
    { label: 'DEA', value: parties.dea.name },
    { label: 'Sent', value: describeDate(request.createdAt.toISOString().slice(0, 10)) },
  ];
  if (request.requiredBy) facts.push({ label: 'Response needed by', value: describeDate(request.requiredBy) });
  if (request.claimant) {
    facts.push(
      { label: 'Claimant', value: full ? request.claimant.surname : `${request.claimant.surname.charAt(0)}.` },
      { label: 'NI number', value: full ? formatNino(request.claimant.nino) : maskNino(request.claimant.nino) },
      { label: 'Benefits', value: request.claimant.benefits.map((b) => BENEFIT_LABELS[b]).join(', ') },
    );
  }
  if (request.topic) facts.push({ label: 'Topic', value: SKILL_TOPIC_LABELS[request.topic] });

  const paragraphs = full ? describe(request) : [];
  const actions: CardAction[] = [];
  if (view === 'requester' && WITHDRAWABLE.includes(request.status)) {
    actions.push({ title: 'Withdraw request', kind: 'execute', verb: 'request.withdraw', style: 'destructive', data: { requestId: request.id, version: request.version } });
  }
  return summaryCard({
    title: `${request.reference}: ${REQUEST_TYPE_LABELS[request.type]}`,
    subtitle: view === 'read-only' ? 'Read only' : '',
    badge: request.urgent ? (request.vulnerability === 'suicide_or_self_harm' ? 'URGENT: declared intention of suicide or self-harm' : 'URGENT') : '',
    facts,
    paragraphs,
    note: note?.text,
    noteTone: note?.tone,
    actions,
    refresh: {
      verb: 'request.refresh',
      data: { requestId: request.id, version: request.version },
      userIds: [parties.requester.aadObjectId, parties.dea.aadObjectId],
    },
  });
}

function describe(request: SupportRequest): { label: string; value: string }[] {
  switch (request.type) {
    case 'claimant_support':
      return [
        { label: "Claimant's challenges", value: request.description },
        { label: 'Why DEA support is needed', value: request.reason ?? '' },
      ];
    case 'colleague_support':
      return [
        { label: 'Reason', value: request.reason ?? '' },
        { label: 'Details', value: request.description },
      ];
    default:
      return [{ label: 'Support needed', value: request.description }];
  }
}

/**
 * What the work coach notes in LMS conversations (seed §10): the request, its reference and the
 * date needed, without repeating the claimant's health details.
 */
export function lmsNote(request: SupportRequest, parties: RequestParties): string {
  const when = request.requiredBy ? ` Response needed by ${describeDate(request.requiredBy)}.` : '';
  return (
    `DEA Support Request ${request.reference} (${REQUEST_TYPE_LABELS[request.type]}) sent to DEA ${parties.dea.name} ` +
    `on ${describeDate(request.createdAt.toISOString().slice(0, 10))}.${when}` +
    (request.urgent ? ' Marked urgent.' : '')
  );
}

/** What the requester sees once the request is saved. */
export function confirmationCard(request: SupportRequest, parties: RequestParties): AdaptiveCard {
  return summaryCard({
    title: `Sent to ${parties.dea.name}: ${request.reference}`,
    subtitle: `${REQUEST_TYPE_LABELS[request.type]}. You will get a message here when ${parties.dea.name.split(' ')[0]} answers.`,
    badge: request.urgent ? 'URGENT' : '',
    facts: [
      { label: 'Reference', value: request.reference },
      ...(request.requiredBy ? [{ label: 'Response needed by', value: describeDate(request.requiredBy) }] : []),
      { label: 'Status', value: STATUS_LABELS[request.status] },
    ],
    copyLabel: request.type === 'claimant_support' ? 'Copy this into LMS conversations:' : 'For your records:',
    copyText: lmsNote(request, parties),
    actions: [{ title: 'Open request', kind: 'submit', data: { verb: 'request.open', requestId: request.id } }],
  });
}

/** `my requests`: newest first, each with its status and a button that opens its card. */
export function myRequestsCard(requests: readonly SupportRequest[]): AdaptiveCard {
  if (requests.length === 0) {
    return summaryCard({ title: 'Your requests', facts: [], note: 'You have not made any requests yet. Say "new request" to ask your DEA for support.' });
  }
  return summaryCard({
    title: 'Your requests',
    subtitle: 'Newest first. Open one to see it in full or to withdraw it.',
    facts: requests.map((r) => ({
      label: r.reference,
      value: `${STATUS_LABELS[r.status]} · ${REQUEST_TYPE_LABELS[r.type]}${r.urgent ? ' · URGENT' : ''}${r.requiredBy ? ` · needed by ${describeDate(r.requiredBy)}` : ''}`,
    })),
    actions: requests.slice(0, 6).map((r) => ({ title: `Open ${r.reference}`, kind: 'submit' as const, data: { verb: 'request.open', requestId: r.id } })),
  });
}
