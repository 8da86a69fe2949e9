import { updateIfVersion } from '../optimistic-update';
import { randomUUID } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import { conflict, notFound } from '../../domain/errors';
import type { NewRetentionCase, RetentionCaseStore, RetentionChanges, RetentionFigures, RetentionFigureScope, RouteOutcomeCount } from '../../domain/retention-cases/ports';
import { inChunks } from '../chunks';
import { formatRetentionReference, type Assessment, type RetentionCase, type RetentionOutcome, type RetentionRoute, type RetentionStatus } from '../../domain/retention-cases/retention-case';
import type { RetentionCaseRow } from '../schema/retention-cases';
import { repositoryOf } from '../transactions';
import { isUniqueViolation } from '../unique-violation';

export class SqlRetentionCaseStore implements RetentionCaseStore, RetentionFigures {
  constructor(private readonly dataSource: DataSource) {}

  private get rows(): Repository<RetentionCaseRow> {
    return repositoryOf<RetentionCaseRow>(this.dataSource, 'RetentionCase');
  }

  async create(c: NewRetentionCase): Promise<RetentionCase> {
    // The next number; two at once collide on the unique number, and the second takes the one after.
    for (let attempt = 0; ; attempt++) {
      const { max } = (await this.rows.createQueryBuilder('c').select('MAX(c.number)', 'max').getRawOne<{ max: number | null }>()) ?? { max: null };
      const row: RetentionCaseRow = {
        ...c,
        id: randomUUID(),
        number: Number(max ?? 0) + 1,
        workPsychologistId: null,
        hcpId: null,
        hcpAdvice: null,
        agreedNote: null,
        interventionRequestId: null,
        outcome: null,
        outcomeNote: null,
        outcomeById: null,
        closedAt: null,
        version: 1,
      };
      try {
        await this.rows.insert(row);
        return toCase(row);
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 4) throw error;
      }
    }
  }

  async find(id: string): Promise<RetentionCase | null> {
    const row = await this.rows.findOne({ where: { id: id.toLowerCase() } });
    return row ? toCase(row) : null;
  }

  async update(id: string, expectedVersion: number, changes: RetentionChanges): Promise<RetentionCase> {
    if (!(await updateIfVersion(this.rows, id, expectedVersion, changes))) {
      if (!(await this.find(id))) throw notFound('That retention case does not exist.');
      throw conflict('The case changed since this card was shown. Here it is as it is now.');
    }
    return (await this.find(id))!;
  }

  async forPerson(personId: string, limit: number): Promise<RetentionCase[]> {
    const id = personId.toLowerCase();
    const rows = await this.rows.find({
      where: [{ employerAdviserId: id }, { deaId: id }, { workPsychologistId: id }, { hcpId: id }],
      order: { createdAt: 'DESC' },
      take: limit,
    });
    return rows.map(toCase);
  }

  async countByRoute(personId: string | null): Promise<ReadonlyMap<RetentionRoute | null, number>> {
    const q = this.rows.createQueryBuilder('c').select('c.route', 'route').addSelect('COUNT(*)', 'n').groupBy('c.route');
    if (personId) {
      q.where('c.employerAdviserId = :id OR c.deaId = :id OR c.workPsychologistId = :id OR c.hcpId = :id', { id: personId.toLowerCase() });
    }
    const raw = await q.getRawMany<{ route: string | null; n: number | string }>();
    return new Map(raw.map((r) => [(r.route ?? null) as RetentionRoute | null, Number(r.n)]));
  }

  /**
   * Retention cases registered in the period, counted by route and outcome (an open case has no
   * outcome yet): the one read the reports and the cards use. Many jobcentres go in chunks, and the
   * chunks' counts are added together.
   */
  async outcomesByRoute(scope: RetentionFigureScope): Promise<RouteOutcomeCount[]> {
    const query = (jobcentreIds: readonly string[] | null) => {
      const q = this.rows
        .createQueryBuilder('c')
        .select('c.route', 'route')
        .addSelect('c.outcome', 'outcome')
        .addSelect('COUNT(*)', 'n')
        .where('c.createdAt >= :from AND c.createdAt < :to', { from: scope.from, to: scope.to })
        .groupBy('c.route')
        .addGroupBy('c.outcome');
      if (jobcentreIds) q.andWhere('c.jobcentreId IN (:...jobcentreIds)', { jobcentreIds: jobcentreIds.map((id) => id.toLowerCase()) });
      return q.getRawMany<{ route: string | null; outcome: string | null; n: number | string }>();
    };
    if (scope.jobcentreIds && scope.jobcentreIds.length === 0) return [];
    const raw = scope.jobcentreIds ? await inChunks(scope.jobcentreIds, query) : await query(null);
    const totals = new Map<string, RouteOutcomeCount>();
    for (const r of raw) {
      const key = `${r.route ?? ''}|${r.outcome ?? ''}`;
      const count = (totals.get(key)?.count ?? 0) + Number(r.n);
      totals.set(key, { route: (r.route ?? null) as RetentionRoute | null, outcome: (r.outcome ?? null) as RetentionOutcome | null, count });
    }
    return [...totals.values()];
  }
}

function lower(id: string | null): string | null {
  return id?.toLowerCase() ?? null;
}

function toCase(row: RetentionCaseRow): RetentionCase {
  return {
    id: row.id.toLowerCase(),
    number: row.number,
    reference: formatRetentionReference(row.number),
    employerAdviserId: row.employerAdviserId.toLowerCase(),
    jobcentreId: lower(row.jobcentreId),
    deaId: lower(row.deaId),
    workPsychologistId: lower(row.workPsychologistId),
    hcpId: lower(row.hcpId),
    hcpAdvice: row.hcpAdvice,
    personName: row.personName,
    employer: row.employer,
    need: row.need,
    nino: row.nino,
    surname: row.surname,
    assessment: row.assessment as Assessment,
    status: row.status as RetentionStatus,
    route: row.route as RetentionRoute | null,
    agreedNote: row.agreedNote,
    interventionRequestId: lower(row.interventionRequestId),
    outcome: row.outcome as RetentionOutcome | null,
    outcomeNote: row.outcomeNote,
    outcomeById: lower(row.outcomeById),
    closedAt: row.closedAt,
    createdAt: row.createdAt,
    version: row.version,
  };
}
