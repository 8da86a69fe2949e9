import type { AdviceBenefit } from './conversation';

export type AdviceEligibility = { readonly eligible: true } | { readonly eligible: false; readonly reason: string };

/**
 * Specialist Advice is for claimants on ESA or Universal Credit who have a health condition or
 * disability, whether or not they have had their Work Capability Assessment.
 */
export function adviceEligibility(benefit: AdviceBenefit, hasHealthCondition: boolean): AdviceEligibility {
  if (benefit === 'OTHER') {
    return {
      eligible: false,
      reason: 'Specialist Advice is only for claimants on Employment and Support Allowance or Universal Credit. You could ask your DEA for support instead: say "new request".',
    };
  }
  if (!hasHealthCondition) {
    return {
      eligible: false,
      reason: 'Specialist Advice is for claimants with a health condition or disability. If the claimant has one, choose "Yes" and describe it briefly.',
    };
  }
  return { eligible: true };
}
