import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { v7 as uuidV7 } from 'uuid';
import type { AccessLogRow, PrivacyRecordRow } from '../schema/privacy';
import { PreparedInsert } from '../prepared';
import { rawDate } from '../raw-date';

export type PrivacyKind = 'erasure' | 'subject_access' | 'retention';

export interface PrivacyRecord {
  readonly kind: PrivacyKind;
  readonly requestedById: string | null;
  readonly at: Date;
  readonly dueAt?: Date | null;
  readonly hcpDueAt?: Date | null;
  readonly completedAt?: Date | null;
  readonly cases: readonly string[];
  readonly counts: Readonly<Record<string, number>>;
}

/** One showing of a case to a person. */
export interface AccessEntry {
  readonly at: Date;
  readonly staffId: string;
  /**
   * A support request, a Specialist Advice conversation, a retention case (each by its id), or an
   * HCP activity about a case, an HCP's weekly note naming cases, or a case conference asked of the
   * work psychologist: these name the case by its reference only (so caseId holds the reference).
   */
  readonly caseKind: 'request' | 'advice' | 'retention' | 'hcp activity' | 'hcp weekly note' | 'work psychologist';
  readonly caseId: string;
  readonly relationship: string;
  readonly shown: 'card' | 'list' | 'export';
}

/** Who looked at a case, newest first. */
export interface AccessSeen extends AccessEntry {
  readonly staffName: string;
}

/** The record of what was done under data protection law, and the log of who saw which case. */
export class PrivacyLog {
  /** Written on every turn that shows a case: the statement is written once for each number of rows. */
  private readonly accessRows: PreparedInsert<AccessLogRow>;

  constructor(private readonly dataSource: DataSource) {
    this.accessRows = new PreparedInsert<AccessLogRow>(dataSource, 'AccessLog', ['id', 'at', 'staffId', 'caseKind', 'caseId', 'relationship', 'shown']);
  }

  async record(r: PrivacyRecord): Promise<string> {
    const id = randomUUID();
    await this.dataSource.getRepository<PrivacyRecordRow>('PrivacyRecord').insert({
      id,
      kind: r.kind,
      requestedById: r.requestedById,
      at: r.at,
      dueAt: r.dueAt ?? null,
      hcpDueAt: r.hcpDueAt ?? null,
      completedAt: r.completedAt ?? null,
      cases: r.cases.join(','),
      counts: JSON.stringify(r.counts),
    });
    return id;
  }

  async recent(kind: PrivacyKind, limit: number): Promise<PrivacyRecord[]> {
    const rows = await this.dataSource.getRepository<PrivacyRecordRow>('PrivacyRecord').find({ where: { kind }, order: { at: 'DESC' }, take: limit });
    return rows.map((r) => ({
      kind: r.kind as PrivacyKind,
      requestedById: r.requestedById,
      at: r.at,
      dueAt: r.dueAt,
      hcpDueAt: r.hcpDueAt,
      completedAt: r.completedAt,
      cases: r.cases ? r.cases.split(',') : [],
      counts: JSON.parse(r.counts) as Record<string, number>,
    }));
  }

  /** Writes many showings in one statement (a multi-row insert, in chunks well under SQL Server's parameter limit). */
  async logAccess(entries: readonly AccessEntry[]): Promise<void> {
    for (let i = 0; i < entries.length; i += 200) {
      // Time-ordered ids: each showing goes at the end of the key's index, not at a random page of a
      // table that only grows (on SQL Server the clustered key, where random keys split pages).
      await this.accessRows.insert(entries.slice(i, i + 200).map((e) => ({ id: uuidV7(), ...e })));
    }
  }

  /** Who saw these cases, newest first, with their names. */
  async whoSaw(caseIds: readonly string[], limit = 50): Promise<AccessSeen[]> {
    if (caseIds.length === 0) return [];
    const rows = await this.dataSource
      .createQueryBuilder()
      .select(['a.at AS at', 'a.staffId AS staffId', 'a.caseKind AS caseKind', 'a.caseId AS caseId', 'a.relationship AS relationship', 'a.shown AS shown', 's.name AS staffName'])
      .from('AccessLog', 'a')
      .leftJoin('Staff', 's', 's.id = a.staffId')
      .where('a.caseId IN (:...ids)', { ids: caseIds.slice(0, 500) })
      .orderBy('a.at', 'DESC')
      .limit(limit)
      .getRawMany<AccessLogRow & { staffName: string | null; at: Date | string }>();
    return rows.map((r) => ({ ...r, at: rawDate(r.at), caseKind: r.caseKind as AccessEntry['caseKind'], shown: r.shown as AccessEntry['shown'], staffName: r.staffName ?? 'Someone no longer in the directory' }));
  }
}
