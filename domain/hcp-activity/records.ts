/**
 * What an HCP does besides three-way conversations, and how the department keeps track of them:
 * supporting activity, attendance, the weekly note, requests to the supplier and notices to finish.
 */

/** Supporting activity, as the specification lists it. */
export const ACTIVITY_KINDS = ['individual_case_conference', 'group_case_conference', 'presentation', 'collaboration', 'retention', 'other'] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export const ACTIVITY_KIND_LABELS: Readonly<Record<ActivityKind, string>> = {
  individual_case_conference: 'Individual case conference',
  group_case_conference: 'Group case conference',
  presentation: 'Presentation to a team or office',
  collaboration: 'Work with DEAs or work psychologists',
  retention: 'Retention case with employer advisers',
  other: 'Other work for the district',
};

/**
 * requested: a coach or team leader asked the activity manager for it; planned: the activity
 * manager set it (a time for a requested case conference, or a work activity they set); done: the
 * HCP recorded it as held; cancelled: it will not happen.
 */
export const ACTIVITY_STATUSES = ['requested', 'planned', 'done', 'cancelled'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export interface SupportingActivity {
  readonly id: string;
  readonly hcpId: string;
  readonly kind: ActivityKind;
  readonly status: ActivityStatus;
  readonly jobcentreId: string | null;
  readonly district: string;
  /** London date, YYYY-MM-DD. */
  readonly date: string | null;
  readonly start: Date | null;
  readonly end: Date | null;
  /** Who took part, in the HCP's words (colleagues' names or teams). */
  readonly takingPart: string;
  /** A short note; claimant identifiers only when it is about a case (then `caseReference` names it). */
  readonly note: string;
  /** The case it is about (DEA-, SA- or RET- reference), when it is about one. */
  readonly caseReference: string | null;
  /** Group case conferences: how many cases were discussed. */
  readonly caseCount: number | null;
  /** Happened when the HCP was free, without being booked in advance. */
  readonly adHoc: boolean;
  readonly requestedById: string | null;
  /**
   * The work coach an individual case conference is with (Annex 3 §3.1): the coach who asked for it,
   * or the one a team leader or the activity manager arranged it for (§3.2). Null for other activity,
   * and for a team leader's own or one arranged before coaches were named.
   */
  readonly coachId: string | null;
  readonly setById: string | null;
  readonly recordedById: string | null;
  readonly recordedAt: Date | null;
  /** The entries written in people's diaries for it (event ids only), to remove them when it is cancelled. */
  readonly diaryEntries: readonly DiaryEntry[];
  readonly version: number;
  readonly createdAt: Date;
}

/** An activity's entry in one person's diary. */
export interface DiaryEntry {
  readonly personId: string;
  readonly mailbox: string;
  readonly eventId: string;
}

export const WEEKLY_NOTE_STATUSES = ['draft', 'submitted', 'accepted', 'change_asked'] as const;
export type WeeklyNoteStatus = (typeof WEEKLY_NOTE_STATUSES)[number];

export interface WeeklyNote {
  readonly id: string;
  readonly hcpId: string;
  readonly district: string;
  /** The Monday of the week, YYYY-MM-DD (London). */
  readonly weekStart: string;
  readonly status: WeeklyNoteStatus;
  readonly body: string;
  readonly submittedAt: Date | null;
  readonly reviewedById: string | null;
  readonly reviewedAt: Date | null;
  /** Why the activity manager asked for a change. */
  readonly changeReason: string | null;
  /** When the Friday reminder went, so it goes once. */
  readonly remindedAt: Date | null;
  readonly version: number;
  readonly createdAt: Date;
}

export const ATTENDANCE_STATUSES = ['on_time', 'late', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

export const ATTENDANCE_LABELS: Readonly<Record<AttendanceStatus, string>> = { on_time: 'On time', late: 'Late', absent: 'Absent' };

export interface AttendanceRecord {
  readonly id: string;
  readonly hcpId: string;
  readonly district: string;
  readonly date: string;
  readonly jobcentreId: string | null;
  readonly status: AttendanceStatus;
  readonly arrivedAt: Date | null;
  readonly recordedById: string;
  readonly recordedAt: Date;
  /**
   * The replacement asked of the supplier for an absence. On an arrival, the absence it took the
   * place of (the HCP came after being recorded absent) had asked for it.
   */
  readonly supplierRequestId: string | null;
}

export const SUPPLIER_REQUEST_KINDS = ['provision', 'replacement', 'ad_hoc_information', 'subject_access', 'freedom_of_information'] as const;
export type SupplierRequestKind = (typeof SUPPLIER_REQUEST_KINDS)[number];

export const SUPPLIER_REQUEST_LABELS: Readonly<Record<SupplierRequestKind, string>> = {
  provision: 'HCP provision',
  replacement: 'Replacement HCP',
  ad_hoc_information: 'Ad hoc information',
  subject_access: 'Subject access request',
  freedom_of_information: 'Freedom of information request',
};

export const SUPPLIER_REQUEST_STATUSES = ['open', 'answered', 'withdrawn'] as const;
export type SupplierRequestStatus = (typeof SUPPLIER_REQUEST_STATUSES)[number];

export interface SupplierRequest {
  readonly id: string;
  readonly reference: string;
  readonly kind: SupplierRequestKind;
  readonly status: SupplierRequestStatus;
  readonly district: string;
  readonly hcpId: string | null;
  /** The dates a replacement or provision is for (London dates). */
  readonly fromDate: string | null;
  readonly toDate: string | null;
  /** What is asked, without claimant identifiers. */
  readonly details: string;
  /** A subject access or FOI request that needs the HCP's material on a case names the case. */
  readonly caseReference: string | null;
  readonly raisedById: string;
  readonly raisedAt: Date;
  /** The London date the supplier must answer by. */
  readonly dueOn: string;
  readonly answeredAt: Date | null;
  readonly answeredById: string | null;
  readonly answer: string | null;
  /**
   * HCP provision and replacements: the London date the supplier's HCP started, or will start,
   * covering, as the supplier answered. The two weeks are measured to it, not to when the answer
   * was typed. Null while open, for information requests, and for answers recorded before it was asked.
   */
  readonly coverOn: string | null;
  readonly version: number;
}

export interface HcpNotice {
  readonly id: string;
  readonly hcpId: string;
  readonly district: string;
  /** When the HCP told the supplier they intend to finish (London date). */
  readonly givenOn: string;
  /** When the supplier told the department (London date): the notice period starts here. */
  readonly receivedOn: string;
  /** The supplier had to tell the department by this working day. */
  readonly dueOn: string;
  /** The HCP's last working day. */
  readonly lastDay: string;
  readonly recordedById: string;
  readonly recordedAt: Date;
}

const SUPPLIER_PREFIX = 'SUP-';

/** A supplier request's human reference, e.g. SUP-000012. */
export function formatSupplierReference(n: number): string {
  return `${SUPPLIER_PREFIX}${String(n).padStart(6, '0')}`;
}
