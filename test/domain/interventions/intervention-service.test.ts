import type { ConsentRecord, NewConsent } from '../../../domain/interventions/consent';
import { INTERVENTION_STATEMENTS, requiredInterventionStatements } from '../../../domain/interventions/consent';
import { InterventionService } from '../../../domain/interventions/intervention-service';
import { isTeamLeader } from '../../../domain/staff';
import { FollowUps } from '../../../domain/outcomes/follow-ups';
import type { FollowUpStarter } from '../../../domain/outcomes/next-steps';
import type { SupportRequest } from '../../../domain/requests/support-request';
import { FakeDirectory, FakeFollowUps, FakeInterventionStore, FakeNotifier, FakeRequests, FixedClock, person } from './fakes';

// ---------------------------------------------------------------------------------------------
// People: the coach's and the DEA's team leaders are different people.
// ---------------------------------------------------------------------------------------------

const dea = person('dea-1', ['dea'], { teamLeaderId: 'wctl-dea' });
const deaWithoutLeader = person('dea-2', ['dea']);
const coach = person('coach-1', ['work_coach'], { deaId: 'dea-1', teamLeaderId: 'wctl-coach' });
const otherCoach = person('coach-2', ['work_coach'], { deaId: 'dea-1', teamLeaderId: 'wctl-coach' });
const deaTeamLeader = person('wctl-dea', ['work_coach_team_leader']);
const coachTeamLeader = person('wctl-coach', ['work_coach_team_leader'], { deaId: 'dea-1' });
const serviceDeliveryTeamLeader = person('sdtl-1', ['service_delivery_team_leader'], { deaId: 'dea-1' });
const EVERYONE = [dea, deaWithoutLeader, coach, otherCoach, deaTeamLeader, coachTeamLeader, serviceDeliveryTeamLeader];

const NOW = new Date('2026-07-14T12:00:00.000Z');
const NINO = 'AB123456C';

function setUp(followUps: FollowUpStarter = new FakeFollowUps()) {
  const requests = new FakeRequests();
  const store = new FakeInterventionStore();
  const notifier = new FakeNotifier();
  const clock = new FixedClock(NOW);
  const directory = new FakeDirectory(EVERYONE);
  const service = new InterventionService({ requests, store, directory, notifier, followUps, clock });
  return { requests, store, notifier, clock, directory, service, followUps };
}

type Setup = ReturnType<typeof setUp>;

const threeWay = (s: Setup, changes: Partial<SupportRequest> = {}) => s.requests.add({ channel: 'three_way_intervention', status: 'accepted', version: 3, ...changes });
const intervention = (s: Setup, changes: Partial<SupportRequest> = {}) => s.requests.add({ channel: 'claimant_support_intervention', status: 'accepted', version: 3, ...changes });

function consent(requestId: string, changes: Partial<NewConsent> = {}): NewConsent {
  return {
    requestId,
    purpose: 'three_way_intervention',
    conditionality: 'mandatory',
    statements: ['dea_role', 'why_dea_helps', 'consequences'],
    answer: 'agreed',
    availability: ['monday-am'],
    letterFormat: 'standard',
    capturedById: 'coach-1',
    capturedAt: new Date('2026-07-01T10:00:00.000Z'),
    ...changes,
  };
}

const agreed = { conditionality: 'mandatory', explained: 'dea_role,why_dea_helps,consequences', answer: 'agreed', availability: 'tuesday-pm,thursday-am', letterFormat: 'large_print' };
const refused = { conditionality: 'voluntary', explained: 'dea_role,why_dea_helps', answer: 'refused' };
const allStatements = Object.keys(INTERVENTION_STATEMENTS).join(',');

describe('isTeamLeader', () => {
  it('is a work coach or service delivery team leader', () => {
    expect(isTeamLeader(deaTeamLeader)).toBe(true);
    expect(isTeamLeader(serviceDeliveryTeamLeader)).toBe(true);
    expect(isTeamLeader(coach)).toBe(false);
    expect(isTeamLeader(dea)).toBe(false);
  });
});

describe('InterventionService.state and bookingBlockedBy', () => {
  it('has nothing to say about other channels', async () => {
    const s = setUp();
    for (const channel of ['case_conference', 'skill_conference', 'informational_support', 'group_conference', null] as const) {
      const request = s.requests.add({ channel });
      expect(await s.service.state(request)).toBeNull();
      expect(await s.service.bookingBlockedBy(request)).toBeNull();
    }
  });

  describe('three way intervention', () => {
    it('is blocked until the claimant’s consent is recorded', async () => {
      const s = setUp();
      const request = threeWay(s);
      expect(await s.service.state(request)).toEqual({ consent: null, priorInterventions: 0, override: null, blockedBy: "The work coach records the claimant's consent first." });
      expect(await s.service.bookingBlockedBy(request)).toBe("The work coach records the claimant's consent first.");
    });

    it('is blocked when the claimant refused', async () => {
      const s = setUp();
      const request = threeWay(s);
      await s.store.saveConsent(consent(request.id, { answer: 'refused', availability: [] }));
      expect(await s.service.bookingBlockedBy(request)).toBe('The claimant did not agree.');
    });

    it('may be booked once the claimant agreed, whatever the intervention count', async () => {
      const s = setUp();
      s.store.counts.set(NINO, 7);
      const request = threeWay(s);
      const saved = await s.store.saveConsent(consent(request.id));
      const state = await s.service.state(request);
      expect(state).toEqual({ consent: saved, priorInterventions: 0, override: null, blockedBy: null });
      expect(await s.service.bookingBlockedBy(request)).toBeNull();
      expect(s.store.countCalls).toEqual([]);
    });

    it('ignores a claimant support intervention consent for the same request', async () => {
      const s = setUp();
      const request = threeWay(s);
      await s.store.saveConsent(consent(request.id, { purpose: 'claimant_support_intervention' }));
      expect(await s.service.bookingBlockedBy(request)).toBe("The work coach records the claimant's consent first.");
    });
  });

  describe('claimant support intervention', () => {
    async function withConsent(s: Setup, prior: number, changes: Partial<SupportRequest> = {}) {
      s.store.counts.set(NINO, prior);
      const request = intervention(s, changes);
      await s.store.saveConsent(consent(request.id, { purpose: 'claimant_support_intervention', conditionality: 'voluntary', availability: [] }));
      return request;
    }

    it('is blocked until the requester confirms the pre-conditions', async () => {
      const s = setUp();
      const request = intervention(s);
      expect(await s.service.bookingBlockedBy(request)).toBe('The requester confirms the pre-conditions first.');
    });

    it.each([0, 1, 2])('may be booked with consent after %i earlier interventions', async (prior) => {
      const s = setUp();
      const request = await withConsent(s, prior);
      const state = await s.service.state(request);
      expect(state).toMatchObject({ priorInterventions: prior, override: null, blockedBy: null });
      expect(s.store.countCalls).toEqual([{ nino: NINO, exceptRequestId: request.id }]);
    });

    it('needs the DEA’s team leader from the 4th intervention on', async () => {
      const s = setUp();
      const request = await withConsent(s, 3);
      expect(await s.service.bookingBlockedBy(request)).toBe(
        "The claimant has had 3 DEA claimant support interventions: a 4th needs the DEA's Work Coach Team Leader to agree (exceptional circumstances).",
      );
      s.store.counts.set(NINO, 4);
      expect(await s.service.bookingBlockedBy(request)).toMatch(/has had 4 .*a 5th needs/);
    });

    it('waits while the team leader has been asked', async () => {
      const s = setUp();
      const request = await withConsent(s, 3);
      const override = s.store.putOverride({ requestId: request.id, reason: 'Crisis.', askedById: 'dea-1', askedAt: NOW, teamLeaderId: 'wctl-dea', decision: 'pending', decidedAt: null, note: null, priorCount: 3 });
      const state = await s.service.state(request);
      expect(state?.override).toEqual(override);
      expect(state?.blockedBy).toBe("Waiting for the DEA's Work Coach Team Leader to agree a further intervention.");
    });

    it('stays blocked when the team leader declined', async () => {
      const s = setUp();
      const request = await withConsent(s, 3);
      s.store.putOverride({ requestId: request.id, reason: 'Crisis.', askedById: 'dea-1', askedAt: NOW, teamLeaderId: 'wctl-dea', decision: 'declined', decidedAt: NOW, note: 'No.', priorCount: 3 });
      expect(await s.service.bookingBlockedBy(request)).toBe("The DEA's Work Coach Team Leader did not agree a further intervention.");
    });

    it('may be booked once the team leader agreed', async () => {
      const s = setUp();
      const request = await withConsent(s, 5);
      s.store.putOverride({ requestId: request.id, reason: 'Crisis.', askedById: 'dea-1', askedAt: NOW, teamLeaderId: 'wctl-dea', decision: 'agreed', decidedAt: NOW, note: null, priorCount: 5 });
      expect(await s.service.state(request)).toMatchObject({ priorInterventions: 5, blockedBy: null });
    });

    it('still needs consent when the team leader agreed', async () => {
      const s = setUp();
      s.store.counts.set(NINO, 3);
      const request = intervention(s);
      s.store.putOverride({ requestId: request.id, reason: 'Crisis.', askedById: 'dea-1', askedAt: NOW, teamLeaderId: 'wctl-dea', decision: 'agreed', decidedAt: NOW, note: null, priorCount: 3 });
      expect(await s.service.bookingBlockedBy(request)).toBe('The requester confirms the pre-conditions first.');
    });

    it('counts nothing for a request without a claimant', async () => {
      const s = setUp();
      s.store.counts.set(NINO, 9);
      const request = await withConsent(s, 9, { claimant: null });
      expect(await s.service.state(request)).toMatchObject({ priorInterventions: 0, blockedBy: null });
      expect(s.store.countCalls).toEqual([]);
    });
  });
});

describe('InterventionService.claimantHours', () => {
  it('gives the claimant’s half days once they agreed to a three way', async () => {
    const s = setUp();
    const request = threeWay(s);
    expect(await s.service.claimantHours(request)).toBeNull();
    await s.store.saveConsent(consent(request.id, { availability: ['monday-am', 'monday-pm', 'thursday-pm'] }));
    expect(await s.service.claimantHours(request)).toEqual({ monday: { start: '09:00', end: '17:00' }, thursday: { start: '13:00', end: '17:00' } });
  });

  it('is null after a refusal and for other channels', async () => {
    const s = setUp();
    const refusedRequest = threeWay(s);
    await s.store.saveConsent(consent(refusedRequest.id, { answer: 'refused', availability: ['monday-am'] }));
    expect(await s.service.claimantHours(refusedRequest)).toBeNull();
    const other = intervention(s);
    await s.store.saveConsent(consent(other.id, { purpose: 'claimant_support_intervention', availability: ['monday-am'] }));
    expect(await s.service.claimantHours(other)).toBeNull();
  });
});

describe('InterventionService.captureThreeWayConsent', () => {
  it('records an agreement as its own record and moves the request on', async () => {
    const s = setUp();
    const request = threeWay(s);
    const result = await s.service.captureThreeWayConsent(coach, request.id, 3, agreed);

    const expected: ConsentRecord = {
      id: result.consent.id,
      requestId: request.id,
      purpose: 'three_way_intervention',
      conditionality: 'mandatory',
      statements: ['dea_role', 'why_dea_helps', 'consequences'],
      answer: 'agreed',
      availability: ['tuesday-pm', 'thursday-am'],
      letterFormat: 'large_print',
      capturedById: 'coach-1',
      capturedAt: NOW,
    };
    expect(result.consent).toEqual(expected);
    expect(s.store.consents).toEqual([expected]);
    expect(result.caseConference).toBeNull();
    expect(result.request).toMatchObject({ id: request.id, status: 'accepted', version: 4 });
    expect(s.requests.changes).toEqual([{ requestId: request.id, expectedVersion: 3, to: 'accepted', actorId: 'coach-1', action: 'consent:agreed', at: NOW }]);
    expect(s.notifier.sent).toEqual([{ kind: 'changed', requestId: request.id, status: 'accepted', version: 4 }]);
    expect((s.followUps as FakeFollowUps).calls).toEqual([]);
    expect(await s.service.bookingBlockedBy(s.requests.get(request.id))).toBeNull();
  });

  it('turns a refusal into a case conference request, closes this one with a note and tells the DEA', async () => {
    const s = setUp();
    const request = threeWay(s);
    const result = await s.service.captureThreeWayConsent(coach, request.id, 3, refused);

    expect((s.followUps as FakeFollowUps).calls).toEqual([{ fromRequestId: request.id, steps: ['case_conference'], actorId: 'coach-1', at: NOW }]);
    expect(result.caseConference).toBe('DEA-000900');
    expect(result.consent).toMatchObject({ answer: 'refused', availability: [], capturedById: 'coach-1', capturedAt: NOW });
    expect(result.request).toMatchObject({ status: 'closed', version: 4 });
    const closed = s.requests.get(request.id);
    expect(closed.status).toBe('closed');
    expect(closed.messages).toEqual([
      {
        at: NOW,
        authorId: 'coach-1',
        kind: 'note',
        text: 'The claimant did not agree to a three way intervention. A case conference (DEA-000900) was requested in its place, to explore alternatives that do not need the DEA at a claimant intervention.',
        summary: null,
        expectedReturn: null,
      },
    ]);
    expect(s.requests.changes.map((c) => [c.to, c.action, c.expectedVersion])).toEqual([['closed', 'consent:refused', 3]]);
    expect(s.notifier.sent).toEqual([
      { kind: 'changed', requestId: request.id, status: 'closed', version: 4 },
      { kind: 'attention', requestId: request.id, to: 'dea-1' },
    ]);
  });

  it('words the note without a reference when no case conference could be started', async () => {
    const none: FollowUpStarter = { startFollowUps: async () => [] };
    const s = setUp(none);
    const request = threeWay(s);
    const result = await s.service.captureThreeWayConsent(coach, request.id, 3, refused);
    expect(result.caseConference).toBeNull();
    expect(s.requests.get(request.id).messages[0]?.text).toMatch(/^The claimant did not agree to a three way intervention\. A case conference was requested in its place/);
  });

  it('with the real follow-ups, the refusal raises an accepted case conference for the same claimant', async () => {
    const requests = new FakeRequests();
    const notifier = new FakeNotifier();
    const store = new FakeInterventionStore();
    const followUps = new FollowUps({ requests, notifier });
    const service = new InterventionService({ requests, store, directory: new FakeDirectory(EVERYONE), notifier, followUps, clock: new FixedClock(NOW) });
    const request = requests.add({ channel: 'three_way_intervention', status: 'accepted', version: 3 });

    const result = await service.captureThreeWayConsent(coach, request.id, 3, refused);

    const children = [...requests.requests.values()].filter((r) => r.parentRequestId === request.id);
    expect(children).toHaveLength(1);
    expect(children[0]).toMatchObject({ channel: 'case_conference', status: 'accepted', claimant: request.claimant, description: request.description, requesterId: 'coach-1', deaId: 'dea-1' });
    expect(result.caseConference).toBe(children[0]!.reference);
    expect(requests.get(request.id).status).toBe('closed');
  });

  it('is for the person who made the request only', async () => {
    const s = setUp();
    const request = threeWay(s);
    for (const who of [dea, otherCoach, coachTeamLeader, deaTeamLeader]) {
      await expect(s.service.captureThreeWayConsent(who, request.id, 3, agreed)).rejects.toMatchObject({ name: 'DomainError', kind: 'not_allowed' });
    }
    expect(s.store.consents).toEqual([]);
    expect(s.requests.changes).toEqual([]);
    expect(s.notifier.sent).toEqual([]);
  });

  it('is refused for another channel or before acceptance or after booking', async () => {
    const s = setUp();
    const cases = [
      intervention(s),
      s.requests.add({ channel: 'case_conference', status: 'accepted', version: 3 }),
      threeWay(s, { status: 'submitted', channel: null }),
      threeWay(s, { status: 'info_requested' }),
      threeWay(s, { status: 'booked' }),
      threeWay(s, { status: 'closed' }),
    ];
    for (const request of cases) {
      await expect(s.service.captureThreeWayConsent(coach, request.id, 3, agreed)).rejects.toMatchObject({ name: 'DomainError', kind: 'invalid' });
    }
    expect(s.store.consents).toEqual([]);
    expect(s.requests.changes).toEqual([]);
  });

  it('is a conflict when the card is out of date, and not found for an unknown request', async () => {
    const s = setUp();
    const request = threeWay(s);
    await expect(s.service.captureThreeWayConsent(coach, request.id, 2, agreed)).rejects.toMatchObject({ kind: 'conflict' });
    await expect(s.service.captureThreeWayConsent(coach, request.id, 4, agreed)).rejects.toMatchObject({ kind: 'conflict' });
    await expect(s.service.captureThreeWayConsent(coach, 'req-404', 3, agreed)).rejects.toMatchObject({ kind: 'not_found' });
    expect(s.store.consents).toEqual([]);
  });

  it('records consent only once', async () => {
    const s = setUp();
    const request = threeWay(s);
    const first = await s.service.captureThreeWayConsent(coach, request.id, 3, agreed);
    // Even with the fresh version, a second answer is refused.
    await expect(s.service.captureThreeWayConsent(coach, request.id, first.request.version, refused)).rejects.toMatchObject({ kind: 'conflict' });
    expect(s.store.consents).toHaveLength(1);
    expect(s.requests.changes).toHaveLength(1);
    expect((s.followUps as FakeFollowUps).calls).toEqual([]);
  });

  it('saves nothing when the form is incomplete, and says which field', async () => {
    const s = setUp();
    const request = threeWay(s);
    await expect(s.service.captureThreeWayConsent(coach, request.id, 3, { ...agreed, availability: '' })).rejects.toMatchObject({
      kind: 'invalid',
      problems: { availability: expect.any(String) },
    });
    expect(s.store.consents).toEqual([]);
    expect(s.requests.changes).toEqual([]);
    expect(s.notifier.sent).toEqual([]);
  });
});

describe('InterventionService.confirmInterventionConsent', () => {
  it('records a work coach’s confirmation as a voluntary agreement and tells the DEA', async () => {
    const s = setUp();
    const request = intervention(s);
    const confirmed = await s.service.confirmInterventionConsent(coach, request.id, 3, { confirmed: allStatements, letterFormat: 'braille' });

    expect(confirmed).toMatchObject({ status: 'accepted', version: 4 });
    expect(s.store.consents).toEqual([
      {
        id: expect.any(String),
        requestId: request.id,
        purpose: 'claimant_support_intervention',
        conditionality: 'voluntary',
        statements: requiredInterventionStatements('work_coach'),
        answer: 'agreed',
        availability: [],
        letterFormat: 'braille',
        capturedById: 'coach-1',
        capturedAt: NOW,
      },
    ]);
    expect(s.requests.changes).toEqual([{ requestId: request.id, expectedVersion: 3, to: 'accepted', actorId: 'coach-1', action: 'consent:agreed', at: NOW }]);
    expect(s.notifier.sent).toEqual([
      { kind: 'changed', requestId: request.id, status: 'accepted', version: 4 },
      { kind: 'attention', requestId: request.id, to: 'dea-1' },
    ]);
  });

  it.each([
    ['a service delivery team leader', serviceDeliveryTeamLeader],
    ['a work coach team leader', coachTeamLeader],
  ])('lets %s asking directly skip the team leader discussion', async (_label, leader) => {
    const s = setUp();
    const request = intervention(s, { requesterId: leader.id });
    await s.service.confirmInterventionConsent(leader, request.id, 3, { confirmed: requiredInterventionStatements('team_leader').join(',') });
    expect(s.store.consents[0]?.statements).toEqual(requiredInterventionStatements('team_leader'));
  });

  it('takes from the employer adviser of a retention case only the statements that apply to them; the DEA may then book it (seed §68)', async () => {
    const s = setUp();
    const employerAdviser = person('ea-1', ['employer_adviser']);
    const request = intervention(s, { requesterId: employerAdviser.id });
    expect((await s.service.state(request))?.blockedBy).toBe('The requester confirms the pre-conditions first.');
    // A team leader's discussion and conditionality are not theirs to confirm: refused, they are not asked for.
    await expect(s.service.confirmInterventionConsent(employerAdviser, request.id, 3, { confirmed: 'consent_gained,told_dea_will_contact' })).rejects.toMatchObject({
      problems: { confirmed: `Before the DEA books it, confirm each of these: “${INTERVENTION_STATEMENTS.told_voluntary}”.` },
    });
    const confirmed = await s.service.confirmInterventionConsent(employerAdviser, request.id, 3, { confirmed: 'consent_gained,told_dea_will_contact,told_voluntary' });
    expect(s.store.consents[0]).toMatchObject({ statements: ['consent_gained', 'told_dea_will_contact', 'told_voluntary'], capturedById: 'ea-1', answer: 'agreed' });
    expect(await s.service.bookingBlockedBy(confirmed)).toBeNull();
  });

  it('refuses a work coach who did not discuss it with their team leader', async () => {
    const s = setUp();
    const request = intervention(s);
    await expect(s.service.confirmInterventionConsent(coach, request.id, 3, { confirmed: requiredInterventionStatements('team_leader').join(',') })).rejects.toMatchObject({
      kind: 'invalid',
      problems: { confirmed: expect.stringContaining('discussed the case') },
    });
    expect(s.store.consents).toEqual([]);
    expect(s.requests.changes).toEqual([]);
  });

  it('is for the requester only, on an accepted claimant support intervention, once, on the current card', async () => {
    const s = setUp();
    const request = intervention(s);
    await expect(s.service.confirmInterventionConsent(dea, request.id, 3, { confirmed: allStatements })).rejects.toMatchObject({ kind: 'not_allowed' });
    await expect(s.service.confirmInterventionConsent(otherCoach, request.id, 3, { confirmed: allStatements })).rejects.toMatchObject({ kind: 'not_allowed' });
    const other = threeWay(s);
    await expect(s.service.confirmInterventionConsent(coach, other.id, 3, { confirmed: allStatements })).rejects.toMatchObject({ kind: 'invalid' });
    const booked = intervention(s, { status: 'booked' });
    await expect(s.service.confirmInterventionConsent(coach, booked.id, 3, { confirmed: allStatements })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(s.service.confirmInterventionConsent(coach, request.id, 1, { confirmed: allStatements })).rejects.toMatchObject({ kind: 'conflict' });
    expect(s.store.consents).toEqual([]);

    const first = await s.service.confirmInterventionConsent(coach, request.id, 3, { confirmed: allStatements });
    await expect(s.service.confirmInterventionConsent(coach, request.id, first.version, { confirmed: allStatements })).rejects.toMatchObject({ kind: 'conflict' });
    expect(s.store.consents).toHaveLength(1);
  });
});

describe('InterventionService.askForOverride', () => {
  function atLimit(s: Setup, changes: Partial<SupportRequest> = {}) {
    s.store.counts.set(NINO, 3);
    return intervention(s, changes);
  }

  it('asks the DEA’s team leader, with the reason and the count, and moves the card on', async () => {
    const s = setUp();
    const request = atLimit(s);
    const changed = await s.service.askForOverride(dea, request.id, 3, '  Declared intention of self harm; needs continuity.  ');

    expect([...s.store.overrides.values()]).toEqual([
      {
        id: expect.any(String),
        requestId: request.id,
        reason: 'Declared intention of self harm; needs continuity.',
        askedById: 'dea-1',
        askedAt: NOW,
        teamLeaderId: 'wctl-dea',
        decision: 'pending',
        decidedAt: null,
        note: null,
        priorCount: 3,
      },
    ]);
    expect(changed).toMatchObject({ status: 'accepted', version: 4 });
    expect(s.requests.changes).toEqual([{ requestId: request.id, expectedVersion: 3, to: 'accepted', actorId: 'dea-1', action: 'override:asked', at: NOW }]);
    const override = [...s.store.overrides.values()][0]!;
    expect(s.notifier.sent).toEqual([
      { kind: 'changed', requestId: request.id, status: 'accepted', version: 4 },
      { kind: 'overrideAsked', overrideId: override.id, teamLeaderId: 'wctl-dea' },
    ]);
  });

  it('is for the request’s DEA only', async () => {
    const s = setUp();
    const request = atLimit(s);
    for (const who of [coach, deaWithoutLeader, deaTeamLeader]) {
      await expect(s.service.askForOverride(who, request.id, 3, 'Crisis.')).rejects.toMatchObject({ kind: 'not_allowed' });
    }
    expect(s.store.overrides.size).toBe(0);
  });

  it.each([0, 1, 2])('is not needed after %i interventions', async (prior) => {
    const s = setUp();
    s.store.counts.set(NINO, prior);
    const request = intervention(s);
    await expect(s.service.askForOverride(dea, request.id, 3, 'Crisis.')).rejects.toMatchObject({ kind: 'invalid', message: `The claimant has had ${prior} of 3 interventions: no agreement is needed.` });
    expect(s.store.overrides.size).toBe(0);
  });

  it('is only for an accepted claimant support intervention', async () => {
    const s = setUp();
    s.store.counts.set(NINO, 3);
    for (const request of [threeWay(s), intervention(s, { status: 'booked' }), intervention(s, { status: 'submitted' })]) {
      await expect(s.service.askForOverride(dea, request.id, 3, 'Crisis.')).rejects.toMatchObject({ kind: 'invalid' });
    }
    expect(s.store.overrides.size).toBe(0);
  });

  it.each<[string, unknown]>([
    ['missing', undefined],
    ['empty', ''],
    ['blank', '   \n '],
    ['not text', 42],
  ])('needs a reason (%s)', async (_label, reason) => {
    const s = setUp();
    const request = atLimit(s);
    await expect(s.service.askForOverride(dea, request.id, 3, reason)).rejects.toMatchObject({ kind: 'invalid', problems: { overrideReason: 'Enter the exceptional circumstances.' } });
    expect(s.store.overrides.size).toBe(0);
  });

  it('takes a reason of 1000 characters but not 1001', async () => {
    const s = setUp();
    const request = atLimit(s);
    await expect(s.service.askForOverride(dea, request.id, 3, 'x'.repeat(1001))).rejects.toMatchObject({ kind: 'invalid', problems: { overrideReason: expect.stringContaining('1000') } });
    expect(s.store.overrides.size).toBe(0);
    await s.service.askForOverride(dea, request.id, 3, 'x'.repeat(1000));
    expect([...s.store.overrides.values()][0]?.reason).toHaveLength(1000);
  });

  it('is refused when the DEA has no team leader in the directory', async () => {
    const s = setUp();
    const request = atLimit(s, { deaId: 'dea-2' });
    await expect(s.service.askForOverride(deaWithoutLeader, request.id, 3, 'Crisis.')).rejects.toMatchObject({ kind: 'invalid', message: expect.stringContaining('no Work Coach Team Leader') });
    expect(s.store.overrides.size).toBe(0);
  });

  it('is a conflict while a request is pending or once agreed, but may be asked again after a decline', async () => {
    const s = setUp();
    const request = atLimit(s);
    const changed = await s.service.askForOverride(dea, request.id, 3, 'Crisis.');
    await expect(s.service.askForOverride(dea, request.id, changed.version, 'Again.')).rejects.toMatchObject({ kind: 'conflict', message: 'Your team leader has already been asked.' });

    const first = [...s.store.overrides.values()][0]!;
    await s.store.decideOverride(first.id, 'declined', 'Not exceptional.', NOW);
    const again = await s.service.askForOverride(dea, request.id, changed.version, 'New evidence from the GP.');
    const latest = await s.store.overrideFor(request.id);
    expect(latest).toMatchObject({ decision: 'pending', reason: 'New evidence from the GP.' });
    expect(latest?.id).not.toBe(first.id);

    await s.store.decideOverride(latest!.id, 'agreed', null, NOW);
    await expect(s.service.askForOverride(dea, request.id, again.version, 'Once more.')).rejects.toMatchObject({ kind: 'conflict', message: 'Your team leader has already agreed.' });
  });

  it('is a conflict on an out-of-date card', async () => {
    const s = setUp();
    const request = atLimit(s);
    await expect(s.service.askForOverride(dea, request.id, 2, 'Crisis.')).rejects.toMatchObject({ kind: 'conflict' });
    await expect(s.service.askForOverride(dea, 'req-404', 3, 'Crisis.')).rejects.toMatchObject({ kind: 'not_found' });
    expect(s.store.overrides.size).toBe(0);
  });
});

describe('InterventionService.decideOverride', () => {
  async function asked(s: Setup) {
    s.store.counts.set(NINO, 3);
    const request = intervention(s);
    await s.store.saveConsent(consent(request.id, { purpose: 'claimant_support_intervention', conditionality: 'voluntary', availability: [] }));
    const changed = await s.service.askForOverride(dea, request.id, 3, 'Crisis.');
    const override = (await s.store.overrideFor(request.id))!;
    s.notifier.sent.length = 0;
    s.requests.changes.length = 0;
    return { request: changed, override };
  }

  it('lets the DEA’s team leader agree, notes it on the request and tells the DEA', async () => {
    const s = setUp();
    const { request, override } = await asked(s);
    expect(await s.service.bookingBlockedBy(request)).toMatch(/^Waiting for/);

    const result = await s.service.decideOverride(deaTeamLeader, override.id, 'agreed', '  Exceptional: agreed for one more.  ');

    expect(result.override).toEqual({ ...override, decision: 'agreed', decidedAt: NOW, note: 'Exceptional: agreed for one more.' });
    expect(result.request).toMatchObject({ id: request.id, status: 'accepted', version: request.version + 1 });
    expect(s.requests.changes).toEqual([
      {
        requestId: request.id,
        expectedVersion: request.version,
        to: 'accepted',
        actorId: 'wctl-dea',
        action: 'override:agreed',
        at: NOW,
        message: { kind: 'note', text: 'Team leader agreed a further intervention. Exceptional: agreed for one more.' },
      },
    ]);
    expect(s.notifier.sent).toEqual([
      { kind: 'changed', requestId: request.id, status: 'accepted', version: request.version + 1 },
      { kind: 'attention', requestId: request.id, to: 'dea-1' },
    ]);
    expect(await s.service.bookingBlockedBy(result.request)).toBeNull();
  });

  it('agrees without a note', async () => {
    const s = setUp();
    const { override } = await asked(s);
    const result = await s.service.decideOverride(deaTeamLeader, override.id, 'agreed', '   ');
    expect(result.override.note).toBeNull();
    expect(s.requests.changes[0]?.message?.text).toBe('Team leader agreed a further intervention.');
  });

  it('declined after the work coach withdrew the request: the decision is noted on it, nothing fails', async () => {
    const s = setUp();
    const { request, override } = await asked(s);
    s.requests.requests.set(request.id, { ...request, status: 'withdrawn' });
    const result = await s.service.decideOverride(deaTeamLeader, override.id, 'declined', 'Use the work psychologist instead.');
    expect(result.override.decision).toBe('declined');
    expect(s.requests.changes[0]).toMatchObject({ action: 'override:declined', message: { text: 'Team leader did not agree a further intervention: Use the work psychologist instead.' } });
    // A touch: the status stays as the withdrawal left it.
    expect(s.requests.changes[0]?.to).toBe('withdrawn');
  });

  it('declines with a note, which closes the request with the reason; the DEA and the work coach are told (it waited in the queue for a booking nobody could make)', async () => {
    const s = setUp();
    const { request, override } = await asked(s);
    const result = await s.service.decideOverride(deaTeamLeader, override.id, 'declined', 'Use the work psychologist instead.');
    expect(result.override).toMatchObject({ decision: 'declined', note: 'Use the work psychologist instead.', decidedAt: NOW });
    expect(s.requests.changes[0]).toMatchObject({
      to: 'closed',
      action: 'override:declined',
      message: { kind: 'note', text: "Closed: the DEA's team leader did not agree a further intervention: Use the work psychologist instead. Make a new request if the claimant needs other support." },
    });
    expect(result.request.status).toBe('closed');
    expect(s.notifier.attentionTo(request.id)).toEqual(['dea-1', request.requesterId]);
  });

  it.each<[string, unknown]>([
    ['missing', undefined],
    ['empty', ''],
    ['blank', '  '],
  ])('needs a note to decline (%s)', async (_label, note) => {
    const s = setUp();
    const { override } = await asked(s);
    await expect(s.service.decideOverride(deaTeamLeader, override.id, 'declined', note)).rejects.toMatchObject({ kind: 'invalid', problems: { overrideNote: 'Say why you decline.' } });
    expect((await s.store.findOverride(override.id))?.decision).toBe('pending');
    expect(s.requests.changes).toEqual([]);
  });

  it('refuses a note over 1000 characters beside its field, rather than cutting it short', async () => {
    const s = setUp();
    const { override } = await asked(s);
    await expect(s.service.decideOverride(deaTeamLeader, override.id, 'declined', 'y'.repeat(1500))).rejects.toMatchObject({
      kind: 'invalid',
      message: 'Keep the note to 1000 characters or fewer (it is 1500).',
      problems: { overrideNote: 'At most 1000 characters.' },
    });
    const result = await s.service.decideOverride(deaTeamLeader, override.id, 'declined', 'y'.repeat(1000));
    expect(result.override.note).toHaveLength(1000);
  });

  it('is only for the DEA’s team leader — not the coach’s team leader, the DEA or the coach', async () => {
    const s = setUp();
    const { override } = await asked(s);
    for (const who of [coachTeamLeader, dea, coach, serviceDeliveryTeamLeader]) {
      await expect(s.service.decideOverride(who, override.id, 'agreed', null)).rejects.toMatchObject({ kind: 'not_allowed' });
    }
    expect((await s.store.findOverride(override.id))?.decision).toBe('pending');
    expect(s.notifier.sent).toEqual([]);
  });

  it('refuses an unknown decision and an unknown request for agreement', async () => {
    const s = setUp();
    const { override } = await asked(s);
    await expect(s.service.decideOverride(deaTeamLeader, override.id, 'maybe', 'Hmm.')).rejects.toMatchObject({ kind: 'invalid' });
    await expect(s.service.decideOverride(deaTeamLeader, 'override-404', 'agreed', null)).rejects.toMatchObject({ kind: 'not_found' });
    expect((await s.store.findOverride(override.id))?.decision).toBe('pending');
  });

  it('decides only once', async () => {
    const s = setUp();
    const { override } = await asked(s);
    await s.service.decideOverride(deaTeamLeader, override.id, 'agreed', null);
    await expect(s.service.decideOverride(deaTeamLeader, override.id, 'declined', 'Changed my mind.')).rejects.toMatchObject({ kind: 'conflict', message: 'You already agreed this.' });
    expect((await s.store.findOverride(override.id))?.decision).toBe('agreed');
    expect(s.requests.changes).toHaveLength(1);
  });

  it('finds an override by id', async () => {
    const s = setUp();
    const { override } = await asked(s);
    expect(await s.service.findOverride(override.id)).toEqual(override);
    expect(await s.service.findOverride('nope')).toBeNull();
  });
});
