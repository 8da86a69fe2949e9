/**
 * Naming a work coach on a form. While the coaches someone may name are few, the form offers them
 * in a drop-down; a district's coaches run to hundreds, and a drop-down of 500 made a card of about
 * 90 KB, which Teams refuses near 100 KB. Past the bound the form asks for a name or an email
 * instead. Whichever was shown, the answer comes back in the same field and is read here, so every
 * such form accepts and refuses the same things.
 */
import type { StaffMember } from './staff';

/**
 * The most coaches offered as a drop-down. 40 choices of ordinary names add about 7 KB to a card, so
 * a card with other forms on it stays inside the tests' 40 KB bound; it is above the 30 coaches a DEA
 * supports, so a team leader's own team stays a drop-down.
 */
export const COACH_DROPDOWN_MAX = 40;

/** Whether a form lists these coaches to choose from, rather than asking for one's name or email. */
export function offersCoachList(count: number): boolean {
  return count <= COACH_DROPDOWN_MAX;
}

export type NamedCoach = Pick<StaffMember, 'id' | 'name' | 'email'>;

/** What was entered matches: nobody, one coach, or several sharing the name (or, wrongly, an email). */
export type CoachMatch<T> =
  | { readonly kind: 'none' }
  | { readonly kind: 'one'; readonly coach: T }
  | { readonly kind: 'several'; readonly by: 'name' | 'email'; readonly coaches: readonly T[] };

/** The coach named, none (nothing entered), or what to say beside the field. */
export type CoachResolution<T> = { readonly coach: T | null } | { readonly problem: string };

/** How one form speaks of the coaches it lets someone name. */
export interface CoachWords {
  /** After "work coach(es)": "you lead", "of your district". */
  readonly who: string;
  /**
   * For a drop-down's value that is not among them: the list changed since the card was drawn, or
   * the card was not ours. Asking for a name or email would make no sense beside a drop-down.
   */
  readonly notInList: string;
}

/**
 * Whom `entered` names among `coaches`: a drop-down's id, an email, or a whole name. Case never
 * matters (nor spaces around and between words, nor which apostrophe): people type names as they
 * say them, and the directory's spelling is no one's to remember. An email is taken before a name,
 * so that the email is what settles two coaches of one name.
 */
export function matchCoach<T extends NamedCoach>(entered: string | undefined, coaches: readonly T[]): CoachMatch<T> {
  const key = loose(entered ?? '');
  if (!key) return { kind: 'none' };
  const byId = coaches.find((c) => c.id.toLowerCase() === key);
  if (byId) return { kind: 'one', coach: byId };
  for (const by of ['email', 'name'] as const) {
    const found = coaches.filter((c) => loose(c[by]) === key);
    if (found.length === 1) return { kind: 'one', coach: found[0]! };
    if (found.length > 1) return { kind: 'several', by, coaches: found };
  }
  return { kind: 'none' };
}

/**
 * The coach named on a "drop-down when few, name or email when many" field, from the coaches this
 * person may name, or why not: said beside the field, with what was typed left in it. Nothing entered
 * is `{ coach: null }`: whether one is needed is the form's to say.
 */
export function resolveCoach<T extends NamedCoach>(entered: string | undefined, coaches: readonly T[], words: CoachWords): CoachResolution<T> {
  if (!loose(entered ?? '')) return { coach: null };
  const match = matchCoach(entered, coaches);
  switch (match.kind) {
    case 'one':
      return { coach: match.coach };
    case 'several':
      return match.by === 'name'
        ? { problem: `${match.coaches.length} work coaches ${words.who} are called ${match.coaches[0]!.name}. Type the email of the one you mean.` }
        : { problem: `${match.coaches.length} work coaches ${words.who} have that email in the staff directory. Type the full name of the one you mean.` };
    case 'none':
      return { problem: offersCoachList(coaches.length) ? words.notInList : `No work coach ${words.who} has that name or email. Check the spelling, or type their email.` };
  }
}

function loose(text: string): string {
  return text.normalize('NFC').replace(/[‘’]/g, "'").trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * A form's coach field where one must be named whenever there is anyone to name: nothing entered is
 * `required` while there are coaches to choose from, and none is named when there are none (the form
 * does not show the field, and the directory is not the form's to mend). `self`: a coach who may name
 * themselves without choosing (their own case conference), taken when nothing is entered.
 */
export function chooseCoach<T extends NamedCoach>(entered: string | undefined, coaches: readonly T[], words: CoachWords & { readonly required: string }, self: T | null = null): CoachResolution<T> {
  const typed = (entered ?? '').trim();
  if (!typed) return coaches.length && !self ? { problem: words.required } : { coach: self };
  if (self && typed.toLowerCase() === self.id.toLowerCase()) return { coach: self };
  return resolveCoach(typed, coaches, words);
}
