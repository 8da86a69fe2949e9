import { INTERVENTIONS_PER_CLAIMANT, needsTeamLeaderAgreement, ordinal } from '../../../domain/interventions/intervention-limit';

describe('needsTeamLeaderAgreement (seed §36: up to three per claimant)', () => {
  it('allows three interventions per claimant', () => {
    expect(INTERVENTIONS_PER_CLAIMANT).toBe(3);
  });

  it.each([0, 1, 2])('is not needed after %i earlier interventions', (prior) => {
    expect(needsTeamLeaderAgreement(prior)).toBe(false);
  });

  it.each([3, 4, 10])('is needed after %i earlier interventions (the 4th on)', (prior) => {
    expect(needsTeamLeaderAgreement(prior)).toBe(true);
  });
});

describe('ordinal', () => {
  it.each([
    [1, '1st'],
    [2, '2nd'],
    [3, '3rd'],
    [4, '4th'],
    [9, '9th'],
    [10, '10th'],
    [11, '11th'],
    [12, '12th'],
    [13, '13th'],
    [14, '14th'],
    [21, '21st'],
    [22, '22nd'],
    [23, '23rd'],
    [100, '100th'],
    [101, '101st'],
    [111, '111th'],
    [112, '112th'],
    [113, '113th'],
    [0, '0th'],
  ])('%i is %s', (n, expected) => {
    expect(ordinal(n)).toBe(expected);
  });
});
