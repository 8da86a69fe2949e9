import { invalid } from '../errors';

/** What a Hub entry is (seed 000 §61: the links the DEA provides), plus the group opportunities the DEA shares (§49). */
export const HUB_KINDS = [
  'internal_knowledge',
  'toolkit',
  'guidance',
  'provision',
  'external_charity',
  'non_contracted_provision',
  'disability_confident_employer',
  'local_strategy_output',
  'employment_opportunity',
] as const;
export type HubKind = (typeof HUB_KINDS)[number];

export const HUB_KIND_LABELS: Readonly<Record<HubKind, string>> = {
  internal_knowledge: 'Internal knowledge',
  toolkit: 'Toolkit',
  guidance: 'Guidance',
  provision: 'Provision',
  external_charity: 'Disability charity',
  non_contracted_provision: 'Non-contracted provision',
  disability_confident_employer: 'Disability Confident employer',
  local_strategy_output: 'Local strategy output',
  employment_opportunity: 'Employment opportunity',
};

export function isHubKind(value: string): value is HubKind {
  return (HUB_KINDS as readonly string[]).includes(value);
}

/**
 * Kinds a DEA may give an entry they write on the Hub's form. An employment opportunity reaches the
 * Hub only when it is shared with the cohort, so each coach also gets the conditionality reminder
 * (seed 000 §49, §51).
 */
const WRITTEN_KINDS: ReadonlySet<HubKind> = new Set(HUB_KINDS.filter((k) => k !== 'employment_opportunity'));

/**
 * The kinds a Hub form offers, and the only ones its click is allowed: a new entry's, or a changed
 * entry's, which may always keep the kind it has (an opportunity stays an opportunity).
 */
export function hubKindChoices(current: HubKind | null = null): readonly HubKind[] {
  return HUB_KINDS.filter((k) => WRITTEN_KINDS.has(k) || k === current);
}

/**
 * An entry on a district's local Disability Hub. The DEA keeps it; the district provision tool's
 * single point of contact publishes it (seed 000 §61), so coaches find it only once published.
 */
export interface HubEntry {
  readonly id: string;
  readonly district: string;
  readonly title: string;
  readonly summary: string;
  readonly link: string | null;
  readonly kind: HubKind;
  readonly status: 'awaiting_publication' | 'published' | 'removed';
  /** The DEA who keeps the entry. */
  readonly keeperId: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What a new or changed entry says. */
export interface HubContent {
  readonly title: string;
  readonly summary: string;
  readonly link: string | null;
  readonly kind: HubKind;
}

/** A change the DEA asks the single point of contact to publish: new content, changed content, or a removal. */
export interface HubChange {
  readonly id: string;
  readonly entryId: string;
  readonly action: 'add' | 'change' | 'remove';
  /** The content to publish (for a removal, the entry as it is). */
  readonly content: HubContent;
  readonly requestedById: string;
  readonly contactId: string;
  readonly status: 'requested' | 'published' | 'declined';
  readonly reason: string | null;
  readonly version: number;
  readonly createdAt: Date;
  readonly decidedAt: Date | null;
}

export const HUB_LIMITS = { title: 120, summary: 600, link: 400 } as const;

/**
 * Checks a form's content; every problem is named beside its field. `current` is the kind of the
 * entry being changed (null for a new entry): the kinds allowed are those its form offers.
 */
export function parseHubContent(input: { title?: unknown; summary?: unknown; link?: unknown; kind?: unknown }, current: HubKind | null = null): HubContent {
  const problems: Record<string, string> = {};
  const title = text(input.title);
  const summary = text(input.summary);
  const link = text(input.link);
  const kind = text(input.kind);
  if (!title) problems.title = 'Enter a title.';
  else if (title.length > HUB_LIMITS.title) problems.title = `The title must be ${HUB_LIMITS.title} characters or fewer.`;
  if (!summary) problems.summary = 'Enter a summary of what it is and who it helps.';
  else if (summary.length > HUB_LIMITS.summary) problems.summary = `The summary must be ${HUB_LIMITS.summary} characters or fewer.`;
  if (link && !isWebLink(link)) problems.link = 'Enter a web address starting with https://, or leave it empty.';
  else if (link.length > HUB_LIMITS.link) problems.link = `The web address must be ${HUB_LIMITS.link} characters or fewer.`;
  if (!isHubKind(kind) || !hubKindChoices(current).includes(kind)) {
    problems.kind = kind === 'employment_opportunity' ? 'An employment opportunity goes on the Hub when you share it with your work coaches: say "partnerships", then choose Share an opportunity.' : 'Choose what kind of entry this is.';
  }
  if (Object.keys(problems).length) throw invalid('Some of the entry needs correcting.', problems);
  return { title, summary, link: link || null, kind: kind as HubKind };
}

/** A web address a coach can safely open: https (or http on an intranet), with a host. */
export function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** The words of a search, lower case, without short filler words. */
export function searchWords(query: string): string[] {
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length >= 2 && !FILLER.has(w));
  return [...new Set(words)].slice(0, 10);
}

const FILLER = new Set(['a', 'an', 'and', 'the', 'of', 'for', 'to', 'in', 'on', 'with', 'or', 'about', 'is', 'at']);

/**
 * Published entries matching every word of the search (in the title, summary or kind), title
 * matches first, then the newest. No words: the newest entries.
 */
export function searchHub(entries: readonly HubEntry[], query: string, limit = 10): HubEntry[] {
  const words = searchWords(query);
  const published = entries.filter((e) => e.status === 'published');
  const scored = published
    .map((entry) => {
      const title = entry.title.toLowerCase();
      const rest = `${entry.summary} ${HUB_KIND_LABELS[entry.kind]}`.toLowerCase();
      let score = 0;
      for (const word of words) {
        if (title.includes(word)) score += 2;
        else if (rest.includes(word)) score += 1;
        else return null;
      }
      return { entry, score };
    })
    .filter((x): x is { entry: HubEntry; score: number } => x !== null);
  return scored
    .sort((a, b) => b.score - a.score || b.entry.updatedAt.getTime() - a.entry.updatedAt.getTime())
    .slice(0, limit)
    .map((x) => x.entry);
}

/** Where a coach or DEA is pointed to the Hub (a non-benefit claimant to refer on, informational support). */
export const HUB_HINT = 'Your local Disability Hub lists support, provision and services in your district: say "hub" and some words to find them, for example "hub mental health".';
