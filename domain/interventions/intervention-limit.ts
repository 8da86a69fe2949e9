/**
 * Each claimant may have up to three DEA claimant support interventions; the DEA's Work Coach Team
 * Leader may agree more in exceptional circumstances (seed §36).
 */
export const INTERVENTIONS_PER_CLAIMANT = 3;

export const OVERRIDE_REASON_MAX = 1000;

export type OverrideDecision = 'pending' | 'agreed' | 'declined';

/** A request to the DEA's team leader to agree one more intervention than the limit. */
export interface InterventionOverride {
  readonly id: string;
  readonly requestId: string;
  readonly reason: string;
  readonly askedById: string;
  readonly askedAt: Date;
  readonly teamLeaderId: string;
  readonly decision: OverrideDecision;
  readonly decidedAt: Date | null;
  readonly note: string | null;
  /** How many interventions the claimant had had when it was asked. */
  readonly priorCount: number;
}

/** Whether a further intervention needs the team leader: from the 4th on. */
export function needsTeamLeaderAgreement(priorInterventions: number): boolean {
  return priorInterventions >= INTERVENTIONS_PER_CLAIMANT;
}

export function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${suffix}`;
}
