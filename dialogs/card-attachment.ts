import type { Attachment } from 'botbuilder';
import type { AdaptiveCard } from '../cards/render';

/** A card as a Bot Framework attachment: the one place cards meet botbuilder. */
export function cardAttachment(card: AdaptiveCard): Attachment {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: card };
}
