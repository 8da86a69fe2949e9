import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { standardFor, type QasResult, type QasStandard } from '../../domain/quality/qas';
import { CHANNELS, type Channel } from '../../domain/requests/channels';
import { LISTS_COUNTED_UP_TO, type CheckableMeeting, type ListedMeeting, type ListedRequest, type Page, type RequestLists } from '../../domain/requests/request-lists';
import { OPEN_STATUSES } from '../../domain/requests/state-machine';
import { formatReference, type RequestStatus, type RequestType, type SkillTopic } from '../../domain/requests/support-request';
import { dialectOf } from '../schema/dialect';
import type { SupportRequestRow } from '../schema/requests';
import { hydrate, PreparedStatement } from '../prepared';

/** Meetings a DEA still has something to do with: booked, held, or held with the outcome recorded. */
const MEETING_LIST_STATUSES: readonly RequestStatus[] = ['booked', 'held', 'outcome_recorded'];
/** Meetings a team leader may check (booked or held, as the quality service has it). */
const CHECKABLE_STATUSES: readonly RequestStatus[] = ['booked', 'held', 'outcome_recorded', 'closed'];
const QAS_CHANNELS: readonly Channel[] = CHANNELS.filter((c) => standardFor(c) !== null);
/** The channels a work coach's own team leader may check too (QAS 2). */
const COACH_QAS_CHANNELS: readonly Channel[] = CHANNELS.filter((c) => standardFor(c) === 'qas2');

/** A list's one statement, and how far it counts (the page reads "more than" past it); none for a list counted whole. */
interface ListStatement {
  readonly statement: PreparedStatement;
  readonly countUpTo?: number;
}

/** The request columns a list shows. */
const LISTED_COLUMNS = ['number', 'type', 'status', 'urgent', 'requiredBy', 'channel', 'topic', 'createdAt', 'updatedAt', 'claimantId', 'requesterId'];

/**
 * Each list in one statement: the page is chosen and ordered by id from an index alone (an inner
 * query, paged with the dialect's own clause), then only its rows are read from the table and get
 * the claimant's surname and the requester's name joined in, and the whole list's count comes from
 * an index-only subquery. With 5,000 open requests this is several times quicker than reading or
 * joining every row before paging. A long list (the queue, the quality checks) is counted only up
 * to the domain's bound (`LISTS_COUNTED_UP_TO`).
 * Written once per data source by the query builder, in its dialect.
 */
export class SqlRequestLists implements RequestLists {
  private readonly queueOf: ListStatement;
  private readonly mineOf: ListStatement;
  private readonly meetingsOf: ListStatement;
  private readonly checkableOf: ListStatement;

  /** `countedUpTo`: how far a long list is counted (the domain's bound; smaller in tests). */
  constructor(
    private readonly dataSource: DataSource,
    countedUpTo: number = LISTS_COUNTED_UP_TO,
  ) {
    // The open statuses written out, not bound: SQLite uses a filtered index (IDX_support_request_queue)
    // only when the query's own words imply its filter. They are the domain's constants, never input.
    const open = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
    this.queueOf = this.paged((m) =>
      this.listed(m)
        .where(`q.deaId = :owner AND q.status IN (${open})`)
        .orderBy('q.urgent', 'DESC')
        .addOrderBy('CASE WHEN q.requiredBy IS NULL THEN 1 ELSE 0 END', 'ASC')
        .addOrderBy('q.requiredBy', 'ASC')
        .addOrderBy('q.createdAt', 'ASC')
        .addOrderBy('q.number', 'ASC'),
      { countUpTo: countedUpTo },
    );
    this.mineOf = this.paged((m) => this.listed(m).where('q.requesterId = :owner').orderBy('q.createdAt', 'DESC').addOrderBy('q.number', 'DESC'));
    this.meetingsOf = this.paged((m, upToPageEnd) => this.meetingsByStatus(m, upToPageEnd),
      // Its time, and whether its summary was sent: read for the page's rows only.
      {
        select: (e) => `${['meetingStartsAt', 'meetingEndsAt'].map((c) => `${e('r')}.${e(c)} AS ${e(`q_${c}`)}`).join(', ')}, ${e('mr')}.${e('id')} AS ${e('summary_id')}`,
        joins: (e) => `LEFT JOIN ${e('meeting_record')} ${e('mr')} ON ${e('mr')}.${e('requestId')} = ${e('r')}.${e('id')} AND ${e('mr')}.${e('kind')} = 'summary'`,
      },
    );
    // With its check, for the page's rows only.
    this.checkableOf = this.paged((m, upToPageEnd) => this.checkableMeetings(m, upToPageEnd), {
      select: (e) => ['id', 'standard', 'result'].map((c) => `${e('qc')}.${e(c)} AS ${e(`qc_${c}`)}`).join(', '),
      joins: (e) => `LEFT JOIN ${e('quality_check')} ${e('qc')} ON ${e('qc')}.${e('requestId')} = ${e('r')}.${e('id')}`,
      countUpTo: countedUpTo,
    });
  }

  async queue(deaId: string, offset: number, limit: number): Promise<Page<ListedRequest>> {
    return this.page(this.queueOf, { owner: deaId.toLowerCase() }, offset, limit, (raw) => this.request(raw));
  }

  async mine(requesterId: string, offset: number, limit: number): Promise<Page<ListedRequest>> {
    return this.page(this.mineOf, { owner: requesterId.toLowerCase() }, offset, limit, (raw) => this.request(raw));
  }

  async meetings(deaId: string, offset: number, limit: number): Promise<Page<ListedMeeting>> {
    return this.page(this.meetingsOf, { owner: deaId.toLowerCase(), statuses: [...MEETING_LIST_STATUSES] }, offset, limit, (raw) => {
      const row = hydrate<SupportRequestRow>(this.dataSource, 'SupportRequest', 'q', raw)!;
      return { ...this.request(raw, row), start: row.meetingStartsAt!, end: row.meetingEndsAt!, summarySent: raw.summary_id !== null && raw.summary_id !== undefined };
    });
  }

  async checkable(teamLeaderId: string, offset: number, limit: number): Promise<Page<CheckableMeeting>> {
    return this.page(
      this.checkableOf,
      { owner: teamLeaderId.toLowerCase(), statuses: [...CHECKABLE_STATUSES], channels: [...QAS_CHANNELS], coachChannels: [...COACH_QAS_CHANNELS] },
      offset,
      limit,
      (raw) => {
        const standard = raw.qc_standard as QasStandard | null | undefined;
        // A team leader reads these as a viewer: no claimant's name in their list.
        return { ...this.request(raw), claimantSurname: null, check: standard ? { standard, result: (raw.qc_result as QasResult | null) ?? null } : null };
      },
    );
  }

  /**
   * The meetings a team leader may check (`QualityService.mayCheck`), by id, with the columns they are
   * ordered by: every QAS meeting of the DEAs they lead, and the QAS 2 meetings their own work coaches
   * asked for. Each request carries its DEA's and its work coach's team leader (kept by the database,
   * migration 1766000000000), so each part is read from its own index newest first
   * (IDX_support_request_leader_checks, IDX_support_request_coach_leader_checks), then the two are
   * ordered and paged together. A meeting in both (one person leads the DEA and the coach) is listed
   * and counted once:
   * - for the page, each part is cut at the page's end, so the database stops reading its index once no
   *   later row could be on the page; such a meeting is the same row in both parts, and UNION keeps it
   *   once.
   * - for the count, which stops at its bound and has no order, the second part leaves out the
   *   meetings whose DEA they lead: those are in the first part.
   */
  private checkableMeetings(manager: EntityManager, upToPageEnd: string | null): SelectQueryBuilder<SupportRequestRow> {
    const part = (leader: 'deaTeamLeaderId' | 'requesterTeamLeaderId', channels: string) =>
      manager
        .getRepository<SupportRequestRow>('SupportRequest')
        .createQueryBuilder('q')
        .select('q.id', 'id')
        .addSelect('q.updatedAt', 'updatedAt')
        .addSelect('q.number', 'number')
        // Only a meeting that was booked (a three way the claimant refused never had one): the flag the
        // database keeps beside the request, so each part's rows and their order come from its index alone.
        .where(`q.${leader} = :owner AND q.meetingBooked = 1`)
        .andWhere(`q.status IN (:...statuses) AND q.channel IN (:...${channels})`);
    const ofTheirDeas = part('deaTeamLeaderId', 'channels');
    const ofTheirCoaches = part('requesterTeamLeaderId', 'coachChannels');
    const newestFirst = (rows: SelectQueryBuilder<SupportRequestRow>) => rows.orderBy('q.updatedAt', 'DESC').addOrderBy('q.number', 'DESC');
    const e = (name: string) => this.dataSource.driver.escape(name);
    const q = (column: string) => `${e('q')}.${e(column)}`;
    const listed =
      upToPageEnd === null
        ? this.union(manager, [ofTheirDeas.getQuery(), ofTheirCoaches.andWhere('(q.deaTeamLeaderId IS NULL OR q.deaTeamLeaderId <> :owner)').getQuery()], 'UNION ALL')
        : this.union(manager, this.upToPageEnd({ deas: newestFirst(ofTheirDeas), coaches: newestFirst(ofTheirCoaches) }, ['id', 'updatedAt', 'number'], upToPageEnd), 'UNION');
    return listed.orderBy(q('updatedAt'), 'DESC').addOrderBy(q('number'), 'DESC');
  }

  /**
   * A DEA's meetings, by id, with the columns they are ordered by: the coming ones first, soonest
   * first; then the held ones, latest first. Only a request with a booked meeting: its time is kept
   * beside it by the database (a trigger on booking), so each status's meetings are read in order from
   * IDX_support_request_meetings. For the page, each status is its own part, read in the list's order
   * and cut at the page's end, so that the database reads no more of a busy DEA's hundreds of
   * meetings than the page needs and sorts only those; for the count, one read of the index.
   */
  private meetingsByStatus(manager: EntityManager, upToPageEnd: string | null): SelectQueryBuilder<SupportRequestRow> {
    const meetings = () => this.listed(manager).where('q.deaId = :owner AND q.meetingStartsAt IS NOT NULL');
    if (upToPageEnd === null) return meetings().andWhere('q.status IN (:...statuses)');
    // The statuses written out, not bound: each part must name one for the index to give its order. They are the domain's constants, never input.
    const part = (status: RequestStatus) =>
      meetings()
        .select('q.id', 'id')
        .andWhere(`q.status = '${status}'`)
        .addSelect('q.status', 'status')
        .addSelect('q.meetingStartsAt', 'meetingStartsAt')
        .addSelect('q.number', 'number')
        .orderBy('q.meetingStartsAt', status === 'booked' ? 'ASC' : 'DESC')
        .addOrderBy('q.number', 'DESC');
    const parts = Object.fromEntries(MEETING_LIST_STATUSES.map((status) => [status, part(status)]));
    const e = (name: string) => this.dataSource.driver.escape(name);
    const q = (column: string) => `${e('q')}.${e(column)}`;
    return this.union(manager, this.upToPageEnd(parts, ['id', 'status', 'meetingStartsAt', 'number'], upToPageEnd), 'UNION ALL')
      .orderBy(`CASE WHEN ${q('status')} = 'booked' THEN 0 ELSE 1 END`, 'ASC')
      .addOrderBy(`CASE WHEN ${q('status')} = 'booked' THEN ${q('meetingStartsAt')} END`, 'ASC')
      .addOrderBy(q('meetingStartsAt'), 'DESC')
      .addOrderBy(q('number'), 'DESC');
  }

  /**
   * A list's parts, each in its own order cut at the page's end (`upToPageEnd`), as queries of
   * `columns`: the database reads no more of each part's index than the page could need, and the
   * list sorts only those rows. Each part is named by its key (SQL needs a name for each).
   */
  private upToPageEnd(parts: Record<string, SelectQueryBuilder<SupportRequestRow>>, columns: readonly string[], upToPageEnd: string): string[] {
    const e = (name: string) => this.dataSource.driver.escape(name);
    return Object.entries(parts).map(([name, rows]) => `SELECT ${columns.map((c) => `${e(name)}.${e(c)}`).join(', ')} FROM (${rows.getQuery()}${upToPageEnd}) ${e(name)}`);
  }

  /** The parts of a list, one after another, as its requests by id (`q_id`); their columns are the list's `q`. */
  private union(manager: EntityManager, parts: readonly string[], union: 'UNION' | 'UNION ALL'): SelectQueryBuilder<SupportRequestRow> {
    const e = (name: string) => this.dataSource.driver.escape(name);
    return manager
      .createQueryBuilder()
      .select(`${e('q')}.${e('id')}`, 'q_id')
      .from<SupportRequestRow>(`(${parts.join(` ${union} `)})`, 'q');
  }

  /** A list's requests, by id alone: the page is chosen from an index, the listed columns read for its rows only. */
  private listed(manager: EntityManager): SelectQueryBuilder<SupportRequestRow> {
    return manager.getRepository<SupportRequestRow>('SupportRequest').createQueryBuilder('q').select('q.id');
  }

  /**
   * The page (`build`, paged) chosen by id from the list's index (IDX_support_request_dea_list), then
   * for its rows only the request's listed columns, its claimant and requester (and `extra`) joined,
   * in the page's order; and the count of the whole list (`build` counted), from the index too. The
   * outer order is the inner one, on the request's columns ("q"."urgent" is "r"."urgent") and the
   * inner query's other columns ("b"."startsAt" is "p"."b_startsAt"). A list made of parts gets, for
   * its page, the dialect's clause that keeps a part (ordered by itself) to the rows up to the page's
   * end (`upToPageEnd`); null for its count.
   */
  private paged(
    build: (manager: EntityManager, upToPageEnd: string | null) => SelectQueryBuilder<SupportRequestRow>,
    extra?: { select?: (e: (name: string) => string) => string; joins?: (e: (name: string) => string) => string; countUpTo?: number },
  ): ListStatement {
    const mssql = dialectOf(this.dataSource.options.type) === 'mssql';
    const paging = mssql ? ' OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY' : ' LIMIT :limit OFFSET :offset';
    const upToPageEnd = mssql ? ' OFFSET 0 ROWS FETCH NEXT (:offset + :limit) ROWS ONLY' : ' LIMIT (:offset + :limit)';
    const e = (name: string) => this.dataSource.driver.escape(name);
    const statement = new PreparedStatement(this.dataSource, (manager) => {
      const page = build(manager, upToPageEnd).getQuery();
      const orderAt = page.lastIndexOf(' ORDER BY ');
      const order = page
        .slice(orderAt + ' ORDER BY '.length)
        .replace(/["[`](\w+)["\]`]\.["[`](\w+)["\]`]/g, (_all, alias: string, column: string) => (alias === 'q' ? `${e('r')}.${e(column)}` : `${e('p')}.${e(`${alias}_${column}`)}`));
      const count = extra?.countUpTo === undefined ? build(manager, null).select('COUNT(1)').orderBy().getQuery() : this.countUpTo(build(manager, null), extra.countUpTo, mssql);
      const columns = LISTED_COLUMNS.map((c) => `${e('r')}.${e(c)} AS ${e(`q_${c}`)}`).join(', ');
      return (
        `SELECT ${e('p')}.*, ${columns}, ${e('c')}.${e('surname')} AS ${e('claimant_surname')}, ${e('rq')}.${e('name')} AS ${e('requester_name')}, ` +
        `${extra?.select ? `${extra.select(e)}, ` : ''}(${count}) AS ${e('list_total')} ` +
        `FROM (${page}${paging}) ${e('p')} ` +
        `INNER JOIN ${e('support_request')} ${e('r')} ON ${e('r')}.${e('id')} = ${e('p')}.${e('q_id')} ` +
        `LEFT JOIN ${e('claimant')} ${e('c')} ON ${e('c')}.${e('id')} = ${e('r')}.${e('claimantId')} ` +
        `LEFT JOIN ${e('staff')} ${e('rq')} ON ${e('rq')}.${e('id')} = ${e('r')}.${e('requesterId')} ` +
        `${extra?.joins ? `${extra.joins(e)} ` : ''}` +
        `ORDER BY ${order}`
      );
    });
    return { statement, countUpTo: extra?.countUpTo };
  }

  /** The count of the rows `list` finds, stopping at one past `bound` (so that "more than" can be told). */
  private countUpTo(list: SelectQueryBuilder<SupportRequestRow>, bound: number, mssql: boolean): string {
    const found = list.select('1', 'one').orderBy().getQuery();
    const e = (name: string) => this.dataSource.driver.escape(name);
    const limited = mssql ? found.replace(/^SELECT /, `SELECT TOP (${bound + 1}) `) : `${found} LIMIT ${bound + 1}`;
    return `SELECT COUNT(1) FROM (${limited}) ${e('counted')}`;
  }

  private async page<T>(list: ListStatement, parameters: ObjectLiteral, offset: number, limit: number, item: (raw: ObjectLiteral) => T): Promise<Page<T>> {
    const { statement, countUpTo } = list;
    // One more than the page, to know whether a next page follows without counting the whole list.
    let rows = await statement.run({ ...parameters, offset, limit: limit + 1 });
    // Past the end (the list got shorter since the last page was shown): the first page instead.
    if (rows.length === 0 && offset > 0) return this.page(list, parameters, 0, limit, item);
    const counted = rows.length ? Number(rows[0]!.list_total) : 0;
    const moreThanTotal = countUpTo !== undefined && counted > countUpTo;
    const hasNext = rows.length > limit;
    rows = rows.slice(0, limit);
    return { items: rows.map(item), total: moreThanTotal ? countUpTo : counted, moreThanTotal, hasNext, offset, pageSize: limit };
  }

  private request(raw: ObjectLiteral, row: SupportRequestRow = hydrate<SupportRequestRow>(this.dataSource, 'SupportRequest', 'q', raw)!): ListedRequest {
    return {
      id: row.id.toLowerCase(),
      reference: formatReference(row.number),
      type: row.type as RequestType,
      status: row.status as RequestStatus,
      urgent: Boolean(row.urgent),
      requiredBy: row.requiredBy,
      channel: row.channel as Channel | null,
      topic: row.topic as SkillTopic | null,
      claimantSurname: (raw.claimant_surname as string | null | undefined) ?? null,
      requesterName: (raw.requester_name as string | null | undefined) ?? null,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    };
  }
}
