import { eligibility, isNonBenefitClaimant, SIX_POINT_PLAN_INSTRUCTION } from '../../domain/requests/eligibility';
import type { Benefit } from '../../domain/requests/support-request';

const NON_BENEFIT_COMBINATIONS: Benefit[][] = [['PIP'], ['DLA'], ['AA'], ['PIP', 'DLA'], ['PIP', 'AA'], ['DLA', 'AA'], ['PIP', 'DLA', 'AA']];

const WITH_A_QUALIFYING_BENEFIT: Benefit[][] = [
  ['UC'],
  ['ESA'],
  ['JSA'],
  ['other'],
  ['UC', 'PIP'],
  ['ESA', 'DLA'],
  ['JSA', 'AA'],
  ['PIP', 'other'],
  ['PIP', 'DLA', 'AA', 'UC'],
  ['UC', 'ESA', 'JSA', 'other'],
];

/** One case per list, so the title shows the whole list. */
const cases = (lists: Benefit[][]): [Benefit[]][] => lists.map((benefits) => [benefits]);

describe('isNonBenefitClaimant', () => {
  it.each(cases(NON_BENEFIT_COMBINATIONS))('is true for %j', (benefits: Benefit[]) => {
    expect(isNonBenefitClaimant(benefits)).toBe(true);
  });

  it.each(cases(WITH_A_QUALIFYING_BENEFIT))('is false for %j', (benefits: Benefit[]) => {
    expect(isNonBenefitClaimant(benefits)).toBe(false);
  });

  it('is false for no benefits at all', () => {
    expect(isNonBenefitClaimant([])).toBe(false);
  });
});

describe('eligibility: non-benefit claimants (seed §3–4)', () => {
  it.each(cases(NON_BENEFIT_COMBINATIONS))('refuses %j without an exception, pointing to another source of support', (benefits: Benefit[]) => {
    const verdict = eligibility(benefits, null);
    expect(verdict.eligible).toBe(false);
    if (verdict.eligible) return;
    expect(verdict.reason).toMatch(/non-benefit claimant/);
    expect(verdict.reason).toMatch(/Refer them to another source of support or information: your local disability hub lists them/);
    expect(verdict.reason).toMatch(/PIP, DLA or Attendance Allowance/);
  });

  it('gives exactly the reason text, with no extra fields', () => {
    expect(eligibility(['PIP'], null)).toEqual({
      eligible: false,
      reason:
        'A claimant who gets only PIP, DLA or Attendance Allowance is a non-benefit claimant, and the DEA cannot support them. ' +
        'Refer them to another source of support or information: your local disability hub lists them (for example their GP, NHS services and disability charities), ' +
        "and your service delivery team leader or service delivery coach can make the referral with the DEA's help.",
    });
  });
});

describe('eligibility: claimants with a qualifying benefit', () => {
  it.each(cases(WITH_A_QUALIFYING_BENEFIT))('accepts %j, not urgent', (benefits: Benefit[]) => {
    expect(eligibility(benefits, null)).toEqual({ eligible: true, urgent: false, followSixPointPlan: false });
  });

  it('empty benefits is not a non-benefit claimant, so it is not refused here', () => {
    expect(eligibility([], null)).toEqual({ eligible: true, urgent: false, followSixPointPlan: false });
  });

  it('a declaration of suicide or self-harm means the 6 point plan and urgency whatever the benefits', () => {
    expect(eligibility(['UC'], 'suicide_or_self_harm')).toEqual({ eligible: true, urgent: true, followSixPointPlan: true });
  });

  it('a clearly vulnerable claimant on a qualifying benefit is accepted, without the 6 point plan', () => {
    // Current behaviour: urgency from clear vulnerability only applies to the non-benefit exception.
    expect(eligibility(['UC'], 'clearly_vulnerable')).toEqual({ eligible: true, urgent: false, followSixPointPlan: false });
  });
});

describe('eligibility: the exception (seed §5)', () => {
  it.each(cases(NON_BENEFIT_COMBINATIONS))('accepts %j when clearly vulnerable: urgent, no 6 point plan', (benefits: Benefit[]) => {
    expect(eligibility(benefits, 'clearly_vulnerable')).toEqual({ eligible: true, urgent: true, followSixPointPlan: false });
  });

  it.each(cases(NON_BENEFIT_COMBINATIONS))('accepts %j on a declaration of suicide or self-harm: urgent, follow the 6 point plan', (benefits: Benefit[]) => {
    expect(eligibility(benefits, 'suicide_or_self_harm')).toEqual({ eligible: true, urgent: true, followSixPointPlan: true });
  });

  it('the 6 point plan instruction says to follow the plan now and that the request is urgent', () => {
    expect(SIX_POINT_PLAN_INSTRUCTION).toMatch(/6 point plan/);
    expect(SIX_POINT_PLAN_INSTRUCTION).toMatch(/now/);
    expect(SIX_POINT_PLAN_INSTRUCTION).toMatch(/urgent/);
  });
});
