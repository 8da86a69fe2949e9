import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for the Microsoft Graph calendar endpoints the bot uses, so that the real Graph
 * client can be tested without Microsoft 365. It keeps events in memory per mailbox and answers
 * like Graph where it matters to the adapter: `$batch` with per-step statuses in any order, its 20
 * step limit, getSchedule's 20 people and under-62-days limits, 4 requests in flight per mailbox,
 * transactionId idempotency, and 429/503 with Retry-After (injected with `failNext`).
 *
 * Plain HTTP: the Graph client adds no token for a host that is not Graph's (nor a custom host).
 */

export interface StandInOptions {
  /** Time each request or batch step holds its mailbox, so that overlaps can be seen. Default 5 ms. */
  readonly latencyMs?: number;
  /** Requests in flight per mailbox beyond which Graph answers 429; null to only record. Default 4. */
  readonly mailboxConcurrencyLimit?: number | null;
  /** How a repeated transactionId is answered: the existing event (201), or 409. Default the former. */
  readonly duplicateTransaction?: 'return-existing' | 'conflict';
  /** Mailboxes that do not exist (404 on their events, an error entry in getSchedule). */
  readonly unknownMailboxes?: readonly string[];
}

export interface FaultRule {
  /** Matched against the path without version or query, decoded: `/users/a@b/events`, `/$batch`. */
  readonly path: string | RegExp;
  readonly method?: string;
  readonly status: number;
  readonly retryAfterSeconds?: number;
  /** How many matching requests fail; Infinity for a lasting failure. Default 1. */
  readonly times?: number;
  /** Whole HTTP requests, steps inside a `$batch`, or both (default). */
  readonly scope?: 'top' | 'item' | 'any';
  /** Do the work first and then answer with the fault, as when an answer is lost on the way back. */
  readonly afterHandling?: boolean;
}

export interface RecordedRequest {
  readonly kind: 'top' | 'item';
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly mailbox: string | null;
  /** Steps in a top-level `$batch` (set once the body is read). */
  batchSize: number | null;
  /** For a step: the index in `requests` of the `$batch` that carried it. */
  readonly batchIndex: number | null;
  /** Milliseconds since the stand-in started. */
  readonly at: number;
  readonly prefer: string | null;
  readonly authorization: string | null;
  status: number;
}

export interface StandInEvent {
  id: string;
  mailbox: string;
  subject: string;
  body: { contentType: string; content: string };
  start: Date;
  end: Date;
  showAs: string;
  attendees: { emailAddress: { address: string; name?: string }; type: string }[];
  location: { displayName: string } | null;
  isOnlineMeeting: boolean;
  onlineMeetingProvider: string | null;
  joinUrl: string | null;
  transactionId: string | null;
}

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

type Json = Record<string, unknown>;

const MAX_BATCH = 20;
const MAX_SCHEDULES = 20;
const MAX_SPAN_MS = 62 * 24 * 60 * 60 * 1000;
const JSON_TYPE = 'application/json';

export class GraphStandIn {
  readonly requests: RecordedRequest[] = [];
  private readonly mailboxes = new Map<string, Map<string, StandInEvent>>();
  private readonly faults: { rule: FaultRule; left: number }[] = [];
  private readonly inFlight = new Map<string, number>();
  private readonly peaks = new Map<string, number>();
  private readonly unknown: Set<string>;
  private readonly started = performance.now();
  private concurrencyRejections = 0;

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
    private readonly options: StandInOptions,
  ) {
    this.unknown = new Set((options.unknownMailboxes ?? []).map((m) => m.toLowerCase()));
    this.latencyMs = options.latencyMs ?? 5;
  }

  /** How long each call takes from now on (a slow or throttled Graph). */
  setLatency(ms: number): void {
    this.latencyMs = ms;
  }

  private latencyMs: number;

  static async start(options: StandInOptions = {}): Promise<GraphStandIn> {
    const holder: { standIn?: GraphStandIn } = {};
    const server = createServer((req, res) => {
      void holder.standIn!.onRequest(req, res).catch((error: unknown) => {
        if (!res.headersSent) send(res, { status: 500, body: { error: { code: 'StandInFailure', message: String(error) } } });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.standIn = new GraphStandIn(server, `http://127.0.0.1:${port}`, options);
    return holder.standIn;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  /** The next matching request(s) fail with this status, before any other handling. */
  failNext(rule: FaultRule): void {
    this.faults.push({ rule, left: rule.times ?? 1 });
  }

  /** The bot's settings that send its Graph calls here (client credentials the stand-in does not check). */
  botEnv(): Record<string, string> {
    return {
      GRAPH_TENANT_ID: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
      GRAPH_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
      GRAPH_CLIENT_SECRET: 'not-used-over-plain-http',
      GRAPH_BASE_URL: this.baseUrl,
    };
  }

  /** Every fault still waiting is dropped: Graph answers normally again. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Events whose diary is this mailbox (as organiser). */
  events(mailbox: string): StandInEvent[] {
    return [...(this.mailboxes.get(mailbox.toLowerCase())?.values() ?? [])];
  }

  allEvents(): StandInEvent[] {
    return [...this.mailboxes.values()].flatMap((m) => [...m.values()]);
  }

  /** The most requests ever in flight at once for one mailbox, or for the busiest mailbox. */
  maxInFlight(mailbox?: string): number {
    if (mailbox !== undefined) return this.peaks.get(mailbox.toLowerCase()) ?? 0;
    return Math.max(0, ...this.peaks.values());
  }

  /** Requests answered 429 because their mailbox already had too many in flight. */
  get rejectedForConcurrency(): number {
    return this.concurrencyRejections;
  }

  /** Recorded requests (top-level and steps) whose path matches. */
  requestsTo(path: string | RegExp, kind?: 'top' | 'item'): RecordedRequest[] {
    return this.requests.filter((r) => matches(path, r.path) && (kind === undefined || r.kind === kind));
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = (req.method ?? 'GET').toUpperCase();
    if (!url.pathname.startsWith('/v1.0/')) {
      send(res, error(404, 'BadRequest', 'Only v1.0 is served here.'));
      return;
    }
    const segments = splitPath(url.pathname.slice('/v1.0'.length));
    const path = `/${segments.join('/')}`;
    const record = this.record({
      kind: 'top',
      method,
      path,
      query: url.search,
      mailbox: mailboxOf(segments),
      batchSize: null,
      batchIndex: null,
      prefer: header(req, 'prefer'),
      authorization: header(req, 'authorization'),
    });

    let body: unknown = undefined;
    if (raw.length) {
      try {
        body = JSON.parse(raw);
      } catch {
        record.status = 400;
        send(res, error(400, 'BadRequest', 'The body is not JSON.'));
        return;
      }
    }

    const answer = await this.withFaults('top', method, path, () =>
      path === '/$batch' && method === 'POST'
        ? this.batch(body, this.requests.indexOf(record), record)
        : this.guarded(mailboxOf(segments), () => this.dispatch(method, segments, url.searchParams, body)),
    );
    record.status = answer.status;
    send(res, answer);
  }

  private async batch(body: unknown, batchIndex: number, record: RecordedRequest): Promise<Answer> {
    const steps = isRecord(body) && Array.isArray(body.requests) ? body.requests : null;
    if (!steps) return error(400, 'BadRequest', 'A batch needs a "requests" array.');
    record.batchSize = steps.length;
    if (steps.length > MAX_BATCH) return error(400, 'BadRequest', `The batch has ${steps.length} requests; the limit is ${MAX_BATCH}.`);
    const ids = new Set<string>();
    for (const step of steps) {
      if (!isRecord(step) || typeof step.id !== 'string' || typeof step.method !== 'string' || typeof step.url !== 'string') {
        return error(400, 'BadRequest', 'Each request needs an id, a method and a url.');
      }
      if (ids.has(step.id)) return error(400, 'BadRequest', `Request id ${step.id} is repeated.`);
      ids.add(step.id);
      if (/^[a-z]+:/i.test(step.url)) return error(400, 'BadRequest', 'Batch request urls are relative to the version root.');
      const headers = isRecord(step.headers) ? step.headers : {};
      if (step.body !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) {
        return error(400, 'BadRequest', 'A request with a body needs a Content-Type header.');
      }
    }

    const answers = await Promise.all(
      (steps as Json[]).map(async (step) => {
        const url = new URL(String(step.url).replace(/^\/?/, '/'), 'http://stand-in');
        const segments = splitPath(url.pathname);
        const path = `/${segments.join('/')}`;
        const method = String(step.method).toUpperCase();
        const headers = isRecord(step.headers) ? step.headers : {};
        const item = this.record({
          kind: 'item',
          method,
          path,
          query: url.search,
          mailbox: mailboxOf(segments),
          batchSize: null,
          batchIndex,
          prefer: typeof headers.Prefer === 'string' ? headers.Prefer : null,
          authorization: null,
        });
        const answer = await this.withFaults('item', method, path, () =>
          this.guarded(mailboxOf(segments), () => this.dispatch(method, segments, url.searchParams, step.body)),
        );
        item.status = answer.status;
        return {
          id: step.id,
          status: answer.status,
          headers: answer.body === undefined ? { ...answer.headers } : { 'Content-Type': JSON_TYPE, ...answer.headers },
          ...(answer.body === undefined ? {} : { body: answer.body }),
        };
      }),
    );
    // Graph gives no order guarantee; answering backwards makes the id the only way to match.
    return { status: 200, body: { responses: answers.reverse() } };
  }

  /** Holds the mailbox for the request's duration, refusing past the concurrency limit like Graph. */
  private async guarded(mailbox: string | null, work: () => Answer): Promise<Answer> {
    const key = mailbox?.toLowerCase() ?? '';
    const now = (this.inFlight.get(key) ?? 0) + 1;
    this.inFlight.set(key, now);
    if (key) this.peaks.set(key, Math.max(this.peaks.get(key) ?? 0, now));
    try {
      const limit = this.options.mailboxConcurrencyLimit === undefined ? 4 : this.options.mailboxConcurrencyLimit;
      if (key && limit !== null && now > limit) {
        this.concurrencyRejections += 1;
        return { ...error(429, 'ApplicationThrottled', 'Application is over its MailboxConcurrency limit.'), headers: { 'Retry-After': '1' } };
      }
      await delay(this.latencyMs);
      return work();
    } finally {
      this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1);
    }
  }

  private dispatch(method: string, segments: string[], query: URLSearchParams, body: unknown): Answer {
    if (segments[0] !== 'users' || segments.length < 3) return error(404, 'BadRequest', `No route for /${segments.join('/')}.`);
    const mailbox = segments[1]!.toLowerCase();
    if (this.unknown.has(mailbox)) return error(404, 'ErrorInvalidUser', `The requested user '${mailbox}' is invalid.`);
    const rest = segments.slice(2).join('/');
    if (rest === 'calendar/getSchedule' && method === 'POST') return this.getSchedule(body);
    if (rest === 'events' && method === 'POST') return this.create(mailbox, body);
    if (rest === 'events' && method === 'GET') return this.list(mailbox, query);
    if (rest === 'calendarView' && method === 'GET') return this.calendarView(mailbox, query);
    if (segments[2] === 'events' && segments.length === 4) {
      const events = this.diary(mailbox);
      const event = events.get(segments[3]!);
      if (!event) return error(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
      if (method === 'GET') return { status: 200, body: present(event) };
      if (method === 'DELETE') {
        events.delete(event.id);
        return { status: 204 };
      }
      if (method === 'PATCH') return this.update(event, body);
    }
    return error(405, 'BadRequest', `${method} /${segments.join('/')} is not served here.`);
  }

  private create(mailbox: string, body: unknown): Answer {
    if (!isRecord(body)) return error(400, 'BadRequest', 'An event is a JSON object.');
    const start = readTime(body.start);
    const end = readTime(body.end);
    if (!start || !end) return error(400, 'BadRequest', 'start and end are {dateTime, timeZone: "UTC"}.');
    if (end < start) return error(400, 'ErrorInvalidRequest', 'The end is before the start.');
    const transactionId = typeof body.transactionId === 'string' ? body.transactionId : null;
    const diary = this.diary(mailbox);
    if (transactionId !== null) {
      const existing = [...diary.values()].find((e) => e.transactionId === transactionId);
      if (existing) {
        return this.options.duplicateTransaction === 'conflict'
          ? error(409, 'ErrorDuplicateTransactionId', 'An event with this transactionId already exists.')
          : { status: 201, body: present(existing) };
      }
    }
    const online = body.isOnlineMeeting === true;
    const content = isRecord(body.body) ? body.body : {};
    const event: StandInEvent = {
      id: `AAMkAG${randomBytes(18).toString('base64url')}`,
      mailbox,
      subject: typeof body.subject === 'string' ? body.subject : '',
      body: { contentType: typeof content.contentType === 'string' ? content.contentType : 'text', content: typeof content.content === 'string' ? content.content : '' },
      start,
      end,
      showAs: typeof body.showAs === 'string' ? body.showAs : 'busy',
      attendees: Array.isArray(body.attendees) ? (body.attendees as StandInEvent['attendees']) : [],
      location: isRecord(body.location) && typeof body.location.displayName === 'string' ? { displayName: body.location.displayName } : null,
      isOnlineMeeting: online,
      onlineMeetingProvider: typeof body.onlineMeetingProvider === 'string' ? body.onlineMeetingProvider : null,
      joinUrl: online ? `https://teams.microsoft.com/l/meetup-join/19%3ameeting_${randomBytes(12).toString('hex')}%40thread.v2/0` : null,
      transactionId,
    };
    diary.set(event.id, event);
    return { status: 201, body: present(event) };
  }

  private update(event: StandInEvent, body: unknown): Answer {
    if (!isRecord(body)) return error(400, 'BadRequest', 'A change is a JSON object.');
    const start = body.start === undefined ? event.start : readTime(body.start);
    const end = body.end === undefined ? event.end : readTime(body.end);
    if (!start || !end) return error(400, 'BadRequest', 'start and end are {dateTime, timeZone: "UTC"}.');
    if (end < start) return error(400, 'ErrorInvalidRequest', 'The end is before the start.');
    event.start = start;
    event.end = end;
    if (typeof body.subject === 'string') event.subject = body.subject;
    if (typeof body.showAs === 'string') event.showAs = body.showAs;
    if (Array.isArray(body.attendees)) event.attendees = body.attendees as StandInEvent['attendees'];
    return { status: 200, body: present(event) };
  }

  private list(mailbox: string, query: URLSearchParams): Answer {
    const filter = query.get('$filter');
    let events = [...this.diary(mailbox).values()];
    if (filter !== null) {
      const match = /^transactionId eq '((?:[^']|'')*)'$/.exec(filter.trim());
      if (!match) return error(400, 'BadRequest', 'Only $filter=transactionId eq \'…\' is served here.');
      const wanted = match[1]!.replace(/''/g, "'");
      events = events.filter((e) => e.transactionId === wanted);
    }
    return { status: 200, body: { value: events.map(present) } };
  }

  private calendarView(mailbox: string, query: URLSearchParams): Answer {
    const from = Date.parse(query.get('startDateTime') ?? '');
    const to = Date.parse(query.get('endDateTime') ?? '');
    if (Number.isNaN(from) || Number.isNaN(to)) return error(400, 'ErrorInvalidParameter', 'startDateTime and endDateTime are required.');
    const events = this.involving(mailbox).filter((e) => e.start.getTime() < to && e.end.getTime() > from);
    return { status: 200, body: { value: events.map(present) } };
  }

  private getSchedule(body: unknown): Answer {
    if (!isRecord(body) || !Array.isArray(body.schedules) || !body.schedules.every((s) => typeof s === 'string')) {
      return error(400, 'BadRequest', 'schedules is an array of email addresses.');
    }
    const schedules = body.schedules as string[];
    if (!schedules.length || schedules.length > MAX_SCHEDULES) return error(400, 'ErrorInvalidParameter', `Between 1 and ${MAX_SCHEDULES} schedules a request.`);
    const start = readTime(body.startTime);
    const end = readTime(body.endTime);
    if (!start || !end || end <= start) return error(400, 'ErrorInvalidParameter', 'startTime and endTime are {dateTime, timeZone}, end after start.');
    if (end.getTime() - start.getTime() >= MAX_SPAN_MS) return error(400, 'ErrorInvalidParameter', 'The duration must be less than 62 days.');
    const interval = typeof body.availabilityViewInterval === 'number' ? body.availabilityViewInterval : 30;
    if (interval < 5 || interval > 1440) return error(400, 'ErrorInvalidParameter', 'availabilityViewInterval is 5 to 1440 minutes.');

    const value = schedules.map((scheduleId) => {
      const who = scheduleId.toLowerCase();
      if (this.unknown.has(who)) return { scheduleId, availabilityView: '', error: { message: 'The user or mailbox was not found.', responseCode: 'ErrorMailboxNotFound' } };
      const items = this.involving(who)
        .filter((e) => e.start < end && e.end > start)
        .sort((a, b) => a.start.getTime() - b.start.getTime())
        .map((e) => ({ isPrivate: false, status: e.showAs, subject: e.subject, location: e.location?.displayName ?? '', start: writeTime(e.start), end: writeTime(e.end) }));
      return { scheduleId, availabilityView: availabilityView(items, start, end, interval), scheduleItems: items, workingHours: {} };
    });
    return { status: 200, body: { value } };
  }

  /** Events in any diary where the mailbox is the organiser or an attendee (as Outlook copies invitations). */
  private involving(mailbox: string): StandInEvent[] {
    return this.allEvents().filter((e) => e.mailbox === mailbox || e.attendees.some((a) => a.emailAddress.address.toLowerCase() === mailbox));
  }

  private diary(mailbox: string): Map<string, StandInEvent> {
    let diary = this.mailboxes.get(mailbox);
    if (!diary) this.mailboxes.set(mailbox, (diary = new Map()));
    return diary;
  }

  private async withFaults(scope: 'top' | 'item', method: string, path: string, work: () => Promise<Answer>): Promise<Answer> {
    const fault = this.takeFault(scope, method, path);
    if (!fault) return work();
    if (fault.after) await work();
    return fault.answer;
  }

  private takeFault(scope: 'top' | 'item', method: string, path: string): { answer: Answer; after: boolean } | null {
    const fault = this.faults.find(
      ({ rule, left }) =>
        left > 0 && (rule.scope ?? 'any') !== (scope === 'top' ? 'item' : 'top') && (!rule.method || rule.method.toUpperCase() === method) && matches(rule.path, path),
    );
    if (!fault) return null;
    fault.left -= 1;
    const { status, retryAfterSeconds } = fault.rule;
    const code = status === 429 ? 'TooManyRequests' : status === 503 ? 'ServiceUnavailable' : 'InjectedFault';
    const headers: Record<string, string> = retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) };
    const answer: Answer = { ...error(status, code, 'Injected by the stand-in.'), headers };
    return { answer, after: fault.rule.afterHandling === true };
  }

  private record(entry: Omit<RecordedRequest, 'at' | 'status'>): RecordedRequest {
    const recorded: RecordedRequest = { ...entry, at: performance.now() - this.started, status: 0 };
    this.requests.push(recorded);
    return recorded;
  }
}

function present(event: StandInEvent): Json {
  return {
    id: event.id,
    subject: event.subject,
    body: event.body,
    start: writeTime(event.start),
    end: writeTime(event.end),
    showAs: event.showAs,
    attendees: event.attendees,
    location: event.location ?? { displayName: '' },
    organizer: { emailAddress: { address: event.mailbox } },
    isOnlineMeeting: event.isOnlineMeeting,
    onlineMeetingProvider: event.onlineMeetingProvider ?? 'unknown',
    onlineMeeting: event.joinUrl ? { joinUrl: event.joinUrl } : null,
    transactionId: event.transactionId,
  };
}

const VIEW_RANK = ['free', 'workingElsewhere', 'tentative', 'busy', 'oof'];
const VIEW_DIGIT: Record<string, string> = { free: '0', tentative: '1', busy: '2', oof: '3', workingElsewhere: '4' };

function availabilityView(items: { status: string; start: Json; end: Json }[], start: Date, end: Date, minutes: number): string {
  const step = minutes * 60_000;
  const origin = start.getTime();
  const slots = Math.ceil((end.getTime() - origin) / step);
  // Each item marks only the slots it overlaps: linear in items and slots, not their product.
  const rank = new Array<number>(slots).fill(0);
  for (const item of items) {
    const s = readTime(item.start)!.getTime();
    const e = readTime(item.end)!.getTime();
    const r = VIEW_RANK.indexOf(item.status);
    for (let i = Math.max(0, Math.floor((s - origin) / step)); i < Math.min(slots, Math.ceil((e - origin) / step)); i++) {
      if (r > rank[i]!) rank[i] = r;
    }
  }
  return rank.map((r) => VIEW_DIGIT[VIEW_RANK[r] ?? 'free'] ?? '0').join('');
}

/** Graph's dateTimeTimeZone, UTC only here (the adapter asks for UTC throughout). */
function readTime(value: unknown): Date | null {
  if (!isRecord(value) || typeof value.dateTime !== 'string' || typeof value.timeZone !== 'string') return null;
  if (!['utc', 'etc/utc'].includes(value.timeZone.toLowerCase())) return null;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,7}))?$/.exec(value.dateTime);
  if (!match) return null;
  const at = new Date(`${match[1]}.${(match[2] ?? '').padEnd(3, '0').slice(0, 3)}Z`);
  return Number.isNaN(at.getTime()) ? null : at;
}

function writeTime(at: Date): Json {
  return { dateTime: `${at.toISOString().slice(0, 19)}.${String(at.getUTCMilliseconds()).padStart(3, '0')}0000`, timeZone: 'UTC' };
}

function error(status: number, code: string, message: string): Answer {
  return { status, body: { error: { code, message } } };
}

function send(res: ServerResponse, answer: Answer): void {
  const headers: Record<string, string> = { ...answer.headers };
  // Not chained: restify (loaded by the bot in the same process) replaces ServerResponse.writeHead
  // with one that returns nothing, so `writeHead(…).end(…)` would throw and never answer.
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers);
    res.end();
    return;
  }
  res.writeHead(answer.status, { 'Content-Type': `${JSON_TYPE}; charset=utf-8`, ...headers });
  res.end(JSON.stringify(answer.body));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : (value ?? null);
}

function splitPath(pathname: string): string[] {
  return pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
}

function mailboxOf(segments: readonly string[]): string | null {
  return segments[0] === 'users' && segments[1] ? segments[1].toLowerCase() : null;
}

function matches(pattern: string | RegExp, path: string): boolean {
  return typeof pattern === 'string' ? path.includes(pattern) : pattern.test(path);
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
