import type { DataSource } from 'typeorm';
import { PreparedFind } from '../prepared';
import type { RequestEventRow } from '../schema/requests';

/** One entry of a request's audit trail: who did what, when. */
export interface RequestEventEntry {
  readonly action: string;
  readonly actorId: string | null;
  readonly at: Date;
}

/** Steps written together with a more telling one in the same instant (an outcome then its close). */
const QUIET_ACTIONS = new Set(['close', 'book:start']);

/** Reads a request's audit trail (`request_event`) for what people are told about a change. */
export class RequestEvents {
  private readonly newest: PreparedFind<RequestEventRow>;

  constructor(dataSource: DataSource) {
    this.newest = new PreparedFind<RequestEventRow>(dataSource, 'RequestEvent', (q) => q.where('e.requestId = :requestId').orderBy('e.at', 'DESC').limit(3));
  }

  /**
   * The latest change to the request. Of several written in the same instant, the one that says the
   * most: an outcome recorded rather than the close that follows it.
   */
  async latest(requestId: string): Promise<RequestEventEntry | null> {
    const rows = await this.newest.all({ requestId });
    const first = rows[0];
    if (!first) return null;
    const sameInstant = rows.filter((r) => r.at.getTime() === first.at.getTime());
    const chosen = sameInstant.find((r) => !QUIET_ACTIONS.has(r.action)) ?? first;
    return { action: chosen.action, actorId: chosen.actorId, at: chosen.at };
  }
}
