import type { ConversationReference } from 'botbuilder';
import type { DataSource, Repository } from 'typeorm';
import { PreparedFind, PreparedUpsert } from '../prepared';
import type { PostedCardRow } from '../schema/messaging';
import { hashKey } from './hash-key';

export interface PostedCard {
  readonly requestId: string;
  readonly recipientAad: string;
  readonly activityId: string;
  readonly reference: Partial<ConversationReference>;
}

/** Every copy of a request's card that was posted, so that a change updates them all. */
export class PostedCards {
  private readonly rows: Repository<PostedCardRow>;
  private readonly ofRequest: PreparedFind<PostedCardRow>;
  private readonly written: PreparedUpsert<PostedCardRow>;

  constructor(private readonly dataSource: DataSource) {
    this.rows = dataSource.getRepository<PostedCardRow>('PostedCard');
    this.ofRequest = new PreparedFind<PostedCardRow>(dataSource, 'PostedCard', (q) => q.where('e.requestId = :requestId').orderBy('e.postedAt', 'ASC'));
    this.written = new PreparedUpsert<PostedCardRow>(dataSource, 'PostedCard', ['id', 'requestId', 'recipientAad', 'activityId', 'reference', 'postedAt'], ['id']);
  }

  async record(card: PostedCard, now: Date = new Date()): Promise<void> {
    const conversationId = card.reference.conversation?.id ?? '';
    // A fact about a message already sent: kept whatever becomes of a unit of work around it.
    await this.written.upsert(
      {
        id: hashKey(conversationId, card.activityId),
        requestId: card.requestId,
        recipientAad: card.recipientAad.toLowerCase(),
        activityId: card.activityId,
        reference: JSON.stringify(card.reference),
        postedAt: now,
      },
      this.dataSource.manager,
    );
  }

  /** Stops updating a copy (it was replaced by a newer one in the same chat). */
  async forget(card: Pick<PostedCard, 'activityId' | 'reference'>): Promise<void> {
    await this.rows.delete({ id: hashKey(card.reference.conversation?.id ?? '', card.activityId) });
  }

  async forRequest(requestId: string): Promise<PostedCard[]> {
    const rows = await this.ofRequest.all({ requestId });
    return rows.map((r) => ({
      requestId: r.requestId,
      recipientAad: r.recipientAad,
      activityId: r.activityId,
      reference: JSON.parse(r.reference) as Partial<ConversationReference>,
    }));
  }
}
