import { isUniqueViolation } from '../unique-violation';
import { repositoryOf } from '../transactions';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Trend, TrendStore } from '../../domain/requests/ports';
import type { TrendAlertRow } from '../schema/requests';

/** Trends reported to team leaders; the unique key makes "once per trend" hold across instances. */
export class SqlTrendStore implements TrendStore {
  constructor(private readonly dataSource: DataSource) {}

  async recordOnce(trend: Trend, key: string, at: Date): Promise<string | null> {
    const id = randomUUID();
    try {
      await repositoryOf<TrendAlertRow>(this.dataSource, 'TrendAlert').insert({
        id,
        trendKey: key,
        kind: trend.kind,
        teamLeaderId: trend.teamLeaderId,
        coachIds: trend.coachIds.join(','),
        topic: trend.topic,
        count: trend.count,
        windowDays: trend.windowDays,
        createdAt: at,
      });
      return id;
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  async find(id: string): Promise<Trend | null> {
    const row = await repositoryOf<TrendAlertRow>(this.dataSource, 'TrendAlert').findOne({ where: { id } });
    if (!row) return null;
    return {
      kind: row.kind as Trend['kind'],
      teamLeaderId: row.teamLeaderId,
      coachIds: row.coachIds.split(',').filter(Boolean),
      topic: row.topic as Trend['topic'],
      count: row.count,
      windowDays: row.windowDays,
    };
  }
}
