import { randomUUID } from 'node:crypto';
import { IsNull, LessThanOrEqual, type DataSource, type Repository } from 'typeorm';
import { PreparedFind, PreparedInsert, PreparedUpdate } from '../prepared';
import { repositoryOf } from '../transactions';
import type { OutboxRow } from '../schema/messaging';

export interface OutboxMessage {
  readonly id: string;
  readonly recipientAad: string;
  readonly kind: string;
  readonly subjectId: string | null;
  readonly attempts: number;
  readonly lastStatus: number | null;
  readonly deliveredAt: Date | null;
  readonly deadAt: Date | null;
  readonly waiterToldAt: Date | null;
}

/** Tries before a message that keeps failing is dead-lettered (kept, with its status, for the reports). */
export const MAX_ATTEMPTS = 10;

/** Statuses after which a message is final for the sweep but is tried again when its recipient is next seen. */
const UNREACHABLE = [403, 404];

/**
 * Messages waiting to reach people. Delivery takes a lease on a row first, so with several bot
 * instances exactly one delivers each message; an undelivered one is retried at the time its row
 * names (Teams' Retry-After, or a back-off, with jitter), and dead-lettered after `MAX_ATTEMPTS`.
 */
export class Outbox {

  private readonly byId: PreparedFind<OutboxRow>;
  private readonly pendingOf: PreparedFind<OutboxRow>;
  // Each delivery writes its row two or three times: the statements are written once.
  private readonly leases = new Map<string, PreparedUpdate<OutboxRow>>();
  private readonly deliveredRow: PreparedUpdate<OutboxRow>;
  private readonly retriedRow: PreparedUpdate<OutboxRow>;
  private readonly postponedRow: PreparedUpdate<OutboxRow>;
  private readonly awaitingRow: PreparedUpdate<OutboxRow>;
  private readonly deadRow: PreparedUpdate<OutboxRow>;
  private readonly waiterTold: PreparedUpdate<OutboxRow>;
  private readonly queued: PreparedInsert<OutboxRow>;

  constructor(private readonly dataSource: DataSource) {
    const byId = (set: readonly (keyof OutboxRow & string)[]) => new PreparedUpdate<OutboxRow>(dataSource, 'Outbox', set, 'id = :id');
    this.deliveredRow = byId(['deliveredAt', 'leaseUntil', 'lastStatus', 'activityId']);
    this.retriedRow = byId(['attempts', 'lastError', 'lastStatus', 'leaseUntil', 'nextAttemptAt']);
    this.postponedRow = byId(['leaseUntil', 'nextAttemptAt']);
    this.awaitingRow = byId(['lastError', 'leaseUntil', 'nextAttemptAt']);
    this.deadRow = byId(['attempts', 'lastError', 'lastStatus', 'leaseUntil', 'deadAt']);
    this.queued = new PreparedInsert<OutboxRow>(dataSource, 'Outbox', ['id', 'recipientAad', 'kind', 'subjectId', 'createdAt', 'nextAttemptAt', 'attempts', 'leaseUntil', 'deliveredAt', 'lastError', 'lastStatus', 'deadAt', 'activityId', 'waiterToldAt']);
    this.waiterTold = new PreparedUpdate<OutboxRow>(dataSource, 'Outbox', ['waiterToldAt'], 'id = :id AND waiterToldAt IS NULL');
    this.byId = new PreparedFind<OutboxRow>(dataSource, 'Outbox', (q) => q.where('e.id = :id').limit(1));
    // Waiting for this person, including what Teams refused because they had not got the app (403,
    // 404): now that they are seen, it can reach them. Other dead letters stay dead.
    this.pendingOf = new PreparedFind<OutboxRow>(dataSource, 'Outbox', (q) =>
      q.where(`e.recipientAad = :recipientAad AND e.deliveredAt IS NULL AND (e.deadAt IS NULL OR e.lastStatus IN (${UNREACHABLE.join(', ')}))`).orderBy('e.createdAt', 'ASC'),
    );
  }

  private get rows(): Repository<OutboxRow> {
    return repositoryOf<OutboxRow>(this.dataSource, 'Outbox');
  }

  async enqueue(recipientAad: string, kind: string, subjectId: string | null, now: Date = new Date()): Promise<string> {
    const id = randomUUID();
    await this.queued.insert([{
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
      lastStatus: null,
      deadAt: null,
      activityId: null,
      waiterToldAt: null,
    }]);
    return id;
  }

  /**
   * Takes the lease on one message; false when it is delivered, dead, or another instance holds it.
   * `revive` also takes a message dead-lettered because its recipient could not be reached (they
   * have just been seen), and brings it back to life.
   */
  async lease(id: string, now: Date, options: { leaseMs?: number; revive?: boolean; attempts?: number } = {}): Promise<boolean> {
    const leaseUntil = new Date(now.getTime() + (options.leaseMs ?? 60_000));
    const dead = options.revive ? `(deadAt IS NULL OR lastStatus IN (${UNREACHABLE.join(', ')}))` : 'deadAt IS NULL';
    // With `attempts`, the lease is taken only on the row as the caller read it (no other try since).
    const unchanged = options.attempts === undefined ? '' : ' AND attempts = :attempts';
    const key = `${options.revive === true}|${unchanged !== ''}`;
    let lease = this.leases.get(key);
    if (!lease) {
      lease = new PreparedUpdate<OutboxRow>(this.dataSource, 'Outbox', options.revive ? ['leaseUntil', 'deadAt'] : ['leaseUntil'], `id = :id AND deliveredAt IS NULL AND ${dead} AND (leaseUntil IS NULL OR leaseUntil < :now)${unchanged}`);
      this.leases.set(key, lease);
    }
    const changed = await lease.run(options.revive ? { leaseUntil, deadAt: null } : { leaseUntil }, { id, now, ...(options.attempts === undefined ? {} : { attempts: options.attempts }) }, this.dataSource.manager);
    return changed === 1;
  }

  /** A message as `enqueue` wrote it, for delivering it at once without reading it back. */
  static fresh(id: string, recipientAad: string, kind: string, subjectId: string | null): OutboxMessage {
    return { id, recipientAad: recipientAad.toLowerCase(), kind, subjectId, attempts: 0, lastStatus: null, deliveredAt: null, deadAt: null, waiterToldAt: null };
  }

  async find(id: string): Promise<OutboxMessage | null> {
    return this.byId.one({ id });
  }

  /** Undelivered messages whose time has come, oldest first. */
  async due(now: Date, limit = 50): Promise<OutboxMessage[]> {
    return this.rows.find({ where: { deliveredAt: IsNull(), deadAt: IsNull(), nextAttemptAt: LessThanOrEqual(now) }, order: { nextAttemptAt: 'ASC' }, take: limit });
  }

  /** Undelivered messages for one person, e.g. when they open the app for the first time. */
  async pendingFor(recipientAad: string): Promise<OutboxMessage[]> {
    // Asked on every message a person sends: a statement written once.
    return this.pendingOf.all({ recipientAad: recipientAad.toLowerCase() });
  }

  /**
   * Teams took it: one statement records that and the posted activity, so that nothing sends it
   * again, whatever happens after.
   */
  async delivered(id: string, now: Date, status: number | null, activityId: string | undefined): Promise<void> {
    await this.deliveredRow.run({ deliveredAt: now, leaseUntil: null, lastStatus: status, activityId: activityId ?? null }, { id });
  }

  /** Not delivered this time (a counted try): tried again at `at`. */
  async retryAt(id: string, attempts: number, reason: string, status: number | null, at: Date): Promise<void> {
    await this.retriedRow.run({ attempts: attempts + 1, lastError: reason.slice(0, 400), lastStatus: status, leaseUntil: null, nextAttemptAt: at }, { id });
  }

  /** Not tried, and not counted as a try: the conversation's pace says wait until `at`. */
  async postpone(id: string, at: Date): Promise<void> {
    await this.postponedRow.run({ leaseUntil: null, nextAttemptAt: at }, { id });
  }

  /** The recipient has not opened the app, so there is nowhere to send it: kept for when they do, looked at again at `at`. */
  async awaitingRecipient(id: string, reason: string, at: Date): Promise<void> {
    await this.awaitingRow.run({ lastError: reason.slice(0, 400), leaseUntil: null, nextAttemptAt: at }, { id });
  }

  /** Dead-lettered: no more tries by the sweep; its status and reason are kept for the reports. */
  async dead(id: string, attempts: number, reason: string, status: number | null, now: Date): Promise<void> {
    await this.deadRow.run({ attempts: attempts + 1, lastError: reason.slice(0, 400), lastStatus: status, leaseUntil: null, deadAt: now }, { id });
  }

  /** Marks that the person waiting on the message has been told; false when someone already had. */
  async claimWaiterNotice(id: string, now: Date): Promise<boolean> {
    return (await this.waiterTold.run({ waiterToldAt: now }, { id })) === 1;
  }
}
