import { conflict, invalid, notAllowed, withoutStacks, type DomainError } from '../errors';
import { leadOf, ROUTES, type RetentionCase, type RetentionRoute } from './retention-case';
import { hasRole, type StaffMember } from '../staff';

export const RETENTION_VERBS = ['consultDea', 'agreeNextStep', 'recordUnableToResolve', 'referToWorkPsychologist', 'consultHcp', 'recordHcpAdvice', 'recordOutcome'] as const;
export type RetentionVerb = (typeof RETENTION_VERBS)[number];

/** Employer advisers register retention cases (seed 000 §63). */
export function mayRegisterRetentionCases(person: Pick<StaffMember, 'roles'>): boolean {
  return hasRole(person, 'employer_adviser');
}

/** The employer adviser, the DEA consulted, the work psychologist and the HCP consulted may read the case; nobody else. */
export function mayReadCase(personId: string, c: RetentionCase): boolean {
  return [c.employerAdviserId, c.deaId, c.workPsychologistId, c.hcpId].includes(personId);
}

/** Why this person may not do this with the case now, or null when they may. */
export function retentionRefusal(personId: string, c: RetentionCase, verb: RetentionVerb): DomainError | null {
  if (c.status === 'closed') return conflict('The outcome of this retention case has been recorded: it is closed.');
  switch (verb) {
    case 'consultDea':
      if (personId !== c.employerAdviserId) return notAllowed('The employer adviser decides whether to consult the DEA.');
      return c.status === 'with_employer_adviser' && c.route === 'employer_adviser' ? null : conflict('The DEA is already consulted on this case.');
    case 'agreeNextStep':
      if (personId !== c.deaId) return notAllowed('The DEA records the next step the employer adviser and they agreed.');
      return c.status === 'consulting' ? null : conflict('The next step has already been agreed.');
    // Seed 000 §68: "if the DEA is unable to resolve the retention issue, they may refer the case to the
    // Work Psychologist". So the DEA first undertakes it, then says they could not resolve it, then may refer.
    case 'recordUnableToResolve':
      if (personId !== c.deaId) return notAllowed('Only the DEA undertaking the case records that they are unable to resolve it.');
      if (c.status === 'dea_unable_to_resolve') return conflict('It is already recorded that you are unable to resolve this case.');
      return c.status === 'in_progress' && c.route === 'dea_support_intervention' ? null : conflict('Only a case the DEA is undertaking as a DEA Support Intervention can be recorded as one they are unable to resolve.');
    case 'referToWorkPsychologist':
      if (personId !== c.deaId) return notAllowed('The DEA refers the case to the work psychologist.');
      if (c.status === 'dea_unable_to_resolve') return null;
      if (c.status === 'consulting') return conflict('The work psychologist comes in only if the DEA is unable to resolve the retention issue. Agree another next step now; if you then cannot resolve it, record that on the case and refer it.');
      if (c.status === 'in_progress' && c.route === 'dea_support_intervention') return conflict('Record that you are unable to resolve the retention issue first: then you may refer the case to the work psychologist.');
      return conflict('Only a case the DEA undertook and is unable to resolve can be referred to the work psychologist.');
    case 'consultHcp':
      if (personId !== c.employerAdviserId && personId !== c.deaId) return notAllowed('The employer adviser or the DEA may consult a Health Care Professional.');
      return c.hcpId ? conflict('A Health Care Professional has already been consulted on this case.') : null;
    case 'recordHcpAdvice':
      if (personId !== c.hcpId) return notAllowed('Only the Health Care Professional consulted records their advice.');
      return c.hcpAdvice ? conflict('Your advice has already been recorded.') : null;
    case 'recordOutcome': {
      const lead = leadOf(c);
      if (c.status === 'consulting' || !lead) return conflict('The outcome is recorded once the next step has been agreed.');
      return personId === lead ? null : notAllowed('The person leading the retention activity records its outcome.');
    }
  }
}

export function allowedRetentionVerbs(personId: string, c: RetentionCase): ReadonlySet<RetentionVerb> {
  return withoutStacks(() => new Set(RETENTION_VERBS.filter((v) => !retentionRefusal(personId, c, v))));
}

/** Whom each verb that sends the case to someone could send it to now. */
export interface RetentionCandidates {
  readonly deas: readonly unknown[];
  readonly workPsychologists: readonly unknown[];
}

/**
 * The verbs that send the case to someone, and why they cannot when there is nobody to send it to:
 * the card then offers no button and says this instead, and a click from an older card is refused
 * with the same words, beside the field that would name the person.
 */
const NOBODY_TO_ASK: Partial<Record<RetentionVerb, { readonly whom: keyof RetentionCandidates; readonly field: string; readonly reason: string }>> = {
  consultDea: {
    whom: 'deas',
    field: 'deaId',
    reason: 'Nobody at this case’s jobcentre is a DEA in the staff directory, so there is no DEA to consult: ask whoever keeps the directory to add your DEA.',
  },
  referToWorkPsychologist: {
    whom: 'workPsychologists',
    field: 'workPsychologistId',
    reason: 'Nobody in your district is a work psychologist in the staff directory, so there is nobody to refer the case to: ask whoever keeps the directory to add them.',
  },
};

/** Why this verb cannot be done for want of anyone to send the case to, given whom it could go to; null when it can. */
export function nobodyRefusal(verb: RetentionVerb, candidates: readonly unknown[]): DomainError | null {
  const nobody = NOBODY_TO_ASK[verb];
  return nobody && candidates.length === 0 ? invalid(nobody.reason, { [nobody.field]: nobody.reason }) : null;
}

/**
 * What this person may do with the case now, as the card offers it: the verbs the policy allows and
 * there is someone for; and, for those there is nobody for, why.
 */
export function offeredRetentionVerbs(personId: string, c: RetentionCase, candidates: RetentionCandidates): { allowed: ReadonlySet<RetentionVerb>; nobody: ReadonlyMap<RetentionVerb, string> } {
  return withoutStacks(() => {
    const allowed = new Set<RetentionVerb>();
    const nobody = new Map<RetentionVerb, string>();
    for (const verb of allowedRetentionVerbs(personId, c)) {
      const whom = NOBODY_TO_ASK[verb]?.whom;
      const refusal = whom ? nobodyRefusal(verb, candidates[whom]) : null;
      if (refusal) nobody.set(verb, refusal.message);
      else allowed.add(verb);
    }
    return { allowed, nobody };
  });
}

/**
 * Why this next step may not be recorded as agreed, or null when it may. Sending the case to the work
 * psychologist is a referral, so it answers to the referral's rule: never at the consultation itself,
 * where the DEA has not yet tried to resolve it (§68).
 */
export function nextStepRefusal(personId: string, c: RetentionCase, route: RetentionRoute): DomainError | null {
  return retentionRefusal(personId, c, 'agreeNextStep') ?? (route === 'work_psychologist' ? retentionRefusal(personId, c, 'referToWorkPsychologist') : null);
}

/** The next steps this person may record as agreed on the case now: none unless they record the next step. */
export function nextStepsToAgree(personId: string, c: RetentionCase): readonly RetentionRoute[] {
  return withoutStacks(() => ROUTES.filter((r) => !nextStepRefusal(personId, c, r)));
}
