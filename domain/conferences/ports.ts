import type { Attendee, CalendarPort, EventRef, EventResult } from '../calendar/calendar-port';
import type { StaffMember } from '../staff';
import type { ConferencePlan, GroupConference, NominatedCase, QasCheck } from './plan';

export interface AttendeeChange extends EventRef {
  readonly attendees: readonly Attendee[];
}

/** The calendar, plus replacing a meeting's attendees as the cohort changes (seed §29: the cohort's conferences). */
export interface ConferenceCalendar extends CalendarPort {
  setAttendees(changes: readonly AttendeeChange[]): Promise<EventResult[]>;
}

/** Who is in a DEA's cohort, and whom a team leader plans for. */
export interface CohortDirectory {
  /** Work coaches whose DEA this is. */
  cohortOf(deaId: string): Promise<StaffMember[]>;
  /** DEAs the team leader manages, or who support coaches the team leader manages. */
  deasFor(teamLeaderId: string): Promise<StaffMember[]>;
  /** A work psychologist to invite (seed §30), the DEA's office first. */
  workPsychologistFor(dea: StaffMember): Promise<StaffMember | null>;
}

export type ConferenceChanges = Partial<Pick<GroupConference, 'start' | 'end' | 'coachIds' | 'clashes' | 'status' | 'eventId' | 'joinUrl' | 'lastError' | 'casesSentAt' | 'summary' | 'actions'>>;

export type NewConference = Pick<GroupConference, 'month' | 'groupIndex' | 'start' | 'end' | 'coachIds' | 'clashes' | 'status'>;

/** Which of a plan's conferences to read, by its (plan, month, group) key; all of them when empty. */
export interface ConferenceRange {
  /** This month and after. */
  readonly from?: string;
  /** Before this month. */
  readonly before?: string;
  /** These months only (none: nothing). */
  readonly months?: readonly string[];
  readonly statuses?: readonly GroupConference['status'][];
  /** The latest months first (else the earliest), each month's groups in order. */
  readonly latestFirst?: boolean;
  readonly limit?: number;
}

/** Conferences of the confirmed plans a team leader made or of these DEAs, in these statuses, soonest first. */
export interface ConferencesOf {
  readonly madeBy?: string;
  readonly deaIds: readonly string[];
  readonly statuses: readonly GroupConference['status'][];
  readonly limit: number;
}

export interface ConferenceStore {
  createPlan(plan: Omit<ConferencePlan, 'id' | 'version' | 'createdAt' | 'status'>, conferences: readonly NewConference[], at: Date): Promise<ConferencePlan>;
  findPlan(id: string): Promise<ConferencePlan | null>;
  /** The DEA's plans in these statuses, newest first. */
  plansForDea(deaId: string, statuses: readonly ConferencePlan['status'][]): Promise<ConferencePlan[]>;
  /** Every confirmed plan (one a DEA at most): for the jobs that keep each plan booked. */
  confirmedPlans(): Promise<ConferencePlan[]>;
  /** Saves if still at `expectedVersion` (the version moves on), else a conflict. */
  updatePlan(id: string, expectedVersion: number, changes: Partial<Pick<ConferencePlan, 'status' | 'groups' | 'warning'>>, at: Date): Promise<ConferencePlan>;
  /** Adds conferences for months not yet planned; a (plan, month, group) that exists is left as it is. */
  addConferences(planId: string, conferences: readonly NewConference[], at: Date): Promise<number>;
  /** The plan's conferences by month and group: every one it ever had, or those in a range (what a list shows). */
  conferencesOf(planId: string, range?: ConferenceRange): Promise<GroupConference[]>;
  findConference(id: string): Promise<GroupConference | null>;
  /** Saves if still at `expectedVersion`, else a conflict. */
  updateConference(id: string, expectedVersion: number, changes: ConferenceChanges, at: Date): Promise<GroupConference>;
  /** Booked conferences starting in [from, to), any plan; or, with `of`, those of a person's plans, at most its limit. */
  bookedBetween(from: Date, to: Date, of?: ConferencesOf): Promise<GroupConference[]>;

  nominate(nomination: Omit<NominatedCase, 'id' | 'nextSteps' | 'followUps' | 'outcomeAt'>, at: Date): Promise<NominatedCase>;
  casesOf(conferenceId: string): Promise<NominatedCase[]>;
  /** Puts these cases forward for another conference instead. */
  moveCases(caseIds: readonly string[], toConferenceId: string): Promise<void>;
  recordCaseOutcome(caseId: string, nextSteps: NominatedCase['nextSteps'], followUps: readonly string[], at: Date): Promise<void>;

  recordQas(check: Omit<QasCheck, 'id'>): Promise<QasCheck>;
  /** The plan's checks, or those of these months. */
  qasChecksOf(planId: string, months?: readonly string[]): Promise<QasCheck[]>;
}

/** Exactly one instance does a scheduled job for a period (a month, a day), through a row in SQL. */
export interface JobLeases {
  /** True for the one caller that should run the job now; false while another holds it or it is done. */
  claim(job: string, period: string, now: Date, leaseMs: number): Promise<boolean>;
  complete(job: string, period: string, now: Date): Promise<void>;
  /** Gives the job up so another run may try again (it failed). */
  release(job: string, period: string): Promise<void>;
}

/** What a conference's message to people tells them. */
export type ConferenceChange = 'moved' | 'cancelled' | 'again' | 'unplaced';

/** Tells people about conferences in Teams, after whoever acted has had their answer. */
export interface ConferenceNotifier {
  /** The plan's card (progress of booking) is to be shown again as it now is. */
  planChanged(planId: string): Promise<void>;
  /** The DEA's list of nominated cases before the conference (seed §30). */
  caseList(conference: GroupConference, deaId: string): Promise<void>;
  /** The summary and actions to the team leader (seed §33). */
  summary(conference: GroupConference, wctlId: string): Promise<void>;
  /**
   * A booked conference was moved or cancelled, or a cancelled one given a time again: everyone invited
   * is told. Also, to the team leader alone, a conference the plan added without a time: it needs one.
   * The card is drawn when it reaches each person, from the conference as it then is: `what` says what
   * this message was about, so one overtaken by a later change says nothing untrue.
   */
  conferenceChanged(conference: GroupConference, staffIds: readonly string[], what: ConferenceChange): Promise<void>;
  /** A Group Case Conference Check List is due (seed §69). */
  qasDue(plan: ConferencePlan, month: string): Promise<void>;
}
