import type { StaffMember } from '../staff';
import { searchHub, searchWords, type HubEntry, type HubKind } from './hub';
import type { HubStore, PartnershipDirectory } from './ports';

/**
 * Where the product points someone to the local Disability Hub, it lists the entries that fit
 * rather than only naming the Hub: a few at once, and the command that shows more.
 */
export const SUGGESTED_ENTRIES = 3;

/** Other sources of support for someone the DEA cannot support (a non-benefit claimant, seed 000 §4). */
export const REFERRAL_KINDS: readonly HubKind[] = ['external_charity', 'non_contracted_provision', 'provision'];

/** What to look for: entries matching some words, or entries of some kinds (newest first). */
export type HubPointer = { readonly words: string } | { readonly kinds: readonly HubKind[] };

export interface HubSuggestions {
  /** Null when the directory does not say where the person works. */
  readonly district: string | null;
  /** The first few entries that fit. */
  readonly entries: readonly HubEntry[];
  /** How many fit in all. */
  readonly total: number;
  /** What to type (or the button sends) to see more: "hub" and the words. */
  readonly moreCommand: string;
}

/** The published entries that fit the pointer: the first `limit`, and how many there are in all. */
export function suggestFromHub(entries: readonly HubEntry[], pointer: HubPointer, limit = SUGGESTED_ENTRIES): { entries: HubEntry[]; total: number; moreCommand: string } {
  if ('words' in pointer) {
    const words = searchWords(pointer.words).slice(0, 4);
    if (!words.length) return { entries: [], total: 0, moreCommand: 'hub' };
    const all = searchHub(entries, words.join(' '), 100);
    return { entries: all.slice(0, limit), total: all.length, moreCommand: `hub ${words.join(' ')}` };
  }
  const all = entries.filter((e) => e.status === 'published' && pointer.kinds.includes(e.kind)).sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
  // The newest entries of every kind: the kinds' own words would each narrow the search to one kind.
  return { entries: all.slice(0, limit), total: all.length, moreCommand: 'hub' };
}

export interface HubSuggestionDeps {
  readonly hub: Pick<HubStore, 'entriesOf'>;
  readonly districts: Pick<PartnershipDirectory, 'districtOf'>;
}

/** Reads the person's district's Hub for the entries that fit. */
export class HubSuggester {
  constructor(private readonly deps: HubSuggestionDeps) {}

  async suggest(person: StaffMember, pointer: HubPointer): Promise<HubSuggestions> {
    const district = await this.deps.districts.districtOf(person);
    if (!district) return { district: null, entries: [], total: 0, moreCommand: 'hub' };
    return { district, ...suggestFromHub(await this.deps.hub.entriesOf(district), pointer) };
  }
}
