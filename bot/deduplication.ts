import type { Middleware, TurnContext } from 'botbuilder';
import type { ProcessedActivities } from '../data/stores/processed-activities';
import type { Logger } from '../domain/ports';

/**
 * Teams re-sends an activity it did not see answered in time, and has delivered the same invoke
 * twice. The first delivery is handled; a repeat within the window is acknowledged and dropped.
 */
export class DeduplicationMiddleware implements Middleware {
  constructor(
    private readonly processed: ProcessedActivities,
    private readonly logger: Logger,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { id, channelId, conversation } = context.activity;
    if (!id || !conversation?.id) return next();
    if (await this.processed.claim(channelId, conversation.id, id)) return next();
    this.logger.info({ activityId: id, activityType: context.activity.type }, 'duplicate delivery ignored');
    if (context.activity.type === 'invoke') {
      await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body: {} } });
    }
  }
}
