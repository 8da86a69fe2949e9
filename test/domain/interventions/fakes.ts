/**
 * In-memory fakes of the ports the intervention, outcome, follow-up and quality services use.
 * Shared by the tests under test/domain/interventions, test/domain/outcomes and test/domain/quality.
 * Not a test file itself (jest only runs *.test.ts).
 */
import { conflict, DomainError, notFound } from '../../../domain/errors';
import type { Clock, StaffDirectory } from '../../../domain/ports';
import type { ConsentPurpose, ConsentRecord, NewConsent } from '../../../domain/interventions/consent';
import type { InterventionOverride } from '../../../domain/interventions/intervention-limit';
import type { InterventionNotifier, InterventionStore } from '../../../domain/interventions/ports';
import { channelOfStep, type FollowUpStarter, type NextStep } from '../../../domain/outcomes/next-steps';
import type { MeetingRecord, MeetingRecordStore, OutcomeNotifier } from '../../../domain/outcomes/ports';
import type { QasResult, QualityCheck, QualityCheckStore } from '../../../domain/quality/qas';
import type { CreatedRequest, NewSupportRequest, RequestNotifier, StatusChange, SupportRequestStore, Trend, VersionBump } from '../../../domain/requests/ports';
import { assertMove } from '../../../domain/requests/state-machine';
import { formatReference, type RequestStatus, type SupportRequest } from '../../../domain/requests/support-request';
import type { Role } from '../../../domain/roles';
import type { StaffMember } from '../../../domain/staff';

// ---------------------------------------------------------------------------------------------
// People and the directory.
// ---------------------------------------------------------------------------------------------

export function person(id: string, roles: readonly Role[], links: { deaId?: string | null; teamLeaderId?: string | null } = {}): StaffMember {
  return {
    id,
    aadObjectId: `aad-${id}`,
    name: `${id} Person`,
    email: `${id}@example.gov.uk`,
    roles,
    jobcentreId: 'jc-1',
    deaId: links.deaId ?? null,
    teamLeaderId: links.teamLeaderId ?? null,
  };
}

export class FakeDirectory implements StaffDirectory {
  private readonly byId = new Map<string, StaffMember>();
  constructor(people: readonly StaffMember[]) {
    for (const p of people) this.byId.set(p.id, p);
  }
  async findByAadObjectId(aadObjectId: string): Promise<StaffMember | null> {
    return [...this.byId.values()].find((p) => p.aadObjectId === aadObjectId) ?? null;
  }
  async findById(id: string): Promise<StaffMember | null> {
    return this.byId.get(id) ?? null;
  }
  async findByIds(ids: readonly string[]): Promise<StaffMember[]> {
    return ids.flatMap((id) => this.byId.get(id) ?? []);
  }
  async findByTeamLeader(teamLeaderId: string): Promise<StaffMember[]> {
    return [...this.byId.values()].filter((p) => p.teamLeaderId === teamLeaderId);
  }
}

export class FixedClock implements Clock {
  constructor(private instant: Date) {}
  now(): Date {
    return new Date(this.instant.getTime());
  }
  set(instant: Date): void {
    this.instant = instant;
  }
}

// ---------------------------------------------------------------------------------------------
// Support requests.
// ---------------------------------------------------------------------------------------------

export const CREATED_AT = new Date('2026-06-01T09:00:00.000Z');

/** A claimant support request, as the store would hold it; override any field. */
export function requestFields(changes: Partial<Omit<SupportRequest, 'id' | 'reference'>> = {}): Omit<SupportRequest, 'id' | 'reference' | 'version'> & { version?: number } {
  return {
    type: 'claimant_support',
    status: 'accepted',
    requesterId: 'coach-1',
    deaId: 'dea-1',
    claimant: { surname: 'Smith', nino: 'AB123456C', benefits: ['UC'] },
    topic: null,
    description: 'Anxiety in group settings.',
    reason: 'Needs help choosing reasonable adjustments.',
    requiredBy: '2026-07-31',
    urgent: false,
    vulnerability: null,
    channel: 'case_conference',
    inappropriate: false,
    parentRequestId: null,
    requestedChannel: null,
    claimantCoachId: null,
    messages: [],
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
    ...changes,
  };
}

/**
 * Keeps requests in a map. Like the real store: `create` honours submissionKey (the same key twice
 * gives the first request back) and acceptedAs; `changeStatus` refuses a stale version as a conflict.
 * It does not police transitions: the services move a request to its own status to bump the version.
 */
export class FakeRequests implements SupportRequestStore {
  readonly requests = new Map<string, SupportRequest>();
  readonly created: { request: NewSupportRequest; at: Date }[] = [];
  readonly changes: StatusChange[] = [];
  private readonly byKey = new Map<string, string>();
  /** Set to make the next changeStatus for a request id throw this error, once. */
  readonly failNextChange = new Map<string, DomainError | Error>();
  private next = 1;

  async createOnce(request: NewSupportRequest, at: Date): Promise<CreatedRequest> {
    if (request.submissionKey !== undefined) {
      const earlier = this.byKey.get(request.submissionKey);
      if (earlier) return { request: this.requests.get(earlier)!, created: false };
    }
    this.created.push({ request, at });
    const saved = this.put({
      type: request.type,
      requesterId: request.requesterId,
      deaId: request.deaId,
      claimant: request.claimant,
      topic: request.topic,
      description: request.description,
      reason: request.reason,
      requiredBy: request.requiredBy,
      urgent: request.urgent,
      vulnerability: request.vulnerability,
      status: request.acceptedAs ? 'accepted' : 'submitted',
      channel: request.acceptedAs ?? null,
      inappropriate: false,
      parentRequestId: request.parentRequestId ?? null,
      requestedChannel: request.requestedChannel ?? null,
      claimantCoachId: request.claimantCoachId ?? null,
      messages: [],
      createdAt: at,
      updatedAt: at,
    });
    if (request.submissionKey !== undefined) this.byKey.set(request.submissionKey, saved.id);
    return { request: saved, created: true };
  }

  /** Puts a request straight into the store, as if made earlier. */
  put(fields: Omit<SupportRequest, 'id' | 'reference' | 'version'> & { version?: number }): SupportRequest {
    const number = this.next++;
    const saved: SupportRequest = { ...fields, id: `req-${number}`, reference: formatReference(number), version: fields.version ?? 1 };
    this.requests.set(saved.id, saved);
    return saved;
  }

  /** A request built from `requestFields(changes)`, saved. */
  add(changes: Partial<Omit<SupportRequest, 'id' | 'reference'>> = {}): SupportRequest {
    return this.put(requestFields(changes));
  }

  get(id: string): SupportRequest {
    const found = this.requests.get(id);
    if (!found) throw new Error(`no request ${id}`);
    return found;
  }

  async findById(id: string): Promise<SupportRequest | null> {
    return this.requests.get(id) ?? null;
  }

  async findByNumber(number: number): Promise<SupportRequest | null> {
    return [...this.requests.values()].find((r) => r.reference === formatReference(number)) ?? null;
  }

  async listByRequester(requesterId: string, limit: number): Promise<SupportRequest[]> {
    return [...this.requests.values()].filter((r) => r.requesterId === requesterId).slice(0, limit);
  }

  async listByRequesters(requesterIds: readonly string[], since: Date): Promise<SupportRequest[]> {
    return [...this.requests.values()].filter((r) => requesterIds.includes(r.requesterId) && r.createdAt >= since);
  }

  private touching = false;

  async touch(change: VersionBump): Promise<SupportRequest> {
    const current = this.requests.get(change.requestId);
    if (!current) throw notFound('no such request');
    this.touching = true;
    try {
      return await this.changeStatus({ ...change, to: current.status });
    } finally {
      this.touching = false;
    }
  }

  async changeStatus(change: StatusChange): Promise<SupportRequest> {
    this.changes.push(change);
    const failure = this.failNextChange.get(change.requestId);
    if (failure) {
      this.failNextChange.delete(change.requestId);
      throw failure;
    }
    const current = this.requests.get(change.requestId);
    if (!current) throw notFound('no such request');
    if (current.version !== change.expectedVersion) throw conflict('moved on');
    // Like the SQL store: a status change must be one the state machine allows (same status: `touch`).
    if (!this.touching) assertMove(current.status, change.to, `moved to ${change.to}`);
    const moved: SupportRequest = {
      ...current,
      status: change.to,
      version: current.version + 1,
      channel: change.channel ?? current.channel,
      inappropriate: change.inappropriate ?? current.inappropriate,
      messages: change.message
        ? [...current.messages, { at: change.at, authorId: change.actorId, kind: change.message.kind, text: change.message.text, summary: change.message.summary ?? null, expectedReturn: change.message.expectedReturn ?? null }]
        : current.messages,
      updatedAt: change.at,
    };
    this.requests.set(moved.id, moved);
    return moved;
  }
}

// ---------------------------------------------------------------------------------------------
// Notifications: one log, in the order they were sent.
// ---------------------------------------------------------------------------------------------

export type Sent =
  | { readonly kind: 'submitted'; readonly requestId: string }
  | { readonly kind: 'changed'; readonly requestId: string; readonly status: RequestStatus; readonly version: number }
  | { readonly kind: 'attention'; readonly requestId: string; readonly to: string }
  | { readonly kind: 'trend'; readonly trendId: string }
  | { readonly kind: 'overrideAsked'; readonly overrideId: string; readonly teamLeaderId: string }
  | { readonly kind: 'summaryShared'; readonly recordId: string; readonly sentToId: string | null };

export class FakeNotifier implements RequestNotifier, InterventionNotifier, OutcomeNotifier {
  readonly sent: Sent[] = [];
  async requestSubmitted(request: SupportRequest): Promise<void> {
    this.sent.push({ kind: 'submitted', requestId: request.id });
  }
  async requestChanged(request: SupportRequest): Promise<void> {
    this.sent.push({ kind: 'changed', requestId: request.id, status: request.status, version: request.version });
  }
  async requestNeedsAttention(request: SupportRequest, recipientId: string): Promise<void> {
    this.sent.push({ kind: 'attention', requestId: request.id, to: recipientId });
  }
  async trendSpotted(trendId: string, _trend: Trend): Promise<void> {
    this.sent.push({ kind: 'trend', trendId });
  }
  async overrideAsked(override: InterventionOverride): Promise<void> {
    this.sent.push({ kind: 'overrideAsked', overrideId: override.id, teamLeaderId: override.teamLeaderId });
  }
  async summaryShared(record: MeetingRecord): Promise<void> {
    this.sent.push({ kind: 'summaryShared', recordId: record.id, sentToId: record.sentToId });
  }
  /** Who was asked to look at a request, in order. */
  attentionTo(requestId?: string): string[] {
    return this.sent.flatMap((s) => (s.kind === 'attention' && (requestId === undefined || s.requestId === requestId) ? [s.to] : []));
  }
}

// ---------------------------------------------------------------------------------------------
// Follow-ups.
// ---------------------------------------------------------------------------------------------

/** Records the calls; answers with a made-up reference for each step that is a channel. */
export class FakeFollowUps implements FollowUpStarter {
  readonly calls: { fromRequestId: string; steps: readonly NextStep[]; actorId: string; at: Date }[] = [];
  private next = 900;
  async startFollowUps(fromRequestId: string, steps: readonly NextStep[], actorId: string, at: Date): Promise<readonly { step: NextStep; reference: string }[]> {
    this.calls.push({ fromRequestId, steps: [...steps], actorId, at });
    return steps.filter((s) => channelOfStep(s) !== null).map((step) => ({ step, reference: formatReference(this.next++) }));
  }
}

// ---------------------------------------------------------------------------------------------
// Interventions: consent, counts and overrides.
// ---------------------------------------------------------------------------------------------

export class FakeInterventionStore implements InterventionStore {
  readonly consents: ConsentRecord[] = [];
  readonly overrides = new Map<string, InterventionOverride>();
  /** Interventions each NINO has had, other than the request asked about. */
  readonly counts = new Map<string, number>();
  readonly countCalls: { nino: string; exceptRequestId: string }[] = [];
  private next = 1;

  async saveConsent(consent: NewConsent): Promise<ConsentRecord> {
    if (this.consents.some((c) => c.requestId === consent.requestId && c.purpose === consent.purpose)) throw conflict('consent already recorded');
    const saved: ConsentRecord = { ...consent, id: `consent-${this.next++}` };
    this.consents.push(saved);
    return saved;
  }
  async consentFor(requestId: string, purpose: ConsentPurpose): Promise<ConsentRecord | null> {
    return this.consents.find((c) => c.requestId === requestId && c.purpose === purpose) ?? null;
  }
  async countInterventions(nino: string, exceptRequestId: string): Promise<number> {
    this.countCalls.push({ nino, exceptRequestId });
    return this.counts.get(nino) ?? 0;
  }
  /** None being booked, unless a test's store knows its bookings. */
  async countBeingBooked(_nino: string, _exceptRequestId: string): Promise<number> {
    return 0;
  }
  async askOverride(override: Omit<InterventionOverride, 'id' | 'decision' | 'decidedAt' | 'note'>): Promise<InterventionOverride> {
    const pending = [...this.overrides.values()].find((o) => o.requestId === override.requestId && o.decision === 'pending');
    if (pending) return pending;
    const saved: InterventionOverride = { ...override, id: `override-${this.next++}`, decision: 'pending', decidedAt: null, note: null };
    this.overrides.set(saved.id, saved);
    return saved;
  }
  /** The latest override for the request. */
  async overrideFor(requestId: string): Promise<InterventionOverride | null> {
    return [...this.overrides.values()].filter((o) => o.requestId === requestId).pop() ?? null;
  }
  async findOverride(id: string): Promise<InterventionOverride | null> {
    return this.overrides.get(id) ?? null;
  }
  async decideOverride(id: string, decision: 'agreed' | 'declined', note: string | null, at: Date): Promise<InterventionOverride> {
    const current = this.overrides.get(id);
    if (!current) throw notFound('no such override');
    if (current.decision !== 'pending') throw conflict('already decided');
    const decided: InterventionOverride = { ...current, decision, note, decidedAt: at };
    this.overrides.set(id, decided);
    return decided;
  }
  /** Puts an override straight into the store. */
  putOverride(fields: Omit<InterventionOverride, 'id'>): InterventionOverride {
    const saved: InterventionOverride = { ...fields, id: `override-${this.next++}` };
    this.overrides.set(saved.id, saved);
    return saved;
  }
}

// ---------------------------------------------------------------------------------------------
// Meeting records (outcomes and summaries).
// ---------------------------------------------------------------------------------------------

export class FakeMeetingRecords implements MeetingRecordStore {
  readonly records: MeetingRecord[] = [];
  private next = 1;
  async add(record: Omit<MeetingRecord, 'id'>): Promise<MeetingRecord> {
    if (this.records.some((r) => r.requestId === record.requestId && r.kind === record.kind)) throw conflict(`a ${record.kind} already exists`);
    const saved: MeetingRecord = { ...record, id: `record-${this.next++}` };
    this.records.push(saved);
    return saved;
  }
  async forRequest(requestId: string): Promise<MeetingRecord[]> {
    return this.records.filter((r) => r.requestId === requestId);
  }
  async find(id: string): Promise<MeetingRecord | null> {
    return this.records.find((r) => r.id === id) ?? null;
  }
}

// ---------------------------------------------------------------------------------------------
// Quality checks.
// ---------------------------------------------------------------------------------------------

export class FakeQualityChecks implements QualityCheckStore {
  readonly checks: QualityCheck[] = [];
  readonly recordCalls: { id: string; result: QasResult; notes: string | null; at: Date }[] = [];
  private next = 1;
  async mark(check: Pick<QualityCheck, 'requestId' | 'standard' | 'checkerId' | 'markedAt'>): Promise<QualityCheck> {
    const existing = this.checks.find((c) => c.requestId === check.requestId);
    if (existing) return existing;
    const saved: QualityCheck = { ...check, id: `qas-${this.next++}`, result: null, notes: null, recordedAt: null };
    this.checks.push(saved);
    return saved;
  }
  async forRequest(requestId: string): Promise<QualityCheck | null> {
    return this.checks.find((c) => c.requestId === requestId) ?? null;
  }
  async record(id: string, result: QasResult, notes: string | null, at: Date): Promise<QualityCheck> {
    this.recordCalls.push({ id, result, notes, at });
    const index = this.checks.findIndex((c) => c.id === id);
    if (index < 0) throw notFound('no such check');
    if (this.checks[index]!.result) throw conflict('already recorded');
    const saved: QualityCheck = { ...this.checks[index]!, result, notes, recordedAt: at };
    this.checks[index] = saved;
    return saved;
  }
}
