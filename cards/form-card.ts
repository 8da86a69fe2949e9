import { renderCard, type AdaptiveCard } from './render';
import formTemplate from './templates/form.json';
import choiceTemplate from './templates/choice.json';
import { MAX_PRIMARY_ACTIONS } from './glance-card';

export type FieldKind = 'text' | 'multiline' | 'date' | 'choice' | 'multichoice';

export interface FormField {
  readonly id: string;
  readonly kind: FieldKind;
  readonly label: string;
  readonly required: boolean;
  readonly errorMessage: string;
  readonly placeholder?: string;
  readonly hint?: string;
  readonly maxLength?: number;
  readonly min?: string;
  readonly max?: string;
  readonly choices?: readonly { title: string; value: string }[];
}

export interface FormCardData {
  readonly journey: string;
  readonly step: string;
  readonly title: string;
  readonly intro?: string;
  readonly submitTitle: string;
  readonly fields: readonly FormField[];
  /** What the person entered so far: shown again, never lost. */
  readonly values: Readonly<Record<string, string>>;
  /** Problems found when it was last submitted, by field id. */
  readonly problems?: Readonly<Record<string, string>>;
}

/** A form whose every input has a label, a required flag and an error message, refilled with what was typed. */
export function formCard(data: FormCardData): AdaptiveCard {
  const problems = data.problems ?? {};
  const count = Object.keys(problems).length;
  const card = renderCard(formTemplate, {
    journey: data.journey,
    step: data.step,
    title: data.title,
    intro: data.intro ?? '',
    submitTitle: data.submitTitle,
    problemCount: count,
    problemSummary: count === 1 ? 'There is a problem: please correct the field marked below.' : `There are ${count} problems: please correct the fields marked below.`,
    fields: data.fields.map((f) => ({
      id: f.id,
      kind: f.kind,
      label: f.label,
      required: f.required,
      errorMessage: f.errorMessage,
      placeholder: f.placeholder ?? '',
      hint: f.hint ?? '',
      maxLength: f.maxLength ?? 0,
      min: f.min ?? '',
      max: f.max ?? '',
      choices: f.choices ?? [],
      value: data.values[f.id] ?? '',
      problem: problems[f.id] ?? '',
    })),
  });
  // Optional settings left empty by the template are dropped: a maxLength of 0 would allow nothing.
  for (const container of card.body as { items?: Record<string, unknown>[] }[]) {
    for (const input of container.items ?? []) {
      for (const key of ['maxLength', 'min', 'max', 'placeholder'] as const) {
        if (input[key] === '' || input[key] === 0) delete input[key];
      }
    }
  }
  return card;
}

export interface ChoiceOption {
  readonly value: string;
  readonly title: string;
  readonly description: string;
}

/** A question answered by choosing one option; each option says in a line what it means. */
export function choiceCard(data: { journey: string; step: string; title: string; intro?: string; options: readonly ChoiceOption[] }): AdaptiveCard {
  const card = renderCard(choiceTemplate, { ...data, intro: data.intro ?? '' });
  // At most three buttons at once: with three options, Cancel waits under "More".
  for (const [index, action] of ((card.actions as Record<string, unknown>[] | undefined) ?? []).entries()) if (index >= MAX_PRIMARY_ACTIONS) action.mode = 'secondary';
  return card;
}

/**
 * A button that opens a small form under the card (Action.ShowCard) whose own button is an
 * Action.Execute: the inputs come back in the invoke's data with the ids and version given.
 */
export function showCardAction(options: {
  title: string;
  verb: string;
  submitTitle: string;
  intro?: string;
  data: Readonly<Record<string, unknown>>;
  fields: readonly FormField[];
  values?: Readonly<Record<string, string>>;
  problems?: Readonly<Record<string, string>>;
}): Record<string, unknown> {
  const inner = formCard({
    journey: '',
    step: '',
    title: options.title,
    intro: options.intro,
    submitTitle: options.submitTitle,
    fields: options.fields,
    values: options.values ?? {},
    problems: options.problems,
  });
  // The inner card's heading repeats the button; its own buttons become the one Execute action.
  (inner.body as unknown[]).shift();
  inner.actions = [{ type: 'Action.Execute', title: options.submitTitle, verb: options.verb, data: { ...options.data }, style: 'positive' }];
  delete inner.$schema;
  return { type: 'Action.ShowCard', title: options.title, card: inner };
}
