import { matchCoach, offersCoachList, type NamedCoach } from '../domain/coach-lookup';
import type { FormField } from './form-card';

/** A work coach someone may name on a form. */
export type CoachOption = NamedCoach;

export interface CoachFieldOptions {
  readonly id: string;
  /** Every coach who may be named: listed when few, only counted (and read for the name shown) when many. */
  readonly coaches: readonly CoachOption[];
  /** Over the drop-down. */
  readonly label: string;
  /** Over the text box that takes its place when the coaches are many: "… work coach's name or email". */
  readonly typedLabel: string;
  readonly required: boolean;
  readonly errorMessage: string;
  readonly hint?: string;
  /** What the form holds for it now (a drop-down's id, or what was typed). */
  readonly value?: string;
}

/**
 * The field naming a work coach: a drop-down of them while they are few; past `COACH_DROPDOWN_MAX`
 * a text box for a name or email, read on the server by `resolveCoach` against the same coaches,
 * because a drop-down of a whole district's coaches makes a card Teams refuses. Once what was typed
 * names one coach, the form says whom, as the drop-down would.
 */
export function coachField(o: CoachFieldOptions): FormField {
  if (offersCoachList(o.coaches.length)) {
    return {
      id: o.id,
      kind: 'list',
      label: o.label,
      placeholder: 'Choose the work coach',
      required: o.required,
      errorMessage: o.errorMessage,
      ...(o.hint ? { hint: o.hint } : {}),
      choices: o.coaches.map((c) => ({ title: c.name, value: c.id })),
    };
  }
  const match = matchCoach(o.value, o.coaches);
  const chosen = match.kind === 'one' ? `Chosen: ${match.coach.name}.` : 'Type their full name, or their email if another work coach has the same name.';
  return {
    id: o.id,
    kind: 'text',
    label: o.typedLabel,
    placeholder: 'Full name or email',
    required: o.required,
    errorMessage: "Enter the work coach's name or email.",
    hint: [chosen, o.hint].filter(Boolean).join(' '),
    // The longest email the directory holds (nvarchar(320)).
    maxLength: 320,
  };
}
