import type { SupplierRequestStatus } from '../hcp-activity/records';
import type { RouteOutcomeCount } from '../retention-cases/ports';

/**
 * The read models the reports are made from. Each method is one query; each returns facts with no
 * claimant identity (no name, no National Insurance number, no free text), only what is counted.
 */

export interface HcpFact {
  readonly id: string;
  readonly name: string;
  readonly district: string;
  /**
   * When their staff directory entry was made (the directory keeps no date a role was given): an HCP
   * whose entry is newer than a trial's end was not in that trial. Null for someone who no longer has
   * the HCP role, known only by the conversations they held.
   */
  readonly inDirectorySince: Date | null;
}

/** A Specialist Advice conversation asked for, or taking place, in a period. */
export interface AdviceFact {
  readonly hcpId: string;
  /** The HCP's name in the staff directory, whether or not they still have the role; null if not there. */
  readonly hcpName: string | null;
  readonly district: string;
  readonly cluster: string;
  readonly jobcentre: string;
  readonly status: string;
  readonly channel: string;
  readonly adviceTypes: readonly string[];
  /** As it stands: ad hoc while the HCP is asked and once they say yes, so a held one was held ad hoc. */
  readonly adHoc: boolean;
  /** The coach asked for the HCP to see the claimant there and then, whatever came of it: ad hoc demand. */
  readonly askedAdHoc: boolean;
  readonly createdAt: Date;
  readonly startsAt: Date | null;
}

/** A held conversation: who held it and when (for the success factors over a trial). */
export interface HeldFact {
  readonly hcpId: string;
  /** The HCP's name in the staff directory, whether or not they still have the role; null if not there. */
  readonly hcpName: string | null;
  readonly district: string;
  readonly startsAt: Date;
}

/**
 * Which feedback a report holds: answers belong to the period they are about, not to when they were
 * given (last week's are given on Monday).
 */
export interface FeedbackAbout {
  /** Periodic answers whose subject is one of these period keys ("w2026-03-02", "m2026-03"). */
  readonly periodKeys: readonly string[];
  /** After-conversation answers about conversations that took place from `from` to `to`. */
  readonly from: Date;
  readonly to: Date;
}

export interface FeedbackFact {
  readonly question: string;
  readonly score: number;
}

/** A DEA support request asked for, or due, in a period. */
export interface RequestFact {
  readonly type: string;
  readonly channel: string | null;
  readonly status: string;
  readonly coach: string;
  readonly team: string;
  readonly jobcentre: string;
  readonly requiredBy: string | null;
  readonly createdAt: Date;
  /** When the DEA first answered it (accepted, asked for information or redirected); null if not yet. */
  readonly answeredAt: Date | null;
  readonly acceptedAt: Date | null;
  readonly bookedAt: Date | null;
}

export interface ConferenceFact {
  readonly status: string;
  readonly cases: number;
}

export interface QasFact {
  readonly standard: string;
  readonly result: string;
}

/** A count by a label (a type of supporting activity, say). */
export interface LabelledCount {
  readonly label: string;
  readonly count: number;
}

/** HCP attendance over a period, from the activity manager's records: days by how they went. */
export interface AttendanceFact {
  readonly hcp: string;
  readonly onTime: number;
  readonly late: number;
  readonly absent: number;
}

/** A request to the HCP supplier (an HCP to provide, or information), with its due date and answer. */
export interface SupplierRequestFact {
  readonly status: SupplierRequestStatus;
  /** YYYY-MM-DD: when the answer was due (for an HCP, when cover had to start: two weeks after the request, or the first day needed when later). */
  readonly dueOn: string;
  readonly raisedAt: Date;
  readonly answeredAt: Date | null;
  /** YYYY-MM-DD: for an HCP, the day the supplier's HCP started, or will start, covering; null for information, and while open. */
  readonly coverOn: string | null;
}

/** Whose retention cases a report counts: a DEA's cohort (theirs and their coaches' jobcentres), or a district (null: all). */
export type RetentionReach = { readonly deaIds: readonly string[] } | { readonly district: string | null };

export interface ReportReadModel {
  hcps(district: string | null): Promise<HcpFact[]>;
  adviceConversations(district: string | null, from: Date, to: Date): Promise<AdviceFact[]>;
  held(district: string | null, from: Date, to: Date): Promise<HeldFact[]>;
  /**
   * Feedback about the period: periodic answers about the periods named, and after-conversation
   * answers about the conversations that took place in it (by when the answer was given if the
   * conversation is no longer kept).
   */
  feedback(district: string | null, about: FeedbackAbout): Promise<FeedbackFact[]>;
  requests(deaIds: readonly string[], from: Date, to: Date): Promise<RequestFact[]>;
  /** When each request of these DEAs was made, from `from` to `to` (for the trend). */
  requestTimes(deaIds: readonly string[], from: Date, to: Date): Promise<Date[]>;
  /** For each claimant with a claimant support intervention asked for in the period: how many they had in all. */
  interventionsPerClaimant(deaIds: readonly string[], from: Date, to: Date): Promise<number[]>;
  groupConferences(deaIds: readonly string[], from: Date, to: Date): Promise<ConferenceFact[]>;
  qasResults(deaIds: readonly string[], from: Date, to: Date): Promise<QasFact[]>;
  /**
   * The HCPs' supporting activity, attendance and supplier figures: null when this installation
   * keeps no such records (the report then says so).
   */
  supportingActivity(district: string | null, from: Date, to: Date): Promise<LabelledCount[] | null>;
  attendance(district: string | null, from: Date, to: Date): Promise<AttendanceFact[] | null>;
  /** Requests for HCPs (a new one or a replacement) raised in the period. */
  supplierResponses(district: string | null, from: Date, to: Date): Promise<SupplierRequestFact[] | null>;
  /** Ad hoc requests for information raised in the period (due within 5 working days). */
  informationRequests(district: string | null, from: Date, to: Date): Promise<SupplierRequestFact[] | null>;
  /** Retention cases registered in the period at the jobcentres of this reach, by route and outcome. */
  retentionOutcomes(reach: RetentionReach, from: Date, to: Date): Promise<RouteOutcomeCount[]>;
}

/** A held conversation, as the feedback after it needs it. */
export interface FeedbackConversation {
  readonly reference: string;
  readonly coachId: string;
  readonly district: string;
  readonly status: string;
}

export interface FeedbackRow {
  readonly kind: string;
  readonly subjectId: string;
  readonly respondentId: string;
  readonly district: string;
  readonly question: string;
  readonly score: number;
  readonly createdAt: Date;
}

export interface FeedbackStore {
  answered(subjectId: string, respondentId: string): Promise<boolean>;
  /** Saves a person's answers together; false when they had already answered (nothing changes). */
  save(rows: readonly FeedbackRow[]): Promise<boolean>;
  conversation(id: string): Promise<FeedbackConversation | null>;
  /** HCPs, and team leaders of the districts that have HCPs: who is asked for periodic feedback. */
  periodicRespondents(): Promise<string[]>;
}

/** A request not yet answered, with its required response date. */
export interface DueRequest {
  readonly id: string;
  readonly reference: string;
  readonly deaId: string;
  readonly requiredBy: string;
}

export interface DeadlineStore {
  /** Requests still waiting for the DEA whose required date is from `from` to `to` (YYYY-MM-DD, inclusive). */
  unanswered(from: string, to: string): Promise<DueRequest[]>;
  find(id: string): Promise<(DueRequest & { readonly answered: boolean }) | null>;
}
