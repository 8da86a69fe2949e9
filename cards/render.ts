import * as ACData from 'adaptivecards-templating';

/** An Adaptive Card as JSON, ready to send. */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

// Parsing a template is most of the cost of expanding it: each template is parsed once per process.
const parsed = new WeakMap<object, ACData.Template>();

/**
 * Expands a card template with typed data. Data values are bound, never evaluated, so text a
 * person typed cannot inject template expressions; a card is never expanded twice.
 */
export function renderCard(template: object, data: object): AdaptiveCard {
  let compiled = parsed.get(template);
  if (!compiled) {
    compiled = new ACData.Template(template);
    parsed.set(template, compiled);
  }
  return compiled.expand({ $root: data }) as AdaptiveCard;
}

/** A card of one line of text: an answer where there is no card to show. */
export function messageCard(text: string): AdaptiveCard {
  return { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text, wrap: true }] };
}
