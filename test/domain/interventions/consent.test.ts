import {
  availabilityHours,
  checkInterventionConsent,
  checkThreeWayConsent,
  INTERVENTION_STATEMENTS,
  interventionRequesterKind,
  requiredInterventionStatements,
  suggestedConditionality,
  type ConsentInput,
} from '../../../domain/interventions/consent';
import { DomainError } from '../../../domain/errors';
import type { Benefit } from '../../../domain/requests/support-request';

/** Runs `fn`, which must throw a DomainError; returns it. */
function thrown(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

const agreedMandatory = (changes: Partial<Record<keyof ConsentInput, unknown>> = {}): ConsentInput => ({
  conditionality: 'mandatory',
  explained: 'dea_role,why_dea_helps,consequences',
  answer: 'agreed',
  availability: 'monday-am,wednesday-pm',
  ...changes,
});

describe('checkThreeWayConsent', () => {
  it('accepts a mandatory agreement with everything explained, defaulting the letter to standard print', () => {
    expect(checkThreeWayConsent(agreedMandatory())).toEqual({
      conditionality: 'mandatory',
      statements: ['dea_role', 'why_dea_helps', 'consequences'],
      answer: 'agreed',
      availability: ['monday-am', 'wednesday-pm'],
      letterFormat: 'standard',
    });
  });

  it('reads comma-separated choices with spaces around them', () => {
    const checked = checkThreeWayConsent(agreedMandatory({ explained: ' dea_role , why_dea_helps,consequences ', availability: 'friday-pm , tuesday-am' }));
    expect(checked.statements).toEqual(['dea_role', 'why_dea_helps', 'consequences']);
    expect(checked.availability).toEqual(['friday-pm', 'tuesday-am']);
  });

  it.each<[string, unknown]>([
    ['nothing explained', ''],
    ['only the role', 'dea_role'],
    ['only why the DEA helps', 'why_dea_helps'],
    ['only the consequences', 'consequences'],
    ['the role and the consequences', 'dea_role,consequences'],
    ['nothing at all', undefined],
  ])('refuses an agreement with %s: the DEA role and why they help must be explained', (_label, explained) => {
    const error = thrown(() => checkThreeWayConsent(agreedMandatory({ explained })));
    expect(error.kind).toBe('invalid');
    expect(Object.keys(error.problems)).toEqual(['explained']);
    expect(error.problems.explained).toMatch(/DEA's role/);
  });

  it('refuses a refusal too when the DEA role and why they help were not explained', () => {
    const error = thrown(() => checkThreeWayConsent({ conditionality: 'voluntary', explained: 'dea_role', answer: 'refused' }));
    expect(error.kind).toBe('invalid');
    expect(Object.keys(error.problems)).toEqual(['explained']);
  });

  it('needs the consequences understood for a mandatory agreement', () => {
    const error = thrown(() => checkThreeWayConsent(agreedMandatory({ explained: 'dea_role,why_dea_helps' })));
    expect(error.kind).toBe('invalid');
    expect(error.problems).toEqual({ explained: expect.stringMatching(/consequences of failing to attend/) });
    expect(error.message).toBe(error.problems.explained);
  });

  it('does not need the consequences for a voluntary agreement, and does not record them', () => {
    expect(checkThreeWayConsent(agreedMandatory({ conditionality: 'voluntary', explained: 'dea_role,why_dea_helps' })).statements).toEqual(['dea_role', 'why_dea_helps']);
    expect(checkThreeWayConsent(agreedMandatory({ conditionality: 'voluntary' })).statements).toEqual(['dea_role', 'why_dea_helps']);
  });

  it('does not need the consequences for a mandatory refusal, but keeps them if explained', () => {
    expect(checkThreeWayConsent({ conditionality: 'mandatory', explained: 'dea_role,why_dea_helps', answer: 'refused' }).statements).toEqual(['dea_role', 'why_dea_helps']);
    expect(checkThreeWayConsent({ conditionality: 'mandatory', explained: 'dea_role,why_dea_helps,consequences', answer: 'refused' }).statements).toEqual([
      'dea_role',
      'why_dea_helps',
      'consequences',
    ]);
  });

  it('ignores statements it does not know', () => {
    expect(checkThreeWayConsent(agreedMandatory({ explained: 'dea_role,told_voluntary,why_dea_helps,consequences,bogus' })).statements).toEqual([
      'dea_role',
      'why_dea_helps',
      'consequences',
    ]);
  });

  // BUG (domain/interventions/consent.ts, checkThreeWayConsent): the filter uses `s in THREE_WAY_STATEMENTS`,
  // which is also true for Object.prototype names, so 'constructor', 'toString', 'hasOwnProperty'… are kept
  // and saved in the consent record's statements.
  it("ignores Object.prototype names posted as statements (e.g. 'constructor', 'toString')", () => {
    const checked = checkThreeWayConsent({ conditionality: 'voluntary', explained: 'dea_role,why_dea_helps,constructor,toString,__proto__,hasOwnProperty', answer: 'refused' });
    expect(checked.statements).toEqual(['dea_role', 'why_dea_helps']);
  });

  it('needs at least one half day for an agreement', () => {
    for (const availability of [undefined, '', 'saturday-am', 'monday', 'monday-evening', 'Monday-am']) {
      const error = thrown(() => checkThreeWayConsent(agreedMandatory({ availability })));
      expect(error.kind).toBe('invalid');
      expect(Object.keys(error.problems)).toEqual(['availability']);
    }
  });

  it('keeps only well-formed weekday half days', () => {
    expect(checkThreeWayConsent(agreedMandatory({ availability: 'sunday-am,monday-pm,tuesday-noon,thursday-am' })).availability).toEqual(['monday-pm', 'thursday-am']);
  });

  it('needs no availability for a refusal, and drops any given', () => {
    expect(checkThreeWayConsent({ conditionality: 'voluntary', explained: 'dea_role,why_dea_helps', answer: 'refused' })).toEqual({
      conditionality: 'voluntary',
      statements: ['dea_role', 'why_dea_helps'],
      answer: 'refused',
      availability: [],
      letterFormat: 'standard',
    });
    expect(checkThreeWayConsent({ conditionality: 'voluntary', explained: 'dea_role,why_dea_helps', answer: 'refused', availability: 'monday-am' }).availability).toEqual([]);
  });

  it.each(['standard', 'large_print', 'braille'] as const)('keeps the letter format %s', (letterFormat) => {
    expect(checkThreeWayConsent(agreedMandatory({ letterFormat })).letterFormat).toBe(letterFormat);
  });

  it('treats an empty letter format as standard print', () => {
    expect(checkThreeWayConsent(agreedMandatory({ letterFormat: '' })).letterFormat).toBe('standard');
  });

  it.each<unknown>(['Braille', 'audio', 42])('refuses the letter format %j', (letterFormat) => {
    const error = thrown(() => checkThreeWayConsent(agreedMandatory({ letterFormat })));
    expect(error.kind).toBe('invalid');
    expect(error.problems).toEqual({ letterFormat: 'Choose standard print, large print or braille.' });
  });

  it('refuses a missing or unknown conditionality and answer', () => {
    const error = thrown(() => checkThreeWayConsent({ conditionality: 'sometimes', explained: 'dea_role,why_dea_helps', answer: 'maybe' }));
    expect(error.kind).toBe('invalid');
    expect(error.problems).toEqual({ conditionality: 'Choose voluntary or mandatory.', answer: 'Choose whether the claimant agreed.' });
    expect(error.message).toBe('Choose voluntary or mandatory.');
  });

  it('reports every problem at once, keyed by field', () => {
    const error = thrown(() => checkThreeWayConsent({ answer: 'agreed', letterFormat: 'audio' }));
    expect(Object.keys(error.problems).sort()).toEqual(['availability', 'conditionality', 'explained', 'letterFormat']);
  });
});

describe('requiredInterventionStatements', () => {
  const all = Object.keys(INTERVENTION_STATEMENTS);

  it('asks a work coach for every pre-condition of seed §38', () => {
    expect(requiredInterventionStatements('work_coach')).toEqual([
      'discussed_with_team_leader',
      'agreed_with_dea',
      'consent_gained',
      'told_dea_will_contact',
      'told_voluntary',
      'told_conditionality_applies',
    ]);
  });

  it('does not ask a team leader asking directly (seed §39) to have discussed it with a team leader', () => {
    expect(requiredInterventionStatements('team_leader')).toEqual(all.filter((s) => s !== 'discussed_with_team_leader'));
    expect(requiredInterventionStatements('team_leader')).toHaveLength(all.length - 1);
  });
});

describe('the pre-conditions of an employer adviser’s DEA Support Intervention (seed §68)', () => {
  it('asks an employer adviser only what applies to someone in work: consent, that the DEA will contact them, that attending is voluntary', () => {
    expect(interventionRequesterKind({ roles: ['employer_adviser'] })).toBe('employer_adviser');
    expect(requiredInterventionStatements('employer_adviser')).toEqual(['consent_gained', 'told_dea_will_contact', 'told_voluntary']);
  });

  it('is a work coach’s or a team leader’s list for someone who is one too', () => {
    expect(interventionRequesterKind({ roles: ['work_coach'] })).toBe('work_coach');
    expect(interventionRequesterKind({ roles: ['employer_adviser', 'work_coach'] })).toBe('work_coach');
    expect(interventionRequesterKind({ roles: ['service_delivery_team_leader'] })).toBe('team_leader');
    expect(interventionRequesterKind({ roles: ['employer_adviser', 'work_coach_team_leader'] })).toBe('team_leader');
  });

  it('records an employer adviser’s three statements, and names any missing as the form words it', () => {
    const mine = requiredInterventionStatements('employer_adviser');
    expect(checkInterventionConsent({ confirmed: mine.join(',') }, 'employer_adviser')).toEqual({ conditionality: 'voluntary', statements: mine, answer: 'agreed', availability: [], letterFormat: 'standard' });
    const error = thrown(() => checkInterventionConsent({ confirmed: 'consent_gained,told_dea_will_contact' }, 'employer_adviser'));
    expect(error.problems.confirmed).toBe(`Before the DEA books it, confirm each of these: “${INTERVENTION_STATEMENTS.told_voluntary}”.`);
  });
});

describe('checkInterventionConsent', () => {
  const everything = Object.keys(INTERVENTION_STATEMENTS).join(',');

  it('records a work coach’s confirmation as a voluntary agreement, with every statement', () => {
    expect(checkInterventionConsent({ confirmed: everything }, 'work_coach')).toEqual({
      conditionality: 'voluntary',
      statements: requiredInterventionStatements('work_coach'),
      answer: 'agreed',
      availability: [],
      letterFormat: 'standard',
    });
  });

  it('is voluntary even when the claimant’s benefit is mandatory, and keeps the letter format', () => {
    const checked = checkInterventionConsent({ confirmed: everything, letterFormat: 'braille' }, 'work_coach');
    expect(checked.conditionality).toBe('voluntary');
    expect(checked.letterFormat).toBe('braille');
  });

  it('needs every statement from a work coach, naming what is missing', () => {
    const allButTwo = requiredInterventionStatements('work_coach').filter((s) => s !== 'discussed_with_team_leader' && s !== 'told_voluntary');
    const error = thrown(() => checkInterventionConsent({ confirmed: allButTwo.join(',') }, 'work_coach'));
    expect(error.kind).toBe('invalid');
    expect(Object.keys(error.problems)).toEqual(['confirmed']);
    const message = error.problems.confirmed!;
    expect(message).toBe(`Before the DEA books it, confirm each of these: “${INTERVENTION_STATEMENTS.discussed_with_team_leader}”, “${INTERVENTION_STATEMENTS.told_voluntary}”.`);
    for (const present of allButTwo) expect(message).not.toContain(INTERVENTION_STATEMENTS[present]);
  });

  // Wording (domain/interventions/consent.ts, checkInterventionConsent): only a leading "I " is rewritten, so the
  // message reads "confirm: you discussed the case with my Work Coach Team Leader" ("my" should be "your") and
  // "…; The claimant consented…" keeps a capital after the semicolon.
  it('quotes the missing statements as the form words them, so the person can find each box', () => {
    const error = thrown(() => checkInterventionConsent({ confirmed: 'agreed_with_dea' }, 'work_coach'));
    expect(error.problems.confirmed).toContain('“I discussed the case with my Work Coach Team Leader”');
    expect(error.problems.confirmed).not.toMatch(/; The /);
  });

  it('refuses when nothing is confirmed', () => {
    const error = thrown(() => checkInterventionConsent({}, 'work_coach'));
    expect(error.kind).toBe('invalid');
    for (const key of requiredInterventionStatements('work_coach')) expect(error.problems.confirmed).toContain(`“${INTERVENTION_STATEMENTS[key]}”`);
  });

  it('does not need a team leader to confirm they discussed it with a team leader, and does not record it', () => {
    const withoutDiscussion = requiredInterventionStatements('team_leader').join(',');
    const checked = checkInterventionConsent({ confirmed: withoutDiscussion }, 'team_leader');
    expect(checked.statements).not.toContain('discussed_with_team_leader');
    expect(checked.statements).toEqual(requiredInterventionStatements('team_leader'));
    expect(checked.answer).toBe('agreed');
    // …while a work coach who skipped it is refused.
    expect(thrown(() => checkInterventionConsent({ confirmed: withoutDiscussion }, 'work_coach')).problems).toHaveProperty('confirmed');
  });

  it('still needs every other statement from a team leader', () => {
    const missingOne = requiredInterventionStatements('team_leader').filter((s) => s !== 'consent_gained').join(',');
    const error = thrown(() => checkInterventionConsent({ confirmed: missingOne }, 'team_leader'));
    expect(error.problems.confirmed).toContain('The claimant consented to a DEA support intervention');
  });

  it('refuses an unknown letter format, alongside missing statements', () => {
    const error = thrown(() => checkInterventionConsent({ confirmed: '', letterFormat: 'audio' }, 'work_coach'));
    expect(Object.keys(error.problems).sort()).toEqual(['confirmed', 'letterFormat']);
    expect(thrown(() => checkInterventionConsent({ confirmed: everything, letterFormat: 'audio' }, 'work_coach')).problems).toEqual({
      letterFormat: 'Choose standard print, large print or braille.',
    });
  });
});

describe('suggestedConditionality', () => {
  it.each<[readonly Benefit[], string]>([
    [['UC'], 'mandatory'],
    [['JSA'], 'mandatory'],
    [['ESA', 'UC'], 'mandatory'],
    [['PIP', 'JSA'], 'mandatory'],
    [['ESA'], 'voluntary'],
    [['other'], 'voluntary'],
    [['ESA', 'PIP', 'other'], 'voluntary'],
    [[], 'voluntary'],
  ])('%j suggests %s', (benefits, expected) => {
    expect(suggestedConditionality(benefits)).toBe(expected);
  });
});

describe('availabilityHours', () => {
  it('turns mornings into 09:00–12:30 and afternoons into 13:00–17:00', () => {
    expect(availabilityHours(['monday-am', 'tuesday-pm'])).toEqual({
      monday: { start: '09:00', end: '12:30' },
      tuesday: { start: '13:00', end: '17:00' },
    });
  });

  it('makes a whole day 09:00–17:00 when both halves are chosen, in any order', () => {
    expect(availabilityHours(['friday-pm', 'friday-am'])).toEqual({ friday: { start: '09:00', end: '17:00' } });
  });

  it('leaves out days not chosen, weekends and anything malformed', () => {
    const hours = availabilityHours(['wednesday-am', 'saturday-am', 'sunday-pm', 'thursday', 'thursday-evening']);
    expect(hours).toEqual({ wednesday: { start: '09:00', end: '12:30' } });
    expect(Object.keys(availabilityHours([]))).toEqual([]);
  });

  it('covers every weekday half day', () => {
    const all = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].flatMap((d) => [`${d}-am`, `${d}-pm`]);
    const hours = availabilityHours(all);
    expect(Object.keys(hours)).toEqual(['monday', 'tuesday', 'wednesday', 'thursday', 'friday']);
    for (const span of Object.values(hours)) expect(span).toEqual({ start: '09:00', end: '17:00' });
  });
});
