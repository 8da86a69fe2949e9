import type { ConversationReference } from 'botbuilder';
import type { DataSource, Repository } from 'typeorm';
import type { ConversationReferenceRow } from '../schema/platform';
import { PreparedFind } from '../prepared';
import { hashKey } from './hash-key';
import { inChunks } from '../chunks';

/** A conversation in use is written again after this long, to keep its row from being pruned. */
const REWRITE_AFTER_MS = 24 * 60 * 60_000;
/** Conversations whose last write this process keeps; past it, it starts again. */
const REMEMBERED_MAX = 10_000;

/**
 * Where each conversation can be reached later. A person's personal chat is found by their
 * Entra object id, so the bot can message them first (a DEA getting a new request).
 */
export class ConversationReferences {
  private readonly rows: Repository<ConversationReferenceRow>;
  /** What this process last wrote for each conversation, and when: the same again is not written. */
  private readonly written = new Map<string, { readonly row: string; readonly at: number }>();
  /**
   * Each person's Teams user id in their personal chat, as this process last read or wrote it. Teams
   * gives a person one id for one bot, so it is never read again: every card a person can act on
   * names its actors by it.
   */
  private readonly userIds = new Map<string, string>();

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

  /**
   * Keeps where the conversation can be reached. Written only when it differs from what this process
   * last wrote for it, or that was a day ago (so a chat in use is never pruned as stale); true when
   * written, i.e. the person may have just become reachable.
   */
  async remember(reference: Partial<ConversationReference>, aadObjectId: string | undefined, now: Date = new Date()): Promise<boolean> {
    const conversationId = reference.conversation?.id;
    if (!conversationId) return false;
    // Not clearly personal (no type, or a group) is never remembered as someone's personal chat.
    const conversationType = reference.conversation?.isGroup === true ? 'groupChat' : reference.conversation?.conversationType ?? 'unknown';
    const row = {
      id: hashKey(conversationId),
      conversationType,
      // Only a personal chat belongs to one person; group chats and channels belong to nobody.
      aadObjectId: conversationType === 'personal' ? (aadObjectId ?? null) : null,
      reference: JSON.stringify(reference),
    };
    // The activity it came with changes every turn and is never used to reach the person later.
    const { activityId: _activityId, ...lasting } = reference;
    const key = JSON.stringify({ ...row, reference: lasting });
    const last = this.written.get(conversationId);
    if (last && last.row === key && now.getTime() - last.at < REWRITE_AFTER_MS) return false;
    await this.rows.upsert({ ...row, updatedAt: now }, ['id']);
    if (this.written.size >= REMEMBERED_MAX) this.written.clear();
    this.written.set(conversationId, { row: key, at: now.getTime() });
    if (row.aadObjectId && reference.user?.id) this.keepUserId(row.aadObjectId, reference.user.id);
    return true;
  }

  /**
   * Teams said the conversation cannot be reached (the app blocked or removed): the next message from
   * it is written again, so that the person counts as seen anew and what was kept for them is sent.
   */
  unreachable(conversationId: string): void {
    this.written.delete(conversationId);
  }

  async personalChatOf(aadObjectId: string): Promise<Partial<ConversationReference> | null> {
    const row = await this.latestOf.one({ aadObjectId });
    return row ? (JSON.parse(row.reference) as Partial<ConversationReference>) : null;
  }

  /**
   * Each person's Teams user id in their personal chat with the bot; a person with none yet is left
   * out. Read from SQL only for a person this process has not seen.
   */
  async teamsUserIdsOf(aadObjectIds: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const unknown: string[] = [];
    for (const aadObjectId of new Set(aadObjectIds)) {
      const known = this.userIds.get(aadObjectId);
      if (known) found.set(aadObjectId, known);
      else unknown.push(aadObjectId);
    }
    if (!unknown.length) return found;
    for (const [aadObjectId, reference] of await this.personalChatsOf(unknown)) {
      const userId = reference.user?.id;
      if (!userId) continue;
      this.keepUserId(aadObjectId, userId);
      found.set(aadObjectId, userId);
    }
    return found;
  }

  private keepUserId(aadObjectId: string, userId: string): void {
    if (this.userIds.size >= REMEMBERED_MAX && !this.userIds.has(aadObjectId)) this.userIds.clear();
    this.userIds.set(aadObjectId, userId);
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
