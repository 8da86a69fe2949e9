import { GraphStandIn } from '../../../testkit/graph-stand-in';

/** The stand-in must refuse what Graph refuses, or the adapter's tests would prove nothing. */
describe('Graph stand-in', () => {
  let standIn: GraphStandIn;
  beforeEach(async () => {
    standIn = await GraphStandIn.start();
  });
  afterEach(async () => standIn.close());

  const post = (path: string, body: unknown): Promise<Response> =>
    fetch(`${standIn.baseUrl}/v1.0${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const utc = (iso: string) => ({ dateTime: iso, timeZone: 'UTC' });
  const schedule = (people: number, from: string, to: string) => ({
    schedules: Array.from({ length: people }, (_, n) => `p${n}@example.gov.uk`),
    startTime: utc(from),
    endTime: utc(to),
    availabilityViewInterval: 30,
  });

  it('refuses a batch of more than 20 requests', async () => {
    // One mailbox each, so that Graph's 4-at-once limit per mailbox does not come into it.
    const requests = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(i + 1), method: 'DELETE', url: `/users/p${i}@example.gov.uk/events/e${i}` }));
    expect((await post('/$batch', { requests: requests(21) })).status).toBe(400);
    const ok = await post('/$batch', { requests: requests(20) });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { responses: { status: number }[] };
    expect(body.responses.map((r) => r.status)).toEqual(Array(20).fill(404));
  });

  it('refuses a batch step with a body but no Content-Type', async () => {
    const response = await post('/$batch', { requests: [{ id: '1', method: 'POST', url: '/users/a@example.gov.uk/events', body: {} }] });
    expect(response.status).toBe(400);
  });

  it('refuses getSchedule for more than 20 people or for 62 days or more', async () => {
    expect((await post('/users/a@example.gov.uk/calendar/getSchedule', schedule(21, '2027-01-01T00:00:00', '2027-01-02T00:00:00'))).status).toBe(400);
    expect((await post('/users/a@example.gov.uk/calendar/getSchedule', schedule(20, '2027-01-01T00:00:00', '2027-03-04T00:00:00'))).status).toBe(400);
    expect((await post('/users/a@example.gov.uk/calendar/getSchedule', schedule(20, '2027-01-01T00:00:00', '2027-03-03T23:59:00'))).status).toBe(200);
  });

  it('answers 429 past 4 requests in flight for one mailbox, and records the peak', async () => {
    const slow = await GraphStandIn.start({ latencyMs: 50 });
    try {
      const requests = Array.from({ length: 6 }, (_, i) => ({ id: String(i + 1), method: 'DELETE', url: `/users/a@example.gov.uk/events/e${i}` }));
      const response = await fetch(`${slow.baseUrl}/v1.0/$batch`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ requests }) });
      const body = (await response.json()) as { responses: { status: number; headers: Record<string, string> }[] };
      expect(body.responses.filter((r) => r.status === 429)).toHaveLength(2);
      expect(body.responses.find((r) => r.status === 429)?.headers['Retry-After']).toBe('1');
      // A refused request leaves at once, so the peak counts the admitted four and one refused.
      expect(slow.maxInFlight('A@example.gov.uk')).toBe(5);
      expect(slow.rejectedForConcurrency).toBe(2);
    } finally {
      await slow.close();
    }
  });
});
