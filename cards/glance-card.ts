import type { AdaptiveCard } from './render';

/** A label and its value, in a fact set or as a labelled paragraph. */
export interface Fact {
  readonly label: string;
  readonly value: string;
}

/** What a click did, or why it was refused: said in words, never by colour alone. */
export interface GlanceNote {
  readonly text: string;
  readonly tone: 'attention' | 'good';
}

/** A form drawn again: what was typed, and the problems beside their fields. */
export interface FormState {
  readonly values?: Readonly<Record<string, string>>;
  readonly problems?: Readonly<Record<string, string>>;
}

/** Cards show at most this many buttons at once; anything more waits under "More" (the overflow menu). */
export const MAX_PRIMARY_ACTIONS = 3;

export interface GlanceCardData {
  /** What it is: "DEA-000123: One to One Claimant Support". */
  readonly title: string;
  /** The case in a line, to tell it from others: the claimant or topic, and the date needed. */
  readonly subtitle?: string;
  /** A marker in words (e.g. "URGENT"), on a tinted band. */
  readonly badge?: string;
  readonly note?: GlanceNote;
  /** What the reader needs to do, addressed to them: "Your action: record the claimant's consent." */
  readonly yourAction: string;
  /** The two or three facts that matter now (the status, the meeting); everything else is in details. */
  readonly keyFacts: readonly Fact[];
  /** Blocks shown at once after the key facts (a letter to send, text to copy). */
  readonly blocks?: readonly Record<string, unknown>[];
  /** Facts and history, behind "Show details". */
  readonly details: { readonly facts: readonly Fact[]; readonly paragraphs: readonly Fact[] };
  /** Buttons in order of importance; the first three show, the rest go under "More". */
  readonly actions: readonly Record<string, unknown>[];
  /** Buttons that never show first: destructive ones (each confirmed on the card), and rare ones. */
  readonly secondary?: readonly Record<string, unknown>[];
  /** Field problems of a refused form: that form is shown open in the card, not behind its button. */
  readonly problems?: Readonly<Record<string, string>>;
  readonly refresh?: { readonly verb: string; readonly data: Readonly<Record<string, unknown>>; readonly userIds?: readonly string[] };
}

export function heading(text: string, size: 'Large' | 'Medium' | 'Default' = 'Large'): Record<string, unknown> {
  return { type: 'TextBlock', text, size, weight: 'Bolder', wrap: true, style: 'heading' };
}

export function textBlock(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

function factSet(facts: readonly Fact[]): Record<string, unknown>[] {
  return facts.length ? [{ type: 'FactSet', facts: facts.map((f) => ({ title: f.label, value: f.value })) }] : [];
}

/** A note in a tinted band; the text itself says what happened, the tint only repeats it. */
export function noteBlock(note: GlanceNote): Record<string, unknown> {
  return { type: 'Container', style: note.tone === 'attention' ? 'attention' : 'good', items: [textBlock(note.text, { weight: 'Bolder' })] };
}

/**
 * A card read at a glance (DESIGN §5): what it is, what the reader must do, the few facts that
 * matter now, then details behind "Show details", and at most three buttons at once. Built in code:
 * every value is bound as data, nothing is spliced into a template.
 */
export function glanceCard(data: GlanceCardData): AdaptiveCard {
  const body: Record<string, unknown>[] = [heading(data.title)];
  if (data.subtitle) body.push(textBlock(data.subtitle, { spacing: 'None' }));
  if (data.badge) body.push({ type: 'Container', style: 'attention', items: [textBlock(data.badge, { weight: 'Bolder' })] });
  if (data.note) body.push(noteBlock(data.note));
  body.push(textBlock(data.yourAction, { weight: 'Bolder', size: 'Medium' }));
  body.push(...factSet(data.keyFacts));
  const [openForm, actions] = openRefusedForm(data.actions, data.problems);
  if (openForm) body.push(openForm);
  body.push(...(data.blocks ?? []));
  const { facts, paragraphs } = data.details;
  if (facts.length || paragraphs.length) {
    body.push(
      { type: 'ActionSet', actions: [{ type: 'Action.ToggleVisibility', title: 'Show details', targetElements: ['details'] }] },
      {
        type: 'Container',
        id: 'details',
        isVisible: false,
        separator: true,
        items: [
          heading('Details', 'Medium'),
          ...factSet(facts),
          ...paragraphs.flatMap((p) => [textBlock(p.label, { weight: 'Bolder' }), textBlock(p.value, { spacing: 'None' })]),
        ],
      },
    );
  }
  const primary = actions.slice(0, MAX_PRIMARY_ACTIONS);
  const more = [...actions.slice(MAX_PRIMARY_ACTIONS), ...(data.secondary ?? [])].map((a) => ({ ...a, mode: 'secondary' }));
  const card: AdaptiveCard = { type: 'AdaptiveCard', version: '1.5', body, actions: [...primary, ...more] };
  if (data.refresh) {
    card.refresh = {
      action: { type: 'Action.Execute', verb: data.refresh.verb, data: data.refresh.data },
      ...(data.refresh.userIds ? { userIds: [...data.refresh.userIds] } : {}),
    };
  }
  return card;
}

/**
 * A refused form comes back open (`openForm`), here placed under the key facts, before the details.
 */
function openRefusedForm(actions: readonly Record<string, unknown>[], problems: Readonly<Record<string, string>> | undefined): [Record<string, unknown> | null, readonly Record<string, unknown>[]] {
  const fields = Object.keys(problems ?? {});
  if (fields.length === 0) return [null, actions];
  const index = actions.findIndex((a) => a.type === 'Action.ShowCard' && inputIds((a.card as AdaptiveCard | undefined)?.body).some((id) => fields.includes(id)));
  if (index < 0) return [null, actions];
  return [openForm(actions[index]!), actions.filter((_, i) => i !== index)];
}

function inputIds(node: unknown): string[] {
  const ids: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') ids.push(o.id);
      Object.values(o).forEach(walk);
    }
  };
  walk(node);
  return ids;
}

/**
 * A destructive action, never a first button: it opens a short confirmation on the card that says
 * what will happen and who will be told, and only its own button acts.
 */
export function confirmAction(options: {
  title: string;
  verb: string;
  data: Readonly<Record<string, unknown>>;
  /** What will happen, and who will be told, in a sentence or two. */
  consequence: string;
  confirmTitle: string;
}): Record<string, unknown> {
  return {
    type: 'Action.ShowCard',
    title: options.title,
    card: {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [textBlock(options.consequence)],
      actions: [{ type: 'Action.Execute', title: options.confirmTitle, verb: options.verb, data: { ...options.data }, style: 'destructive' }],
    },
  };
}

/**
 * A refused form comes back open: Teams cannot open an Action.ShowCard by itself, so the form is put
 * in the card, with its heading, its inputs (what was typed kept, each problem beside its field) and
 * its own button, in a tinted band.
 */
export function openForm(showCard: Record<string, unknown>): Record<string, unknown> {
  const inner = (showCard.card ?? {}) as AdaptiveCard;
  return {
    type: 'Container',
    style: 'emphasis',
    separator: true,
    items: [heading(String(showCard.title), 'Medium'), ...((inner.body as unknown[] | undefined) ?? []), { type: 'ActionSet', actions: inner.actions ?? [] }],
  };
}
