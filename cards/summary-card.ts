import { renderCard, type AdaptiveCard } from './render';
import template from './templates/summary.json';
import { MAX_PRIMARY_ACTIONS } from './glance-card';

export interface CardAction {
  readonly title: string;
  /** Action.Execute verbs change state and come back as invokes; Action.Submit ones arrive as messages. */
  readonly kind: 'execute' | 'submit';
  readonly verb?: string;
  readonly style?: 'positive' | 'destructive' | 'default';
  readonly data: Readonly<Record<string, unknown>>;
}

export interface SummaryCardData {
  readonly title: string;
  readonly subtitle?: string;
  /** A marker that must not rely on colour alone, e.g. "URGENT". */
  readonly badge?: string;
  readonly facts: readonly { label: string; value: string }[];
  readonly paragraphs?: readonly { label: string; value: string }[];
  readonly note?: string;
  readonly noteTone?: 'attention' | 'good' | 'default';
  readonly copyLabel?: string;
  readonly copyText?: string;
  readonly actions?: readonly CardAction[];
  /** For Action.Execute cards: who gets a fresh, personal view when they open it. */
  readonly refresh?: { readonly verb: string; readonly data: Readonly<Record<string, unknown>>; readonly userIds?: readonly string[] };
}

/** A titled set of facts, with optional text to copy and buttons: the shape of most cards the bot sends. */
export function summaryCard(data: SummaryCardData): AdaptiveCard {
  const card = renderCard(template, {
    title: data.title,
    subtitle: data.subtitle ?? '',
    badge: data.badge ?? '',
    facts: data.facts,
    paragraphs: data.paragraphs ?? [],
    note: data.note ?? '',
    // Green text on white is too pale to read: a good note is in the default colour, its words say it.
    noteColor: data.noteTone === 'attention' ? 'Attention' : 'Default',
    copyLabel: data.copyLabel ?? '',
    copyText: data.copyText ?? '',
    actions: (data.actions ?? []).map((a) => ({
      type: a.kind === 'execute' ? 'Action.Execute' : 'Action.Submit',
      title: a.title,
      verb: a.verb ?? '',
      style: a.style ?? 'default',
      data: a.data,
    })),
  });
  for (const [index, action] of ((card.actions as Record<string, unknown>[] | undefined) ?? []).entries()) {
    if (action.type === 'Action.Submit') delete action.verb;
    // At most three buttons at once; the rest wait under "More".
    if (index >= MAX_PRIMARY_ACTIONS) action.mode = 'secondary';
  }
  if (data.refresh) {
    card.refresh = {
      action: { type: 'Action.Execute', verb: data.refresh.verb, data: data.refresh.data },
      ...(data.refresh.userIds ? { userIds: [...data.refresh.userIds] } : {}),
    };
  }
  return card;
}
