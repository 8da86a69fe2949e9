import type { ConversationReference } from 'botbuilder';
import type { DataSource } from 'typeorm';
import type { PostedCardRow } from '../schema/messaging';
import { ADVICE_ENDED, REQUEST_ENDED, RETENTION_ENDED } from './claimant-records';

export interface EndedCaseCard {
  readonly id: string;
  readonly reference: string;
  readonly activityId: string;
  readonly conversation: Partial<ConversationReference>;
}

/** Cards posted in Teams chats for requests, Specialist Advice conversations and retention cases that ended before the cut-off: Teams keeps chat history, so they are redacted. */
export class EndedCaseCards {
  constructor(private readonly dataSource: DataSource) {}

  async before(cutoff: Date, limit: number): Promise<EndedCaseCard[]> {
    return [
      ...(await this.of('SupportRequest', 'DEA-', REQUEST_ENDED, 'updatedAt', cutoff, limit)),
      ...(await this.of('AdviceConversation', 'SA-', ADVICE_ENDED, 'updatedAt', cutoff, limit)),
      ...(await this.of('RetentionCase', 'RET-', RETENTION_ENDED, 'closedAt', cutoff, limit)),
      ...(await this.ofActions(cutoff, limit)),
    ];
  }

  /** Cards of actions an outcome started: they end with their request, and are named by its reference. */
  private async ofActions(cutoff: Date, limit: number): Promise<EndedCaseCard[]> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .select(['p.id AS id', 'p.activityId AS activityId', 'p.reference AS reference', 'r.number AS number'])
      .from('PostedCard', 'p')
      .innerJoin('FollowUpAction', 'a', 'a.id = p.requestId')
      .innerJoin('SupportRequest', 'r', 'r.id = a.requestId')
      .where('r.status IN (:...ended)', { ended: REQUEST_ENDED })
      .andWhere('r.updatedAt < :cutoff', { cutoff })
      .orderBy('r.updatedAt', 'ASC')
      .limit(limit)
      .getRawMany<Pick<PostedCardRow, 'id' | 'activityId' | 'reference'> & { number: number }>();
    return rows.map((r) => ({ id: r.id, activityId: r.activityId, reference: `DEA-${String(r.number).padStart(6, '0')}`, conversation: JSON.parse(r.reference) as Partial<ConversationReference> }));
  }

  private async of(entity: string, prefix: string, ended: readonly string[], endedAt: 'updatedAt' | 'closedAt', cutoff: Date, limit: number): Promise<EndedCaseCard[]> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .select(['p.id AS id', 'p.activityId AS activityId', 'p.reference AS reference', 'r.number AS number'])
      .from('PostedCard', 'p')
      .innerJoin(entity, 'r', 'r.id = p.requestId')
      .where('r.status IN (:...ended)', { ended })
      .andWhere(`r.${endedAt} < :cutoff`, { cutoff })
      .orderBy(`r.${endedAt}`, 'ASC')
      .limit(limit)
      .getRawMany<Pick<PostedCardRow, 'id' | 'activityId' | 'reference'> & { number: number }>();
    return rows.map((r) => ({ id: r.id, activityId: r.activityId, reference: `${prefix}${String(r.number).padStart(6, '0')}`, conversation: JSON.parse(r.reference) as Partial<ConversationReference> }));
  }

  /** A redacted card is final: it is no longer a live copy to update. */
  async forget(id: string): Promise<void> {
    await this.dataSource.getRepository<PostedCardRow>('PostedCard').delete({ id });
  }
}
