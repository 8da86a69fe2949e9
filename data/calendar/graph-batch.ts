/**
 * Sending many Graph calendar requests through JSON `$batch` within Graph's limits: at most 20
 * steps a batch, and at most 4 requests in flight per mailbox (Graph answers the fifth with 429).
 * A mailbox is in at most one batch in flight, with at most `perMailbox` steps in it, so the limit
 * holds however batches overlap. Steps answered 429/503/504 are sent again after their Retry-After.
 */

export type StepMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface BatchStep {
  /** The mailbox whose limits the step counts against. */
  readonly mailbox: string;
  readonly method: StepMethod;
  /** Relative to the version root, e.g. `/users/a%40b.gov.uk/events`. */
  readonly url: string;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface BatchRequestStep {
  readonly id: string;
  readonly method: StepMethod;
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

export interface BatchSubResponse {
  readonly id: string;
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

export type StepOutcome =
  | { readonly kind: 'response'; readonly status: number; readonly headers: Readonly<Record<string, string>>; readonly body: unknown }
  /** The batch that carried the step failed as a whole (after the client's own retries). */
  | { readonly kind: 'failed'; readonly error: string; readonly retryable: boolean };

/** Sends one batch; resolves to the sub-responses or to a failure of the whole batch; throws only for fatal errors. */
export type SendBatch = (steps: BatchRequestStep[]) => Promise<{ readonly responses: readonly BatchSubResponse[] } | { readonly failed: string; readonly retryable: boolean }>;

export interface BatchLimits {
  readonly batchSize: number;
  readonly perMailbox: number;
  readonly concurrentBatches: number;
  /** Further attempts for a throttled step. */
  readonly stepRetries: number;
  /** A longer Retry-After is not waited for: the step fails as retryable instead. */
  readonly maxRetryAfterSeconds: number;
  /** Used when a throttled step names no Retry-After. */
  readonly defaultRetryAfterSeconds: number;
}

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 503, 504]);

export async function runSteps(steps: readonly BatchStep[], send: SendBatch, limits: BatchLimits): Promise<StepOutcome[]> {
  const outcomes: StepOutcome[] = steps.map(() => ({ kind: 'failed', error: 'Not sent.', retryable: true }));
  let pending = steps.map((_, i) => i);
  for (let attempt = 0; pending.length; attempt++) {
    await sendOnce(steps, pending, outcomes, send, limits);
    const again = pending.filter((i) => {
      const o = outcomes[i]!;
      return o.kind === 'response' && RETRYABLE_STATUSES.has(o.status);
    });
    if (!again.length || attempt >= limits.stepRetries) break;
    const wait = Math.max(...again.map((i) => retryAfterSeconds(outcomes[i]!, limits.defaultRetryAfterSeconds)));
    if (wait > limits.maxRetryAfterSeconds) break;
    await sleep(wait * 1000);
    pending = again;
  }
  return outcomes;
}

async function sendOnce(steps: readonly BatchStep[], indices: readonly number[], outcomes: StepOutcome[], send: SendBatch, limits: BatchLimits): Promise<void> {
  const queues = new Map<string, number[]>();
  for (const i of indices) {
    const key = steps[i]!.mailbox.toLowerCase();
    const queue = queues.get(key);
    if (queue) queue.push(i);
    else queues.set(key, [i]);
  }
  const busyMailboxes = new Set<string>();

  const nextBatch = (): { mailboxes: string[]; members: number[] } | null => {
    const mailboxes: string[] = [];
    const members: number[] = [];
    for (const [mailbox, queue] of queues) {
      if (busyMailboxes.has(mailbox)) continue;
      const room = Math.min(limits.perMailbox, limits.batchSize - members.length);
      if (room <= 0) break;
      members.push(...queue.splice(0, room));
      mailboxes.push(mailbox);
      if (!queue.length) queues.delete(mailbox);
    }
    return members.length ? { mailboxes, members } : null;
  };

  const carry = async (members: number[]): Promise<void> => {
    const request: BatchRequestStep[] = members.map((i, n) => {
      const step = steps[i]!;
      const headers: Record<string, string> = { ...(step.headers ?? {}) };
      // Graph refuses a step with a body but no Content-Type of its own.
      if (step.body !== undefined && !hasHeader(headers, 'content-type')) headers['Content-Type'] = 'application/json';
      return {
        id: String(n + 1),
        method: step.method,
        url: step.url,
        ...(Object.keys(headers).length ? { headers } : {}),
        ...(step.body !== undefined ? { body: step.body } : {}),
      };
    });
    const answer = await send(request);
    if ('failed' in answer) {
      for (const i of members) outcomes[i] = { kind: 'failed', error: answer.failed, retryable: answer.retryable };
      return;
    }
    // Graph answers the steps in any order; only the id ties an answer to its step.
    const byId = new Map(answer.responses.map((r) => [String(r.id), r]));
    members.forEach((i, n) => {
      const response = byId.get(String(n + 1));
      outcomes[i] = response
        ? { kind: 'response', status: response.status, headers: response.headers ?? {}, body: response.body }
        : { kind: 'failed', error: 'The batch answer left this request out.', retryable: true };
    });
  };

  const running = new Set<Promise<void>>();
  for (;;) {
    while (running.size < limits.concurrentBatches) {
      const batch = nextBatch();
      if (!batch) break;
      batch.mailboxes.forEach((m) => busyMailboxes.add(m));
      const flight: Promise<void> = carry(batch.members).finally(() => {
        running.delete(flight);
        batch.mailboxes.forEach((m) => busyMailboxes.delete(m));
      });
      running.add(flight);
    }
    if (!running.size) return;
    await Promise.race(running);
  }
}

export function headerValue(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

function hasHeader(headers: Readonly<Record<string, string>>, name: string): boolean {
  return headerValue(headers, name) !== undefined;
}

function retryAfterSeconds(outcome: StepOutcome, fallback: number): number {
  if (outcome.kind !== 'response') return fallback;
  const raw = headerValue(outcome.headers, 'retry-after');
  if (raw === undefined) return fallback;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? fallback : Math.max(0, (at - Date.now()) / 1000);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
