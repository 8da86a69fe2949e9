import type { Channel } from './channels';

/** A request for DEA support: the case. */

export const REQUEST_TYPES = ['claimant_support', 'skill_support', 'colleague_support', 'specialist_advice'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const REQUEST_TYPE_LABELS: Readonly<Record<RequestType, string>> = {
  claimant_support: 'One to One Claimant Support',
  skill_support: 'One to One Skill Support',
  colleague_support: 'Colleague support',
  specialist_advice: 'Specialist Advice',
};

export const REQUEST_STATUSES = [
  'submitted',
  'info_requested',
  'accepted',
  'booked',
  'held',
  'outcome_recorded',
  'closed',
  'redirected',
  'withdrawn',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const STATUS_LABELS: Readonly<Record<RequestStatus, string>> = {
  submitted: 'Waiting for the DEA',
  info_requested: 'DEA asked for more information',
  accepted: 'Accepted',
  booked: 'Booked',
  held: 'Held',
  outcome_recorded: 'Outcome recorded',
  closed: 'Closed',
  redirected: 'Redirected',
  withdrawn: 'Withdrawn',
};

export const BENEFITS = ['UC', 'ESA', 'JSA', 'PIP', 'DLA', 'AA', 'other'] as const;
export type Benefit = (typeof BENEFITS)[number];
export const BENEFIT_LABELS: Readonly<Record<Benefit, string>> = {
  UC: 'Universal Credit (UC)',
  ESA: 'Employment and Support Allowance (ESA)',
  JSA: "Jobseeker's Allowance (JSA)",
  PIP: 'Personal Independence Payment (PIP)',
  DLA: 'Disability Living Allowance (DLA)',
  AA: 'Attendance Allowance (AA)',
  other: 'Another benefit',
};

export const SKILL_TOPICS = ['retention', 'reasonable_adjustments', 'disability_specific_information', 'other'] as const;
export type SkillTopic = (typeof SKILL_TOPICS)[number];
export const SKILL_TOPIC_LABELS: Readonly<Record<SkillTopic, string>> = {
  retention: 'Retention',
  reasonable_adjustments: 'Reasonable adjustments',
  disability_specific_information: 'Disability-specific information',
  other: 'Something else',
};

export type Criticality = 'urgent' | 'non_urgent';

/** Why a non-benefit claimant may still be helped (seed §5). */
export type Vulnerability = 'clearly_vulnerable' | 'suicide_or_self_harm';

export interface ClaimantDetails {
  readonly surname: string;
  readonly nino: string;
  readonly benefits: readonly Benefit[];
}

/** One turn of the written exchange on a request: questions, answers, information, redirections. */
export type RequestMessageKind = 'question' | 'answer' | 'information' | 'holding' | 'redirect' | 'note';

export interface RequestMessage {
  readonly at: Date;
  readonly authorId: string;
  readonly kind: RequestMessageKind;
  readonly text: string;
  /** Informational support: the summary that goes with the information. */
  readonly summary: string | null;
  /** A holding response: when the DEA expects to come back (YYYY-MM-DD). */
  readonly expectedReturn: string | null;
}

export interface SupportRequest {
  readonly id: string;
  readonly reference: string;
  readonly type: RequestType;
  readonly status: RequestStatus;
  readonly version: number;
  readonly requesterId: string;
  readonly deaId: string;
  readonly claimant: ClaimantDetails | null;
  readonly topic: SkillTopic | null;
  /** Claimant support: the claimant's challenges. Skill support and colleagues: what is needed. */
  readonly description: string;
  /** Claimant support: why DEA support is needed. Colleagues: the reason for the request. */
  readonly reason: string | null;
  readonly requiredBy: string | null;
  readonly urgent: boolean;
  readonly vulnerability: Vulnerability | null;
  /** The channel of support the DEA chose on accepting. */
  readonly channel: Channel | null;
  /** Marked by the DEA as not an appropriate request for them (seed §12 trends). */
  readonly inappropriate: boolean;
  /** The request whose outcome started this one (a next step that is a channel). */
  readonly parentRequestId: string | null;
  /** A channel the requester asked for: a team leader asking directly for a claimant support intervention (seed §39). */
  readonly requestedChannel: Channel | null;
  /**
   * The claimant's work coach, when someone else (a team leader, seed §39) asked: the DEA's summary
   * goes to them, and they follow up the actions (seed §41). Null when the requester is the coach.
   */
  readonly claimantCoachId: string | null;
  readonly messages: readonly RequestMessage[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export function formatReference(number: number): string {
  return `DEA-${String(number).padStart(6, '0')}`;
}

