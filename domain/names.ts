/**
 * People's names (and other words shown in a list) in the order an English reader expects, the same on
 * every server. `localeCompare` with no locale follows the machine's: a server set to Welsh treats
 * Ll, Rh and Ch as letters of their own (Lynch before Lloyd), a Danish one puts Aaron after Zara. Where
 * the first by name decides something (whose work psychologist, who is told), two servers would
 * then decide differently.
 */
const ENGLISH = new Intl.Collator('en-GB');

export function compareNames(a: string, b: string): number {
  return ENGLISH.compare(a, b);
}

/** By name, then by id, so that two people of the same name keep one order whatever the rows' order. */
export function byName(a: { readonly name: string; readonly id: string }, b: { readonly name: string; readonly id: string }): number {
  return ENGLISH.compare(a.name, b.name) || compareCodes(a.id, b.id);
}

/** Codes, keys and ISO dates, compared character by character: no language has a say in them. */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "a", "a and b", "a, b and c" (or "a, b or c"): a list as a sentence says it. */
export function inWords(items: readonly string[], conjunction: 'and' | 'or' = 'and'): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]!}`;
}
