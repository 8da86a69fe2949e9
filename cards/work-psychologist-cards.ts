import { NEXT_STEP_LABELS } from '../domain/outcomes/next-steps';
import { describeDate, describeMeeting, londonDate } from '../domain/requests/calendar-date';
import type { StaffMember } from '../domain/staff';
import { ACTIVITY_KIND_LABELS, caseConferenceRights, MEETING_MODE_LABELS, MEETINGS_AHEAD, PARTNERSHIP_LIMITS, SESSION_KINDS, type AgendaItem, type PartnershipActivity, type PartnershipMeeting } from '../domain/work-psychologist/partnership';
import type { PairOverview, PartnershipOverview, PlannedSeries } from '../domain/work-psychologist/partnership-service';
import { glanceCard, heading, textBlock, type Fact } from './glance-card';
import { showCardAction, type FormField } from './form-card';
import { REFUSED_FORM_ID } from './refused-forms';
import type { AdaptiveCard } from './render';
import { summaryCard } from './summary-card';

export interface PartnershipCardOptions {
  readonly note?: string;
  readonly noteTone?: 'good' | 'attention';
  readonly values?: Readonly<Record<string, string>>;
  readonly problems?: Readonly<Record<string, string>>;
  /**
   * The verb of a form that came back unsaved with no problem beside any field (the diaries were too
   * slow, say): shown open, as it was sent, so the person only sends it again.
   */
  readonly reopen?: string;
  /**
   * A case conference's card opened from the work psychologist's page: it offers the way back, and
   * recording it answers with the page, where the next one waits. Its notification has neither: an
   * answer replaces the card it is on, and that card is the one in the chat.
   */
  readonly fromPage?: boolean;
}

const MEETING_STATUS: Readonly<Record<PartnershipMeeting['status'], string>> = {
  booked: 'in both diaries',
  pending: 'being added to both diaries',
  failed: 'not yet in the diaries: trying again',
};

function activityLine(a: PartnershipActivity, forWp = false): { label: string; value: string } {
  const what = a.kind === 'case_conference' ? `${ACTIVITY_KIND_LABELS[a.kind]}: ${a.requestReference}` : `${ACTIVITY_KIND_LABELS[a.kind]}: ${a.topic}`;
  const when = a.date ? describeDate(a.date) : 'date not set';
  const asked = forWp ? 'Asked of you, waiting for your advice' : 'Asked, waiting for the work psychologist';
  return { label: what, value: a.status === 'done' ? `Held ${when}` : a.kind === 'case_conference' ? asked : `Planned for ${when}` };
}

/**
 * The case conferences waiting for the work psychologist's advice, each with a button that opens its
 * card (the one its notification carried, with the form to record it), longest waiting first.
 */
function waitingBlock(o: PartnershipOverview): Record<string, unknown>[] {
  if (!o.waiting.length) return [];
  const deaName = (a: PartnershipActivity) => o.pairs.find((p) => p.dea.id === a.deaId)?.dea.name ?? 'the DEA';
  const more = o.waitingTotal - o.waiting.length;
  return [
    { ...heading('Waiting for your advice', 'Medium'), separator: true, spacing: 'Medium' },
    ...o.waiting.map((a) => ({
      type: 'ColumnSet',
      spacing: 'Small',
      columns: [
        { type: 'Column', width: 'stretch', verticalContentAlignment: 'Center', items: [textBlock(`${a.requestReference}, asked by ${deaName(a)} on ${describeDate(londonDate(a.createdAt))}`, { spacing: 'None' })] },
        { type: 'Column', width: 'auto', items: [{ type: 'ActionSet', spacing: 'None', actions: [openConferenceAction(a)] }] },
      ],
    })),
    ...(more > 0 ? [textBlock(`And ${more} more waiting: each shows here, longest waiting first, as you record these.`, { spacing: 'Small', isSubtle: true })] : []),
  ];
}

/** The button that opens a case conference's card in place of the page, to read it and record it. */
function openConferenceAction(a: PartnershipActivity): Record<string, unknown> {
  return { type: 'Action.Execute', title: 'Open', tooltip: `Open the case conference about ${a.requestReference}`, verb: 'wp.conference', data: { activityId: a.id } };
}

/** On a case conference's card opened from the page: the page again, in its place, with every one waiting. */
function backToPageAction(): Record<string, unknown> {
  return { type: 'Action.Execute', title: 'Back to your page', tooltip: 'Your page, with every case conference waiting for your advice', verb: 'wp.page', data: {} };
}

/** The note of a case conference recorded from the page, above the page with the next to open. */
export function recordedOnPageNote(a: PartnershipActivity): string {
  return `Recorded the case conference about ${a.requestReference}. The DEA has been told.`;
}

/** What the answer to booking says: how many were booked, and each meeting that moved and why. */
export function seriesNote(series: PlannedSeries): string {
  const booked = series.added ? 'Booked: the monthly meetings are being added to both diaries.' : 'These months were already booked; nothing was added.';
  if (!series.moved.length) return booked;
  return `${booked} ${series.moved.length === 1 ? 'One meeting is' : `${series.moved.length} meetings are`} not at the usual time: ${series.moved.map((m) => `${describeMeeting(m.start, m.end)} (${m.movedBecause})`).join(' ')}`;
}

function meetingFacts(pair: PairOverview): Fact[] {
  const upcoming = pair.meetings.filter((m) => m === pair.next || (pair.next && m.start > pair.next.start));
  return upcoming.map((m) => ({ label: describeMeeting(m.start, m.end), value: `${MEETING_MODE_LABELS[m.mode]}, ${MEETING_STATUS[m.status]}${m.movedBecause ? `. ${m.movedBecause}` : ''}` }));
}

function agendaLine(a: AgendaItem): string {
  return `${a.reference}, ${a.what}, ${describeDate(londonDate(a.at))}${a.nextSteps.length ? `: ${a.nextSteps.map((s) => NEXT_STEP_LABELS[s]).join('; ')}` : ''}`;
}

function agendaText(pair: PairOverview): string {
  if (!pair.agenda.length) return 'No outcomes recorded since the last meeting yet.';
  const older = pair.agendaTotal - pair.agenda.length;
  return [...pair.agenda.map(agendaLine), ...(older > 0 ? [`And ${older} older ${older === 1 ? 'output' : 'outputs'} since the last meeting, not shown here.`] : [])].join('\n');
}

function nextMeetingLine(pair: PairOverview): string {
  const n = pair.next;
  return n ? `Next monthly meeting: ${describeMeeting(n.start, n.end)}, ${MEETING_MODE_LABELS[n.mode].toLowerCase()}, ${MEETING_STATUS[n.status]}.${n.movedBecause ? ` ${n.movedBecause}` : ''}` : 'No monthly meetings booked yet: the DEA books them.';
}

/** The button that opens one DEA's agenda and sessions as a card of its own. */
export function openAgendaAction(dea: StaffMember): Record<string, unknown> {
  return { type: 'Action.Submit', title: `Open ${dea.name}’s agenda`, data: { verb: 'wp.agenda', deaId: dea.id } };
}

/** A work psychologist's one DEA: a heading, the next meeting, the cases asked about and the sessions, and the draft agenda. */
function pairBlock(pair: PairOverview, index: number): Record<string, unknown>[] {
  const waiting = pair.waitingTotal;
  const lines = pair.activities.map((a) => activityLine(a, true));
  return [
    { ...heading(`With ${pair.dea.name}, DEA`, 'Medium'), separator: true, spacing: 'Medium' },
    textBlock(nextMeetingLine(pair), { spacing: 'None' }),
    textBlock(waiting ? `Case conferences asked of you: ${waiting}.` : 'No case conferences waiting for you.', { spacing: 'None' }),
    ...(lines.length ? [{ type: 'FactSet', facts: lines.map((l) => ({ title: l.label, value: l.value })) }] : []),
    ...(pair.next
      ? [
          { type: 'ActionSet', actions: [{ type: 'Action.ToggleVisibility', title: `Show the draft agenda with ${pair.dea.name}`, targetElements: [`agenda-${index}`] }] },
          { type: 'Container', id: `agenda-${index}`, isVisible: false, items: [textBlock('Draft agenda: issues arising from the month’s outputs, by reference only', { weight: 'Bolder' }), textBlock(agendaText(pair), { spacing: 'None' })] },
        ]
      : []),
  ];
}

/**
 * The case conferences waiting with one DEA, in a few words whatever their number: those the page
 * offers to open, by reference, and how many more; empty with none.
 */
function waitingWith(pair: PairOverview): string {
  const shown = pair.waiting.map((a) => a.requestReference);
  const more = pair.waitingTotal - shown.length;
  if (more <= 0) return shown.join(', ');
  return shown.length ? `${shown.join(', ')} and ${more} more` : String(more);
}

/**
 * One of several DEAs of a work psychologist, in a few lines whatever the history: the next meeting,
 * the case conferences waiting (by reference), how many outputs the draft agenda has and the newest
 * of them, and a button that opens that DEA's whole agenda and sessions. With 20 DEAs of 50 outputs
 * each the page stays well inside the size Teams takes.
 */
function glanceBlock(pair: PairOverview): Record<string, unknown>[] {
  const waiting = waitingWith(pair);
  const more = pair.agendaTotal - pair.agenda.length;
  const newest = [...pair.agenda].reverse().map((a) => `${a.reference}: ${a.nextSteps.length ? a.nextSteps.map((s) => NEXT_STEP_LABELS[s]).join('; ') : a.what}.`);
  const agenda = !pair.next
    ? ''
    : pair.agenda.length
      ? ` Draft agenda, ${pair.agendaTotal} ${pair.agendaTotal === 1 ? 'output' : 'outputs'} since the last meeting; the newest: ${newest.join(' ')}${more > 0 ? ` And ${more} more: open ${pair.dea.name}’s agenda.` : ''}`
      : ' No outcomes recorded since the last meeting yet.';
  return [
    { ...heading(`With ${pair.dea.name}, DEA`, 'Medium'), separator: true, spacing: 'Medium' },
    textBlock(`${nextMeetingLine(pair)}${waiting ? ` Case conferences asked of you: ${waiting}.` : ''}${agenda}`, { spacing: 'None' }),
    { type: 'ActionSet', actions: [openAgendaAction(pair.dea)] },
  ];
}

/**
 * The DEA and the work psychologist's page. A DEA sees their work psychologist, the monthly
 * meetings and the next agenda; a work psychologist sees every DEA they work with, each with their
 * monthly meeting and the cases asked about.
 */
export function partnershipCard(o: PartnershipOverview, options: PartnershipCardOptions = {}): AdaptiveCard {
  const note = options.note ? { text: options.note, tone: options.noteTone ?? 'good' } : undefined;
  const form = (title: string, verb: string, submitTitle: string, fields: FormField[], values: Record<string, string> = {}) => {
    const action = showCardAction({ title, verb, submitTitle, data: {}, fields, values: { ...values, ...options.values }, problems: options.problems });
    return options.reopen === verb && action.id === undefined ? { ...action, id: `${REFUSED_FORM_ID}-${verb}` } : action;
  };
  const sessionFields = (deas: readonly StaffMember[]): FormField[] => [
    ...(deas.length > 1 ? [{ id: 'deaId', kind: 'choice' as const, label: 'With which DEA', required: true, errorMessage: 'Choose the DEA.', choices: deas.map((d) => ({ title: d.name, value: d.id })) }] : []),
    { id: 'kind', kind: 'choice', label: 'What it is', required: true, errorMessage: 'Choose what it is.', choices: SESSION_KINDS.map((k) => ({ title: ACTIVITY_KIND_LABELS[k], value: k })) },
    { id: 'topic', kind: 'text', label: 'Theme', required: true, errorMessage: 'Enter its theme.', maxLength: PARTNERSHIP_LIMITS.topic },
    { id: 'date', kind: 'date', label: 'Date', required: true, errorMessage: 'Enter its date.' },
    { id: 'feedback', kind: 'multiline', label: 'The work coach feedback that led to it', required: false, errorMessage: '', maxLength: PARTNERSHIP_LIMITS.feedback },
  ];

  if (!o.viewerIsDea) {
    const waiting = o.waitingTotal;
    return glanceCard({
      title: o.pairs.length === 1 ? `You and ${o.pairs[0]!.dea.name}, DEA` : `You and your ${o.pairs.length} DEAs`,
      subtitle: `Monthly meetings, case conferences and sessions with ${o.pairs.length <= 3 ? o.pairs.map((p) => p.dea.name).join(', ') : `your ${o.pairs.length} DEAs`}.`,
      note,
      yourAction: waiting
        ? `Your action: hold ${waiting === 1 ? 'the case conference' : `the ${waiting} case conferences`} asked of you, then record your advice: open ${waiting === 1 ? 'it' : 'each'} below.`
        : `Nothing for you to do now: waiting for your next monthly ${o.pairs.length === 1 ? `meeting. ${o.pairs[0]!.dea.name} books them` : 'meetings. Each DEA books theirs'} in your diary.`,
      keyFacts: [],
      blocks: [...waitingBlock(o), ...(o.pairs.length === 1 ? pairBlock(o.pairs[0]!, 0) : o.pairs.flatMap((p) => glanceBlock(p)))],
      details: { facts: [], paragraphs: [] },
      actions: [form('Record a session', 'wp.session', 'Record it', sessionFields(o.pairs.map((p) => p.dea)))],
      problems: options.problems,
    });
  }

  const pair = o.pairs[0]!;
  const wp = pair.workPsychologist;
  const actions: Record<string, unknown>[] = [];
  if (wp && !pair.next) {
    actions.push(
      form(
        'Book the monthly meetings',
        'wp.book',
        'Book them',
        [
          { id: 'firstDate', kind: 'date', label: 'First meeting', required: true, errorMessage: 'Enter the date of the first meeting.', hint: 'The same week and day of each month follow. A meeting on a bank holiday, or when either of you is busy, moves to the next time you are both free.' },
          { id: 'time', kind: 'text', label: 'Start time', required: true, errorMessage: 'Enter a start time like 10:00.', maxLength: 5 },
          { id: 'durationMinutes', kind: 'choice', label: 'How long', required: true, errorMessage: 'Choose how long.', choices: [30, 45, 60, 90, 120].map((n) => ({ title: `${n} minutes`, value: String(n) })) },
          { id: 'mode', kind: 'choice', label: 'Where', required: true, errorMessage: 'Choose where.', choices: [{ title: 'Face to face (recommended)', value: 'face_to_face' }, { title: 'Microsoft Teams', value: 'teams' }] },
        ],
        { time: '10:00', durationMinutes: '60', mode: 'face_to_face' },
      ),
    );
  }
  if (wp) {
    actions.push(
      form('Ask for a case conference', 'wp.askConference', 'Ask', [
        { id: 'reference', kind: 'text', label: 'The claimant’s request reference', required: true, errorMessage: 'Enter a reference like DEA-000123.', placeholder: 'DEA-000123', maxLength: 12 },
        { id: 'topic', kind: 'multiline', label: 'Their barriers to provision or work (no name or NINO)', required: true, errorMessage: 'Describe the barriers.', maxLength: PARTNERSHIP_LIMITS.topic },
      ]),
      form('Record a session', 'wp.session', 'Record it', sessionFields([])),
    );
  }
  return glanceCard({
    title: wp ? `You and ${wp.name}, work psychologist` : 'Working with the work psychologist',
    subtitle: pair.next ? `Next monthly meeting: ${describeMeeting(pair.next.start, pair.next.end)}.` : undefined,
    note,
    yourAction: !wp
      ? 'Nothing for you to do now: waiting for a work psychologist to be added to the staff directory for your jobcentre or district. Ask whoever keeps it.'
      : pair.next
        ? 'Nothing for you to do now: waiting for your next monthly meeting. Its draft agenda is drafted from the outputs of your conferences and interventions since the last one, by reference only.'
        : `Your action: book your monthly meetings, ${MEETINGS_AHEAD} months at a time, in both diaries, face to face unless you choose Teams.`,
    keyFacts: meetingFacts(pair).slice(0, 2),
    details: {
      facts: [...meetingFacts(pair).slice(2), ...pair.activities.map((a) => activityLine(a))],
      paragraphs: pair.next ? [{ label: 'Draft agenda: issues arising from the month’s outputs', value: agendaText(pair) }] : [],
    },
    actions,
    problems: options.problems,
  });
}

/** A case conference asked of the work psychologist (no claimant details: the request reference only). */
export function caseConferenceCard(a: PartnershipActivity, people: { dea: StaffMember | null; wp: StaffMember | null }, viewer: StaffMember, options: PartnershipCardOptions = {}): AdaptiveCard {
  const forWp = viewer.id === a.workPsychologistId;
  const rights = caseConferenceRights(a, viewer.id);
  const card = summaryCard({
    title: `Case conference: ${a.requestReference}`,
    subtitle:
      a.status === 'done'
        ? `Held ${describeDate(a.date!)} with ${forWp ? people.dea?.name ?? 'the DEA' : people.wp?.name ?? 'the work psychologist'}.`
        : forWp
          ? `${people.dea?.name ?? 'The DEA'} asks you for a case conference about a claimant with barriers to provision or work. Arrange it with them, then record your advice here.`
          : `Asked of ${people.wp?.name ?? 'the work psychologist'}.`,
    facts: [
      { label: 'Claimant’s request', value: a.requestReference ?? '' },
      { label: 'DEA', value: people.dea?.name ?? '' },
      { label: 'Work psychologist', value: people.wp?.name ?? '' },
    ],
    paragraphs: [{ label: 'Barriers to provision or work', value: a.topic }, ...(a.note ? [{ label: 'Advice and agreed actions', value: a.note }] : [])],
    note: options.note,
    noteTone: options.note ? options.noteTone ?? 'good' : undefined,
  });
  const fromPage = forWp && options.fromPage === true;
  const actions: Record<string, unknown>[] = [];
  if (rights.record) {
    actions.push(
      showCardAction({
        title: 'Record the case conference',
        verb: 'wp.conferenceDone',
        submitTitle: 'Record it',
        data: { activityId: a.id, ...(fromPage ? { from: 'page' } : {}) },
        values: options.values,
        problems: options.problems,
        fields: [
          { id: 'date', kind: 'date', label: 'Held on', required: true, errorMessage: 'Enter the date it was held.' },
          { id: 'note', kind: 'multiline', label: 'Your advice and the agreed actions', required: true, errorMessage: 'Enter your advice.', maxLength: PARTNERSHIP_LIMITS.note },
        ],
      }),
    );
  }
  if (fromPage) actions.push(backToPageAction());
  if (actions.length) card.actions = actions;
  return card;
}
