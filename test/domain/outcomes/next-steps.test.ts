import { CHANNELS } from '../../../domain/requests/channels';
import {
  channelOfStep,
  isNextStep,
  NEXT_STEP_LABELS,
  NEXT_STEPS,
  NEXT_STEPS_AFTER,
  OUTCOME_CHANNELS,
  parseNextSteps,
  type NextStep,
} from '../../../domain/outcomes/next-steps';

/**
 * The seed's lists, written from the seed text (seed 000 §16, §18, §28, §34, §42) as labels, in the
 * seed's order. "Further …" and "(book on LMS …)" qualifiers only say the step repeats the meeting.
 */
const SEED: Record<(typeof OUTCOME_CHANNELS)[number], string[]> = {
  // §16 Outcomes of the work coach and DEA case conference
  case_conference: [
    'work coach and DEA case conference',
    'claimant support intervention by the DEA',
    'three way intervention',
    'case selected for group work coach conference',
    'Work Psychologist action',
    'Employer Adviser action',
    'Third Party Provision Manager action',
    'no further support needed',
  ],
  // §18 Further support after the one to one skill conference
  skill_conference: [
    'work coach and DEA skill conference',
    'case selected for group work coach conference',
    'Work Psychologist action',
    'Employer Adviser action',
    'Third Party Provision Manager action',
    'no further support needed',
  ],
  // §28 Further outcomes of the three way intervention
  three_way_intervention: [
    'work coach and DEA case conference',
    'claimant support intervention by the DEA',
    'three way intervention',
    'case selected for group work coach conference',
    'Work Psychologist action',
    'Employer Adviser action',
    'Third Party Provision Manager action',
    'no further support needed',
  ],
  // §34 Further outcomes of the group work coach conference (no group case: it is one)
  group_conference: [
    'work coach and DEA case conference',
    'claimant support intervention by the DEA',
    'three way intervention',
    'Work Psychologist action',
    'Employer Adviser action',
    'Third Party Provision Manager action',
    'no further support needed',
  ],
  // §42 Outcomes of the claimant support intervention
  claimant_support_intervention: [
    'work coach and DEA case conference',
    'claimant support intervention by the DEA',
    'three way intervention',
    'Work Psychologist action',
    'Employer Adviser action',
    'Third Party Provision Manager action',
    'no further support needed',
  ],
};

/** The same lists as step ids, written out by hand. */
const EXPECTED: Record<(typeof OUTCOME_CHANNELS)[number], NextStep[]> = {
  case_conference: ['case_conference', 'claimant_support_intervention', 'three_way_intervention', 'group_conference_case', 'work_psychologist_action', 'employer_adviser_action', 'tpp_manager_action', 'no_further_support'],
  skill_conference: ['skill_conference', 'group_conference_case', 'work_psychologist_action', 'employer_adviser_action', 'tpp_manager_action', 'no_further_support'],
  three_way_intervention: ['case_conference', 'claimant_support_intervention', 'three_way_intervention', 'group_conference_case', 'work_psychologist_action', 'employer_adviser_action', 'tpp_manager_action', 'no_further_support'],
  group_conference: ['case_conference', 'claimant_support_intervention', 'three_way_intervention', 'work_psychologist_action', 'employer_adviser_action', 'tpp_manager_action', 'no_further_support'],
  claimant_support_intervention: ['case_conference', 'claimant_support_intervention', 'three_way_intervention', 'work_psychologist_action', 'employer_adviser_action', 'tpp_manager_action', 'no_further_support'],
};

describe('NEXT_STEPS_AFTER', () => {
  it('covers exactly the meetings that end with an outcome', () => {
    expect(Object.keys(NEXT_STEPS_AFTER).sort()).toEqual([...OUTCOME_CHANNELS].sort());
    expect([...OUTCOME_CHANNELS].sort()).toEqual(['case_conference', 'claimant_support_intervention', 'group_conference', 'skill_conference', 'three_way_intervention']);
  });

  it.each(Object.keys(EXPECTED) as (keyof typeof EXPECTED)[])('after a %s is the seed’s list, in the seed’s order', (channel) => {
    expect(NEXT_STEPS_AFTER[channel]).toEqual(EXPECTED[channel]);
  });

  it.each(Object.keys(SEED) as (keyof typeof SEED)[])('after a %s reads as the seed’s words', (channel) => {
    const labels = NEXT_STEPS_AFTER[channel].map((s) => NEXT_STEP_LABELS[s].toLowerCase());
    expect(labels).toHaveLength(SEED[channel].length);
    SEED[channel].forEach((words, i) => expect(labels[i]).toContain(words.toLowerCase()));
  });

  it('never offers a skill conference after a claimant meeting, nor a group case after a group conference or an intervention', () => {
    for (const channel of ['case_conference', 'three_way_intervention', 'group_conference', 'claimant_support_intervention'] as const) {
      expect(NEXT_STEPS_AFTER[channel]).not.toContain('skill_conference');
    }
    expect(NEXT_STEPS_AFTER.group_conference).not.toContain('group_conference_case');
    expect(NEXT_STEPS_AFTER.claimant_support_intervention).not.toContain('group_conference_case');
  });

  it('ends every list with "no further support needed"', () => {
    for (const list of Object.values(NEXT_STEPS_AFTER)) expect(list[list.length - 1]).toBe('no_further_support');
  });
});

describe('channelOfStep', () => {
  it.each<[NextStep, string | null]>([
    ['case_conference', 'case_conference'],
    ['skill_conference', 'skill_conference'],
    ['claimant_support_intervention', 'claimant_support_intervention'],
    ['three_way_intervention', 'three_way_intervention'],
    ['group_conference_case', null],
    ['work_psychologist_action', null],
    ['employer_adviser_action', null],
    ['tpp_manager_action', null],
    ['no_further_support', null],
  ])('%s starts %s', (step, channel) => {
    expect(channelOfStep(step)).toBe(channel);
  });

  it('covers every step, and every channel it names is a channel', () => {
    expect(NEXT_STEPS).toHaveLength(9);
    for (const step of NEXT_STEPS) {
      const channel = channelOfStep(step);
      if (channel !== null) expect(CHANNELS).toContain(channel);
    }
  });
});

describe('isNextStep', () => {
  it('knows the steps', () => {
    expect(isNextStep('tpp_manager_action')).toBe(true);
    expect(isNextStep('group_conference')).toBe(false);
    expect(isNextStep(3)).toBe(false);
  });
});

describe('parseNextSteps', () => {
  it('reads a comma-separated choice, trimming spaces', () => {
    expect(parseNextSteps('case_conference, work_psychologist_action ,tpp_manager_action', 'case_conference')).toEqual(['case_conference', 'work_psychologist_action', 'tpp_manager_action']);
  });

  it('leaves out steps not allowed after that meeting', () => {
    expect(parseNextSteps('skill_conference,case_conference', 'case_conference')).toEqual(['case_conference']);
    expect(parseNextSteps('case_conference,skill_conference,three_way_intervention', 'skill_conference')).toEqual(['skill_conference']);
    expect(parseNextSteps('group_conference_case,employer_adviser_action', 'group_conference')).toEqual(['employer_adviser_action']);
    expect(parseNextSteps('group_conference_case,three_way_intervention', 'claimant_support_intervention')).toEqual(['three_way_intervention']);
  });

  it('leaves out anything that is not a step', () => {
    expect(parseNextSteps('case_conference,informational_support,,bogus,CASE_CONFERENCE', 'three_way_intervention')).toEqual(['case_conference']);
  });

  it('keeps each step once, in the order first chosen', () => {
    expect(parseNextSteps('tpp_manager_action,case_conference,tpp_manager_action, case_conference', 'case_conference')).toEqual(['tpp_manager_action', 'case_conference']);
  });

  it('is empty for nothing', () => {
    expect(parseNextSteps(undefined, 'case_conference')).toEqual([]);
    expect(parseNextSteps(null, 'case_conference')).toEqual([]);
    expect(parseNextSteps('', 'case_conference')).toEqual([]);
  });
});
