import type { DataSource } from 'typeorm';
import { formatReference } from '../../domain/requests/support-request';
import type { DeadlineStore, DueRequest } from '../../domain/reports/ports';

/** A request is answered once the DEA has acted on it: anything but still waiting for them. */
const WAITING = 'submitted';

export class SqlDeadlineStore implements DeadlineStore {
  constructor(private readonly dataSource: DataSource) {}

  async unanswered(from: string, to: string): Promise<DueRequest[]> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .select('q.id', 'id')
      .addSelect('q.number', 'number')
      .addSelect('q.deaId', 'deaId')
      .addSelect('q.requiredBy', 'requiredBy')
      .from('SupportRequest', 'q')
      .where('q.status = :waiting AND q.requiredBy >= :from AND q.requiredBy <= :to', { waiting: WAITING, from, to })
      .orderBy('q.requiredBy', 'ASC')
      .limit(500)
      .getRawMany<{ id: string; number: number; deaId: string; requiredBy: string }>();
    return rows.map((r) => ({ id: r.id.toLowerCase(), reference: formatReference(Number(r.number)), deaId: r.deaId.toLowerCase(), requiredBy: r.requiredBy }));
  }

  async find(id: string): Promise<(DueRequest & { answered: boolean }) | null> {
    const r = await this.dataSource
      .createQueryBuilder()
      .select('q.id', 'id')
      .addSelect('q.number', 'number')
      .addSelect('q.deaId', 'deaId')
      .addSelect('q.requiredBy', 'requiredBy')
      .addSelect('q.status', 'status')
      .from('SupportRequest', 'q')
      .where('q.id = :id', { id: id.toLowerCase() })
      .getRawOne<{ id: string; number: number; deaId: string; requiredBy: string | null; status: string }>();
    if (!r || r.requiredBy === null) return null;
    return { id: r.id.toLowerCase(), reference: formatReference(Number(r.number)), deaId: r.deaId.toLowerCase(), requiredBy: r.requiredBy, answered: r.status !== WAITING };
  }
}
