import { EntitySchema } from 'typeorm';
import { dialectTypes, manyToOne, type SqlDialect } from './dialect';

/** The claimant's consent to a three way or a claimant support intervention. */
export interface ConsentRecordRow {
  id: string;
  requestId: string;
  purpose: string;
  conditionality: string;
  /** Comma-separated codes of what was explained or confirmed. */
  statements: string;
  answer: string;
  /** Comma-separated half days, e.g. 'monday-am'. */
  availability: string;
  letterFormat: string;
  capturedById: string;
  capturedAt: Date;
  request?: unknown;
}

/** A team leader asked to agree an intervention beyond the limit of three (seed §36). */
export interface InterventionOverrideRow {
  id: string;
  requestId: string;
  reason: string;
  askedById: string;
  askedAt: Date;
  teamLeaderId: string;
  decision: string;
  decidedAt: Date | null;
  note: string | null;
  priorCount: number;
  request?: unknown;
}

/** The outcome of a meeting, or the DEA's summary of its outputs. */
export interface MeetingRecordRow {
  id: string;
  requestId: string;
  kind: string;
  authorId: string;
  at: Date;
  body: string;
  nextSteps: string;
  sentToId: string | null;
  request?: unknown;
}

/** A QAS check of a meeting (seed §69). */
export interface QualityCheckRow {
  id: string;
  requestId: string;
  standard: string;
  checkerId: string;
  markedAt: Date;
  result: string | null;
  notes: string | null;
  recordedAt: Date | null;
  request?: unknown;
}

export function consentRecordSchema(dialect: SqlDialect): EntitySchema<ConsentRecordRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<ConsentRecordRow>({
    name: 'ConsentRecord',
    tableName: 'consent_record',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      requestId: { type: 'varchar', length: 36 },
      purpose: { type: 'varchar', length: 40 },
      conditionality: { type: 'varchar', length: 12 },
      statements: { type: 'varchar', length: 400 },
      answer: { type: 'varchar', length: 10 },
      availability: { type: 'varchar', length: 200 },
      letterFormat: { type: 'varchar', length: 12 },
      capturedById: { type: 'varchar', length: 36 },
      capturedAt: { ...t.timestamp },
    },
    uniques: [{ name: 'UQ_consent_record_request', columns: ['requestId', 'purpose'] }],
    relations: { request: manyToOne('SupportRequest', 'requestId', 'FK_consent_record_request') },
  });
}

export function interventionOverrideSchema(dialect: SqlDialect): EntitySchema<InterventionOverrideRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<InterventionOverrideRow>({
    name: 'InterventionOverride',
    tableName: 'intervention_override',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      requestId: { type: 'varchar', length: 36 },
      reason: { type: 'nvarchar', length: 1000 },
      askedById: { type: 'varchar', length: 36 },
      askedAt: { ...t.timestamp },
      teamLeaderId: { type: 'varchar', length: 36 },
      decision: { type: 'varchar', length: 10 },
      decidedAt: { ...t.timestamp, nullable: true },
      note: { type: 'nvarchar', length: 1000, nullable: true },
      priorCount: { ...t.integer },
    },
    indices: [{ name: 'IDX_intervention_override_request', columns: ['requestId'] }],
    relations: { request: manyToOne('SupportRequest', 'requestId', 'FK_intervention_override_request') },
  });
}

export function meetingRecordSchema(dialect: SqlDialect): EntitySchema<MeetingRecordRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<MeetingRecordRow>({
    name: 'MeetingRecord',
    tableName: 'meeting_record',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      requestId: { type: 'varchar', length: 36 },
      kind: { type: 'varchar', length: 10 },
      authorId: { type: 'varchar', length: 36 },
      at: { ...t.timestamp },
      body: { ...t.longText },
      nextSteps: { type: 'varchar', length: 400 },
      sentToId: { type: 'varchar', length: 36, nullable: true },
    },
    uniques: [{ name: 'UQ_meeting_record_kind', columns: ['requestId', 'kind'] }],
    relations: { request: manyToOne('SupportRequest', 'requestId', 'FK_meeting_record_request') },
  });
}

export function qualityCheckSchema(dialect: SqlDialect): EntitySchema<QualityCheckRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<QualityCheckRow>({
    name: 'QualityCheck',
    tableName: 'quality_check',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      requestId: { type: 'varchar', length: 36 },
      standard: { type: 'varchar', length: 10 },
      checkerId: { type: 'varchar', length: 36 },
      markedAt: { ...t.timestamp },
      result: { type: 'varchar', length: 12, nullable: true },
      notes: { type: 'nvarchar', length: 2000, nullable: true },
      recordedAt: { ...t.timestamp, nullable: true },
    },
    uniques: [{ name: 'UQ_quality_check_request', columns: ['requestId'] }],
    relations: { request: manyToOne('SupportRequest', 'requestId', 'FK_quality_check_request') },
  });
}
