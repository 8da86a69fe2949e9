import { updateIfVersion } from '../optimistic-update';
import { randomUUID } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import { conflict, notFound } from '../../domain/errors';
import type { NewRetentionCase, RetentionCaseStore, RetentionChanges } from '../../domain/retention-cases/ports';
import { formatRetentionReference, type Assessment, type RetentionCase, type RetentionOutcome, type RetentionRoute, type RetentionStatus } from '../../domain/retention-cases/retention-case';
import type { RetentionCaseRow } from '../schema/retention-cases';
import { repositoryOf } from '../transactions';
import { isUniqueViolation } from '../unique-violation';

export class SqlRetentionCaseStore implements RetentionCaseStore {
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
