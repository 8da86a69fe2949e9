import type { Benefit, Vulnerability } from './support-request';

/** Benefits that, on their own, make a non-benefit claimant (seed §3). */
const NON_BENEFIT: readonly Benefit[] = ['PIP', 'DLA', 'AA'];

/** A claimant on PIP, DLA and/or AA only. */
export function isNonBenefitClaimant(benefits: readonly Benefit[]): boolean {
  return benefits.length > 0 && benefits.every((b) => NON_BENEFIT.includes(b));
}

export type Eligibility =
  | { eligible: true; urgent: boolean; followSixPointPlan: boolean }
  | { eligible: false; reason: string };

/**
 * Seed §3–5: the DEA cannot support non-benefit claimants, except one who is clearly vulnerable or
 * has declared an intention to attempt suicide or self harm; such a request is urgent, and a declaration
 * means following the Jobcentre 6 point plan now.
 */
export function eligibility(benefits: readonly Benefit[], vulnerability: Vulnerability | null): Eligibility {
  const followSixPointPlan = vulnerability === 'suicide_or_self_harm';
  if (!isNonBenefitClaimant(benefits)) return { eligible: true, urgent: followSixPointPlan, followSixPointPlan };
  if (vulnerability) return { eligible: true, urgent: true, followSixPointPlan };
  return {
    eligible: false,
    reason:
      'A claimant who gets only PIP, DLA or Attendance Allowance is a non-benefit claimant, and the DEA cannot support them. ' +
      'Refer them to another source of support or information: your local disability hub lists them (for example their GP, NHS services and disability charities), ' +
      'and your service delivery team leader or service delivery coach can make the referral with the DEA\'s help.',
  };
}

export const SIX_POINT_PLAN_INSTRUCTION =
  'Follow the 6 point plan now: it is the Jobcentre Plus procedure for managing a declaration of intention to attempt suicide or self harm. ' +
  'Your request to the DEA is marked urgent.';
