import { isCalendarDate } from '../requests/calendar-date';
import type { NextStep } from '../outcomes/next-steps';
import { byName } from '../names';

/**
 * The DEA and the work psychologist (seed 000 §43–44): monthly meetings, ideally face to face, on
 * the issues arising from the month's conferences and interventions; case conferences about
 * claimants with barriers to provision or work; awareness sessions, themed case conferences and
 * training commissioned from work coach feedback.
 */
export const MEETINGS_AHEAD = 6;
export const MEETING_MODES = ['face_to_face', 'teams'] as const;
export type MeetingMode = (typeof MEETING_MODES)[number];
export const MEETING_MODE_LABELS: Readonly<Record<MeetingMode, string>> = { face_to_face: 'Face to face', teams: 'Microsoft Teams' };

export type MeetingStatus = 'pending' | 'booked' | 'failed';

export interface PartnershipMeeting {
  readonly id: string;
  readonly deaId: string;
  readonly workPsychologistId: string;
  /** YYYY-MM: one meeting a month. */
  readonly month: string;
  readonly start: Date;
  readonly end: Date;
  readonly mode: MeetingMode;
  readonly status: MeetingStatus;
  readonly eventId: string | null;
  readonly lastError: string | null;
  /** Why it is not at the series' usual time (a bank holiday, someone busy); null when it is. */
  readonly movedBecause: string | null;
}

export const ACTIVITY_KINDS = ['case_conference', 'awareness_session', 'themed_case_conference', 'training'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
export const ACTIVITY_KIND_LABELS: Readonly<Record<ActivityKind, string>> = {
  case_conference: 'Case conference about a claimant',
  awareness_session: 'Awareness session',
  themed_case_conference: 'Themed case conference',
  training: 'Training',
};
/** What the DEA commissions from work coach feedback and records with its date (§44). */
export const SESSION_KINDS: readonly ActivityKind[] = ['awareness_session', 'themed_case_conference', 'training'];

export interface PartnershipActivity {
  readonly id: string;
  readonly deaId: string;
  readonly workPsychologistId: string;
  readonly kind: ActivityKind;
  readonly status: 'requested' | 'done';
  /** A case conference: the request reference of the claimant's case (DEA-000123); no claimant details. */
  readonly requestReference: string | null;
  /** The question, or the session's theme. */
  readonly topic: string;
  /** The work coach feedback that led to a session. */
  readonly feedback: string | null;
  /** YYYY-MM-DD: when it was (or is) held. */
  readonly date: string | null;
  /** The work psychologist's advice after a case conference. */
  readonly note: string | null;
  readonly createdAt: Date;
}

/**
 * A session recorded ahead of its date is planned until that day comes, then held: nobody comes back
 * to mark it. The same rule decides its status when it is recorded and how it reads later.
 */
export function sessionStatusOn(date: string, today: string): PartnershipActivity['status'] {
  return date <= today ? 'done' : 'requested';
}

/** An activity as it stands on `today` (YYYY-MM-DD, London): a session whose day has come is held. */
export function activityOn(a: PartnershipActivity, today: string): PartnershipActivity {
  return a.kind !== 'case_conference' && a.status === 'requested' && a.date !== null && sessionStatusOn(a.date, today) === 'done' ? { ...a, status: 'done' } : a;
}

/** What a person may do with a case conference. */
export interface CaseConferenceRights {
  /** Its card, with the barriers and the advice: the DEA who asked and the work psychologist asked, no one else. */
  readonly see: boolean;
  /** Record it held, with the advice: its work psychologist, while it waits. */
  readonly record: boolean;
}

/**
 * The one answer to who may open a case conference and who may record it: the page offers "Open"
 * and the card its form by it, and the clicks are refused by it.
 */
export function caseConferenceRights(a: PartnershipActivity, viewerId: string): CaseConferenceRights {
  const isWp = a.workPsychologistId === viewerId;
  const see = a.kind === 'case_conference' && (isWp || a.deaId === viewerId);
  return { see, record: see && isWp && a.status === 'requested' };
}

/** One output of the month, for the agenda: by reference only. */
export interface AgendaItem {
  readonly reference: string;
  readonly what: string;
  readonly at: Date;
  readonly nextSteps: readonly NextStep[];
}

export const PARTNERSHIP_LIMITS = { topic: 500, feedback: 1000, note: 2000 } as const;

/**
 * The day of each month that keeps the first meeting's place in its month ("the 2nd Tuesday"),
 * `count` months from the first (the last such weekday when a month has no 5th).
 */
export function monthlyDates(first: string, count: number): string[] {
  if (!isCalendarDate(first)) throw new Error(`not a date: ${first}`);
  const [y, m, d] = first.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  const nth = Math.ceil(d / 7);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const firstOfMonth = new Date(Date.UTC(y, m - 1 + i, 1));
    const offset = (weekday - firstOfMonth.getUTCDay() + 7) % 7;
    let day = 1 + offset + (nth - 1) * 7;
    const daysInMonth = new Date(Date.UTC(firstOfMonth.getUTCFullYear(), firstOfMonth.getUTCMonth() + 1, 0)).getUTCDate();
    if (day > daysInMonth) day -= 7;
    out.push(new Date(Date.UTC(firstOfMonth.getUTCFullYear(), firstOfMonth.getUTCMonth(), day)).toISOString().slice(0, 10));
  }
  return out;
}

/**
 * The work psychologist a DEA works with: one at the DEA's own jobcentre (the first by name),
 * otherwise the district's (the first by name). `wps` are the work psychologists of the DEA's district.
 */
export function workPsychologistOf<P extends { readonly id: string; readonly jobcentreId: string | null; readonly name: string }>(dea: Pick<P, 'jobcentreId'>, wps: readonly P[]): P | null {
  const ordered = [...wps].sort(byName);
  return ordered.find((w) => w.jobcentreId === dea.jobcentreId) ?? ordered[0] ?? null;
}

/** The DEAs a work psychologist works with: every DEA of the district whose work psychologist they are. */
export function deasOf<P extends { readonly id: string; readonly jobcentreId: string | null; readonly name: string }>(wp: P, deas: readonly P[], wps: readonly P[]): P[] {
  return deas.filter((d) => workPsychologistOf(d, wps)?.id === wp.id).sort(byName);
}
