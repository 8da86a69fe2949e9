import type { JobLeases } from '../conferences/ports';
import { conflict, invalid, notFound } from '../errors';
import type { OutcomeActionStarter, NextStep } from '../outcomes/next-steps';
import type { Clock, StaffDirectory } from '../ports';
import type { SupportRequest } from '../requests/support-request';
import { ROLE_LABELS } from '../roles';
import type { StaffMember } from '../staff';
import { immediateUnitOfWork, type UnitOfWork } from '../unit-of-work';
import { actionRefusal, allowedActionVerbs, mayReadAction, type ActionVerb } from './action-policy';
import { ACTION_DUE_DAYS, ACTION_NOTE_MAX, DOER_LABELS, kindOfStep, reminderNumber, ROLE_OF_KIND, type ActionKind, type FollowUpAction } from './follow-up-action';
import type { ActionNotifier, FollowUpActionStore, RoleHolders } from './ports';
import { workPsychologistsFor } from './work-psychologists';
import { claimantCoachOf } from '../requests/participants';

export interface ActionServiceDeps {
  readonly store: FollowUpActionStore;
  readonly people: RoleHolders;
  readonly directory: StaffDirectory;
  readonly notifier: ActionNotifier;
  readonly jobs: JobLeases;
  readonly clock: Clock;
  readonly uow?: UnitOfWork;
}

/** An action as one person sees it: who is who, whom the DEA may choose from, and what this person may do. */
export interface ActionView {
  readonly action: FollowUpAction;
  readonly requester: StaffMember | null;
  readonly dea: StaffMember | null;
  readonly assignee: StaffMember | null;
  /** Whom the DEA may choose (see `candidates`): for the DEA's choice (empty for anyone else). */
  readonly candidates: readonly StaffMember[];
  readonly jobcentreName: string | null;
  readonly allowed: ReadonlySet<ActionVerb>;
}

const DAY_MS = 86_400_000;

/**
 * Work psychologist, employer adviser and Third Party Provision manager actions that outcomes start:
 * each goes to a named person of that role: an employer adviser or Third Party Provision manager of
 * the requester's jobcentre, and the DEA's work psychologist, by the partnership's rule (the one at
 * the DEA's jobcentre, else the district's). The DEA chooses when there are several (of the
 * requester's jobcentre; for a work psychologist, of the DEA's own jobcentre), and is told plainly
 * when there is nobody. The person accepts it and records it done; overdue actions are reminded.
 */
export class ActionService implements OutcomeActionStarter {
  private readonly uow: UnitOfWork;

  constructor(private readonly deps: ActionServiceDeps) {
    this.uow = deps.uow ?? immediateUnitOfWork;
  }

  /**
   * Starts the action a next step names; null for a step that is not an action. Says what became of
   * it. `source`: where it was agreed, when not at the request's own outcome (see FollowUpAction).
   */
  async startAction(from: SupportRequest, step: NextStep, actorId: string, at: Date, source?: string): Promise<string | null> {
    const kind = kindOfStep(step);
    if (!kind) return null;
    // The claimant's work coach follows up the DEA's actions (seed §41), whoever asked at first; the
    // office whose staff may do it is theirs.
    const coachId = claimantCoachOf(from);
    const [requester, dea] = await Promise.all([this.deps.directory.findById(coachId), this.deps.directory.findById(from.deaId)]);
    const jobcentreId = requester?.jobcentreId ?? dea?.jobcentreId ?? null;
    const candidates = await this.candidatesFor(kind, jobcentreId, dea);
    const only = candidates.length === 1 ? candidates[0]! : null;
    const { action, created } = await this.deps.store.create({
      requestId: from.id,
      requestReference: from.reference,
      kind,
      source: source ?? null,
      jobcentreId,
      requesterId: coachId,
      deaId: from.deaId,
      assigneeId: only?.id ?? null,
      status: only ? 'assigned' : 'unassigned',
      createdById: actorId,
      createdAt: at,
      dueBy: new Date(at.getTime() + ACTION_DUE_DAYS * DAY_MS),
      assignedAt: only ? at : null,
    });
    if (created) {
      if (only) await this.deps.notifier.actionNeedsAttention(action, only.id);
      // Several to choose from, or nobody at all: the DEA is the one to act.
      else await this.deps.notifier.actionNeedsAttention(action, action.deaId);
    }
    const doer = DOER_LABELS[kind];
    if (action.assigneeId) return `for ${(action.assigneeId === only?.id ? only : await this.deps.directory.findById(action.assigneeId))?.name ?? `the ${doer}`}`;
    if (candidates.length > 1) return `the DEA chooses which ${doer} does it`;
    if (kind === 'work_psychologist') return `nobody in ${dea ? `${dea.name}’s` : 'the DEA’s'} district is a ${doer} in the staff directory, so nobody has it yet; the DEA has been told`;
    const office = jobcentreId ? await this.deps.people.jobcentreName(jobcentreId) : null;
    return `nobody at ${office ?? 'this jobcentre'} is a ${doer} in the staff directory, so nobody has it yet; the DEA has been told`;
  }

  /** The DEA names who does it, from the people they may choose (see `candidates`). */
  async assign(dea: StaffMember, actionId: string, version: number, assigneeId: unknown): Promise<FollowUpAction> {
    return this.uow.run(async () => {
      const action = await this.ready(dea, actionId, version, 'assign');
      const chosen = typeof assigneeId === 'string' ? assigneeId.trim().toLowerCase() : '';
      if (!chosen) throw invalid(`Choose the ${DOER_LABELS[action.kind]} who does it.`, { assigneeId: `Choose the ${DOER_LABELS[action.kind]}.` });
      const candidates = await this.candidates(action, dea);
      const person = candidates.find((c) => c.id === chosen);
      const who = action.kind === 'work_psychologist' ? 'your work psychologist' : `a ${ROLE_LABELS[ROLE_OF_KIND[action.kind]]} of this jobcentre`;
      if (!person) throw invalid(`Choose one of the people listed: only ${who} can do it.`, { assigneeId: 'Choose one of the people listed.' });
      if (person.id === action.assigneeId) return action;
      const now = this.deps.clock.now();
      const changed = await this.deps.store.update(action.id, action.version, { assigneeId: person.id, status: 'assigned', assignedAt: now, dueBy: new Date(now.getTime() + ACTION_DUE_DAYS * DAY_MS) });
      await this.deps.notifier.actionNeedsAttention(changed, person.id);
      this.deps.notifier.actionChanged(changed);
      return changed;
    });
  }

  async accept(person: StaffMember, actionId: string, version: number): Promise<FollowUpAction> {
    return this.uow.run(async () => {
      const action = await this.ready(person, actionId, version, 'accept');
      const changed = await this.deps.store.update(action.id, action.version, { status: 'accepted', acceptedAt: this.deps.clock.now() });
      this.deps.notifier.actionChanged(changed);
      return changed;
    });
  }

  /** Done, with what was done; the requester and the DEA are told. */
  async complete(person: StaffMember, actionId: string, version: number, note: unknown): Promise<FollowUpAction> {
    return this.uow.run(async () => {
      const action = await this.ready(person, actionId, version, 'complete');
      const text = typeof note === 'string' ? note.trim() : '';
      if (!text) throw invalid('Say what was done.', { doneNote: 'Say what was done.' });
      if (text.length > ACTION_NOTE_MAX) throw invalid(`Keep it under ${ACTION_NOTE_MAX} characters.`, { doneNote: `At most ${ACTION_NOTE_MAX} characters.` });
      const changed = await this.deps.store.update(action.id, action.version, { status: 'done', doneAt: this.deps.clock.now(), doneNote: text });
      await this.deps.notifier.actionNeedsAttention(changed, changed.deaId);
      if (changed.requesterId !== changed.deaId) await this.deps.notifier.actionNeedsAttention(changed, changed.requesterId);
      this.deps.notifier.actionChanged(changed);
      return changed;
    });
  }

  /**
   * Overdue actions: the person doing it (the DEA while nobody has been chosen) is reminded once a
   * week until it is done. Run by every instance; a lease per action and week sends each reminder once.
   */
  async remindOverdue(now: Date = this.deps.clock.now()): Promise<number> {
    let sent = 0;
    for (const action of await this.deps.store.overdue(now)) {
      const week = reminderNumber(action, now);
      if (week === null) continue;
      const period = `${action.id}:${week}`;
      if (!(await this.deps.jobs.claim('follow-up-action-reminder', period, now, 10 * 60_000))) continue;
      try {
        await this.deps.notifier.actionOverdue(action, action.assigneeId ?? action.deaId);
        await this.deps.jobs.complete('follow-up-action-reminder', period, now);
        sent += 1;
      } catch (error) {
        await this.deps.jobs.release('follow-up-action-reminder', period);
        throw error;
      }
    }
    return sent;
  }

  /** The action as this person may see it, or null when it does not exist or is not theirs to see. */
  async view(actionId: string, viewer: StaffMember): Promise<ActionView | null> {
    const action = await this.deps.store.find(actionId);
    if (!action || !mayReadAction(viewer.id, action)) return null;
    return this.viewOf(action, viewer);
  }

  async viewOf(action: FollowUpAction, viewer: StaffMember): Promise<ActionView> {
    const people = await this.deps.directory.findByIds([action.requesterId, action.deaId, ...(action.assigneeId ? [action.assigneeId] : [])]);
    const allowed = allowedActionVerbs(viewer.id, action);
    const dea = people.find((p) => p.id === action.deaId) ?? null;
    return {
      action,
      requester: people.find((p) => p.id === action.requesterId) ?? null,
      dea,
      assignee: people.find((p) => p.id === action.assigneeId) ?? null,
      candidates: allowed.has('assign') ? await this.candidates(action, dea) : [],
      jobcentreName: action.jobcentreId ? await this.deps.people.jobcentreName(action.jobcentreId) : null,
      allowed,
    };
  }

  /** The actions a person does or oversees, for their list. */
  async listFor(person: StaffMember, limit = 20): Promise<FollowUpAction[]> {
    return this.deps.store.forPerson(person.id, limit);
  }

  async forRequest(requestId: string): Promise<FollowUpAction[]> {
    return this.deps.store.forRequest(requestId);
  }

  /** Whom the action may go to; `dea` is the action's DEA as the directory has them (null when they are not in it). */
  private async candidates(action: FollowUpAction, dea: StaffMember | null): Promise<StaffMember[]> {
    return this.candidatesFor(action.kind, action.jobcentreId, dea);
  }

  /**
   * An employer adviser or Third Party Provision manager: those of the requester's jobcentre. A work
   * psychologist: the DEA's, by the partnership's rule, or those of the DEA's own jobcentre when it
   * has several (`workPsychologistsFor`), wherever the requester works.
   */
  private async candidatesFor(kind: ActionKind, jobcentreId: string | null, dea: StaffMember | null): Promise<StaffMember[]> {
    if (kind === 'work_psychologist') return workPsychologistsFor(dea, this.deps.people);
    return jobcentreId ? this.deps.people.holders(ROLE_OF_KIND[kind], jobcentreId) : [];
  }

  private async ready(person: StaffMember, actionId: string, version: number, verb: ActionVerb): Promise<FollowUpAction> {
    const action = await this.deps.store.find(actionId);
    if (!action || !mayReadAction(person.id, action)) throw notFound('That action does not exist, or is not yours to see.');
    const refusal = actionRefusal(person.id, action, verb);
    if (refusal) throw refusal;
    if (action.version !== version) throw conflict('The action changed since this card was shown. Here it is as it is now.');
    return action;
  }
}
