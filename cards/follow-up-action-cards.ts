import { ACTION_KIND_LABELS, ACTION_NOTE_MAX, ACTION_STATUS_LABELS, actionTitle, DOER_LABELS, isOverdue, type FollowUpAction } from '../domain/follow-up-actions/follow-up-action';
import type { ActionView } from '../domain/follow-up-actions/action-service';
import { describeDate, londonDate } from '../domain/requests/calendar-date';
import type { StaffMember } from '../domain/staff';
import { showCardAction } from './form-card';
import type { AdaptiveCard } from './render';
import { summaryCard } from './summary-card';

export interface ActionCardOptions {
  readonly note?: string;
  readonly noteTone?: 'good' | 'attention';
  readonly values?: Readonly<Record<string, string>>;
  readonly problems?: Readonly<Record<string, string>>;
  /** A reminder that it is overdue. */
  readonly reminder?: boolean;
}

const day = (at: Date) => describeDate(londonDate(at));

/** What this reader is to do, in a line. */
function leadFor(view: ActionView, now: Date): string {
  const { action } = view;
  const doer = DOER_LABELS[action.kind];
  if (action.status === 'done') return `Done on ${day(action.doneAt!)}${view.assignee ? ` by ${view.assignee.name}` : ''}.`;
  if (view.allowed.has('accept')) return `This action is for you. Accept it, then record it done${isOverdue(action, now) ? ': it is overdue' : ` by ${day(action.dueBy)}`}.`;
  if (view.allowed.has('complete')) return `You accepted this action. Record it done when it is${isOverdue(action, now) ? ': it is overdue' : ` (due ${day(action.dueBy)})`}.`;
  if (view.allowed.has('assign') && action.status === 'unassigned') {
    return view.candidates.length
      ? `Choose the ${doer} who does this action.`
      : `Nobody ${action.kind === 'work_psychologist' ? 'in your district' : `at ${view.jobcentreName ?? 'this jobcentre'}`} is a ${doer} in the staff directory, so nobody can be given this action yet. Ask for the ${doer} to be added to the directory, then choose them here.`;
  }
  if (action.status === 'unassigned') return `The DEA is choosing the ${doer} who does this action.`;
  return `${view.assignee?.name ?? `The ${doer}`} ${action.status === 'accepted' ? 'has accepted it' : 'has been asked to do it'}. You will be told when it is done.`;
}

/** The action's card, as this person may see it: what it is, who has it, and what they can do now. */
export function actionCard(view: ActionView, now: Date, options: ActionCardOptions = {}): AdaptiveCard {
  const { action } = view;
  const overdue = isOverdue(action, now);
  const data = { actionId: action.id, version: action.version };
  const card = summaryCard({
    title: options.reminder ? `Overdue: ${actionTitle(action)}` : actionTitle(action),
    subtitle: leadFor(view, now),
    badge: overdue ? `OVERDUE: it was due by ${day(action.dueBy)}` : undefined,
    facts: [
      { label: 'Started by the outcome of', value: action.requestReference },
      { label: 'Status', value: ACTION_STATUS_LABELS[action.status] },
      { label: 'For', value: view.assignee?.name ?? 'Nobody chosen yet' },
      { label: 'DEA', value: view.dea?.name ?? '' },
      { label: 'Work coach', value: view.requester?.name ?? '' },
      { label: action.status === 'done' ? 'Done' : 'Due by', value: day(action.status === 'done' ? action.doneAt! : action.dueBy) },
    ],
    paragraphs: action.doneNote ? [{ label: 'What was done', value: action.doneNote }] : [],
    note: options.note,
    noteTone: options.note ? options.noteTone ?? 'good' : undefined,
    refresh: { verb: 'action.refresh', data: { actionId: action.id } },
  });
  const actions: Record<string, unknown>[] = [];
  if (view.allowed.has('accept')) actions.push({ type: 'Action.Execute', title: 'Accept', verb: 'action.accept', data, style: 'positive' });
  if (view.allowed.has('complete')) {
    actions.push(
      showCardAction({
        title: 'Record it done',
        verb: 'action.complete',
        submitTitle: 'Record done',
        data,
        values: options.values,
        problems: options.problems,
        fields: [{ id: 'doneNote', kind: 'multiline', label: 'What was done (the DEA and the work coach will see it)', required: true, errorMessage: 'Say what was done.', maxLength: ACTION_NOTE_MAX }],
      }),
    );
  }
  if (view.allowed.has('assign') && view.candidates.length) {
    actions.push(
      showCardAction({
        title: action.assigneeId ? 'Give it to someone else' : `Choose the ${DOER_LABELS[action.kind]}`,
        verb: 'action.assign',
        submitTitle: 'Give them this action',
        data,
        values: { assigneeId: action.assigneeId ?? '', ...options.values },
        problems: options.problems,
        fields: [
          {
            id: 'assigneeId',
            kind: 'choice',
            label: `${ACTION_KIND_LABELS[action.kind]}: who does it`,
            required: true,
            errorMessage: `Choose the ${DOER_LABELS[action.kind]}.`,
            choices: view.candidates.map((c) => ({ title: c.name, value: c.id })),
          },
        ],
      }),
    );
  }
  actions.push({ type: 'Action.Submit', title: `Open ${action.requestReference}`, data: { verb: 'request.open', requestId: action.requestId } });
  card.actions = actions;
  return card;
}

/** A person's actions, open ones first, each with a button to open it. */
export function actionListCard(actions: readonly FollowUpAction[], viewer: StaffMember, now: Date): AdaptiveCard {
  const open = actions.filter((a) => a.status !== 'done');
  return summaryCard({
    title: 'Actions from outcomes',
    subtitle: actions.length
      ? `${open.length} open. Work psychologist, employer adviser and Third Party Provision manager actions that you do, or that came from your cases.`
      : 'You have no actions from outcomes. When a meeting’s outcome gives an action to you, or to someone for one of your cases, it is listed here.',
    facts: actions.map((a) => ({
      label: actionTitle(a),
      value: `${ACTION_STATUS_LABELS[a.status]}${isOverdue(a, now) ? ' (OVERDUE)' : ''}${a.assigneeId === viewer.id ? ', for you' : ''}`,
    })),
    actions: actions.slice(0, 6).map((a) => ({ title: `Open ${actionTitle(a)}`, kind: 'submit', data: { verb: 'action.open', actionId: a.id } })),
  });
}
