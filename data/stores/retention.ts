import { IsNull, LessThan, type DataSource } from 'typeorm';
import type { BotStateRow, ConversationReferenceRow } from '../schema/platform';
import type { JobRunRow } from '../schema/conferences';
import type { WorkItemRow } from '../schema/work';

/** How long rows that only serve the running bot are kept, in days. */
export interface RetentionRules {
  /** Conversation state untouched this long: an abandoned draft, which may hold claimant details. */
  readonly botStateDays: number;
  /** A chat nobody has written in for this long is forgotten (the person is remembered again when they next write). */
  readonly conversationReferenceDays: number;
  /** Finished runs of periodic jobs, and durable work done (or given up) this long ago. */
  readonly jobRunDays: number;
}

export interface Pruned {
  readonly botState: number;
  readonly conversationReferences: number;
  readonly jobRuns: number;
  readonly workItems: number;
}

const DAY_MS = 86_400_000;

/** Deletes what has outlived its use, so no table grows for ever. */
export async function pruneStaleRows(dataSource: DataSource, rules: RetentionRules, now: Date): Promise<Pruned> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const botState = await dataSource.getRepository<BotStateRow>('BotState').delete({ updatedAt: LessThan(before(rules.botStateDays)) });
  const conversationReferences = await dataSource.getRepository<ConversationReferenceRow>('ConversationReference').delete({ updatedAt: LessThan(before(rules.conversationReferenceDays)) });
  const jobRuns = await dataSource.getRepository<JobRunRow>('JobRun').delete({ completedAt: LessThan(before(rules.jobRunDays)) });
  const workItems = await dataSource.getRepository<WorkItemRow>('WorkItem').delete({ dueAt: IsNull(), updatedAt: LessThan(before(rules.jobRunDays)) });
  return { botState: botState.affected ?? 0, conversationReferences: conversationReferences.affected ?? 0, jobRuns: jobRuns.affected ?? 0, workItems: workItems.affected ?? 0 };
}
