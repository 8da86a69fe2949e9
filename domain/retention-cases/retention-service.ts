import { conflict, invalid, notFound } from '../errors';
import type { RoleHolders } from '../follow-up-actions/ports';
import { workPsychologistsFor } from '../follow-up-actions/work-psychologists';
import type { Clock, StaffDirectory } from '../ports';
import type { RequestNotifier, SupportRequestStore } from '../requests/ports';
import { checkNino } from '../requests/nino';
import type { Role } from '../roles';
import type { StaffMember } from '../staff';
import { byName } from '../names';
import { immediateUnitOfWork, type UnitOfWork } from '../unit-of-work';
import type { RetentionCaseStore, RetentionChanges, RetentionNotifier } from './ports';
import { ASSESSMENTS, OUTCOMES, RETENTION_LIMITS, ROUTES, type Assessment, type RetentionCase, type RetentionOutcome, type RetentionRoute } from './retention-case';
import { allowedRetentionVerbs, mayReadCase, mayRegisterRetentionCases, nextStepRefusal, nextStepsToAgree, nobodyRefusal, offeredRetentionVerbs, retentionRefusal, type RetentionVerb } from './retention-policy';

export interface RetentionDeps {
  readonly store: RetentionCaseStore;
  readonly people: RoleHolders;
  readonly directory: StaffDirectory;
  readonly notifier: RetentionNotifier;
  /** A DEA Support Intervention for a claimant is a request, so it counts towards their interventions (seed §36). */
  readonly requests: SupportRequestStore;
  readonly requestNotifier: RequestNotifier;
  readonly clock: Clock;
  readonly uow?: UnitOfWork;
}

export interface Registration {
  readonly personName?: unknown;
  readonly employer?: unknown;
  readonly need?: unknown;
  /** 'yes' when the person claims a benefit: their surname and NINO are then needed. */
  readonly claimant?: unknown;
  readonly surname?: unknown;
  readonly nino?: unknown;
  readonly assessment?: unknown;
  /** The DEA to consult, when the jobcentre has several. */
  readonly deaId?: unknown;
}

export interface NextStepInput {
  readonly route?: unknown;
  readonly agreedNote?: unknown;
  readonly workPsychologistId?: unknown;
}

/** A case as one person sees it. */
export interface RetentionView {
  readonly case: RetentionCase;
  readonly people: ReadonlyMap<string, StaffMember>;
  /** What this person may do now, and there is someone to do it with: what the card offers. */
  readonly allowed: ReadonlySet<RetentionVerb>;
  /** What this person could do but for nobody to send the case to, with why (`nobodyRefusal`), for the card to say. */
  readonly nobody: ReadonlyMap<RetentionVerb, string>;
  /** The next steps this person may record as agreed (§68), in the policy's words: none unless they may record one. */
  readonly nextSteps: readonly RetentionRoute[];
  /** Whom this person may choose from for the actions they are allowed. */
  readonly workPsychologists: readonly StaffMember[];
  /** The DEAs of the case's jobcentre, in name order, when this person may consult one (§67). */
  readonly deas: readonly StaffMember[];
  readonly hcps: readonly StaffMember[];
  readonly jobcentreName: string | null;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function within(value: unknown, max: number, field: string, missing: string, problems: Record<string, string>, required = true): string {
  const t = text(value);
  if (!t && required) problems[field] = missing;
  else if (t.length > max) problems[field] = `Keep it under ${max} characters.`;
  return t;
}

/** Said on registration when the jobcentre has no DEA, on the choice where it can be put right. */
const NO_DEA_ON_REGISTRATION = 'Nobody at your jobcentre is a DEA in the staff directory, so there is no DEA to consult. Ask for your DEA to be added, or resolve it as a straightforward adjustment.';

/**
 * The DEA to consult, of those given (the case's jobcentre's, §67, at least one): the one chosen,
 * which must be one of them, or the only one when there is just one.
 */
function chooseDea(deas: readonly StaffMember[], deaId: unknown, problems: Record<string, string>): StaffMember | null {
  const chosen = text(deaId).toLowerCase();
  if (!chosen && deas.length === 1) return deas[0]!;
  const dea = deas.find((d) => d.id === chosen);
  if (!dea) problems.deaId = 'Choose the DEA to consult.';
  return dea ?? null;
}

/**
 * The case's DEA's work psychologist, of those they work with: the only one, or the
 * one the DEA chooses when several work at the DEA's own jobcentre.
 */
function chooseWorkPsychologist(wps: readonly StaffMember[], id: unknown, problems: Record<string, string>): StaffMember | null {
  const nobody = nobodyRefusal('referToWorkPsychologist', wps);
  if (nobody) {
    Object.assign(problems, nobody.problems);
    return null;
  }
  const chosen = text(id).toLowerCase();
  const wp = chosen ? wps.find((w) => w.id === chosen) : wps.length === 1 ? wps[0] : undefined;
  if (!wp) problems.workPsychologistId = 'Choose the work psychologist.';
  return wp ?? null;
}

/**
 * The employer adviser registers a retention case and resolves a straightforward adjustment alone;
 * a possibly complex case goes to the DEA, and together they record the next step (§66–68). An HCP
 * may be consulted, for advice only. The person leading it records the outcome, with its route.
 */
export class RetentionService {
  private readonly uow: UnitOfWork;

  constructor(private readonly deps: RetentionDeps) {
    this.uow = deps.uow ?? immediateUnitOfWork;
  }

  /** The DEAs the employer adviser may consult on a new case: those of their jobcentre, in name order. */
  async deasFor(adviser: StaffMember): Promise<StaffMember[]> {
    return this.deasAt(adviser.jobcentreId);
  }

  async register(adviser: StaffMember, input: Registration): Promise<RetentionCase> {
    if (!mayRegisterRetentionCases(adviser)) throw invalid('Retention cases are registered by employer advisers.');
    const problems: Record<string, string> = {};
    const personName = within(input.personName, RETENTION_LIMITS.personName, 'personName', 'Enter how you refer to the person (first name or initials).', problems);
    const employer = within(input.employer, RETENTION_LIMITS.employer, 'employer', 'Enter the employer.', problems);
    const need = within(input.need, RETENTION_LIMITS.need, 'need', 'Describe the need arising from their health condition or disability.', problems);
    const claimant = text(input.claimant) === 'yes';
    let nino: string | null = null;
    let surname: string | null = null;
    if (claimant) {
      surname = within(input.surname, 100, 'surname', 'Enter their surname: a claimant’s DEA Support Intervention counts towards their interventions.', problems) || null;
      const checked = checkNino(text(input.nino));
      if (checked.ok) nino = checked.nino;
      else problems.nino = checked.problem;
    }
    const assessment = text(input.assessment) as Assessment;
    if (!ASSESSMENTS.includes(assessment)) problems.assessment = 'Choose whether it is a straightforward adjustment or possibly complex.';
    let dea: StaffMember | null = null;
    if (assessment === 'possibly_complex') {
      const deas = await this.deasFor(adviser);
      if (deas.length) dea = chooseDea(deas, input.deaId, problems);
      else problems.assessment = NO_DEA_ON_REGISTRATION;
    }
    if (Object.keys(problems).length) throw invalid(Object.values(problems)[0]!, problems);
    return this.uow.run(async () => {
      const created = await this.deps.store.create({
        employerAdviserId: adviser.id,
        jobcentreId: adviser.jobcentreId,
        deaId: dea?.id ?? null,
        personName,
        employer,
        need,
        nino,
        surname,
        assessment,
        status: dea ? 'consulting' : 'with_employer_adviser',
        route: dea ? null : 'employer_adviser',
        createdAt: this.deps.clock.now(),
      });
      if (dea) await this.deps.notifier.caseNeedsAttention(created, dea.id);
      return created;
    });
  }

  /**
   * The employer adviser asks the DEA after all, whether the case is complex (§67): a DEA of the
   * case's jobcentre, the one they choose when it has several.
   */
  async consultDea(adviser: StaffMember, caseId: string, version: number, deaId: unknown): Promise<RetentionCase> {
    return this.uow.run(async () => {
      const c = await this.ready(adviser, caseId, version, 'consultDea');
      const deas = await this.deasAt(c.jobcentreId);
      const nobody = nobodyRefusal('consultDea', deas);
      if (nobody) throw nobody;
      const problems: Record<string, string> = {};
      const dea = chooseDea(deas, deaId, problems);
      if (!dea) throw invalid(Object.values(problems)[0]!, problems);
      const changed = await this.deps.store.update(c.id, c.version, { deaId: dea.id, status: 'consulting', route: null });
      await this.deps.notifier.caseNeedsAttention(changed, dea.id);
      this.deps.notifier.caseChanged(changed);
      return changed;
    });
  }

  /**
   * The DEA records the next step they and the employer adviser agreed (§68). A DEA Support
   * Intervention for a claimant starts as a request, accepted, so it is booked like any other and
   * counts towards the claimant's interventions.
   */
  async agreeNextStep(dea: StaffMember, caseId: string, version: number, input: NextStepInput): Promise<RetentionCase> {
    return this.uow.run(async () => {
      const c = await this.ready(dea, caseId, version, 'agreeNextStep');
      const problems: Record<string, string> = {};
      const route = text(input.route) as RetentionRoute;
      // The policy's refusal goes beside the choice, so the form comes back open with what was typed.
      const refusal = ROUTES.includes(route) ? nextStepRefusal(dea.id, c, route) : invalid('Choose the next step you agreed.');
      if (refusal) problems.route = refusal.message;
      const agreedNote = within(input.agreedNote, RETENTION_LIMITS.note, 'agreedNote', 'Say what you and the employer adviser agreed.', problems);
      const changes: { -readonly [K in keyof RetentionChanges]: RetentionChanges[K] } = { route, agreedNote, status: route === 'employer_adviser' ? 'with_employer_adviser' : 'in_progress' };
      if (route === 'work_psychologist') {
        const wp = chooseWorkPsychologist(await this.workPsychologistsOf(dea), input.workPsychologistId, problems);
        if (wp) changes.workPsychologistId = wp.id;
      }
      if (Object.keys(problems).length) throw invalid(Object.values(problems)[0]!, problems);
      if (route === 'dea_support_intervention' && c.nino) changes.interventionRequestId = await this.startIntervention(c, dea);
      const changed = await this.deps.store.update(c.id, c.version, changes);
      await this.deps.notifier.caseNeedsAttention(changed, changed.employerAdviserId);
      if (changed.workPsychologistId) await this.deps.notifier.caseNeedsAttention(changed, changed.workPsychologistId);
      this.deps.notifier.caseChanged(changed);
      return changed;
    });
  }

  /**
   * The DEA undertaking the case records that they are unable to resolve the retention issue, and why
   * (§68): only then may they refer it to the work psychologist, or they record its outcome themselves.
   */
  async recordUnableToResolve(dea: StaffMember, caseId: string, version: number, note: unknown): Promise<RetentionCase> {
    return this.uow.run(async () => {
      const c = await this.ready(dea, caseId, version, 'recordUnableToResolve');
      const problems: Record<string, string> = {};
      // `referralNote`, as the referral form's reason was called: a reason typed on a card from before is kept.
      const why = within(note, RETENTION_LIMITS.note, 'referralNote', 'Say why you are unable to resolve it.', problems);
      if (Object.keys(problems).length) throw invalid(Object.values(problems)[0]!, problems);
      const agreedNote = `${c.agreedNote ?? ''}\nThe DEA is unable to resolve it: ${why}`.trim().slice(0, RETENTION_LIMITS.note + 200);
      const changed = await this.deps.store.update(c.id, c.version, { status: 'dea_unable_to_resolve', agreedNote });
      // The case is the employer adviser's: they learn the DEA could not resolve it, and that it may go to the work psychologist.
      await this.deps.notifier.caseNeedsAttention(changed, changed.employerAdviserId);
      this.deps.notifier.caseChanged(changed);
      return changed;
    });
  }

  /** The DEA is unable to resolve it, and said so: the work psychologist conducts the retention activity (§68). */
  async referToWorkPsychologist(dea: StaffMember, caseId: string, version: number, workPsychologistId: unknown): Promise<RetentionCase> {
    return this.uow.run(async () => {
      const c = await this.ready(dea, caseId, version, 'referToWorkPsychologist');
      const problems: Record<string, string> = {};
      const wp = chooseWorkPsychologist(await this.workPsychologistsOf(dea), workPsychologistId, problems);
      if (!wp || Object.keys(problems).length) throw invalid(Object.values(problems)[0]!, problems);
      const changed = await this.deps.store.update(c.id, c.version, { route: 'work_psychologist', workPsychologistId: wp.id, status: 'in_progress' });
      await this.deps.notifier.caseNeedsAttention(changed, wp.id);
      await this.deps.notifier.caseNeedsAttention(changed, changed.employerAdviserId);
      this.deps.notifier.caseChanged(changed);
      return changed;
    });
  }

  /** A Health Care Professional of the jobcentre is consulted, for advice only (seed 002 Annex 3 §4.4). */
  async consultHcp(person: StaffMember, caseId: string, version: number, hcpId: unknown): Promise<RetentionCase> {
    return this.uow.run(async () => {
      const c = await this.ready(person, caseId, version, 'consultHcp');
      const hcps = await this.holders('hcp', c);
      const hcp = hcps.find((h) => h.id === text(hcpId).toLowerCase());
      if (!hcp) throw invalid(hcps.length ? 'Choose one of the Health Care Professionals listed.' : 'No Health Care Professional works at this jobcentre in the staff directory.', { hcpId: 'Choose the Health Care Professional.' });
      const changed = await this.deps.store.update(c.id, c.version, { hcpId: hcp.id });
      await this.deps.notifier.caseNeedsAttention(changed, hcp.id);
      this.deps.notifier.caseChanged(changed);
      return changed;
    });
  }

  async recordHcpAdvice(hcp: StaffMember, caseId: string, version: number, advice: unknown): Promise<RetentionCase> {
    return this.uow.run(async () => {
      const c = await this.ready(hcp, caseId, version, 'recordHcpAdvice');
      const problems: Record<string, string> = {};
      const text = within(advice, RETENTION_LIMITS.note, 'hcpAdvice', 'Enter your advice.', problems);
      if (Object.keys(problems).length) throw invalid(Object.values(problems)[0]!, problems);
      const changed = await this.deps.store.update(c.id, c.version, { hcpAdvice: text });
      for (const id of [changed.employerAdviserId, changed.deaId]) if (id) await this.deps.notifier.caseNeedsAttention(changed, id);
      this.deps.notifier.caseChanged(changed);
      return changed;
    });
  }

  /** The person leading the retention activity records its outcome; the route is kept for the reports. */
  async recordOutcome(person: StaffMember, caseId: string, version: number, outcome: unknown, note: unknown): Promise<RetentionCase> {
    return this.uow.run(async () => {
      const c = await this.ready(person, caseId, version, 'recordOutcome');
      const problems: Record<string, string> = {};
      const chosen = text(outcome) as RetentionOutcome;
      if (!OUTCOMES.includes(chosen)) problems.outcome = 'Choose the outcome.';
      const outcomeNote = within(note, RETENTION_LIMITS.note, 'outcomeNote', 'Say what was done.', problems);
      if (Object.keys(problems).length) throw invalid(Object.values(problems)[0]!, problems);
      const changed = await this.deps.store.update(c.id, c.version, { outcome: chosen, outcomeNote, outcomeById: person.id, status: 'closed', closedAt: this.deps.clock.now() });
      for (const id of new Set([changed.employerAdviserId, changed.deaId, changed.workPsychologistId])) if (id && id !== person.id) await this.deps.notifier.caseNeedsAttention(changed, id);
      this.deps.notifier.caseChanged(changed);
      return changed;
    });
  }

  async view(caseId: string, viewer: StaffMember): Promise<RetentionView | null> {
    const c = await this.deps.store.find(caseId);
    if (!c || !mayReadCase(viewer.id, c)) return null;
    const ids = [c.employerAdviserId, c.deaId, c.workPsychologistId, c.hcpId].filter((id): id is string => id !== null);
    const people = new Map((await this.deps.directory.findByIds(ids)).map((p) => [p.id, p]));
    const permitted = allowedRetentionVerbs(viewer.id, c);
    const nextSteps = nextStepsToAgree(viewer.id, c);
    const needsWp = nextSteps.includes('work_psychologist') || permitted.has('referToWorkPsychologist');
    const workPsychologists = needsWp ? await this.workPsychologistsOf(c.deaId ? people.get(c.deaId) ?? null : null) : [];
    const deas = permitted.has('consultDea') ? await this.deasAt(c.jobcentreId) : [];
    const { allowed, nobody } = offeredRetentionVerbs(viewer.id, c, { deas, workPsychologists });
    return {
      case: c,
      people,
      allowed,
      nobody,
      nextSteps,
      workPsychologists,
      deas,
      hcps: allowed.has('consultHcp') ? await this.holders('hcp', c) : [],
      jobcentreName: c.jobcentreId ? await this.deps.people.jobcentreName(c.jobcentreId) : null,
    };
  }

  async listFor(person: StaffMember, limit = 15): Promise<{ cases: RetentionCase[]; byRoute: ReadonlyMap<RetentionRoute | null, number> }> {
    return { cases: await this.deps.store.forPerson(person.id, limit), byRoute: await this.deps.store.countByRoute(person.id) };
  }

  /** The DEAs of a jobcentre, in name order: whom a case of it may be sent to consult. */
  private async deasAt(jobcentreId: string | null): Promise<StaffMember[]> {
    return jobcentreId ? [...(await this.deps.people.holders('dea', jobcentreId))].sort(byName) : [];
  }

  /** The work psychologists the case's DEA works with (`workPsychologistsFor`): whom the case may be referred to. */
  private async workPsychologistsOf(dea: StaffMember | null): Promise<StaffMember[]> {
    return workPsychologistsFor(dea, this.deps.people);
  }

  private async holders(role: Role, c: RetentionCase): Promise<StaffMember[]> {
    return c.jobcentreId ? this.deps.people.holders(role, c.jobcentreId) : [];
  }

  private async startIntervention(c: RetentionCase, dea: StaffMember): Promise<string> {
    const { request, created } = await this.deps.requests.createOnce(
      {
        type: 'claimant_support',
        requesterId: c.employerAdviserId,
        deaId: dea.id,
        claimant: { surname: c.surname ?? c.personName, nino: c.nino!, benefits: [] },
        topic: null,
        description: c.need,
        reason: `Retention case ${c.reference}: a DEA Support Intervention agreed with the employer adviser.`,
        requiredBy: null,
        urgent: false,
        vulnerability: null,
        submissionKey: `retention:${c.id}`,
        acceptedAs: 'claimant_support_intervention',
      },
      this.deps.clock.now(),
    );
    if (created) await this.deps.requestNotifier.requestNeedsAttention(request, c.employerAdviserId);
    return request.id;
  }

  private async ready(person: StaffMember, caseId: string, version: number, verb: RetentionVerb): Promise<RetentionCase> {
    const c = await this.deps.store.find(caseId);
    if (!c || !mayReadCase(person.id, c)) throw notFound('That retention case does not exist, or is not yours to see.');
    const refusal = retentionRefusal(person.id, c, verb);
    if (refusal) throw refusal;
    if (c.version !== version) throw conflict('The case changed since this card was shown. Here it is as it is now.');
    return c;
  }
}
