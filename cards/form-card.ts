import { renderCard, type AdaptiveCard } from './render';
import choiceTemplate from './templates/choice.json';
import { MAX_PRIMARY_ACTIONS } from './glance-card';
import { REFUSED_FORM_ID } from './refused-forms';

/** `list`: one of many (a list of people), shown as a drop-down rather than every option at once. */
export type FieldKind = 'text' | 'multiline' | 'date' | 'choice' | 'multichoice' | 'list';

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

/**
 * A form whose every input has a label, a required flag and an error message, refilled with what was typed.
 * Built as typed objects rather than by expanding a template: forms are on most request cards, and
 * expanding a template costs more than the rest of the card. `formTemplateCard` (test) is the reference.
 */
export function formCard(data: FormCardData): AdaptiveCard {
  const problems = data.problems ?? {};
  const count = Object.keys(problems).length;
  const body: Record<string, unknown>[] = [{ type: 'TextBlock', text: data.title, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' }];
  if (data.intro) body.push({ type: 'TextBlock', text: data.intro, wrap: true });
  if (count > 0) {
    const summary = count === 1 ? 'There is a problem: please correct the field marked below.' : `There are ${count} problems: please correct the fields marked below.`;
    body.push({ type: 'Container', style: 'attention', items: [{ type: 'TextBlock', text: summary, weight: 'Bolder', wrap: true, color: 'Attention' }] });
  }
  for (const field of data.fields) body.push({ type: 'Container', items: fieldItems(field, data.values[field.id] ?? '', problems[field.id] ?? '') });
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    actions: [
      { type: 'Action.Submit', title: data.submitTitle, style: 'positive', data: { journey: data.journey, step: data.step, action: 'submit' } },
      { type: 'Action.Submit', title: 'Cancel', associatedInputs: 'none', data: { journey: data.journey, step: data.step, action: 'cancel' } },
    ],
  };
}

/** One field's input, its hint and its problem; optional settings left empty are left out (a maxLength of 0 would allow nothing). */
function fieldItems(f: FormField, value: string, problem: string): Record<string, unknown>[] {
  const items: Record<string, unknown>[] = [];
  const optional = (input: Record<string, unknown>, key: 'placeholder' | 'maxLength' | 'min' | 'max', v: string | number | undefined) => {
    if (v !== undefined && v !== '' && v !== 0) input[key] = v;
  };
  if (f.kind === 'text' || f.kind === 'multiline') {
    const input: Record<string, unknown> = { type: 'Input.Text', id: f.id, label: f.label, value };
    optional(input, 'placeholder', f.placeholder);
    input.isMultiline = f.kind === 'multiline';
    optional(input, 'maxLength', f.maxLength);
    items.push(Object.assign(input, { isRequired: f.required, errorMessage: f.errorMessage }));
  } else if (f.kind === 'date') {
    const input: Record<string, unknown> = { type: 'Input.Date', id: f.id, label: f.label, value };
    optional(input, 'min', f.min);
    optional(input, 'max', f.max);
    items.push(Object.assign(input, { isRequired: f.required, errorMessage: f.errorMessage }));
  } else {
    items.push({
      type: 'Input.ChoiceSet',
      id: f.id,
      label: f.label,
      value,
      style: f.kind === 'list' ? 'compact' : 'expanded',
      ...(f.kind === 'list' && f.placeholder ? { placeholder: f.placeholder } : {}),
      isMultiSelect: f.kind === 'multichoice',
      isRequired: f.required,
      errorMessage: f.errorMessage,
      choices: (f.choices ?? []).map((c) => ({ title: c.title, value: c.value })),
    });
  }
  if (f.hint) items.push({ type: 'TextBlock', text: f.hint, wrap: true, spacing: 'None', size: 'Small' });
  if (problem) items.push({ type: 'TextBlock', text: `⚠ ${problem}`, color: 'Attention', weight: 'Bolder', wrap: true, spacing: 'Small' });
  return items;
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
  // Refused, it is opened in the card when shown (`withRefusedFormsOpen`).
  // Only the form whose own fields have problems: one card's forms may share what was typed.
  const refused = options.fields.some((f) => options.problems?.[f.id]);
  return { type: 'Action.ShowCard', title: options.title, card: inner, ...(refused ? { id: `${REFUSED_FORM_ID}-${options.verb}` } : {}) };
}
