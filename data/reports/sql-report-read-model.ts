import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { inChunks, MAX_LIST_PARAMETERS } from '../chunks';
import { rawDate, rawDateOrNull } from '../raw-date';
import { londonDateFast } from '../../domain/calendar/london-time';
import type {
  AdviceFact,
  AttendanceFact,
  ConferenceFact,
  FeedbackAbout,
  FeedbackFact,
  HcpFact,
  HeldFact,
  LabelledCount,
  QasFact,
  ReportReadModel,
  RetentionReach,
  RequestFact,
  SupplierRequestFact,
} from '../../domain/reports/ports';
import type { RouteOutcomeCount } from '../../domain/retention-cases/ports';
import { SqlRetentionCaseStore } from '../stores/retention-cases';
import { ACTIVITY_KIND_LABELS, type ActivityKind, type SupplierRequestStatus } from '../../domain/hcp-activity/records';
import { byName, compareNames } from '../../domain/names';

function rawBoolean(value: unknown): boolean {
  return value === true || value === 1 || value === '1' || value === 'true';
}

/** The London calendar date of a period's bound (London midnight), for columns that hold dates. */
function londonDay(d: Date): string {
  return londonDateFast(d);
}

/**
 * The reports' read models: each method one query (or one per chunk of ids), selecting only what
 * is counted. No claimant column is ever selected: interventions per claimant are grouped in SQL.
 */
export class SqlReportReadModel implements ReportReadModel {
  constructor(private readonly dataSource: DataSource) {}

  private qb(): SelectQueryBuilder<object> {
    return this.dataSource.createQueryBuilder();
  }

  /** Today's HCPs (the role holders), with when their directory entry was made. */
  async hcps(district: string | null): Promise<HcpFact[]> {
    const q = this.qb()
      .select('s.id', 'id')
      .addSelect('s.name', 'name')
      .addSelect('j.district', 'district')
      .addSelect('s.createdAt', 'createdAt')
      .from('Staff', 's')
      .innerJoin('StaffRole', 'r', "r.staffId = s.id AND r.role = 'hcp'")
      .innerJoin('Jobcentre', 'j', 'j.id = s.jobcentreId');
    if (district !== null) q.where('j.district = :district', { district });
    const rows = await q.getRawMany<{ id: string; name: string; district: string; createdAt: unknown }>();
    // In English order: SQLite orders by character code ("de Souza" after "Evans"), SQL Server by its collation.
    return rows
      .map((r) => ({ id: r.id.toLowerCase(), name: r.name, district: r.district, inDirectorySince: rawDate(r.createdAt) }))
      .sort((a, b) => compareNames(a.district, b.district) || byName(a, b));
  }

  async adviceConversations(district: string | null, from: Date, to: Date): Promise<AdviceFact[]> {
    // The HCP's name from the directory (a left join: they may no longer have the role, or be there at all).
    const q = this.qb()
      .select('c.hcpId', 'hcpId')
      .addSelect('hs.name', 'hcpName')
      .addSelect('c.district', 'district')
      .addSelect('c.cluster', 'cluster')
      .addSelect('j.name', 'jobcentre')
      .addSelect('c.status', 'status')
      .addSelect('c.channel', 'channel')
      .addSelect('c.adviceTypes', 'adviceTypes')
      .addSelect('c.adHoc', 'adHoc')
      .addSelect('c.askedAdHoc', 'askedAdHoc')
      .addSelect('c.createdAt', 'createdAt')
      .addSelect('c.startsAt', 'startsAt')
      .from('AdviceConversation', 'c')
      .innerJoin('Jobcentre', 'j', 'j.id = c.jobcentreId')
      .leftJoin('Staff', 'hs', 'hs.id = c.hcpId')
      .where('((c.createdAt >= :from AND c.createdAt < :to) OR (c.startsAt >= :from AND c.startsAt < :to))', { from, to });
    if (district !== null) q.andWhere('c.district = :district', { district });
    const rows = await q.getRawMany<Record<string, unknown>>();
    return rows.map((r) => ({
      hcpId: String(r.hcpId).toLowerCase(),
      hcpName: r.hcpName === null || r.hcpName === undefined ? null : String(r.hcpName),
      district: String(r.district),
      cluster: String(r.cluster),
      jobcentre: String(r.jobcentre),
      status: String(r.status),
      channel: String(r.channel),
      adviceTypes: String(r.adviceTypes ?? '').split(',').filter(Boolean),
      adHoc: rawBoolean(r.adHoc),
      askedAdHoc: rawBoolean(r.askedAdHoc),
      createdAt: rawDate(r.createdAt),
      startsAt: rawDateOrNull(r.startsAt),
    }));
  }

  async held(district: string | null, from: Date, to: Date): Promise<HeldFact[]> {
    const q = this.qb()
      .select('c.hcpId', 'hcpId')
      .addSelect('hs.name', 'hcpName')
      .addSelect('c.district', 'district')
      .addSelect('c.startsAt', 'startsAt')
      .from('AdviceConversation', 'c')
      .leftJoin('Staff', 'hs', 'hs.id = c.hcpId')
      .where("c.status = 'held' AND c.startsAt >= :from AND c.startsAt < :to", { from, to });
    if (district !== null) q.andWhere('c.district = :district', { district });
    const rows = await q.getRawMany<{ hcpId: string; hcpName: string | null; district: string; startsAt: unknown }>();
    return rows.map((r) => ({ hcpId: r.hcpId.toLowerCase(), hcpName: r.hcpName ?? null, district: r.district, startsAt: rawDate(r.startsAt) }));
  }

  /**
   * Answers by the period they are about, not by when they were given. A periodic answer's subject is
   * its period's key. An after-conversation answer's subject is the conversation: it belongs to the
   * period the conversation took place in (a coach may answer days later, in the next week or month);
   * if the conversation is no longer kept, to the period the answer was given in.
   */
  async feedback(district: string | null, about: FeedbackAbout): Promise<FeedbackFact[]> {
    const afterConversation = "(f.kind = 'after_conversation' AND ((c.startsAt >= :from AND c.startsAt < :to) OR (c.id IS NULL AND f.createdAt >= :from AND f.createdAt < :to)))";
    const q = this.qb()
      .select('f.question', 'question')
      .addSelect('f.score', 'score')
      .from('ReportFeedback', 'f')
      .leftJoin('AdviceConversation', 'c', "f.kind = 'after_conversation' AND c.id = f.subjectId")
      .where(about.periodKeys.length > 0 ? `((f.kind = 'periodic' AND f.subjectId IN (:...keys)) OR ${afterConversation})` : afterConversation, { keys: [...about.periodKeys], from: about.from, to: about.to });
    if (district !== null) q.andWhere('f.district = :district', { district });
    const rows = await q.getRawMany<{ question: string; score: number | string }>();
    return rows.map((r) => ({ question: r.question, score: Number(r.score) }));
  }

  async requests(deaIds: readonly string[], from: Date, to: Date): Promise<RequestFact[]> {
    const first = (alias: string, statuses: string) => `(SELECT MIN(${alias}.at) FROM request_event ${alias} WHERE ${alias}.requestId = q.id AND ${alias}.toStatus IN (${statuses}))`;
    return inChunks(deaIds.map((d) => d.toLowerCase()), async (ids) => {
      const rows = await this.qb()
        .select('q.type', 'type')
        .addSelect('q.channel', 'channel')
        .addSelect('q.status', 'status')
        .addSelect('s.name', 'coach')
        .addSelect('tl.name', 'team')
        .addSelect('j.name', 'jobcentre')
        .addSelect('q.requiredBy', 'requiredBy')
        .addSelect('q.createdAt', 'createdAt')
        .addSelect(first('ea', "'accepted', 'info_requested', 'redirected'"), 'answeredAt')
        .addSelect(first('ec', "'accepted'"), 'acceptedAt')
        .addSelect(first('eb', "'booked'"), 'bookedAt')
        .from('SupportRequest', 'q')
        .innerJoin('Staff', 's', 's.id = q.requesterId')
        .leftJoin('Staff', 'tl', 'tl.id = s.teamLeaderId')
        .leftJoin('Jobcentre', 'j', 'j.id = s.jobcentreId')
        .where('q.deaId IN (:...ids)', { ids })
        .andWhere('((q.createdAt >= :from AND q.createdAt < :to) OR (q.requiredBy >= :start AND q.requiredBy < :end))', { from, to, start: londonDay(from), end: londonDay(to) })
        .getRawMany<Record<string, unknown>>();
      return rows.map((r) => ({
        type: String(r.type),
        channel: r.channel === null || r.channel === undefined ? null : String(r.channel),
        status: String(r.status),
        coach: String(r.coach),
        team: r.team === null || r.team === undefined ? 'No team leader' : String(r.team),
        jobcentre: r.jobcentre === null || r.jobcentre === undefined ? 'No jobcentre' : String(r.jobcentre),
        requiredBy: r.requiredBy === null || r.requiredBy === undefined ? null : String(r.requiredBy),
        createdAt: rawDate(r.createdAt),
        answeredAt: rawDateOrNull(r.answeredAt),
        acceptedAt: rawDateOrNull(r.acceptedAt),
        bookedAt: rawDateOrNull(r.bookedAt),
      }));
    });
  }

  async requestTimes(deaIds: readonly string[], from: Date, to: Date): Promise<Date[]> {
    return inChunks(deaIds.map((d) => d.toLowerCase()), async (ids) => {
      const rows = await this.qb().select('q.createdAt', 'createdAt').from('SupportRequest', 'q').where('q.deaId IN (:...ids) AND q.createdAt >= :from AND q.createdAt < :to', { ids, from, to }).getRawMany<{ createdAt: unknown }>();
      return rows.map((r) => rawDate(r.createdAt));
    });
  }

  async interventionsPerClaimant(deaIds: readonly string[], from: Date, to: Date): Promise<number[]> {
    return inChunks(deaIds.map((d) => d.toLowerCase()), async (ids) => {
      // Only the count of each group leaves the database, never the National Insurance number.
      const rows = await this.qb()
        .select('COUNT(*)', 'n')
        .from('SupportRequest', 'q')
        .innerJoin('Claimant', 'c', 'c.id = q.claimantId')
        .where("q.channel = 'claimant_support_intervention' AND q.status NOT IN ('withdrawn', 'redirected') AND q.deaId IN (:...ids)", { ids })
        .andWhere(
          "c.nino IN (SELECT c2.nino FROM support_request q2 INNER JOIN claimant c2 ON c2.id = q2.claimantId WHERE q2.channel = 'claimant_support_intervention' AND q2.status NOT IN ('withdrawn', 'redirected') AND q2.deaId IN (:...ids) AND q2.createdAt >= :from AND q2.createdAt < :to)",
          { ids, from, to },
        )
        .groupBy('c.nino')
        .getRawMany<{ n: number | string }>();
      return rows.map((r) => Number(r.n));
    });
  }

  async groupConferences(deaIds: readonly string[], from: Date, to: Date): Promise<ConferenceFact[]> {
    return inChunks(deaIds.map((d) => d.toLowerCase()), async (ids) => {
      const rows = await this.qb()
        .select('g.status', 'status')
        .addSelect('(SELECT COUNT(*) FROM conference_case k WHERE k.conferenceId = g.id)', 'cases')
        .from('GroupConference', 'g')
        .innerJoin('ConferencePlan', 'p', 'p.id = g.planId')
        .where('p.deaId IN (:...ids) AND g.startsAt >= :from AND g.startsAt < :to', { ids, from, to })
        .getRawMany<{ status: string; cases: number | string }>();
      return rows.map((r) => ({ status: r.status, cases: Number(r.cases) }));
    });
  }

  async qasResults(deaIds: readonly string[], from: Date, to: Date): Promise<QasFact[]> {
    return inChunks(deaIds.map((d) => d.toLowerCase()), async (ids) => {
      const checks = await this.qb()
        .select('k.standard', 'standard')
        .addSelect('k.result', 'result')
        .from('QualityCheck', 'k')
        .innerJoin('SupportRequest', 'q', 'q.id = k.requestId')
        .where('q.deaId IN (:...ids) AND k.result IS NOT NULL AND k.recordedAt >= :from AND k.recordedAt < :to', { ids, from, to })
        .getRawMany<QasFact>();
      const groups = await this.qb()
        .select('k.result', 'result')
        .from('ConferenceQas', 'k')
        .innerJoin('ConferencePlan', 'p', 'p.id = k.planId')
        .where('p.deaId IN (:...ids) AND k.createdAt >= :from AND k.createdAt < :to', { ids, from, to })
        .getRawMany<{ result: string }>();
      return [...checks.map((c) => ({ standard: c.standard, result: c.result })), ...groups.map((g) => ({ standard: 'group', result: g.result }))];
    });
  }

  /** Supporting activity the HCPs recorded as done, by kind (the dates are London dates). */
  async supportingActivity(district: string | null, from: Date, to: Date): Promise<LabelledCount[]> {
    const q = this.qb()
      .select('a.kind', 'kind')
      .addSelect('COUNT(*)', 'n')
      .from('HcpActivity', 'a')
      .where("a.status = 'done' AND a.date >= :start AND a.date < :end", { start: londonDay(from), end: londonDay(to) })
      .groupBy('a.kind');
    if (district !== null) q.andWhere('a.district = :district', { district });
    const counts = new Map((await q.getRawMany<{ kind: string; n: number | string }>()).map((r) => [r.kind, Number(r.n)]));
    return (Object.keys(ACTIVITY_KIND_LABELS) as ActivityKind[]).map((k) => ({ label: ACTIVITY_KIND_LABELS[k], count: counts.get(k) ?? 0 }));
  }

  async attendance(district: string | null, from: Date, to: Date): Promise<AttendanceFact[]> {
    const q = this.qb()
      .select('s.name', 'hcp')
      .addSelect('h.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .from('HcpAttendance', 'h')
      .innerJoin('Staff', 's', 's.id = h.hcpId')
      .where('h.date >= :start AND h.date < :end', { start: londonDay(from), end: londonDay(to) })
      .groupBy('s.name')
      .addGroupBy('h.status');
    if (district !== null) q.andWhere('h.district = :district', { district });
    const byHcp = new Map<string, { hcp: string; onTime: number; late: number; absent: number }>();
    for (const r of await q.getRawMany<{ hcp: string; status: string; n: number | string }>()) {
      const row = byHcp.get(r.hcp) ?? { hcp: r.hcp, onTime: 0, late: 0, absent: 0 };
      if (r.status === 'on_time') row.onTime += Number(r.n);
      else if (r.status === 'late') row.late += Number(r.n);
      else if (r.status === 'absent') row.absent += Number(r.n);
      byHcp.set(r.hcp, row);
    }
    return [...byHcp.values()].sort((a, b) => compareNames(a.hcp, b.hcp));
  }

  supplierResponses(district: string | null, from: Date, to: Date): Promise<SupplierRequestFact[]> {
    return this.supplierRequests(['provision', 'replacement'], district, from, to);
  }

  informationRequests(district: string | null, from: Date, to: Date): Promise<SupplierRequestFact[]> {
    return this.supplierRequests(['ad_hoc_information'], district, from, to);
  }

  private async supplierRequests(kinds: readonly string[], district: string | null, from: Date, to: Date): Promise<SupplierRequestFact[]> {
    const q = this.qb()
      .select('r.status', 'status')
      .addSelect('r.dueOn', 'dueOn')
      .addSelect('r.raisedAt', 'raisedAt')
      .addSelect('r.answeredAt', 'answeredAt')
      .addSelect('r.coverOn', 'coverOn')
      .from('SupplierRequest', 'r')
      .where('r.kind IN (:...kinds) AND r.raisedAt >= :from AND r.raisedAt < :to', { kinds: [...kinds], from, to });
    if (district !== null) q.andWhere('r.district = :district', { district });
    const rows = await q.getRawMany<{ status: string; dueOn: string; raisedAt: unknown; answeredAt: unknown; coverOn: string | null }>();
    return rows.map((r) => ({ status: r.status as SupplierRequestStatus, dueOn: r.dueOn, raisedAt: rawDate(r.raisedAt), answeredAt: rawDateOrNull(r.answeredAt), coverOn: r.coverOn ?? null }));
  }

  /**
   * Retention cases by route and outcome through the retention store's one read, for the
   * jobcentres of the reach: a cohort's are the DEA's own and their work coaches'.
   */
  async retentionOutcomes(reach: RetentionReach, from: Date, to: Date): Promise<RouteOutcomeCount[]> {
    const jobcentreIds = 'deaIds' in reach ? await this.cohortJobcentres(reach.deaIds) : reach.district === null ? null : await this.districtJobcentres(reach.district);
    return new SqlRetentionCaseStore(this.dataSource).outcomesByRoute({ from, to, jobcentreIds });
  }

  private async cohortJobcentres(deaIds: readonly string[]): Promise<string[]> {
    const found = await inChunks(deaIds.map((d) => d.toLowerCase()), async (ids) => {
      const rows = await this.qb()
        .select('DISTINCT s.jobcentreId', 'jobcentreId')
        .from('Staff', 's')
        .where('(s.id IN (:...ids) OR s.deaId IN (:...ids)) AND s.jobcentreId IS NOT NULL', { ids })
        .getRawMany<{ jobcentreId: string }>();
      return rows.map((r) => r.jobcentreId.toLowerCase());
      // The ids are sent twice, so half a chunk keeps the statement under SQL Server's parameter limit.
    }, MAX_LIST_PARAMETERS / 2);
    return [...new Set(found)];
  }

  private async districtJobcentres(district: string): Promise<string[]> {
    const rows = await this.qb().select('j.id', 'id').from('Jobcentre', 'j').where('j.district = :district', { district }).getRawMany<{ id: string }>();
    return rows.map((r) => r.id.toLowerCase());
  }
}
