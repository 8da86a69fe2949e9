import type { DataSource, Repository } from 'typeorm';
import type { ConversationPaceRow } from '../schema/messaging';
import { isUniqueViolation } from '../unique-violation';
import { hashKey } from './hash-key';
import { PreparedFind, PreparedInsert, PreparedUpdate } from '../prepared';

/**
 * Teams lets a bot send about 7 messages a second and 60 in 30 seconds to one conversation. Every
 * instance sends through this pace, kept in SQL, so together they stay inside those limits.
 *
 * It is a generic cell-rate algorithm: a conversation's row holds the time its pace has reached
 * (`nextAt`); a send may go when that is at most `burstMs` ahead of now, and moves it on by
 * `spacingMs`. In any window of W ms at most 1 + (W + burstMs) / spacingMs sends go: with 550 ms
 * and 2,200 ms, that is 6 in a second and 59 in 30 seconds, and up to 5 at once after a pause.
 * Each step is a compare-and-set on a version, so two instances never take the same slot.
 */
export class ConversationPace {
  /** Conversations whose row this process has seen: for the others, the row is most likely new. */
  private readonly known = new Set<string>();

  // Taken before every message sent: the statements are written once.
  private readonly byId: PreparedFind<ConversationPaceRow>;
  private readonly movedOn: PreparedUpdate<ConversationPaceRow>;
  private readonly made: PreparedInsert<ConversationPaceRow>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly spacingMs = 550,
    private readonly burstMs = 2_200,
  ) {
    this.byId = new PreparedFind<ConversationPaceRow>(dataSource, 'ConversationPace', (q) => q.where('e.id = :id'));
    this.movedOn = new PreparedUpdate<ConversationPaceRow>(dataSource, 'ConversationPace', ['nextAt', 'version'], 'id = :id AND version = :version');
    this.made = new PreparedInsert<ConversationPaceRow>(dataSource, 'ConversationPace', ['id', 'nextAt', 'version']);
  }

  private get rows(): Repository<ConversationPaceRow> {
    return this.dataSource.getRepository<ConversationPaceRow>('ConversationPace');
  }

  /** Takes a slot to send to the conversation now; otherwise, when one could be taken. */
  async reserve(conversationId: string, now: Date): Promise<{ readonly granted: true } | { readonly granted: false; readonly notBefore: Date }> {
    const id = hashKey(conversationId);
    if (!this.known.has(id)) {
      // A first send here: one statement when the row is new, as it usually is.
      if (this.known.size >= 10_000) this.known.clear();
      this.known.add(id);
      if (await this.created(id, new Date(now.getTime() + this.spacingMs))) return { granted: true };
    }
    for (let tries = 0; tries < 5; tries++) {
      const row = await this.byId.one({ id });
      if (!row) {
        if (await this.created(id, new Date(now.getTime() + this.spacingMs))) return { granted: true };
        continue; // another instance made the row: read it
      }
      const reached = Math.max(new Date(row.nextAt).getTime(), now.getTime());
      if (reached - now.getTime() > this.burstMs) return { granted: false, notBefore: new Date(reached - this.burstMs) };
      if ((await this.movedOn.run({ nextAt: new Date(reached + this.spacingMs), version: row.version + 1 }, { id, version: row.version }, this.dataSource.manager)) === 1) return { granted: true };
    }
    // Contended: another instance is sending to this conversation right now.
    return { granted: false, notBefore: new Date(now.getTime() + this.spacingMs) };
  }

  /** Makes the conversation's row; false when it is there already. */
  private async created(id: string, nextAt: Date): Promise<boolean> {
    try {
      await this.made.insert([{ id, nextAt, version: 1 }], this.dataSource.manager);
      return true;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return false;
    }
  }

  /** Teams said to wait (429 with Retry-After): nothing more goes to the conversation before `until`. */
  async holdUntil(conversationId: string, until: Date): Promise<void> {
    const id = hashKey(conversationId);
    const nextAt = new Date(until.getTime() + this.burstMs);
    const row = await this.rows.findOne({ where: { id } });
    if (!row) {
      await this.created(id, nextAt);
      return;
    }
    if (new Date(row.nextAt).getTime() >= nextAt.getTime()) return;
    // Losing this race only means another send moved the pace on meanwhile: the hold is a courtesy.
    await this.rows.update({ id, version: row.version }, { nextAt, version: row.version + 1 });
  }
}
