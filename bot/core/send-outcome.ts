/**
 * What became of one send to Teams, decided from the HTTP status the Bot Connector answered
 * (as Microsoft's Company Communicator classifies its sends). Teams says which failures pass:
 * 429, 412, 502, 503 and 504 do, after `Retry-After`; 403 (the app is blocked or not installed for
 * the person) and 404 (no such conversation) never will.
 */
export type SendOutcome =
  | { readonly kind: 'sent'; readonly status: number; readonly activityId: string | undefined }
  /** Worth trying again later: throttled, a passing failure, or no answer at all (`status` null). */
  | { readonly kind: 'retry'; readonly status: number | null; readonly retryAfterMs: number | null; readonly reason: string }
  /** The person cannot be reached by the bot until they add (or unblock) the app. */
  | { readonly kind: 'unreachable'; readonly status: 403 | 404; readonly reason: string }
  /** Teams refused the message itself (too big, malformed): sending it again would be refused again. */
  | { readonly kind: 'refused'; readonly status: number; readonly reason: string };

/** Statuses that pass: throttling, a precondition that will hold on a fresh try, a gateway or service hiccup. */
const RETRYABLE = new Set([401, 408, 412, 429, 500, 502, 503, 504]);

/** Longest wait a `Retry-After` is taken at its word for; beyond it, the back-off decides. */
const MAX_RETRY_AFTER_MS = 60 * 60_000;

export function sendOutcome(status: number, retryAfter: string | null | undefined, activityId: string | undefined, now: Date): SendOutcome {
  if (status >= 200 && status < 300) return { kind: 'sent', status, activityId };
  if (status === 403) return { kind: 'unreachable', status, reason: 'Teams answered 403: the app is not installed for this person, or is blocked' };
  if (status === 404) return { kind: 'unreachable', status, reason: 'Teams answered 404: the conversation no longer exists' };
  if (RETRYABLE.has(status) || status >= 500) return { kind: 'retry', status, retryAfterMs: retryAfterMs(retryAfter, now), reason: `Teams answered ${status}` };
  return { kind: 'refused', status, reason: `Teams answered ${status}` };
}

/** A send that got no HTTP answer (refused connection, time-out): tried again later. */
export function noAnswer(error: unknown): SendOutcome {
  const code = (error as { code?: unknown } | null)?.code;
  const name = (error as { name?: unknown } | null)?.name;
  return { kind: 'retry', status: null, retryAfterMs: null, reason: `no answer from Teams (${typeof code === 'string' ? code : typeof name === 'string' ? name : 'error'})` };
}

/** `Retry-After` in seconds or as an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null | undefined, now: Date): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return null;
    ms = at - now.getTime();
  }
  return Math.min(Math.max(0, Math.ceil(ms)), MAX_RETRY_AFTER_MS);
}
