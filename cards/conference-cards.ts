/**
 * Cards of the group conference journey (seed §29–34, §69). Cases are shown by request reference
 * only, never with a claimant's name, NINO or health details.
 */
import { heading, noteBlock, textBlock, type FormState, type GlanceNote } from './glance-card';
import type { ConferenceAction, PlanAction } from '../domain/conferences/plan-policy';
import type { ConferencePlan, GroupConference, NominatedCase } from '../domain/conferences/plan';
import { CASES_EXPECTED, CONFERENCE_LIMITS, CONFERENCE_MINUTES, QAS_MONTHLY_FOR } from '../domain/conferences/plan';
import { MAX_GROUP_SIZE } from '../domain/conferences/grouping';
import { HORIZON_MONTHS } from '../domain/conferences/months';
import { QAS_RESULT_LABELS, QAS_RESULTS } from '../domain/quality/qas';
import { describeMonth } from '../domain/conferences/months';
import { NEXT_STEP_LABELS, NEXT_STEPS_AFTER } from '../domain/outcomes/next-steps';
import { describeMeeting, londonDate } from '../domain/requests/calendar-date';
import type { StaffMember } from '../domain/staff';
import { inWords } from '../domain/names';
import { formCard, showCardAction, type FormField } from './form-card';
import type { AdaptiveCard } from './render';
import { summaryCard } from './summary-card';
import { londonClock } from '../domain/calendar/london-time';

const STATUS_LABELS: Readonly<Record<GroupConference['status'], string>> = {
  proposed: 'proposed',
  unplaced: 'no time found: give one',
  pending: 'booking…',
  booked: 'booked',
  failed: 'not booked yet',
  held: 'held',
  cancelled: 'cancelled',
};

/** The team leader's first step: whose cohort, how long, whom else to invite (seed §30). */
export function planStartCard(deas: readonly StaffMember[], state: FormState = {}, note?: GlanceNote): AdaptiveCard {
  const fields: FormField[] = [
    { id: 'deaId', kind: 'choice', label: 'DEA', required: true, errorMessage: 'Choose the DEA.', choices: deas.map((d) => ({ title: d.name, value: d.id })) },
    {
      id: 'durationMinutes',
      kind: 'choice',
      label: 'Length of each conference',
      required: true,
      errorMessage: 'Choose how long each conference is.',
      choices: CONFERENCE_MINUTES.map((m) => ({ title: m % 60 === 0 ? `${m / 60} hour${m > 60 ? 's' : ''}` : `${m} minutes`, value: String(m) })),
    },
    {
      id: 'meetingMethod',
      kind: 'choice',
      label: 'How you’ll meet',
      required: true,
      errorMessage: 'Choose how you will meet.',
      choices: [{ title: 'Face to face at a jobcentre', value: 'face_to_face' }, { title: 'Teams meeting', value: 'teams' }],
    },
    { id: 'venue', kind: 'text', label: 'Jobcentre (face to face only)', required: false, errorMessage: 'Enter the jobcentre where the groups meet.', maxLength: CONFERENCE_LIMITS.venue, placeholder: 'For example, Leeds Jobcentre' },
    { id: 'room', kind: 'text', label: 'Room (face to face only)', required: false, errorMessage: 'Enter the room at the jobcentre.', maxLength: CONFERENCE_LIMITS.room, placeholder: 'For example, Room 2' },
    {
      id: 'timeOfDay',
      kind: 'choice',
      label: 'Preferred time of day',
      required: true,
      errorMessage: 'Choose a time of day, or any time.',
      choices: [{ title: 'Any time', value: 'any' }, { title: 'Morning (ends by 1pm)', value: 'morning' }, { title: 'Afternoon (from 1pm)', value: 'afternoon' }],
    },
    { id: 'inviteWctl', kind: 'multichoice', label: 'Invite you (the team leader)', required: false, errorMessage: '', choices: [{ title: 'Invite me to every conference', value: 'true' }] },
    { id: 'inviteWorkPsychologist', kind: 'multichoice', label: 'Invite the work psychologist', required: false, errorMessage: '', choices: [{ title: 'Invite the work psychologist', value: 'true' }] },
  ];
  const card = formCard({
    journey: '',
    step: '',
    title: 'Plan group conferences',
    intro: `The DEA’s cohort is put into groups of at most ${MAX_GROUP_SIZE}, keeping teams together, and each group gets a time every month for the next ${HORIZON_MONTHS} months when the DEA and all its coaches are free. You see the plan before anything is booked.`,
    submitTitle: 'Find times',
    fields,
    values: { durationMinutes: '60', meetingMethod: 'face_to_face', timeOfDay: 'any', ...(deas.length === 1 ? { deaId: deas[0]!.id } : {}), ...state.values },
    problems: state.problems,
  });
  card.actions = [{ type: 'Action.Execute', title: 'Find times', verb: 'conference.draft', style: 'positive', data: {} }];
  // A refused click says why, under the heading, with what was chosen kept below.
  if (note) (card.body as unknown[]).splice(1, 0, noteBlock(note));
  return card;
}

const TIME_OF_DAY_WORDS: Readonly<Record<ConferencePlan['timeOfDay'], string>> = { any: '', morning: ', in the morning', afternoon: ', in the afternoon' };

/** "How you'll meet", in words: the jobcentre and room, or Teams. */
function meetingPlace(plan: ConferencePlan): string {
  return plan.meetingMethod === 'face_to_face' ? `face to face at ${plan.venue ?? 'the jobcentre'}, ${plan.room ?? 'room to be confirmed'}` : 'as a Teams meeting';
}

export interface PlanView {
  readonly plan: ConferencePlan;
  readonly conferences: readonly GroupConference[];
  readonly dea: StaffMember;
  /** Everyone named on the plan, by id. */
  readonly people: ReadonlyMap<string, StaffMember>;
  readonly progress?: string;
  readonly note?: GlanceNote;
  readonly form?: FormState;
  /** What the plan policy lets its team leader do now. */
  readonly allowed: ReadonlySet<PlanAction>;
  /** What the plan policy lets its team leader do with each conference of the confirmed plan, by id. */
  readonly conferenceAllowed?: ReadonlyMap<string, ReadonlySet<ConferenceAction>>;
  /** The form of `form.values.conferenceId` comes back open as sent, with no problem to mark (the diaries were not read in time). */
  readonly formOpen?: boolean;
  /** The conference whose "…" was clicked: its actions shown under the grid. */
  readonly open?: string;
  /** The months before those in the grid (a confirmed plan's history): how many, and what is still to do from them. */
  readonly earlier?: { readonly firstMonth: string | null; readonly months: number; readonly due: readonly GroupConference[]; readonly moreOutcomes: boolean };
  /** Months whose check list is due (seed §69): their held conferences say so. */
  readonly qasDue?: readonly string[];
  /** For a conference that took place and is still booked: its outcome is not recorded yet. */
  readonly now?: Date;
}

const shortDay = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short', day: 'numeric', month: 'short' });

/**
 * The plan at a glance: each group's coaches once, then a month × group grid (a row a month, a
 * column a group) with the date and time in each cell and, while it can be changed, a Change
 * button beside it; once confirmed, a month of a group with nothing booked has "Give it a time".
 * Built from ColumnSets, which Teams mobile shows too. A confirmed plan's grid has the months it was
 * read with (the last ones held, this one and those ahead, and older ones with something left to do);
 * the months before are summed up in a line, so the card stays the same size however long it runs.
 */
export function planCard(view: PlanView): AdaptiveCard {
  const { plan, conferences, dea, people } = view;
  const name = (id: string) => people.get(id)?.name ?? 'someone no longer in the directory';
  const months = [...new Set(conferences.map((c) => c.month))].sort();
  const invited = [plan.inviteWctl ? 'you' : null, plan.workPsychologistId ? `${name(plan.workPsychologistId)} (work psychologist)` : null].filter(Boolean);
  const data = { planId: plan.id, version: plan.version };
  const changeable = (c: GroupConference) => view.allowed.has('change') && (c.status === 'proposed' || c.status === 'unplaced');
  const placeable = (c: GroupConference) => view.conferenceAllowed?.get(c.id)?.has('place') === true;
  // "…" opens what is done with a booked conference; giving a time has its own button in the cell. A
  // held conference's summary went to the team leader: "…" stays only while its check list is due.
  const qasDue = (c: GroupConference) => c.status === 'held' && view.qasDue?.includes(c.month) === true;
  const managed = (c: GroupConference) => (c.status !== 'held' || qasDue(c)) && [...(view.conferenceAllowed?.get(c.id) ?? [])].some((a) => a !== 'place');
  const refusedId = (view.form?.problems && Object.keys(view.form.problems).length) || view.formOpen ? view.form?.values?.conferenceId : undefined;

  const body: Record<string, unknown>[] = [
    heading(plan.status === 'draft' ? `Group conferences for ${dea.name}: the plan` : `Group conferences for ${dea.name}`),
    textBlock(yourPlanAction(view), { weight: 'Bolder' }),
  ];
  if (view.note) body.push(noteBlock(view.note));
  if (plan.warning) body.push({ type: 'Container', style: 'attention', items: [textBlock(`⚠ ${plan.warning}`, { weight: 'Bolder' })] });
  if (view.progress) body.push(textBlock(view.progress, { weight: 'Bolder' }));
  body.push(textBlock(`${plan.durationMinutes} minutes each, ${meetingPlace(plan)}${TIME_OF_DAY_WORDS[plan.timeOfDay]}, in ${dea.name}’s diary${invited.length ? `; also invited: ${invited.join(' and ')}` : ''}.`, { spacing: 'Small' }));

  body.push(heading('Groups', 'Medium'));
  plan.groups.forEach((ids, i) => body.push(textBlock(`**Group ${i + 1}** (${ids.length}): ${ids.map(name).join(', ')}`, { spacing: 'Small' })));

  body.push(heading('Dates', 'Medium'));
  const earlier = view.earlier;
  if (earlier?.firstMonth && earlier.months > 0) {
    const listed = earlier.due.length ? '; what is still to do from them is under the dates' : '';
    body.push(textBlock(`${earlier.months} earlier ${earlier.months === 1 ? 'month' : 'months'} held since ${describeMonth(earlier.firstMonth)} ${earlier.months === 1 ? 'is' : 'are'} not shown${listed}.`, { spacing: 'Small', isSubtle: true }));
  }
  const groupCount = plan.groups.length;
  body.push(row([[textBlock('Month', { weight: 'Bolder' })], ...Array.from({ length: groupCount }, (_, g) => [textBlock(`Group ${g + 1}`, { weight: 'Bolder' })])], { separator: true }));
  for (const month of months) {
    const cells = Array.from({ length: groupCount }, (_, g) => {
      const c = conferences.find((x) => x.month === month && x.groupIndex === g);
      if (!c) return [textBlock('—', { isSubtle: true })];
      const items: Record<string, unknown>[] = [textBlock(c.start && c.end ? `${shortDay.format(c.start)}, ${londonClock(c.start)}` : 'No time yet', { weight: 'Bolder', spacing: 'None' })];
      if (c.status !== 'proposed' && c.status !== 'booked') items.push(textBlock(STATUS_LABELS[c.status], { spacing: 'None', size: 'Small' }));
      if (qasDue(c)) items.push(textBlock('Check list due', { spacing: 'None', size: 'Small', color: 'Attention' }));
      if (c.status === 'booked' && view.now && c.end && c.end.getTime() <= view.now.getTime()) items.push(textBlock('outcome not recorded yet', { spacing: 'None', size: 'Small' }));
      if (c.clashes.length) items.push(textBlock(`⚠ Busy then: ${c.clashes.map(name).join(', ')}`, { spacing: 'None', size: 'Small', color: 'Attention' }));
      else if (c.status === 'failed' && c.lastError) items.push(textBlock(`⚠ Not booked: ${c.lastError}`, { spacing: 'None', size: 'Small', color: 'Attention' }));
      // Each button opens its form or actions under the grid: a form in every cell would grow the card
      // past Teams' message size with the months and groups (15 forms made 43 KB).
      const opens = (title: string, tooltip: string) => ({ type: 'ActionSet', spacing: 'Small', actions: [{ type: 'Action.Execute', title, tooltip: `${tooltip} group ${c.groupIndex + 1}, ${describeMonth(c.month)}`, verb: 'conference.open', data: { ...data, conferenceId: c.id } }] });
      if (c.id !== refusedId && c.id !== view.open) {
        if (changeable(c)) items.push(opens('Change', 'Change'));
        if (placeable(c)) items.push(opens('Give it a time', 'Give a time to'));
      }
      // A move that came back under the grid leaves "…" in its cell: the case list or a cancel is still a click away.
      if (managed(c) && c.id !== view.open) items.push(opens('…', 'More for'));
      return items;
    });
    body.push(row([[textBlock(describeMonth(month), { weight: 'Bolder' })], ...cells], { separator: true }));
  }

  // From the months before the grid, what is still to do: a line each, opening its case list or summary.
  if (earlier?.due.length) {
    body.push(heading('Still to do from earlier months', 'Medium'));
    for (const c of earlier.due) {
      const what = c.status === 'held' ? 'the check list is due' : 'the outcome is not recorded yet';
      body.push(row([[textBlock(`Group ${c.groupIndex + 1}, ${describeMonth(c.month)}: ${what}`, { spacing: 'None' })], [{ type: 'ActionSet', spacing: 'None', actions: [{ type: 'Action.Execute', title: 'Open', verb: 'conference.cases', data: { conferenceId: c.id } }] }]], { separator: true }));
    }
    if (earlier.moreOutcomes) body.push(textBlock('More earlier conferences wait for the DEA to record their outcome, from the case list they were sent.', { spacing: 'Small', isSubtle: true }));
  }

  // A change or a time to give opens under the grid, filled in; a refused one comes back the same way,
  // with what was typed and the problem beside it.
  const refused = refusedId ? conferences.find((c) => c.id === refusedId) : undefined;
  const opened = !refused && view.open ? conferences.find((c) => c.id === view.open) : undefined;
  const editing = refused ?? (opened && (changeable(opened) || placeable(opened)) ? opened : undefined);
  const moving = editing === refused && refused !== undefined && view.conferenceAllowed?.get(refused.id)?.has('move') === true;
  if (editing && (changeable(editing) || placeable(editing) || moving)) {
    const state = editing === refused ? view.form : undefined;
    const [title, form] = changeable(editing)
      ? [`Change group ${editing.groupIndex + 1}, ${describeMonth(editing.month)}`, changeAction(editing, data, state)]
      : placeable(editing)
        ? [`Give group ${editing.groupIndex + 1}, ${describeMonth(editing.month)} a time`, placeAction(editing, data, state)]
        : [`Move group ${editing.groupIndex + 1}, ${describeMonth(editing.month)}`, moveAction(editing, data, state)];
    body.push({ type: 'Container', separator: true, items: [heading(title, 'Medium'), ...((form.card as AdaptiveCard).body as unknown[])] }, { type: 'ActionSet', actions: (form.card as AdaptiveCard).actions });
  }

  const openActions = opened && opened !== editing ? view.conferenceAllowed?.get(opened.id) : undefined;
  if (opened && openActions && managed(opened)) {
    body.push(
      { type: 'Container', separator: true, items: [heading(`Group ${opened.groupIndex + 1}, ${describeMonth(opened.month)}`, 'Medium'), textBlock(opened.start && opened.end ? describeMeeting(opened.start, opened.end) : 'No time yet', { spacing: 'Small' })] },
      { type: 'ActionSet', actions: conferenceActions(opened, openActions, data, dea, plan) },
    );
  }

  const actions: Record<string, unknown>[] = [];
  if (view.allowed.has('confirm')) actions.push({ type: 'Action.Execute', title: 'Confirm and book', verb: 'conference.confirm', style: 'positive', data });
  if (view.allowed.has('retry')) actions.push({ type: 'Action.Execute', title: 'Try booking again', verb: 'conference.retry', data });
  return { type: 'AdaptiveCard', version: '1.5', body, ...(actions.length ? { actions } : {}) };
}

/** The team leader's next step on the plan, in a line. */
function yourPlanAction(view: PlanView): string {
  if (view.allowed.has('confirm')) {
    const unplaced = view.conferences.filter((c) => c.status === 'unplaced').length;
    return unplaced ? `Your action: give a time to the ${unplaced === 1 ? 'conference' : `${unplaced} conferences`} marked “no time yet”, then confirm the plan.` : 'Your action: check the dates, change any that do not suit, then confirm and book.';
  }
  // A month of a group with nothing booked (no time found, or cancelled) is the team leader's to fill.
  const toPlace = view.conferences.filter((c) => view.conferenceAllowed?.get(c.id)?.has('place'));
  if (toPlace.length) {
    // A cancelled month is the team leader's to fill again, not one waiting for its first booking.
    const when = toPlace.some((c) => c.status === 'cancelled') ? 'now' : 'yet';
    return `Your action: give ${inWords(toPlace.map((c) => `group ${c.groupIndex + 1}’s ${describeMonth(c.month)} conference`))} a time. Nothing is booked for ${toPlace.length === 1 ? 'it' : 'them'} ${when}.`;
  }
  if (view.allowed.has('retry')) return 'Your action: some conferences are not booked yet. Try booking again.';
  const checks = view.qasDue ?? [];
  if (checks.length) return `Your action: record the Group Case Conference Check List for ${inWords(checks.map(describeMonth))}: open a conference held then for its summary and the check list.`;
  if (view.conferences.some((c) => c.status === 'pending')) return 'Nothing for you to do now: the conferences are being put in the diaries.';
  return 'Nothing for you to do now: the conferences are booked. Coaches nominate cases with “nominate case”.';
}

/** One row of the grid: the month, then one column per group; weights, not auto widths, so the rows line up. */
function row(columns: readonly (readonly Record<string, unknown>[])[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'ColumnSet', spacing: 'Small', ...extra, columns: columns.map((items, i) => ({ type: 'Column', width: i === 0 ? 2 : 3, items })) };
}

/**
 * "…" beside a booked conference: open its case list, move it, or cancel it. Cancelling is never
 * the first button and asks again, saying what happens and who is told.
 */
function conferenceActions(c: GroupConference, allowed: ReadonlySet<ConferenceAction>, data: Readonly<Record<string, unknown>>, dea: StaffMember, plan: ConferencePlan): Record<string, unknown>[] {
  const target = { ...data, conferenceId: c.id, conferenceVersion: c.version };
  const actions: Record<string, unknown>[] = [];
  if (allowed.has('cases')) actions.push({ type: 'Action.Execute', title: 'Open the case list', verb: 'conference.cases', data: target });
  if (allowed.has('move')) actions.push(moveAction(c, data));
  if (allowed.has('cancel')) {
    const who = `${dea.name}${plan.workPsychologistId ? ', the work psychologist' : ''} and the ${c.coachIds.length} coaches of group ${c.groupIndex + 1}`;
    actions.push({
      type: 'Action.ShowCard',
      title: 'Cancel this conference',
      card: {
        type: 'AdaptiveCard',
        body: [textBlock(`Cancel group ${c.groupIndex + 1}’s conference in ${describeMonth(c.month)}? It is taken out of the diaries of ${who}, and they are told. Cases put forward for it go to the group’s next conference, if it has one planned.`)],
        actions: [{ type: 'Action.Execute', title: 'Yes, cancel it', verb: 'conference.cancel', style: 'destructive', data: target }],
      },
    });
  }
  return actions;
}

/** A date and a start time in the conference's month, filled with what was typed or its time now. */
function timeInMonthForm(
  c: GroupConference,
  form: FormState | undefined,
  action: { readonly title: string; readonly verb: string; readonly submitTitle: string; readonly intro: string; readonly data: Record<string, unknown> },
): Record<string, unknown> {
  const values = form?.values ?? {};
  return showCardAction({
    ...action,
    values: { date: values.date ?? (c.start ? londonDate(c.start) : ''), time: values.time ?? (c.start ? londonClock(c.start) : '') },
    problems: form?.problems,
    fields: [
      { id: 'date', kind: 'date', label: `Date in ${describeMonth(c.month)}`, required: true, errorMessage: 'Enter the date.' },
      { id: 'time', kind: 'text', label: 'Start time (24-hour, like 14:30)', required: true, errorMessage: 'Enter the start time like 14:30.', maxLength: 5 },
    ],
  });
}

/** "Move" for a booked conference: a new date and time in the same month, everyone told. */
function moveAction(c: GroupConference, data: Readonly<Record<string, unknown>>, form?: FormState): Record<string, unknown> {
  return timeInMonthForm(c, form, {
    title: 'Move',
    verb: 'conference.move',
    submitTitle: 'Move it',
    intro: `Group ${c.groupIndex + 1}, ${describeMonth(c.month)}: give a new date and time in the same month. The meeting moves in everyone’s diary and they are told.`,
    data: { ...data, conferenceId: c.id, conferenceVersion: c.version },
  });
}

/**
 * "Give it a time" beside a confirmed plan's conference the top-up found no time for, or that was
 * cancelled: booked in everyone's diary. Where a cancelled one's cases are is said after the click
 * (`casesOfPlacedAgain`): the card is drawn without reading them.
 */
function placeAction(c: GroupConference, data: Readonly<Record<string, unknown>>, form?: FormState): Record<string, unknown> {
  const intro =
    c.status === 'cancelled'
      ? `Group ${c.groupIndex + 1}, ${describeMonth(c.month)} was cancelled. To hold it after all, give a date and time in the month when the DEA works: it is booked again in the diaries of the DEA and the group’s coaches, and they are told.`
      : `Group ${c.groupIndex + 1}, ${describeMonth(c.month)}: give a date and time in the month when the DEA works. It is booked in the diaries of the DEA and the group’s coaches.`;
  return timeInMonthForm(c, form, {
    title: 'Give it a time',
    verb: 'conference.place',
    submitTitle: 'Book it',
    intro,
    data: { ...data, conferenceId: c.id, conferenceVersion: c.version },
  });
}

/**
 * Where the cases of a cancelled conference given a time again are, from how many are still on it:
 * the cancel moved them to the group's next conference only if it had one, and they are not brought back.
 */
export function casesOfPlacedAgain(onIt: number): string {
  if (onIt === 0) return 'Any cases put forward for it before it was cancelled went to the group’s next conference.';
  return onIt === 1 ? 'The case put forward for it is still on it.' : `The ${onIt} cases put forward for it are still on it.`;
}

/** "Change" beside a conference: a new date and time in the same month. */
function changeAction(c: GroupConference, data: Readonly<Record<string, unknown>>, form?: FormState): Record<string, unknown> {
  return timeInMonthForm(c, form, {
    title: 'Change',
    verb: 'conference.change',
    submitTitle: 'Change it',
    intro: `Group ${c.groupIndex + 1}, ${describeMonth(c.month)}: give a new date and time in the same month.`,
    data: { ...data, conferenceId: c.id },
  });
}

/** A coach or team leader puts a case forward for a coming conference (seed §30, §31). */
export function nominateCard(conferences: readonly { conference: GroupConference; label: string }[], state: FormState = {}, note?: GlanceNote): AdaptiveCard {
  const card = formCard({
    journey: '',
    step: '',
    title: 'Nominate a case for a group conference',
    intro: `${CASES_EXPECTED.min}–${CASES_EXPECTED.max} cases are discussed at each conference. Give the reference of a request to the DEA, or describe a new case in a few words, without the claimant’s name, National Insurance number or health details.${note ? `\n\n${note.text}` : ''}`,
    submitTitle: 'Nominate',
    fields: [
      { id: 'conferenceId', kind: 'choice', label: 'Conference', required: true, errorMessage: 'Choose the conference.', choices: conferences.map((c) => ({ title: c.label, value: c.conference.id })) },
      { id: 'reference', kind: 'text', label: 'Request reference (like DEA-000123)', required: false, errorMessage: 'Enter a reference like DEA-000123.', maxLength: 12 },
      { id: 'note', kind: 'multiline', label: 'Or a new case, in a few words', required: false, errorMessage: `At most ${CONFERENCE_LIMITS.note} characters.`, maxLength: CONFERENCE_LIMITS.note },
    ],
    values: { ...(conferences.length === 1 ? { conferenceId: conferences[0]!.conference.id } : {}), ...state.values },
    problems: state.problems,
  });
  card.actions = [{ type: 'Action.Execute', title: 'Nominate', verb: 'conference.nominate', style: 'positive', data: {} }];
  return card;
}

/** How a nominated case is shown: by reference, or as a new case in the nominator's words. */
export function caseLabel(c: NominatedCase, nominator: string): string {
  return c.reference ? `${c.reference} (nominated by ${nominator})` : `New case (nominated by ${nominator}): ${c.note ?? ''}`;
}

/** The DEA's list before the conference (seed §30), and the form for the outcome afterwards (§33–34). */
export function caseListCard(conference: GroupConference, cases: readonly NominatedCase[], names: ReadonlyMap<string, string>, state: FormState = {}, note?: GlanceNote, readOnly = false): AdaptiveCard {
  const steps = NEXT_STEPS_AFTER.group_conference.map((s) => ({ title: NEXT_STEP_LABELS[s], value: s }));
  const held = conference.status === 'held';
  return withActions(
    summaryCard({
      title: `Group conference: group ${conference.groupIndex + 1}, ${describeMonth(conference.month)}`,
      subtitle: conference.start && conference.end ? describeMeeting(conference.start, conference.end) : undefined,
      facts: [
        { label: 'Cases', value: cases.length ? `${cases.length}` : 'none nominated yet' },
        ...cases.map((c, i) => ({ label: `Case ${i + 1}`, value: caseLabel(c, names.get(c.nominatedById) ?? 'someone') + (c.nextSteps.length ? ` → ${c.nextSteps.map((s) => NEXT_STEP_LABELS[s]).join('; ')}${c.followUps.length ? ` (${c.followUps.join(', ')})` : ''}` : '') })),
      ],
      paragraphs: held ? [{ label: 'Summary', value: conference.summary ?? '' }, ...(conference.actions ? [{ label: 'Actions', value: conference.actions }] : [])] : [],
      note: note?.text,
      noteTone: note?.tone,
    }),
    // Only the DEA records the outcome; the team leader and coaches see the list.
    held || readOnly
      ? []
      : [
          showCardAction({
            title: 'Record the outcome',
            verb: 'conference.outcome',
            submitTitle: 'Save and send the summary',
            intro: 'Once the conference has taken place: the summary goes to the team leader, and each case’s outcomes start their channels.',
            data: { conferenceId: conference.id, version: conference.version },
            values: state.values,
            problems: state.problems,
            fields: [
              { id: 'summary', kind: 'multiline', label: 'Summary of the conference', required: true, errorMessage: 'Summarise what the conference covered.', maxLength: CONFERENCE_LIMITS.summary },
              { id: 'actions', kind: 'multiline', label: 'Actions', required: false, errorMessage: `At most ${CONFERENCE_LIMITS.actions} characters.`, maxLength: CONFERENCE_LIMITS.actions },
              ...cases.map(
                (c, i): FormField => ({ id: `steps_${c.id}`, kind: 'multichoice', label: `Case ${i + 1}: ${c.reference ?? 'new case'}: further outcomes`, required: true, errorMessage: 'Choose at least one outcome.', choices: steps }),
              ),
            ],
          }),
        ],
  );
}

/** The summary for the team leader (seed §33), with the check list to record (seed §69). */
export function summaryForWctlCard(conference: GroupConference, cases: readonly NominatedCase[], names: ReadonlyMap<string, string>, qasDue: boolean, state: FormState = {}, note?: GlanceNote): AdaptiveCard {
  const card = caseListCard(conference, cases, names, {}, note);
  card.actions = [qasAction(conference, qasDue, state)];
  return card;
}

/** A reminder that a Group Case Conference Check List is due for a month. */
export function qasReminderCard(month: string, conference: GroupConference, dea: StaffMember): AdaptiveCard {
  return withActions(
    summaryCard({
      title: 'Group Case Conference Check List due',
      subtitle: `${dea.name}’s group conferences, ${describeMonth(month)}`,
      facts: [{ label: 'Why', value: `The check list is monthly for the first ${QAS_MONTHLY_FOR} months of group conferences, then at your discretion.` }],
    }),
    [qasAction(conference, true, {})],
  );
}

function qasAction(conference: GroupConference, due: boolean, state: FormState): Record<string, unknown> {
  return showCardAction({
    title: 'Record the check list',
    verb: 'conference.qas',
    submitTitle: 'Record',
    intro: due ? 'This month’s check is due.' : 'Optional now: at your discretion.',
    data: { conferenceId: conference.id },
    values: state.values,
    problems: state.problems,
    fields: [
      { id: 'result', kind: 'choice', label: 'Does the group case conference meet the standard?', required: true, errorMessage: 'Choose one.', choices: QAS_RESULTS.map((r) => ({ title: QAS_RESULT_LABELS[r], value: r })) },
      { id: 'comments', kind: 'multiline', label: 'Comments', required: false, errorMessage: 'Say what needs developing.', maxLength: CONFERENCE_LIMITS.qasComments },
    ],
  });
}

function withActions(card: AdaptiveCard, actions: readonly Record<string, unknown>[]): AdaptiveCard {
  if (actions.length) card.actions = [...actions];
  else delete card.actions;
  return card;
}

/**
 * To those invited: a booked conference was moved or cancelled (shown as it is when delivered). To the
 * team leader alone: a conference the plan added with no time (none found), to give one. Whether it is
 * still true to send is the caller's to decide (bot/conferences/conference-actions.ts).
 */
export function conferenceChangedCard(conference: GroupConference, plan: ConferencePlan, dea: StaffMember, next: GroupConference | null = null): AdaptiveCard {
  const what = `group ${conference.groupIndex + 1}, ${describeMonth(conference.month)}`;
  if (conference.status === 'unplaced') {
    return {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        heading('Group conference needs a time'),
        textBlock(`Your action: give group ${conference.groupIndex + 1}’s ${describeMonth(conference.month)} conference a time.`, { weight: 'Bolder' }),
        textBlock(`No time was found in ${describeMonth(conference.month)} when ${dea.name} and every coach of the group are at work and free, so nothing is booked for the group that month yet.`, { spacing: 'Small' }),
      ],
      actions: [placeAction(conference, { planId: plan.id, version: plan.version })],
    };
  }
  const body: Record<string, unknown>[] = [heading(conference.status === 'cancelled' ? 'Group conference cancelled' : 'Group conference moved')];
  if (conference.status === 'cancelled') {
    body.push(textBlock(`Nothing for you to do now: the group conference with ${dea.name} (${what}) is cancelled and taken out of your diary.`, { weight: 'Bolder' }));
    if (next?.start && next.end) body.push(textBlock(`Cases put forward for it go to your group’s next conference, ${describeMeeting(next.start, next.end)}: you need not put them forward again.`, { spacing: 'Small' }));
    else if (next) body.push(textBlock(`Cases put forward for it go to your group’s ${describeMonth(next.month)} conference, which is waiting for a time: you need not put them forward again.`, { spacing: 'Small' }));
  } else {
    body.push(textBlock(`Nothing for you to do now: the group conference with ${dea.name} (${what}) is now ${conference.start && conference.end ? describeMeeting(conference.start, conference.end) : 'to be arranged'}.`, { weight: 'Bolder' }));
    body.push(textBlock(`Your diary is updated. It is ${meetingPlace(plan)}.`, { spacing: 'Small' }));
  }
  return { type: 'AdaptiveCard', version: '1.5', body };
}

/**
 * To those invited: a cancelled conference is on again, at the time it has when delivered. Their
 * message from the cancel said it was off and where its cases went: this says where they are now
 * (`onIt`: how many are still on it).
 */
export function conferenceOnAgainCard(conference: GroupConference, plan: ConferencePlan, dea: StaffMember, onIt: number): AdaptiveCard {
  const when = conference.start && conference.end ? describeMeeting(conference.start, conference.end) : 'its time is to be arranged';
  const diary = conference.status === 'booked' ? 'It is in your diary' : 'It is being put in your diary';
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      heading('Group conference on again'),
      textBlock(`Nothing for you to do now: group ${conference.groupIndex + 1}’s ${describeMonth(conference.month)} conference with ${dea.name} is on again: ${when}.`, { weight: 'Bolder' }),
      textBlock(`${diary}, ${meetingPlace(plan)}. ${casesOfPlacedAgain(onIt)}`, { spacing: 'Small' }),
    ],
  };
}
