import { immediateUnitOfWork, type UnitOfWork } from '../unit-of-work';
import { chooseCoach, type CoachResolution } from '../coach-lookup';
import { conflict, invalid, notAllowed, notFound } from '../errors';
import type { Clock, StaffDirectory } from '../ports';
import { hasRole, isTeamLeader, type StaffMember } from '../staff';
import { londonDate } from './calendar-date';
import { byName } from '../names';
import { CLAIMANT_COACH_FIELD, type ClaimantSupportInput, type ColleagueSupportInput, type SkillSupportInput } from './drafts';
import { eligibility } from './eligibility';
import type { CreatedRequest, RequestNotifier, SupportRequestStore } from './ports';
import type { TrendWatcher } from './trend-watcher';
import { assertTriage } from './triage-policy';
import { mayRead, participantsOf, roleOf, type CaseParticipants } from './participants';
import type { SupportRequest, Vulnerability } from './support-request';

/** A refusal says only the team leader's own coaches may be named, so a coach typed from another team is understood. */
const CLAIMANT_COACHES = {
  who: 'in your team',
  notInList: "Choose the claimant's work coach from the list: only your team's work coaches can be named.",
  required: "Choose the claimant's work coach: the DEA's summary goes to them, to follow up.",
};

export type Submission =
  | { readonly type: 'claimant_support'; readonly input: ClaimantSupportInput; readonly vulnerability: Vulnerability | null }
  | { readonly type: 'skill_support'; readonly input: SkillSupportInput }
  | { readonly type: 'colleague_support'; readonly input: ColleagueSupportInput };

export interface RequestServiceDeps {
  readonly store: SupportRequestStore;
  readonly directory: StaffDirectory;
  readonly notifier: RequestNotifier;
  readonly clock: Clock;
  readonly trends?: TrendWatcher;
  /** Writes of one use case commit together (default: at once, for tests of the rules alone). */
  readonly uow?: UnitOfWork;
  /** A request withdrawn once accepted: a booking of it not made in full is cancelled with it. */
  readonly meetings?: { cancelFor(requestId: string): Promise<void> };
}

/** Who may ask for what: work coaches for claimants and skills, other colleagues for themselves. */
export function requestTypesFor(person: StaffMember): Submission['type'][] {
  if (hasRole(person, 'work_coach')) return ['claimant_support', 'skill_support'];
  // Team leaders may ask directly for a claimant support intervention (seed §39).
  if (asksForInterventionDirectly(person)) return ['colleague_support', 'claimant_support'];
  if (person.roles.some((r) => r !== 'dea')) return ['colleague_support'];
  return [];
}

/** Work Coach and Service Delivery Team Leaders' claimant requests are for a DEA claimant support intervention (seed §39). */
export function asksForInterventionDirectly(person: StaffMember): boolean {
  return !hasRole(person, 'work_coach') && isTeamLeader(person);
}

/** What a person may start asking a DEA for (`RequestService.mayStartRequest`). */
export interface RequestStart {
  /** The kinds of request there is a DEA to send to; none when there is nobody to ask. */
  readonly types: Submission['type'][];
  /** The person's own DEA; null when only the DEA of a claimant's work coach can be asked. */
  readonly dea: StaffMember | null;
}

/** Asking a DEA for support, following what is asked, and withdrawing. */
export class RequestService {
  private readonly uow: UnitOfWork;

  constructor(private readonly deps: RequestServiceDeps) {
    this.uow = deps.uow ?? immediateUnitOfWork;
  }

  today(): string {
    return londonDate(this.deps.clock.now());
  }

  /** The person's DEA: the one the directory names for them, or for a team leader the DEA they manage. */
  async deaFor(person: StaffMember): Promise<StaffMember | null> {
    if (person.deaId) {
      const dea = await this.deps.directory.findById(person.deaId);
      return dea && hasRole(dea, 'dea') ? dea : null;
    }
    const managed = (await this.deps.directory.findByTeamLeader(person.id)).filter((p) => hasRole(p, 'dea'));
    return managed.length === 1 ? managed[0]! : null;
  }

  /**
   * What the person may start asking for now: each kind of request there is a DEA to send to. With
   * a DEA of their own, everything they may ask for. Without one, a team leader may still ask for a
   * claimant support intervention (seed §39) when a work coach they may name has a DEA: the request
   * goes to the DEA of the coach chosen on the form (`deaForClaimant`). Nothing to start: no DEA to ask.
   * `dea`: their own DEA, if any, to name on the first card.
   */
  async mayStartRequest(person: StaffMember): Promise<RequestStart> {
    const types = requestTypesFor(person);
    if (types.length === 0) return { types, dea: null };
    const dea = await this.deaFor(person);
    if (dea) return { types, dea };
    if (!types.includes('claimant_support') || !asksForInterventionDirectly(person)) return { types: [], dea: null };
    const coaches = await this.claimantCoachesFor(person);
    const coachDeas = await Promise.all(coaches.map((coach) => this.deaFor(coach)));
    return { types: coachDeas.some((d) => d !== null) ? ['claimant_support'] : [], dea: null };
  }

  /**
   * The work coaches a team leader may ask for on behalf of (seed §39): those they lead, and those
   * led by the team leaders they lead (a Service Delivery Team Leader's). By name.
   */
  async claimantCoachesFor(person: StaffMember): Promise<StaffMember[]> {
    if (!asksForInterventionDirectly(person)) return [];
    const direct = await this.deps.directory.findByTeamLeader(person.id);
    const below = await Promise.all(direct.filter((p) => p.id !== person.id && isTeamLeader(p)).map((leader) => this.deps.directory.findByTeamLeader(leader.id)));
    const coaches = new Map([...direct, ...below.flat()].filter((p) => hasRole(p, 'work_coach') && p.id !== person.id).map((p) => [p.id, p]));
    return [...coaches.values()].sort(byName);
  }

  /** What is wrong with the claimant's work coach chosen on a team leader's form, by field; none when it will do. */
  async claimantCoachProblems(person: StaffMember, chosen: string | undefined): Promise<Record<string, string> | undefined> {
    const choice = await this.claimantCoachChoice(person, chosen);
    return 'problem' in choice ? { [CLAIMANT_COACH_FIELD]: choice.problem } : undefined;
  }

  /** The claimant's work coach a team leader's form names, chosen or typed; none when it names none of theirs. */
  async chosenClaimantCoach(person: StaffMember, chosen: string | undefined): Promise<StaffMember | null> {
    const choice = await this.claimantCoachChoice(person, chosen);
    return 'coach' in choice ? choice.coach : null;
  }

  /** The claimant's work coach a team leader named: one of theirs; none to name when the directory lists none. */
  private async namedClaimantCoach(person: StaffMember, chosen: string | undefined): Promise<StaffMember | null> {
    const choice = await this.claimantCoachChoice(person, chosen);
    if ('problem' in choice) throw invalid(choice.problem, { [CLAIMANT_COACH_FIELD]: choice.problem });
    return choice.coach;
  }

  /** From a drop-down of the team leader's coaches, or by name or email when they lead too many for one. */
  private async claimantCoachChoice(person: StaffMember, chosen: string | undefined): Promise<CoachResolution<StaffMember>> {
    if (!asksForInterventionDirectly(person)) return { coach: null };
    return chooseCoach(chosen, await this.claimantCoachesFor(person), CLAIMANT_COACHES);
  }

  /**
   * The DEA a claimant request goes to: the claimant's work coach's, when a team leader named one
   * (a Service Delivery Team Leader's teams may have different DEAs), else the person's own.
   */
  async deaForClaimant(person: StaffMember, claimantCoach: StaffMember | null): Promise<StaffMember | null> {
    return (claimantCoach ? await this.deaFor(claimantCoach) : null) ?? this.deaFor(person);
  }

  /** Whom to ask when something about the person's set-up is missing. */
  async teamLeaderOf(person: StaffMember): Promise<StaffMember | null> {
    return person.teamLeaderId ? this.deps.directory.findById(person.teamLeaderId) : null;
  }

  async submit(person: StaffMember, submission: Submission, submissionKey?: string): Promise<SupportRequest> {
    return this.uow.run(async () => {
      if (!requestTypesFor(person).includes(submission.type)) throw notAllowed('You cannot make this kind of request.');
      const claimantCoach = submission.type === 'claimant_support' ? await this.namedClaimantCoach(person, submission.input.claimantCoachId) : null;
      const dea = await this.deaForClaimant(person, claimantCoach);
      if (!dea) throw invalid('You have no DEA assigned in the staff directory.');
      const base = { requesterId: person.id, deaId: dea.id, type: submission.type, submissionKey };
      const at = this.deps.clock.now();
      let saved: CreatedRequest;
      switch (submission.type) {
        case 'claimant_support': {
          const { input, vulnerability } = submission;
          const verdict = eligibility(input.benefits, vulnerability);
          if (!verdict.eligible) throw invalid(verdict.reason);
          saved = await this.deps.store.createOnce(
            {
              ...base,
              claimant: { surname: input.surname, nino: input.nino, benefits: input.benefits },
              topic: null,
              description: input.challenges,
              reason: input.whyNeeded,
              requiredBy: input.requiredBy,
              urgent: verdict.urgent,
              vulnerability,
              requestedChannel: asksForInterventionDirectly(person) ? 'claimant_support_intervention' : null,
              claimantCoachId: claimantCoach?.id ?? null,
            },
            at,
          );
          break;
        }
        case 'skill_support':
          saved = await this.deps.store.createOnce(
            { ...base, claimant: null, topic: submission.input.topic, description: submission.input.description, reason: null, requiredBy: submission.input.requiredBy, urgent: false, vulnerability: null },
            at,
          );
          break;
        case 'colleague_support':
          saved = await this.deps.store.createOnce(
            {
              ...base,
              claimant: null,
              topic: null,
              description: submission.input.description,
              reason: submission.input.reason,
              requiredBy: submission.input.requiredBy,
              urgent: submission.input.criticality === 'urgent',
              vulnerability: null,
            },
            at,
          );
          break;
      }
      // The form sent again, or twice at once: the first send saved it and told the DEA, once.
      if (!saved.created) return repeated(person, saved.request);
      const { request } = saved;
      await this.deps.notifier.requestSubmitted(request);
      await this.deps.trends?.afterSubmit(request);
      return request;
    });
  }

  async mine(person: StaffMember, limit = 20): Promise<SupportRequest[]> {
    return this.deps.store.listByRequester(person.id, limit);
  }

  /** A request the person may see: their own, one sent to them as DEA, one a team leader asked for their claimant, or their team's as team leader. */
  async visibleTo(person: StaffMember, requestId: string): Promise<SupportRequest> {
    const request = await this.deps.store.findById(requestId);
    if (!request) throw notFound('That request does not exist.');
    return this.shownTo(person, request);
  }

  /** A request just read or written (e.g. returned by a change), if the person may see it. */
  async shownTo(person: StaffMember, request: SupportRequest): Promise<SupportRequest> {
    if (roleOf(request, person.id) !== null || request.claimantCoachId === person.id) return request;
    if (isTeamLeader(person) && mayRead(await participantsOf(this.deps.directory, request), person.id)) return request;
    throw notAllowed('That request is not yours to see.');
  }

  async withdraw(person: StaffMember, requestId: string, expectedVersion: number): Promise<SupportRequest> {
    return this.uow.run(async () => {
      const request = await this.deps.store.findById(requestId);
      if (!request) throw notFound('That request does not exist.');
      assertTriage(person.id, request, expectedVersion, 'withdraw');
      const withdrawn = await this.deps.store.changeStatus({
        requestId,
        expectedVersion,
        to: 'withdrawn',
        actorId: person.id,
        action: 'withdraw',
        at: this.deps.clock.now(),
      });
      // Diary entries written before a booking failed part way would otherwise stay in the diaries.
      await this.deps.meetings?.cancelFor(withdrawn.id);
      await this.deps.notifier.requestChanged(withdrawn);
      // The requester's card says the DEA is told: a line to them, their copy updated.
      await this.deps.notifier.requestNeedsAttention(withdrawn, withdrawn.deaId);
      return withdrawn;
    });
  }

  /** The requester and the adviser, for showing a request. */
  async parties(request: SupportRequest): Promise<CaseParticipants> {
    return participantsOf(this.deps.directory, request);
  }
}

/**
 * Why the claimant's work coach chosen on a team leader's form will not do, or null: one of the
 * coaches they may name must be chosen (none to choose when the directory lists none).
 */
/**
 * The request a form already made, for the person who sent it. Keys are random, so another person's
 * is not expected; were one sent, that request stays unseen and a new form is needed.
 */
function repeated(person: StaffMember, earlier: SupportRequest): SupportRequest {
  if (earlier.requesterId.toLowerCase() !== person.id.toLowerCase()) throw conflict('This form was already used, so nothing was sent.');
  return earlier;
}

