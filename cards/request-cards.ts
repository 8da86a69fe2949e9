import { allowedTriage, type TriageAction } from '../domain/requests/triage-policy';
import { describeDate, londonDate } from '../domain/requests/calendar-date';
import { formatNino, maskNino } from '../domain/requests/nino';
import {
  BENEFIT_LABELS,
  REQUEST_TYPE_LABELS,
  SKILL_TOPIC_LABELS,
  STATUS_LABELS,
  type SupportRequest,
} from '../domain/requests/support-request';
import type { StaffMember } from '../domain/staff';
import { roleOf, type CaseParticipants } from '../domain/requests/participants';
import type { AdaptiveCard } from './render';
import { summaryCard, type CardAction } from './summary-card';
import { showCardAction } from './form-card';
import { addMonths } from '../domain/requests/calendar-date';
import { CHANNEL_LABELS, channelsFor } from '../domain/requests/channels';
import { TRIAGE_LIMITS } from '../domain/requests/triage-service';
import { MAX_MONTHS_AHEAD } from '../domain/requests/drafts';
import type { RequestMessage } from '../domain/requests/support-request';
import { BOOKING_RULES } from '../domain/calendar/booking';
import { allowedBooking } from '../domain/calendar/booking-policy';
import { allowedInterventions } from '../domain/interventions/intervention-policy';
import { allowedOutcomes } from '../domain/outcomes/outcome-policy';
import { bookingActions, bookingFacts, type BookingView } from './booking-forms';
import { consentForms, interventionFacts, overrideForms, type InterventionView } from './intervention-forms';
import { lmsOutcomeText, outcomeForms, outcomeParagraphs } from './outcome-forms';
import { qualityActions, qualityFacts, type QualityView } from './quality-forms';
import type { OutcomeState } from '../domain/outcomes/outcome-service';
import type { NotificationLetter } from '../domain/interventions/letter';

/** The people shown on a request's card. */
export type RequestParties = Pick<CaseParticipants, 'requester' | 'adviser'>;

/** How the viewer relates to the request: what they may see and do on its card. */
export type RequestView = 'requester' | 'dea' | 'read-only';

export function viewOf(viewer: StaffMember, request: SupportRequest): RequestView {
  const role = roleOf(request, viewer.id);
  return role === 'requester' ? 'requester' : role === 'adviser' ? 'dea' : 'read-only';
}

/**
 * The request as one person should see it. The claimant's NINO and surname are shown in full only
 * to the requester and the DEA; anyone else sees them masked.
 */
export interface CardNote {
  readonly text: string;
  readonly tone: 'attention' | 'good';
}

export interface RequestCardOptions {
  /** Today in London, for date limits on the DEA's forms. */
  readonly today: string;
  readonly note?: CardNote;
  /** Field problems from the last click, shown on the form they belong to, with what was typed. */
  readonly problems?: Readonly<Record<string, string>>;
  readonly values?: Readonly<Record<string, string>>;
  /**
   * Teams user ids (MRIs, "29:…") of the requester and the DEA, for automatic per-user refresh.
   * Undefined when not known: Teams then refreshes for everyone in a chat of up to 60 people.
   */
  readonly refreshUserIds?: readonly string[];
  /** For a request accepted for a meeting: its booking and, for the booker, proposed times. */
  readonly booking?: BookingView;
  /** Three way and claimant support interventions: consent and the team leader's agreement. */
  readonly intervention?: InterventionView;
  /** After the meeting: its outcome and the DEA's summary. */
  readonly outcome?: OutcomeState;
  /** The QAS check, and whether the viewer may run it. */
  readonly quality?: QualityView;
  /** The claimant's appointment letter, for whoever sends it. */
  readonly letter?: NotificationLetter;
}

export function requestCard(request: SupportRequest, parties: RequestParties, viewer: StaffMember, options: RequestCardOptions): AdaptiveCard {
  const note = options.note;
  const view = viewOf(viewer, request);
  const full = view !== 'read-only';
  const facts: { label: string; value: string }[] = [
    { label: 'Status', value: STATUS_LABELS[request.status] },
    { label: 'Requested by', value: parties.requester.name },
    { label: 'DEA', value: parties.adviser.name },
    { label: 'Sent', value: describeDate(londonDate(request.createdAt)) },
  ];
  if (request.requiredBy) facts.push({ label: 'Response needed by', value: describeDate(request.requiredBy) });
  if (request.claimant) {
    facts.push(
      { label: 'Claimant', value: full ? request.claimant.surname : `${request.claimant.surname.charAt(0)}.` },
      { label: 'NI number', value: full ? formatNino(request.claimant.nino) : maskNino(request.claimant.nino) },
    );
    // Benefits such as PIP or DLA imply a disability: only the requester and the DEA see them.
    if (full) facts.push({ label: 'Benefits', value: request.claimant.benefits.map((b) => BENEFIT_LABELS[b]).join(', ') });
  }
  if (request.topic) facts.push({ label: 'Topic', value: SKILL_TOPIC_LABELS[request.topic] });
  if (request.channel) facts.push({ label: 'Channel of support', value: CHANNEL_LABELS[request.channel] });
  else if (request.requestedChannel) facts.push({ label: 'Asked for', value: CHANNEL_LABELS[request.requestedChannel] });
  if (full) facts.push(...interventionFacts(request, options.intervention), ...bookingFacts(options.booking?.current ?? null));
  facts.push(...qualityFacts(options.quality));
  if (request.inappropriate) facts.push({ label: 'Marked', value: 'Not an appropriate request for the DEA' });

  const names = new Map([
    [parties.requester.id, parties.requester.name],
    [parties.adviser.id, parties.adviser.name],
  ]);
  const paragraphs = full ? [...describe(request), ...request.messages.map((m) => messageParagraph(m, names)), ...outcomeParagraphs(options.outcome)] : [];
  if (full && options.letter) {
    paragraphs.push({ label: 'Letter to the claimant: copy it into the LMS letter', value: options.letter.formatFlag ? `${options.letter.formatFlag}\n\n${options.letter.text}` : options.letter.text });
  }
  const actions: CardAction[] = [];
  const allowed = allowedTriage(viewer.id, request);
  if (allowed.has('withdraw')) {
    actions.push({ title: 'Withdraw request', kind: 'execute', verb: 'request.withdraw', style: 'destructive', data: { requestId: request.id, version: request.version } });
  }
  const forms = [...deaForms(request, allowed, options), ...requesterForms(request, allowed, options)];
  const { values, problems } = options;
  if (options.intervention) {
    const allowedBeforeBooking = allowedInterventions(viewer.id, request, options.intervention.state);
    forms.push(...consentForms(request, options.intervention, allowedBeforeBooking, values, problems), ...overrideForms(request, options.intervention, allowedBeforeBooking, values, problems));
  }
  const rules = request.channel ? BOOKING_RULES[request.channel] : undefined;
  const blockedBy = options.intervention?.state.blockedBy ?? null;
  const allowedOnMeeting = options.booking ? allowedBooking(viewer.id, { request, booking: options.booking.current, blockedBy }) : undefined;
  if (options.booking && allowedOnMeeting) {
    forms.push(...bookingActions(request, options.booking, allowedOnMeeting, options.today, values, problems));
  }
  if (options.outcome) forms.push(...outcomeForms(request, options.outcome, allowedOutcomes(viewer.id, request, options.outcome), values, problems));
  forms.push(...qualityActions(request, options.quality, values, problems));
  let nextStep: string | undefined;
  if (full && rules && allowedOnMeeting?.has('book')) nextStep = `Next: ${rules.bookTitle.charAt(0).toLowerCase()}${rules.bookTitle.slice(1)}.`;
  else if (full && blockedBy && !options.booking?.current) nextStep = blockedBy;
  const lms = view === 'requester' && options.outcome ? lmsOutcomeText(request, options.outcome, parties.adviser) : null;
  const card = summaryCard({
    title: `${request.reference}: ${REQUEST_TYPE_LABELS[request.type]}`,
    subtitle: view === 'read-only' ? 'Read only' : '',
    badge: request.urgent ? (full && request.vulnerability === 'suicide_or_self_harm' ? 'URGENT: declared intention of suicide or self-harm' : 'URGENT') : '',
    facts,
    paragraphs,
    note: note?.text ?? nextStep,
    noteTone: note?.tone,
    ...(lms ? { copyLabel: 'Copy this into LMS conversations:', copyText: lms } : {}),
    actions,
    refresh: {
      verb: 'request.refresh',
      data: { requestId: request.id, version: request.version },
      userIds: options.refreshUserIds,
    },
  });
  card.actions = [...forms, ...((card.actions as unknown[]) ?? [])];
  return card;
}

function messageParagraph(message: RequestMessage, names: ReadonlyMap<string, string>): { label: string; value: string } {
  const who = names.get(message.authorId) ?? 'Someone';
  const when = describeDate(londonDate(message.at));
  switch (message.kind) {
    case 'question':
      return { label: `${who} asked for more information (${when})`, value: message.text };
    case 'answer':
      return { label: `${who} answered (${when})`, value: message.text };
    case 'redirect':
      return { label: `${who} redirected the request (${when})`, value: message.text };
    case 'information':
      return { label: `Information from ${who} (${when})`, value: message.summary ? `${message.summary}\n\n${message.text}` : message.text };
    case 'holding':
      return {
        label: `Holding response from ${who} (${when})`,
        value: message.expectedReturn ? `${message.text}\n\nExpected back by ${describeDate(message.expectedReturn)}.` : message.text,
      };
    case 'note':
      return { label: `Note (${when})`, value: message.text };
  }
}

/** The adviser's triage forms, as the triage policy allows them. */
function deaForms(request: SupportRequest, allowed: ReadonlySet<TriageAction>, options: RequestCardOptions): Record<string, unknown>[] {
  const data = { requestId: request.id, version: request.version };
  const common = { data, values: options.values, problems: options.problems };
  const forms: Record<string, unknown>[] = [];
  if (allowed.has('accept')) {
    forms.push(
      showCardAction({
        ...common,
        values: request.requestedChannel ? { channel: request.requestedChannel, ...options.values } : options.values,
        title: 'Accept',
        verb: 'request.accept',
        submitTitle: 'Accept with this channel',
        fields: [
          {
            id: 'channel',
            kind: 'choice',
            label: 'Channel of support',
            required: true,
            errorMessage: 'Choose the channel of support.',
            choices: channelsFor(request.claimant !== null).map((c) => ({ title: CHANNEL_LABELS[c], value: c })),
          },
        ],
      }),
    );
  }
  if (allowed.has('ask')) {
    forms.push(
      showCardAction({
        ...common,
        title: 'Ask for more information',
        verb: 'request.ask',
        submitTitle: 'Send question',
        fields: [{ id: 'question', kind: 'multiline', label: 'Your question', required: true, errorMessage: 'Enter your question.', maxLength: TRIAGE_LIMITS.question }],
      }),
    );
  }
  if (allowed.has('redirect')) {
    forms.push(
      showCardAction({
        ...common,
        title: 'Redirect or decline',
        verb: 'request.redirect',
        submitTitle: 'Redirect or decline',
        fields: [
          { id: 'redirectReason', kind: 'multiline', label: 'Reason, and where to go instead', required: true, errorMessage: 'Enter the reason.', maxLength: TRIAGE_LIMITS.reason },
          {
            id: 'inappropriate',
            kind: 'multichoice',
            label: 'Appropriateness',
            required: false,
            errorMessage: '',
            choices: [{ title: 'Mark as not an appropriate request for the DEA', value: 'yes' }],
          },
        ],
      }),
    );
  }
  if (allowed.has('inform')) {
    forms.push(
      showCardAction({
        ...common,
        title: 'Send the information',
        verb: 'request.inform',
        submitTitle: 'Send to the work coach',
        fields: [
          { id: 'summary', kind: 'multiline', label: 'Summary', required: true, errorMessage: 'Enter a summary.', maxLength: TRIAGE_LIMITS.summary },
          { id: 'information', kind: 'multiline', label: 'The information, or links to products', required: true, errorMessage: 'Enter the information.', maxLength: TRIAGE_LIMITS.information },
        ],
      }),
    );
  }
  if (allowed.has('hold')) {
    forms.push(
      showCardAction({
        ...common,
        title: 'Send a holding response',
        verb: 'request.hold',
        submitTitle: 'Send holding response',
        fields: [
          { id: 'holdingText', kind: 'multiline', label: 'Message to the work coach', required: true, errorMessage: 'Enter a message.', maxLength: TRIAGE_LIMITS.holding },
          { id: 'expectedReturn', kind: 'date', label: 'Expected return date', required: true, errorMessage: 'Enter the date you expect to come back.', min: options.today, max: addMonths(options.today, MAX_MONTHS_AHEAD) },
        ],
      }),
    );
  }
  return forms;
}

function requesterForms(request: SupportRequest, allowed: ReadonlySet<TriageAction>, options: RequestCardOptions): Record<string, unknown>[] {
  if (!allowed.has('answer')) return [];
  return [
    showCardAction({
      data: { requestId: request.id, version: request.version },
      values: options.values,
      problems: options.problems,
      title: 'Answer the DEA',
      verb: 'request.answer',
      submitTitle: 'Send answer',
      fields: [{ id: 'answer', kind: 'multiline', label: 'Your answer', required: true, errorMessage: 'Enter your answer.', maxLength: TRIAGE_LIMITS.answer }],
    }),
  ];
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
    `DEA Support Request ${request.reference} (${REQUEST_TYPE_LABELS[request.type]}) sent to DEA ${parties.adviser.name} ` +
    `on ${describeDate(londonDate(request.createdAt))}.${when}` +
    (request.urgent ? ' Marked urgent.' : '')
  );
}

/** What the requester sees once the request is saved. */
export function confirmationCard(request: SupportRequest, parties: RequestParties): AdaptiveCard {
  return summaryCard({
    title: `Sent to ${parties.adviser.name}: ${request.reference}`,
    subtitle: `${REQUEST_TYPE_LABELS[request.type]}. You will get a message here when ${parties.adviser.name.split(' ')[0]} answers.`,
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
