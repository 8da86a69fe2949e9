import { checkNino } from './nino';
import { addMonths, isCalendarDate, describeDate } from './calendar-date';
import {
  BENEFITS,
  SKILL_TOPICS,
  type Benefit,
  type Criticality,
  type SkillTopic,
} from './support-request';

/** What a person typed, as they typed it: kept whole so a correction never starts from scratch. */
export type Draft = Readonly<Record<string, string>>;

export const LIMITS = {
  surname: 100,
  challenges: 1000,
  whyNeeded: 1000,
  description: 1000,
  reason: 200,
} as const;

/** A team leader's claimant form: whose caseload the claimant is on (seed §39, §41). */
export const CLAIMANT_COACH_FIELD = 'claimantCoach';

/** How far ahead a date in a request may be: the response needed, or a DEA's expected return. */
export const MAX_MONTHS_AHEAD = 3;

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Record<string, string> };

export interface ClaimantSupportInput {
  readonly surname: string;
  readonly nino: string;
  readonly benefits: Benefit[];
  readonly challenges: string;
  readonly whyNeeded: string;
  readonly requiredBy: string;
  /** A team leader's request (seed §39): the staff id of the claimant's work coach, as chosen. */
  readonly claimantCoachId?: string;
}

export interface SkillSupportInput {
  readonly topic: SkillTopic;
  readonly description: string;
  readonly requiredBy: string;
}

export interface ColleagueSupportInput {
  readonly reason: string;
  readonly description: string;
  readonly criticality: Criticality;
  readonly requiredBy: string | null;
}

class Checker {
  readonly problems: Record<string, string> = {};
  constructor(private readonly draft: Draft) {}

  text(field: string, label: string, max: number, required = true): string {
    const value = (this.draft[field] ?? '').trim();
    if (!value) {
      if (required) this.problems[field] = `Enter ${label}.`;
    } else if (value.length > max) {
      this.problems[field] = `${capitalise(label)} must be ${max} characters or fewer (it is ${value.length}).`;
    }
    return value;
  }

  date(field: string, today: string, required = true): string | null {
    const value = (this.draft[field] ?? '').trim();
    if (!value) {
      if (required) this.problems[field] = 'Enter the required response date, for example the claimant\'s next appointment.';
      return null;
    }
    if (!isCalendarDate(value)) {
      this.problems[field] = 'Enter the date as a real date, for example 2026-12-01.';
      return null;
    }
    const latest = addMonths(today, MAX_MONTHS_AHEAD);
    if (value < today) this.problems[field] = 'The required response date cannot be in the past.';
    else if (value > latest) this.problems[field] = `The required response date must be within ${MAX_MONTHS_AHEAD} months, by ${describeDate(latest)}.`;
    return value;
  }

  result<T>(value: T): Checked<T> {
    return Object.keys(this.problems).length ? { ok: false, problems: this.problems } : { ok: true, value };
  }
}

export function checkClaimantSupport(draft: Draft, today: string): Checked<ClaimantSupportInput> {
  const c = new Checker(draft);
  const surname = c.text('surname', "the claimant's surname", LIMITS.surname);
  if (surname && !c.problems.surname && !/^[\p{L}][\p{L}'’ .-]*$/u.test(surname)) {
    c.problems.surname = 'A surname can only have letters, spaces, hyphens and apostrophes.';
  }
  const ninoCheck = checkNino(draft.nino ?? '');
  if (!ninoCheck.ok) c.problems.nino = ninoCheck.problem;
  const benefits = (draft.benefits ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  const unknown = benefits.filter((b) => !(BENEFITS as readonly string[]).includes(b));
  if (benefits.length === 0) c.problems.benefits = 'Choose the benefits the claimant gets.';
  else if (unknown.length) c.problems.benefits = 'Choose benefits from the list.';
  const challenges = c.text('challenges', "a brief description of the claimant's challenges", LIMITS.challenges);
  const whyNeeded = c.text('whyNeeded', 'why DEA support is needed', LIMITS.whyNeeded);
  const requiredBy = c.date('requiredBy', today);
  const claimantCoachId = (draft[CLAIMANT_COACH_FIELD] ?? '').trim();
  return c.result({
    surname,
    nino: ninoCheck.ok ? ninoCheck.nino : '',
    benefits: benefits as Benefit[],
    challenges,
    whyNeeded,
    requiredBy: requiredBy ?? '',
    ...(claimantCoachId ? { claimantCoachId } : {}),
  });
}

export function checkSkillSupport(draft: Draft, today: string): Checked<SkillSupportInput> {
  const c = new Checker(draft);
  const topic = (draft.topic ?? '').trim();
  if (!(SKILL_TOPICS as readonly string[]).includes(topic)) c.problems.topic = 'Choose the topic you need support with.';
  const description = c.text('description', 'a brief description of the support you need', LIMITS.description);
  const requiredBy = c.date('requiredBy', today);
  return c.result({ topic: topic as SkillTopic, description, requiredBy: requiredBy ?? '' });
}

export function checkColleagueSupport(draft: Draft, today: string): Checked<ColleagueSupportInput> {
  const c = new Checker(draft);
  const reason = c.text('reason', 'the reason for your request', LIMITS.reason);
  const description = c.text('description', 'the details of your request', LIMITS.description);
  const criticality = (draft.criticality ?? '').trim();
  if (criticality !== 'urgent' && criticality !== 'non_urgent') c.problems.criticality = 'Say whether the request is urgent or non-urgent.';
  const requiredBy = c.date('requiredBy', today, false);
  return c.result({ reason, description, criticality: criticality as Criticality, requiredBy });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
