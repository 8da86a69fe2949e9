import type { FollowUpAction } from '../../domain/follow-up-actions/follow-up-action';
import type { ActionNotifier } from '../../domain/follow-up-actions/ports';
import type { OutboxWriter } from '../core/outbox-writer';

/** Outbox kinds and the live card of actions from outcomes. */
export const ACTION_CARD_KINDS = { card: 'follow_up_action_card', reminder: 'follow_up_action_reminder' } as const;
export const ACTION_LIVE_CARD = 'follow_up_action';

/** Actions' notifications as outbox rows: they reach people who have not opened the app yet, after the change commits. */
export class OutboxActionNotifier implements ActionNotifier {
  constructor(private readonly outbox: OutboxWriter) {}

  async actionNeedsAttention(action: FollowUpAction, recipientId: string): Promise<void> {
    await this.outbox.notify(recipientId, ACTION_CARD_KINDS.card, action.id);
  }

  async actionOverdue(action: FollowUpAction, recipientId: string): Promise<void> {
    await this.outbox.notify(recipientId, ACTION_CARD_KINDS.reminder, action.id);
  }

  actionChanged(action: FollowUpAction): void {
    this.outbox.changed(ACTION_LIVE_CARD, action.id);
  }
}
