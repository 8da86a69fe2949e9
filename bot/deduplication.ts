import type { Middleware, TurnContext } from 'botbuilder';
import type { ProcessedActivities } from '../data/stores/processed-activities';
import type { Logger } from '../domain/ports';
import type { CrashPoints } from './core/crash-points';

/**
 * Teams re-sends an activity it did not see answered in time, and has delivered the same invoke
 * twice. The first delivery is handled; a repeat within the window is acknowledged and dropped.
 */
export class DeduplicationMiddleware implements Middleware {
  constructor(
    private readonly processed: ProcessedActivities,
    private readonly logger: Logger,
    /** Crash tests only: `activity.claimed` stops the process with the claim taken and the turn not run. */
    private readonly crash?: CrashPoints,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { id, channelId, conversation, type } = context.activity;
    // Invokes are answered with a card, so a repeat must get one too: their handlers are idempotent
    // instead (a repeated click finds the request moved on and returns it as it is now).
    if (!id || !conversation?.id || type === 'invoke') return next();
    // The bot's own proactive sends run through here too, and Teams never re-sends those.
    if (type === 'event' && context.activity.name === 'ContinueConversation') return next();
    if (!(await this.processed.claim(channelId, conversation.id, id))) {
      this.logger.info({ activityId: id, activityType: type }, 'duplicate delivery ignored');
      return;
    }
    this.crash?.at('activity.claimed');
    try {
      await next();
      await this.processed.complete(channelId, conversation.id, id);
    } catch (error) {
      // Not handled after all: Teams' re-send of it must be handled, not dropped.
      await this.processed.release(channelId, conversation.id, id);
      throw error;
    }
  }
}
