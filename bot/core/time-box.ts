import type { Logger } from '../../domain/ports';
import { errorForLog } from '../logger';

/** Teams gives a click 5 seconds: free times read for a card must be found well within that. */
export const PROPOSALS_WITHIN_MS = 2500;

/**
 * Waits for `work` at most `ms`: Teams gives a card action 5 seconds, so slow calendar work is cut
 * short for the answer (and may carry on). Resolves with the value, or `undefined` when late; a
 * failure that comes in time is thrown.
 */
export async function settleWithin<T>(ms: number, work: Promise<T>): Promise<{ value: T } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work.then((value) => ({ value })), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Drafting a group conference plan reads some 31 diaries over four months: more of Teams' 5 seconds
 * than two diaries need, with time left to save the draft and draw the plan.
 */
export const PLAN_READ_WITHIN_MS = 3500;

/** A read of diaries for a click: what it read, or the words for a form that comes back unsaved. */
export type DiaryRead<T> = { readonly value: T } | { readonly unread: string };

/** How a click's unsaved outcome is said: what did not happen, and which button to choose again. */
export interface UnreadWords {
  /** "no plan was made and nothing was changed" */
  readonly nothing: string;
  /** "Find times" */
  readonly again: string;
}

/**
 * Waits at most `ms` for a read of diaries a click saves from. A refusal or a database failure is
 * thrown, to be answered as any other (`passOn`); any other failure (Graph) and lateness come back as
 * the words for the form, which returns with what was typed. What a late read finds is dropped, so a
 * read that lands after the answer saves nothing; it is only logged, with how late it was.
 */
export async function readDiariesWithin<T>(ms: number, reading: Promise<T>, words: UnreadWords, log: { readonly logger: Logger; readonly actorId: string; readonly what: string }, passOn: (error: unknown) => boolean): Promise<DiaryRead<T>> {
  const started = Date.now();
  let settled: { value: T } | undefined;
  try {
    settled = await settleWithin(ms, reading);
  } catch (error) {
    if (passOn(error)) throw error;
    log.logger.warn({ actorId: log.actorId, err: errorForLog(error) }, `${log.what} not saved: the diaries could not be read`);
    return { unread: `The diaries could not be read just now, so ${words.nothing}. Choose ${words.again} again in a minute. What you typed is kept.` };
  }
  if (settled) return settled;
  log.logger.info({ actorId: log.actorId }, `${log.what} not saved: the diaries took too long to read`);
  void reading.then(
    () => log.logger.info({ actorId: log.actorId, ms: Date.now() - started }, `${log.what} read after the click was answered: not saved`),
    (error: unknown) => log.logger.info({ actorId: log.actorId, ms: Date.now() - started, err: errorForLog(error) }, `${log.what} read failed after the click was answered`),
  );
  return { unread: `Reading the diaries is taking too long, so ${words.nothing}. Choose ${words.again} again in a moment. What you typed is kept.` };
}
