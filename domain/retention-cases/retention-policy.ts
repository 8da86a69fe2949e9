import { conflict, notAllowed, withoutStacks, type DomainError } from '../errors';
import { leadOf, type RetentionCase } from './retention-case';
import { hasRole, type StaffMember } from '../staff';

export const RETENTION_VERBS = ['consultDea', 'agreeNextStep', 'referToWorkPsychologist', 'consultHcp', 'recordHcpAdvice', 'recordOutcome'] as const;
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
    case 'referToWorkPsychologist':
      if (personId !== c.deaId) return notAllowed('The DEA refers the case to the work psychologist.');
      return c.status === 'in_progress' && c.route === 'dea_support_intervention' ? null : conflict('Only a case the DEA is undertaking can be referred to the work psychologist.');
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
