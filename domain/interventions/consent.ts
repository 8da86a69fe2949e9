import { invalid } from '../errors';
import type { DayHours, Weekday, WorkingHours } from '../calendar/working-hours';
import type { Benefit } from '../requests/support-request';
import { hasRole, isTeamLeader, type StaffMember } from '../staff';

/**
 * The claimant's consent, as its own record (seed §21–24, §38): who captured it, when, for what,
 * voluntary or mandatory, what was explained, and the answer.
 */
export type ConsentPurpose = 'three_way_intervention' | 'claimant_support_intervention';
export type Conditionality = 'voluntary' | 'mandatory';
export type ConsentAnswer = 'agreed' | 'refused';

/** How letters to the claimant must be produced (seed §40: large print or braille). */
export const LETTER_FORMATS = ['standard', 'large_print', 'braille'] as const;
export type LetterFormat = (typeof LETTER_FORMATS)[number];
export const LETTER_FORMAT_LABELS: Readonly<Record<LetterFormat, string>> = {
  standard: 'Standard print',
  large_print: 'Large print',
  braille: 'Braille',
};

/** What the work coach confirms they explained before a three way intervention (seed §22–23). */
export const THREE_WAY_STATEMENTS = {
  dea_role: "I explained the DEA's role",
  why_dea_helps: "I explained why the DEA's participation may help the claimant",
  consequences: 'The claimant understands the consequences of failing to attend (mandatory only)',
} as const;

/** The pre-conditions of a DEA claimant support intervention (seed §38). */
export const INTERVENTION_STATEMENTS = {
  discussed_with_team_leader: 'I discussed the case with my Work Coach Team Leader',
  agreed_with_dea: 'I agreed with the DEA that a claimant support intervention is appropriate',
  consent_gained: 'The claimant consented to a DEA support intervention',
  told_dea_will_contact: 'I told the claimant the DEA will contact them to arrange it',
  told_voluntary: 'I explained that attending is voluntary',
  told_conditionality_applies: 'I reminded the claimant that regular interventions and normal conditionality still apply',
} as const;

export type Statement = keyof typeof THREE_WAY_STATEMENTS | keyof typeof INTERVENTION_STATEMENTS;

/** Half days the claimant can attend, as the coach enters them: 'monday-am', 'friday-pm'… */
export const AVAILABILITY_DAYS: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
export type HalfDay = 'am' | 'pm';
const HALF_DAY_HOURS: Readonly<Record<HalfDay | 'both', DayHours>> = {
  am: { start: '09:00', end: '12:30' },
  pm: { start: '13:00', end: '17:00' },
  both: { start: '09:00', end: '17:00' },
};

export interface ConsentRecord {
  readonly id: string;
  readonly requestId: string;
  readonly purpose: ConsentPurpose;
  readonly conditionality: Conditionality;
  readonly statements: readonly Statement[];
  readonly answer: ConsentAnswer;
  /** Three way: when the claimant can come, as half days. */
  readonly availability: readonly string[];
  readonly letterFormat: LetterFormat;
  readonly capturedById: string;
  readonly capturedAt: Date;
}

export type NewConsent = Omit<ConsentRecord, 'id'>;

/**
 * Voluntary or mandatory follows the benefit's conditionality (seed §21): Jobseeker's Allowance and
 * Universal Credit carry work-related requirements, so a three way is mandatory unless the coach
 * confirms the claimant has none. The coach always confirms.
 */
export function suggestedConditionality(benefits: readonly Benefit[]): Conditionality {
  return benefits.some((b) => b === 'UC' || b === 'JSA') ? 'mandatory' : 'voluntary';
}

export function isLetterFormat(value: unknown): value is LetterFormat {
  return typeof value === 'string' && (LETTER_FORMATS as readonly string[]).includes(value);
}

/** The claimant's half days as working hours, so the free-time search treats them as one more person. */
export function availabilityHours(availability: readonly string[]): WorkingHours {
  const hours: Partial<Record<Weekday, DayHours>> = {};
  for (const day of AVAILABILITY_DAYS) {
    const am = availability.includes(`${day}-am`);
    const pm = availability.includes(`${day}-pm`);
    if (am || pm) hours[day] = HALF_DAY_HOURS[am && pm ? 'both' : am ? 'am' : 'pm'];
  }
  return hours;
}

export function availabilityChoices(): { title: string; value: string }[] {
  return AVAILABILITY_DAYS.flatMap((day) => {
    const name = day.charAt(0).toUpperCase() + day.slice(1);
    return [
      { title: `${name} morning`, value: `${day}-am` },
      { title: `${name} afternoon`, value: `${day}-pm` },
    ];
  });
}

function picked(value: unknown): string[] {
  return String(value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export interface ConsentInput {
  readonly conditionality?: unknown;
  readonly explained?: unknown;
  readonly answer?: unknown;
  readonly availability?: unknown;
  readonly letterFormat?: unknown;
}

/**
 * A three way consent as the coach entered it. The DEA's role and why they may help must have been
 * explained whatever the answer; an agreement to a mandatory one needs the consequences understood,
 * and any agreement needs when the claimant can come.
 */
export function checkThreeWayConsent(input: ConsentInput): Pick<NewConsent, 'conditionality' | 'statements' | 'answer' | 'availability' | 'letterFormat'> {
  const problems: Record<string, string> = {};
  const conditionality = input.conditionality === 'voluntary' || input.conditionality === 'mandatory' ? input.conditionality : null;
  if (!conditionality) problems.conditionality = 'Choose voluntary or mandatory.';
  const answer = input.answer === 'agreed' || input.answer === 'refused' ? input.answer : null;
  if (!answer) problems.answer = 'Choose whether the claimant agreed.';
  const explained = picked(input.explained).filter((s): s is keyof typeof THREE_WAY_STATEMENTS => Object.hasOwn(THREE_WAY_STATEMENTS, s));
  if (!explained.includes('dea_role') || !explained.includes('why_dea_helps')) {
    problems.explained = "Explain the DEA's role and why the DEA's participation may help before asking the claimant.";
  } else if (answer === 'agreed' && conditionality === 'mandatory' && !explained.includes('consequences')) {
    problems.explained = 'For a mandatory three way intervention, make sure the claimant understands the consequences of failing to attend.';
  }
  const availability = picked(input.availability).filter((a) => /^(monday|tuesday|wednesday|thursday|friday)-(am|pm)$/.test(a));
  if (answer === 'agreed' && availability.length === 0) problems.availability = 'Choose at least one half day when the claimant can come.';
  const letterFormat = input.letterFormat === undefined || input.letterFormat === '' ? 'standard' : input.letterFormat;
  if (!isLetterFormat(letterFormat)) problems.letterFormat = 'Choose standard print, large print or braille.';
  if (Object.keys(problems).length) throw invalid(Object.values(problems)[0]!, problems);
  return {
    conditionality: conditionality!,
    statements: explained.filter((s) => s !== 'consequences' || conditionality === 'mandatory'),
    answer: answer!,
    availability: answer === 'agreed' ? availability : [],
    letterFormat: letterFormat as LetterFormat,
  };
}

/**
 * Who asks for a claimant support intervention, as far as its pre-conditions go: a work coach (seed
 * §38), a team leader asking directly (§39), or an employer adviser whose retention case the DEA
 * undertakes as a DEA Support Intervention (§68).
 */
export type InterventionRequesterKind = 'work_coach' | 'team_leader' | 'employer_adviser';

export function interventionRequesterKind(requester: Pick<StaffMember, 'roles'>): InterventionRequesterKind {
  if (isTeamLeader(requester)) return 'team_leader';
  // Someone who is a work coach too may also ask as one, for a claimant on their caseload: they
  // confirm everything a work coach does rather than risk missing a reminder §38 requires.
  if (hasRole(requester, 'employer_adviser') && !hasRole(requester, 'work_coach')) return 'employer_adviser';
  return 'work_coach';
}

const ALL_INTERVENTION_STATEMENTS = Object.keys(INTERVENTION_STATEMENTS) as (keyof typeof INTERVENTION_STATEMENTS)[];

/**
 * §38 lists what the work coach does. A team leader asking directly (§39) has nobody above them to
 * discuss it with first. An employer adviser asks for retention activity for someone in work (§68):
 * discussing the case with a Work Coach Team Leader and reminding the claimant of their regular
 * interventions and conditionality are a work coach's duties, not theirs, and the DEA recorded their
 * agreement on the retention case, which is what made this request. Consent, telling the claimant the
 * DEA will contact them, and that attending is voluntary apply whoever asks.
 */
const REQUIRED_BY_KIND: Readonly<Record<InterventionRequesterKind, readonly (keyof typeof INTERVENTION_STATEMENTS)[]>> = {
  work_coach: ALL_INTERVENTION_STATEMENTS,
  team_leader: ALL_INTERVENTION_STATEMENTS.filter((s) => s !== 'discussed_with_team_leader'),
  employer_adviser: ['consent_gained', 'told_dea_will_contact', 'told_voluntary'],
};

/** Pre-conditions a requester of this kind must confirm: the card's checklist and the click's check alike. */
export function requiredInterventionStatements(kind: InterventionRequesterKind): (keyof typeof INTERVENTION_STATEMENTS)[] {
  return [...REQUIRED_BY_KIND[kind]];
}

/** A claimant support intervention's pre-conditions (seed §38): every one confirmed, or none is recorded. */
export function checkInterventionConsent(input: { confirmed?: unknown; letterFormat?: unknown }, requester: InterventionRequesterKind): Pick<NewConsent, 'conditionality' | 'statements' | 'answer' | 'availability' | 'letterFormat'> {
  const problems: Record<string, string> = {};
  const required = requiredInterventionStatements(requester);
  const confirmed = picked(input.confirmed);
  const missing = required.filter((s) => !confirmed.includes(s));
  if (missing.length) {
    problems.confirmed = `Before the DEA books it, confirm each of these: ${missing.map((s) => `“${INTERVENTION_STATEMENTS[s]}”`).join(', ')}.`;
  }
  const letterFormat = input.letterFormat === undefined || input.letterFormat === '' ? 'standard' : input.letterFormat;
  if (!isLetterFormat(letterFormat)) problems.letterFormat = 'Choose standard print, large print or braille.';
  if (Object.keys(problems).length) throw invalid(Object.values(problems)[0]!, problems);
  // Attendance at a DEA support intervention is voluntary (seed §38).
  return { conditionality: 'voluntary', statements: required, answer: 'agreed', availability: [], letterFormat: letterFormat as LetterFormat };
}
