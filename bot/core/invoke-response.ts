import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { withMobileFallbacks } from '../../cards/mobile-fallbacks';
import { withRefusedFormsOpen } from '../../cards/refused-forms';
import type { AdaptiveCard } from '../../cards/render';

/** The answer to a card action: the card to show in place of the one clicked, with any refused form opened and its fallbacks for Teams mobile. */
export function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: withMobileFallbacks(withRefusedFormsOpen(card)) as unknown as Record<string, unknown> };
}

export function badRequest(message: string): AdaptiveCardInvokeResponse {
  return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message } };
}
