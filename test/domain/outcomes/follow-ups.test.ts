import { FollowUps } from '../../../domain/outcomes/follow-ups';
import type { GroupCaseNominator } from '../../../domain/outcomes/next-steps';
import type { CreatedRequest, NewSupportRequest } from '../../../domain/requests/ports';
import { FakeNotifier, FakeRequests } from '../interventions/fakes';

/** Remembers the submission key of every create call, including those the store answered from an earlier one. */
class KeyedRequests extends FakeRequests {
  readonly keys: (string | undefined)[] = [];
  override async createOnce(request: NewSupportRequest, at: Date): Promise<CreatedRequest> {
    this.keys.push(request.submissionKey);
    return super.createOnce(request, at);
  }
}

const AT = new Date('2026-07-14T12:00:00.000Z');

function setUp(nominator?: GroupCaseNominator) {
  const requests = new KeyedRequests();
  const notifier = new FakeNotifier();
  const followUps = new FollowUps({ requests, notifier, nominator });
  // The meeting the outcome is about: a three way intervention for a claimant.
  const from = requests.add({
    channel: 'three_way_intervention',
    status: 'outcome_recorded',
    version: 7,
    urgent: true,
    vulnerability: 'clearly_vulnerable',
    requiredBy: '2026-07-20',
  });
  return { requests, notifier, followUps, from };
}

const children = (requests: FakeRequests, parentId: string) => [...requests.requests.values()].filter((r) => r.parentRequestId === parentId);

describe('FollowUps.startFollowUps', () => {
  it('starts one accepted request per step that is a channel, for the same claimant and case', async () => {
    const { requests, notifier, followUps, from } = setUp();
    const started = await followUps.startFollowUps(from.id, ['case_conference', 'work_psychologist_action', 'three_way_intervention', 'tpp_manager_action'], 'coach-1', AT);

    const made = children(requests, from.id);
    expect(made).toHaveLength(2);
    expect(started).toEqual([
      { step: 'case_conference', reference: made[0]!.reference },
      { step: 'three_way_intervention', reference: made[1]!.reference },
    ]);
    for (const [request, channel] of [
      [made[0]!, 'case_conference'],
      [made[1]!, 'three_way_intervention'],
    ] as const) {
      expect(request).toMatchObject({
        type: from.type,
        status: 'accepted',
        channel,
        requesterId: 'coach-1',
        deaId: 'dea-1',
        claimant: from.claimant,
        topic: from.topic,
        description: from.description,
        urgent: true,
        vulnerability: 'clearly_vulnerable',
        requiredBy: null,
        parentRequestId: from.id,
        requestedChannel: null,
        createdAt: AT,
      });
      expect(request.id).not.toBe(from.id);
    }
    expect(made[0]!.reason).toBe(`Follow-up of ${from.reference}: Work coach and DEA case conference.`);
    expect(made[1]!.reason).toBe(`Follow-up of ${from.reference}: Three way intervention (work coach, DEA and claimant).`);
    expect(requests.created.map((c) => c.request.acceptedAs)).toEqual(['case_conference', 'three_way_intervention']);
    // Both the DEA and the requester are told about each.
    expect(notifier.sent).toEqual([
      { kind: 'attention', requestId: made[0]!.id, to: 'dea-1' },
      { kind: 'attention', requestId: made[0]!.id, to: 'coach-1' },
      { kind: 'attention', requestId: made[1]!.id, to: 'dea-1' },
      { kind: 'attention', requestId: made[1]!.id, to: 'coach-1' },
    ]);
  });

  it("starts a team leader's request's follow-ups for the claimant's work coach they named (seed §41)", async () => {
    const { requests, notifier, followUps } = setUp();
    const asked = requests.add({ channel: 'claimant_support_intervention', status: 'outcome_recorded', requesterId: 'wctl-1', claimantCoachId: 'coach-2' });
    await followUps.startFollowUps(asked.id, ['case_conference'], 'dea-1', AT);
    const [made] = children(requests, asked.id);
    expect(made).toMatchObject({ requesterId: 'coach-2', claimantCoachId: null, channel: 'case_conference' });
    expect(notifier.sent).toEqual([
      { kind: 'attention', requestId: made!.id, to: 'dea-1' },
      { kind: 'attention', requestId: made!.id, to: 'coach-2' },
    ]);
  });

  it("passes on where an action was agreed, so a group conference's starts its own (not the request's own outcome's)", async () => {
    const requests = new KeyedRequests();
    const asked: { step: string; source: string | undefined }[] = [];
    const followUps = new FollowUps({ requests, notifier: new FakeNotifier(), actions: { startAction: async (_from, step, _actor, _at, source) => (asked.push({ step, source }), 'for Rhys Morgan') } });
    const from = requests.add({ channel: 'case_conference', status: 'closed' });
    await followUps.startFollowUps(from.id, ['work_psychologist_action'], 'dea-1', AT);
    await followUps.startFollowUps(from.id, ['work_psychologist_action'], 'dea-1', AT, 'group-case:case-7');
    expect(asked).toEqual([
      { step: 'work_psychologist_action', source: undefined },
      { step: 'work_psychologist_action', source: 'group-case:case-7' },
    ]);
  });

  it('starts no request for steps that are not channels', async () => {
    const { requests, notifier, followUps, from } = setUp();
    const started = await followUps.startFollowUps(from.id, ['group_conference_case', 'work_psychologist_action', 'employer_adviser_action', 'tpp_manager_action', 'no_further_support'], 'coach-1', AT);
    // Only the group conference step says where the case went (here: nowhere yet).
    expect(started.map((s) => s.step)).toEqual(['group_conference_case']);
    expect(requests.created).toEqual([]);
    expect(notifier.sent).toEqual([]);
    expect(await followUps.startFollowUps(from.id, [], 'coach-1', AT)).toEqual([]);
  });

  it('sends a claimant support intervention chosen by someone other than the DEA to the DEA to accept or not', async () => {
    const { requests, notifier, followUps, from } = setUp();
    const started = await followUps.startFollowUps(from.id, ['claimant_support_intervention'], 'coach-1', AT);

    const [made] = children(requests, from.id);
    expect(started).toEqual([{ step: 'claimant_support_intervention', reference: made!.reference }]);
    expect(made).toMatchObject({ status: 'submitted', channel: null, requestedChannel: 'claimant_support_intervention', parentRequestId: from.id, claimant: from.claimant });
    expect(requests.created[0]?.request.acceptedAs).toBeUndefined();
    expect(notifier.sent).toEqual([{ kind: 'submitted', requestId: made!.id }]);
  });

  it('starts a claimant support intervention chosen by the DEA as accepted', async () => {
    const { requests, notifier, followUps, from } = setUp();
    await followUps.startFollowUps(from.id, ['claimant_support_intervention'], 'dea-1', AT);
    const [made] = children(requests, from.id);
    expect(made).toMatchObject({ status: 'accepted', channel: 'claimant_support_intervention', requestedChannel: null });
    expect(notifier.attentionTo(made!.id)).toEqual(['dea-1', 'coach-1']);
    expect(notifier.sent.some((x) => x.kind === 'submitted')).toBe(false);
  });

  it('skips channels that need a claimant for a request without one', async () => {
    const { requests, followUps } = setUp();
    const skill = requests.add({ type: 'skill_support', claimant: null, topic: 'retention', description: 'Retention after diagnosis.', channel: 'skill_conference', status: 'closed' });
    const started = await followUps.startFollowUps(skill.id, ['case_conference', 'three_way_intervention', 'claimant_support_intervention', 'skill_conference'], 'dea-1', AT);

    const made = children(requests, skill.id);
    expect(made).toHaveLength(1);
    expect(started).toEqual([{ step: 'skill_conference', reference: made[0]!.reference }]);
    expect(made[0]).toMatchObject({ type: 'skill_support', channel: 'skill_conference', status: 'accepted', claimant: null, topic: 'retention', description: 'Retention after diagnosis.' });
  });

  it('gives each step of a request its own submission key, the same on a repeated call, so nothing is started twice', async () => {
    const { requests, notifier, followUps, from } = setUp();
    const steps = ['case_conference', 'three_way_intervention', 'claimant_support_intervention'] as const;
    const first = await followUps.startFollowUps(from.id, steps, 'dea-1', AT);
    const second = await followUps.startFollowUps(from.id, steps, 'dea-1', new Date(AT.getTime() + 60_000));

    expect(requests.keys).toHaveLength(6);
    expect(requests.keys.slice(3)).toEqual(requests.keys.slice(0, 3));
    expect(new Set(requests.keys.slice(0, 3)).size).toBe(3);
    for (const key of requests.keys) expect(key).toMatch(new RegExp(`^${from.id}:`));
    expect(second).toEqual(first);
    expect(children(requests, from.id)).toHaveLength(3);
    expect(notifier.sent.length).toBeGreaterThan(0);
  });

  it('uses keys that differ between requests', async () => {
    const { requests, followUps, from } = setUp();
    const other = requests.add({ channel: 'case_conference', status: 'outcome_recorded' });
    await followUps.startFollowUps(from.id, ['case_conference'], 'coach-1', AT);
    await followUps.startFollowUps(other.id, ['case_conference'], 'coach-1', AT);
    expect(requests.keys[0]).not.toBe(requests.keys[1]);
    expect(children(requests, other.id)).toHaveLength(1);
  });

  it('is not found for an unknown request', async () => {
    const { followUps, requests } = setUp();
    await expect(followUps.startFollowUps('req-404', ['case_conference'], 'coach-1', AT)).rejects.toMatchObject({ name: 'DomainError', kind: 'not_found' });
    expect(requests.created).toEqual([]);
  });
});

describe('FollowUps: a case selected for a group work coach conference', () => {
  it('is put forward through the nominator, which names the conference; no request is made', async () => {
    const asked: string[] = [];
    const { requests, followUps, from } = setUp({
      nominateForNext: async (requestId, actorId) => {
        asked.push(`${requestId}:${actorId}`);
        return 'the group conference on Tuesday 12 January 2027, 10:00 to 11:00';
      },
    });
    const started = await followUps.startFollowUps(from.id, ['group_conference_case'], 'dea-1', AT);
    expect(asked).toEqual([`${from.id}:dea-1`]);
    expect(started).toEqual([{ step: 'group_conference_case', reference: 'the group conference on Tuesday 12 January 2027, 10:00 to 11:00' }]);
    expect(children(requests, from.id)).toEqual([]);
  });

  it('starts a step once for each outcome that names it: the same outcome sent twice, once; a group conference\'s outcome for the case, again', async () => {
    const { requests, followUps, from } = setUp();
    const [first] = await followUps.startFollowUps(from.id, ['case_conference'], 'coach-1', AT);
    const [again] = await followUps.startFollowUps(from.id, ['case_conference'], 'coach-1', AT);
    expect(again!.reference).toBe(first!.reference);
    const [fromConference] = await followUps.startFollowUps(from.id, ['case_conference'], 'dea-1', AT, 'group-case:9a57a005-e5f8-4da6-949d-724e4c615dcc');
    expect(fromConference!.reference).not.toBe(first!.reference);
    const [conferenceAgain] = await followUps.startFollowUps(from.id, ['case_conference'], 'dea-1', AT, 'group-case:9a57a005-e5f8-4da6-949d-724e4c615dcc');
    expect(conferenceAgain!.reference).toBe(fromConference!.reference);
    expect(children(requests, from.id)).toHaveLength(2);
    // Every key fits the request's 64-character submission key.
    expect(Math.max(...requests.keys.map((k) => k?.length ?? 0))).toBeLessThanOrEqual(64);
  });

  it('says how to nominate it later when no conference is booked', async () => {
    const { followUps, from } = setUp({ nominateForNext: async () => null });
    const [started] = await followUps.startFollowUps(from.id, ['group_conference_case'], 'dea-1', AT);
    expect(started?.reference).toContain('nominate case');
  });
});
