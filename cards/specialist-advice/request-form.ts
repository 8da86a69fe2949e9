import {
  ADVICE_BENEFIT_LABELS,
  ADVICE_BENEFITS,
  ADVICE_CHANNEL_LABELS,
  ADVICE_CHANNELS,
  ADVICE_TYPE_LABELS,
  ADVICE_TYPES,
  WCA_STATUS_LABELS,
  WCA_STATUSES,
} from '../../domain/specialist-advice/conversation';
import { TEXT_LIMITS } from '../../domain/specialist-advice/request-form';
import { formCard, type FormField } from '../form-card';
import type { AdaptiveCard } from '../render';

export interface AdviceFormState {
  readonly values?: Readonly<Record<string, string>>;
  readonly problems?: Readonly<Record<string, string>>;
  readonly message?: string;
}

const choices = <T extends string>(list: readonly T[], labels: Readonly<Record<T, string>>) => list.map((value) => ({ title: labels[value], value }));

/** The fields of the request, in the order a coach talks them through with the claimant. */
export const ADVICE_FIELDS: readonly FormField[] = [
  { id: 'surname', kind: 'text', label: 'Claimant’s surname', required: true, errorMessage: 'Enter the claimant’s surname.', maxLength: TEXT_LIMITS.surname },
  { id: 'nino', kind: 'text', label: 'National Insurance number', required: true, errorMessage: 'Enter the National Insurance number.', placeholder: 'AB 12 34 56 C', maxLength: 13 },
  { id: 'benefit', kind: 'choice', label: 'Benefit', required: true, errorMessage: 'Choose the claimant’s benefit.', choices: choices(ADVICE_BENEFITS, ADVICE_BENEFIT_LABELS) },
  {
    id: 'healthCondition',
    kind: 'choice',
    label: 'Does the claimant have a health condition or disability?',
    required: true,
    errorMessage: 'Answer yes or no.',
    choices: [
      { title: 'Yes', value: 'yes' },
      { title: 'No', value: 'no' },
    ],
  },
  { id: 'wcaStatus', kind: 'choice', label: 'Work Capability Assessment (WCA)', required: true, errorMessage: 'Choose where the claimant is with their WCA.', choices: choices(WCA_STATUSES, WCA_STATUS_LABELS) },
  { id: 'wcaSummary', kind: 'multiline', label: 'Summary of the WCA outcome (if they have had one)', required: false, errorMessage: '', maxLength: TEXT_LIMITS.summary },
  { id: 'conditions', kind: 'multiline', label: 'Health condition or conditions, in brief', required: true, errorMessage: 'Describe the health condition or conditions.', maxLength: TEXT_LIMITS.conditions },
  { id: 'background', kind: 'multiline', label: 'Relevant background', required: true, errorMessage: 'Give the relevant background.', maxLength: TEXT_LIMITS.background },
  { id: 'adviceTypes', kind: 'multichoice', label: 'Advice you are looking for', required: true, errorMessage: 'Choose at least one.', choices: choices(ADVICE_TYPES, ADVICE_TYPE_LABELS) },
  { id: 'channel', kind: 'choice', label: 'How the conversation will happen', required: true, errorMessage: 'Choose how.', choices: choices(ADVICE_CHANNELS, ADVICE_CHANNEL_LABELS) },
  {
    id: 'complex',
    kind: 'multichoice',
    label: 'Complex case',
    required: false,
    errorMessage: '',
    hint: 'The HCP gets a longer preparation slot with you.',
    choices: [{ title: 'This is a complex case that needs more preparation', value: 'true' }],
  },
  {
    id: 'when',
    kind: 'choice',
    label: 'When',
    required: true,
    errorMessage: 'Choose when.',
    choices: [
      { title: 'Book a time', value: 'booked' },
      { title: 'Now: the claimant is here and asks to speak to an HCP', value: 'now' },
    ],
  },
  {
    id: 'consent',
    kind: 'multichoice',
    label: 'Claimant’s agreement',
    required: true,
    errorMessage: 'The claimant must agree to take part.',
    hint: 'Taking part is voluntary. Nothing happens to their benefit if they say no or do not come.',
    choices: [{ title: 'I explained it is voluntary, and the claimant agrees to take part', value: 'true' }],
  },
  {
    id: 'gpConsent',
    kind: 'choice',
    label: 'If the HCP notices something unexpected about their health, may we tell their GP?',
    required: true,
    errorMessage: 'Answer yes or no.',
    choices: [
      { title: 'Yes, the claimant agrees', value: 'yes' },
      { title: 'No', value: 'no' },
    ],
  },
];

/**
 * `specialist advice`: the request, refilled with what was typed and each problem beside its field.
 * `submissionKey` goes back with every send of this form, so sending it twice makes one conversation.
 */
export function adviceRequestCard(hcpName: string, jobcentreName: string, submissionKey: string, state: AdviceFormState = {}): AdaptiveCard {
  const card = formCard({
    journey: '',
    step: '',
    title: 'Ask for Specialist Advice',
    intro: `A three-way conversation with you, the claimant and ${hcpName}, the Health Care Professional for ${jobcentreName}. It is for claimants on ESA or Universal Credit with a health condition or disability.`,
    submitTitle: 'Send',
    fields: ADVICE_FIELDS,
    values: { when: 'booked', ...state.values },
    problems: state.problems,
  });
  card.actions = [{ type: 'Action.Execute', title: 'Send', verb: 'advice.request', style: 'positive', data: { submissionKey } }];
  // Why the form came back (nothing was sent), first and marked, above the form as it was typed.
  if (state.message) (card.body as unknown[]).splice(1, 0, { type: 'Container', style: 'attention', items: [{ type: 'TextBlock', text: state.message, weight: 'Bolder', wrap: true, color: 'Attention' }] });
  return card;
}
