import type { AdaptiveCard } from '../../cards/render';

/**
 * Nothing a person typed is lost: when a click is refused and the form they typed into may be gone
 * from the card as it now is, what they wrote in their own words is shown back in the card's note,
 * for them to copy. One wording for every journey.
 */

/**
 * The sentence giving back the non-empty free-text values of `typed` (only the inputs named in
 * `freeText`: never ids, dates or choices), in the order they were sent; '' when there are none.
 * Starts with a space, to be appended to a note's last sentence.
 */
export function typedTextSentence(typed: Readonly<Record<string, string>>, freeText: Iterable<string>): string {
  const fields = new Set(freeText);
  const written = Object.entries(typed)
    .filter(([key, value]) => fields.has(key) && value.trim())
    .map(([, value]) => value.trim());
  return written.length ? ` What you typed: “${written.join(' / ')}”` : '';
}

/** The non-empty free-text values of `typed` that no input of `card` holds any more: what a refusal would lose. */
export function typedTextNotOnCard(card: unknown, typed: Readonly<Record<string, string>>, freeText: Iterable<string>): Record<string, string> {
  const fields = new Set(freeText);
  const shown = inputValues(card);
  const lost: Record<string, string> = {};
  for (const [key, value] of Object.entries(typed)) {
    if (fields.has(key) && value.trim() && !(shown.get(key) ?? []).includes(value)) lost[key] = value;
  }
  return lost;
}

/** Every input's value on a card, by id, including the forms its buttons open. */
function inputValues(card: unknown): Map<string, string[]> {
  const values = new Map<string, string[]>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string' && typeof n.value === 'string') values.set(n.id, [...(values.get(n.id) ?? []), n.value]);
      for (const [key, child] of Object.entries(n)) if (key !== 'data') walk(child);
    }
  };
  walk(card);
  return values;
}

/** The card with its note (the text block that reads `from`) reading `to` instead; a card with no such note gets `to` at its end. */
export function withNoteText(card: AdaptiveCard, from: string, to: string): AdaptiveCard {
  let found = false;
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!node || typeof node !== 'object') return node;
    const n = node as Record<string, unknown>;
    if (n.type === 'TextBlock' && n.text === from) {
      found = true;
      return { ...n, text: to };
    }
    const copy: Record<string, unknown> = { ...n };
    for (const key of ['body', 'items', 'columns']) if (Array.isArray(copy[key])) copy[key] = walk(copy[key]);
    return copy;
  };
  const out = walk(card) as AdaptiveCard;
  if (!found) out.body = [...((out.body as unknown[] | undefined) ?? []), { type: 'TextBlock', text: to, wrap: true, weight: 'Bolder', color: 'Attention' }];
  return out;
}
