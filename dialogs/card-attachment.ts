import type { Attachment } from 'botbuilder';
import { withMobileFallbacks } from '../cards/mobile-fallbacks';
import type { AdaptiveCard } from '../cards/render';

/** A card as a Bot Framework attachment: the one place cards meet botbuilder, with their fallbacks for Teams mobile. */
export function cardAttachment(card: AdaptiveCard): Attachment {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: withMobileFallbacks(card) };
}
