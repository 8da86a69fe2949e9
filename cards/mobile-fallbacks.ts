import type { AdaptiveCard } from './render';

/**
 * Teams mobile renders Adaptive Cards only to version 1.2, and some of its clients do not send
 * Universal Actions (Action.Execute, 1.4). A card that leans on newer features still reads, and
 * still works, there:
 * - `fallbackText`: what a client that cannot draw the card at all shows (and what a notification
 *   preview reads): the card's title and the reader's action.
 * - every Action.Execute carries a `fallback` Action.Submit with the same data and its verb as
 *   `executeVerb`: a 1.2 client drops the unknown action for it, and the bot routes the message it
 *   sends to the same handler as the click (see `EXECUTE_FALLBACK_KEY`).
 * - a Table (1.5) falls back to one line of text per row.
 * Labels (1.3) and `style: "heading"` (1.5) are ignored on mobile without harm: each form's heading
 * and its errors carry the meaning, and headings are bold as well.
 * Pure and idempotent: a card that has its fallbacks is returned unchanged in meaning.
 */
export const EXECUTE_FALLBACK_KEY = 'executeVerb';

export function withMobileFallbacks(card: AdaptiveCard): AdaptiveCard {
  const walked = walk(card) as AdaptiveCard;
  // The caller's card is never changed: the result is a new object whenever anything is added.
  const out = walked === card ? { ...card } : walked;
  if (typeof out.fallbackText !== 'string' || !out.fallbackText.trim()) out.fallbackText = summaryOf(out);
  return out;
}

/** The card's first text (its title) and the line that says what to do, as plain text. */
export function summaryOf(card: AdaptiveCard): string {
  const texts: string[] = [];
  collectText(card.body, texts);
  const title = texts[0] ?? 'DEA Support';
  const action = texts.find((t) => /^(Your action|Nothing for you to do)/.test(t));
  return plain(action && action !== title ? `${title}. ${action}` : title);
}

/**
 * The node with its fallbacks added. Copy-on-write: a node with nothing to add below it is returned
 * as it is (cards are drawn on every turn, so most of a card is not copied).
 */
function walk(node: unknown): unknown {
  if (Array.isArray(node)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < node.length; i++) {
      const walked = walk(node[i]);
      if (walked !== node[i] && !copy) copy = node.slice();
      if (copy) copy[i] = walked;
    }
    return copy ?? node;
  }
  if (!isObject(node)) return node;
  let copy: Record<string, unknown> | null = null;
  for (const key of Object.keys(node)) {
    // A refresh is not a button: clients that cannot run it simply show the card as sent.
    if (key === 'fallback' || key === 'data' || key === 'refresh') continue;
    const value = node[key];
    if (typeof value !== 'object' || value === null) continue;
    const walked = walk(value);
    if (walked === value) continue;
    copy ??= { ...node };
    copy[key] = walked;
  }
  if (node.type === 'Action.Execute' && node.fallback === undefined) {
    copy ??= { ...node };
    const data = isObject(copy.data) ? copy.data : {};
    copy.fallback = {
      type: 'Action.Submit',
      title: copy.title,
      ...(copy.style ? { style: copy.style } : {}),
      ...(copy.mode ? { mode: copy.mode } : {}),
      data: { ...data, [EXECUTE_FALLBACK_KEY]: copy.verb },
    };
  }
  if (node.type === 'Table' && node.fallback === undefined) {
    copy ??= { ...node };
    copy.fallback = tableAsText(copy);
  }
  return copy ?? node;
}

function tableAsText(table: Record<string, unknown>): Record<string, unknown> {
  const rows = Array.isArray(table.rows) ? table.rows.filter(isObject) : [];
  return {
    type: 'Container',
    items: rows.map((row) => {
      const cells = Array.isArray(row.cells) ? row.cells.filter(isObject) : [];
      const line = cells
        .map((cell) => {
          const texts: string[] = [];
          collectText(cell.items, texts);
          return texts.join(' ');
        })
        .filter(Boolean)
        .join(' · ');
      return { type: 'TextBlock', text: line, wrap: true, spacing: 'Small' };
    }),
  };
}

function collectText(node: unknown, into: string[]): void {
  if (Array.isArray(node)) {
    for (const n of node) collectText(n, into);
    return;
  }
  if (!isObject(node)) return;
  if (node.isVisible === false) return;
  if (node.type === 'TextBlock' && typeof node.text === 'string' && node.text.trim()) into.push(node.text.trim());
  for (const key of ['items', 'columns', 'body']) collectText(node[key], into);
}

/** Markdown links and emphasis as plain words. */
function plain(text: string): string {
  return text.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\*\*|__/g, '').replace(/\s+/g, ' ').trim().slice(0, 300);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
