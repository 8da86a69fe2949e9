import type { Channel } from '../requests/channels';
import type { SupportRequest } from '../requests/support-request';

/**
 * What may follow a meeting (seed §16, §18, §28, §34, §42), kept as data: each list is the seed's,
 * in the seed's order, and a step that is itself a channel of support starts that channel.
 */
export const NEXT_STEPS = [
  'case_conference',
  'skill_conference',
  'claimant_support_intervention',
  'three_way_intervention',
  'group_conference_case',
  'work_psychologist_action',
  'employer_adviser_action',
  'tpp_manager_action',
  'no_further_support',
] as const;
export type NextStep = (typeof NEXT_STEPS)[number];

export const NEXT_STEP_LABELS: Readonly<Record<NextStep, string>> = {
  case_conference: 'Work coach and DEA case conference',
  skill_conference: 'Work coach and DEA skill conference',
  claimant_support_intervention: "Claimant support intervention by the DEA (at the DEA's discretion)",
  three_way_intervention: 'Three way intervention (work coach, DEA and claimant)',
  group_conference_case: 'Case selected for group work coach conference',
  work_psychologist_action: 'Work Psychologist action',
  employer_adviser_action: 'Employer Adviser action',
  tpp_manager_action: 'Third Party Provision Manager action',
  no_further_support: 'No further support needed',
};

/** The meetings that end with an outcome. */
export const OUTCOME_CHANNELS = ['case_conference', 'skill_conference', 'three_way_intervention', 'group_conference', 'claimant_support_intervention'] as const satisfies readonly Channel[];
export type OutcomeChannel = (typeof OUTCOME_CHANNELS)[number];

/** The seed's list for each meeting. */
export const NEXT_STEPS_AFTER: Readonly<Record<OutcomeChannel, readonly NextStep[]>> = {
  // §16
  case_conference: ['case_conference', 'claimant_support_intervention', 'three_way_intervention', 'group_conference_case', 'work_psychologist_action', 'employer_adviser_action', 'tpp_manager_action', 'no_further_support'],
  // §18
  skill_conference: ['skill_conference', 'group_conference_case', 'work_psychologist_action', 'employer_adviser_action', 'tpp_manager_action', 'no_further_support'],
  // §28
  three_way_intervention: ['case_conference', 'claimant_support_intervention', 'three_way_intervention', 'group_conference_case', 'work_psychologist_action', 'employer_adviser_action', 'tpp_manager_action', 'no_further_support'],
  // §34
  group_conference: ['case_conference', 'claimant_support_intervention', 'three_way_intervention', 'work_psychologist_action', 'employer_adviser_action', 'tpp_manager_action', 'no_further_support'],
  // §42
  claimant_support_intervention: ['case_conference', 'claimant_support_intervention', 'three_way_intervention', 'work_psychologist_action', 'employer_adviser_action', 'tpp_manager_action', 'no_further_support'],
};

/** A step that is a channel of support: choosing it starts that channel as a follow-up request. */
export function channelOfStep(step: NextStep): Channel | null {
  switch (step) {
    case 'case_conference':
    case 'skill_conference':
    case 'claimant_support_intervention':
    case 'three_way_intervention':
      return step;
    default:
      return null;
  }
}

export function isNextStep(value: unknown): value is NextStep {
  return typeof value === 'string' && (NEXT_STEPS as readonly string[]).includes(value);
}

/** Next steps as a comma-separated choice set gives them (Input.ChoiceSet isMultiSelect). */
export function parseNextSteps(value: unknown, after: OutcomeChannel): NextStep[] {
  const allowed = NEXT_STEPS_AFTER[after];
  const picked = String(value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is NextStep => isNextStep(s) && allowed.includes(s));
  return [...new Set(picked)];
}

/** Puts a case forward for the next group work coach conference it can go to; describes it, or null if none is booked. */
export interface GroupCaseNominator {
  nominateForNext(requestId: string, actorId: string): Promise<string | null>;
}

/** The next steps chosen after a meeting: at least one, and "no further support" only on its own. */
export function checkNextSteps(value: unknown, after: OutcomeChannel, called = 'next step'): { steps: NextStep[]; problem: string | null } {
  const steps = parseNextSteps(value, after);
  if (steps.length === 0) return { steps, problem: `Choose at least one ${called}.` };
  if (steps.includes('no_further_support') && steps.length > 1) return { steps, problem: `"No further support needed" cannot go with other ${called}s.` };
  return { steps, problem: null };
}

/**
 * Starts the channels that next steps name, without anyone retyping the case: a follow-up request
 * with the same claimant and description, linked to the one it came from.
 */
export interface FollowUpStarter {
  /**
   * `source`: what asked for them when it is not the request's own outcome (a group conference's
   * outcome for the case, say): each source starts its own follow-ups, while the same outcome sent
   * twice starts them once.
   */
  startFollowUps(fromRequestId: string, steps: readonly NextStep[], actorId: string, at: Date, source?: string): Promise<readonly { step: NextStep; reference: string }[]>;
}

/**
 * Starts the action a next step gives to someone outside the meeting (a work psychologist, employer
 * adviser or Third Party Provision manager action): says what became of it, or null for other steps.
 */
export interface OutcomeActionStarter {
  startAction(from: SupportRequest, step: NextStep, actorId: string, at: Date, source?: string): Promise<string | null>;
}
