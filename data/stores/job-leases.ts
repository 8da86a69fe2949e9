import { isUniqueViolation } from '../unique-violation';
import type { DataSource } from 'typeorm';
import type { JobLeases } from '../../domain/conferences/ports';
import type { JobRunRow } from '../schema/conferences';

/**
 * Scheduled jobs run by every instance on a timer, done by one: a row per (job, period) is
 * inserted by exactly one caller, or taken over only when its lease ran out before it completed.
 */
export class SqlJobLeases implements JobLeases {
  constructor(private readonly dataSource: DataSource) {}

  async claim(job: string, period: string, now: Date, leaseMs: number): Promise<boolean> {
    const id = `${job}:${period}`.slice(0, 120);
    const leaseUntil = new Date(now.getTime() + leaseMs);
    try {
      await this.dataSource.getRepository<JobRunRow>('JobRun').insert({ id, leaseUntil, completedAt: null });
      return true;
    } catch (error) {
      // Any failure but "already there" is the caller's to see, never a claim quietly lost.
      if (!isUniqueViolation(error)) throw error;
      // The row exists: ours only if the run that holds it stopped without finishing.
      const taken = await this.dataSource
        .createQueryBuilder()
        .update('JobRun')
        .set({ leaseUntil })
        .where('id = :id AND completedAt IS NULL AND leaseUntil < :now', { id, now })
        .execute();
      return taken.affected === 1;
    }
  }

  async complete(job: string, period: string, now: Date): Promise<void> {
    await this.dataSource.getRepository<JobRunRow>('JobRun').update({ id: `${job}:${period}`.slice(0, 120) }, { completedAt: now });
  }

  async release(job: string, period: string): Promise<void> {
    await this.dataSource.createQueryBuilder().delete().from('JobRun').where('id = :id AND completedAt IS NULL', { id: `${job}:${period}`.slice(0, 120) }).execute();
  }
}
