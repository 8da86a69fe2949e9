import { EntitySchema } from 'typeorm';
import { dialectTypes, type SqlDialect } from './dialect';

/**
 * A message waiting to reach someone in Teams. Kept until delivered, so that nothing is lost when
 * the person has not opened the app yet, Teams throttles, or an instance stops mid-way.
 */
export interface OutboxRow {
  id: string;
  recipientAad: string;
  kind: string;
  subjectId: string | null;
  createdAt: Date;
  nextAttemptAt: Date;
  attempts: number;
  leaseUntil: Date | null;
  deliveredAt: Date | null;
  lastError: string | null;
  /** Teams' HTTP status at the last attempt (null: no answer, or not tried yet). */
  lastStatus: number | null;
  /** Dead-lettered: no more tries (kept, with its status, for the reports). */
  deadAt: Date | null;
  /** The posted activity, once delivered. */
  activityId: string | null;
  /** When the person waiting on this message was told it could not reach its recipient. */
  waiterToldAt: Date | null;
}

/** When the next send to a conversation may go, shared by every instance (Teams' per-conversation limits). */
export interface ConversationPaceRow {
  id: string;
  nextAt: Date;
  version: number;
}

/** Where a card about a request was posted, so every copy can be updated when the request changes. */
export interface PostedCardRow {
  id: string;
  requestId: string;
  recipientAad: string;
  activityId: string;
  reference: string;
  postedAt: Date;
}

export function outboxSchema(dialect: SqlDialect): EntitySchema<OutboxRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<OutboxRow>({
    name: 'Outbox',
    tableName: 'outbox',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      recipientAad: { type: 'varchar', length: 36 },
      kind: { type: 'varchar', length: 40 },
      subjectId: { type: 'varchar', length: 36, nullable: true },
      createdAt: { ...t.timestamp },
      nextAttemptAt: { ...t.timestamp },
      attempts: { ...t.integer },
      leaseUntil: { ...t.timestamp, nullable: true },
      deliveredAt: { ...t.timestamp, nullable: true },
      lastError: { type: 'nvarchar', length: 400, nullable: true },
      lastStatus: { ...t.integer, nullable: true },
      deadAt: { ...t.timestamp, nullable: true },
      activityId: { type: 'nvarchar', length: 200, nullable: true },
      waiterToldAt: { ...t.timestamp, nullable: true },
    },
    indices: [
      { name: 'IDX_outbox_pending', columns: ['deliveredAt', 'nextAttemptAt'] },
      { name: 'IDX_outbox_recipient', columns: ['recipientAad', 'deliveredAt'] },
    ],
  });
}

export function postedCardSchema(dialect: SqlDialect): EntitySchema<PostedCardRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<PostedCardRow>({
    name: 'PostedCard',
    tableName: 'posted_card',
    columns: {
      id: { type: 'varchar', length: 64, primary: true },
      requestId: { type: 'varchar', length: 36 },
      recipientAad: { type: 'varchar', length: 36 },
      activityId: { type: 'nvarchar', length: 200 },
      reference: { ...t.longText },
      postedAt: { ...t.timestamp },
    },
    indices: [{ name: 'IDX_posted_card_request', columns: ['requestId'] }],
  });
}

export function conversationPaceSchema(dialect: SqlDialect): EntitySchema<ConversationPaceRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<ConversationPaceRow>({
    name: 'ConversationPace',
    tableName: 'conversation_pace',
    columns: {
      id: { type: 'varchar', length: 64, primary: true },
      nextAt: { ...t.timestamp },
      version: { ...t.integer },
    },
  });
}
