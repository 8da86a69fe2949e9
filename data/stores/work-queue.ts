import { LessThanOrEqual, type DataSource } from 'typeorm';
import { managerOf } from '../transactions';
import type { WorkItemRow } from '../schema/work';
import { isUniqueViolation } from '../unique-violation';

export interface LeasedWork {
  readonly id: string;
  readonly kind: string;
  readonly subjectId: string;
  /** The generation leased: done only counts if nobody asked for the work again meanwhile. */
  readonly generation: number;
  readonly attempts: number;
}

export function workId(kind: string, subjectId: string): string {
  return `${kind}:${subjectId}`.slice(0, 120);
}

/**
 * Work items in SQL. Scheduling joins the caller's unit of work, so the work exists exactly when
 * the change that needs it committed. Running takes a lease on the row: of several instances (or a
 * process restarted after a crash), one runs it at a time, and a lease left by a dead process
 * runs out so the work is taken over.
 */
export class WorkQueue {
  constructor(private readonly dataSource: DataSource) {}

  /** Due now (again): a new row, or the subject's row asked for once more (its generation moves on). */
  async schedule(kind: string, subjectId: string, now: Date): Promise<string> {
    const id = workId(kind, subjectId);
    if (await this.rearm(id, now)) return id;
    try {
      await managerOf(this.dataSource)
        .getRepository<WorkItemRow>('WorkItem')
        .insert({ id, kind, subjectId, dueAt: now, leaseUntil: null, generation: 1, attempts: 0, lastError: null, createdAt: now, updatedAt: now });
    } catch (error) {
      // Another instance made the row first: ask for it again instead.
      if (!isUniqueViolation(error) || !(await this.rearm(id, now))) throw error;
    }
    return id;
  }

  private async rearm(id: string, now: Date): Promise<boolean> {
    const result = await managerOf(this.dataSource)
      .createQueryBuilder()
      .update('WorkItem')
      .set({ dueAt: now, attempts: 0, updatedAt: now, generation: () => 'generation + 1' })
      .where('id = :id', { id })
      .execute();
    return result.affected === 1;
  }

  /**
   * Due at `at` (not sooner): a new row, or the subject's row asked for again at that time, its
   * tries counted on, so that work put off again and again (Teams still saying wait) is given up
   * after `maxAttempts` runs. False when it has been given up.
   */
  async later(kind: string, subjectId: string, at: Date, now: Date, maxAttempts: number): Promise<boolean> {
    const id = workId(kind, subjectId);
    const moved = await this.dataSource
      .createQueryBuilder()
      .update('WorkItem')
      .set({ dueAt: at, updatedAt: now, generation: () => 'generation + 1' })
      .where('id = :id AND attempts < :maxAttempts', { id, maxAttempts })
      .execute();
    if (moved.affected === 1) return true;
    try {
      await this.dataSource.getRepository<WorkItemRow>('WorkItem').insert({ id, kind, subjectId, dueAt: at, leaseUntil: null, generation: 1, attempts: 0, lastError: null, createdAt: now, updatedAt: now });
      return true;
    } catch (error) {
      // There already, with its tries used up: given up.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** Work whose time has come and that nobody holds, oldest first. */
  async due(now: Date, limit = 20): Promise<string[]> {
    const rows = await this.dataSource.getRepository<WorkItemRow>('WorkItem').find({ select: { id: true, leaseUntil: true }, where: { dueAt: LessThanOrEqual(now) }, order: { dueAt: 'ASC' }, take: limit * 2 });
    return rows.filter((r) => r.leaseUntil === null || r.leaseUntil.getTime() < now.getTime()).slice(0, limit).map((r) => r.id);
  }

  /** Takes the lease on a due item; null when it is not due, done, or another run holds it. */
  async lease(id: string, now: Date, leaseMs: number): Promise<LeasedWork | null> {
    const row = await this.dataSource.getRepository<WorkItemRow>('WorkItem').findOne({ where: { id } });
    if (!row || row.dueAt === null || row.dueAt.getTime() > now.getTime()) return null;
    const taken = await this.dataSource
      .createQueryBuilder()
      .update('WorkItem')
      .set({ leaseUntil: new Date(now.getTime() + leaseMs), attempts: row.attempts + 1, updatedAt: now })
      .where('id = :id AND generation = :generation AND dueAt IS NOT NULL AND (leaseUntil IS NULL OR leaseUntil < :now)', { id, generation: row.generation, now })
      .execute();
    return taken.affected === 1 ? { id, kind: row.kind, subjectId: row.subjectId, generation: row.generation, attempts: row.attempts + 1 } : null;
  }

  /** Done, unless it was asked for again while it ran: then it is due at once. Its tries start again from none. */
  async done(work: LeasedWork, now: Date): Promise<void> {
    const finished = await this.dataSource
      .createQueryBuilder()
      .update('WorkItem')
      .set({ dueAt: null, leaseUntil: null, lastError: null, attempts: 0, updatedAt: now })
      .where('id = :id AND generation = :generation', { id: work.id, generation: work.generation })
      .execute();
    if (finished.affected !== 1) await this.unlease(work.id, now);
  }

  /** Failed this time: tried again at `retryAt` (null: given up), unless asked for again meanwhile. */
  async failed(work: LeasedWork, error: string, retryAt: Date | null, now: Date): Promise<void> {
    const kept = await this.dataSource
      .createQueryBuilder()
      .update('WorkItem')
      .set({ dueAt: retryAt, leaseUntil: null, lastError: error.slice(0, 400), updatedAt: now })
      .where('id = :id AND generation = :generation', { id: work.id, generation: work.generation })
      .execute();
    if (kept.affected !== 1) await this.unlease(work.id, now);
  }

  private async unlease(id: string, now: Date): Promise<void> {
    await this.dataSource.createQueryBuilder().update('WorkItem').set({ leaseUntil: null, updatedAt: now }).where('id = :id', { id }).execute();
  }
}
