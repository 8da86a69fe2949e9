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

/**
 * The answer to a click that failed on our side: Teams keeps the card as it was, with whatever was
 * typed into it, and shows the message. Never a 5xx for the invoke itself, which Teams may send again.
 */
export function failedOnOurSide(message: string): AdaptiveCardInvokeResponse {
  return { statusCode: 500, type: 'application/vnd.microsoft.error', value: { code: 'InternalServerError', message } };
}
