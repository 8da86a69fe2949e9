import { EntitySchema } from 'typeorm';
import { dialectTypes, type SqlDialect } from './dialect';

/** One botbuilder storage item (conversation or user state). */
export interface BotStateRow {
  /** sha256 of the storage key: Teams conversation ids can outgrow an index key. */
  id: string;
  storageKey: string;
  document: string;
  etag: string;
  updatedAt: Date;
}

/** An activity already handled, so that a re-delivery is not handled twice. */
export interface ProcessedActivityRow {
  id: string;
  receivedAt: Date;
  /** Null while its turn runs; a claim left unfinished (the process died) is taken over by a re-send. */
  completedAt: Date | null;
}

/** Where to reach a conversation later, for proactive messages. */
export interface ConversationReferenceRow {
  id: string;
  conversationType: string;
  aadObjectId: string | null;
  reference: string;
  updatedAt: Date;
}

export function botStateSchema(dialect: SqlDialect): EntitySchema<BotStateRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<BotStateRow>({
    name: 'BotState',
    tableName: 'bot_state',
    columns: {
      id: { type: 'varchar', length: 64, primary: true },
      storageKey: { type: 'nvarchar', length: 1024 },
      document: { ...t.longText },
      etag: { type: 'varchar', length: 64 },
      updatedAt: { ...t.timestamp },
    },
  });
}

export function processedActivitySchema(dialect: SqlDialect): EntitySchema<ProcessedActivityRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<ProcessedActivityRow>({
    name: 'ProcessedActivity',
    tableName: 'processed_activity',
    columns: {
      id: { type: 'varchar', length: 64, primary: true },
      receivedAt: { ...t.timestamp },
      completedAt: { ...t.timestamp, nullable: true },
    },
    indices: [{ name: 'IDX_processed_activity_received', columns: ['receivedAt'] }],
  });
}

export function conversationReferenceSchema(dialect: SqlDialect): EntitySchema<ConversationReferenceRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<ConversationReferenceRow>({
    name: 'ConversationReference',
    tableName: 'conversation_reference',
    columns: {
      id: { type: 'varchar', length: 64, primary: true },
      conversationType: { type: 'varchar', length: 20 },
      aadObjectId: { type: 'varchar', length: 36, nullable: true },
      reference: { ...t.longText },
      updatedAt: { ...t.timestamp },
    },
    indices: [{ name: 'IDX_conversation_reference_person', columns: ['aadObjectId', 'conversationType'] }],
  });
}
