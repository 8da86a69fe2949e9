import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import {
  AuthenticationHandler,
  Client,
  GraphClientError,
  GraphError,
  HTTPMessageHandler,
  RedirectHandler,
  RedirectHandlerOptions,
  ResponseType,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type AuthenticationProvider,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type { CalendarPort, EventChange, EventRef, EventResult, Interval, NewEvent, NotBusy } from '../../domain/calendar/calendar-port';
import type { AttendeeChange } from '../../domain/conferences/ports';
import { emptyBusyMap, isBusyState, normaliseBusy, notBusyByMailbox } from './busy-intervals';
import { RETRYABLE_STATUSES, runSteps, type BatchLimits, type BatchRequestStep, type BatchStep, type BatchSubResponse, type SendBatch, type StepOutcome } from './graph-batch';

/** Requests and HTTP round trips made, retries included; for benchmarks. */
export interface GraphCounters {
  /** Graph requests as Graph counts them against its limits: each step of a `$batch` is one. */
  requests: number;
  /** HTTP exchanges with the service (a `$batch` of 20 is one). */
  roundTrips: number;
}

export type GraphAuth =
  /** An app registration with a client secret (application permissions, admin-consented). */
  | { readonly kind: 'client-secret'; readonly tenantId: string; readonly clientId: string; readonly clientSecret: string }
  /** The host's managed identity; clientId picks a user-assigned one. */
  | { readonly kind: 'managed-identity'; readonly clientId?: string }
  | { readonly kind: 'token-credential'; readonly credential: TokenCredential }
  | { readonly kind: 'provider'; readonly provider: AuthenticationProvider }
  /** No token at all: only for a local stand-in; refused for Microsoft's Graph hosts. */
  | { readonly kind: 'none' };

export interface GraphLimits {
  /** Steps per `$batch` (Graph: at most 20). */
  readonly batchSize: number;
  /** Requests in flight per mailbox (Graph: at most 4). */
  readonly perMailboxInFlight: number;
  /** HTTP calls in flight at once, per operation. */
  readonly concurrentCalls: number;
  /** People per getSchedule call (Graph: at most 20). */
  readonly schedulesPerCall: number;
  /** Days per getSchedule call (Graph: under 62). */
  readonly scheduleWindowDays: number;
}

export interface GraphCalendarOptions {
  readonly auth: GraphAuth;
  /** Default https://graph.microsoft.com; a local stand-in in tests. */
  readonly baseUrl?: string;
  /** Default v1.0. */
  readonly version?: string;
  /** Default `{Graph origin}/.default`. */
  readonly scopes?: readonly string[];
  readonly retry?: {
    /** Attempts after the first, for a whole call (RetryHandler) and for a throttled batch step. Default 3. */
    readonly maxRetries?: number;
    /** Wait when a 429/503/504 names no Retry-After. Default 3 s (the SDK's). */
    readonly delaySeconds?: number;
    /** A longer Retry-After is not waited for; the items fail as retryable. Default 60 s. */
    readonly maxRetryAfterSeconds?: number;
  };
  readonly limits?: Partial<GraphLimits>;
}

/** A failure of a whole operation (authentication, permission, or busy time unreadable). */
export class GraphCalendarError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'GraphCalendarError';
  }
}

const GRAPH_DEFAULT_URL = 'https://graph.microsoft.com';
// Microsoft's own Graph hosts (the SDK's list); a token-less client there is a configuration mistake.
const GRAPH_HOSTS = new Set(['graph.microsoft.com', 'graph.microsoft.us', 'dod-graph.microsoft.us', 'graph.microsoft.de', 'microsoftgraph.chinacloudapi.cn', 'canary.graph.microsoft.com']);
const DAY_MS = 24 * 60 * 60 * 1000;
const PREFER_UTC = 'outlook.timezone="UTC"';

function scheduleBody(people: readonly string[], start: Date, end: Date): Record<string, unknown> {
  return { schedules: people, startTime: graphTime(start), endTime: graphTime(end), availabilityViewInterval: 30 };
}
const DEFAULT_LIMITS: GraphLimits = { batchSize: 20, perMailboxInFlight: 4, concurrentCalls: 4, schedulesPerCall: 20, scheduleWindowDays: 61 };

/**
 * People's Outlook diaries through Microsoft Graph with application permissions
 * (Calendars.ReadWrite): `/users/{mailbox}/…` for any mailbox the app may reach.
 */
export class GraphCalendar implements CalendarPort {
  readonly counters: GraphCounters = { requests: 0, roundTrips: 0 };
  private readonly client: Client;
  private readonly limits: GraphLimits;
  private readonly batchLimits: BatchLimits;

  constructor(options: GraphCalendarOptions) {
    const baseUrl = new URL(options.baseUrl ?? GRAPH_DEFAULT_URL);
    const isGraphHost = baseUrl.protocol === 'https:' && GRAPH_HOSTS.has(baseUrl.hostname);
    if (options.auth.kind === 'none' && isGraphHost) throw new Error('Microsoft Graph needs credentials; "none" is only for a local stand-in.');

    const wanted = { ...DEFAULT_LIMITS, ...options.limits };
    // Tests may lower the limits; nothing may raise them past what Graph accepts.
    this.limits = {
      batchSize: clamp(wanted.batchSize, 1, 20),
      perMailboxInFlight: clamp(wanted.perMailboxInFlight, 1, 4),
      concurrentCalls: clamp(wanted.concurrentCalls, 1, 16),
      schedulesPerCall: clamp(wanted.schedulesPerCall, 1, 20),
      scheduleWindowDays: Math.min(Math.max(wanted.scheduleWindowDays, 1), 61),
    };
    const maxRetries = clamp(options.retry?.maxRetries ?? 3, 0, 10);
    const delaySeconds = Math.min(Math.max(options.retry?.delaySeconds ?? 3, 0), 180);
    const maxRetryAfterSeconds = Math.max(options.retry?.maxRetryAfterSeconds ?? 60, 0);
    this.batchLimits = {
      batchSize: this.limits.batchSize,
      perMailbox: this.limits.perMailboxInFlight,
      concurrentBatches: this.limits.concurrentCalls,
      stepRetries: maxRetries,
      maxRetryAfterSeconds,
      defaultRetryAfterSeconds: delaySeconds,
    };

    const provider = authProvider(options.auth, options.scopes ?? [`${isGraphHost ? baseUrl.origin : GRAPH_DEFAULT_URL}/.default`]);
    // The SDK would otherwise wait up to 180 s on a long Retry-After inside one call.
    const shouldRetry = (_delay: number, _attempt: number, _request: RequestInfo, _options: unknown, response: Response): boolean =>
      retryAfterOf(response) <= maxRetryAfterSeconds;
    const chain: Middleware[] = [
      ...(provider ? [new AuthenticationHandler(new GuardedAuthProvider(provider))] : []),
      new RetryHandler(new RetryHandlerOptions(delaySeconds, maxRetries, shouldRetry)),
      new RedirectHandler(new RedirectHandlerOptions()),
      new TelemetryHandler(),
      new CountingHandler(this.counters),
      new HTTPMessageHandler(),
    ];
    this.client = Client.initWithMiddleware({
      middleware: chain,
      baseUrl: baseUrl.origin + baseUrl.pathname.replace(/\/+$/, ''),
      defaultVersion: options.version ?? 'v1.0',
      // The SDK adds the token only for its own hosts and these; it compares the host name without port.
      ...(provider && baseUrl.protocol === 'https:' && !isGraphHost ? { customHosts: new Set([baseUrl.hostname]) } : {}),
    });
  }

  /**
   * Busy time through getSchedule, split into calls of at most 20 people and under 62 days each.
   * Throws when someone's diary cannot be read: taking them as free would book over their meetings.
   */
  async busy(mailboxes: readonly string[], from: Date, to: Date, except?: NotBusy): Promise<Map<string, Interval[]>> {
    const result = emptyBusyMap(mailboxes);
    const people = [...result.keys()];
    if (!people.length || to.getTime() <= from.getTime()) return result;
    const windows = splitSpan(from, to, this.limits.scheduleWindowDays * DAY_MS);
    const calls = chunk(people, this.limits.schedulesPerCall).flatMap((group) => windows.map((w) => ({ group, ...w })));
    const found = new Map<string, Interval[]>(people.map((p) => [p, []]));
    const problems = new Set<string>();

    const answers = await this.schedules(calls);
    calls.forEach((call, i) => {
      const answer = answers[i]!;
      const unanswered = new Set(call.group);
      for (const entry of answer) {
        const who = typeof entry.scheduleId === 'string' ? entry.scheduleId.toLowerCase() : '';
        const intervals = found.get(who);
        if (!intervals) continue;
        unanswered.delete(who);
        if (isRecord(entry.error)) {
          problems.add(`${who} (${stringOr(entry.error.responseCode, stringOr(entry.error.message, 'error'))})`);
          continue;
        }
        for (const item of Array.isArray(entry.scheduleItems) ? entry.scheduleItems : []) {
          if (!isRecord(item) || typeof item.status !== 'string' || !isBusyState(item.status)) continue;
          intervals.push({ start: parseGraphTime(item.start), end: parseGraphTime(item.end) });
        }
      }
      unanswered.forEach((who) => problems.add(`${who} (not in the answer)`));
    });

    if (problems.size) throw new GraphCalendarError(`Could not read the diaries of ${[...problems].join(', ')}.`, null, false);
    const notBusy = notBusyByMailbox(except);
    for (const [who, intervals] of found) result.set(who, normaliseBusy(intervals, from, to, notBusy.get(who)));
    return result;
  }

  async createEvents(events: readonly NewEvent[]): Promise<EventResult[]> {
    // Two creations with one transactionId at once would race inside Graph: send it once.
    const firstOf = new Map<string, number>();
    const steps: BatchStep[] = [];
    const stepOf = events.map((event) => {
      if (event.end.getTime() < event.start.getTime()) return -1;
      const key = `${event.mailbox.toLowerCase()}\n${event.transactionId}`;
      const known = firstOf.get(key);
      if (known !== undefined) return known;
      firstOf.set(key, steps.length);
      steps.push({ mailbox: event.mailbox, method: 'POST', url: `${userPath(event.mailbox)}/events`, body: eventBody(event) });
      return steps.length - 1;
    });
    const outcomes = await this.run(steps);

    // Graph may answer a repeated transactionId with 409 rather than the event: look the event up.
    const conflicts = outcomes.flatMap((o, i) => (o.kind === 'response' && o.status === 409 ? [i] : []));
    if (conflicts.length) {
      const lookups = await this.run(
        conflicts.map((i) => {
          const { mailbox, body } = steps[i]!;
          const transactionId = (body as { transactionId: string }).transactionId; // eventBody always sets it
          const filter = encodeURIComponent(`transactionId eq '${transactionId.replace(/'/g, "''")}'`);
          return { mailbox, method: 'GET' as const, url: `${userPath(mailbox)}/events?$filter=${filter}&$select=id,onlineMeeting` };
        }),
      );
      conflicts.forEach((i, n) => {
        const found = lookups[n]!;
        const first = found.kind === 'response' && found.status === 200 && isRecord(found.body) && Array.isArray(found.body.value) ? found.body.value[0] : undefined;
        if (isRecord(first)) outcomes[i] = { kind: 'response', status: 200, headers: {}, body: first };
      });
    }

    return events.map((event, i) => {
      const s = stepOf[i]!;
      return s < 0 ? failure(event.mailbox, 'The end is before the start.', false) : eventResult(event.mailbox, outcomes[s]!);
    });
  }

  /**
   * Moves each event to its time. Each event is read first and left alone when it is there already:
   * a move run again after the process stopped part-way (durable work is repeated until done) then
   * writes only the events not yet moved, so each diary's event is moved once and its attendees are
   * sent one update. Moves are rare, so the extra read is cheap.
   */
  async moveEvents(changes: readonly EventChange[]): Promise<EventResult[]> {
    const valid = changes.map((c) => c.end.getTime() >= c.start.getTime());
    const reads = await this.run(
      changes.filter((_, i) => valid[i]).map((c) => ({ mailbox: c.mailbox, method: 'GET' as const, url: `${userPath(c.mailbox)}/events/${encodeURIComponent(c.eventId)}?$select=id,start,end`, headers: { Prefer: PREFER_UTC } })),
    );
    let read = 0;
    const already = changes.map((c, i) => {
      if (!valid[i]) return false;
      const o = reads[read++]!;
      if (o.kind !== 'response' || o.status !== 200 || !isRecord(o.body)) return false;
      try {
        return parseGraphTime(o.body.start).getTime() === c.start.getTime() && parseGraphTime(o.body.end).getTime() === c.end.getTime();
      } catch {
        return false;
      }
    });
    const steps: BatchStep[] = changes
      .filter((_, i) => valid[i] && !already[i])
      .map((c) => ({
        mailbox: c.mailbox,
        method: 'PATCH',
        url: `${userPath(c.mailbox)}/events/${encodeURIComponent(c.eventId)}`,
        body: { start: graphTime(c.start), end: graphTime(c.end) },
      }));
    const outcomes = steps.length ? await this.run(steps) : [];
    let next = 0;
    return changes.map((c, i): EventResult => {
      if (!valid[i]) return failure(c.mailbox, 'The end is before the start.', false);
      if (already[i]) return { ok: true, mailbox: c.mailbox, eventId: c.eventId, joinUrl: null };
      return eventResult(c.mailbox, outcomes[next++]!, c.eventId);
    });
  }

  /** Replaces each event's attendees in place (Outlook sends the changes), keeping its Teams link. */
  async setAttendees(changes: readonly AttendeeChange[]): Promise<EventResult[]> {
    const outcomes = await this.run(
      changes.map((c) => ({
        mailbox: c.mailbox,
        method: 'PATCH' as const,
        url: `${userPath(c.mailbox)}/events/${encodeURIComponent(c.eventId)}`,
        body: { attendees: c.attendees.map((a) => ({ emailAddress: { address: a.email, name: a.name }, type: 'required' })) },
      })),
    );
    return changes.map((c, i) => eventResult(c.mailbox, outcomes[i]!, c.eventId));
  }

  async deleteEvents(refs: readonly EventRef[]): Promise<EventResult[]> {
    const outcomes = await this.run(
      refs.map((r) => ({ mailbox: r.mailbox, method: 'DELETE' as const, url: `${userPath(r.mailbox)}/events/${encodeURIComponent(r.eventId)}` })),
    );
    return refs.map((r, i): EventResult => {
      const o = outcomes[i]!;
      // Already gone is what was wanted.
      if (o.kind === 'response' && (o.status === 204 || o.status === 200 || o.status === 404)) return { ok: true, mailbox: r.mailbox, eventId: r.eventId, joinUrl: null };
      return outcomeFailure(r.mailbox, o);
    });
  }

  /**
   * The getSchedule answers for each call. One call goes on its own; several go together in `$batch`
   * (a planning read of 30 diaries over 4 months is one round trip), within the per-mailbox limits.
   */
  private async schedules(calls: readonly { group: readonly string[]; start: Date; end: Date }[]): Promise<Record<string, unknown>[][]> {
    if (calls.length === 1) return [await this.getSchedule(calls[0]!.group, calls[0]!.start, calls[0]!.end)];
    const outcomes = await this.run(
      calls.map((call) => ({
        mailbox: call.group[0]!,
        method: 'POST' as const,
        url: `${userPath(call.group[0]!)}/calendar/getSchedule`,
        headers: { Prefer: PREFER_UTC, 'Content-Type': 'application/json' },
        body: scheduleBody(call.group, call.start, call.end),
      })),
    );
    return outcomes.map((outcome) => {
      if (outcome.kind === 'failed') throw new GraphCalendarError(`Could not read the diaries: ${outcome.error}`, null, outcome.retryable);
      if (outcome.status !== 200 || !isRecord(outcome.body) || !Array.isArray(outcome.body.value)) {
        throw new GraphCalendarError(`Could not read the diaries: getSchedule answered ${outcome.status}.`, outcome.status, RETRYABLE_STATUSES.has(outcome.status));
      }
      return outcome.body.value.filter(isRecord);
    });
  }

  private async getSchedule(people: readonly string[], start: Date, end: Date): Promise<Record<string, unknown>[]> {
    try {
      const answer: unknown = await this.client
        .api(`${userPath(people[0]!)}/calendar/getSchedule`)
        .header('Prefer', PREFER_UTC)
        .responseType(ResponseType.JSON)
        .post(scheduleBody(people, start, end));
      if (!isRecord(answer) || !Array.isArray(answer.value)) throw new GraphCalendarError('getSchedule answered something unexpected.', null, true);
      return answer.value.filter(isRecord);
    } catch (error) {
      throw asCalendarError(error);
    }
  }

  private run(steps: readonly BatchStep[]): Promise<StepOutcome[]> {
    return steps.length ? runSteps(steps, this.sendBatch, this.batchLimits) : Promise.resolve([]);
  }

  private readonly sendBatch: SendBatch = async (requests: BatchRequestStep[]) => {
    try {
      const answer: unknown = await this.client.api('/$batch').responseType(ResponseType.JSON).post({ requests });
      const responses = isRecord(answer) && Array.isArray(answer.responses) ? answer.responses.filter(isSubResponse) : null;
      return responses ? { responses } : { failed: 'The batch answer was not understood.', retryable: true };
    } catch (error) {
      const failure = asCalendarError(error);
      // Without a token or permission nothing will work: stop rather than fail item by item.
      if (error instanceof GraphCalendarAuthError || failure.status === 401 || failure.status === 403) throw failure;
      return { failed: failure.message, retryable: failure.retryable };
    }
  };
}

/** Counts each exchange below the RetryHandler, so retries count too. */
class CountingHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly counters: GraphCounters) {}

  async execute(context: Context): Promise<void> {
    this.counters.roundTrips += 1;
    this.counters.requests += stepsIn(context);
    if (!this.next) throw new Error('CountingHandler must not be the last middleware.');
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** A token failure, kept apart from HTTP failures (the SDK passes GraphClientError through untouched). */
class GraphCalendarAuthError extends GraphClientError {
  constructor(message: string) {
    super(message);
    this.name = 'GraphCalendarAuthError';
  }
}

class GuardedAuthProvider implements AuthenticationProvider {
  constructor(private readonly inner: AuthenticationProvider) {}

  async getAccessToken(): Promise<string> {
    try {
      return await this.inner.getAccessToken();
    } catch (error) {
      throw new GraphCalendarAuthError(`No token for Microsoft Graph: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function authProvider(auth: GraphAuth, scopes: readonly string[]): AuthenticationProvider | null {
  const over = (credential: TokenCredential): AuthenticationProvider => new TokenCredentialAuthenticationProvider(credential, { scopes: [...scopes] });
  switch (auth.kind) {
    case 'client-secret':
      return over(new ClientSecretCredential(auth.tenantId, auth.clientId, auth.clientSecret));
    case 'managed-identity':
      return over(auth.clientId ? new ManagedIdentityCredential({ clientId: auth.clientId }) : new ManagedIdentityCredential());
    case 'token-credential':
      return over(auth.credential);
    case 'provider':
      return auth.provider;
    case 'none':
      return null;
  }
}

function asCalendarError(error: unknown): GraphCalendarError {
  if (error instanceof GraphCalendarError) return error;
  if (error instanceof GraphCalendarAuthError) return new GraphCalendarError(error.message, null, false);
  if (error instanceof GraphError) {
    // The SDK reports a failure to connect as status -1.
    const status = error.statusCode > 0 ? error.statusCode : null;
    const retryable = status === null || RETRYABLE_STATUSES.has(status) || status >= 500;
    return new GraphCalendarError(`Microsoft Graph: ${status ?? 'no answer'} ${error.code ?? ''} ${error.message}`.replace(/\s+/g, ' ').trim(), status, retryable);
  }
  return new GraphCalendarError(error instanceof Error ? error.message : String(error), null, true);
}

function eventResult(mailbox: string, outcome: StepOutcome, knownId?: string): EventResult {
  if (outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300 && isRecord(outcome.body)) {
    const id = typeof outcome.body.id === 'string' ? outcome.body.id : knownId;
    if (id) {
      const meeting = outcome.body.onlineMeeting;
      const joinUrl = isRecord(meeting) && typeof meeting.joinUrl === 'string' ? meeting.joinUrl : null;
      return { ok: true, mailbox, eventId: id, joinUrl };
    }
  }
  return outcomeFailure(mailbox, outcome);
}

function outcomeFailure(mailbox: string, outcome: StepOutcome): EventResult {
  if (outcome.kind === 'failed') return failure(mailbox, outcome.error, outcome.retryable);
  const error = isRecord(outcome.body) && isRecord(outcome.body.error) ? outcome.body.error : {};
  const text = [outcome.status, stringOr(error.code, ''), stringOr(error.message, '')].filter(Boolean).join(' ');
  if (outcome.status === 404) return failure(mailbox, `The event does not exist (it may have been deleted): ${text}`, false);
  return failure(mailbox, `Microsoft Graph: ${text}`, RETRYABLE_STATUSES.has(outcome.status) || outcome.status >= 500);
}

function failure(mailbox: string, error: string, retryable: boolean): EventResult {
  return { ok: false, mailbox, error, retryable };
}

function eventBody(event: NewEvent): Record<string, unknown> {
  return {
    subject: event.subject,
    body: { contentType: 'text', content: event.body },
    start: graphTime(event.start),
    end: graphTime(event.end),
    showAs: event.showAs,
    attendees: event.attendees.map((a) => ({ emailAddress: { address: a.email, name: a.name }, type: 'required' })),
    ...(event.location !== null ? { location: { displayName: event.location } } : {}),
    ...(event.onlineMeeting ? { isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' } : {}),
    transactionId: event.transactionId,
  };
}

function userPath(mailbox: string): string {
  return `/users/${encodeURIComponent(mailbox)}`;
}

function graphTime(at: Date): { dateTime: string; timeZone: 'UTC' } {
  return { dateTime: at.toISOString().slice(0, 23), timeZone: 'UTC' };
}

/** Graph writes `2026-01-05T09:00:00.0000000` with the zone apart; the Prefer header asks for UTC. */
function parseGraphTime(value: unknown): Date {
  if (isRecord(value) && typeof value.dateTime === 'string') {
    const zone = typeof value.timeZone === 'string' ? value.timeZone : 'UTC';
    const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,7}))?Z?$/.exec(value.dateTime);
    if (match && ['utc', 'etc/utc', 'coordinated universal time'].includes(zone.toLowerCase())) {
      return new Date(`${match[1]}.${(match[2] ?? '').padEnd(3, '0').slice(0, 3)}Z`);
    }
  }
  throw new GraphCalendarError(`getSchedule answered a time that is not UTC: ${JSON.stringify(value)}`, null, false);
}

function splitSpan(from: Date, to: Date, windowMs: number): { start: Date; end: Date }[] {
  const windows: { start: Date; end: Date }[] = [];
  for (let start = from.getTime(); start < to.getTime(); start += windowMs) {
    windows.push({ start: new Date(start), end: new Date(Math.min(start + windowMs, to.getTime())) });
  }
  return windows;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function stepsIn(context: Context): number {
  const url = typeof context.request === 'string' ? context.request : context.request.url;
  const body = context.options?.body;
  if (!url.split('?')[0]!.endsWith('/$batch') || typeof body !== 'string') return 1;
  try {
    const parsed: unknown = JSON.parse(body);
    return isRecord(parsed) && Array.isArray(parsed.requests) ? parsed.requests.length : 1;
  } catch {
    return 1;
  }
}

function retryAfterOf(response: Response): number {
  const raw = response.headers?.get('Retry-After');
  if (raw === null || raw === undefined) return 0;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return seconds;
  const at = Date.parse(raw);
  return Number.isNaN(at) ? 0 : (at - Date.now()) / 1000;
}

function isSubResponse(value: unknown): value is BatchSubResponse {
  return isRecord(value) && (typeof value.id === 'string' || typeof value.id === 'number') && typeof value.status === 'number';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(Math.floor(value), min), max);
}
