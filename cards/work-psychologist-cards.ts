import { NEXT_STEP_LABELS } from '../domain/outcomes/next-steps';
import { describeDate, describeMeeting, londonDate } from '../domain/requests/calendar-date';
import type { StaffMember } from '../domain/staff';
import { ACTIVITY_KIND_LABELS, MEETING_MODE_LABELS, MEETINGS_AHEAD, PARTNERSHIP_LIMITS, SESSION_KINDS, type PartnershipActivity, type PartnershipMeeting } from '../domain/work-psychologist/partnership';
import type { PartnershipOverview } from '../domain/work-psychologist/partnership-service';
import { showCardAction, type FormField } from './form-card';
import type { AdaptiveCard } from './render';
import { summaryCard } from './summary-card';

export interface PartnershipCardOptions {
  readonly note?: string;
  readonly noteTone?: 'good' | 'attention';
  readonly values?: Readonly<Record<string, string>>;
  readonly problems?: Readonly<Record<string, string>>;
}

const MEETING_STATUS: Readonly<Record<PartnershipMeeting['status'], string>> = {
  booked: 'in both diaries',
  pending: 'being added to both diaries',
  failed: 'not yet in the diaries: trying again',
};

function activityLine(a: PartnershipActivity): { label: string; value: string } {
  const what = a.kind === 'case_conference' ? `${ACTIVITY_KIND_LABELS[a.kind]}: ${a.requestReference}` : `${ACTIVITY_KIND_LABELS[a.kind]}: ${a.topic}`;
  const when = a.date ? describeDate(a.date) : 'date not set';
  return { label: what, value: a.status === 'done' ? `Held ${when}` : a.kind === 'case_conference' ? 'Asked, waiting for the work psychologist' : `Planned for ${when}` };
}

/** The DEA and the work psychologist's page: the monthly meetings, the next agenda, and what they did together. */
export function partnershipCard(o: PartnershipOverview, options: PartnershipCardOptions = {}): AdaptiveCard {
  const other = o.viewerIsDea ? o.workPsychologist : o.dea;
  const upcoming = o.meetings.filter((m) => m === o.next || (o.next && m.start > o.next.start));
  const facts = [
    ...upcoming.map((m) => ({ label: describeMeeting(m.start, m.end), value: `${MEETING_MODE_LABELS[m.mode]}, ${MEETING_STATUS[m.status]}` })),
    ...o.activities.map(activityLine),
  ];
  const agenda = o.agenda.length
    ? o.agenda.map((a) => `${a.reference}, ${a.what}, ${describeDate(londonDate(a.at))}${a.nextSteps.length ? `: ${a.nextSteps.map((s) => NEXT_STEP_LABELS[s]).join('; ')}` : ''}`).join('\n')
    : 'No outcomes recorded since the last meeting yet.';
  const card = summaryCard({
    title: other ? `You and ${other.name}, ${o.viewerIsDea ? 'work psychologist' : 'DEA'}` : 'Working with the work psychologist',
    subtitle: !o.workPsychologist
      ? 'Nobody at your jobcentre is a work psychologist in the staff directory. Ask for them to be added.'
      : o.next
        ? `Next monthly meeting: ${describeMeeting(o.next.start, o.next.end)}. Its agenda below is drafted from the outputs of your conferences and interventions since the last one, by reference only.`
        : o.viewerIsDea
          ? `Book your monthly meetings: ${MEETINGS_AHEAD} months at a time, in both diaries, face to face unless you choose Teams.`
          : 'The DEA books your monthly meetings; they will be in your diary.',
    facts,
    paragraphs: o.next ? [{ label: 'Draft agenda: issues arising from the month’s outputs', value: agenda }] : [],
    note: options.note,
    noteTone: options.note ? options.noteTone ?? 'good' : undefined,
  });
  const form = (title: string, verb: string, submitTitle: string, fields: FormField[], values: Record<string, string> = {}) =>
    showCardAction({ title, verb, submitTitle, data: {}, fields, values: { ...values, ...options.values }, problems: options.problems });
  const actions: Record<string, unknown>[] = [];
  if (o.viewerIsDea && o.workPsychologist && !o.next) {
    actions.push(
      form(
        'Book the monthly meetings',
        'wp.book',
        'Book them',
        [
          { id: 'firstDate', kind: 'date', label: 'First meeting', required: true, errorMessage: 'Enter the date of the first meeting.', hint: 'The same week and day of each month follow.' },
          { id: 'time', kind: 'text', label: 'Start time', required: true, errorMessage: 'Enter a start time like 10:00.', maxLength: 5 },
          { id: 'durationMinutes', kind: 'choice', label: 'How long', required: true, errorMessage: 'Choose how long.', choices: [30, 45, 60, 90, 120].map((n) => ({ title: `${n} minutes`, value: String(n) })) },
          { id: 'mode', kind: 'choice', label: 'Where', required: true, errorMessage: 'Choose where.', choices: [{ title: 'Face to face (recommended)', value: 'face_to_face' }, { title: 'Microsoft Teams', value: 'teams' }] },
        ],
        { time: '10:00', durationMinutes: '60', mode: 'face_to_face' },
      ),
    );
  }
  if (o.viewerIsDea && o.workPsychologist) {
    actions.push(
      form('Ask for a case conference', 'wp.askConference', 'Ask', [
        { id: 'reference', kind: 'text', label: 'The claimant’s request reference', required: true, errorMessage: 'Enter a reference like DEA-000123.', placeholder: 'DEA-000123', maxLength: 12 },
        { id: 'topic', kind: 'multiline', label: 'Their barriers to provision or work (no name or NINO)', required: true, errorMessage: 'Describe the barriers.', maxLength: PARTNERSHIP_LIMITS.topic },
      ]),
    );
  }
  if (o.workPsychologist) {
    actions.push(
      form('Record a session', 'wp.session', 'Record it', [
        { id: 'kind', kind: 'choice', label: 'What it is', required: true, errorMessage: 'Choose what it is.', choices: SESSION_KINDS.map((k) => ({ title: ACTIVITY_KIND_LABELS[k], value: k })) },
        { id: 'topic', kind: 'text', label: 'Theme', required: true, errorMessage: 'Enter its theme.', maxLength: PARTNERSHIP_LIMITS.topic },
        { id: 'date', kind: 'date', label: 'Date', required: true, errorMessage: 'Enter its date.' },
        { id: 'feedback', kind: 'multiline', label: 'The work coach feedback that led to it', required: false, errorMessage: '', maxLength: PARTNERSHIP_LIMITS.feedback },
      ]),
    );
  }
  if (actions.length) card.actions = actions;
  return card;
}

/** A case conference asked of the work psychologist (no claimant details: the request reference only). */
export function caseConferenceCard(a: PartnershipActivity, people: { dea: StaffMember | null; wp: StaffMember | null }, viewer: StaffMember, options: PartnershipCardOptions = {}): AdaptiveCard {
  const forWp = viewer.id === a.workPsychologistId;
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
  if (forWp && a.status === 'requested') {
    card.actions = [
      showCardAction({
        title: 'Record the case conference',
        verb: 'wp.conferenceDone',
        submitTitle: 'Record it',
        data: { activityId: a.id },
        values: options.values,
        problems: options.problems,
        fields: [
          { id: 'date', kind: 'date', label: 'Held on', required: true, errorMessage: 'Enter the date it was held.' },
          { id: 'note', kind: 'multiline', label: 'Your advice and the agreed actions', required: true, errorMessage: 'Enter your advice.', maxLength: PARTNERSHIP_LIMITS.note },
        ],
      }),
    ];
  }
  return card;
}
