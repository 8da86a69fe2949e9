import { invalid } from '../errors';
import { checkNino } from '../requests/nino';
import {
  ADVICE_BENEFITS,
  ADVICE_CHANNELS,
  ADVICE_TYPES,
  WCA_STATUSES,
  type AdviceBenefit,
  type AdviceChannel,
  type AdviceClaimant,
  type AdviceType,
  type WcaStatus,
} from './conversation';
import { adviceEligibility } from './eligibility';

/** What the coach typed on the Specialist Advice form, as text (a card's inputs). */
export interface AdviceRequestInput {
  readonly surname?: string;
  readonly nino?: string;
  readonly benefit?: string;
  readonly healthCondition?: string;
  readonly wcaStatus?: string;
  readonly wcaSummary?: string;
  readonly background?: string;
  readonly conditions?: string;
  /** Comma-separated, as a multi-select sends it. */
  readonly adviceTypes?: string;
  readonly channel?: string;
  readonly complex?: string;
  readonly when?: string;
  readonly consent?: string;
  readonly gpConsent?: string;
}

export interface AdviceRequest {
  readonly claimant: AdviceClaimant;
  readonly adviceTypes: readonly AdviceType[];
  readonly channel: AdviceChannel;
  readonly complex: boolean;
  /** The claimant is in the jobcentre now and asks to speak to an HCP. */
  readonly adHoc: boolean;
  readonly gpConsent: boolean;
}

export const TEXT_LIMITS = { surname: 100, summary: 1000, background: 2000, conditions: 1000 } as const;

const oneOf = <T extends string>(list: readonly T[], value: string | undefined): T | null => ((list as readonly string[]).includes(value ?? '') ? (value as T) : null);

/**
 * Checks the whole form at once: every problem is named beside its field, and an ineligible
 * claimant gets the reason. Throws `invalid` with the problems; nothing is saved until it passes.
 */
export function parseAdviceRequest(input: AdviceRequestInput): AdviceRequest {
  const problems: Record<string, string> = {};
  const text = (v: string | undefined) => (v ?? '').trim();

  const surname = text(input.surname);
  if (!surname) problems.surname = 'Enter the claimant’s surname.';
  else if (surname.length > TEXT_LIMITS.surname) problems.surname = `The surname must be ${TEXT_LIMITS.surname} characters or fewer.`;

  const nino = checkNino(input.nino ?? '');
  if (!nino.ok) problems.nino = nino.problem;

  const benefit = oneOf<AdviceBenefit>(ADVICE_BENEFITS, input.benefit);
  if (!benefit) problems.benefit = 'Choose the claimant’s benefit.';

  const health = input.healthCondition === 'yes' ? true : input.healthCondition === 'no' ? false : null;
  if (health === null) problems.healthCondition = 'Say whether the claimant has a health condition or disability.';

  if (benefit && health !== null) {
    const eligible = adviceEligibility(benefit, health);
    if (!eligible.eligible) throw invalid(eligible.reason, { [benefit === 'OTHER' ? 'benefit' : 'healthCondition']: eligible.reason });
  }

  const wcaStatus = oneOf<WcaStatus>(WCA_STATUSES, input.wcaStatus);
  if (!wcaStatus) problems.wcaStatus = 'Choose where the claimant is with their Work Capability Assessment.';
  const wcaSummary = text(input.wcaSummary);
  if (wcaStatus === 'had' && !wcaSummary) problems.wcaSummary = 'Give a short summary of the WCA outcome.';
  else if (wcaSummary.length > TEXT_LIMITS.summary) problems.wcaSummary = `Keep the summary to ${TEXT_LIMITS.summary} characters or fewer.`;

  const background = text(input.background);
  if (!background) problems.background = 'Give the relevant background.';
  else if (background.length > TEXT_LIMITS.background) problems.background = `Keep the background to ${TEXT_LIMITS.background} characters or fewer.`;

  const conditions = text(input.conditions);
  if (!conditions) problems.conditions = 'Describe the health condition or conditions in brief.';
  else if (conditions.length > TEXT_LIMITS.conditions) problems.conditions = `Keep this to ${TEXT_LIMITS.conditions} characters or fewer.`;

  const types = (input.adviceTypes ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  const adviceTypes = [...new Set(types.map((t) => oneOf<AdviceType>(ADVICE_TYPES, t)).filter((t): t is AdviceType => t !== null))];
  if (adviceTypes.length === 0 || adviceTypes.length !== new Set(types).size) problems.adviceTypes = 'Choose at least one type of advice.';

  const channel = oneOf<AdviceChannel>(ADVICE_CHANNELS, input.channel);
  if (!channel) problems.channel = 'Choose face to face, video call or telephone.';

  if (input.when !== 'booked' && input.when !== 'now') problems.when = 'Choose whether to book a time or ask an HCP now.';

  // Taking part is voluntary: the coach records that the claimant agreed, having been told so.
  if (input.consent !== 'true') problems.consent = 'The claimant must agree to take part. If they do not, do not send this.';
  const gp = input.gpConsent === 'yes' ? true : input.gpConsent === 'no' ? false : null;
  if (gp === null) problems.gpConsent = 'Say whether the claimant agrees to their GP being told of any unexpected findings.';

  if (Object.keys(problems).length > 0) throw invalid('Some answers need changing.', problems);
  return {
    claimant: { surname, nino: (nino as { nino: string }).nino, benefit: benefit!, wcaStatus: wcaStatus!, wcaSummary: wcaSummary || null, background, conditions },
    adviceTypes,
    channel: channel!,
    complex: input.complex === 'true',
    adHoc: input.when === 'now',
    gpConsent: gp!,
  };
}
