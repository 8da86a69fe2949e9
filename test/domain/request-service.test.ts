import { DomainError, type DomainErrorKind } from '../../domain/errors';
import type { Clock, StaffDirectory } from '../../domain/ports';
import type { ClaimantSupportInput, ColleagueSupportInput, SkillSupportInput } from '../../domain/requests/drafts';
import type { CreatedRequest, NewSupportRequest, RequestNotifier, StatusChange, SupportRequestStore, Trend, VersionBump } from '../../domain/requests/ports';
import { assertMove } from '../../domain/requests/state-machine';
import { RequestService, requestTypesFor, type Submission } from '../../domain/requests/request-service';
import { seesClaimantInFull } from '../../domain/requests/participants';
import { formatReference, type RequestStatus, type SupportRequest } from '../../domain/requests/support-request';
import type { Role } from '../../domain/roles';
import type { StaffMember } from '../../domain/staff';

// ---------------------------------------------------------------------------------------------
// In-memory fakes for the ports.
// ---------------------------------------------------------------------------------------------

class FakeDirectory implements StaffDirectory {
  private readonly byId = new Map<string, StaffMember>();
  constructor(people: readonly StaffMember[]) {
    for (const person of people) this.byId.set(person.id, person);
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

class FakeStore implements SupportRequestStore {
  readonly requests = new Map<string, SupportRequest>();
  readonly created: { request: NewSupportRequest; at: Date }[] = [];
  readonly changes: StatusChange[] = [];
  readonly listCalls: { requesterId: string; limit: number }[] = [];
  private readonly keys = new Map<string, string>();
  private next = 1;

  async createOnce(request: NewSupportRequest, at: Date): Promise<CreatedRequest> {
    const earlier = [...this.requests.values()].find((r) => request.submissionKey !== undefined && this.keys.get(r.id) === request.submissionKey);
    if (earlier) return { request: earlier, created: false };
    this.created.push({ request, at });
    const saved = this.put({ ...request, status: 'submitted', channel: null, inappropriate: false, parentRequestId: null, requestedChannel: null, claimantCoachId: request.claimantCoachId ?? null, messages: [], createdAt: at, updatedAt: at });
    if (request.submissionKey !== undefined) this.keys.set(saved.id, request.submissionKey);
    return { request: saved, created: true };
  }

  /** Puts a request straight into the store, as if made earlier. */
  put(fields: Omit<SupportRequest, 'id' | 'reference' | 'version'> & { version?: number }): SupportRequest {
    const number = this.next++;
    const saved: SupportRequest = { ...fields, id: `req-${number}`, reference: formatReference(number), version: fields.version ?? 1 };
    this.requests.set(saved.id, saved);
    return saved;
  }

  async findById(id: string): Promise<SupportRequest | null> {
    return this.requests.get(id) ?? null;
  }

  async findByNumber(number: number): Promise<SupportRequest | null> {
    return [...this.requests.values()].find((r) => r.reference === formatReference(number)) ?? null;
  }

  async listByRequester(requesterId: string, limit: number): Promise<SupportRequest[]> {
    this.listCalls.push({ requesterId, limit });
    return [...this.requests.values()].filter((r) => r.requesterId === requesterId).slice(0, limit);
  }

  async listByRequesters(requesterIds: readonly string[], since: Date): Promise<SupportRequest[]> {
    return [...this.requests.values()].filter((r) => requesterIds.includes(r.requesterId) && r.createdAt >= since);
  }

  async touch(change: VersionBump): Promise<SupportRequest> {
    const current = this.requests.get(change.requestId);
    if (!current) throw new DomainError('not_found', 'no such request');
    if (current.version !== change.expectedVersion) throw new DomainError('conflict', 'moved on');
    this.changes.push({ ...change, to: current.status });
    const moved: SupportRequest = { ...current, version: current.version + 1, updatedAt: change.at };
    this.requests.set(moved.id, moved);
    return moved;
  }

  async changeStatus(change: StatusChange): Promise<SupportRequest> {
    this.changes.push(change);
    const current = this.requests.get(change.requestId);
    if (!current) throw new DomainError('not_found', 'no such request');
    if (current.version !== change.expectedVersion) throw new DomainError('conflict', 'moved on');
    assertMove(current.status, change.to, `moved to ${change.to}`);
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

class FakeNotifier implements RequestNotifier {
  readonly submitted: SupportRequest[] = [];
  readonly changed: SupportRequest[] = [];
  readonly needsAttention: { request: SupportRequest; recipientId: string }[] = [];
  readonly trends: { trendId: string; trend: Trend }[] = [];
  async requestSubmitted(request: SupportRequest): Promise<void> {
    this.submitted.push(request);
  }
  async requestChanged(request: SupportRequest): Promise<void> {
    this.changed.push(request);
  }
  async requestNeedsAttention(request: SupportRequest, recipientId: string): Promise<void> {
    this.needsAttention.push({ request, recipientId });
  }
  async trendSpotted(trendId: string, trend: Trend): Promise<void> {
    this.trends.push({ trendId, trend });
  }
}

class FixedClock implements Clock {
  constructor(private instant: Date) {}
  now(): Date {
    return new Date(this.instant.getTime());
  }
  set(instant: Date): void {
    this.instant = instant;
  }
}

// ---------------------------------------------------------------------------------------------
// People.
// ---------------------------------------------------------------------------------------------

function person(id: string, roles: readonly Role[], links: { deaId?: string | null; teamLeaderId?: string | null } = {}): StaffMember {
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

const dea = person('dea-1', ['dea'], { teamLeaderId: 'wctl-dea' });
const otherDea = person('dea-2', ['dea'], { teamLeaderId: 'wctl-other' });
const coach = person('coach-1', ['work_coach'], { deaId: 'dea-1', teamLeaderId: 'wctl-1' });
const otherCoach = person('coach-2', ['work_coach'], { deaId: 'dea-1', teamLeaderId: 'wctl-2' });
const coachWithoutDea = person('coach-3', ['work_coach'], { teamLeaderId: 'wctl-1' });
const coachWithNonDea = person('coach-4', ['work_coach'], { deaId: 'coach-2', teamLeaderId: 'wctl-1' });
const coachWithMissingDea = person('coach-5', ['work_coach'], { deaId: 'nobody', teamLeaderId: 'wctl-1' });
const coachTeamLeader = person('wctl-1', ['work_coach_team_leader']);
const otherTeamLeader = person('wctl-2', ['work_coach_team_leader']);
const deaTeamLeader = person('wctl-dea', ['work_coach_team_leader']);
const serviceDeliveryCoach = person('sdc-1', ['service_delivery_coach'], { deaId: 'dea-1', teamLeaderId: 'sdtl-1' });
const serviceDeliveryTeamLeader = person('sdtl-1', ['service_delivery_team_leader']);
/** Named as a coach's line manager in the directory, but without a team leader role. */
const managerWithoutRole = person('mgr-1', ['work_psychologist']);
const coachManagedByMgr = person('coach-6', ['work_coach'], { deaId: 'dea-1', teamLeaderId: 'mgr-1' });

const EVERYONE = [
  dea,
  otherDea,
  coach,
  otherCoach,
  coachWithoutDea,
  coachWithNonDea,
  coachWithMissingDea,
  coachTeamLeader,
  otherTeamLeader,
  deaTeamLeader,
  serviceDeliveryCoach,
  serviceDeliveryTeamLeader,
  managerWithoutRole,
  coachManagedByMgr,
];

// ---------------------------------------------------------------------------------------------
// Submissions.
// ---------------------------------------------------------------------------------------------

const claimantInput = (changes: Partial<ClaimantSupportInput> = {}): ClaimantSupportInput => ({
  surname: 'Smith',
  nino: 'AB123456C',
  benefits: ['UC'],
  challenges: 'Anxiety in group settings.',
  whyNeeded: 'Needs help choosing reasonable adjustments.',
  requiredBy: '2026-07-15',
  ...changes,
});

const claimant = (changes: Partial<ClaimantSupportInput> = {}, vulnerability: 'clearly_vulnerable' | 'suicide_or_self_harm' | null = null): Submission => ({
  type: 'claimant_support',
  input: claimantInput(changes),
  vulnerability,
});

const skill = (changes: Partial<SkillSupportInput> = {}): Submission => ({
  type: 'skill_support',
  input: { topic: 'retention', description: 'Keeping a job after a diagnosis.', requiredBy: '2026-07-20', ...changes },
});

const colleague = (changes: Partial<ColleagueSupportInput> = {}): Submission => ({
  type: 'colleague_support',
  input: { reason: 'Skills support request', description: 'Supporting a claimant with autism.', criticality: 'non_urgent', requiredBy: null, ...changes },
});

// ---------------------------------------------------------------------------------------------

const NOW = new Date('2026-06-30T23:30:00.000Z');

function setUp() {
  const store = new FakeStore();
  const notifier = new FakeNotifier();
  const clock = new FixedClock(NOW);
  const directory = new FakeDirectory(EVERYONE);
  const service = new RequestService({ store, directory, notifier, clock });
  return { store, notifier, clock, directory, service };
}

/** The DomainError a promise rejects with; fails the test if it resolves or rejects otherwise. */
async function domainErrorOf(promise: Promise<unknown>): Promise<DomainError> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`expected a DomainError, got ${JSON.stringify(value)}`);
}

async function expectKind(promise: Promise<unknown>, kind: DomainErrorKind): Promise<DomainError> {
  const error = await domainErrorOf(promise);
  expect(error.kind).toBe(kind);
  return error;
}

/** A request already in the store, made by `requester` to `deaId`. */
function existing(store: FakeStore, requester: StaffMember, status: RequestStatus = 'submitted', version = 1): SupportRequest {
  const at = new Date('2026-06-01T09:00:00.000Z');
  return store.put({
    type: 'claimant_support',
    status,
    version,
    requesterId: requester.id,
    deaId: requester.deaId ?? 'dea-1',
    claimant: { surname: 'Smith', nino: 'AB123456C', benefits: ['UC'] },
    topic: null,
    description: 'Anxiety.',
    reason: 'Adjustments.',
    requiredBy: '2026-07-15',
    urgent: false,
    vulnerability: null,
    channel: null,
    inappropriate: false,
    parentRequestId: null,
    requestedChannel: null,
    claimantCoachId: null,
    messages: [],
    createdAt: at,
    updatedAt: at,
  });
}

describe('requestTypesFor', () => {
  it.each<[string, readonly Role[], string[]]>([
    ['a work coach', ['work_coach'], ['claimant_support', 'skill_support']],
    ['a DEA', ['dea'], []],
    ['no roles', [], []],
    ['a service delivery coach', ['service_delivery_coach'], ['colleague_support']],
    ['a service delivery team leader (seed §39: may ask for an intervention)', ['service_delivery_team_leader'], ['colleague_support', 'claimant_support']],
    ['a work psychologist', ['work_psychologist'], ['colleague_support']],
    ['an employer adviser', ['employer_adviser'], ['colleague_support']],
    ['a health care professional', ['hcp'], ['colleague_support']],
    ['an HCP activity manager', ['hcp_activity_manager'], ['colleague_support']],
    ['a work coach team leader (seed §39: may ask for an intervention)', ['work_coach_team_leader'], ['colleague_support', 'claimant_support']],
    ['a work coach who is also a DEA', ['work_coach', 'dea'], ['claimant_support', 'skill_support']],
    ['a work coach who is also a service delivery coach', ['work_coach', 'service_delivery_coach'], ['claimant_support', 'skill_support']],
    ['a DEA who is also a service delivery coach', ['dea', 'service_delivery_coach'], ['colleague_support']],
  ])('%s may ask for %j', (_label, roles, types) => {
    expect(requestTypesFor(person('p', roles))).toEqual(types);
  });
});

describe('RequestService.today', () => {
  it('is the London date of the clock', () => {
    const { service, clock } = setUp();
    expect(service.today()).toBe('2026-07-01');
    clock.set(new Date('2026-12-31T23:30:00.000Z'));
    expect(service.today()).toBe('2026-12-31');
  });
});

describe("RequestService: a team leader names the claimant's work coach (seed §39, §41)", () => {
  const sdtl = person('sdtl-9', ['service_delivery_team_leader']);
  const leader = person('wctl-9', ['work_coach_team_leader'], { teamLeaderId: 'sdtl-9' });
  const theirDea = person('dea-9', ['dea'], { teamLeaderId: 'wctl-9' });
  const zoe = { ...person('coach-91', ['work_coach'], { deaId: 'dea-9', teamLeaderId: 'wctl-9' }), name: 'Zoe Adams' };
  const adam = { ...person('coach-92', ['work_coach'], { deaId: 'dea-9', teamLeaderId: 'wctl-9' }), name: 'Adam Zola' };
  const direct = { ...person('coach-93', ['work_coach'], { teamLeaderId: 'sdtl-9' }), name: 'Mo Khan' };
  const elsewhere = person('coach-94', ['work_coach'], { deaId: 'dea-9', teamLeaderId: 'wctl-other' });
  const setUpTeam = () => {
    const store = new FakeStore();
    const service = new RequestService({ store, directory: new FakeDirectory([sdtl, leader, theirDea, zoe, adam, direct, elsewhere]), notifier: new FakeNotifier(), clock: new FixedClock(NOW) });
    return { store, service };
  };

  it('offers the work coaches they lead, and those their team leaders lead, by name; nobody to a coach', async () => {
    const { service } = setUpTeam();
    expect((await service.claimantCoachesFor(leader)).map((p) => p.name)).toEqual(['Adam Zola', 'Zoe Adams']);
    expect((await service.claimantCoachesFor(sdtl)).map((p) => p.name)).toEqual(['Adam Zola', 'Mo Khan', 'Zoe Adams']);
    expect(await service.claimantCoachesFor(zoe)).toEqual([]);
  });

  it('saves the coach named, refuses one missing or not theirs, and ignores one a coach sends', async () => {
    const { service, store } = setUpTeam();
    expect((await domainErrorOf(service.submit(leader, claimant()))).problems).toEqual({ claimantCoach: "Choose the claimant's work coach: the DEA's summary goes to them, to follow up." });
    expect((await domainErrorOf(service.submit(leader, claimant({ claimantCoachId: 'coach-94' })))).problems).toEqual({
      claimantCoach: "Choose the claimant's work coach from the list: only your team's work coaches can be named.",
    });
    expect(store.created).toEqual([]);
    const saved = await service.submit(leader, claimant({ claimantCoachId: 'coach-91' }));
    expect(saved).toMatchObject({ requesterId: 'wctl-9', claimantCoachId: 'coach-91' });
    // The coach may see it, and sees the claimant in full; another coach of the DEA may not.
    expect(await service.shownTo(zoe, saved)).toBe(saved);
    expect(seesClaimantInFull(zoe, saved)).toBe(true);
    await expect(service.shownTo(adam, saved)).rejects.toMatchObject({ kind: 'not_allowed' });
    expect(await service.parties(saved)).toMatchObject({ requester: leader, adviser: theirDea, claimantCoach: zoe });
    // A Service Delivery Team Leader's request goes to the DEA of the coach they named.
    const viaTeams = await service.submit(sdtl, claimant({ claimantCoachId: 'coach-92' }));
    expect(viaTeams).toMatchObject({ requesterId: 'sdtl-9', claimantCoachId: 'coach-92', deaId: 'dea-9' });
    expect(await service.deaForClaimant(sdtl, adam)).toBe(theirDea);
    // A coach they lead with no DEA, and no DEA of their own: nobody to send it to.
    await expect(service.submit(sdtl, claimant({ claimantCoachId: 'coach-93' }))).rejects.toMatchObject({ kind: 'invalid', message: 'You have no DEA assigned in the staff directory.' });
    // A coach's own request names nobody else, whatever the form carried.
    expect(await service.submit(zoe, claimant({ claimantCoachId: 'coach-92' }))).toMatchObject({ requesterId: 'coach-91', claimantCoachId: null });
  });
});

describe('RequestService.mayStartRequest: whom there is to ask (seed §39)', () => {
  // A Service Delivery Team Leader with no DEA of their own, whose Work Coach Team Leaders manage two DEAs.
  const sdtl = person('sdtl-7', ['service_delivery_team_leader']);
  const wctl = person('wctl-7', ['work_coach_team_leader'], { teamLeaderId: 'sdtl-7' });
  const deaA = person('dea-7a', ['dea'], { teamLeaderId: 'wctl-7' });
  const deaB = person('dea-7b', ['dea'], { teamLeaderId: 'wctl-7' });
  const coachA = person('coach-7a', ['work_coach'], { deaId: 'dea-7a', teamLeaderId: 'wctl-7' });
  const coachB = person('coach-7b', ['work_coach'], { deaId: 'dea-7b', teamLeaderId: 'wctl-7' });
  // A team leader whose only coach has no DEA, and one who leads nobody.
  const lonelyLeader = person('wctl-8', ['work_coach_team_leader']);
  const coachNoDea = person('coach-8', ['work_coach'], { teamLeaderId: 'wctl-8' });
  const emptyLeader = person('wctl-9', ['work_coach_team_leader']);
  const setUpTeams = () => {
    const store = new FakeStore();
    const people = [sdtl, wctl, deaA, deaB, coachA, coachB, lonelyLeader, coachNoDea, emptyLeader, ...EVERYONE];
    const service = new RequestService({ store, directory: new FakeDirectory(people), notifier: new FakeNotifier(), clock: new FixedClock(NOW) });
    return { store, service };
  };

  it('a person with a DEA of their own may ask for everything their role allows, naming that DEA', async () => {
    const { service } = setUpTeams();
    expect(await service.mayStartRequest(coach)).toEqual({ types: ['claimant_support', 'skill_support'], dea });
    expect(await service.mayStartRequest(serviceDeliveryCoach)).toEqual({ types: ['colleague_support'], dea });
    // A team leader managing exactly one DEA: that DEA is theirs.
    expect(await service.mayStartRequest(deaTeamLeader)).toEqual({ types: ['colleague_support', 'claimant_support'], dea });
  });

  it('a team leader with no DEA of their own may ask for an intervention when a coach of theirs has a DEA; the DEA is the chosen coach\'s', async () => {
    const { service } = setUpTeams();
    // Managing two DEAs: neither is "theirs", but their coaches' DEAs can be asked.
    expect(await service.deaFor(wctl)).toBeNull();
    expect(await service.mayStartRequest(wctl)).toEqual({ types: ['claimant_support'], dea: null });
    // Through the Work Coach Team Leaders they lead.
    expect(await service.deaFor(sdtl)).toBeNull();
    expect(await service.mayStartRequest(sdtl)).toEqual({ types: ['claimant_support'], dea: null });
    // Submitting goes to the chosen coach's DEA, as before.
    expect(await service.submit(sdtl, claimant({ claimantCoachId: 'coach-7b' }))).toMatchObject({ requesterId: 'sdtl-7', deaId: 'dea-7b', claimantCoachId: 'coach-7b' });
    expect(await service.submit(wctl, claimant({ claimantCoachId: 'coach-7a' }))).toMatchObject({ requesterId: 'wctl-7', deaId: 'dea-7a' });
  });

  it('nobody to ask: no DEA of their own and none among their coaches, or only colleague support for themselves', async () => {
    const { service } = setUpTeams();
    expect(await service.mayStartRequest(lonelyLeader)).toEqual({ types: [], dea: null });
    expect(await service.mayStartRequest(emptyLeader)).toEqual({ types: [], dea: null });
    expect(await service.mayStartRequest(coachWithoutDea)).toEqual({ types: [], dea: null });
    expect(await service.mayStartRequest(person('sdc-9', ['service_delivery_coach']))).toEqual({ types: [], dea: null });
    expect(await service.mayStartRequest(dea)).toEqual({ types: [], dea: null });
  });
});

describe('RequestService.deaFor and teamLeaderOf', () => {
  it('finds the DEA the directory names', async () => {
    const { service } = setUp();
    expect(await service.deaFor(coach)).toEqual(dea);
  });

  it('is null with no DEA, a missing DEA, or someone who is not a DEA', async () => {
    const { service } = setUp();
    expect(await service.deaFor(coachWithoutDea)).toBeNull();
    expect(await service.deaFor(coachWithMissingDea)).toBeNull();
    expect(await service.deaFor(coachWithNonDea)).toBeNull();
  });

  it('finds the team leader, or null', async () => {
    const { service } = setUp();
    expect(await service.teamLeaderOf(coach)).toEqual(coachTeamLeader);
    expect(await service.teamLeaderOf(coachTeamLeader)).toBeNull();
  });
});

describe('RequestService.submit: claimant support', () => {
  it('saves the request with the coach’s DEA, at the clock’s time, and notifies once', async () => {
    const { service, store, notifier } = setUp();
    const request = await service.submit(coach, claimant());

    expect(store.created).toEqual([
      {
        request: {
          type: 'claimant_support',
          requesterId: 'coach-1',
          deaId: 'dea-1',
          claimant: { surname: 'Smith', nino: 'AB123456C', benefits: ['UC'] },
          topic: null,
          description: 'Anxiety in group settings.',
          reason: 'Needs help choosing reasonable adjustments.',
          requiredBy: '2026-07-15',
          urgent: false,
          vulnerability: null,
          requestedChannel: null,
          claimantCoachId: null,
        },
        at: NOW,
      },
    ]);
    expect(request).toMatchObject({ id: 'req-1', reference: 'DEA-000001', status: 'submitted', deaId: 'dea-1', requesterId: 'coach-1' });
    expect(notifier.submitted).toEqual([request]);
    expect(notifier.changed).toEqual([]);
  });

  it('a form sent again, in the same millisecond as the first, returns the first request and tells the DEA once; another person sending that form is refused', async () => {
    const { service, store, notifier } = setUp();
    const first = await service.submit(coach, claimant(), 'form-1');
    // The clock has not moved: the store, not the time, says whether this send saved it.
    const again = await service.submit(coach, claimant(), 'form-1');
    expect(again).toEqual(first);
    expect(store.created).toHaveLength(1);
    expect(notifier.submitted).toEqual([first]);
    await expect(service.submit(otherCoach, claimant(), 'form-1')).rejects.toMatchObject({ kind: 'conflict', message: 'This form was already used, so nothing was sent.' });
    expect(notifier.submitted).toHaveLength(1);
  });

  it.each<[string, ClaimantSupportInput['benefits']]>([
    ['PIP only', ['PIP']],
    ['DLA only', ['DLA']],
    ['AA only', ['AA']],
    ['PIP, DLA and AA', ['PIP', 'DLA', 'AA']],
  ])('refuses a non-benefit claimant (%s) without an exception: invalid, nothing saved nor notified', async (_label, benefits) => {
    const { service, store, notifier } = setUp();
    const error = await expectKind(service.submit(coach, claimant({ benefits })), 'invalid');
    expect(error.message).toMatch(/Refer them to another source of support or information: your local disability hub lists them/);
    expect(store.created).toEqual([]);
    expect(store.requests.size).toBe(0);
    expect(notifier.submitted).toEqual([]);
  });

  it('saves a non-benefit claimant who declared suicide or self-harm, urgent', async () => {
    const { service, store, notifier } = setUp();
    const request = await service.submit(coach, claimant({ benefits: ['PIP'] }, 'suicide_or_self_harm'));
    expect(store.created).toHaveLength(1);
    expect(store.created[0]?.request).toMatchObject({ urgent: true, vulnerability: 'suicide_or_self_harm', claimant: { benefits: ['PIP'] } });
    expect(request.urgent).toBe(true);
    expect(notifier.submitted).toEqual([request]);
  });

  it('saves a clearly vulnerable non-benefit claimant, urgent', async () => {
    const { service, store } = setUp();
    const request = await service.submit(coach, claimant({ benefits: ['DLA', 'AA'] }, 'clearly_vulnerable'));
    expect(store.created[0]?.request).toMatchObject({ urgent: true, vulnerability: 'clearly_vulnerable' });
    expect(request.urgent).toBe(true);
  });

  it('a declaration makes a UC claimant’s request urgent too', async () => {
    const { service } = setUp();
    expect((await service.submit(coach, claimant({ benefits: ['UC'] }, 'suicide_or_self_harm'))).urgent).toBe(true);
  });

  it.each([
    ['no DEA', coachWithoutDea],
    ['a DEA missing from the directory', coachWithMissingDea],
    ['a "DEA" who is not a DEA', coachWithNonDea],
  ])('refuses a coach with %s: invalid, nothing saved nor notified', async (_label, who) => {
    const { service, store, notifier } = setUp();
    const error = await expectKind(service.submit(who, claimant()), 'invalid');
    expect(error.message).toMatch(/no DEA/);
    expect(store.created).toEqual([]);
    expect(notifier.submitted).toEqual([]);
  });

  it('a DEA cannot submit: not allowed, nothing saved', async () => {
    const { service, store, notifier } = setUp();
    await expectKind(service.submit(dea, claimant()), 'not_allowed');
    await expectKind(service.submit(dea, skill()), 'not_allowed');
    await expectKind(service.submit(dea, colleague()), 'not_allowed');
    expect(store.created).toEqual([]);
    expect(notifier.submitted).toEqual([]);
  });

  it('checks the role before the DEA: a coach with no DEA asking for colleague support is not allowed, not invalid', async () => {
    const { service } = setUp();
    await expectKind(service.submit(coachWithoutDea, colleague()), 'not_allowed');
  });
});

describe('RequestService.submit: skill support', () => {
  it('saves the topic and description, not urgent, with no claimant', async () => {
    const { service, store, notifier } = setUp();
    const request = await service.submit(coach, skill());
    expect(store.created).toEqual([
      {
        request: {
          type: 'skill_support',
          requesterId: 'coach-1',
          deaId: 'dea-1',
          claimant: null,
          topic: 'retention',
          description: 'Keeping a job after a diagnosis.',
          reason: null,
          requiredBy: '2026-07-20',
          urgent: false,
          vulnerability: null,
        },
        at: NOW,
      },
    ]);
    expect(notifier.submitted).toEqual([request]);
  });
});

describe('RequestService.submit: colleague support', () => {
  it('a service delivery coach can submit; urgent criticality makes it urgent', async () => {
    const { service, store, notifier } = setUp();
    const request = await service.submit(serviceDeliveryCoach, colleague({ criticality: 'urgent', requiredBy: '2026-07-02' }));
    expect(store.created).toEqual([
      {
        request: {
          type: 'colleague_support',
          requesterId: 'sdc-1',
          deaId: 'dea-1',
          claimant: null,
          topic: null,
          description: 'Supporting a claimant with autism.',
          reason: 'Skills support request',
          requiredBy: '2026-07-02',
          urgent: true,
          vulnerability: null,
        },
        at: NOW,
      },
    ]);
    expect(request.urgent).toBe(true);
    expect(notifier.submitted).toEqual([request]);
  });

  it('non-urgent criticality is not urgent, and no date is fine', async () => {
    const { service } = setUp();
    const request = await service.submit(serviceDeliveryCoach, colleague({ criticality: 'non_urgent', requiredBy: null }));
    expect(request).toMatchObject({ urgent: false, requiredBy: null });
  });

  it('a work coach cannot submit colleague support: not allowed, nothing saved', async () => {
    const { service, store, notifier } = setUp();
    await expectKind(service.submit(coach, colleague()), 'not_allowed');
    expect(store.created).toEqual([]);
    expect(notifier.submitted).toEqual([]);
  });

  it('a service delivery coach cannot submit claimant or skill support', async () => {
    const { service, store } = setUp();
    await expectKind(service.submit(serviceDeliveryCoach, claimant()), 'not_allowed');
    await expectKind(service.submit(serviceDeliveryCoach, skill()), 'not_allowed');
    expect(store.created).toEqual([]);
  });
});

describe('RequestService.mine', () => {
  it('lists the person’s own requests, 20 by default', async () => {
    const { service, store } = setUp();
    const own = existing(store, coach);
    existing(store, otherCoach);
    expect(await service.mine(coach)).toEqual([own]);
    expect(await service.mine(coach, 5)).toEqual([own]);
    expect(store.listCalls).toEqual([
      { requesterId: 'coach-1', limit: 20 },
      { requesterId: 'coach-1', limit: 5 },
    ]);
  });
});

describe('RequestService.withdraw', () => {
  it('the requester withdraws: status withdrawn, the change is recorded and the notifier told', async () => {
    const { service, store, notifier } = setUp();
    const request = existing(store, coach);
    const withdrawn = await service.withdraw(coach, request.id, 1);

    expect(withdrawn).toMatchObject({ id: request.id, status: 'withdrawn', version: 2 });
    expect(store.requests.get(request.id)?.status).toBe('withdrawn');
    expect(store.changes).toEqual([{ requestId: request.id, expectedVersion: 1, to: 'withdrawn', actorId: 'coach-1', action: 'withdraw', at: NOW }]);
    expect(notifier.changed).toEqual([withdrawn]);
    // The requester is told the DEA has been told: the DEA is sent it.
    expect(notifier.needsAttention).toEqual([{ request: withdrawn, recipientId: 'dea-1' }]);
    expect(notifier.submitted).toEqual([]);
  });

  it.each<RequestStatus>(['submitted', 'info_requested', 'accepted'])('can withdraw from %s', async (status) => {
    const { service, store } = setUp();
    const request = existing(store, coach, status, 3);
    expect((await service.withdraw(coach, request.id, 3)).status).toBe('withdrawn');
  });

  it.each([
    ['the DEA', dea],
    ['another coach', otherCoach],
    ['the requester’s team leader', coachTeamLeader],
  ])('%s cannot withdraw: not allowed, nothing changed', async (_label, who) => {
    const { service, store, notifier } = setUp();
    const request = existing(store, coach);
    await expectKind(service.withdraw(who, request.id, 1), 'not_allowed');
    expect(store.changes).toEqual([]);
    expect(store.requests.get(request.id)?.status).toBe('submitted');
    expect(notifier.changed).toEqual([]);
  });

  it('a stale version is a conflict, nothing changed', async () => {
    const { service, store, notifier } = setUp();
    const request = existing(store, coach, 'submitted', 2);
    await expectKind(service.withdraw(coach, request.id, 1), 'conflict');
    expect(store.changes).toEqual([]);
    expect(notifier.changed).toEqual([]);
  });

  it.each<RequestStatus>(['booked', 'held', 'outcome_recorded', 'closed', 'redirected', 'withdrawn'])(
    'cannot withdraw once %s: invalid, nothing changed',
    async (status) => {
      const { service, store, notifier } = setUp();
      const request = existing(store, coach, status);
      const error = await expectKind(service.withdraw(coach, request.id, 1), 'invalid');
      expect(error.message).toMatch(/before it is booked/);
      expect(store.changes).toEqual([]);
      expect(notifier.changed).toEqual([]);
    },
  );

  it('an unknown request is not found', async () => {
    const { service } = setUp();
    await expectKind(service.withdraw(coach, 'req-404', 1), 'not_found');
  });
});

describe('RequestService.visibleTo', () => {
  it.each([
    ['the requester', coach],
    ['the DEA', dea],
    ['the requester’s team leader', coachTeamLeader],
    ['the DEA’s team leader', deaTeamLeader],
  ])('%s may see a work coach’s request', async (_label, who) => {
    const { service, store } = setUp();
    const request = existing(store, coach);
    expect(await service.visibleTo(who, request.id)).toEqual(request);
  });

  it.each([
    ['another coach of the same DEA', otherCoach],
    ['another team leader', otherTeamLeader],
    ['another DEA', otherDea],
    ['a service delivery team leader who is not the requester’s', serviceDeliveryTeamLeader],
    ['a service delivery coach', serviceDeliveryCoach],
  ])('%s may not: not allowed', async (_label, who) => {
    const { service, store } = setUp();
    const request = existing(store, coach);
    await expectKind(service.visibleTo(who, request.id), 'not_allowed');
  });

  it('a service delivery team leader may see their service delivery coach’s request', async () => {
    const { service, store } = setUp();
    const request = existing(store, serviceDeliveryCoach);
    expect(await service.visibleTo(serviceDeliveryTeamLeader, request.id)).toEqual(request);
  });

  it('being named as line manager is not enough without a team leader role', async () => {
    const { service, store } = setUp();
    const request = existing(store, coachManagedByMgr);
    await expectKind(service.visibleTo(managerWithoutRole, request.id), 'not_allowed');
  });

  it('an unknown request is not found', async () => {
    const { service } = setUp();
    await expectKind(service.visibleTo(coach, 'req-404'), 'not_found');
  });
});

describe('RequestService.parties', () => {
  it('finds the requester and the DEA (the adviser), and the team leaders who may read it', async () => {
    const { service, store } = setUp();
    expect(await service.parties(existing(store, coach))).toEqual({ requester: coach, adviser: dea, claimantCoach: null, viewerIds: [coach.teamLeaderId, ...(dea.teamLeaderId ? [dea.teamLeaderId] : [])] });
  });

  it('is not found when someone has left the directory', async () => {
    const { service, store } = setUp();
    const request = store.put({ ...existing(store, coach), requesterId: 'gone' });
    await expectKind(service.parties(request), 'not_found');
  });
});

describe('seesClaimantInFull', () => {
  it('only the requester and the DEA', () => {
    const { store } = setUp();
    const request = existing(store, coach);
    expect(seesClaimantInFull(coach, request)).toBe(true);
    expect(seesClaimantInFull(dea, request)).toBe(true);
    expect(seesClaimantInFull(coachTeamLeader, request)).toBe(false);
    expect(seesClaimantInFull(deaTeamLeader, request)).toBe(false);
    expect(seesClaimantInFull(otherCoach, request)).toBe(false);
    expect(seesClaimantInFull(otherDea, request)).toBe(false);
  });
});
