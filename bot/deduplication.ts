import type { Middleware, TurnContext } from 'botbuilder';
import type { ProcessedActivities } from '../data/stores/processed-activities';
import type { Logger } from '../domain/ports';
import type { CrashPoints } from './core/crash-points';

/** Whether a turn only shows something (help, a list, a view, a form not yet sent): answering a re-send of it again changes nothing. */
export type OnlyShows = (context: TurnContext) => Promise<boolean>;

/**
 * Teams re-sends an activity it did not see answered in time, and has delivered the same invoke
 * twice. The first delivery is handled; a repeat within the window is acknowledged and dropped.
 *
 * A turn that changes something is claimed in SQL, so that every instance agrees and a claim
 * outlives the process. A turn that only shows something is claimed in this process alone, which
 * saves two writes on every such turn: a re-send to this instance is dropped whatever it has become
 * meanwhile, and one that reaches another instance, or comes after a restart, shows the same page
 * again. Only if the person has started a conversation in between does such a re-send, on another
 * instance, reach that conversation, as a typed answer it then asks again about.
 */
export class DeduplicationMiddleware implements Middleware {
  private readonly claimedHere = new ClaimedHere();

  constructor(
    private readonly processed: ProcessedActivities,
    private readonly logger: Logger,
    /** Crash tests only: `activity.claimed` stops the process with the claim taken and the turn not run. */
    private readonly crash?: CrashPoints,
    private readonly onlyShows?: OnlyShows,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const { id, channelId, conversation, type } = context.activity;
    // Invokes are answered with a card, so a repeat must get one too: their handlers are idempotent
    // instead (a repeated click finds the request moved on and returns it as it is now).
    if (!id || !conversation?.id || type === 'invoke') return next();
    // The bot's own proactive sends run through here too, and Teams never re-sends those.
    if (type === 'event' && context.activity.name === 'ContinueConversation') return next();
    const key = JSON.stringify([channelId, conversation.id, id]);
    const now = Date.now();
    // Taken here as a showing, it is a repeat even if the conversation has since moved on.
    const takenHere = this.claimedHere.holds(key, now);
    const inSql = !takenHere && !(this.onlyShows && (await this.onlyShows(context)));
    if (takenHere || !(inSql ? await this.processed.claim(channelId, conversation.id, id) : this.claimedHere.claim(key, now))) {
      this.logger.info({ activityId: id, activityType: type }, 'duplicate delivery ignored');
      return;
    }
    this.crash?.at('activity.claimed');
    try {
      await next();
      if (inSql) await this.processed.complete(channelId, conversation.id, id);
    } catch (error) {
      // Not handled after all: Teams' re-send of it must be handled, not dropped.
      if (inSql) await this.processed.release(channelId, conversation.id, id);
      else this.claimedHere.release(key);
      throw error;
    }
  }
}

/**
 * Teams re-sends a message it saw no answer to within about 15 s, a few times over: a showing is
 * kept that long and more. Past it, or past the bound, a re-send shows the page again, which is harmless.
 */
const CLAIMED_HERE_MS = 5 * 60_000;
/** At most this many claims are kept in memory (a few hundred KB); the oldest go first. */
const MAX_CLAIMED_HERE = 2_000;

/** Activities this process has taken, for as long as Teams may re-send them, oldest first. */
export class ClaimedHere {
  private readonly taken = new Map<string, number>();

  constructor(
    private readonly windowMs: number = CLAIMED_HERE_MS,
    private readonly max: number = MAX_CLAIMED_HERE,
  ) {}

  /** True for the first claim of `key` within the window. */
  claim(key: string, now: number): boolean {
    if (this.holds(key, now)) return false;
    this.taken.set(key, now);
    return true;
  }

  /** Whether `key` was claimed within the window (letting go of claims past it, and past the bound). */
  holds(key: string, now: number): boolean {
    for (const [oldest, at] of this.taken) {
      if (now - at < this.windowMs && this.taken.size < this.max) break;
      this.taken.delete(oldest);
    }
    return this.taken.has(key);
  }

  /** Forgets a claim whose turn failed, so that Teams' re-send is handled. */
  release(key: string): void {
    this.taken.delete(key);
  }

  get size(): number {
    return this.taken.size;
  }
}
