import { QAS_LABELS, QAS_RESULTS, standardFor } from '../../../domain/quality/qas';
import { CHECKABLE_STATUSES, QualityService, qualityStep } from '../../../domain/quality/quality-service';
import type { Channel } from '../../../domain/requests/channels';
import type { RequestStatus, SupportRequest } from '../../../domain/requests/support-request';
import { FakeDirectory, FakeNotifier, FakeQualityChecks, FakeRequests, FixedClock, person } from '../interventions/fakes';

// The DEA's team leader and the work coach's team leader are different people.
const dea = person('dea-1', ['dea'], { teamLeaderId: 'wctl-dea' });
const deaLedBySdtl = person('dea-3', ['dea'], { teamLeaderId: 'sdtl-1' });
const coach = person('coach-1', ['work_coach'], { deaId: 'dea-1', teamLeaderId: 'wctl-coach' });
const coachLedBySdtl = person('coach-4', ['work_coach'], { deaId: 'dea-1', teamLeaderId: 'sdtl-1' });
const deaTeamLeader = person('wctl-dea', ['work_coach_team_leader']);
const coachTeamLeader = person('wctl-coach', ['work_coach_team_leader']);
const otherTeamLeader = person('wctl-other', ['work_coach_team_leader']);
const serviceDeliveryTeamLeader = person('sdtl-1', ['service_delivery_team_leader']);
const EVERYONE = [dea, deaLedBySdtl, coach, coachLedBySdtl, deaTeamLeader, coachTeamLeader, otherTeamLeader, serviceDeliveryTeamLeader];

const NOW = new Date('2026-07-14T12:00:00.000Z');

function setUp() {
  const requests = new FakeRequests();
  const store = new FakeQualityChecks();
  const notifier = new FakeNotifier();
  const clock = new FixedClock(NOW);
  // Requests whose meeting was never booked (e.g. a three way the claimant refused).
  const withoutMeeting = new Set<string>();
  const service = new QualityService({ requests, store, directory: new FakeDirectory(EVERYONE), notifier, clock, hadMeeting: async (id) => !withoutMeeting.has(id) });
  const meeting = (channel: Channel | null, status: RequestStatus = 'booked', changes: Partial<SupportRequest> = {}) => requests.add({ channel, status, version: 4, ...changes });
  return { requests, store, notifier, clock, service, meeting, withoutMeeting };
}

describe('standardFor (seed §69)', () => {
  it.each<[Channel | null, string | null]>([
    ['claimant_support_intervention', 'qas1'],
    ['case_conference', 'qas2'],
    ['skill_conference', 'qas2'],
    ['three_way_intervention', 'qas2'],
    ['informational_support', null],
    ['group_conference', null],
    [null, null],
  ])('%s is checked with %s', (channel, standard) => {
    expect(standardFor(channel)).toBe(standard);
  });

  it('labels the standards as the seed does', () => {
    expect(QAS_LABELS.qas1).toMatch(/^QAS 1: work coach quality standards/);
    expect(QAS_LABELS.qas2).toMatch(/^QAS 2: DEA \/ work coach individual case or skills support/);
    expect(QAS_RESULTS).toEqual(['met', 'partly_met', 'not_met']);
  });
});

describe('QualityService.mayCheck', () => {
  it('lets only the DEA’s team leader run QAS 1 on a claimant support intervention', async () => {
    const { service, meeting } = setUp();
    const request = meeting('claimant_support_intervention');
    expect(await service.mayCheck(deaTeamLeader, request)).toBe(true);
    expect(await service.mayCheck(coachTeamLeader, request)).toBe(false);
    expect(await service.mayCheck(otherTeamLeader, request)).toBe(false);
    expect(await service.mayCheck(dea, request)).toBe(false);
    expect(await service.mayCheck(coach, request)).toBe(false);
  });

  it.each<[Channel]>([['case_conference'], ['skill_conference'], ['three_way_intervention']])('lets the DEA’s or the coach’s team leader run QAS 2 on a %s', async (channel) => {
    const { service, meeting } = setUp();
    const request = meeting(channel);
    expect(await service.mayCheck(deaTeamLeader, request)).toBe(true);
    expect(await service.mayCheck(coachTeamLeader, request)).toBe(true);
    expect(await service.mayCheck(otherTeamLeader, request)).toBe(false);
    expect(await service.mayCheck(dea, request)).toBe(false);
    expect(await service.mayCheck(coach, request)).toBe(false);
  });

  it('never lets someone who is not a Work Coach Team Leader check, even when named as the line manager', async () => {
    const { service, meeting } = setUp();
    expect(await service.mayCheck(serviceDeliveryTeamLeader, meeting('claimant_support_intervention', 'booked', { deaId: 'dea-3' }))).toBe(false);
    expect(await service.mayCheck(serviceDeliveryTeamLeader, meeting('case_conference', 'booked', { deaId: 'dea-3' }))).toBe(false);
    expect(await service.mayCheck(serviceDeliveryTeamLeader, meeting('case_conference', 'booked', { requesterId: 'coach-4' }))).toBe(false);
  });

  it('has nothing to check for channels without a standard', async () => {
    const { service, meeting } = setUp();
    for (const channel of ['informational_support', 'group_conference', null] as const) {
      expect(await service.mayCheck(deaTeamLeader, meeting(channel))).toBe(false);
      expect(await service.mayCheck(coachTeamLeader, meeting(channel))).toBe(false);
    }
  });
});

describe('qualityStep: what the card offers a team leader, and tells them to do', () => {
  const check = { id: 'c1', requestId: 'r1', standard: 'qas2' as const, checkerId: 'wctl-dea', markedAt: NOW, result: null, notes: null, recordedAt: null };

  it.each(CHECKABLE_STATUSES)('marks, then records, a meeting that is %s', (status) => {
    expect(qualityStep({ status, channel: 'case_conference' }, { mayCheck: true, check: null, hadMeeting: true })).toBe('mark');
    expect(qualityStep({ status, channel: 'case_conference' }, { mayCheck: true, check, hadMeeting: true })).toBe('record');
    expect(qualityStep({ status, channel: 'case_conference' }, { mayCheck: true, check: { ...check, result: 'met' }, hadMeeting: true })).toBeNull();
  });

  it.each<RequestStatus>(['submitted', 'info_requested', 'accepted', 'redirected', 'withdrawn'])('has nothing to do on a request that is %s', (status) => {
    expect(qualityStep({ status, channel: 'skill_conference' }, { mayCheck: true, check: null, hadMeeting: true })).toBeNull();
  });

  it('has nothing to mark on a request whose meeting was never booked (a three way the claimant refused)', () => {
    expect(qualityStep({ status: 'closed', channel: 'three_way_intervention' }, { mayCheck: true, check: null, hadMeeting: false })).toBeNull();
  });

  it('has no result to record once the marked meeting did not take place and the request closed without it', () => {
    expect(qualityStep({ status: 'closed', channel: 'claimant_support_intervention' }, { mayCheck: true, check, hadMeeting: false })).toBeNull();
  });

  it('has nothing for someone who may not check, nor on a channel without a standard', () => {
    expect(qualityStep({ status: 'booked', channel: 'case_conference' }, { mayCheck: false, check: null, hadMeeting: true })).toBeNull();
    expect(qualityStep({ status: 'booked', channel: 'case_conference' }, undefined)).toBeNull();
    expect(qualityStep({ status: 'closed', channel: 'informational_support' }, { mayCheck: true, check: null, hadMeeting: true })).toBeNull();
  });
});

describe('QualityService.mark', () => {
  it('refuses a request that never had a meeting (a three way the claimant refused)', async () => {
    const s = setUp();
    const refused = s.meeting('three_way_intervention', 'closed', { deaId: dea.id });
    s.withoutMeeting.add(refused.id);
    await expect(s.service.mark(deaTeamLeader, refused.id, refused.version)).rejects.toMatchObject({ kind: 'invalid' });
    expect(await s.store.forRequest(refused.id)).toBeNull();
  });

  it.each<[Channel, 'qas1' | 'qas2']>([
    ['claimant_support_intervention', 'qas1'],
    ['case_conference', 'qas2'],
    ['three_way_intervention', 'qas2'],
  ])('marks a booked %s for a %s check and moves the card on', async (channel, standard) => {
    const { service, store, requests, notifier, meeting } = setUp();
    const request = meeting(channel);
    const changed = await service.mark(deaTeamLeader, request.id, 4);

    expect(store.checks).toEqual([{ id: expect.any(String), requestId: request.id, standard, checkerId: 'wctl-dea', markedAt: NOW, result: null, notes: null, recordedAt: null }]);
    expect(changed).toMatchObject({ status: 'booked', version: 5 });
    expect(requests.changes).toEqual([{ requestId: request.id, expectedVersion: 4, to: 'booked', actorId: 'wctl-dea', action: 'qas:marked', at: NOW }]);
    expect(notifier.sent).toEqual([{ kind: 'changed', requestId: request.id, status: 'booked', version: 5 }]);
    expect(await service.check(changed)).toEqual(store.checks[0]);
  });

  it('lets the coach’s team leader mark a QAS 2 check', async () => {
    const { service, store, meeting } = setUp();
    const request = meeting('skill_conference', 'held');
    await service.mark(coachTeamLeader, request.id, 4);
    expect(store.checks[0]).toMatchObject({ standard: 'qas2', checkerId: 'wctl-coach' });
  });

  it.each(CHECKABLE_STATUSES)('may mark a meeting that is %s', async (status) => {
    const { service, store, meeting } = setUp();
    await service.mark(deaTeamLeader, meeting('case_conference', status).id, 4);
    expect(store.checks).toHaveLength(1);
  });

  it.each<RequestStatus>(['submitted', 'info_requested', 'accepted', 'redirected', 'withdrawn'])('may not mark a request that is %s', async (status) => {
    const { service, store, requests, meeting } = setUp();
    await expect(service.mark(deaTeamLeader, meeting('case_conference', status).id, 4)).rejects.toMatchObject({ name: 'DomainError', kind: 'invalid' });
    expect(store.checks).toEqual([]);
    expect(requests.changes).toEqual([]);
  });

  it('marks once, whichever team leader tries again', async () => {
    const { service, store, meeting } = setUp();
    const request = meeting('case_conference');
    const changed = await service.mark(deaTeamLeader, request.id, 4);
    await expect(service.mark(coachTeamLeader, request.id, changed.version)).rejects.toMatchObject({ kind: 'conflict', message: 'This meeting is already marked for a check.' });
    await expect(service.mark(deaTeamLeader, request.id, changed.version)).rejects.toMatchObject({ kind: 'conflict' });
    expect(store.checks).toHaveLength(1);
  });

  it('refuses anyone who may not check, an out-of-date card and an unknown request', async () => {
    const { service, store, meeting } = setUp();
    const intervention = meeting('claimant_support_intervention');
    await expect(service.mark(coachTeamLeader, intervention.id, 4)).rejects.toMatchObject({ kind: 'not_allowed', message: "Only the DEA's Work Coach Team Leader runs QAS 1 checks." });
    const conference = meeting('case_conference');
    await expect(service.mark(otherTeamLeader, conference.id, 4)).rejects.toMatchObject({ kind: 'not_allowed', message: "Only the DEA's or the work coach's Work Coach Team Leader runs QAS checks." });
    await expect(service.mark(dea, conference.id, 4)).rejects.toMatchObject({ kind: 'not_allowed' });
    await expect(service.mark(deaTeamLeader, meeting('group_conference').id, 4)).rejects.toMatchObject({ kind: 'not_allowed' });
    await expect(service.mark(deaTeamLeader, conference.id, 3)).rejects.toMatchObject({ kind: 'conflict' });
    await expect(service.mark(deaTeamLeader, 'req-404', 4)).rejects.toMatchObject({ kind: 'not_found' });
    expect(store.checks).toEqual([]);
  });
});

describe('QualityService.record', () => {
  async function marked(channel: Channel = 'case_conference') {
    const s = setUp();
    const request = s.meeting(channel, 'held');
    const changed = await s.service.mark(deaTeamLeader, request.id, 4);
    s.requests.changes.length = 0;
    s.notifier.sent.length = 0;
    return { ...s, request: changed };
  }

  it('records "met" without notes', async () => {
    const { service, store, requests, notifier, request } = await marked();
    const changed = await service.record(deaTeamLeader, request.id, request.version, { result: 'met', notes: '   ' });
    expect(store.checks[0]).toMatchObject({ result: 'met', notes: null, recordedAt: NOW });
    expect(changed).toMatchObject({ status: 'held', version: request.version + 1 });
    expect(requests.changes).toEqual([{ requestId: request.id, expectedVersion: request.version, to: 'held', actorId: 'wctl-dea', action: 'qas:recorded', at: NOW }]);
    expect(notifier.sent).toEqual([{ kind: 'changed', requestId: request.id, status: 'held', version: request.version + 1 }]);
  });

  it.each(['partly_met', 'not_met'] as const)('needs notes for "%s", and keeps them trimmed', async (result) => {
    const { service, store, request } = await marked();
    for (const notes of [undefined, '', '  ']) {
      await expect(service.record(deaTeamLeader, request.id, request.version, { result, notes })).rejects.toMatchObject({ kind: 'invalid', problems: { qasNotes: 'Say what needs developing.' } });
    }
    expect(store.recordCalls).toEqual([]);
    await service.record(deaTeamLeader, request.id, request.version, { result, notes: '  Agree next steps with the coach.  ' });
    expect(store.checks[0]).toMatchObject({ result, notes: 'Agree next steps with the coach.' });
  });

  it('keeps notes on a "met" check', async () => {
    const { service, store, request } = await marked();
    await service.record(deaTeamLeader, request.id, request.version, { result: 'met', notes: 'Good use of open questions.' });
    expect(store.checks[0]?.notes).toBe('Good use of open questions.');
  });

  it.each<unknown>([undefined, '', 'excellent', 'MET', 3])('needs a known result (%j)', async (result) => {
    const { service, store, request } = await marked();
    await expect(service.record(deaTeamLeader, request.id, request.version, { result, notes: 'Notes.' })).rejects.toMatchObject({ kind: 'invalid', problems: { qasResult: 'Choose the result of the check.' } });
    expect(store.recordCalls).toEqual([]);
  });

  it('keeps notes to 2000 characters', async () => {
    const { service, store, request } = await marked();
    await expect(service.record(deaTeamLeader, request.id, request.version, { result: 'not_met', notes: 'n'.repeat(2001) })).rejects.toMatchObject({
      kind: 'invalid',
      problems: { qasNotes: 'Keep the notes under 2000 characters.' },
    });
    await service.record(deaTeamLeader, request.id, request.version, { result: 'not_met', notes: 'n'.repeat(2000) });
    expect(store.checks[0]?.notes).toHaveLength(2000);
  });

  it('records once', async () => {
    const { service, store, request } = await marked();
    const changed = await service.record(deaTeamLeader, request.id, request.version, { result: 'met' });
    await expect(service.record(deaTeamLeader, request.id, changed.version, { result: 'not_met', notes: 'Changed my mind.' })).rejects.toMatchObject({
      kind: 'conflict',
      message: 'The result of this check has already been recorded.',
    });
    expect(store.checks[0]?.result).toBe('met');
    expect(store.recordCalls).toHaveLength(1);
  });

  it('refuses a result once the meeting went back to be booked again (it did not take place)', async () => {
    const { service, store, meeting } = setUp();
    const request = meeting('case_conference', 'accepted', { deaId: dea.id });
    await store.mark({ requestId: request.id, standard: 'qas2', checkerId: deaTeamLeader.id, markedAt: NOW });
    await expect(service.record(deaTeamLeader, request.id, request.version, { result: 'met' })).rejects.toMatchObject({ kind: 'invalid', message: 'There is no meeting to check now: it is to be booked again. Check it once it is booked.' });
    expect((await store.forRequest(request.id))?.result).toBeNull();
  });

  it('refuses a result for a marked meeting that did not take place, the request closed without it', async () => {
    const { service, store, meeting, withoutMeeting } = setUp();
    const request = meeting('claimant_support_intervention', 'closed', { deaId: dea.id });
    withoutMeeting.add(request.id);
    await store.mark({ requestId: request.id, standard: 'qas1', checkerId: deaTeamLeader.id, markedAt: NOW });
    await expect(service.record(deaTeamLeader, request.id, request.version, { result: 'met' })).rejects.toMatchObject({ kind: 'invalid', message: 'This request closed without its meeting taking place, so there is nothing to check.' });
    expect((await store.forRequest(request.id))?.result).toBeNull();
  });

  it('needs the meeting marked first', async () => {
    const { service, store, meeting } = setUp();
    const request = meeting('case_conference', 'held');
    await expect(service.record(deaTeamLeader, request.id, 4, { result: 'met' })).rejects.toMatchObject({ kind: 'invalid', message: 'Mark the meeting for a check first.' });
    expect(store.recordCalls).toEqual([]);
  });

  it('refuses anyone who may not check, and an out-of-date card', async () => {
    const { service, store, request } = await marked('claimant_support_intervention');
    await expect(service.record(coachTeamLeader, request.id, request.version, { result: 'met' })).rejects.toMatchObject({ kind: 'not_allowed' });
    await expect(service.record(dea, request.id, request.version, { result: 'met' })).rejects.toMatchObject({ kind: 'not_allowed' });
    await expect(service.record(deaTeamLeader, request.id, request.version - 1, { result: 'met' })).rejects.toMatchObject({ kind: 'conflict' });
    expect(store.recordCalls).toEqual([]);
  });
});
