import { openForm } from './glance-card';
import type { AdaptiveCard } from './render';

/** What a form's Action.ShowCard is marked with when it comes back refused (`showCardAction` sets it). */
export const REFUSED_FORM_ID = 'refused-form';

type Node = Record<string, unknown>;

function isRefused(action: unknown): action is Node {
  const a = action as Node | null;
  return !!a && a.type === 'Action.ShowCard' && typeof a.id === 'string' && a.id.startsWith(REFUSED_FORM_ID);
}

function hasRefused(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasRefused);
  if (!node || typeof node !== 'object') return false;
  const n = node as Node;
  if (isRefused(n)) return true;
  // Only where elements and actions live: text and data are not walked.
  return ['body', 'items', 'columns', 'actions'].some((key) => Array.isArray(n[key]) && hasRefused(n[key]));
}

/** Items of a body or container with each refused form opened after the ActionSet that held it. */
function openIn(items: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const item of items) {
    const node = item as Node | null;
    if (!node || typeof node !== 'object') {
      out.push(item);
      continue;
    }
    const copy: Node = { ...node };
    for (const key of ['items', 'columns', 'body']) if (Array.isArray(copy[key])) copy[key] = openIn(copy[key] as unknown[]);
    if (copy.type === 'ActionSet' && Array.isArray(copy.actions) && copy.actions.some(isRefused)) {
      const actions = copy.actions as unknown[];
      const kept = actions.filter((a) => !isRefused(a));
      if (kept.length) out.push({ ...copy, actions: kept });
      out.push(...actions.filter(isRefused).map(openForm));
      continue;
    }
    out.push(copy);
  }
  return out;
}

/**
 * The card as it is shown: any form that came back refused, wherever its button was, is opened in
 * place (under the buttons it belonged to, or at the end of the card for the card's own buttons).
 * Pure; a card with no refused form is returned as it was.
 */
export function withRefusedFormsOpen(card: AdaptiveCard): AdaptiveCard {
  if (!hasRefused(card)) return card;
  const actions = Array.isArray(card.actions) ? (card.actions as unknown[]) : [];
  const body = openIn(Array.isArray(card.body) ? (card.body as unknown[]) : []);
  body.push(...actions.filter(isRefused).map(openForm));
  const out: AdaptiveCard = { ...card, body };
  if (Array.isArray(card.actions)) out.actions = actions.filter((a) => !isRefused(a)) as AdaptiveCard['actions'];
  return out;
}
