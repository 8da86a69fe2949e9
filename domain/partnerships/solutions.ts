import { invalid } from '../errors';
import type { HubKind } from './hub';

/**
 * Employment solutions formulated with Employer Engagement (seed 000 §49) and provision solutions
 * with the Third Party Provision team (§52).
 */
export const SOLUTION_KINDS = ['job_shadowing', 'job_trial', 'apprenticeship', 'contracted_employment', 'non_contracted_provision', 'contracted_provision', 'flexible_support_fund'] as const;
export type SolutionKind = (typeof SOLUTION_KINDS)[number];

export const SOLUTION_KIND_LABELS: Readonly<Record<SolutionKind, string>> = {
  job_shadowing: 'Job shadowing',
  job_trial: 'Job trial',
  apprenticeship: 'Apprenticeship',
  contracted_employment: 'Contracted employment',
  non_contracted_provision: 'Non-contracted provision',
  contracted_provision: 'Contracted provision',
  flexible_support_fund: 'Provision funded by the Flexible Support Fund',
};

export type SolutionTeam = 'employer_engagement' | 'third_party_provision';

export const TEAM_LABELS: Readonly<Record<SolutionTeam, string>> = {
  employer_engagement: 'Employer Engagement',
  third_party_provision: 'Third Party Provision',
};

/** Which team works the solution up: employment with Employer Engagement, provision with Third Party Provision. */
export function teamOf(kind: SolutionKind): SolutionTeam {
  return kind === 'job_shadowing' || kind === 'job_trial' || kind === 'apprenticeship' || kind === 'contracted_employment' ? 'employer_engagement' : 'third_party_provision';
}

/** What kind of Hub entry an opportunity becomes. */
export function hubKindOf(kind: SolutionKind): HubKind {
  if (teamOf(kind) === 'employer_engagement') return 'employment_opportunity';
  return kind === 'non_contracted_provision' ? 'non_contracted_provision' : 'provision';
}

/**
 * An opportunity the DEA was notified of, or the news that there is none yet and the team goes on
 * looking (seed 000 §49–50, §52–53).
 */
export type SolutionStatus = 'available' | 'still_investigating';

export interface Solution {
  readonly id: string;
  readonly deaId: string;
  readonly kind: SolutionKind;
  readonly status: SolutionStatus;
  readonly title: string;
  readonly summary: string;
  readonly link: string | null;
  /** The Hub entry asked for when it was shared, if it was an opportunity for the group. */
  readonly hubEntryId: string | null;
  /** How many coaches of the cohort were sent it. */
  readonly sentTo: number;
  readonly createdAt: Date;
}

export interface SolutionInput {
  readonly kind: SolutionKind;
  readonly status: SolutionStatus;
  readonly title: string;
  readonly summary: string;
  readonly link: string | null;
  /** Also on the Hub: only an available opportunity, for the group. */
  readonly onHub: boolean;
}

export const SOLUTION_LIMITS = { title: 120, summary: 600 } as const;

export function parseSolution(input: { kind?: unknown; status?: unknown; title?: unknown; summary?: unknown; link?: unknown; onHub?: unknown }, isLink: (value: string) => boolean): SolutionInput {
  const problems: Record<string, string> = {};
  const kind = str(input.kind);
  const status = str(input.status);
  const title = str(input.title);
  const summary = str(input.summary);
  const link = str(input.link);
  if (!(SOLUTION_KINDS as readonly string[]).includes(kind)) problems.kind = 'Choose the kind of opportunity.';
  if (status !== 'available' && status !== 'still_investigating') problems.status = 'Choose whether it is available now or still being looked for.';
  if (!title) problems.title = 'Enter a title.';
  else if (title.length > SOLUTION_LIMITS.title) problems.title = `The title must be ${SOLUTION_LIMITS.title} characters or fewer.`;
  if (!summary) problems.summary = 'Enter what it is, who it suits and how to refer a claimant.';
  else if (summary.length > SOLUTION_LIMITS.summary) problems.summary = `The summary must be ${SOLUTION_LIMITS.summary} characters or fewer.`;
  if (link && !isLink(link)) problems.link = 'Enter a web address starting with https://, or leave it empty.';
  if (Object.keys(problems).length) throw invalid('Some of the opportunity needs correcting.', problems);
  const onHub = input.onHub === true || input.onHub === 'true';
  return { kind: kind as SolutionKind, status: status as SolutionStatus, title, summary, link: link || null, onHub: onHub && status === 'available' };
}

function str(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
