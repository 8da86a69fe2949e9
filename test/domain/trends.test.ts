import { DEFAULT_TREND_RULES, inappropriateTrend, topicTrend } from '../../domain/requests/trends';
import type { SupportRequest } from '../../domain/requests/support-request';
import type { StaffMember } from '../../domain/staff';

const coach: StaffMember = { id: 'c1', aadObjectId: 'a1', name: 'Amira Shah', email: 'a@x', roles: ['work_coach'], jobcentreId: null, deaId: 'd', teamLeaderId: 'tl' };
let n = 0;
function req(over: Partial<SupportRequest>): SupportRequest {
  n++;
  return {
    id: `r${n}`,
    reference: `DEA-${n}`,
    type: 'skill_support',
    status: 'submitted',
    version: 1,
    requesterId: 'c1',
    deaId: 'd',
    claimant: null,
    topic: 'retention',
    description: '',
    reason: null,
    requiredBy: null,
    urgent: false,
    vulnerability: null,
    channel: null,
    inappropriate: false,
    parentRequestId: null,
    requestedChannel: null,
    claimantCoachId: null,
    messages: [],
    createdAt: new Date(),
    updatedAt: new Date(),
    ...over,
  };
}

describe('trends', () => {
  it('reports a coach once two of their requests are marked inappropriate, keyed by the first of them', () => {
    const first = req({ inappropriate: true });
    expect(inappropriateTrend(coach, [first, req({})], DEFAULT_TREND_RULES)).toBeNull();
    const spotted = inappropriateTrend(coach, [first, req({}), req({ inappropriate: true })], DEFAULT_TREND_RULES);
    expect(spotted?.trend).toEqual({ kind: 'inappropriate_requests', teamLeaderId: 'tl', coachIds: ['c1'], topic: null, count: 2, windowDays: 60 });
    const again = inappropriateTrend(coach, [first, req({ inappropriate: true }), req({ inappropriate: true })], DEFAULT_TREND_RULES);
    expect(again?.key).toBe(spotted?.key);
  });

  it('reports three requests on one topic from a team, naming each coach once', () => {
    const team = [req({}), req({ requesterId: 'c2' }), req({ topic: 'other' })];
    expect(topicTrend(team[1]!, 'tl', team, DEFAULT_TREND_RULES)).toBeNull();
    const third = req({});
    const spotted = topicTrend(third, 'tl', [...team, third], DEFAULT_TREND_RULES);
    expect(spotted?.trend).toMatchObject({ kind: 'repeated_skill_topic', topic: 'retention', count: 3, coachIds: ['c1', 'c2'] });
  });

  it('follows configured thresholds, ignores withdrawn requests, and needs a team leader', () => {
    const rules = { ...DEFAULT_TREND_RULES, topicThreshold: 2 };
    const two = [req({}), req({})];
    expect(topicTrend(two[1]!, 'tl', two, rules)).not.toBeNull();
    expect(topicTrend(two[1]!, 'tl', [two[0]!, req({ status: 'withdrawn' }), two[1]!], DEFAULT_TREND_RULES)).toBeNull();
    expect(topicTrend(two[1]!, null, two, rules)).toBeNull();
    expect(inappropriateTrend({ ...coach, teamLeaderId: null }, [req({ inappropriate: true }), req({ inappropriate: true })], DEFAULT_TREND_RULES)).toBeNull();
  });
});
