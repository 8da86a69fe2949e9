import type { InterventionState } from './intervention-policy';
import { immediateUnitOfWork, type UnitOfWork } from '../unit-of-work';
import { MEETING_STATUSES } from '../requests/state-machine';
import { interventionNowRefusal, interventionWhoRefusal, type InterventionAction } from './intervention-policy';
import { conflict, invalid, notAllowed, notFound } from '../errors';
import type { Clock, StaffDirectory } from '../ports';
import { hasRole, type StaffMember } from '../staff';
import type { WorkingHours } from '../calendar/working-hours';
import type { FollowUpStarter } from '../outcomes/next-steps';
import type { RequestNotifier, SupportRequestStore } from '../requests/ports';
import type { SupportRequest } from '../requests/support-request';
import { availabilityHours, checkInterventionConsent, checkThreeWayConsent, interventionRequesterKind, type ConsentInput, type ConsentPurpose, type ConsentRecord } from './consent';
import { needsTeamLeaderAgreement, ordinal, OVERRIDE_REASON_MAX, type InterventionOverride } from './intervention-limit';
import type { InterventionNotifier, InterventionStore } from './ports';

export interface InterventionDeps {
  readonly requests: SupportRequestStore;
  readonly store: InterventionStore;
  readonly directory: StaffDirectory;
  readonly notifier: RequestNotifier & InterventionNotifier;
  readonly followUps: FollowUpStarter;
  readonly clock: Clock;
  /** Writes of one use case commit together (default: at once, for tests of the rules alone). */
  readonly uow?: UnitOfWork;
}


/**
 * Three way interventions and DEA claimant support interventions up to their booking: the claimant's
 * consent (seed §21–24, §38), a refusal turned into a case conference request, and the limit of three
 * interventions per claimant with the DEA's team leader agreeing any more (seed §36).
 */
export class InterventionService {
  private readonly uow: UnitOfWork;

  constructor(private readonly deps: InterventionDeps) {
    this.uow = deps.uow ?? immediateUnitOfWork;
  }

  purposeOf(request: SupportRequest): ConsentPurpose | null {
    return request.channel === 'three_way_intervention' || request.channel === 'claimant_support_intervention' ? request.channel : null;
  }

  async state(request: SupportRequest): Promise<InterventionState | null> {
    const purpose = this.purposeOf(request);
    if (!purpose) return null;
    const consent = await this.deps.store.consentFor(request.id, purpose);
    if (purpose === 'three_way_intervention') {
      const blockedBy = !consent ? "The work coach records the claimant's consent first." : consent.answer === 'refused' ? 'The claimant did not agree.' : null;
      return { consent, priorInterventions: 0, override: null, blockedBy };
    }
    const priorInterventions = await this.countInterventions(request);
    const override = await this.deps.store.overrideFor(request.id);
    let blockedBy: string | null = null;
    if (!consent) blockedBy = 'The requester confirms the pre-conditions first.';
    else if (needsTeamLeaderAgreement(priorInterventions) && override?.decision !== 'agreed') {
      blockedBy =
        override?.decision === 'pending'
          ? "Waiting for the DEA's Work Coach Team Leader to agree a further intervention."
          : override?.decision === 'declined'
          ? "The DEA's Work Coach Team Leader did not agree a further intervention."
          : `The claimant has had ${priorInterventions} DEA claimant support interventions: a ${ordinal(priorInterventions + 1)} needs the DEA's Work Coach Team Leader to agree (exceptional circumstances).`;
    }
    return { consent, priorInterventions, override, blockedBy };
  }

  /** For the booking: null when the request may be booked now, or why not. */
  async bookingBlockedBy(request: SupportRequest): Promise<string | null> {
    return (await this.state(request))?.blockedBy ?? null;
  }

  /** A three way's claimant availability, as working hours for the free-time search. */
  async claimantHours(request: SupportRequest): Promise<WorkingHours | null> {
    if (request.channel !== 'three_way_intervention') return null;
    const consent = await this.deps.store.consentFor(request.id, 'three_way_intervention');
    return consent?.answer === 'agreed' && consent.availability.length ? availabilityHours(consent.availability) : null;
  }

  /**
   * The coach records the claimant's answer to a three way intervention. A refusal closes this
   * request and raises a case conference request in its place, to explore alternatives (seed §22, §24).
   */
  async captureThreeWayConsent(coach: StaffMember, requestId: string, version: number, input: ConsentInput): Promise<{ request: SupportRequest; consent: ConsentRecord; caseConference: string | null }> {
    return this.uow.run(async () => {
      const request = await this.asRequester(coach, requestId, version, 'three_way_intervention');
      const checked = checkThreeWayConsent(input);
      const now = this.deps.clock.now();
      const consent = await this.deps.store.saveConsent({ ...checked, requestId: request.id, purpose: 'three_way_intervention', capturedById: coach.id, capturedAt: now });
      if (consent.answer === 'refused') {
        const [started] = await this.deps.followUps.startFollowUps(request.id, ['case_conference'], coach.id, now);
        const text = `The claimant did not agree to a three way intervention. A case conference${started ? ` (${started.reference})` : ''} was requested in its place, to explore alternatives that do not need the DEA at a claimant intervention.`;
        const closed = await this.deps.requests.changeStatus({ requestId: request.id, expectedVersion: request.version, to: 'closed', actorId: coach.id, action: 'consent:refused', at: now, message: { kind: 'note', text } });
        await this.deps.notifier.requestChanged(closed);
        await this.deps.notifier.requestNeedsAttention(closed, closed.deaId);
        return { request: closed, consent, caseConference: started?.reference ?? null };
      }
      const agreed = await this.deps.requests.touch({ requestId: request.id, expectedVersion: request.version, actorId: coach.id, action: 'consent:agreed', at: now });
      await this.deps.notifier.requestChanged(agreed);
      return { request: agreed, consent, caseConference: null };
    });
  }

  /** The requester confirms a claimant support intervention's pre-conditions (seed §38). */
  async confirmInterventionConsent(requester: StaffMember, requestId: string, version: number, input: { confirmed?: unknown; letterFormat?: unknown }): Promise<SupportRequest> {
    return this.uow.run(async () => {
      const request = await this.asRequester(requester, requestId, version, 'claimant_support_intervention');
      const checked = checkInterventionConsent(input, interventionRequesterKind(requester));
      const now = this.deps.clock.now();
      await this.deps.store.saveConsent({ ...checked, requestId: request.id, purpose: 'claimant_support_intervention', capturedById: requester.id, capturedAt: now });
      const confirmed = await this.deps.requests.touch({ requestId: request.id, expectedVersion: request.version, actorId: requester.id, action: 'consent:agreed', at: now });
      await this.deps.notifier.requestChanged(confirmed);
      await this.deps.notifier.requestNeedsAttention(confirmed, confirmed.deaId);
      return confirmed;
    });
  }

  /** The DEA asks their team leader to agree an intervention beyond the limit, with the reason. */
  async askForOverride(dea: StaffMember, requestId: string, version: number, reason: unknown): Promise<SupportRequest> {
    return this.uow.run(async () => {
      const { request, state } = await this.allowed(dea, requestId, version, 'askOverride');
      const prior = state?.priorInterventions ?? 0;
      const text = typeof reason === 'string' ? reason.trim() : '';
      if (!text) throw invalid('Enter the exceptional circumstances.', { overrideReason: 'Enter the exceptional circumstances.' });
      if (text.length > OVERRIDE_REASON_MAX) throw invalid(`Keep the reason to ${OVERRIDE_REASON_MAX} characters or fewer.`, { overrideReason: `At most ${OVERRIDE_REASON_MAX} characters.` });
      const teamLeader = dea.teamLeaderId ? await this.deps.directory.findById(dea.teamLeaderId) : null;
      if (!teamLeader || !hasRole(teamLeader, 'work_coach_team_leader')) throw invalid('You have no Work Coach Team Leader in the staff directory: ask whoever keeps it to add one.');
      const now = this.deps.clock.now();
      const override = await this.deps.store.askOverride({ requestId: request.id, reason: text, askedById: dea.id, askedAt: now, teamLeaderId: teamLeader.id, priorCount: prior });
      const changed = await this.deps.requests.touch({ requestId: request.id, expectedVersion: request.version, actorId: dea.id, action: 'override:asked', at: now });
      await this.deps.notifier.requestChanged(changed);
      await this.deps.notifier.overrideAsked(override);
      return changed;
    });
  }

  /** The DEA's team leader agrees or declines, on their card. */
  async decideOverride(teamLeader: StaffMember, overrideId: string, decision: unknown, note: unknown): Promise<{ override: InterventionOverride; request: SupportRequest }> {
    return this.uow.run(async () => {
      const override = await this.deps.store.findOverride(overrideId);
      if (!override) throw notFound('That request for agreement does not exist.');
      if (override.teamLeaderId !== teamLeader.id) throw notAllowed("Only the DEA's Work Coach Team Leader can agree a further intervention.");
      if (decision !== 'agreed' && decision !== 'declined') throw invalid('Choose agree or decline.');
      const text = typeof note === 'string' && note.trim() ? note.trim() : null;
      if (decision === 'declined' && !text) throw invalid('Say why, so the DEA can tell the work coach.', { overrideNote: 'Say why you decline.' });
      // Never cut short without a word: the team leader shortens it, with everything they typed kept on the card.
      if (text && text.length > OVERRIDE_REASON_MAX) throw invalid(`Keep the note to ${OVERRIDE_REASON_MAX} characters or fewer (it is ${text.length}).`, { overrideNote: `At most ${OVERRIDE_REASON_MAX} characters.` });
      if (override.decision !== 'pending') throw conflict(`You already ${override.decision} this.`);
      const now = this.deps.clock.now();
      const decided = await this.deps.store.decideOverride(override.id, decision, text, now);
      const request = (await this.deps.requests.findById(override.requestId))!;
      const change = { requestId: request.id, expectedVersion: request.version, actorId: teamLeader.id, action: `override:${decision}`, at: now };
      // Not agreed, the intervention cannot go ahead (seed §36): the request ends there, with the
      // reason, rather than waiting in the DEA's queue for a booking nobody may make.
      // A request withdrawn meanwhile has ended already: the decision is noted on it.
      const changed =
        decision === 'agreed'
          ? await this.deps.requests.touch({ ...change, message: { kind: 'note', text: `Team leader agreed a further intervention.${text ? ` ${text}` : ''}` } })
          : request.status === 'accepted'
            ? await this.deps.requests.changeStatus({ ...change, to: 'closed', message: { kind: 'note', text: `Closed: the DEA's team leader did not agree a further intervention: ${text} Make a new request if the claimant needs other support.` } })
            : await this.deps.requests.touch({ ...change, message: { kind: 'note', text: `Team leader did not agree a further intervention: ${text}` } });
      await this.deps.notifier.requestChanged(changed);
      await this.deps.notifier.requestNeedsAttention(changed, changed.deaId);
      if (decision === 'declined') await this.deps.notifier.requestNeedsAttention(changed, changed.requesterId);
      return { override: decided, request: changed };
    });
  }

  async findOverride(id: string): Promise<InterventionOverride | null> {
    return this.deps.store.findOverride(id);
  }

  private async asRequester(person: StaffMember, requestId: string, version: number, channel: ConsentPurpose): Promise<SupportRequest> {
    return (await this.allowed(person, requestId, version, channel === 'three_way_intervention' ? 'threeWayConsent' : 'preconditions')).request;
  }

  /** The request and where its intervention stands, once the policy allows this person the action on the version they saw. */
  private async allowed(person: StaffMember, requestId: string, version: number, action: InterventionAction): Promise<{ request: SupportRequest; state: InterventionState | null }> {
    const request = await this.deps.requests.findById(requestId);
    if (!request) throw notFound('That request does not exist.');
    const who = interventionWhoRefusal(person.id, request, action);
    if (who) throw who;
    if (request.version !== version) throw conflict('The request changed since this card was shown.');
    const state = await this.state(request);
    const now = interventionNowRefusal(request, state, action);
    if (now) throw now;
    return { request, state };
  }

  /**
   * Interventions the claimant has had, has booked or is being booked (seed §36 counts them), other
   * than this one: a booking that failed, to be tried again, counts as much as one that was written;
   * one closed before it was booked (the claimant did not consent) does not.
   */
  private async countInterventions(request: SupportRequest): Promise<number> {
    if (!request.claimant) return 0;
    const { nino } = request.claimant;
    const had = await this.deps.store.countInterventions(nino, request.id, MEETING_STATUSES);
    const beingBooked = await this.deps.store.countBeingBooked(nino, request.id);
    return had + beingBooked;
  }
}

export type { InterventionState } from './intervention-policy';
