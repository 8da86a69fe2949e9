/**
 * Retention cases (seed 000 §66–68; seed 002 Annex 3 §4.4): someone in work needs support to keep
 * their job because of a health condition or disability, and is referred to the employer adviser.
 */

/** The employer adviser's first view of the case (§66); "possibly complex" goes to the DEA to consult (§67). */
export const ASSESSMENTS = ['straightforward', 'possibly_complex'] as const;
export type Assessment = (typeof ASSESSMENTS)[number];

export const ASSESSMENT_LABELS: Readonly<Record<Assessment, string>> = {
  straightforward: 'A straightforward reasonable adjustment: I will resolve it',
  possibly_complex: 'Possibly complex: consult the DEA',
};

/**
 * Who leads the retention activity, kept for the reports:
 * - the employer adviser alone (a straightforward reasonable adjustment, §66);
 * - the employer adviser with the DEA's support (most complex cases, §68);
 * - the DEA, as a DEA Support Intervention (too complex or sensitive for the employer adviser, §68);
 * - the work psychologist (the DEA could not resolve it, §68).
 */
export const ROUTES = ['employer_adviser', 'dea_supports_employer_adviser', 'dea_support_intervention', 'work_psychologist'] as const;
export type RetentionRoute = (typeof ROUTES)[number];

export const ROUTE_LABELS: Readonly<Record<RetentionRoute, string>> = {
  employer_adviser: 'Straightforward reasonable adjustment, resolved by the employer adviser',
  dea_supports_employer_adviser: 'The DEA supports the employer adviser to facilitate the retention',
  dea_support_intervention: 'The DEA undertakes the retention activity as a DEA Support Intervention',
  work_psychologist: 'Referred to the work psychologist, who conducts the retention activity',
};

/**
 * `dea_unable_to_resolve`: the DEA undertook it and recorded that they are unable to resolve the
 * retention issue, the one point at which they may refer it to the work psychologist (§68).
 */
export const STATUSES = ['with_employer_adviser', 'consulting', 'in_progress', 'dea_unable_to_resolve', 'closed'] as const;
export type RetentionStatus = (typeof STATUSES)[number];

export const STATUS_LABELS: Readonly<Record<RetentionStatus, string>> = {
  with_employer_adviser: 'With the employer adviser',
  consulting: 'Waiting for the employer adviser and DEA to agree the next step',
  in_progress: 'Retention activity under way',
  dea_unable_to_resolve: 'The DEA is unable to resolve it: they may refer it to the work psychologist',
  closed: 'Outcome recorded',
};

export const OUTCOMES = ['retained_with_adjustments', 'managed_transfer', 'not_retained', 'other'] as const;
export type RetentionOutcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Readonly<Record<RetentionOutcome, string>> = {
  retained_with_adjustments: 'Kept their job, with reasonable adjustments',
  managed_transfer: 'Managed transfer to a more suitable job role',
  not_retained: 'Did not keep their job',
  other: 'Something else',
};

export const RETENTION_LIMITS = { personName: 100, employer: 200, need: 2000, note: 2000 } as const;

export interface RetentionCase {
  readonly id: string;
  readonly number: number;
  readonly reference: string;
  readonly employerAdviserId: string;
  readonly jobcentreId: string | null;
  /** The DEA consulted (once sent to them). */
  readonly deaId: string | null;
  readonly workPsychologistId: string | null;
  /** A Health Care Professional consulted, in a consultative role only (seed 002 Annex 3 §4.4). */
  readonly hcpId: string | null;
  readonly hcpAdvice: string | null;
  /** How the employer adviser names the person (their first name, or initials). */
  readonly personName: string;
  readonly employer: string;
  /** The need arising from a health condition or disability. */
  readonly need: string;
  /** A claimant's National Insurance number: their DEA Support Intervention counts towards their interventions. */
  readonly nino: string | null;
  readonly surname: string | null;
  readonly assessment: Assessment;
  readonly status: RetentionStatus;
  readonly route: RetentionRoute | null;
  /** What the employer adviser and the DEA agreed (§68). */
  readonly agreedNote: string | null;
  /** The DEA Support Intervention, when the person is a claimant: a request that counts towards their interventions. */
  readonly interventionRequestId: string | null;
  readonly outcome: RetentionOutcome | null;
  readonly outcomeNote: string | null;
  readonly outcomeById: string | null;
  readonly closedAt: Date | null;
  readonly createdAt: Date;
  readonly version: number;
}

export function formatRetentionReference(number: number): string {
  return `RET-${String(number).padStart(6, '0')}`;
}

/** Who records the outcome on each route: whoever leads the retention activity. */
export function leadOf(c: Pick<RetentionCase, 'route' | 'employerAdviserId' | 'deaId' | 'workPsychologistId'>): string | null {
  switch (c.route) {
    case 'employer_adviser':
    case 'dea_supports_employer_adviser':
      return c.employerAdviserId;
    case 'dea_support_intervention':
      return c.deaId;
    case 'work_psychologist':
      return c.workPsychologistId;
    default:
      return null;
  }
}
