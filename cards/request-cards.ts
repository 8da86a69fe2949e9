import { HUB_HINT } from '../domain/partnerships/hub';
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
import { ROLE_LABELS } from '../domain/roles';
import { roleOf, seesClaimantInFull, type CaseParticipants } from '../domain/requests/participants';
import type { AdaptiveCard } from './render';
import { summaryCard } from './summary-card';
import { confirmAction, glanceCard, heading, textBlock, type GlanceNote } from './glance-card';
import { showCardAction } from './form-card';
import { addMonths } from '../domain/requests/calendar-date';
import { channelLabel, channelsFor, lmsRecorderOf } from '../domain/requests/channels';
import { groupConferenceNomination, TRIAGE_LIMITS } from '../domain/requests/triage-service';
import { MAX_MONTHS_AHEAD } from '../domain/requests/drafts';
import type { RequestMessage } from '../domain/requests/support-request';
import { BOOKING_RULES, bookerIdsOf } from '../domain/calendar/booking';
import { allowedBooking, meetingProgress, type BookingAction, type MeetingProgress } from '../domain/calendar/booking-policy';
import type { Booking } from '../domain/calendar/booking';
import { allowedInterventions, type InterventionAction } from '../domain/interventions/intervention-policy';
import { allowedOutcomes, type OutcomeAction } from '../domain/outcomes/outcome-policy';
import { bookingActions, bookingFacts, type BookingView } from './booking-forms';
import { consentForms, interventionFacts, overrideForms, type InterventionView } from './intervention-forms';
import { lmsOutcomeText, outcomeForms, outcomeParagraphs } from './outcome-forms';
import { qualityActions, qualityFacts, type QualityView } from './quality-forms';
import { qualityStep } from '../domain/quality/quality-service';
import type { OutcomeState } from '../domain/outcomes/outcome-service';
import type { NotificationLetter } from '../domain/interventions/letter';

/** The people shown on a request's card. */
export type RequestParties = Pick<CaseParticipants, 'requester' | 'adviser'> & Partial<Pick<CaseParticipants, 'claimantCoach'>>;

/** How the viewer relates to the request: what they may see and do on its card. */
export type RequestView = 'requester' | 'dea' | 'read-only';

export function viewOf(viewer: StaffMember, request: SupportRequest): RequestView {
  const role = roleOf(request, viewer.id);
  return role === 'requester' ? 'requester' : role === 'adviser' ? 'dea' : 'read-only';
}

/**
 * The request as one person should see it. The claimant's NINO and surname are shown in full only
 * to the requester, the DEA and the claimant's own work coach; anyone else sees them masked.
 */
export type CardNote = GlanceNote;

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
  const view = viewOf(viewer, request);
  const full = seesClaimantInFull(viewer, request);
  const data = { requestId: request.id, version: request.version };
  const { values, problems } = options;

  // What the policies allow this viewer now: the card shows exactly these.
  const allowed = allowedTriage(viewer.id, request);
  const allowedBeforeBooking = options.intervention ? allowedInterventions(viewer.id, request, options.intervention.state) : new Set<never>();
  const blockedBy = options.intervention?.state.blockedBy ?? null;
  const current = options.booking?.current ?? null;
  const requesterTeamLeaderId = parties.requester.teamLeaderId;
  const allowedOnMeeting = options.booking ? allowedBooking(viewer.id, { request, booking: current, blockedBy, requesterTeamLeaderId }) : new Set<never>();
  // A booker with no part in the case (the work coach's team leader, seed §17) books in others' diaries.
  const booker = options.booking !== undefined && bookerIdsOf(request, requesterTeamLeaderId).includes(viewer.id);
  const owners = booker && view === 'read-only' ? [parties.requester.name, parties.adviser.name] : undefined;
  const allowedAfter = options.outcome ? allowedOutcomes(viewer.id, request, options.outcome) : new Set<never>();

  // Buttons, most important first; destructive ones are confirmed on the card and never first.
  const actions: Record<string, unknown>[] = [];
  const secondary: Record<string, unknown>[] = [];
  if (options.outcome) actions.push(...outcomeForms(request, options.outcome, allowedAfter, values, problems));
  if (options.intervention) {
    actions.push(...consentForms(request, options.intervention, allowedBeforeBooking, values, problems), ...overrideForms(request, options.intervention, allowedBeforeBooking, values, problems));
  }
  if (options.booking) {
    for (const action of bookingActions(request, options.booking, allowedOnMeeting, options.today, values, problems, owners)) {
      (action.verb === 'booking.cancel' ? secondary : actions).push(action.verb === 'booking.cancel' ? confirmCancel(request, parties, viewer) : action);
    }
  }
  const triage = deaForms(request, allowed, options, parties.requester.name);
  actions.push(...triage.filter((f) => f.title !== REDIRECT_TITLE), ...requesterForms(request, allowed, options));
  secondary.push(...triage.filter((f) => f.title === REDIRECT_TITLE));
  actions.push(...qualityActions(request, options.quality, values, problems));
  if (allowed.has('withdraw')) {
    secondary.push(
      confirmAction({
        title: 'Withdraw request',
        verb: 'request.withdraw',
        data,
        consequence: `If you withdraw it, the request is closed and ${parties.adviser.name} is told. This cannot be undone: you would need to make a new request.`,
        confirmTitle: 'Yes, withdraw the request',
      }),
    );
  }

  const people = new Map([
    [parties.requester.id, parties.requester.name],
    [parties.adviser.id, parties.adviser.name],
  ]);
  const blocks: Record<string, unknown>[] = [];
  // Someone deciding what to do with a request reads what it asks at once, not behind details.
  const deciding = allowed.has('accept') || allowed.has('answer') || allowed.has('inform');
  const latest = request.messages[request.messages.length - 1];
  const shownNow = full && deciding ? [...describe(request), ...(latest && (latest.kind === 'question' || latest.kind === 'answer') ? [messageParagraph(latest, people)] : [])] : [];
  blocks.push(...shownNow.map((p) => ({ type: 'Container', items: [textBlock(p.label, { weight: 'Bolder' }), textBlock(p.value, { spacing: 'None' })] })));
  if (full && options.letter) blocks.push(letterBlock(options.letter));
  const lms = request.channel && roleOf(request, viewer.id) === lmsRecorderOf(request.channel) && options.outcome ? lmsOutcomeText(request, options.outcome, parties.adviser) : null;
  if (lms) blocks.push(copyBlock('Copy this into LMS conversations:', lms));

  return glanceCard({
    // A colleague's request is titled by their job role, as their email subject would be.
    title: `${request.reference}: ${request.type === 'colleague_support' ? `${jobRole(parties.requester)} support request` : REQUEST_TYPE_LABELS[request.type]}`,
    subtitle: subjectLine(request, parties, viewer, full),
    badge: request.urgent ? (full && request.vulnerability === 'suicide_or_self_harm' ? 'URGENT: declared intention to attempt suicide or self harm' : 'URGENT') : '',
    note: options.note,
    yourAction: yourAction({ request, parties, viewer, view, booker, allowed, allowedBeforeBooking, allowedOnMeeting, allowedAfter, options }),
    // A booker sees the meeting they may book, move or cancel, claimant or not.
    keyFacts: keyFacts(request, full || booker ? current : null, viewer, options.booking?.bookedBy ?? null),
    blocks,
    details: {
      facts: detailFacts(request, parties, viewer, full, options),
      paragraphs: full ? [...(deciding ? [] : describe(request)), ...request.messages.map((m) => messageParagraph(m, people)), ...outcomeParagraphs(options.outcome)] : [],
    },
    actions,
    secondary,
    problems,
    refresh: { verb: 'request.refresh', data, userIds: options.refreshUserIds },
  });
}

const REDIRECT_TITLE = 'Redirect or decline';

/** Cancelling the meeting, confirmed on the card: what happens to the diaries and who is told. */
function confirmCancel(request: SupportRequest, parties: RequestParties, viewer: StaffMember): Record<string, unknown> {
  const other = viewer.id === parties.requester.id ? parties.adviser.name : parties.requester.name;
  const both = request.channel ? (BOOKING_RULES[request.channel]?.diaries.length ?? 2) > 1 : true;
  // A team leader who may cancel a skill conference has no diary in it: both parts are told.
  const outsider = viewer.id !== parties.requester.id && viewer.id !== parties.adviser.id;
  return confirmAction({
    title: 'Cancel the meeting',
    verb: 'booking.cancel',
    data: { requestId: request.id, version: request.version },
    consequence: outsider
      ? `If you cancel it, the meeting is taken out of ${parties.requester.name}'s and ${parties.adviser.name}'s diaries, and they are told. The request stays open, waiting to be booked again.`
      : both
      ? `If you cancel it, the meeting is taken out of your diary and ${other}'s, and ${other} is told. The request stays open, waiting to be booked again.`
      : `If you cancel it, the meeting is taken out of your diary and ${other} is told. The request stays open, waiting to be booked again.`,
    confirmTitle: 'Yes, cancel the meeting',
  });
}

/** A colleague's job role, as the directory records it. */
function jobRole(person: StaffMember): string {
  const role = person.roles[0];
  return role ? ROLE_LABELS[role] : 'Colleague';
}

/** The case in a line, to tell it from others at a glance. */
function subjectLine(request: SupportRequest, parties: RequestParties, viewer: StaffMember, full: boolean): string {
  const parts: string[] = [];
  if (viewer.id !== parties.requester.id) parts.push(request.type === 'colleague_support' ? `From ${parties.requester.name}, ${jobRole(parties.requester)}` : `From ${parties.requester.name}`);
  if (request.claimant) parts.push(`Claimant: ${full ? request.claimant.surname : `${request.claimant.surname.charAt(0)}.`}`);
  if (request.topic) parts.push(`Topic: ${SKILL_TOPIC_LABELS[request.topic]}`);
  if (request.requiredBy) parts.push(`Needed by ${describeDate(request.requiredBy)}`);
  return parts.join(' · ');
}

/** What matters now: where it stands, the type of support, and the meeting when there is one (and who booked it, where several may). */
function keyFacts(request: SupportRequest, booking: Booking | null, viewer: StaffMember, bookedBy: BookingView['bookedBy']): { label: string; value: string }[] {
  const facts = [{ label: 'Status', value: STATUS_LABELS[request.status] }];
  if (request.channel) facts.push({ label: 'Type of support', value: channelLabel(request.channel, request.type) });
  const meeting = bookingFacts(booking);
  facts.push(...meeting);
  if (meeting.length && bookedBy) facts.push({ label: 'Booked by', value: bookedBy.id === viewer.id ? 'You' : bookedBy.name });
  return facts;
}

/** Everything else, behind "Show details"; nobody is shown themselves. */
function detailFacts(request: SupportRequest, parties: RequestParties, viewer: StaffMember, full: boolean, options: RequestCardOptions): { label: string; value: string }[] {
  const facts: { label: string; value: string }[] = [];
  if (viewer.id !== parties.requester.id) facts.push({ label: 'Requested by', value: parties.requester.name });
  if (viewer.id !== parties.requester.id && request.type === 'colleague_support') facts.push({ label: 'Their job role', value: jobRole(parties.requester) });
  if (parties.claimantCoach && viewer.id !== parties.claimantCoach.id) facts.push({ label: "Claimant's work coach", value: parties.claimantCoach.name });
  if (viewer.id !== parties.adviser.id) facts.push({ label: 'DEA', value: parties.adviser.name });
  facts.push({ label: 'Sent', value: describeDate(londonDate(request.createdAt)) });
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
  if (!request.channel && request.requestedChannel) facts.push({ label: 'Type of support asked for', value: channelLabel(request.requestedChannel, request.type) });
  if (full) facts.push(...interventionFacts(request, options.intervention));
  facts.push(...qualityFacts(options.quality));
  if (request.inappropriate) facts.push({ label: 'Marked', value: 'Not an appropriate request for the DEA' });
  return facts;
}

/** The claimant's letter, apart from the instructions to staff: the instruction first, then the letter in its own block. */
function letterBlock(letter: NotificationLetter): Record<string, unknown> {
  return {
    type: 'Container',
    separator: true,
    items: [
      heading('Letter to the claimant', 'Medium'),
      textBlock('Copy the letter below into the LMS letter and send it to the claimant.', { spacing: 'None' }),
      ...(letter.formatFlag ? [{ type: 'Container', style: 'attention', items: [textBlock(letter.formatFlag, { weight: 'Bolder' })] }] : []),
      {
        type: 'Container',
        style: 'emphasis',
        items: letter.text.split(/\n\s*\n|\n/).filter((p) => p.trim()).map((p) => textBlock(p)),
      },
    ],
  };
}

function copyBlock(label: string, text: string): Record<string, unknown> {
  return { type: 'Container', separator: true, items: [textBlock(label, { weight: 'Bolder' }), textBlock(text, { fontType: 'Monospace', spacing: 'Small' })] };
}

interface ActionFacts {
  readonly request: SupportRequest;
  readonly parties: RequestParties;
  readonly viewer: StaffMember;
  readonly view: RequestView;
  /** Whether the viewer is one of those who may book the meeting (a team leader may be, with no part in the case). */
  readonly booker: boolean;
  readonly allowed: ReadonlySet<TriageAction>;
  readonly allowedBeforeBooking: ReadonlySet<InterventionAction>;
  readonly allowedOnMeeting: ReadonlySet<BookingAction>;
  readonly allowedAfter: ReadonlySet<OutcomeAction>;
  readonly options: RequestCardOptions;
}

/** The one line that tells the reader what they need to do, or that nothing is needed and why. */
function yourAction({ request, parties, viewer, view, booker, allowed, allowedBeforeBooking, allowedOnMeeting, allowedAfter, options }: ActionFacts): string {
  if (view === 'read-only') {
    // A team leader who may book a skill conference follows the meeting until it is held, as its parts do;
    // booking it comes before checking its quality, as there is nothing to check until it is booked.
    const onMeeting = booker && (request.status === 'accepted' || request.status === 'booked');
    const toBook = onMeeting && (allowedOnMeeting.has('book') || allowedOnMeeting.has('retry'));
    if (!toBook && qualityStep(request, options.quality)) return 'Your action: check the quality of this meeting.';
    // A booker or checker with nothing to do now is told where the meeting stands, as its parts are.
    if (!onMeeting && !booker && !options.quality?.mayCheck) return 'You can read this request. There is nothing for you to do.';
  }
  const rules = request.channel ? BOOKING_RULES[request.channel] : undefined;
  if (allowedAfter.has('recordOutcome')) return allowedAfter.has('recordNotHeld') ? 'Your action: record the outcome of the meeting, or that it did not take place.' : 'Your action: record the outcome of the meeting.';
  if (allowedAfter.has('sendSummary')) return `Your action: send your summary of outputs to ${options.outcome?.summaryRecipient?.name ?? 'the team leader'}.`;
  if (allowedBeforeBooking.has('threeWayConsent')) return "Your action: record the claimant's consent.";
  if (allowedBeforeBooking.has('preconditions')) return 'Your action: confirm the pre-conditions.';
  if (allowedBeforeBooking.has('askOverride')) return `Your action: ask ${options.intervention?.deaTeamLeaderName ?? 'your team leader'} to agree a further intervention.`;
  if (allowedOnMeeting.has('retry')) return 'Your action: the diaries were not booked. Try booking again, or cancel.';
  if (allowedOnMeeting.has('book') && rules) return `Your action: ${rules.bookTitle.charAt(0).toLowerCase()}${rules.bookTitle.slice(1)}${orLeaveItTo(request, parties, viewer)}.`;
  if (allowed.has('accept')) return 'Your action: accept this request with a type of support, ask for more information, or redirect it.';
  if (allowed.has('answer')) return `Your action: answer ${parties.adviser.name}'s question.`;
  if (allowed.has('inform')) return 'Your action: send the information, or a holding response saying when you will.';
  if (options.letter) return 'Your action: send the claimant the letter below.';
  const progress = rules ? meetingProgress({ request, booking: options.booking?.current ?? null }) : null;
  // A meeting booked, but not in every diary (a move could not reach one): what the diary's owner, or the booker, can do.
  if (request.status === 'booked' && progress?.stage === 'booked' && progress.problem) return `Your action: ${progress.problem}`;
  const other = viewer.id === parties.requester.id ? parties.adviser.name : viewer.id === parties.adviser.id ? parties.requester.name : recorderName(parties, options);
  const waiting = waitingFor(request, parties, viewer, options, other, progress);
  return waiting ? `Nothing for you to do now: ${waiting}` : 'Nothing for you to do now.';
}

/** For someone with no part in the case: whoever records the meeting's outcome. */
function recorderName(parties: RequestParties, options: RequestCardOptions): string {
  return options.outcome?.route.recorder === 'adviser' ? parties.adviser.name : parties.requester.name;
}

/**
 * Where several people may book the meeting (a skill conference: the DEA, the work coach or their
 * team leader, seed §17), who else may book it instead of the viewer; empty when only they may.
 */
function orLeaveItTo(request: SupportRequest, parties: RequestParties, viewer: StaffMember): string {
  const teamLeaderId = parties.requester.teamLeaderId;
  const others = bookerIdsOf(request, teamLeaderId)
    .filter((id) => id !== viewer.id)
    .map((id) => (id === parties.requester.id ? parties.requester.name : id === parties.adviser.id ? parties.adviser.name : viewer.id === parties.requester.id ? 'your team leader' : 'their team leader'));
  if (!others.length) return '';
  return `, or leave it to ${others.join(' or ')}`;
}

function waitingFor(request: SupportRequest, parties: RequestParties, viewer: StaffMember, options: RequestCardOptions, other: string, progress: MeetingProgress | null): string {
  const blockedBy = options.intervention?.state.blockedBy;
  switch (request.status) {
    case 'submitted':
      return `waiting for ${parties.adviser.name} to look at it.`;
    case 'info_requested':
      return `waiting for ${parties.requester.name} to answer.`;
    case 'accepted':
      if (blockedBy) return blockedBy;
      if (progress) return meetingWait(progress, parties, viewer, options.booking?.bookedBy ?? null);
      if (request.channel === 'informational_support') return `waiting for ${parties.adviser.name} to send the information.`;
      return 'it has been accepted.';
    case 'booked':
      return progress ? meetingWait(progress, parties, viewer, options.booking?.bookedBy ?? null) : 'the meeting is booked.';
    case 'held':
      return `waiting for ${other} to record the outcome.`;
    case 'outcome_recorded':
      return 'the outcome is recorded.';
    case 'closed': {
      const nominated = groupConferenceNomination(request);
      return nominated ? `${nominated.charAt(0).toLowerCase()}${nominated.slice(1)}` : 'this request is closed.';
    }
    case 'redirected':
      return 'this request was redirected. The reason is in the details.';
    case 'withdrawn':
      return 'this request was withdrawn.';
  }
}

/**
 * What someone with nothing to do on the meeting waits for. Only before a booking exists is that a
 * person (the booker, as the booking policy names them); once booked, the diaries are the bot's work.
 */
function meetingWait(progress: MeetingProgress, parties: RequestParties, viewer: StaffMember, bookedBy: BookingView['bookedBy']): string {
  const nameOf = (id: string) => (id === parties.requester.id ? parties.requester.name : parties.adviser.name);
  switch (progress.stage) {
    case 'to_book':
      return progress.bookerId === viewer.id ? 'the meeting is not booked yet.' : `waiting for ${nameOf(progress.bookerId)} to book the meeting.`;
    case 'writing':
      return 'the meeting is being written into the diaries.';
    case 'failed':
      return progress.bookerId === viewer.id ? 'not every diary could be written.' : `not every diary could be written: waiting for ${nameOf(progress.bookerId)} to try booking again.`;
    case 'moving':
      return 'the meeting is being moved in the diaries.';
    case 'removing':
      return 'the meeting is being taken out of the diaries.';
    case 'booked':
      // Where several people may book it, each is told which of them did.
      if (bookedBy) return bookedBy.id === viewer.id ? 'you booked the meeting.' : `${bookedBy.name} booked the meeting.`;
      return 'the meeting is booked.';
  }
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
function deaForms(request: SupportRequest, allowed: ReadonlySet<TriageAction>, options: RequestCardOptions, requesterName: string): Record<string, unknown>[] {
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
        submitTitle: 'Accept with this type of support',
        intro: `${requesterName} is told which type of support you chose.`,
        fields: [
          {
            id: 'channel',
            kind: 'choice',
            label: 'Type of support',
            required: true,
            errorMessage: 'Choose the type of support.',
            choices: channelsFor(request).map((c) => ({ title: channelLabel(c, request.type), value: c })),
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
        intro: `${requesterName} is asked to answer on this request.`,
        fields: [{ id: 'question', kind: 'multiline', label: 'Your question', required: true, errorMessage: 'Enter your question.', maxLength: TRIAGE_LIMITS.question }],
      }),
    );
  }
  if (allowed.has('redirect')) {
    forms.push(
      showCardAction({
        ...common,
        title: REDIRECT_TITLE,
        verb: 'request.redirect',
        submitTitle: 'Redirect or decline the request',
        intro: `The request is closed and ${requesterName} is told, with your reason and where to go instead.`,
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
          { id: 'information', kind: 'multiline', label: 'The information, or links to products', hint: HUB_HINT, required: true, errorMessage: 'Enter the information.', maxLength: TRIAGE_LIMITS.information },
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
