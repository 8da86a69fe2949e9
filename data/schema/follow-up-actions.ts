import { EntitySchema } from 'typeorm';
import { dialectTypes, manyToOne, type SqlDialect } from './dialect';

/** A work psychologist, employer adviser or Third Party Provision manager action an outcome started. */
export interface FollowUpActionRow {
  id: string;
  requestId: string;
  requestReference: string;
  kind: string;
  /** '' for the request's own outcome; see FollowUpAction.source. */
  source: string;
  jobcentreId: string | null;
  requesterId: string;
  deaId: string;
  assigneeId: string | null;
  status: string;
  createdById: string;
  createdAt: Date;
  dueBy: Date;
  assignedAt: Date | null;
  acceptedAt: Date | null;
  doneAt: Date | null;
  doneNote: string | null;
  version: number;
  request?: unknown;
}

export function followUpActionSchema(dialect: SqlDialect): EntitySchema<FollowUpActionRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<FollowUpActionRow>({
    name: 'FollowUpAction',
    tableName: 'follow_up_action',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      requestId: { type: 'varchar', length: 36 },
      requestReference: { type: 'varchar', length: 20 },
      kind: { type: 'varchar', length: 30 },
      source: { type: 'varchar', length: 60, default: '' },
      jobcentreId: { type: 'varchar', length: 36, nullable: true },
      requesterId: { type: 'varchar', length: 36 },
      deaId: { type: 'varchar', length: 36 },
      assigneeId: { type: 'varchar', length: 36, nullable: true },
      status: { type: 'varchar', length: 12 },
      createdById: { type: 'varchar', length: 36 },
      createdAt: { ...t.timestamp },
      dueBy: { ...t.timestamp },
      assignedAt: { ...t.timestamp, nullable: true },
      acceptedAt: { ...t.timestamp, nullable: true },
      doneAt: { ...t.timestamp, nullable: true },
      doneNote: { type: 'nvarchar', length: 2000, nullable: true },
      version: { ...t.integer },
    },
    uniques: [{ name: 'UQ_follow_up_action_source', columns: ['requestId', 'kind', 'source'] }],
    indices: [
      { name: 'IDX_follow_up_action_assignee', columns: ['assigneeId'] },
      { name: 'IDX_follow_up_action_dea', columns: ['deaId'] },
      { name: 'IDX_follow_up_action_requester', columns: ['requesterId'] },
      { name: 'IDX_follow_up_action_due', columns: ['status', 'dueBy'] },
    ],
    relations: { request: manyToOne('SupportRequest', 'requestId', 'FK_follow_up_action_request') },
  });
}
