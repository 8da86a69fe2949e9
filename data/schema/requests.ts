import { EntitySchema } from 'typeorm';
import { dialectTypes, manyToOne, type SqlDialect } from './dialect';
import { NINO } from './case-folded';

/** The minimum kept about a claimant (special category data): surname, NINO, benefits. */
export interface ClaimantRow {
  id: string;
  surname: string;
  nino: string;
  /** Comma-separated benefit codes. */
  benefits: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface SupportRequestRow {
  id: string;
  number: number;
  /** Makes a repeated "Send" (a double click, a re-sent activity) find the request it already made. */
  submissionKey: string;
  type: string;
  status: string;
  version: number;
  requesterId: string;
  deaId: string;
  claimantId: string | null;
  topic: string | null;
  description: string;
  reason: string | null;
  requiredBy: string | null;
  urgent: boolean;
  vulnerability: string | null;
  channel: string | null;
  inappropriate: boolean | null;
  meetingBooked: boolean;
  meetingStartsAt: Date | null;
  meetingEndsAt: Date | null;
  deaTeamLeaderId: string | null;
  requesterTeamLeaderId: string | null;
  parentRequestId: string | null;
  requestedChannel: string | null;
  claimantCoachId: string | null;
  createdAt: Date;
  updatedAt: Date;
  requester?: unknown;
  dea?: unknown;
  claimant?: ClaimantRow;
  messages?: RequestMessageRow[];
}

export interface RequestMessageRow {
  id: string;
  requestId: string;
  at: Date;
  authorId: string;
  kind: string;
  body: string;
  summary: string | null;
  expectedReturn: string | null;
  request?: SupportRequestRow;
}

/** A trend reported to a team leader, kept so each is reported once (seed §12). */
export interface TrendAlertRow {
  id: string;
  trendKey: string;
  kind: string;
  teamLeaderId: string;
  coachIds: string;
  topic: string | null;
  count: number;
  windowDays: number;
  createdAt: Date;
}

/** The audit trail: who did what to a request, when, from which status to which. */
export interface RequestEventRow {
  id: string;
  requestId: string;
  at: Date;
  actorId: string | null;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  request?: SupportRequestRow;
}

export function claimantSchema(dialect: SqlDialect): EntitySchema<ClaimantRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<ClaimantRow>({
    name: 'Claimant',
    tableName: 'claimant',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      surname: { type: 'nvarchar', length: 100 },
      nino: { type: 'varchar', length: 9, transformer: NINO },
      benefits: { type: 'varchar', length: 100 },
      createdAt: { ...t.timestamp },
      updatedAt: { ...t.timestamp },
    },
    // One row per request: what the coach entered then, never overwritten by a later request.
    indices: [{ name: 'IDX_claimant_nino', columns: ['nino'] }],
  });
}

export function supportRequestSchema(dialect: SqlDialect): EntitySchema<SupportRequestRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<SupportRequestRow>({
    name: 'SupportRequest',
    tableName: 'support_request',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      number: { ...t.integer },
      submissionKey: { type: 'varchar', length: 64 },
      type: { type: 'varchar', length: 32 },
      status: { type: 'varchar', length: 32 },
      version: { ...t.integer },
      requesterId: { type: 'varchar', length: 36 },
      deaId: { type: 'varchar', length: 36 },
      claimantId: { type: 'varchar', length: 36, nullable: true },
      topic: { type: 'varchar', length: 40, nullable: true },
      description: { ...t.longText },
      reason: { type: 'nvarchar', length: 1000, nullable: true },
      requiredBy: { type: 'varchar', length: 10, nullable: true },
      urgent: { ...t.boolean },
      vulnerability: { type: 'varchar', length: 32, nullable: true },
      createdAt: { ...t.timestamp },
      updatedAt: { ...t.timestamp },
      channel: { type: 'varchar', length: 40, nullable: true },
      inappropriate: { ...t.boolean, nullable: true },
      parentRequestId: { type: 'varchar', length: 36, nullable: true },
      requestedChannel: { type: 'varchar', length: 40, nullable: true },
      claimantCoachId: { type: 'varchar', length: 36, nullable: true },
      // Kept by the database's triggers on booking (migrations 1765100000000, 1765950000000): never written here.
      // 1 while a booking's meeting takes place, booked or being moved (the domain's MET_STATUSES).
      meetingBooked: { ...t.boolean, default: false, insert: false, update: false },
      // When that meeting starts and ends, booked or being moved, kept likewise (migrations 1765300000000, 1765970000000); read by the meetings list only.
      meetingStartsAt: { ...t.timestamp, nullable: true, insert: false, update: false, select: false },
      meetingEndsAt: { ...t.timestamp, nullable: true, insert: false, update: false, select: false },
      // The team leaders of the DEA and of the work coach who asked, kept likewise by triggers on the
      // request and on staff (migration 1766000000000); read by the quality checks list only.
      deaTeamLeaderId: { type: 'varchar', length: 36, nullable: true, insert: false, update: false, select: false },
      requesterTeamLeaderId: { type: 'varchar', length: 36, nullable: true, insert: false, update: false, select: false },
    },
    uniques: [
      { name: 'UQ_support_request_number', columns: ['number'] },
      { name: 'UQ_support_request_submission', columns: ['submissionKey'] },
    ],
    indices: [
      { name: 'IDX_support_request_requester', columns: ['requesterId', 'createdAt'] },
      { name: 'IDX_support_request_dea', columns: ['deaId', 'status'] },
      { name: 'IDX_support_request_dea_list', columns: ['deaId', 'status', 'channel', 'urgent', 'requiredBy', 'createdAt', 'updatedAt', 'number', 'id'] },
      { name: 'IDX_support_request_leader_checks', columns: ['deaTeamLeaderId', 'meetingBooked', 'updatedAt', 'number', 'status', 'channel', 'id'] },
      { name: 'IDX_support_request_coach_leader_checks', columns: ['requesterTeamLeaderId', 'meetingBooked', 'updatedAt', 'number', 'status', 'channel', 'deaTeamLeaderId', 'id'] },
      { name: 'IDX_support_request_meetings', columns: ['deaId', 'status', 'meetingStartsAt', 'number', 'id'] },
      // Written by its migration (1765200000000) in SQLite only: an expression and a filter, which an
      // entity cannot declare; declared here so that the schema is not taken to have drifted.
      { name: 'IDX_support_request_queue', columns: ['deaId', 'urgent', 'requiredBy', 'createdAt', 'number', 'id'], synchronize: false },
    ],
    relations: {
      requester: manyToOne('Staff', 'requesterId', 'FK_support_request_requester'),
      dea: manyToOne('Staff', 'deaId', 'FK_support_request_dea'),
      claimant: manyToOne('Claimant', 'claimantId', 'FK_support_request_claimant'),
      messages: { type: 'one-to-many', target: 'RequestMessage', inverseSide: 'request' },
    },
  });
}

export function requestEventSchema(dialect: SqlDialect): EntitySchema<RequestEventRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<RequestEventRow>({
    name: 'RequestEvent',
    tableName: 'request_event',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      requestId: { type: 'varchar', length: 36 },
      at: { ...t.timestamp },
      actorId: { type: 'varchar', length: 36, nullable: true },
      action: { type: 'varchar', length: 40 },
      fromStatus: { type: 'varchar', length: 32, nullable: true },
      toStatus: { type: 'varchar', length: 32 },
    },
    indices: [{ name: 'IDX_request_event_request', columns: ['requestId', 'at'] }],
    relations: { request: manyToOne('SupportRequest', 'requestId', 'FK_request_event_request') },
  });
}

export function requestMessageSchema(dialect: SqlDialect): EntitySchema<RequestMessageRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<RequestMessageRow>({
    name: 'RequestMessage',
    tableName: 'request_message',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      requestId: { type: 'varchar', length: 36 },
      at: { ...t.timestamp },
      authorId: { type: 'varchar', length: 36 },
      kind: { type: 'varchar', length: 20 },
      body: { ...t.longText },
      summary: { type: 'nvarchar', length: 1000, nullable: true },
      expectedReturn: { type: 'varchar', length: 10, nullable: true },
    },
    indices: [{ name: 'IDX_request_message_request', columns: ['requestId', 'at'] }],
    relations: { request: { ...manyToOne('SupportRequest', 'requestId', 'FK_request_message_request'), inverseSide: 'messages' } },
  });
}

export function trendAlertSchema(dialect: SqlDialect): EntitySchema<TrendAlertRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<TrendAlertRow>({
    name: 'TrendAlert',
    tableName: 'trend_alert',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      trendKey: { type: 'varchar', length: 64 },
      kind: { type: 'varchar', length: 30 },
      teamLeaderId: { type: 'varchar', length: 36 },
      coachIds: { type: 'varchar', length: 1200 },
      topic: { type: 'varchar', length: 40, nullable: true },
      count: { ...t.integer },
      windowDays: { ...t.integer },
      createdAt: { ...t.timestamp },
    },
    uniques: [{ name: 'UQ_trend_alert_key', columns: ['trendKey'] }],
  });
}
