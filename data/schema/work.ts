import { EntitySchema } from 'typeorm';
import { dialectTypes, type SqlDialect } from './dialect';

/**
 * Work to finish after a person has had their answer (writing diaries, booking a plan), one row per
 * subject: due while `dueAt` is set, run under a lease by one instance at a time. A change made
 * while it runs moves `generation` on, so the work is run again rather than marked done.
 */
export interface WorkItemRow {
  /** `${kind}:${subjectId}`. */
  id: string;
  kind: string;
  subjectId: string;
  /** When it is to run next; null once done (or given up). */
  dueAt: Date | null;
  leaseUntil: Date | null;
  generation: number;
  /** Runs since it was last asked for. */
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function workItemSchema(dialect: SqlDialect): EntitySchema<WorkItemRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<WorkItemRow>({
    name: 'WorkItem',
    tableName: 'work_item',
    columns: {
      id: { type: 'varchar', length: 120, primary: true },
      kind: { type: 'varchar', length: 40 },
      subjectId: { type: 'varchar', length: 64 },
      dueAt: { ...t.timestamp, nullable: true },
      leaseUntil: { ...t.timestamp, nullable: true },
      generation: { ...t.integer },
      attempts: { ...t.integer },
      lastError: { type: 'nvarchar', length: 400, nullable: true },
      createdAt: { ...t.timestamp },
      updatedAt: { ...t.timestamp },
    },
    indices: [{ name: 'IDX_work_item_due', columns: ['dueAt'] }],
  });
}
