import {
  checkClaimantSupport,
  checkColleagueSupport,
  checkSkillSupport,
  LIMITS,
  MAX_MONTHS_AHEAD,
  type Checked,
  type Draft,
} from '../../domain/requests/drafts';

/** 30 November: three months ahead is clamped to 28 February 2027. */
const TODAY = '2026-11-30';
const LATEST = '2027-02-28';
const TOO_LATE = '2027-03-01';
const LATEST_TEXT = 'Sunday 28 February 2027';

const PAST_PROBLEM = 'The required response date cannot be in the past.';
const REAL_DATE_PROBLEM = 'Enter the date as a real date, for example 2026-12-01.';
const MISSING_DATE_PROBLEM = "Enter the required response date, for example the claimant's next appointment.";
const SURNAME_PROBLEM = 'A surname can only have letters, spaces, hyphens and apostrophes.';

/** The problems of a check expected to fail; fails the test if it passed. */
function problemsOf<T>(checked: Checked<T>): Record<string, string> {
  if (checked.ok) throw new Error(`expected problems, got ${JSON.stringify(checked.value)}`);
  return checked.problems;
}

/** The value of a check expected to pass; fails the test with the problems if it did not. */
function valueOf<T>(checked: Checked<T>): T {
  if (!checked.ok) throw new Error(`expected a value, got problems ${JSON.stringify(checked.problems)}`);
  return checked.value;
}

const claimantDraft = (changes: Record<string, string> = {}): Draft => ({
  surname: 'Smith',
  nino: 'AB123456C',
  benefits: 'UC',
  challenges: 'Anxiety in group settings.',
  whyNeeded: 'Needs help choosing reasonable adjustments.',
  requiredBy: '2026-12-15',
  ...changes,
});

const skillDraft = (changes: Record<string, string> = {}): Draft => ({
  topic: 'reasonable_adjustments',
  description: 'Adjustments for a claimant with a visual impairment.',
  requiredBy: '2026-12-15',
  ...changes,
});

const colleagueDraft = (changes: Record<string, string> = {}): Draft => ({
  reason: 'Service Delivery Coach skills support request',
  description: 'How to support a claimant with autism at the front desk.',
  criticality: 'non_urgent',
  requiredBy: '2026-12-15',
  ...changes,
});

const without = (draft: Draft, field: string): Draft => Object.fromEntries(Object.entries(draft).filter(([key]) => key !== field));

describe('limits', () => {
  it('are the documented ones', () => {
    expect(LIMITS).toEqual({ surname: 100, challenges: 1000, whyNeeded: 1000, description: 1000, reason: 200 });
    expect(MAX_MONTHS_AHEAD).toBe(3);
  });
});

describe('checkClaimantSupport', () => {
  it('accepts a complete draft and normalises it', () => {
    const draft = claimantDraft({
      surname: "  O'Brien-Smith ",
      nino: ' ab 12 34 56 c ',
      benefits: 'UC, PIP',
      challenges: '  Anxiety.  ',
      whyNeeded: '\tAdjustments.\n',
      requiredBy: ' 2026-12-15 ',
    });
    expect(checkClaimantSupport(draft, TODAY)).toEqual({
      ok: true,
      value: {
        surname: "O'Brien-Smith",
        nino: 'AB123456C',
        benefits: ['UC', 'PIP'],
        challenges: 'Anxiety.',
        whyNeeded: 'Adjustments.',
        requiredBy: '2026-12-15',
      },
    });
  });

  it('splits benefits on commas, dropping blanks', () => {
    expect(valueOf(checkClaimantSupport(claimantDraft({ benefits: ',ESA,, JSA ,other,' }), TODAY)).benefits).toEqual(['ESA', 'JSA', 'other']);
  });

  it('accepts a non-benefit claimant here: eligibility is decided later', () => {
    expect(valueOf(checkClaimantSupport(claimantDraft({ benefits: 'PIP,DLA,AA' }), TODAY)).benefits).toEqual(['PIP', 'DLA', 'AA']);
  });

  it.each([
    ['surname', "Enter the claimant's surname."],
    ['nino', "Enter the claimant's National Insurance number."],
    ['benefits', 'Choose the benefits the claimant gets.'],
    ['challenges', "Enter a brief description of the claimant's challenges."],
    ['whyNeeded', 'Enter why DEA support is needed.'],
    ['requiredBy', MISSING_DATE_PROBLEM],
  ])('an empty %s is a problem on that field only', (field, problem) => {
    expect(problemsOf(checkClaimantSupport(claimantDraft({ [field]: '' }), TODAY))).toEqual({ [field]: problem });
    expect(problemsOf(checkClaimantSupport(claimantDraft({ [field]: '   ' }), TODAY))).toEqual({ [field]: problem });
    expect(problemsOf(checkClaimantSupport(without(claimantDraft(), field), TODAY))).toEqual({ [field]: problem });
  });

  it('an empty draft has a problem on every field', () => {
    expect(Object.keys(problemsOf(checkClaimantSupport({}, TODAY))).sort()).toEqual(
      ['benefits', 'challenges', 'nino', 'requiredBy', 'surname', 'whyNeeded'].sort(),
    );
  });

  it.each([
    ['surname', LIMITS.surname, "The claimant's surname must be 100 characters or fewer (it is 101)."],
    ['challenges', LIMITS.challenges, "A brief description of the claimant's challenges must be 1000 characters or fewer (it is 1001)."],
    ['whyNeeded', LIMITS.whyNeeded, 'Why DEA support is needed must be 1000 characters or fewer (it is 1001).'],
  ])('%s: %i characters is fine, one more is a problem naming the limit', (field, limit, problem) => {
    expect(checkClaimantSupport(claimantDraft({ [field]: 'a'.repeat(limit) }), TODAY).ok).toBe(true);
    expect(problemsOf(checkClaimantSupport(claimantDraft({ [field]: 'a'.repeat(limit + 1) }), TODAY))).toEqual({ [field]: problem });
  });

  it('counts length after trimming', () => {
    const value = valueOf(checkClaimantSupport(claimantDraft({ challenges: `  ${'b'.repeat(LIMITS.challenges)}  ` }), TODAY));
    expect(value.challenges).toHaveLength(LIMITS.challenges);
  });

  it.each(['Sm1th', 'Smith2', '123', 'Smith!', 'Smith@example', '-Smith', "'Smith", 'Smith_Jones'])('refuses the surname %j', (surname) => {
    expect(problemsOf(checkClaimantSupport(claimantDraft({ surname }), TODAY))).toEqual({ surname: SURNAME_PROBLEM });
  });

  it.each(["O'Brien", 'Smith-Jones', 'van der Berg', 'Ó Súilleabháin', 'Müller', 'St. John'])('accepts the surname %j', (surname) => {
    expect(valueOf(checkClaimantSupport(claimantDraft({ surname }), TODAY)).surname).toBe(surname);
  });

  // Regression: phones (iOS/Android smart punctuation) type the apostrophe as U+2019; this test found it
  // refused while the problem said apostrophes were allowed (fixed in drafts.ts in 39eeaa2).
  it('accepts a surname with a typographic apostrophe (O’Brien)', () => {
    expect(valueOf(checkClaimantSupport(claimantDraft({ surname: 'O’Brien' }), TODAY)).surname).toBe('O’Brien');
  });

  it('a too-long surname reports the length, not the characters', () => {
    expect(problemsOf(checkClaimantSupport(claimantDraft({ surname: '1'.repeat(101) }), TODAY))).toEqual({
      surname: "The claimant's surname must be 100 characters or fewer (it is 101).",
    });
  });

  it.each([
    ['QQ123456C', 'A National Insurance number never starts with Q.'],
    ['AO123456C', 'The second letter of a National Insurance number is never O.'],
    ['ZZ123456C', 'National Insurance numbers starting ZZ are never issued.'],
    ['AB123456E', 'A National Insurance number is 2 letters, 6 numbers and a letter A to D, like AB 12 34 56 C.'],
  ])('refuses the NINO %s with the NINO problem', (nino, problem) => {
    expect(problemsOf(checkClaimantSupport(claimantDraft({ nino }), TODAY))).toEqual({ nino: problem });
  });

  it.each(['XYZ', 'UC,XYZ', 'Universal Credit', 'uc'])('refuses the benefits %j', (benefits) => {
    expect(problemsOf(checkClaimantSupport(claimantDraft({ benefits }), TODAY))).toEqual({ benefits: 'Choose benefits from the list.' });
  });

  it('benefits of only commas and spaces count as none chosen', () => {
    expect(problemsOf(checkClaimantSupport(claimantDraft({ benefits: ' , ,' }), TODAY))).toEqual({
      benefits: 'Choose the benefits the claimant gets.',
    });
  });

  it('reports several problems at once', () => {
    expect(problemsOf(checkClaimantSupport(claimantDraft({ surname: 'Sm1th', nino: 'DA123456A', benefits: 'XYZ', requiredBy: '2026-11-29' }), TODAY))).toEqual({
      surname: SURNAME_PROBLEM,
      nino: 'A National Insurance number never starts with D.',
      benefits: 'Choose benefits from the list.',
      requiredBy: PAST_PROBLEM,
    });
  });

  describe('required response date (today is 30 November 2026)', () => {
    it.each([TODAY, '2026-12-01', '2027-01-31', LATEST])('accepts %s', (requiredBy) => {
      expect(valueOf(checkClaimantSupport(claimantDraft({ requiredBy }), TODAY)).requiredBy).toBe(requiredBy);
    });

    it.each(['2026-11-29', '2026-01-01', '2025-11-30'])('refuses %s as in the past', (requiredBy) => {
      expect(problemsOf(checkClaimantSupport(claimantDraft({ requiredBy }), TODAY))).toEqual({ requiredBy: PAST_PROBLEM });
    });

    it.each([TOO_LATE, '2027-05-30', '2030-01-01'])('refuses %s as more than 3 months ahead, naming the last day', (requiredBy) => {
      expect(problemsOf(checkClaimantSupport(claimantDraft({ requiredBy }), TODAY))).toEqual({
        requiredBy: `The required response date must be within 3 months, by ${LATEST_TEXT}.`,
      });
    });

    it.each(['2026-02-30', '2026-13-01', '2026-12-1', '15/12/2026', 'next Tuesday'])('refuses %j as not a real date', (requiredBy) => {
      expect(problemsOf(checkClaimantSupport(claimantDraft({ requiredBy }), TODAY))).toEqual({ requiredBy: REAL_DATE_PROBLEM });
    });

    it('exactly three months ahead from a mid-month day is fine, the day after is not', () => {
      const today = '2026-06-15';
      expect(checkClaimantSupport(claimantDraft({ requiredBy: '2026-09-15' }), today).ok).toBe(true);
      expect(problemsOf(checkClaimantSupport(claimantDraft({ requiredBy: '2026-09-16' }), today))).toEqual({
        requiredBy: 'The required response date must be within 3 months, by Tuesday 15 September 2026.',
      });
    });
  });
});

describe('checkSkillSupport', () => {
  it('accepts a complete draft, trimmed', () => {
    expect(checkSkillSupport(skillDraft({ topic: ' retention ', description: '  Keeping a job after a diagnosis.  ', requiredBy: LATEST }), TODAY)).toEqual({
      ok: true,
      value: { topic: 'retention', description: 'Keeping a job after a diagnosis.', requiredBy: LATEST },
    });
  });

  it.each(['retention', 'reasonable_adjustments', 'disability_specific_information', 'other'])('accepts the topic %s', (topic) => {
    expect(valueOf(checkSkillSupport(skillDraft({ topic }), TODAY)).topic).toBe(topic);
  });

  it.each(['', 'cooking', 'Retention'])('refuses the topic %j', (topic) => {
    expect(problemsOf(checkSkillSupport(skillDraft({ topic }), TODAY))).toEqual({ topic: 'Choose the topic you need support with.' });
  });

  it.each([
    ['topic', 'Choose the topic you need support with.'],
    ['description', 'Enter a brief description of the support you need.'],
    ['requiredBy', MISSING_DATE_PROBLEM],
  ])('a missing %s is a problem on that field only', (field, problem) => {
    expect(problemsOf(checkSkillSupport(without(skillDraft(), field), TODAY))).toEqual({ [field]: problem });
  });

  it('description: 1000 characters is fine, 1001 is a problem naming the limit', () => {
    expect(checkSkillSupport(skillDraft({ description: 'd'.repeat(1000) }), TODAY).ok).toBe(true);
    expect(problemsOf(checkSkillSupport(skillDraft({ description: 'd'.repeat(1001) }), TODAY))).toEqual({
      description: 'A brief description of the support you need must be 1000 characters or fewer (it is 1001).',
    });
  });

  it('the date is required and checked like a claimant request', () => {
    expect(checkSkillSupport(skillDraft({ requiredBy: TODAY }), TODAY).ok).toBe(true);
    expect(problemsOf(checkSkillSupport(skillDraft({ requiredBy: '2026-11-29' }), TODAY))).toEqual({ requiredBy: PAST_PROBLEM });
    expect(problemsOf(checkSkillSupport(skillDraft({ requiredBy: TOO_LATE }), TODAY)).requiredBy).toMatch(/within 3 months/);
    expect(problemsOf(checkSkillSupport(skillDraft({ requiredBy: '2026-02-30' }), TODAY))).toEqual({ requiredBy: REAL_DATE_PROBLEM });
  });
});

describe('checkColleagueSupport', () => {
  it('accepts a complete draft, trimmed', () => {
    expect(checkColleagueSupport(colleagueDraft({ reason: ' Skills support ', description: ' Details. ', criticality: ' urgent ' }), TODAY)).toEqual({
      ok: true,
      value: { reason: 'Skills support', description: 'Details.', criticality: 'urgent', requiredBy: '2026-12-15' },
    });
  });

  it.each(['urgent', 'non_urgent'])('accepts the criticality %s', (criticality) => {
    expect(valueOf(checkColleagueSupport(colleagueDraft({ criticality }), TODAY)).criticality).toBe(criticality);
  });

  it.each(['', 'high', 'Urgent', 'non-urgent'])('refuses the criticality %j', (criticality) => {
    expect(problemsOf(checkColleagueSupport(colleagueDraft({ criticality }), TODAY))).toEqual({
      criticality: 'Say whether the request is urgent or non-urgent.',
    });
  });

  it.each([
    ['reason', 'Enter the reason for your request.'],
    ['description', 'Enter the details of your request.'],
    ['criticality', 'Say whether the request is urgent or non-urgent.'],
  ])('a missing %s is a problem on that field only', (field, problem) => {
    expect(problemsOf(checkColleagueSupport(without(colleagueDraft(), field), TODAY))).toEqual({ [field]: problem });
  });

  it('the date is optional: empty or missing gives null', () => {
    expect(valueOf(checkColleagueSupport(colleagueDraft({ requiredBy: '' }), TODAY)).requiredBy).toBeNull();
    expect(valueOf(checkColleagueSupport(colleagueDraft({ requiredBy: '  ' }), TODAY)).requiredBy).toBeNull();
    expect(valueOf(checkColleagueSupport(without(colleagueDraft(), 'requiredBy'), TODAY)).requiredBy).toBeNull();
  });

  it('a date that is given is still checked', () => {
    expect(valueOf(checkColleagueSupport(colleagueDraft({ requiredBy: LATEST }), TODAY)).requiredBy).toBe(LATEST);
    expect(problemsOf(checkColleagueSupport(colleagueDraft({ requiredBy: '2026-11-29' }), TODAY))).toEqual({ requiredBy: PAST_PROBLEM });
    expect(problemsOf(checkColleagueSupport(colleagueDraft({ requiredBy: TOO_LATE }), TODAY))).toEqual({
      requiredBy: `The required response date must be within 3 months, by ${LATEST_TEXT}.`,
    });
    expect(problemsOf(checkColleagueSupport(colleagueDraft({ requiredBy: '2026-13-01' }), TODAY))).toEqual({ requiredBy: REAL_DATE_PROBLEM });
  });

  it('reason: 200 characters is fine, 201 is a problem naming the limit', () => {
    expect(checkColleagueSupport(colleagueDraft({ reason: 'r'.repeat(200) }), TODAY).ok).toBe(true);
    expect(problemsOf(checkColleagueSupport(colleagueDraft({ reason: 'r'.repeat(201) }), TODAY))).toEqual({
      reason: 'The reason for your request must be 200 characters or fewer (it is 201).',
    });
  });

  it('description: 1000 characters is fine, 1001 is a problem naming the limit', () => {
    expect(checkColleagueSupport(colleagueDraft({ description: 'd'.repeat(1000) }), TODAY).ok).toBe(true);
    expect(problemsOf(checkColleagueSupport(colleagueDraft({ description: 'd'.repeat(1001) }), TODAY))).toEqual({
      description: 'The details of your request must be 1000 characters or fewer (it is 1001).',
    });
  });

  it('an empty draft has problems on reason, description and criticality but not the date', () => {
    expect(Object.keys(problemsOf(checkColleagueSupport({}, TODAY))).sort()).toEqual(['criticality', 'description', 'reason']);
  });
});
