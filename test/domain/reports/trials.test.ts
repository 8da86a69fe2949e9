import { monthAskedAbout, startsInTrial, type Trial } from '../../../domain/reports/trials';

describe("a district's trial", () => {
  // Monday 11 March 2019 for ten weeks: its last day is Sunday 19 May.
  const trial: Trial = { start: '2019-03-11', weeks: 10 };

  it('has weekly figures and feedback for the weeks that start in it', () => {
    expect(startsInTrial(trial, { start: '2019-03-04' })).toBe(false);
    expect(startsInTrial(trial, { start: '2019-03-11' })).toBe(true);
    expect(startsInTrial(trial, { start: '2019-05-13' })).toBe(true);
    expect(startsInTrial(trial, { start: '2019-05-20' })).toBe(false);
  });

  it("asks about a month only when it runs past the trial's end", () => {
    expect(monthAskedAbout(trial, { end: '2019-04-01' })).toBe(false);
    expect(monthAskedAbout(trial, { end: '2019-05-20' })).toBe(false);
    expect(monthAskedAbout(trial, { end: '2019-06-01' })).toBe(true);
  });
});
