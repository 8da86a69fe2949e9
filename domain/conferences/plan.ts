import type { QasResult } from '../quality/qas';
/** Group work coach conferences (seed §29–34) and the plan that keeps them booked months ahead. */
import type { NextStep } from '../outcomes/next-steps';

export const PLAN_STATUSES = ['draft', 'confirmed', 'cancelled'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** Seed §29: at least an hour. */
export const CONFERENCE_MINUTES = [60, 75, 90, 120] as const;

/** How the groups meet: seed §29 prefers face to face at a jobcentre; Teams when that cannot be. */
export const MEETING_METHODS = ['face_to_face', 'teams'] as const;
export type MeetingMethod = (typeof MEETING_METHODS)[number];

/** When in the day the team leader would like the conferences; the planner keeps to it. */
export const TIMES_OF_DAY = ['any', 'morning', 'afternoon'] as const;
export type TimeOfDay = (typeof TIMES_OF_DAY)[number];

/** London wall-clock windows: a morning conference ends by 13:00, an afternoon one starts at 13:00 or later. */
export const TIME_OF_DAY_WINDOWS: Readonly<Record<Exclude<TimeOfDay, 'any'>, { readonly start: string; readonly end: string }>> = {
  morning: { start: '00:00', end: '13:00' },
  afternoon: { start: '13:00', end: '24:00' },
};

export interface ConferencePlan {
  readonly id: string;
  readonly deaId: string;
  /** The Work Coach Team Leader who planned it (seed §31) and gets the summaries. */
  readonly wctlId: string;
  readonly durationMinutes: number;
  /** Seed §30: the team leader and the work psychologist come when asked. */
  readonly inviteWctl: boolean;
  readonly workPsychologistId: string | null;
  readonly meetingMethod: MeetingMethod;
  /** Face to face only: the jobcentre and the room there. */
  readonly venue: string | null;
  readonly room: string | null;
  readonly timeOfDay: TimeOfDay;
  readonly status: PlanStatus;
  /** Coach ids per group, in group order; kept up to date as the cohort changes. */
  readonly groups: readonly (readonly string[])[];
  readonly warning: string | null;
  readonly version: number;
  readonly createdAt: Date;
}

/**
 * proposed: on the plan, not yet confirmed; unplaced: no time found, the team leader must give one;
 * pending: confirmed, the diary not yet written (or being written); failed: to try again.
 */
export const CONFERENCE_STATUSES = ['proposed', 'unplaced', 'pending', 'booked', 'failed', 'held', 'cancelled'] as const;
export type ConferenceStatus = (typeof CONFERENCE_STATUSES)[number];

export interface GroupConference {
  readonly id: string;
  readonly planId: string;
  /** London calendar month, 'YYYY-MM'. */
  readonly month: string;
  readonly groupIndex: number;
  readonly start: Date | null;
  readonly end: Date | null;
  /** Who is invited from the cohort (the group at the time it was booked, then kept in step). */
  readonly coachIds: readonly string[];
  /** Staff ids busy at the chosen time (when no time suited everyone). */
  readonly clashes: readonly string[];
  readonly status: ConferenceStatus;
  /**
   * The meeting in the DEA's diary. Once cancelled, the one removed: given a time again, the new
   * meeting's transactionId is taken from it, and it is replaced when the new one is written.
   */
  readonly eventId: string | null;
  readonly joinUrl: string | null;
  readonly lastError: string | null;
  readonly casesSentAt: Date | null;
  readonly summary: string | null;
  readonly actions: string | null;
  readonly version: number;
}

/** A case put forward for a conference (seed §30, §31): from a request, or a new one in a few words. */
export interface NominatedCase {
  readonly id: string;
  readonly conferenceId: string;
  readonly nominatedById: string;
  readonly requestId: string | null;
  /** The request's reference (DEA-000123), or null for a new case. */
  readonly reference: string | null;
  /** For a new case only: a few words, never a claimant's name, NINO or health details. */
  readonly note: string | null;
  readonly nextSteps: readonly NextStep[];
  /** References of follow-up requests started from the next steps. */
  readonly followUps: readonly string[];
  readonly outcomeAt: Date | null;
}

/** Seed §69: the Group Case Conference Check List, recorded with the same results as the other QAS checks. */

export interface QasCheck {
  readonly id: string;
  readonly planId: string;
  readonly conferenceId: string;
  readonly month: string;
  readonly checkedById: string;
  readonly result: QasResult;
  readonly comments: string | null;
  readonly at: Date;
}

/** Cases discussed at each conference (seed §32): 3–4; more is allowed with a warning. */
export const CASES_EXPECTED = { min: 3, max: 4 } as const;

/** Lengths of what people write around a conference, for the domain's checks and the cards' inputs. */
export const CONFERENCE_LIMITS = { venue: 200, room: 100, note: 200, summary: 4000, actions: 4000, qasComments: 1000 } as const;

/**
 * At most this many conferences are read for a plan's months from a month on: the months a plan has
 * from a recent month are bounded by the horizon (a few months ahead), so this only guards a cohort
 * with very many groups.
 */
export const PLAN_READ_LIMIT = 300;

/** Older conferences still waiting for their outcome that the plan's card shows (the latest first); the rest are counted. */
export const EARLIER_OUTCOMES_SHOWN = 3;

/** Seed §69: monthly checks in the first 3 months, then at the team leader's discretion. */
export const QAS_MONTHLY_FOR = 3;
