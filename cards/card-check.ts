import { MAX_PRIMARY_ACTIONS } from './glance-card';

/**
 * Teams refuses a message over about 100 KB (counted as UTF-16). A card stays well inside that, so
 * that a long history or list never reaches it.
 */
export const CARD_SIZE_LIMIT_BYTES = 40 * 1024;

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;
const INTERNAL_REFERENCE = /§|\bseed\b/i;
/** The one place an id is shown on purpose: someone not in the directory quotes theirs to be added. */
const QUOTED_OWN_ID = /quoting your Teams id [0-9a-f-]{36}/i;
/** A subject access export shows the data held as it is held, ids included: that block is data, not prose. */
export const DATA_EXPORT_ID = 'data-export';

/**
 * What is wrong with a card people will read, in words (empty when nothing is): every input
 * labelled, a required one with its error message, no template left unexpanded, no raw id or
 * internal reference in text people read, at most three buttons at once, a size well inside
 * Teams' limit, and fallbacks for Teams mobile (fallbackText, a Submit behind each Execute, no bare
 * Table). Run over every card the tests see, so a new journey's cards are checked too.
 */
export function checkCard(card: unknown): string[] {
  const problems: string[] = [];
  const json = JSON.stringify(card);
  if (json.length * 2 > CARD_SIZE_LIMIT_BYTES) problems.push(`the card is ${Math.round((json.length * 2) / 1024)} KB, more than ${CARD_SIZE_LIMIT_BYTES / 1024} KB`);
  if (json.includes('${')) problems.push('a template expression was left unexpanded ("${")');
  // Teams mobile (cards to version 1.2): a card it cannot draw shows its fallbackText.
  if (isObject(card) && (typeof card.fallbackText !== 'string' || !card.fallbackText.trim())) problems.push('the card has no fallbackText for clients that cannot show it');
  checkLevel(card, 'card', problems);
  return problems;
}

/** A card and, inside it, every card a ShowCard button opens: each shows at most three buttons at once. */
function checkLevel(card: unknown, where: string, problems: string[]): void {
  if (!isObject(card)) {
    problems.push(`${where} is not a card`);
    return;
  }
  const actions = Array.isArray(card.actions) ? card.actions.filter(isObject) : [];
  const primary = actions.filter((a) => a.mode !== 'secondary');
  if (primary.length > MAX_PRIMARY_ACTIONS) problems.push(`${where} shows ${primary.length} buttons at once (${primary.map((a) => a.title).join(', ')}); at most ${MAX_PRIMARY_ACTIONS}`);
  walkElements(card.body, where, problems);
  for (const action of actions) checkAction(action, where, problems);
}

function checkAction(action: Record<string, unknown>, where: string, problems: string[]): void {
  if (typeof action.title !== 'string' || !action.title.trim()) problems.push(`${where}: a ${String(action.type)} button has no title`);
  else visible(action.title, `${where}: button`, problems);
  if (action.type === 'Action.ShowCard') checkLevel(action.card, `${where} › "${String(action.title)}"`, problems);
  // Mobile clients without Universal Actions need a button they can send.
  if (action.type === 'Action.Execute' && !(isObject(action.fallback) && action.fallback.type === 'Action.Submit')) problems.push(`${where}: the button "${String(action.title)}" has no Action.Submit fallback for Teams mobile`);
}

function walkElements(node: unknown, where: string, problems: string[]): void {
  if (Array.isArray(node)) {
    for (const n of node) walkElements(n, where, problems);
    return;
  }
  if (!isObject(node)) return;
  const type = typeof node.type === 'string' ? node.type : '';
  if ((type === 'TextBlock' || type === 'TextRun') && node.id !== DATA_EXPORT_ID) visible(node.text, where, problems);
  if (type === 'FactSet' && Array.isArray(node.facts)) {
    for (const fact of node.facts.filter(isObject)) {
      visible(fact.title, where, problems);
      visible(fact.value, where, problems);
    }
  }
  if (type.startsWith('Input.')) {
    const id = String(node.id ?? '?');
    if (typeof node.label !== 'string' || !node.label.trim()) problems.push(`${where}: the input "${id}" has no label`);
    else visible(node.label, where, problems);
    if (node.isRequired === true && (typeof node.errorMessage !== 'string' || !node.errorMessage.trim())) problems.push(`${where}: the required input "${id}" has no error message`);
    visible(node.placeholder, where, problems);
    if (Array.isArray(node.choices)) for (const c of node.choices.filter(isObject)) visible(c.title, where, problems);
  }
  if (type === 'Table' && !isObject(node.fallback)) problems.push(`${where}: a Table has no fallback for Teams mobile`);
  if (type === 'ActionSet' && Array.isArray(node.actions)) for (const a of node.actions.filter(isObject)) checkAction(a, where, problems);
  for (const key of ['items', 'columns', 'body', 'inlines']) walkElements(node[key], where, problems);
}

/** Text people read: no raw id (a person's, a request's), no reference to the source documents. */
function visible(text: unknown, where: string, problems: string[]): void {
  if (typeof text !== 'string') return;
  // A link's address is not read as text: only what it says.
  const shown = text.replace(QUOTED_OWN_ID, '').replace(/\]\([^)]*\)/g, ']').replace(/https?:\/\/\S+/g, '');
  if (UUID.test(shown)) problems.push(`${where}: a raw id is shown in "${clip(text)}"`);
  if (INTERNAL_REFERENCE.test(shown)) problems.push(`${where}: an internal reference is shown in "${clip(text)}"`);
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
