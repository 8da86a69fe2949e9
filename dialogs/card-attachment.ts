import type { Attachment } from 'botbuilder';
import { withMobileFallbacks } from '../cards/mobile-fallbacks';
import { withRefusedFormsOpen } from '../cards/refused-forms';
import type { AdaptiveCard } from '../cards/render';

/** A card as a Bot Framework attachment: the one place cards meet botbuilder, with any refused form opened and their fallbacks for Teams mobile. */
export function cardAttachment(card: AdaptiveCard): Attachment {
  return { contentType: 'application/vnd.microsoft.card.adaptive', content: withMobileFallbacks(withRefusedFormsOpen(card)) };
}
