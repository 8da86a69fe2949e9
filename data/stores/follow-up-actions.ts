import { updateIfVersion } from '../optimistic-update';
import { randomUUID } from 'node:crypto';
import { In, LessThan, type DataSource, type Repository } from 'typeorm';
import { conflict, notFound } from '../../domain/errors';
import type { ActionKind, ActionStatus, FollowUpAction } from '../../domain/follow-up-actions/follow-up-action';
import type { ActionChanges, FollowUpActionStore, NewFollowUpAction } from '../../domain/follow-up-actions/ports';
import type { FollowUpActionRow } from '../schema/follow-up-actions';
import { inChunks } from '../chunks';
import { repositoryOf } from '../transactions';
import { isUniqueViolation } from '../unique-violation';

const OPEN: ActionStatus[] = ['unassigned', 'assigned', 'accepted'];

export class SqlFollowUpActionStore implements FollowUpActionStore {
  constructor(private readonly dataSource: DataSource) {}

  private get rows(): Repository<FollowUpActionRow> {
    return repositoryOf<FollowUpActionRow>(this.dataSource, 'FollowUpAction');
  }

  async create(action: NewFollowUpAction): Promise<{ action: FollowUpAction; created: boolean }> {
    // The request's own outcome's actions have no source: stored as '' so that the unique key holds them too.
    const where = { requestId: action.requestId, kind: action.kind, source: action.source ?? '' };
    const existing = await this.rows.findOne({ where });
    if (existing) return { action: toAction(existing), created: false };
    const row: Omit<FollowUpActionRow, 'request'> = { ...action, source: where.source, id: randomUUID(), acceptedAt: null, doneAt: null, doneNote: null, version: 1 };
    try {
      await this.rows.insert(row);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const first = await this.rows.findOne({ where });
      if (!first) throw error;
      return { action: toAction(first), created: false };
    }
    return { action: toAction(row as FollowUpActionRow), created: true };
  }

  async find(id: string): Promise<FollowUpAction | null> {
    const row = await this.rows.findOne({ where: { id: id.toLowerCase() } });
    return row ? toAction(row) : null;
  }

  async forRequest(requestId: string): Promise<FollowUpAction[]> {
    return (await this.rows.find({ where: { requestId: requestId.toLowerCase() }, order: { createdAt: 'ASC' } })).map(toAction);
  }

  /** Ids of the actions these requests started (for redacting their posted cards), in chunks under SQL Server's parameter limit. */
  async idsForRequests(requestIds: readonly string[]): Promise<string[]> {
    const rows = await inChunks(requestIds.map((id) => id.toLowerCase()), (ids) => this.rows.find({ select: { id: true }, where: { requestId: In(ids) } }));
    return rows.map((r) => r.id);
  }

  async update(id: string, expectedVersion: number, changes: ActionChanges): Promise<FollowUpAction> {
    if (!(await updateIfVersion(this.rows, id, expectedVersion, changes))) {
      if (!(await this.find(id))) throw notFound('That action does not exist.');
      throw conflict('The action changed since this card was shown. Here it is as it is now.');
    }
    return (await this.find(id))!;
  }

  async forPerson(personId: string, limit: number): Promise<FollowUpAction[]> {
    // Open first, however many newer ones are done; within each, newest first. Each of the three
    // people has an index, so the rows are found through them, not by reading every action.
    const rows = await this.rows
      .createQueryBuilder('a')
      .where('(a.assigneeId = :id OR a.deaId = :id OR a.requesterId = :id)', { id: personId.toLowerCase() })
      .orderBy(`CASE WHEN a.status = 'done' THEN 1 ELSE 0 END`, 'ASC')
      .addOrderBy('a.createdAt', 'DESC')
      .addOrderBy('a.id', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map(toAction);
  }

  async overdue(now: Date): Promise<FollowUpAction[]> {
    return (await this.rows.find({ where: { status: In(OPEN), dueBy: LessThan(now) }, order: { dueBy: 'ASC' }, take: 500 })).map(toAction);
  }
}

function toAction(row: FollowUpActionRow): FollowUpAction {
  return {
    id: row.id.toLowerCase(),
    requestId: row.requestId.toLowerCase(),
    requestReference: row.requestReference,
    kind: row.kind as ActionKind,
    source: row.source || null,
    jobcentreId: row.jobcentreId?.toLowerCase() ?? null,
    requesterId: row.requesterId.toLowerCase(),
    deaId: row.deaId.toLowerCase(),
    assigneeId: row.assigneeId?.toLowerCase() ?? null,
    status: row.status as ActionStatus,
    createdById: row.createdById.toLowerCase(),
    createdAt: row.createdAt,
    dueBy: row.dueBy,
    assignedAt: row.assignedAt,
    acceptedAt: row.acceptedAt,
    doneAt: row.doneAt,
    doneNote: row.doneNote,
    version: row.version,
  };
}
