import { MessageFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/render';
import { cardAttachment } from '../../dialogs/card-attachment';

/** Cards sent and updated in people's chats outside a turn of theirs (proactive messages). */
export class TeamsMessages {
  constructor(
    private readonly adapter: CloudAdapter,
    /** The bot's app id ('' with authentication off). */
    private readonly appId: string,
  ) {}

  /** Posts a card; the posted activity's id, when the channel gives one. */
  async send(reference: Partial<ConversationReference>, card: AdaptiveCard): Promise<string | undefined> {
    let activityId: string | undefined;
    await this.adapter.continueConversationAsync(this.appId, reference, async (turn) => {
      activityId = (await turn.sendActivity(MessageFactory.attachment(cardAttachment(card))))?.id;
    });
    return activityId;
  }

  /** Posts a line of text (a notification of a change); the posted activity's id, when the channel gives one. */
  async sendText(reference: Partial<ConversationReference>, text: string): Promise<string | undefined> {
    let activityId: string | undefined;
    await this.adapter.continueConversationAsync(this.appId, reference, async (turn) => {
      activityId = (await turn.sendActivity(MessageFactory.text(text)))?.id;
    });
    return activityId;
  }

  /** Replaces a posted card in place. */
  async update(reference: Partial<ConversationReference>, activityId: string, card: AdaptiveCard): Promise<void> {
    await this.adapter.continueConversationAsync(this.appId, reference, async (turn) => {
      await turn.updateActivity({ ...MessageFactory.attachment(cardAttachment(card)), id: activityId });
    });
  }
}
