import { OUTCOME_LIMITS, OUTCOME_ROUTES, routeOf, summaryIsSeparate } from '../../../domain/outcomes/outcome-routes';

describe('routeOf', () => {
  it('names who records the outcome and where the summary goes, per the seed', () => {
    // §15 and §14: the work coach records; the summary goes to the work coach's team leader.
    expect(routeOf('case_conference')).toEqual({ recorder: 'requester', summaryTo: 'requester_team_leader' });
    // §18 and §17: the DEA decides further support; the summary goes the same way.
    expect(routeOf('skill_conference')).toEqual({ recorder: 'adviser', summaryTo: 'requester_team_leader' });
    // §27: the work coach records; the DEA's summary goes to the DEA's Work Coach Team Leader.
    expect(routeOf('three_way_intervention')).toEqual({ recorder: 'requester', summaryTo: 'dea_team_leader' });
    // §41: the DEA records and workflows a brief summary to the claimant's work coach.
    expect(routeOf('claimant_support_intervention')).toEqual({ recorder: 'adviser', summaryTo: 'claimant_coach' });
  });

  it('has no route for channels without a one to one meeting outcome', () => {
    expect(routeOf('informational_support')).toBeNull();
    expect(routeOf('group_conference')).toBeNull();
    expect(routeOf(null)).toBeNull();
    expect(Object.keys(OUTCOME_ROUTES).sort()).toEqual(['case_conference', 'claimant_support_intervention', 'skill_conference', 'three_way_intervention']);
  });
});

describe('summaryIsSeparate', () => {
  it('is separate when the requester records the outcome, one form when the DEA does', () => {
    expect(summaryIsSeparate(routeOf('case_conference')!)).toBe(true);
    expect(summaryIsSeparate(routeOf('three_way_intervention')!)).toBe(true);
    expect(summaryIsSeparate(routeOf('skill_conference')!)).toBe(false);
    expect(summaryIsSeparate(routeOf('claimant_support_intervention')!)).toBe(false);
  });
});

describe('OUTCOME_LIMITS', () => {
  it('keeps actions and summaries to 2000 characters', () => {
    expect(OUTCOME_LIMITS).toEqual({ actions: 2000, summary: 2000 });
  });
});
