import { MessageFactory, TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import { myRequestsCard, requestCard } from '../cards/request-cards';
import { cardAttachment, type AdaptiveCard } from '../cards/render';
import type { PostedCards } from '../data/stores/posted-cards';
import { isDomainError } from '../domain/errors';
import type { Logger } from '../domain/ports';
import type { RequestService } from '../domain/requests/request-service';
import type { StaffMember } from '../domain/staff';

interface ActionData {
  requestId?: unknown;
  version?: unknown;
}

const CARD = 'application/vnd.microsoft.card.adaptive';

/**
 * What people do to a request from its card. Each verb authorises the clicker against the stored
 * request, checks the version the card was showing, and answers with the card as it now is.
 */
export class RequestActions {
  constructor(
    private readonly requests: RequestService,
    private readonly postedCards: PostedCards,
    private readonly logger: Logger,
  ) {}

  async invoke(person: StaffMember, verb: string, data: ActionData): Promise<AdaptiveCardInvokeResponse> {
    const requestId = typeof data.requestId === 'string' ? data.requestId : '';
    const version = typeof data.version === 'number' ? data.version : Number(data.version);
    try {
      switch (verb) {
        case 'request.refresh':
          return this.card(await this.render(person, requestId));
        case 'request.withdraw': {
          const withdrawn = await this.requests.withdraw(person, requestId, version);
          this.logger.info({ verb, requestId, actorId: person.id }, 'request withdrawn');
          return this.card(await this.render(person, withdrawn.id, { text: 'You withdrew this request. The DEA has been told.', tone: 'good' }));
        }
        default:
          return { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: `Unknown action ${verb}` } };
      }
    } catch (error) {
      if (!isDomainError(error)) throw error;
      this.logger.info({ verb, requestId, actorId: person.id, kind: error.kind }, 'card action refused');
      if (error.kind === 'not_found') return this.card(messageCard(error.message));
      const note =
        error.kind === 'conflict'
          ? 'This request changed since you last saw it. This is how it is now; nothing was changed by your click.'
          : `${error.message} Nothing was changed.`;
      try {
        return this.card(await this.render(person, requestId, { text: note, tone: 'attention' }));
      } catch (renderError) {
        if (isDomainError(renderError)) return this.card(messageCard(`${error.message} Nothing was changed.`));
        throw renderError;
      }
    }
  }

  /** Posts the request's card in this chat, and remembers it so later changes update it. */
  async open(turn: TurnContext, person: StaffMember, requestId: string): Promise<void> {
    try {
      const card = await this.render(person, requestId);
      const sent = await turn.sendActivity(MessageFactory.attachment(cardAttachment(card)));
      if (sent?.id) {
        await this.postedCards.record({
          requestId,
          recipientAad: person.aadObjectId,
          activityId: sent.id,
          reference: TurnContext.getConversationReference(turn.activity),
        });
      }
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await turn.sendActivity(error.message);
    }
  }

  async listMine(turn: TurnContext, person: StaffMember): Promise<void> {
    const mine = await this.requests.mine(person);
    await turn.sendActivity(MessageFactory.attachment(cardAttachment(myRequestsCard(mine))));
  }

  private async render(person: StaffMember, requestId: string, note?: { text: string; tone: 'attention' | 'good' }): Promise<AdaptiveCard> {
    const request = await this.requests.visibleTo(person, requestId);
    return requestCard(request, await this.requests.parties(request), person, note);
  }

  private card(card: AdaptiveCard): AdaptiveCardInvokeResponse {
    return { statusCode: 200, type: CARD, value: card as unknown as Record<string, unknown> };
  }
}

function messageCard(text: string): AdaptiveCard {
  return { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text, wrap: true }] };
}
