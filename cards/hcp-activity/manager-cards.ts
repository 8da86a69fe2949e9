/**
 * The weekly note, the activity manager's week, supplier requests, notices to finish and the
 * jobcentre contact's arrivals. Counts and references only: no claimant details.
 */
import type { AttendanceNotice, HcpWeek, ManagerWeek } from '../../domain/hcp-activity/activity-service';
import { ACTIVITY_KIND_LABELS, ATTENDANCE_LABELS, SUPPLIER_REQUEST_LABELS, type AttendanceRecord, type HcpNotice, type SupplierRequest, type SupportingActivity, type WeeklyNote } from '../../domain/hcp-activity/records';
import {
  INFORMATION_WORKING_DAYS,
  NOTICE_PERIODS_TEXT,
  PROVISION_DAYS,
  START_OF_DAY,
  WEEKLY_CONVERSATION_TARGET,
  asksForHcp,
  awaitsArrival,
  coverDayRefusal,
  describeInterval,
  describeNoticeDays,
  earliestLastDay,
  earliestLastDayMonth,
  hcpCover,
  noticeDays,
  supplierTimeliness,
} from '../../domain/hcp-activity/rules';
import { londonClock, londonDateFast } from '../../domain/calendar/london-time';
import type { HcpConversation } from '../../domain/hcp-activity/ports';
import { describeDate } from '../../domain/requests/calendar-date';
import { withoutStacks } from '../../domain/errors';
import type { StaffMember } from '../../domain/staff';
import { showCardAction, type FormField } from '../form-card';
import { preview } from '../text-cut';
import { glanceCard, openForm, textBlock, type Fact, type GlanceNote } from '../glance-card';
import type { AdaptiveCard } from '../render';
import { absenceAction, activityFields } from './activity-cards';
import type { CoachOption } from '../coach-field';
import type { FormState } from '../glance-card';
import type { Jobcentre } from '../../domain/staff';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const clock = (d: Date) => describeInterval({ start: d, end: d }).split(' to ')[0]!;

export interface WeeklyNoteView {
  readonly note: WeeklyNote;
  readonly part: 'hcp' | 'manager';
  readonly hcpName: string;
  readonly reviewerName: string | null;
  readonly fridayReminder: boolean;
  readonly message?: GlanceNote;
  readonly form?: FormState;
}

/** The weekly note: the HCP edits and submits it; the activity manager accepts it or asks for a change. */
export function weeklyNoteCard(v: WeeklyNoteView): AdaptiveCard {
  const n = v.note;
  const week = `Week of ${describeDate(n.weekStart)}`;
  const data = { noteId: n.id, version: n.version };
  const actions: Record<string, unknown>[] = [];
  const blocks: Record<string, unknown>[] = [];
  let yourAction: string;
  const editable = v.part === 'hcp' && (n.status === 'draft' || n.status === 'change_asked');
  if (editable) {
    yourAction = n.status === 'change_asked' ? 'Your action: make the change your activity manager asked for, then submit the note again.' : v.fridayReminder ? 'Your action: check this draft and submit it to your activity manager today.' : 'Your action: check this draft of your week and submit it to your activity manager.';
    const problem = v.form?.problems?.body;
    blocks.push({
      type: 'Input.Text',
      id: 'body',
      label: 'Your weekly note',
      isMultiline: true,
      isRequired: true,
      errorMessage: 'Write the weekly note.',
      maxLength: 4000,
      value: v.form?.values?.body ?? n.body,
    });
    if (problem) blocks.push(textBlock(problem, { color: 'Attention', weight: 'Bolder', spacing: 'None' }));
    actions.push({ type: 'Action.Execute', title: 'Submit to my activity manager', verb: 'hcp.noteSubmit', data, style: 'positive' }, { type: 'Action.Execute', title: 'Save without submitting', verb: 'hcp.noteSave', data });
  } else if (v.part === 'manager' && n.status === 'submitted') {
    yourAction = `Your action: read ${v.hcpName}’s note, then accept it or ask for a change.`;
    blocks.push(...bodyBlocks(n.body));
    actions.push(
      { type: 'Action.Execute', title: 'Accept', verb: 'hcp.noteAccept', data, style: 'positive' },
      showCardAction({
        title: 'Ask for a change',
        verb: 'hcp.noteChange',
        submitTitle: 'Send to the HCP',
        data,
        fields: [{ id: 'reason', kind: 'multiline', label: 'What should change', required: true, errorMessage: 'Say what should change.', maxLength: 500 }],
        values: v.form?.values,
        problems: v.form?.problems,
      }),
    );
  } else {
    yourAction =
      n.status === 'submitted' ? 'Nothing for you to do now: waiting for your activity manager to review it.' : n.status === 'accepted' ? 'Nothing for you to do now: the note is accepted.' : n.status === 'change_asked' ? `Nothing for you to do now: waiting for ${v.hcpName} to change it.` : `Nothing for you to do now: ${v.hcpName} has not submitted it yet.`;
    blocks.push(...bodyBlocks(n.body));
  }
  const keyFacts: Fact[] = [{ label: 'State', value: stateOf(n) }];
  if (n.status === 'change_asked' && n.changeReason) keyFacts.push({ label: 'Change asked for', value: n.changeReason });
  const facts: Fact[] = [];
  if (n.submittedAt) facts.push({ label: 'Submitted', value: `${describeDate(londonDateFast(n.submittedAt))}, ${clock(n.submittedAt)}` });
  if (n.reviewedAt && v.reviewerName) facts.push({ label: 'Reviewed by', value: `${v.reviewerName}, ${describeDate(londonDateFast(n.reviewedAt))}` });
  return glanceCard({
    title: v.part === 'hcp' ? 'Your weekly note' : `${v.hcpName}’s weekly note`,
    subtitle: week,
    note: v.message,
    yourAction,
    keyFacts,
    blocks,
    details: { facts, paragraphs: [{ label: 'What goes in it', value: 'Every supporting activity of the week. Name cases by their reference only, never a claimant’s name or National Insurance number.' }] },
    actions,
  });
}

/** The note as the HCP wrote it, a block a line, so that its lines stay lines. */
function bodyBlocks(body: string): Record<string, unknown>[] {
  return [{ type: 'Container', style: 'emphasis', items: body.split('\n').filter((l) => l.trim()).map((line, i) => textBlock(line, i ? { spacing: 'None' } : {})) }];
}

function stateOf(n: WeeklyNote): string {
  switch (n.status) {
    case 'draft':
      return 'Draft, not submitted';
    case 'submitted':
      return 'Submitted, waiting for review';
    case 'accepted':
      return 'Accepted';
    case 'change_asked':
      return 'Change asked for';
  }
}

function attendanceLine(records: readonly AttendanceRecord[]): string {
  if (!records.length) return 'nothing recorded';
  const count = (s: AttendanceRecord['status']) => records.filter((r) => r.status === s).length;
  return `${count('on_time')} on time, ${count('late')} late, ${count('absent')} absent`;
}

function hcpLine(w: HcpWeek): string {
  const done = w.activities.filter((a) => a.status === 'done');
  const byKind = new Map<string, number>();
  for (const a of done) byKind.set(ACTIVITY_KIND_LABELS[a.kind].toLowerCase(), (byKind.get(ACTIVITY_KIND_LABELS[a.kind].toLowerCase()) ?? 0) + 1);
  const activity = done.length ? [...byKind].map(([k, n]) => `${n} ${k}`).join(', ') : 'none recorded';
  return [
    `**${w.hcp.name}**`,
    `Conversations: ${w.conversations.held} of ${WEEKLY_CONVERSATION_TARGET} held${w.conversations.booked ? `, ${w.conversations.booked} booked` : ''}`,
    `Supporting activity: ${activity}`,
    `Attendance: ${attendanceLine(w.attendance)}`,
    `Weekly note: ${w.note ? stateOf(w.note).toLowerCase() : 'not started'}`,
    ...(w.lastWeekToSubmit ? [`Last week’s note: ${stateOf(w.lastWeekToSubmit).toLowerCase()}`] : []),
    ...(w.notice ? [`Leaving: last day ${describeDate(w.notice.lastDay)}`] : []),
  ].join('\n\n');
}

export interface ManagerWeekView {
  readonly week: ManagerWeek;
  readonly offices: readonly Jobcentre[];
  /** The work coaches an individual case conference may be set for. */
  readonly coaches: readonly CoachOption[];
  readonly today: string;
  readonly message?: GlanceNote;
  readonly form?: FormState;
}

/** `hcp week`: each HCP's conversations against 10, supporting activity, attendance and weekly note. */
export function managerWeekCard(v: ManagerWeekView): AdaptiveCard {
  const w = v.week;
  const todo: string[] = [];
  if (w.notesToReview.length) todo.push(`review ${plural(w.notesToReview.length, 'weekly note')}`);
  if (w.requested.length) todo.push(`give ${plural(w.requested.length, 'case conference')} a time`);
  const overdue = w.openRequests.filter((r) => supplierTimeliness(r, v.today) === 'overdue').length;
  if (overdue) todo.push(`chase the supplier on ${plural(overdue, 'overdue request')}`);
  const yourAction = todo.length ? `Your action: ${todo.join(', ')}.` : 'Nothing for you to do now: no notes to review and no case conferences waiting.';
  const blocks: Record<string, unknown>[] = w.hcps.map((h) => ({ type: 'Container', separator: true, items: [textBlock(hcpLine(h))] }));
  const period = w.attendance;
  const attendanceFacts: Fact[] = w.hcps.map((h) => ({ label: h.hcp.name, value: attendanceLine(period.records.filter((r) => r.hcpId === h.hcp.id)) }));
  const hcpChoices = w.hcps.map((h) => ({ title: h.hcp.name, value: h.hcp.id }));
  const actions: Record<string, unknown>[] = [
    ...w.notesToReview.slice(0, 2).map((n) => ({ type: 'Action.Execute', title: `Review ${w.hcps.find((h) => h.hcp.id === n.hcpId)?.hcp.name ?? 'the'}’s note`, verb: 'hcp.noteOpen', data: { noteId: n.id } })),
    ...w.requested.slice(0, 3).map((a) => ({ type: 'Action.Execute', title: `Set a time: ${ACTIVITY_KIND_LABELS[a.kind].toLowerCase()}`, verb: 'hcp.open', data: { activityId: a.id } })),
    showCardAction({
      title: 'Set a work activity',
      verb: 'hcp.setActivity',
      submitTitle: 'Set it and tell the HCP',
      data: {},
      fields: [{ id: 'hcpId', kind: 'choice', label: 'HCP', required: true, errorMessage: 'Choose the HCP.', choices: hcpChoices }, ...activityFields(v.offices, { forManager: true, coaches: v.coaches, coachValue: v.form?.values?.coachId })],
      values: v.form?.values,
      problems: v.form?.problems,
    }),
    { type: 'Action.Execute', title: 'Supplier requests', verb: 'hcp.supplier', data: {} },
  ];
  const secondary = [
    absenceAction(hcpChoices, v.form),
    showCardAction({
      title: 'Record a notice to finish',
      verb: 'hcp.notice',
      submitTitle: 'Record the notice',
      intro: `The supplier must tell you within 1 working day of the HCP telling them. The notice period starts from the day you were told, and is ${NOTICE_PERIODS_TEXT}.`,
      data: {},
      fields: [
        { id: 'hcpId', kind: 'choice', label: 'HCP', required: true, errorMessage: 'Choose the HCP.', choices: hcpChoices },
        { id: 'givenOn', kind: 'date', label: 'Day the HCP told the supplier', required: true, errorMessage: 'Choose the day.' },
        { id: 'receivedOn', kind: 'date', label: 'Day the supplier told you', required: true, errorMessage: 'Choose the day.' },
        { id: 'lastDay', kind: 'date', label: 'The HCP’s last working day', required: true, errorMessage: 'Choose the day.' },
      ],
      values: v.form?.values,
      problems: v.form?.problems,
    }),
  ];
  return glanceCard({
    title: `HCPs in ${w.district}`,
    subtitle: `Week of ${describeDate(w.weekStart)}`,
    note: v.message,
    yourAction,
    keyFacts: [
      { label: 'Weekly notes to review', value: String(w.notesToReview.length) },
      { label: 'Case conferences waiting for a time', value: String(w.requested.length) },
      { label: 'Open supplier requests', value: `${w.openRequests.length}${overdue ? ` (${overdue} overdue)` : ''}` },
    ],
    blocks,
    details: { facts: [{ label: `Attendance this ${period.label}`, value: `${describeDate(period.from)} to ${describeDate(period.to)}` }, ...attendanceFacts], paragraphs: [] },
    actions,
    secondary,
    problems: v.form?.problems,
  });
}

function requestLine(r: SupplierRequest, today: string, hcpName: (id: string | null) => string): string {
  const who = r.hcpId ? ` for ${hcpName(r.hcpId)}` : '';
  const dates = r.fromDate ? ` (${describeDate(r.fromDate)}${r.toDate && r.toDate !== r.fromDate ? ` to ${describeDate(r.toDate)}` : ''})` : '';
  return `**${r.reference}** ${SUPPLIER_REQUEST_LABELS[r.kind]}${who}${dates}${r.caseReference ? `, case ${r.caseReference}` : ''}: ${requestState(r, today)}`;
}

/** Where a request stands: an HCP by the day cover starts (seed §4.1's two weeks), information by when it was answered. */
function requestState(r: SupplierRequest, today: string): string {
  if (asksForHcp(r.kind)) return coverState(r, today);
  const state = supplierTimeliness(r, today);
  if (state === 'withdrawn') return 'withdrawn, no longer needed';
  if (r.answeredAt) return `answered ${describeDate(londonDateFast(r.answeredAt))}, ${state === 'met' ? 'in time' : 'late'}`;
  return state === 'overdue' ? `OVERDUE: was due ${describeDate(r.dueOn)}` : `due by ${describeDate(r.dueOn)}`;
}

/**
 * A request for an HCP against the supplier's two weeks, in the words the report counts it by: only
 * cover that started by the due date is in time; a day still to come is promised, not yet met.
 */
function coverState(r: Pick<SupplierRequest, 'status' | 'dueOn' | 'coverOn' | 'answeredAt'>, today: string): string {
  const cover = r.coverOn ? describeDate(r.coverOn) : '';
  switch (hcpCover(r, today)) {
    case 'withdrawn':
      return 'withdrawn, no longer needed';
    case 'fulfilled':
      return `cover from ${cover}, within the supplier’s two weeks`;
    case 'promised':
      return `cover to start ${cover}, within the supplier’s two weeks: in time once that day comes`;
    case 'late':
      return `cover from ${cover}, after the supplier’s two weeks ended on ${describeDate(r.dueOn)}: not met`;
    case 'undated':
      return `answered${r.answeredAt ? ` ${describeDate(londonDateFast(r.answeredAt))}` : ''}, before the day cover starts was recorded: not counted`;
    case 'unfilled':
      return `OVERDUE: was due ${describeDate(r.dueOn)}, and no cover is recorded`;
    case 'waiting':
      return `cover due by ${describeDate(r.dueOn)}`;
  }
}

/** What the activity manager is told once an answer is recorded. */
export function supplierAnswerNote(r: SupplierRequest, today: string): string {
  if (!asksForHcp(r.kind)) return `Answer to ${r.reference} recorded.`;
  const state = coverState(r, today);
  return `Answer to ${r.reference} recorded. ${state.charAt(0).toUpperCase()}${state.slice(1)}.`;
}

/** What the activity manager is told once a cover day is changed (or given to an answer that had none), and where that leaves the request. */
export function coverDayNote(r: SupplierRequest, before: string | null, today: string): string {
  const day = describeDate(r.coverOn ?? '');
  const done = `Cover day of ${r.reference} ${before ? `changed to ${day}` : `recorded as ${day}`}; the supplier figure counts from it.`;
  switch (hcpCover(r, today)) {
    case 'fulfilled':
      return `${done} That is within the supplier’s two weeks.`;
    case 'promised':
      return `${done} That is within the supplier’s two weeks: in time once that day comes.`;
    case 'late':
      return `${done} That is after the supplier’s two weeks ended on ${describeDate(r.dueOn)}: not met.`;
    default:
      return done;
  }
}

export interface SupplierView {
  readonly district: string;
  readonly open: readonly SupplierRequest[];
  readonly recent: readonly SupplierRequest[];
  readonly hcps: readonly StaffMember[];
  readonly today: string;
  readonly message?: GlanceNote;
  readonly form?: FormState;
  /** The request whose answer form `form` fills (and comes first of the answer forms); without it, `form` fills the form to ask the supplier. */
  readonly answering?: string;
  /** The activity manager looking: the domain says, request by request, whether they may change its cover day. */
  readonly viewer: Pick<StaffMember, 'roles'>;
  /** `form` fills the cover day form: it comes back open, with what was typed. */
  readonly changingCover?: boolean;
}

/** How much of each recent answer the supplier card shows (in characters as a card's JSON writes them). */
const RECENT_ANSWER_PREVIEW = 120;

/** `supplier requests`: what is asked of the supplier, each against its time (2 weeks, or 5 working days). */
export function supplierCard(v: SupplierView): AdaptiveCard {
  const name = (id: string | null) => v.hcps.find((h) => h.id === id)?.name ?? 'an HCP';
  const overdue = v.open.filter((r) => supplierTimeliness(r, v.today) === 'overdue').length;
  const yourAction = v.open.length ? `Your action: record the supplier’s answer when it comes${overdue ? `; ${plural(overdue, 'request is', 'requests are')} overdue` : ''}.` : 'Nothing for you to do now: no request is waiting for the supplier.';
  const recent = v.recent.slice(0, 15);
  // The requests listed whose cover day this manager may change: the domain's one answer, asked of each.
  const changeable = recent.filter((r) => withoutStacks(() => coverDayRefusal(v.viewer, v.district, r)) === null);
  const coverDay = changeable.length ? coverDayAction(changeable, name, v.changingCover ? v.form : undefined) : null;
  // A refused or stale change comes back open, with what was typed, where a refused form opens.
  const reopened = v.changingCover && v.form && coverDay ? openForm(coverDay) : null;
  const blocks = [
    ...(reopened ? [reopened] : []),
    textBlock('Waiting for the supplier', { weight: 'Bolder' }),
    ...(v.open.length ? v.open.slice(0, 15).map((r) => textBlock(requestLine(r, v.today, name))) : [textBlock('None.')]),
  ];
  // In time: an HCP's cover started within the two weeks (not merely answered); information answered within its days.
  const met = v.recent.filter((r) => (asksForHcp(r.kind) ? hcpCover(r, v.today) === 'fulfilled' : supplierTimeliness(r, v.today) === 'met')).length;
  // Withdrawn requests were never answered: they are listed, but not counted as answers.
  const answeredRecently = v.recent.filter((r) => r.status === 'answered').length;
  // What was typed goes back into the one form it came from: the answer to that request, or the request to the supplier.
  const raising = v.answering || v.changingCover ? undefined : v.form;
  const answering = v.open.find((r) => r.id === v.answering);
  const toAnswer = answering ? [answering, ...v.open.filter((r) => r !== answering)] : v.open;
  const actions: Record<string, unknown>[] = [
    showCardAction({
      title: 'Ask the supplier',
      verb: 'hcp.supplierRaise',
      submitTitle: 'Record the request',
      intro: `HCP provision and replacements: ${PROVISION_DAYS / 7} weeks. Ad hoc information, subject access and freedom of information requests: ${INFORMATION_WORKING_DAYS} working days.`,
      data: {},
      fields: [
        { id: 'kind', kind: 'choice', label: 'What you are asking for', required: true, errorMessage: 'Choose what you are asking for.', choices: Object.entries(SUPPLIER_REQUEST_LABELS).map(([value, title]) => ({ title, value })) },
        { id: 'details', kind: 'multiline', label: 'Details', required: true, errorMessage: 'Say what you are asking for.', hint: 'Name a case only by its reference.', maxLength: 1000 },
        { id: 'hcpId', kind: 'choice', label: 'HCP, if it is about one (optional)', required: false, errorMessage: 'Choose an HCP.', choices: v.hcps.map((h) => ({ title: h.name, value: h.id })) },
        { id: 'fromDate', kind: 'date', label: 'From (optional)', required: false, errorMessage: 'Choose a date.' },
        { id: 'toDate', kind: 'date', label: 'To (optional)', required: false, errorMessage: 'Choose a date.' },
        { id: 'caseReference', kind: 'text', label: 'Case reference, for a subject access request', required: false, errorMessage: 'Enter a reference like SA-000012.', placeholder: 'SA-000012', maxLength: 10 },
      ],
      values: raising?.values,
      problems: raising?.problems,
    }),
    ...toAnswer.slice(0, 5).map((r) =>
      showCardAction({
        title: `Answer to ${r.reference}`,
        verb: 'hcp.supplierAnswer',
        submitTitle: 'Record the answer',
        data: { requestId: r.id, version: r.version },
        fields: [
          { id: 'answer', kind: 'multiline', label: 'What the supplier answered', required: true, errorMessage: 'Say what the supplier answered.', maxLength: 1000 },
          ...(asksForHcp(r.kind) ? [coverField(r)] : []),
        ],
        values: r === answering ? v.form?.values : undefined,
        problems: r === answering ? v.form?.problems : undefined,
      }),
    ),
  ];
  return glanceCard({
    title: `Supplier requests: ${v.district}`,
    subtitle: 'HCP provision, replacements and information asked of the supplier',
    note: v.message,
    yourAction,
    keyFacts: [
      { label: 'Waiting', value: `${v.open.length}${overdue ? ` (${overdue} overdue)` : ''}` },
      { label: 'Answered in the last 3 months', value: answeredRecently ? `${answeredRecently}, ${met} in time` : 'none' },
    ],
    blocks,
    // Each answer's start: 15 at their longest would take the card past Teams' size.
    details: { facts: [], paragraphs: recent.map((r) => ({ label: requestLine(r, v.today, name), value: preview(r.status === 'withdrawn' ? r.details : (r.answer ?? ''), RECENT_ANSWER_PREVIEW).text })) },
    actions: coverDay && !reopened ? [...actions, coverDay] : actions,
    // The refused form is opened on the card: the first with the field, which is the one it came from.
    problems: raising || answering ? v.form?.problems : undefined,
  });
}

/**
 * The day cover started on an answered request for an HCP, corrected to the day it really started
 * (or given to an answer recorded before cover days were asked for). One form for the whole list,
 * the request chosen from it: a form on each of 15 rows would take the card past Teams' size. Each
 * choice carries its request's version, so a change made since the card was shown is caught.
 * With `form`, what was typed is kept: the request chosen (at its version now) and the day.
 */
function coverDayAction(requests: readonly SupplierRequest[], hcpName: (id: string | null) => string, form?: FormState): Record<string, unknown> {
  const choices = requests.map((r) => ({
    title: `${r.reference}, ${SUPPLIER_REQUEST_LABELS[r.kind]}${r.hcpId ? ` for ${hcpName(r.hcpId)}` : ''}: ${r.coverOn ? `cover from ${describeDate(r.coverOn)}` : 'no cover day recorded'}`,
    value: coverDayChoice(r),
  }));
  const chosenId = form?.values?.request?.split(':')[0];
  const chosen = requests.find((r) => r.id === chosenId);
  // One request to choose from: it is chosen, its day filled in.
  const only = requests.length === 1 ? requests[0]! : undefined;
  const values: Readonly<Record<string, string>> | undefined = form ? { ...form.values, request: chosen ? coverDayChoice(chosen) : '' } : only ? { request: coverDayChoice(only), coverDay: only.coverOn ?? '' } : undefined;
  return showCardAction({
    title: 'Change a cover day',
    verb: 'hcp.supplierCover',
    submitTitle: 'Change the cover day',
    intro: 'When the supplier’s HCP started on another day than the one recorded, record the day they really started: the supplier’s two weeks are measured to it.',
    data: {},
    fields: [
      { id: 'request', kind: 'list', label: 'Request', required: true, errorMessage: 'Choose the request.', placeholder: 'Choose the request', choices },
      { id: 'coverDay', kind: 'date', label: 'Day the supplier’s HCP started covering', required: true, errorMessage: 'Choose the day cover started.' },
    ],
    values,
    problems: form?.problems,
  });
}

/** A request as the cover day form offers it: its id and the version it was shown at. */
function coverDayChoice(r: SupplierRequest): string {
  return `${r.id}:${r.version}`;
}

/** The day cover starts: what the supplier's two weeks are measured to, so an answer for an HCP must give it. */
function coverField(r: SupplierRequest): FormField {
  return {
    id: 'coverOn',
    kind: 'date',
    label: 'Day the supplier’s HCP starts covering',
    required: true,
    errorMessage: 'Choose the day cover starts.',
    min: londonDateFast(r.raisedAt),
    hint: `The supplier must provide cover within two weeks of the request: by ${describeDate(r.dueOn)}. If they cannot send anyone yet, leave the request open.`,
  };
}

/**
 * The conversations booked with an HCP on days they will not be there, for whoever recorded the
 * absence or notice: by reference and time only, never the claimant. Null when there are none.
 */
export function bookedWhenAwayText(hcpName: string, booked: readonly Pick<HcpConversation, 'reference' | 'start'>[], when: 'on those days' | 'after their last day'): string | null {
  const times = booked.flatMap((c) => (c.start ? [`${c.reference} ${describeDate(londonDateFast(c.start)).replace(/ \d{4}$/, '')} ${londonClock(c.start)}`] : []));
  if (!times.length) return null;
  const count = times.length === 1 ? '1 Specialist Advice conversation is' : `${times.length} Specialist Advice conversations are`;
  return `${count} booked with ${hcpName} ${when}: ${times.join(', ')}. Your action: tell the coaches, or move them when a replacement is known.`;
}

/** After a notice is recorded: whether the supplier told the department in time, what the HCP must finish, and the conversations booked after their last day. */
export function noticeCard(notice: HcpNotice, hcpName: string, open: readonly SupportingActivity[], note: WeeklyNote | null, booked: readonly Pick<HcpConversation, 'reference' | 'start'>[] = []): AdaptiveCard {
  const inTime = notice.receivedOn <= notice.dueOn;
  const bookedText = bookedWhenAwayText(hcpName, booked, 'after their last day');
  const blocks = [
    // First: a claimant would come to a conversation with nobody there.
    ...(bookedText ? [textBlock(bookedText, { weight: 'Bolder' })] : []),
    textBlock(`Open activity for ${hcpName} to complete before leaving`, { weight: 'Bolder' }),
    ...(open.length ? open.map((a) => textBlock(`${ACTIVITY_KIND_LABELS[a.kind]}: ${a.date ? describeDate(a.date) : 'no time yet'} (${a.status === 'planned' ? 'planned' : 'asked for'})`)) : [textBlock('No open supporting activity.')]),
    textBlock(`Weekly note this week: ${note ? stateOf(note).toLowerCase() : 'not started'}.`),
  ];
  return glanceCard({
    title: `Notice to finish: ${hcpName}`,
    subtitle: `Last working day ${describeDate(notice.lastDay)}`,
    note: inTime ? { text: 'The supplier told you within 1 working day.', tone: 'good' } : { text: `The supplier told you late: it was due by ${describeDate(notice.dueOn)}.`, tone: 'attention' },
    yourAction: open.length ? `Your action: make sure ${hcpName} completes the open activity below and returns all department property.` : `Nothing for you to do now: make sure ${hcpName} returns all department property before leaving.`,
    keyFacts: [
      { label: 'HCP told the supplier', value: describeDate(notice.givenOn) },
      { label: 'Supplier told you', value: `${describeDate(notice.receivedOn)} (${inTime ? 'in time' : 'late'})` },
      { label: 'Notice period given', value: `${describeNoticeDays(noticeDays(notice.receivedOn, notice.lastDay))}, from ${describeDate(notice.receivedOn)} to ${describeDate(notice.lastDay)}` },
    ],
    blocks,
    details: { facts: noticePeriodFacts(notice), paragraphs: [] },
    actions: [{ type: 'Action.Execute', title: 'Back to the week', verb: 'hcp.week', data: {} }],
  });
}

/** The notice periods, which one the contract asks for being the contract's: the earliest last day each allows. */
function noticePeriodFacts(notice: HcpNotice): Fact[] {
  const month = earliestLastDayMonth(notice.receivedOn);
  return [
    { label: 'Notice needed', value: `${NOTICE_PERIODS_TEXT}, counted from the day you were told` },
    { label: '1 week', value: `a last day on or after ${describeDate(earliestLastDay(notice.receivedOn))}: given` },
    { label: '1 month', value: `a last day on or after ${describeDate(month)}: ${notice.lastDay >= month ? 'given' : 'not given, if the contract asks for it'}` },
  ];
}

export interface ContactView {
  readonly jobcentre: Jobcentre;
  readonly hcps: readonly { hcp: StaffMember; attendance: AttendanceRecord | null }[];
  readonly today: string;
  readonly message?: GlanceNote;
  readonly form?: FormState;
}

/** `arrived` for a jobcentre contact: the HCPs expected today, and their arrival. */
export function contactArrivalCard(v: ContactView): AdaptiveCard {
  // Recorded absent earlier, an HCP who comes after all can still be recorded as arrived: it takes the absence's place.
  const waiting = v.hcps.filter((h) => awaitsArrival(h.attendance));
  const yourAction = !v.hcps.length ? 'Nothing for you to do now: no HCP is planned at your jobcentre today.' : waiting.length ? `Your action: when ${waiting.map((h) => h.hcp.name).join(' and ')} arrives, record it here.` : 'Nothing for you to do now: arrivals are recorded.';
  const keyFacts: Fact[] = v.hcps.map((h) => ({ label: h.hcp.name, value: h.attendance ? `${ATTENDANCE_LABELS[h.attendance.status]}${h.attendance.arrivedAt ? `, arrived ${clock(h.attendance.arrivedAt)}` : ''}` : 'not arrived yet' }));
  // A refused arrival comes back in its own HCP's form only, not in the absence form (nor the other HCP's).
  const arrivalForm = v.form?.values !== undefined && 'arrivedAt' in v.form.values;
  return glanceCard({
    title: `HCPs at ${v.jobcentre.name} today`,
    subtitle: describeDate(v.today),
    note: v.message,
    yourAction,
    keyFacts,
    details: { facts: [], paragraphs: [{ label: 'Late', value: `HCPs start at ${START_OF_DAY}. An arrival after that is recorded as late.` }] },
    actions: waiting.slice(0, 2).map((h) => arrivalAction(h.hcp, arrivalForm && v.form?.values?.hcpId === h.hcp.id ? v.form : undefined)),
    secondary: v.hcps.length ? [absenceAction(v.hcps.map((h) => ({ title: h.hcp.name, value: h.hcp.id })), arrivalForm ? undefined : v.form)] : [],
    problems: v.form?.problems,
  });
}

/**
 * "(HCP) has arrived": the time they arrived, left empty for now, so a contact who greets the HCP
 * at 08:25 and records it at 08:40 records 08:25 (seed §7.2). Refused, the time typed comes back
 * with the problem beside it.
 */
function arrivalAction(hcp: StaffMember, form?: FormState): Record<string, unknown> {
  return showCardAction({
    title: `${hcp.name} has arrived`,
    verb: 'hcp.arrived',
    submitTitle: 'Record the arrival',
    intro: `Leave the time empty if ${hcp.name} has just arrived. If you are recording it later, enter the time they arrived today (London time).`,
    data: { hcpId: hcp.id },
    fields: [{ id: 'arrivedAt', kind: 'text', label: 'Arrived at (optional, for example 08:25)', required: false, errorMessage: 'Enter the time they arrived, for example 08:25, or leave it empty for now.', placeholder: 'now', maxLength: 5 }],
    values: form?.values,
    problems: form?.problems,
  });
}

/** Working days as a reader says them: one day, a run of days, or the first and last with a count. */
function daysLine(dates: readonly string[]): string {
  if (dates.length === 1) return describeDate(dates[0]!);
  return `${describeDate(dates[0]!)} to ${describeDate(dates[dates.length - 1]!)} (${plural(dates.length, 'working day')})`;
}

/**
 * The activity manager's card when a contact or the HCP records an absence or a late arrival: the
 * HCP, the jobcentre, the day or days and, for an absence, the replacement asked of the supplier.
 */
export function attendanceNoticeCard(n: AttendanceNotice): AdaptiveCard {
  const absence = n.kind === 'absence';
  const r = n.request;
  const keyFacts: Fact[] = [
    { label: 'Jobcentre', value: n.jobcentreName ?? 'not planned' },
    { label: absence ? 'Absent' : 'Date', value: n.dates.length ? daysLine(n.dates) : absence && r?.status === 'withdrawn' ? 'none: arrived after all' : 'no working days' },
  ];
  if (n.arrivedAt) keyFacts.push({ label: 'Arrived', value: `${clock(n.arrivedAt)} (the day starts at ${START_OF_DAY})` });
  // Recorded later than the HCP arrived (the time given by whoever recorded it): both are shown.
  if (n.arrivedAt && n.recordedAt && clock(n.recordedAt) !== clock(n.arrivedAt)) keyFacts.push({ label: 'Recorded', value: `${clock(n.recordedAt)}, by ${n.recordedByName}, who gave the time of arrival` });
  if (n.replacedAbsence) keyFacts.push({ label: 'Absence', value: 'recorded earlier for the day: this arrival takes its place' });
  if (r) keyFacts.push({ label: 'Replacement asked for', value: replacementState(r) });
  let yourAction = 'Nothing for you to do now: it is in the attendance record you report.';
  if (r && n.replacedAbsence) {
    yourAction =
      r.status === 'withdrawn'
        ? `Your action: tell the supplier that ${r.reference} is withdrawn: no replacement is needed.`
        : r.status === 'open'
          ? `Your action: tell the supplier that ${r.reference} is now for ${r.fromDate && r.toDate ? datesLine(r.fromDate, r.toDate) : 'the days still absent'} only.`
          : `Your action: the supplier has already answered ${r.reference}: tell them ${n.hcpName} arrived on ${describeDate(n.dates[0]!)}.`;
  } else if (absence && r?.status === 'open') yourAction = `Your action: record the supplier’s answer to ${r.reference} when it comes.`;
  const title = absence ? `Absence: ${n.hcpName}` : n.kind === 'late' ? `Late arrival: ${n.hcpName}` : `Arrival: ${n.hcpName}`;
  return glanceCard({
    title,
    subtitle: n.replacedAbsence ? `Recorded by ${n.recordedByName}, after an absence was recorded for the day` : `Recorded by ${n.recordedByName}`,
    yourAction,
    keyFacts,
    details: { facts: [], paragraphs: [] },
    actions: absence || n.replacedAbsence ? [{ type: 'Action.Execute', title: 'Supplier requests', verb: 'hcp.supplier', data: {} }] : [{ type: 'Action.Execute', title: 'Your HCPs’ week', verb: 'hcp.week', data: {} }],
  });
}

function datesLine(from: string, to: string): string {
  return from === to ? describeDate(from) : `${describeDate(from)} to ${describeDate(to)}`;
}

/** A replacement request as it stands: waiting (for which days), answered, or withdrawn. */
function replacementState(r: NonNullable<AttendanceNotice['request']>): string {
  if (r.status === 'withdrawn') return `${r.reference}, withdrawn: no longer needed`;
  if (r.status === 'answered') return `${r.reference}, answered by the supplier${r.coverOn ? `: cover from ${describeDate(r.coverOn)}` : ''}`;
  return `${r.reference}${r.fromDate && r.toDate ? ` for ${datesLine(r.fromDate, r.toDate)}` : ''}, the supplier must answer by ${describeDate(r.dueOn)}`;
}
