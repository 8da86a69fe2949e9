import { MessageFactory, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { AdaptiveCard } from '../../cards/render';
import { cardAttachment } from '../../dialogs/card-attachment';
import { noAnswer, sendOutcome, type SendOutcome } from './send-outcome';

/** Longest a proactive send may take before it counts as unanswered (well inside the outbox lease). */
const SEND_TIMEOUT_MS = 20_000;

/** The part of botbuilder's connector client used here; its HTTP status is on `_response`. */
interface Conversations {
  sendToConversation(conversationId: string, activity: Partial<Activity>, options?: { abortSignal?: AbortSignal }): Promise<ConnectorAnswer>;
  updateActivity(conversationId: string, activityId: string, activity: Partial<Activity>, options?: { abortSignal?: AbortSignal }): Promise<ConnectorAnswer>;
}
interface ConnectorAnswer {
  readonly id?: string;
  readonly _response: { readonly status: number; readonly headers: { get(name: string): string | undefined } };
}

/** Where the connector client for a conversation's service URL comes from (the adapter's, made once). */
export interface Connectors {
  connectorFor(serviceUrl: string): Promise<{ readonly conversations: Conversations }>;
}

/** A card update Teams did not take (or that must wait, when no retry of it is kept). */
export class TeamsSendError extends Error {
  override readonly name = 'TeamsSendError';
  constructor(readonly outcome: Exclude<SendOutcome, { kind: 'sent' }>) {
    super(outcome.reason);
  }
}

/**
 * Cards sent and updated in people's chats outside a turn of theirs (proactive messages). Each send
 * says what Teams answered, so the outbox can tell a card that arrived from one to try again later
 * and from one that never can (botbuilder's own send reports every answer, 403 included, as success).
 */
export class TeamsMessages {
  constructor(
    private readonly connectors: Connectors,
    private readonly now: () => Date = () => new Date(),
    /** Runs before anything is sent (the access log of what the card shows is written first); a failure means not sent. */
    private readonly beforeShowing: () => Promise<void> = async () => undefined,
  ) {}

  /** Posts a card as a new message in the conversation. */
  async send(reference: Partial<ConversationReference>, card: AdaptiveCard): Promise<SendOutcome> {
    return this.call(reference, (conversations, conversationId, activity) =>
      conversations.sendToConversation(conversationId, activity, { abortSignal: AbortSignal.timeout(SEND_TIMEOUT_MS) }),
    MessageFactory.attachment(cardAttachment(card)));
  }

  /** Posts a line of text (a notification of a change) as a new message in the conversation. */
  async sendText(reference: Partial<ConversationReference>, text: string): Promise<SendOutcome> {
    return this.call(reference, (conversations, conversationId, activity) =>
      conversations.sendToConversation(conversationId, activity, { abortSignal: AbortSignal.timeout(SEND_TIMEOUT_MS) }),
    MessageFactory.text(text));
  }

  /** Replaces a posted card in place; says what Teams answered (`CardUpdates` paces updates and keeps retries). */
  async update(reference: Partial<ConversationReference>, activityId: string, card: AdaptiveCard): Promise<SendOutcome> {
    return this.call(reference, (conversations, conversationId, activity) =>
      conversations.updateActivity(conversationId, activityId, { ...activity, id: activityId }, { abortSignal: AbortSignal.timeout(SEND_TIMEOUT_MS) }),
    MessageFactory.attachment(cardAttachment(card)));
  }

  private async call(
    reference: Partial<ConversationReference>,
    request: (conversations: Conversations, conversationId: string, activity: Partial<Activity>) => Promise<ConnectorAnswer>,
    message: Partial<Activity>,
  ): Promise<SendOutcome> {
    try {
      await this.beforeShowing();
    } catch (error) {
      // Not shown, since the showing could not be recorded: tried again later, like a send with no answer.
      return noAnswer(error);
    }
    try {
      if (!reference.serviceUrl) throw new Error('no service URL for this conversation');
      const connector = await this.connectors.connectorFor(reference.serviceUrl);
      // A new message in the chat: addressed as the stored reference says, not a reply to an old activity.
      const activity = TurnContext.applyConversationReference({ ...message }, reference);
      delete activity.replyToId;
      const answer = await request(connector.conversations, reference.conversation?.id ?? '', activity);
      return sendOutcome(answer._response.status, answer._response.headers.get('retry-after'), answer.id, this.now());
    } catch (error) {
      return this.outcomeOfError(error);
    }
  }

  /** A failure status still tells what happened (botbuilder throws for it); otherwise no answer came (refused connection, time-out). */
  private outcomeOfError(error: unknown): SendOutcome {
    const answered = error as { statusCode?: unknown; response?: { headers?: { get(name: string): string | undefined } } } | null;
    return typeof answered?.statusCode === 'number' ? sendOutcome(answered.statusCode, answered.response?.headers?.get('retry-after'), undefined, this.now()) : noAnswer(error);
  }
}
