import type { NextStep } from '../outcomes/next-steps';
import type { Role } from '../roles';

/**
 * An action that a meeting's outcome gives to someone outside the DEA's cohort (seed §16, §18, §28,
 * §34, §42): the work psychologist, the employer adviser or the Third Party Provision manager of the
 * jobcentre. It is tracked until that person records it done.
 */
export const ACTION_KINDS = ['work_psychologist', 'employer_adviser', 'tpp_manager'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** The next step of an outcome that starts each kind of action. */
export const STEP_OF_KIND: Readonly<Record<ActionKind, NextStep>> = {
  work_psychologist: 'work_psychologist_action',
  employer_adviser: 'employer_adviser_action',
  tpp_manager: 'tpp_manager_action',
};

/** Who does each kind: a person holding this role (of the requester's jobcentre; a work psychologist: the DEA's, see `workPsychologistsFor`). */
export const ROLE_OF_KIND: Readonly<Record<ActionKind, Role>> = {
  work_psychologist: 'work_psychologist',
  employer_adviser: 'employer_adviser',
  tpp_manager: 'third_party_provision_manager',
};

export const ACTION_KIND_LABELS: Readonly<Record<ActionKind, string>> = {
  work_psychologist: 'Work Psychologist action',
  employer_adviser: 'Employer Adviser action',
  tpp_manager: 'Third Party Provision Manager action',
};

/** The person who does it, as a reader would say it ("a work psychologist"). */
export const DOER_LABELS: Readonly<Record<ActionKind, string>> = {
  work_psychologist: 'work psychologist',
  employer_adviser: 'employer adviser',
  tpp_manager: 'Third Party Provision manager',
};

export function kindOfStep(step: NextStep): ActionKind | null {
  return ACTION_KINDS.find((k) => STEP_OF_KIND[k] === step) ?? null;
}

export const ACTION_STATUSES = ['unassigned', 'assigned', 'accepted', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const ACTION_STATUS_LABELS: Readonly<Record<ActionStatus, string>> = {
  unassigned: 'Waiting for the DEA to choose who does it',
  assigned: 'Waiting to be accepted',
  accepted: 'Accepted',
  done: 'Done',
};

/** An action is due this many days after it is started; once overdue it is reminded every week until done. */
export const ACTION_DUE_DAYS = 14;
export const REMINDER_EVERY_DAYS = 7;
export const ACTION_NOTE_MAX = 2000;

export interface FollowUpAction {
  readonly id: string;
  /** The request whose outcome started it. */
  readonly requestId: string;
  readonly requestReference: string;
  readonly kind: ActionKind;
  /**
   * Where it was agreed when not at the request's own outcome (a group conference's case, whose
   * outcome starts its own actions even if the request's had one of the kind). Null: its own.
   */
  readonly source: string | null;
  /** The requester's office: its staff may do it (a work psychologist action goes to the DEA's work psychologist instead). */
  readonly jobcentreId: string | null;
  readonly requesterId: string;
  readonly deaId: string;
  readonly assigneeId: string | null;
  readonly status: ActionStatus;
  readonly createdById: string;
  readonly createdAt: Date;
  readonly dueBy: Date;
  readonly assignedAt: Date | null;
  readonly acceptedAt: Date | null;
  readonly doneAt: Date | null;
  /** What was done, written by the person who did it. */
  readonly doneNote: string | null;
  readonly version: number;
}

export function isOpen(action: Pick<FollowUpAction, 'status'>): boolean {
  return action.status !== 'done';
}

export function isOverdue(action: Pick<FollowUpAction, 'status' | 'dueBy'>, now: Date): boolean {
  return isOpen(action) && action.dueBy.getTime() < now.getTime();
}

/** Which weekly reminder is due now for an overdue action (0 the first), or null when it is not overdue. */
export function reminderNumber(action: Pick<FollowUpAction, 'status' | 'dueBy'>, now: Date): number | null {
  if (!isOverdue(action, now)) return null;
  return Math.floor((now.getTime() - action.dueBy.getTime()) / (REMINDER_EVERY_DAYS * 86_400_000));
}

/** "DEA-000012: Work Psychologist action", how people name it. */
export function actionTitle(action: Pick<FollowUpAction, 'requestReference' | 'kind'>): string {
  return `${action.requestReference}: ${ACTION_KIND_LABELS[action.kind]}`;
}
