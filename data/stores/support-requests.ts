import { isUniqueViolation } from '../unique-violation';
import { randomUUID } from 'node:crypto';
import { In, MoreThanOrEqual, type DataSource, type EntityManager } from 'typeorm';
import { conflict, notFound } from '../../domain/errors';
import type { CreatedRequest, NewSupportRequest, StatusChange, SupportRequestStore, VersionBump } from '../../domain/requests/ports';
import { assertMove } from '../../domain/requests/state-machine';
import {
  formatReference,
  type Benefit,
  type RequestStatus,
  type RequestType,
  type SkillTopic,
  type SupportRequest,
  type RequestMessageKind,
  type Vulnerability,
} from '../../domain/requests/support-request';
import type { Channel } from '../../domain/requests/channels';
import type { ClaimantRow, RequestEventRow, RequestMessageRow, SupportRequestRow } from '../schema/requests';
import { inChunks } from '../chunks';
import { hydrate, PreparedInsert, PreparedStatement, PreparedUpdate } from '../prepared';
import { inTransaction, repositoryOf } from '../transactions';

const MAX_NUMBER_RETRIES = 5;

/** Support requests in SQL. References are sequential; every change is audited in the same transaction. */
export class SqlSupportRequestStore implements SupportRequestStore {
  /** A request with its claimant and messages (one row per message). */
  private readonly byId: PreparedStatement;
  /** A requester's newest requests with their claimants, by how many are wanted. */
  private readonly byRequester = new Map<number, PreparedStatement>();
  /** A status change and its audit row, on every triage click: written once for each set of columns. */
  private readonly changes = new Map<string, PreparedUpdate<SupportRequestRow>>();
  private readonly events: PreparedInsert<RequestEventRow>;

  constructor(private readonly dataSource: DataSource) {
    this.events = new PreparedInsert<RequestEventRow>(dataSource, 'RequestEvent', ['id', 'requestId', 'at', 'actorId', 'action', 'fromStatus', 'toStatus']);
    this.byId = new PreparedStatement(dataSource, (manager) =>
      manager
        .getRepository<SupportRequestRow>('SupportRequest')
        .createQueryBuilder('q')
        .leftJoin('q.claimant', 'c')
        .leftJoin('q.messages', 'm')
        .addSelect(['c', 'm'])
        .where('q.id = :id')
        .getQuery(),
    );
  }

  async createOnce(request: NewSupportRequest, at: Date): Promise<CreatedRequest> {
    const submissionKey = request.submissionKey ?? randomUUID();
    for (let attempt = 1; ; attempt++) {
      const already = await this.rows().findOne({ where: { submissionKey } });
      if (already) return { request: (await this.findById(already.id))!, created: false };
      try {
        const id = await inTransaction(this.dataSource, (manager) => this.insert(manager, { ...request, submissionKey }, at));
        return { request: (await this.findById(id))!, created: true };
      } catch (error) {
        // Two requests took the same next number at once, or the same submission arrived twice: the
        // unique constraints refused one; look again (it may now exist) or take the next number.
        if (attempt >= MAX_NUMBER_RETRIES || !isUniqueViolation(error)) throw error;
      }
    }
  }

  /** The request saved, or the one already saved under its submission key (for seeding and tests). */
  async create(request: NewSupportRequest, at: Date): Promise<SupportRequest> {
    return (await this.createOnce(request, at)).request;
  }

  private async insert(manager: EntityManager, request: NewSupportRequest & { submissionKey: string }, at: Date): Promise<string> {
    let claimantId: string | null = null;
    if (request.claimant) {
      claimantId = randomUUID();
      await manager.getRepository<ClaimantRow>('Claimant').insert({
        id: claimantId,
        nino: request.claimant.nino,
        surname: request.claimant.surname,
        benefits: request.claimant.benefits.join(','),
        createdAt: at,
        updatedAt: at,
      });
    }
    const { max } = (await manager
      .getRepository<SupportRequestRow>('SupportRequest')
      .createQueryBuilder('r')
      .select('MAX(r.number)', 'max')
      .getRawOne<{ max: number | null }>()) ?? { max: null };
    const id = randomUUID();
    await manager.getRepository<SupportRequestRow>('SupportRequest').insert({
      id,
      number: (max ?? 0) + 1,
      submissionKey: request.submissionKey,
      type: request.type,
      status: request.acceptedAs ? 'accepted' : 'submitted',
      version: 1,
      requesterId: request.requesterId,
      deaId: request.deaId,
      claimantId,
      topic: request.topic,
      description: request.description,
      reason: request.reason,
      requiredBy: request.requiredBy,
      urgent: request.urgent,
      vulnerability: request.vulnerability,
      channel: request.acceptedAs ?? null,
      inappropriate: false,
      parentRequestId: request.parentRequestId ?? null,
      requestedChannel: request.requestedChannel ?? null,
      claimantCoachId: request.claimantCoachId ?? null,
      createdAt: at,
      updatedAt: at,
    });
    await manager.getRepository<RequestEventRow>('RequestEvent').insert({
      id: randomUUID(),
      requestId: id,
      at,
      actorId: request.requesterId,
      action: request.acceptedAs ? `follow-up:${request.acceptedAs}` : 'submit',
      fromStatus: null,
      toStatus: request.acceptedAs ? 'accepted' : 'submitted',
    });
    return id;
  }

  // `find`, not `findOne`: with joined relations `findOne` sends a second, DISTINCT statement first.
  async findById(id: string): Promise<SupportRequest | null> {
    const [request] = this.requests(await this.byId.run({ id: id.toLowerCase() }));
    return request ?? null;
  }

  /** Requests from rows of a request (`q`), its claimant (`c`) and, when selected, one message (`m`) each. */
  private requests(raw: readonly Record<string, unknown>[]): SupportRequest[] {
    const rows = new Map<string, SupportRequestRow>();
    for (const line of raw) {
      const request = hydrate<SupportRequestRow>(this.dataSource, 'SupportRequest', 'q', line);
      if (!request) continue;
      const row = rows.get(request.id) ?? { ...request, claimant: hydrate<ClaimantRow>(this.dataSource, 'Claimant', 'c', line) ?? undefined, messages: [] };
      rows.set(request.id, row);
      const message = hydrate<RequestMessageRow>(this.dataSource, 'RequestMessage', 'm', line);
      if (message) row.messages?.push(message);
    }
    return [...rows.values()].map(toSupportRequest);
  }

  async findByNumber(number: number): Promise<SupportRequest | null> {
    const [row] = await this.rows().find({ where: { number }, relations: { claimant: true, messages: true } });
    return row ? toSupportRequest(row) : null;
  }

  // One statement: LIMIT on the joined rows is safe, as a request has at most one claimant.
  async listByRequester(requesterId: string, limit: number): Promise<SupportRequest[]> {
    let statement = this.byRequester.get(limit);
    if (!statement) {
      statement = new PreparedStatement(this.dataSource, (manager) =>
        manager
          .getRepository<SupportRequestRow>('SupportRequest')
          .createQueryBuilder('q')
          .leftJoin('q.claimant', 'c')
          .addSelect('c')
          .where('q.requesterId = :requesterId')
          .orderBy('q.createdAt', 'DESC')
          .addOrderBy('q.number', 'DESC')
          .limit(limit)
          .getQuery(),
      );
      this.byRequester.set(limit, statement);
    }
    return this.requests(await statement.run({ requesterId }));
  }

  async listByRequesters(requesterIds: readonly string[], since: Date): Promise<SupportRequest[]> {
    if (requesterIds.length === 0) return [];
    const rows = await inChunks([...new Set(requesterIds)], (chunk) => this.rows().find({ where: { requesterId: In(chunk), createdAt: MoreThanOrEqual(since) }, order: { createdAt: 'ASC' } }));
    // Each chunk is in order; together, oldest first as one statement would give them.
    return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()).map(toSupportRequest);
  }

  async changeStatus(change: StatusChange): Promise<SupportRequest> {
    return this.write(change, change.to);
  }

  /** Optimistic concurrency: the version in the WHERE clause, and the changed row count checked. */
  private changeOf(columns: readonly (keyof SupportRequestRow & string)[]): PreparedUpdate<SupportRequestRow> {
    const key = columns.join(',');
    let statement = this.changes.get(key);
    if (!statement) {
      statement = new PreparedUpdate<SupportRequestRow>(this.dataSource, 'SupportRequest', columns, 'id = :id AND version = :version');
      this.changes.set(key, statement);
    }
    return statement;
  }

  async touch(change: VersionBump): Promise<SupportRequest> {
    return this.write(change, null);
  }

  /**
   * One write of a request: its status (checked by the state machine against the stored one) or only
   * its version. The request is read once, in the transaction (unless the caller read it at the
   * expected version), and returned as the write leaves it.
   */
  private async write(change: VersionBump & Pick<StatusChange, 'channel' | 'inappropriate' | 'current'>, to: RequestStatus | null): Promise<SupportRequest> {
    return inTransaction(this.dataSource, async (manager) => {
      const known = change.current?.version === change.expectedVersion && change.current.id === change.requestId.toLowerCase() ? change.current : undefined;
      const current = known ?? this.requests(await this.byId.run({ id: change.requestId.toLowerCase() }, manager))[0];
      if (!current) throw notFound('That request does not exist.');
      if (current.version !== change.expectedVersion) throw conflict('The request changed since this card was shown.');
      if (to !== null) assertMove(current.status, to, `moved to ${to.replace('_', ' ')}`);
      const set: Partial<SupportRequestRow> = {
        ...(to !== null ? { status: to } : {}),
        version: change.expectedVersion + 1,
        updatedAt: change.at,
        ...(change.channel !== undefined ? { channel: change.channel } : {}),
        ...(change.inappropriate !== undefined ? { inappropriate: change.inappropriate } : {}),
      };
      const changed = await this.changeOf(Object.keys(set) as (keyof SupportRequestRow & string)[]).run(set, { id: change.requestId, version: change.expectedVersion }, manager);
      if (changed !== 1) throw conflict('The request changed since this card was shown.');
      await this.events.insert([{ id: randomUUID(), requestId: change.requestId, at: change.at, actorId: change.actorId, action: change.action, fromStatus: current.status, toStatus: to ?? current.status }], manager);
      let messages = current.messages;
      if (change.message) {
        const message = { at: change.at, authorId: change.actorId, kind: change.message.kind, text: change.message.text, summary: change.message.summary ?? null, expectedReturn: change.message.expectedReturn ?? null };
        await manager.getRepository<RequestMessageRow>('RequestMessage').insert({
          id: randomUUID(),
          requestId: change.requestId,
          at: message.at,
          authorId: message.authorId,
          kind: message.kind,
          body: message.text,
          summary: message.summary,
          expectedReturn: message.expectedReturn,
        });
        // In the order a read gives them: by time, the new one last among equals.
        messages = [...messages, message].sort((a, b) => a.at.getTime() - b.at.getTime());
      }
      return {
        ...current,
        status: to ?? current.status,
        version: change.expectedVersion + 1,
        updatedAt: change.at,
        channel: change.channel !== undefined ? change.channel : current.channel,
        inappropriate: change.inappropriate !== undefined ? change.inappropriate : current.inappropriate,
        messages,
      };
    });
  }

  private rows() {
    return repositoryOf<SupportRequestRow>(this.dataSource, 'SupportRequest');
  }
}

function toSupportRequest(row: SupportRequestRow): SupportRequest {
  return {
    id: row.id.toLowerCase(),
    reference: formatReference(row.number),
    type: row.type as RequestType,
    status: row.status as RequestStatus,
    version: row.version,
    requesterId: row.requesterId.toLowerCase(),
    deaId: row.deaId.toLowerCase(),
    claimant: row.claimant
      ? { surname: row.claimant.surname, nino: row.claimant.nino, benefits: row.claimant.benefits.split(',').filter(Boolean) as Benefit[] }
      : null,
    topic: row.topic as SkillTopic | null,
    description: row.description,
    reason: row.reason,
    requiredBy: row.requiredBy,
    urgent: Boolean(row.urgent),
    vulnerability: row.vulnerability as Vulnerability | null,
    channel: row.channel as Channel | null,
    inappropriate: Boolean(row.inappropriate),
    parentRequestId: row.parentRequestId?.toLowerCase() ?? null,
    requestedChannel: row.requestedChannel as Channel | null,
    claimantCoachId: row.claimantCoachId?.toLowerCase() ?? null,
    messages: (row.messages ?? [])
      .slice()
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((m) => ({ at: m.at, authorId: m.authorId, kind: m.kind as RequestMessageKind, text: m.body, summary: m.summary, expectedReturn: m.expectedReturn })),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
