import { checkNino } from '../requests/nino';
import { RETENTION_LIMITS } from '../retention-cases/retention-case';

/**
 * How the data protection lead names the person a request is about: by National Insurance number,
 * and, for someone in work who claims no benefit (a retention case records no NINO for them), by
 * the name and employer the employer adviser recorded.
 */
export interface ClaimantKey {
  readonly nino: string | null;
  /** Both set, or neither. */
  readonly person: { readonly name: string; readonly employer: string } | null;
}

export type ClaimantKeyCheck =
  | { readonly ok: true; readonly key: ClaimantKey }
  | { readonly ok: false; readonly problems: Readonly<Partial<Record<'nino' | 'personName' | 'employer', string>>> };

/** Reads the form: a valid NINO, or a name and employer, or both; each problem beside its field. */
export function checkClaimantKey(typed: { nino?: unknown; personName?: unknown; employer?: unknown }, allowPerson: boolean): ClaimantKeyCheck {
  const text = (v: unknown) => (typeof v === 'string' ? v.trim().replace(/\s+/g, ' ') : '');
  const rawNino = text(typed.nino);
  const name = allowPerson ? text(typed.personName) : '';
  const employer = allowPerson ? text(typed.employer) : '';
  const problems: Partial<Record<'nino' | 'personName' | 'employer', string>> = {};
  let nino: string | null = null;
  if (rawNino || (!name && !employer)) {
    const check = checkNino(rawNino);
    if (check.ok) nino = check.nino;
    else problems.nino = allowPerson && !rawNino ? 'Enter the claimant\'s National Insurance number, or, for someone who claims no benefit, their name and employer.' : check.problem;
  }
  if (name && !employer) problems.employer = 'Enter their employer, as the employer adviser recorded it.';
  if (employer && !name) problems.personName = 'Enter their name, as the employer adviser recorded it.';
  if (name.length > RETENTION_LIMITS.personName) problems.personName = `A name is at most ${RETENTION_LIMITS.personName} characters.`;
  if (employer.length > RETENTION_LIMITS.employer) problems.employer = `An employer is at most ${RETENTION_LIMITS.employer} characters.`;
  if (Object.keys(problems).length) return { ok: false, problems };
  return { ok: true, key: { nino, person: name && employer ? { name, employer } : null } };
}

/**
 * How the search was made, in words for the subject access card: what it finds and what it
 * cannot, so the data protection lead knows what else to ask about.
 */
export function searchDescription(key: ClaimantKey): string[] {
  const lines: string[] = [];
  if (key.nino) lines.push('By National Insurance number: requests, Specialist Advice conversations and retention cases recorded with it, everything tied to them, and unfinished drafts that mention it.');
  if (key.person) lines.push(`By name and employer: retention cases of people who claim no benefit, where the employer adviser recorded the name "${key.person.name}" and the employer "${key.person.employer}" (capital letters aside). Check each case is the person asking before you send it.`);
  lines.push('Not found by this search: anything about them typed into another person\'s case (for example, a note on a relative\'s request), or into free text that does not name their cases. Ask the staff involved if you think there is more.');
  return lines;
}
