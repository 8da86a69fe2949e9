/**
 * The cards of an HCP's supporting activity: the HCP's own card, one activity, the request a
 * coach or team leader makes, and the notice to the coach one was arranged for. Cases are named by
 * reference only; notes are the HCP's own words.
 */
import type { Interval } from '../../domain/calendar/calendar-port';
import { mayMoveActivity, type ActivityPart, type CoachNotice, type HcpDayPlan } from '../../domain/hcp-activity/activity-service';
import { ACTIVITY_KIND_LABELS, ATTENDANCE_LABELS, type AttendanceRecord, type SupportingActivity, type WeeklyNote } from '../../domain/hcp-activity/records';
import { awaitsArrival, coachToTell, describeInterval } from '../../domain/hcp-activity/rules';
import { describeDate, describeMeeting } from '../../domain/requests/calendar-date';
import { londonClock } from '../../domain/calendar/london-time';
import type { ConversationOver } from '../../domain/specialist-advice/supporting-activity';
import type { Jobcentre } from '../../domain/staff';
import { coachField, type CoachOption } from '../coach-field';
import { showCardAction, type FormField } from '../form-card';
import { confirmAction, glanceCard, textBlock, type Fact, type FormState, type GlanceNote } from '../glance-card';
import type { AdaptiveCard } from '../render';

const KIND_CHOICES = Object.entries(ACTIVITY_KIND_LABELS).map(([value, title]) => ({ title, value }));
const timeText = (i: Interval) => describeInterval(i).replace(' to ', '–');

const COACH_HINT = 'They are told, and it goes into their diary and the HCP’s once it has a time.';

/** The fields of an activity, for the HCP recording one or the activity manager setting one. */
export function activityFields(offices: readonly Jobcentre[], options: { forManager?: boolean; coaches?: readonly CoachOption[]; coachValue?: string } = {}): FormField[] {
  const fields: FormField[] = [
    { id: 'kind', kind: 'choice', label: 'What kind of activity', required: true, errorMessage: 'Choose what kind of activity it was.', choices: KIND_CHOICES },
    { id: 'date', kind: 'date', label: 'Date', required: true, errorMessage: 'Choose the date.' },
    { id: 'start', kind: 'text', label: 'Start time', required: true, errorMessage: 'Enter the start time, for example 10:00.', placeholder: '10:00', maxLength: 5 },
    { id: 'end', kind: 'text', label: 'End time', required: true, errorMessage: 'Enter the end time, for example 11:00.', placeholder: '11:00', maxLength: 5 },
    { id: 'jobcentreId', kind: 'choice', label: 'Jobcentre', required: true, errorMessage: 'Choose the jobcentre.', choices: offices.map((o) => ({ title: o.name, value: o.id })) },
  ];
  if (options.forManager && options.coaches?.length) {
    fields.push(
      coachField({
        id: 'coachId',
        coaches: options.coaches,
        label: 'Individual case conference: the work coach it is with',
        typedLabel: 'Individual case conference: the work coach’s name or email',
        required: false,
        errorMessage: 'Choose the work coach.',
        hint: COACH_HINT,
        value: options.coachValue,
      }),
    );
  }
  if (!options.forManager) fields.push({ id: 'takingPart', kind: 'text', label: 'Who took part', required: true, errorMessage: 'Say who took part.', placeholder: 'For example: 3 work coaches and their team leader', maxLength: 300 });
  fields.push(
    { id: 'note', kind: 'multiline', label: options.forManager ? 'What it is for' : 'Short note of what was covered', required: true, errorMessage: 'Write a short note.', hint: 'Do not name a claimant unless the activity is about their case: then give the case reference below.', maxLength: 1000 },
    { id: 'caseReference', kind: 'text', label: 'Case reference, if it is about a case (optional)', required: false, errorMessage: 'Enter a reference like SA-000012.', placeholder: 'SA-000012', maxLength: 10 },
    { id: 'caseCount', kind: 'text', label: 'Group case conference: how many cases (usually 2 or 3)', required: false, errorMessage: 'Enter a number from 1 to 10.', maxLength: 2 },
  );
  if (!options.forManager) {
    fields.push(
      { id: 'consultative', kind: 'multichoice', label: 'Retention cases only', required: false, errorMessage: 'Confirm you advised only.', choices: [{ title: 'I advised only: I did not represent the claimant with their employer or at a tribunal, nor complete retention paperwork', value: 'true' }] },
      { id: 'adHoc', kind: 'multichoice', label: 'Booked in advance?', required: false, errorMessage: '', choices: [{ title: 'It was not booked: it happened while I was free', value: 'true' }] },
    );
  }
  return fields;
}

export interface HcpActivityView {
  readonly today: string;
  readonly plan: HcpDayPlan;
  readonly gaps: readonly Interval[];
  readonly officeName: (id: string | null) => string;
  readonly offices: readonly Jobcentre[];
  readonly week: readonly SupportingActivity[];
  readonly open: readonly SupportingActivity[];
  readonly attendance: AttendanceRecord | null;
  readonly note: WeeklyNote | null;
  readonly message?: GlanceNote;
  readonly form?: FormState;
}

function noteState(note: WeeklyNote | null): string {
  if (!note) return 'not started';
  switch (note.status) {
    case 'draft':
      return 'draft, not submitted';
    case 'submitted':
      return 'submitted, waiting for your activity manager';
    case 'accepted':
      return 'accepted';
    case 'change_asked':
      return 'your activity manager asked for a change';
  }
}

/** `activity`: the HCP's day and what to do next — arrive, record what they did, write the weekly note. */
export function hcpActivityCard(v: HcpActivityView): AdaptiveCard {
  const due = v.open.filter((a) => a.status === 'planned');
  const yourAction = !v.plan.working
    ? 'Nothing for you to do now: today is not one of your working days. You can still record activity of the last two weeks.'
    : !v.attendance
    ? 'Your action: record your arrival at the jobcentre.'
    : v.attendance.status === 'absent'
    ? 'Your action: you are recorded absent today. If you have come in after all, record your arrival: it takes the place of the absence.'
    : due.length
      ? `Your action: record ${due.length === 1 ? 'the planned activity' : `the ${due.length} planned activities`} once held.`
      : 'Your action: record supporting activity you do when no three-way conversation is booked.';
  const keyFacts: Fact[] = [
    { label: 'Today', value: v.plan.working ? `${describeDate(v.today)}, at ${v.officeName(v.plan.jobcentreId)}` : describeDate(v.today) },
    { label: 'Arrival', value: v.attendance ? `${ATTENDANCE_LABELS[v.attendance.status]}${v.attendance.arrivedAt ? `, ${timeText({ start: v.attendance.arrivedAt, end: v.attendance.arrivedAt }).split('–')[0]}` : ''}` : v.plan.working ? 'not recorded yet' : 'not a working day' },
    { label: 'Booked conversations', value: v.plan.conversations.map((c) => `${c.what} ${timeText(c)}`).join(', ') || 'none today' },
    { label: 'Free today', value: !v.plan.working ? 'not one of your working days' : v.gaps.map(timeText).join(', ') || 'no free time left' },
    { label: 'This week', value: recordedCount(v.week.filter((a) => a.status === 'done').length) },
    { label: 'Weekly note', value: noteState(v.note) },
  ];
  const blocks = due.length ? [textBlock('Planned for you', { weight: 'Bolder' }), ...due.slice(0, 5).map((a) => textBlock(`${ACTIVITY_KIND_LABELS[a.kind]}: ${a.date ? describeDate(a.date) : 'no date yet'}${a.start && a.end ? `, ${timeText({ start: a.start, end: a.end })}` : ''}`))] : [];
  const record = showCardAction({
    title: 'Record an activity',
    verb: 'hcp.record',
    submitTitle: 'Record',
    intro: 'Only at a time with no three-way conversation booked.',
    data: {},
    fields: activityFields(v.offices),
    values: { date: v.today, ...(v.plan.jobcentreId ? { jobcentreId: v.plan.jobcentreId } : {}), ...(v.form?.values ?? {}) },
    problems: v.form?.problems,
  });
  const actions: Record<string, unknown>[] = [];
  if (awaitsArrival(v.attendance) && v.plan.working) actions.push({ type: 'Action.Execute', title: 'I have arrived', verb: 'hcp.arrived', data: {}, style: 'positive' });
  actions.push(record, { type: 'Action.Execute', title: 'Weekly note', verb: 'hcp.note', data: {} });
  const secondary: Record<string, unknown>[] = due.slice(0, 5).map((a) => ({ type: 'Action.Execute', title: `Open ${ACTIVITY_KIND_LABELS[a.kind].toLowerCase()}${a.date ? ` on ${describeDate(a.date)}` : ''}`, verb: 'hcp.open', data: { activityId: a.id } }));
  secondary.push(absenceAction(null, v.form));
  return glanceCard({
    title: 'Your supporting activity',
    subtitle: 'Case conferences, presentations and other work for the district, when no conversation is booked',
    note: v.message,
    yourAction,
    keyFacts,
    blocks,
    details: { facts: v.week.map((a) => ({ label: `${a.date ? describeDate(a.date) : ''}`, value: `${ACTIVITY_KIND_LABELS[a.kind]} (${statusLine(a).toLowerCase()})` })), paragraphs: [] },
    actions,
    secondary,
    problems: v.form?.problems,
  });
}

function recordedCount(n: number): string {
  return `${n} supporting ${n === 1 ? 'activity' : 'activities'} recorded`;
}

/** Report an absence: each working day is recorded, and a replacement asked of the supplier. */
export function absenceAction(hcpChoices: readonly { title: string; value: string }[] | null, form?: FormState): Record<string, unknown> {
  const fields: FormField[] = [];
  if (hcpChoices) fields.push({ id: 'hcpId', kind: 'choice', label: 'HCP', required: true, errorMessage: 'Choose the HCP.', choices: hcpChoices });
  fields.push({ id: 'fromDate', kind: 'date', label: 'First day of absence', required: true, errorMessage: 'Choose the first day.' }, { id: 'toDate', kind: 'date', label: 'Last day of absence', required: true, errorMessage: 'Choose the last day.' });
  return showCardAction({
    title: 'Record an absence',
    verb: 'hcp.absent',
    submitTitle: 'Record the absence',
    intro: 'Each working day is recorded as absent, and the supplier is asked for a replacement for those dates.',
    data: {},
    fields,
    values: form?.values,
    problems: form?.problems,
  });
}

/** When an activity is: set by the activity manager, or moved. */
const TIME_FIELDS: readonly FormField[] = [
  { id: 'date', kind: 'date', label: 'Date', required: true, errorMessage: 'Choose the date.' },
  { id: 'start', kind: 'text', label: 'Start time', required: true, errorMessage: 'Enter the start time, for example 10:00.', placeholder: '10:00', maxLength: 5 },
  { id: 'end', kind: 'text', label: 'End time', required: true, errorMessage: 'Enter the end time, for example 11:00.', placeholder: '11:00', maxLength: 5 },
];

/** The activity's date and times as the time fields take them. */
function timeValues(a: SupportingActivity): Record<string, string> {
  const [start, end] = a.start && a.end ? timeText({ start: a.start, end: a.end }).split('–') : [];
  return { ...(a.date ? { date: a.date } : {}), ...(start && end ? { start, end } : {}) };
}

export interface ActivityView {
  readonly activity: SupportingActivity;
  readonly part: ActivityPart;
  readonly hcpName: string;
  readonly requesterName: string | null;
  /** The work coach an individual case conference is with, when one is named. */
  readonly coachName: string | null;
  readonly officeName: string;
  /** Booked Specialist Advice conversations over it, which come first: it needs another time. */
  readonly conversationsOver: readonly ConversationOver[];
  readonly message?: GlanceNote;
  readonly form?: FormState;
  readonly now: Date;
}

/**
 * The warning on an activity a conversation is booked over. Whoever may move it is told which
 * conversation and when (as the notice told them); whoever only comes to it is not part of the
 * conversation, so is told only that the HCP will not be there (as their notice said).
 */
function overWarning(over: readonly ConversationOver[], mover: boolean, hcpName: string): string {
  if (!mover) return `${hcpName} will not be at this: a three-way conversation is booked then, which comes first.`;
  const each = over.map((c) => `${c.reference}, ${describeMeeting(c.start, c.end)}${c.preparationFrom ? ` (preparation from ${londonClock(c.preparationFrom)})` : ''}`);
  return over.length === 1 ? `A Specialist Advice conversation is booked over this: ${each[0]!}.` : `Specialist Advice conversations are booked over this: ${each.join('; ')}.`;
}

/** One supporting activity, for its HCP, whoever asked for it, or the activity manager. */
export function activityCard(v: ActivityView): AdaptiveCard {
  const a = v.activity;
  const when = a.date ? `${describeDate(a.date)}${a.start && a.end ? `, ${timeText({ start: a.start, end: a.end })}` : ''}` : 'no time yet';
  const actions: Record<string, unknown>[] = [];
  const secondary: Record<string, unknown>[] = [];
  let yourAction = 'Nothing for you to do now.';
  const data = { activityId: a.id, version: a.version };
  const mover = mayMoveActivity(a, v.part, v.now);
  const over = v.conversationsOver.length > 0;
  if (a.status === 'requested') {
    if (v.part === 'manager') {
      yourAction = a.kind === 'group_case_conference' ? `Your action: confirm the time the team leader set aside, when ${v.hcpName} is free.` : `Your action: give it a time when ${v.hcpName} has no conversation booked.`;
      actions.push(
        showCardAction({
          title: 'Set the time',
          verb: 'hcp.plan',
          submitTitle: 'Save and tell them',
          data,
          fields: TIME_FIELDS,
          values: { ...timeValues(a), ...(v.form?.values ?? {}) },
          problems: v.form?.problems,
        }),
      );
    } else yourAction = 'Nothing for you to do now: waiting for the activity manager to set a time.';
  } else if (a.status === 'planned') {
    if (over) yourAction = mover ? 'Your action: give the activity another time.' : 'Nothing for you to do now: the activity manager will give it another time, and you will be told.';
    if (v.part === 'hcp') {
      if (!over) yourAction = a.start && a.start.getTime() > v.now.getTime() ? `Nothing for you to do now: it is on ${when}. Record it once held.` : 'Your action: record it as held.';
      const fields: FormField[] = [
        { id: 'takingPart', kind: 'text', label: 'Who took part', required: true, errorMessage: 'Say who took part.', maxLength: 300 },
        { id: 'note', kind: 'multiline', label: 'Short note of what was covered', required: true, errorMessage: 'Write a short note.', maxLength: 1000 },
      ];
      if (a.kind === 'retention') fields.push({ id: 'consultative', kind: 'multichoice', label: 'Retention cases', required: true, errorMessage: 'Confirm you advised only.', choices: [{ title: 'I advised only: I did not represent the claimant with their employer or at a tribunal, nor complete retention paperwork', value: 'true' }] });
      actions.push(showCardAction({ title: 'Record as held', verb: 'hcp.complete', submitTitle: 'Record', data, fields, values: { takingPart: a.takingPart, note: a.note, ...(v.form?.values ?? {}) }, problems: v.form?.problems }));
    } else if (!over) yourAction = `Nothing for you to do now: it is set for ${when}.`;
  } else if (a.status === 'done') yourAction = 'Nothing for you to do now: this activity is recorded.';
  else yourAction = 'Nothing for you to do now: this activity was cancelled.';
  if (mover) {
    // Over a conversation, moving it is what the reader must do: the first button, not under "More".
    (over ? actions : secondary).unshift(
      showCardAction({
        title: 'Move it',
        verb: 'hcp.move',
        submitTitle: 'Move it and tell them',
        intro: 'Not over a booked conversation or another activity. The diaries are changed and the others in it are told.',
        data,
        fields: TIME_FIELDS,
        values: { ...timeValues(a), ...(v.form?.values ?? {}) },
        problems: v.form?.problems,
      }),
    );
  }
  if ((a.status === 'requested' || a.status === 'planned') && (v.part === 'manager' || v.part === 'requester')) {
    // The coach it was arranged for is told as well, when they did not ask for it themselves.
    const coachToo = coachToTell(a) && v.coachName ? v.coachName : null;
    const told = v.part === 'manager' ? (coachToo ? `the HCP, whoever asked for it and ${coachToo} are` : 'the HCP and whoever asked for it are') : coachToo ? `the HCP and ${coachToo} are` : 'the HCP is';
    secondary.push(confirmAction({ title: 'Cancel it', verb: 'hcp.cancel', data, consequence: `The activity is cancelled, taken out of the diaries, and ${told} told.`, confirmTitle: 'Yes, cancel it' }));
  }
  const keyFacts: Fact[] = [
    { label: 'When', value: when },
    { label: 'Where', value: v.officeName },
    { label: 'HCP', value: v.hcpName },
  ];
  if (v.coachName) keyFacts.push({ label: 'Work coach', value: v.coachName });
  if (a.caseReference) keyFacts.push({ label: 'Case', value: a.caseReference });
  const paragraphs: Fact[] = [{ label: a.status === 'requested' ? 'What they would like to discuss' : 'Note', value: a.note }];
  const facts: Fact[] = [{ label: 'Who took part', value: a.takingPart }];
  if (v.requesterName) facts.push({ label: 'Asked for by', value: v.requesterName });
  if (a.caseCount) facts.push({ label: 'Cases discussed', value: String(a.caseCount) });
  if (a.adHoc) facts.push({ label: 'Booked', value: 'Not booked: it happened while the HCP was free' });
  const badge = over ? overWarning(v.conversationsOver, mover, v.hcpName) : undefined;
  return glanceCard({ title: ACTIVITY_KIND_LABELS[a.kind], subtitle: statusLine(a), badge, note: v.message, yourAction, keyFacts, details: { facts, paragraphs }, actions, secondary, problems: v.form?.problems });
}

function statusLine(a: SupportingActivity): string {
  switch (a.status) {
    case 'requested':
      return 'Asked for: waiting for a time';
    case 'planned':
      return 'Planned';
    case 'done':
      return 'Held and recorded';
    case 'cancelled':
      return 'Cancelled';
  }
}

/**
 * `case conference`: a coach or team leader asks the activity manager for one with the HCP. `coaches`:
 * on a team leader's form, the work coaches they lead, one of whom an individual one is for.
 */
export function caseConferenceRequestCard(hcpName: string, offersGroup: boolean, form: FormState & { message?: GlanceNote } = {}, coaches: readonly CoachOption[] = []): AdaptiveCard {
  const forCoach = coaches.length > 0;
  const fields: FormField[] = [
    {
      id: 'kind',
      kind: 'choice',
      label: 'Kind of case conference',
      required: true,
      errorMessage: 'Choose individual or group.',
      choices: [{ title: forCoach ? 'Individual: a work coach and the HCP' : 'Individual: you and the HCP', value: 'individual_case_conference' }, ...(offersGroup ? [{ title: 'Group: in time you have set aside, usually 2 or 3 cases', value: 'group_case_conference' }] : [])],
    },
    ...(forCoach
      ? [coachField({ id: 'coachId', coaches, label: 'Individual only: the work coach it is for', typedLabel: 'Individual only: the work coach’s name or email', required: false, errorMessage: 'Choose the work coach.', hint: COACH_HINT, value: form.values?.coachId })]
      : []),
    { id: 'note', kind: 'multiline', label: 'What you would like to discuss', required: true, errorMessage: 'Say what you would like to discuss.', hint: 'Name a claimant only by their case reference.', maxLength: 1000 },
    { id: 'caseReference', kind: 'text', label: 'Case reference (optional)', required: false, errorMessage: 'Enter a reference like SA-000012.', placeholder: 'SA-000012', maxLength: 10 },
  ];
  if (offersGroup) {
    fields.push(
      { id: 'caseCount', kind: 'text', label: 'Group only: how many cases', required: false, errorMessage: 'Enter a number from 1 to 10.', maxLength: 2 },
      { id: 'date', kind: 'date', label: 'Group only: the day you set aside', required: false, errorMessage: 'Choose the date.' },
      { id: 'start', kind: 'text', label: 'Group only: start time', required: false, errorMessage: 'Enter the start time, for example 14:00.', placeholder: '14:00', maxLength: 5 },
      { id: 'end', kind: 'text', label: 'Group only: end time', required: false, errorMessage: 'Enter the end time, for example 15:00.', placeholder: '15:00', maxLength: 5 },
    );
  }
  const form_ = showCardAction({ title: 'Ask for a case conference', verb: 'hcp.askConference', submitTitle: 'Send to the activity manager', data: {}, fields, values: form.values, problems: form.problems });
  const inner = form_.card as AdaptiveCard;
  const card = glanceCard({
    title: 'Ask for a case conference',
    subtitle: `With ${hcpName}, the Health Care Professional for your jobcentre`,
    note: form.message,
    yourAction: forCoach
      ? 'Your action: choose the work coach and say what they would like to discuss. The HCP Activity Manager finds a time when the HCP has no conversation booked, and the coach is told.'
      : 'Your action: say what you would like to discuss. The HCP Activity Manager finds a time when the HCP has no conversation booked.',
    keyFacts: [],
    blocks: inner.body as Record<string, unknown>[],
    details: { facts: [], paragraphs: [{ label: 'When the HCP is free now', value: 'If the HCP is free in the jobcentre now, you can also just ask them: they record it afterwards.' }] },
    actions: (inner.actions ?? []) as Record<string, unknown>[],
  });
  return card;
}

/**
 * The short notice to the work coach a case conference was arranged for: what, when, where, with
 * whom and who arranged it, as it now stands. No note (it may be about a claimant): the button opens
 * the activity's card, where it is.
 */
export function coachNoticeCard(n: CoachNotice): AdaptiveCard {
  const a = n.activity;
  const when = a.date ? `${describeDate(a.date)}${a.start && a.end ? `, ${timeText({ start: a.start, end: a.end })}` : ''}` : null;
  const where = n.officeName ? `, at ${n.officeName}` : '';
  const by = n.arrangedByName ?? 'The HCP Activity Manager';
  const label = ACTIVITY_KIND_LABELS[a.kind];
  let yourAction: string;
  switch (a.status) {
    case 'requested':
      yourAction = `Nothing for you to do now: ${by} asked the HCP Activity Manager for this case conference with ${n.hcpName} for you. You will be told its time.`;
      break;
    case 'planned':
      yourAction = `Your action: meet ${n.hcpName}${when ? ` on ${when}` : ''}${where}. It is in your diary.`;
      break;
    case 'done':
      yourAction = `Nothing for you to do now: ${n.hcpName} recorded it as held.`;
      break;
    case 'cancelled':
      yourAction = 'Nothing for you to do now: it is cancelled, and taken out of your diary.';
      break;
  }
  const keyFacts: Fact[] = [
    { label: 'When', value: when ?? 'no time yet' },
    { label: 'Where', value: n.officeName ?? 'no jobcentre' },
    { label: 'HCP', value: n.hcpName },
    { label: 'Arranged by', value: by },
  ];
  if (a.caseReference) keyFacts.push({ label: 'Case', value: a.caseReference });
  return glanceCard({
    title: `${label} arranged for you`,
    subtitle: statusLine(a),
    yourAction,
    keyFacts,
    details: { facts: [], paragraphs: [{ label: 'What it is about', value: 'Open it to see what is to be discussed.' }] },
    actions: [{ type: 'Action.Execute', title: 'Open it', verb: 'hcp.open', data: { activityId: a.id } }],
  });
}
