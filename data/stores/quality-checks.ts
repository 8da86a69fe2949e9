import { isUniqueViolation } from '../unique-violation';
import { randomUUID } from 'node:crypto';
import { managerOf, repositoryOf } from '../transactions';
import type { DataSource, Repository } from 'typeorm';
import { conflict } from '../../domain/errors';
import type { QasResult, QasStandard, QualityCheck, QualityCheckStore } from '../../domain/quality/qas';
import { PreparedFind } from '../prepared';
import type { QualityCheckRow } from '../schema/interventions';

export class SqlQualityCheckStore implements QualityCheckStore {
  private get rows(): Repository<QualityCheckRow> {
    return repositoryOf<QualityCheckRow>(this.dataSource, 'QualityCheck');
  }

  private readonly ofRequest: PreparedFind<QualityCheckRow>;

  constructor(private readonly dataSource: DataSource) {
    // Read for every card of a request.
    this.ofRequest = new PreparedFind<QualityCheckRow>(dataSource, 'QualityCheck', (q) => q.where('e.requestId = :requestId').limit(1));
  }

  async mark(check: Pick<QualityCheck, 'requestId' | 'standard' | 'checkerId' | 'markedAt'>): Promise<QualityCheck> {
    try {
      await this.rows.insert({ id: randomUUID(), ...check, result: null, notes: null, recordedAt: null });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    return (await this.forRequest(check.requestId))!;
  }

  async forRequest(requestId: string): Promise<QualityCheck | null> {
    const row = await this.ofRequest.one({ requestId });
    return row ? toCheck(row) : null;
  }

  async record(id: string, result: QasResult, notes: string | null, at: Date): Promise<QualityCheck> {
    const update = await managerOf(this.dataSource).createQueryBuilder().update('QualityCheck').set({ result, notes, recordedAt: at }).where('id = :id AND result IS NULL', { id }).execute();
    if (update.affected !== 1) throw conflict('The result of this check has already been recorded.');
    return toCheck((await this.rows.findOne({ where: { id } }))!);
  }
}

function toCheck(row: QualityCheckRow): QualityCheck {
  return {
    id: row.id.toLowerCase(),
    requestId: row.requestId.toLowerCase(),
    standard: row.standard as QasStandard,
    checkerId: row.checkerId.toLowerCase(),
    markedAt: row.markedAt,
    result: row.result as QasResult | null,
    notes: row.notes,
    recordedAt: row.recordedAt,
  };
}
