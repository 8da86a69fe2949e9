import { randomUUID } from 'node:crypto';
import { IsNull, LessThanOrEqual, type DataSource, type Repository } from 'typeorm';
import { PreparedFind } from '../prepared';
import { repositoryOf } from '../transactions';
import type { OutboxRow } from '../schema/messaging';

export interface OutboxMessage {
  readonly id: string;
  readonly recipientAad: string;
  readonly kind: string;
  readonly subjectId: string | null;
  readonly attempts: number;
}

/**
 * Messages waiting to reach people. Delivery takes a lease on a row first, so with several bot
 * instances exactly one delivers each message; an undelivered one is retried with back-off.
 */
export class Outbox {

  private readonly byId: PreparedFind<OutboxRow>;
  private readonly pendingOf: PreparedFind<OutboxRow>;

  constructor(private readonly dataSource: DataSource) {
    this.byId = new PreparedFind<OutboxRow>(dataSource, 'Outbox', (q) => q.where('e.id = :id').limit(1));
    this.pendingOf = new PreparedFind<OutboxRow>(dataSource, 'Outbox', (q) => q.where('e.recipientAad = :recipientAad AND e.deliveredAt IS NULL').orderBy('e.createdAt', 'ASC'));
  }

  private get rows(): Repository<OutboxRow> {
    return repositoryOf<OutboxRow>(this.dataSource, 'Outbox');
  }

  async enqueue(recipientAad: string, kind: string, subjectId: string | null, now: Date = new Date()): Promise<string> {
    const id = randomUUID();
    await this.rows.insert({
      id,
      recipientAad: recipientAad.toLowerCase(),
      kind,
      subjectId,
      createdAt: now,
      nextAttemptAt: now,
      attempts: 0,
      leaseUntil: null,
      deliveredAt: null,
      lastError: null,
    });
    return id;
  }

  /** Takes the lease on one message; false when it is delivered or another instance holds it. */
  async lease(id: string, now: Date, leaseMs = 60_000): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update('Outbox')
      .set({ leaseUntil: new Date(now.getTime() + leaseMs) })
      .where('id = :id AND deliveredAt IS NULL AND (leaseUntil IS NULL OR leaseUntil < :now)', { id, now })
      .execute();
    return result.affected === 1;
  }

  async find(id: string): Promise<OutboxMessage | null> {
    return this.byId.one({ id });
  }

  /** Undelivered messages whose time has come, oldest first. */
  async due(now: Date, limit = 50): Promise<OutboxMessage[]> {
    return this.rows.find({ where: { deliveredAt: IsNull(), nextAttemptAt: LessThanOrEqual(now) }, order: { createdAt: 'ASC' }, take: limit });
  }

  /** Undelivered messages for one person, e.g. when they open the app for the first time. */
  async pendingFor(recipientAad: string): Promise<OutboxMessage[]> {
    // Asked on every message a person sends: a statement written once.
    return this.pendingOf.all({ recipientAad: recipientAad.toLowerCase() });
  }

  async delivered(id: string, now: Date): Promise<void> {
    await this.rows.update({ id }, { deliveredAt: now, leaseUntil: null });
  }

  /** Not delivered this time: tried again later, waiting longer each time (up to an hour). */
  async failed(id: string, attempts: number, reason: string, now: Date): Promise<void> {
    const waitMs = Math.min(60 * 60_000, 15_000 * 2 ** Math.min(attempts, 8));
    await this.rows.update({ id }, { attempts: attempts + 1, lastError: reason.slice(0, 400), leaseUntil: null, nextAttemptAt: new Date(now.getTime() + waitMs) });
  }
}
