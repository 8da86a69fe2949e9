import { failedInvokeResponse } from '../../../bot/adapter';
import { retryAfterMs, sendOutcome } from '../../../bot/core/send-outcome';

const now = new Date('2026-12-07T10:00:00Z');

describe("a send's outcome, from what Teams answered", () => {
  it.each([
    [200, 'sent'],
    [201, 'sent'],
    [429, 'retry'],
    [412, 'retry'],
    [502, 'retry'],
    [503, 'retry'],
    [504, 'retry'],
    [500, 'retry'],
    [403, 'unreachable'],
    [404, 'unreachable'],
    [400, 'refused'],
    [413, 'refused'],
  ])('%i is %s', (status, kind) => {
    expect(sendOutcome(status, null, 'a1', now).kind).toBe(kind);
  });

  it('reads Retry-After in seconds or as a date, and bounds it', () => {
    expect(retryAfterMs('7', now)).toBe(7_000);
    expect(retryAfterMs('1.5', now)).toBe(1_500);
    expect(retryAfterMs('Mon, 07 Dec 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Mon, 07 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('999999', now)).toBe(60 * 60_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
    expect(sendOutcome(429, '12', undefined, now)).toEqual({ kind: 'retry', status: 429, retryAfterMs: 12_000, reason: 'Teams answered 429' });
  });
});

describe('the answer to an invoke whose turn failed', () => {
  it('is 503 when the database failed, so Teams may send it again', () => {
    const locked = Object.assign(new Error('database is locked'), { name: 'SqliteError', code: 'SQLITE_BUSY' });
    expect(failedInvokeResponse('adaptiveCard/action', locked).status).toBe(503);
  });

  it('is an error for a click that leaves its card in place, never a 5xx for the invoke, for anything else', () => {
    const response = failedInvokeResponse('adaptiveCard/action', new TypeError('x is undefined'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ statusCode: 500, type: 'application/vnd.microsoft.error' });
    expect(JSON.stringify(response.body)).toContain('Sorry, something went wrong on our side');
  });

  it('is a sentence for any other invoke', () => {
    const response = failedInvokeResponse('task/fetch', new TypeError('x is undefined'));
    expect(response).toEqual({ status: 200, body: { message: expect.stringContaining('Sorry, something went wrong on our side') } });
  });
});
