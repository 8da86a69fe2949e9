import { EntitySchema } from 'typeorm';
import { dialectTypes, manyToOne, type SqlDialect } from './dialect';

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
  createdAt: Date;
  updatedAt: Date;
  requester?: unknown;
  dea?: unknown;
  claimant?: ClaimantRow;
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
      nino: { type: 'varchar', length: 9 },
      benefits: { type: 'varchar', length: 100 },
      createdAt: { ...t.timestamp },
      updatedAt: { ...t.timestamp },
    },
    uniques: [{ name: 'UQ_claimant_nino', columns: ['nino'] }],
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
    },
    uniques: [{ name: 'UQ_support_request_number', columns: ['number'] }],
    indices: [
      { name: 'IDX_support_request_requester', columns: ['requesterId', 'createdAt'] },
      { name: 'IDX_support_request_dea', columns: ['deaId', 'status'] },
    ],
    relations: {
      requester: manyToOne('Staff', 'requesterId', 'FK_support_request_requester'),
      dea: manyToOne('Staff', 'deaId', 'FK_support_request_dea'),
      claimant: manyToOne('Claimant', 'claimantId', 'FK_support_request_claimant'),
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
