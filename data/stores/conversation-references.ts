import type { ConversationReference } from 'botbuilder';
import type { DataSource, Repository } from 'typeorm';
import type { ConversationReferenceRow } from '../schema/platform';
import { PreparedFind } from '../prepared';
import { hashKey } from './hash-key';
import { inChunks } from '../chunks';

/**
 * Where each conversation can be reached later. A person's personal chat is found by their
 * Entra object id, so the bot can message them first (a DEA getting a new request).
 */
export class ConversationReferences {
  private readonly rows: Repository<ConversationReferenceRow>;

  private readonly latestOf: PreparedFind<ConversationReferenceRow>;
  private readonly allOf: PreparedFind<ConversationReferenceRow>;

  constructor(dataSource: DataSource) {
    this.rows = dataSource.getRepository<ConversationReferenceRow>('ConversationReference');
    this.latestOf = new PreparedFind<ConversationReferenceRow>(dataSource, 'ConversationReference', (q) =>
      q.where("e.aadObjectId = :aadObjectId AND e.conversationType = 'personal'").orderBy('e.updatedAt', 'DESC').limit(1),
    );
    this.allOf = new PreparedFind<ConversationReferenceRow>(dataSource, 'ConversationReference', (q) =>
      q.where("e.aadObjectId IN (:...aadObjectIds) AND e.conversationType = 'personal'").orderBy('e.updatedAt', 'DESC'),
    );
  }

  async remember(reference: Partial<ConversationReference>, aadObjectId: string | undefined): Promise<void> {
    const conversationId = reference.conversation?.id;
    if (!conversationId) return;
    // Not clearly personal (no type, or a group) is never remembered as someone's personal chat.
    const conversationType = reference.conversation?.isGroup === true ? 'groupChat' : reference.conversation?.conversationType ?? 'unknown';
    await this.rows.upsert(
      {
        id: hashKey(conversationId),
        conversationType,
        // Only a personal chat belongs to one person; group chats and channels belong to nobody.
        aadObjectId: conversationType === 'personal' ? (aadObjectId ?? null) : null,
        reference: JSON.stringify(reference),
        updatedAt: new Date(),
      },
      ['id'],
    );
  }

  async personalChatOf(aadObjectId: string): Promise<Partial<ConversationReference> | null> {
    const row = await this.latestOf.one({ aadObjectId });
    return row ? (JSON.parse(row.reference) as Partial<ConversationReference>) : null;
  }

  /** The latest personal chat of each person, in one query (per thousand people); a person with none is left out. */
  async personalChatsOf(aadObjectIds: readonly string[]): Promise<Map<string, Partial<ConversationReference>>> {
    const found = new Map<string, Partial<ConversationReference>>();
    if (!aadObjectIds.length) return found;
    // A person is in one chunk only, so the newest of each chunk is the newest of all.
    const rows = await inChunks([...new Set(aadObjectIds)], (chunk) => this.allOf.all({ aadObjectIds: chunk }));
    for (const row of rows) if (row.aadObjectId && !found.has(row.aadObjectId)) found.set(row.aadObjectId, JSON.parse(row.reference) as Partial<ConversationReference>);
    return found;
  }
}
