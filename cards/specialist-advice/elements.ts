/** Small Adaptive Card building blocks for the Specialist Advice cards (built as objects: nothing to parse). */
export type Element = Record<string, unknown>;

export function heading(text: string): Element {
  return { type: 'TextBlock', text, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' };
}

export function para(text: string, options: { bold?: boolean; subtle?: boolean; color?: 'Attention' | 'Good' | 'Warning'; spacing?: string } = {}): Element {
  return {
    type: 'TextBlock',
    text,
    wrap: true,
    ...(options.bold ? { weight: 'Bolder' } : {}),
    ...(options.subtle ? { isSubtle: true } : {}),
    ...(options.color ? { color: options.color } : {}),
    ...(options.spacing ? { spacing: options.spacing } : {}),
  };
}

export function facts(rows: readonly (readonly [string, string])[]): Element {
  return { type: 'FactSet', facts: rows.filter(([, v]) => v !== '').map(([title, value]) => ({ title, value })) };
}

/** Text to copy into another system, set apart in a fixed-width font as the other cards do. */
export function copyBox(label: string, text: string | readonly string[]): Element {
  // Each line its own block: a host that joins single line breaks into one paragraph cannot run them together.
  const lines = typeof text === 'string' ? [text] : text;
  return {
    type: 'Container',
    items: [
      { type: 'TextBlock', text: label, weight: 'Bolder', wrap: true },
      ...lines.map((line): Element => ({ type: 'TextBlock', text: line, wrap: true, fontType: 'Monospace', spacing: 'Small' })),
    ],
  };
}

/** A callout: what to do first. Not by colour alone: its words say it. */
export function callout(items: readonly Element[], style: 'emphasis' | 'attention' | 'good' = 'emphasis'): Element {
  return { type: 'Container', style, items };
}

/** Details hidden until "Show details" is chosen. */
export function details(id: string, items: readonly Element[]): { container: Element; toggle: Element } {
  return {
    container: { type: 'Container', id, isVisible: false, items },
    toggle: { type: 'Action.ToggleVisibility', title: 'Show details', targetElements: [id] },
  };
}

export function execute(title: string, verb: string, data: Record<string, unknown>, style: 'positive' | 'default' = 'default'): Element {
  return { type: 'Action.Execute', title, verb, data, ...(style === 'positive' ? { style } : {}) };
}

export function card(body: readonly Element[], actions: readonly Element[] = []): { type: 'AdaptiveCard'; version: string } & Record<string, unknown> {
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, ...(actions.length ? { actions } : {}) };
}
