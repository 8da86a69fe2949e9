import { INTERVENTIONS_PER_CLAIMANT } from '../domain/interventions/intervention-limit';
import { addMonths } from '../domain/requests/calendar-date';
import { CLAIMANT_COACH_FIELD, LIMITS, MAX_MONTHS_AHEAD, type Draft } from '../domain/requests/drafts';
import { BENEFIT_LABELS, BENEFITS, SKILL_TOPIC_LABELS, SKILL_TOPICS, type RequestType } from '../domain/requests/support-request';
import { coachField, type CoachOption } from './coach-field';
import { choiceCard, formCard, type FormField } from './form-card';
import type { AdaptiveCard } from './render';

export const NEW_REQUEST_JOURNEY = 'new-request';

/** The claimant form's safeguarding box: a declaration of intention to attempt suicide or self harm. */
export const SELF_HARM_FIELD = 'declaredSelfHarm';

/**
 * What the work coach does at once when a claimant declares an intention to attempt suicide or self
 * harm. The 6 point plan is the procedure and is not repeated here: the card names it, in the words
 * used for it, and adds nothing of its own beyond the emergency number.
 */
export const SAFEGUARDING_STEPS: readonly string[] = [
  'Follow the 6 point plan now. It is the Jobcentre Plus procedure for managing a declaration of intention to attempt suicide or self harm.',
  'If anyone is in immediate danger, call 999.',
  'The DEA can help: managing a declaration of intention to attempt suicide or self harm can be part of a DEA claimant support intervention.',
];

/** Shown the moment a declaration is recorded, before anything else. */
export function safeguardingCard(): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    fallbackText: `The claimant declared an intention to attempt suicide or self harm. ${SAFEGUARDING_STEPS.join(' ')}`,
    body: [
      { type: 'TextBlock', text: 'Do this now: the claimant declared an intention to attempt suicide or self harm', size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' },
      { type: 'TextBlock', text: 'Your request to the DEA is marked urgent.', wrap: true },
      ...SAFEGUARDING_STEPS.map((step, i) => ({ type: 'TextBlock', text: `${i + 1}. ${step}`, wrap: true, spacing: 'Small' })),
      { type: 'TextBlock', text: 'Then check your request below and send it.', wrap: true, weight: 'Bolder' },
    ],
  };
}

const TYPE_OPTIONS: Readonly<Record<RequestType, { title: string; description: string }>> = {
  claimant_support: {
    title: 'One to One Claimant Support',
    description: 'Advice or support to help you progress a claimant with a complex health issue or disability.',
  },
  skill_support: {
    title: 'One to One Skill Support',
    description: 'Information or upskilling for a knowledge gap of your own, such as retention or reasonable adjustments.',
  },
  colleague_support: {
    title: 'Support for you or your team',
    description: 'One to one support or information from the DEA, with how urgent it is.',
  },
  specialist_advice: { title: 'Specialist Advice', description: '' },
};

/**
 * Step 1 (seed §9): which kind of request. A team leader may also ask directly for a DEA claimant
 * support intervention, in exceptional circumstances (seed §39).
 */
export function requestTypeCard(deaName: string, types: readonly RequestType[] = ['claimant_support', 'skill_support'], teamLeader = false): AdaptiveCard {
  return choiceCard({
    journey: NEW_REQUEST_JOURNEY,
    step: 'type',
    title: `Ask ${deaName} for support`,
    intro: 'What do you need?',
    options: types.map((value) =>
      value === 'claimant_support' && teamLeader
        ? { value, title: 'Claimant support intervention by the DEA', description: `In exceptional circumstances, ask the DEA to see a claimant themselves (up to ${INTERVENTIONS_PER_CLAIMANT} per claimant).` }
        : { value, ...TYPE_OPTIONS[value] },
    ),
  });
}

function requiredByField(today: string, required: boolean, label = 'Required response date'): FormField {
  return {
    id: 'requiredBy',
    kind: 'date',
    label,
    required,
    errorMessage: 'Enter a date from today up to 3 months ahead.',
    hint: 'For example the claimant\'s next appointment. Up to 3 months ahead.',
    min: today,
    max: addMonths(today, MAX_MONTHS_AHEAD),
  };
}

function fieldsFor(type: RequestType, today: string, coaches: readonly CoachOption[], values: Draft): FormField[] {
  switch (type) {
    case 'claimant_support':
      return [
        ...(coaches.length
          ? [
              coachField({
                id: CLAIMANT_COACH_FIELD,
                coaches,
                label: "Claimant's work coach",
                typedLabel: "Claimant's work coach: their name or email",
                required: true,
                errorMessage: "Choose the claimant's work coach.",
                hint: "The DEA's summary and next actions go to them, to follow up.",
                value: values[CLAIMANT_COACH_FIELD],
              }),
            ]
          : []),
        { id: 'surname', kind: 'text', label: "Claimant's surname", required: true, errorMessage: "Enter the claimant's surname.", maxLength: LIMITS.surname },
        {
          id: 'nino',
          kind: 'text',
          label: 'National Insurance number',
          required: true,
          errorMessage: 'Enter a National Insurance number like AB 12 34 56 C.',
          placeholder: 'AB 12 34 56 C',
          maxLength: 13,
        },
        {
          id: 'benefits',
          kind: 'multichoice',
          label: 'Benefits claimed',
          required: true,
          errorMessage: 'Choose at least one benefit.',
          choices: BENEFITS.map((b) => ({ title: BENEFIT_LABELS[b], value: b })),
        },
        {
          id: 'challenges',
          kind: 'multiline',
          label: "Brief description of the claimant's challenges",
          required: true,
          errorMessage: "Describe the claimant's challenges.",
          maxLength: LIMITS.challenges,
        },
        { id: 'whyNeeded', kind: 'multiline', label: 'Why DEA support is needed', required: true, errorMessage: 'Say why DEA support is needed.', maxLength: LIMITS.whyNeeded },
        requiredByField(today, true),
        {
          id: SELF_HARM_FIELD,
          kind: 'multichoice',
          label: 'Safeguarding',
          required: false,
          errorMessage: '',
          hint: 'If they have, you are shown what to do now, and the request is marked urgent.',
          choices: [{ title: 'The claimant has declared an intention to attempt suicide or self harm', value: 'yes' }],
        },
      ];
    case 'skill_support':
      return [
        {
          id: 'topic',
          kind: 'choice',
          label: 'Topic',
          required: true,
          errorMessage: 'Choose a topic.',
          choices: SKILL_TOPICS.map((t) => ({ title: SKILL_TOPIC_LABELS[t], value: t })),
        },
        { id: 'description', kind: 'multiline', label: 'Brief description of the support you need', required: true, errorMessage: 'Describe the support you need.', maxLength: LIMITS.description },
        requiredByField(today, true),
      ];
    default:
      return [
        {
          id: 'reason',
          kind: 'text',
          label: 'Reason for your request',
          required: true,
          errorMessage: 'Give the reason for your request.',
          placeholder: 'e.g. skills support with a claimant who has a hearing impairment',
          maxLength: LIMITS.reason,
        },
        { id: 'description', kind: 'multiline', label: 'Details', required: true, errorMessage: 'Give the details of your request.', maxLength: LIMITS.description },
        {
          id: 'criticality',
          kind: 'choice',
          label: 'How urgent is it?',
          required: true,
          errorMessage: 'Choose urgent or non-urgent.',
          choices: [
            { title: 'Urgent', value: 'urgent' },
            { title: 'Non-urgent', value: 'non_urgent' },
          ],
        },
        requiredByField(today, false, 'Response needed by (optional)'),
      ];
  }
}

const TITLES: Readonly<Record<RequestType, string>> = {
  claimant_support: 'One to One Claimant Support',
  skill_support: 'One to One Skill Support',
  colleague_support: 'Ask the DEA for support',
  specialist_advice: 'Specialist Advice',
};

/** `coaches`: on a team leader's claimant form, the work coaches whose claimant it may be. */
export function requestFormCard(type: RequestType, values: Draft, today: string, problems?: Record<string, string>, intro?: string, coaches: readonly CoachOption[] = []): AdaptiveCard {
  return formCard({
    journey: NEW_REQUEST_JOURNEY,
    step: 'form',
    title: TITLES[type],
    intro,
    submitTitle: 'Continue',
    fields: fieldsFor(type, today, coaches, values),
    values,
    problems,
  });
}

/** Back to the form from the non-benefit question, with everything typed kept (a benefit not ticked, say). */
function editRequestAction(step: string): Record<string, unknown> {
  return { type: 'Action.Submit', title: 'Edit the request', associatedInputs: 'none', data: { journey: NEW_REQUEST_JOURNEY, step, action: 'edit' } };
}

const MISSED_BENEFIT = 'If they also get a benefit you did not tick, such as Universal Credit, ESA or JSA, edit the request: everything you typed is kept.';

/**
 * Seed §3–5: asked only when the claimant gets PIP, DLA or AA and nothing else. "Edit the request"
 * goes back to the form with everything kept, for a benefit that was not ticked.
 */
export function vulnerabilityCard(): AdaptiveCard {
  const card = choiceCard({
    journey: NEW_REQUEST_JOURNEY,
    step: 'vulnerability',
    title: 'This claimant is a non-benefit claimant',
    intro: 'They get only PIP, DLA or Attendance Allowance, so the DEA can support them only in one of these cases:',
    options: [
      { value: 'clearly_vulnerable', title: 'The claimant is clearly vulnerable', description: 'Their health or wellbeing may be at risk.' },
      {
        value: 'suicide_or_self_harm',
        title: 'They declared an intention to attempt suicide or self harm',
        description: 'You will be shown what to do now, and the request is marked urgent.',
      },
      { value: 'neither', title: 'Neither', description: 'The DEA cannot take this request; you will be told where to refer them. What you typed is kept.' },
    ],
  });
  const body = Array.isArray(card.body) ? card.body : [];
  return {
    ...card,
    body: [...body, { type: 'TextBlock', text: MISSED_BENEFIT, wrap: true, separator: true }, { type: 'ActionSet', actions: [editRequestAction('vulnerability')] }],
  };
}

/** The command that starts a request (bot/requests/journey.ts): a saved draft comes back filled in. */
export const NEW_REQUEST_COMMAND = 'new request';

/**
 * After "Neither" (seed §3–5): the request cannot go to the DEA, and the conversation ends, but what
 * was typed is kept until it is cancelled or sent, in case a benefit was not ticked. Its buttons say
 * the command, so they work after the conversation ended: Edit brings the form back filled in, Cancel
 * throws it away.
 */
export function keptAfterRefusalCard(): AdaptiveCard {
  const data = (action: 'edit' | 'cancel') => ({ command: NEW_REQUEST_COMMAND, journey: NEW_REQUEST_JOURNEY, step: 'refused', action });
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    fallbackText: `What you typed is kept. If they also get a benefit you did not tick, such as Universal Credit, ESA or JSA, say "${NEW_REQUEST_COMMAND}": the form comes back filled in.`,
    body: [
      { type: 'TextBlock', text: 'What you typed is kept', size: 'Medium', weight: 'Bolder', wrap: true, style: 'heading' },
      { type: 'TextBlock', text: 'If they also get a benefit you did not tick, such as Universal Credit, ESA or JSA, edit the request: the form comes back filled in, and it can go to the DEA.', wrap: true },
      { type: 'TextBlock', text: 'If not, cancel it: nothing is saved or sent.', wrap: true },
    ],
    actions: [
      { type: 'Action.Submit', title: 'Edit the request', associatedInputs: 'none', data: data('edit') },
      { type: 'Action.Submit', title: 'Cancel', associatedInputs: 'none', data: data('cancel') },
    ],
  };
}
