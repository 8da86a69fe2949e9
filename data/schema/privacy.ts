import { EntitySchema } from 'typeorm';
import { dialectTypes, type SqlDialect } from './dialect';

/**
 * What was done under data protection law: an erasure, a subject access request, a retention run.
 * Holds no NINO, surname or free text: only the case references it touched and how many rows.
 */
export interface PrivacyRecordRow {
  id: string;
  /** 'erasure' | 'subject_access' | 'retention' */
  kind: string;
  /** Null for the daily retention job. */
  requestedById: string | null;
  at: Date;
  /** Subject access: when the answer is due (one calendar month; HCP material five working days). */
  dueAt: Date | null;
  hcpDueAt: Date | null;
  completedAt: Date | null;
  /** Comma-separated case references (DEA-000123, SA-000045). */
  cases: string;
  /** JSON: rows changed or found, by table. */
  counts: string;
}

/** One showing of a claimant's case to a person: who, when, which case, in what capacity. */
export interface AccessLogRow {
  id: string;
  at: Date;
  staffId: string;
  /** 'request' | 'advice' */
  caseKind: string;
  caseId: string;
  /** How the person is connected to the case: requester, adviser, team leader, data protection lead… */
  relationship: string;
  /** 'card' | 'list' | 'export' */
  shown: string;
}

export function privacyRecordSchema(dialect: SqlDialect): EntitySchema<PrivacyRecordRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<PrivacyRecordRow>({
    name: 'PrivacyRecord',
    tableName: 'privacy_record',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      kind: { type: 'varchar', length: 20 },
      requestedById: { type: 'varchar', length: 36, nullable: true },
      at: { ...t.timestamp },
      dueAt: { ...t.timestamp, nullable: true },
      hcpDueAt: { ...t.timestamp, nullable: true },
      completedAt: { ...t.timestamp, nullable: true },
      cases: { ...t.longText },
      counts: { ...t.longText },
    },
    indices: [{ name: 'IDX_privacy_record_kind', columns: ['kind', 'at'] }],
  });
}

export function accessLogSchema(dialect: SqlDialect): EntitySchema<AccessLogRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<AccessLogRow>({
    name: 'AccessLog',
    tableName: 'access_log',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      at: { ...t.timestamp },
      staffId: { type: 'varchar', length: 36 },
      caseKind: { type: 'varchar', length: 20 },
      caseId: { type: 'varchar', length: 36 },
      relationship: { type: 'varchar', length: 40 },
      shown: { type: 'varchar', length: 20 },
    },
    indices: [
      { name: 'IDX_access_log_case', columns: ['caseId', 'at'] },
      { name: 'IDX_access_log_at', columns: ['at'] },
    ],
  });
}
