import type { DataSource } from 'typeorm';
import { LessThan } from 'typeorm';
import type { ProcessedActivityRow } from '../schema/platform';
import { hashKey } from './hash-key';
import { isUniqueViolation } from '../unique-violation';
import { PreparedInsert, PreparedUpdate } from '../prepared';

/** A turn still unfinished after this long died with its process (Teams re-sends after about 15 s). */
export const ABANDONED_AFTER_MS = 20_000;

/** How long a delivered activity id is remembered; Teams re-sends within seconds to minutes. */
export const DEDUPLICATION_WINDOW_MS = 30 * 60 * 1000;

/**
 * Remembers which activities were handled, in SQL so that every instance agrees. Claiming is
 * atomic: of two instances given the same activity, exactly one gets `true`.
 */
export class ProcessedActivities {
  /** Written on every turn: the statement is written once. */
  private readonly claimed: PreparedInsert<ProcessedActivityRow>;
  private readonly completed: PreparedUpdate<ProcessedActivityRow>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly windowMs: number = DEDUPLICATION_WINDOW_MS,
    private readonly abandonedAfterMs: number = ABANDONED_AFTER_MS,
  ) {
    this.claimed = new PreparedInsert<ProcessedActivityRow>(dataSource, 'ProcessedActivity', ['id', 'receivedAt', 'completedAt']);
    this.completed = new PreparedUpdate<ProcessedActivityRow>(dataSource, 'ProcessedActivity', ['completedAt'], 'id = :id');
  }

  /**
   * True when the caller should handle this delivery: the first within the window, or a re-send of
   * one whose turn never finished (claimed more than `abandonedAfterMs` ago and not completed: the
   * process handling it died), so Teams' re-send is not swallowed.
   */
  async claim(channelId: string, conversationId: string, activityId: string, now: Date = new Date()): Promise<boolean> {
    const id = hashKey(channelId, conversationId, activityId);
    try {
      await this.claimed.insert([{ id, receivedAt: now, completedAt: null }], this.dataSource.manager);
      return true;
    } catch (error) {
      // Only "already there" means a repeat; any other failure (a locked or unwritable database) is
      // the caller's to report, never a silent drop.
      if (!isUniqueViolation(error)) throw error;
      // Already there: ours only if it expired or was abandoned, and nobody else took it over first.
      const expired = new Date(now.getTime() - this.windowMs);
      const abandoned = new Date(now.getTime() - this.abandonedAfterMs);
      const taken = await this.dataSource
        .createQueryBuilder()
        .update('ProcessedActivity')
        .set({ receivedAt: now, completedAt: null })
        .where('id = :id AND (receivedAt < :expired OR (completedAt IS NULL AND receivedAt < :abandoned))', { id, expired, abandoned })
        .execute();
      return taken.affected === 1;
    }
  }

  /**
   * True for the first caller only, within the window: for something done once (a welcome), which is
   * done as soon as it is claimed, unlike a turn that may die.
   */
  async claimOnce(what: string, key: string, now: Date = new Date()): Promise<boolean> {
    const first = await this.claim(what, key, what, now);
    if (first) await this.complete(what, key, what, now);
    return first;
  }

  /** The delivery's turn finished: a re-send within the window is a repeat from now on. */
  async complete(channelId: string, conversationId: string, activityId: string, now: Date = new Date()): Promise<void> {
    await this.completed.run({ completedAt: now }, { id: hashKey(channelId, conversationId, activityId) }, this.dataSource.manager);
  }

  /** Forgets one delivery, so that a re-send of an activity that failed is handled. */
  async release(channelId: string, conversationId: string, activityId: string): Promise<void> {
    await this.dataSource.getRepository<ProcessedActivityRow>('ProcessedActivity').delete({ id: hashKey(channelId, conversationId, activityId) });
  }

  /** Forgets deliveries older than the window, so the table stays small. */
  async prune(now: Date = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.windowMs);
    const result = await this.dataSource
      .getRepository<ProcessedActivityRow>('ProcessedActivity')
      .delete({ receivedAt: LessThan(cutoff) });
    return result.affected ?? 0;
  }
}
