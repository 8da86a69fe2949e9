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
