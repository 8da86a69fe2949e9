import * as ACData from 'adaptivecards-templating';
import type { Attachment } from 'botbuilder';

/** An Adaptive Card as JSON, ready to send. */
export type AdaptiveCard = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };

/**
 * Expands a card template once with typed data. Data values are bound, never evaluated, so text a
 * person typed cannot inject template expressions; a card is never expanded twice.
 */
export function renderCard(template: object, data: object): AdaptiveCard {
  return new ACData.Template(template).expand({ $root: data }) as AdaptiveCard;
}

export function cardAttachment(card: AdaptiveCard): Attachment {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}

/** A card of one line of text: an answer where there is no card to show. */
export function messageCard(text: string): AdaptiveCard {
  return { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text, wrap: true }] };
}
