/**
 * A Specialist Advice three-way conversation: a work coach, a claimant and a Health Care
 * Professional (HCP), with the jobcentre's nominated contact preparing the information pack and
 * the HCP Activity Manager keeping the HCPs' diaries and site plans. Everything the reports need
 * (outcome, channel, type of advice, ad hoc or pre-booked, preparation done, dates, HCP,
 * jobcentre, cluster, district) is a field here, never free text.
 */

export const ADVICE_BENEFITS = ['ESA', 'UC', 'ESA_UC', 'OTHER'] as const;
export type AdviceBenefit = (typeof ADVICE_BENEFITS)[number];
export const ADVICE_BENEFIT_LABELS: Readonly<Record<AdviceBenefit, string>> = {
  ESA: 'Employment and Support Allowance (ESA)',
  UC: 'Universal Credit (UC)',
  ESA_UC: 'Both ESA and UC',
  OTHER: 'Another benefit, or none',
};

/** Where the claimant is with their Work Capability Assessment. */
export const WCA_STATUSES = ['not_had', 'waiting', 'had'] as const;
export type WcaStatus = (typeof WCA_STATUSES)[number];
export const WCA_STATUS_LABELS: Readonly<Record<WcaStatus, string>> = {
  not_had: 'Not had one',
  waiting: 'Waiting for the decision',
  had: 'Had it, with a decision',
};

/** The type of advice sought: a fixed list so that the reports can count it. */
export const ADVICE_TYPES = ['work_activity', 'employment_support', 'adjustments', 'health_lifestyle', 'limitations', 'practical_support'] as const;
export type AdviceType = (typeof ADVICE_TYPES)[number];
export const ADVICE_TYPE_LABELS: Readonly<Record<AdviceType, string>> = {
  work_activity: 'What work-related activity suits them',
  employment_support: 'Further employment support they may need',
  adjustments: 'Adjustments to work activity',
  health_lifestyle: 'Managing their health and lifestyle',
  limitations: 'Limitations and fluctuating conditions',
  practical_support: 'Extra support and practical measures',
};

export const ADVICE_CHANNELS = ['face_to_face', 'video', 'telephone'] as const;
export type AdviceChannel = (typeof ADVICE_CHANNELS)[number];
export const ADVICE_CHANNEL_LABELS: Readonly<Record<AdviceChannel, string>> = {
  face_to_face: 'Face to face',
  video: 'Video call',
  telephone: 'Telephone',
};
/** The channel inside a sentence: "asks you to see a claimant now, by telephone". */
export const ADVICE_CHANNEL_HOW: Readonly<Record<AdviceChannel, string>> = {
  face_to_face: 'face to face',
  video: 'by video call',
  telephone: 'by telephone',
};

/**
 * requested: waiting to be booked; adhoc_asked: the HCP was asked to see the claimant now;
 * booked; held: the HCP recorded the notes; then did_not_attend, declined (on the day) or cancelled.
 */
export const ADVICE_STATUSES = ['requested', 'adhoc_asked', 'booked', 'held', 'did_not_attend', 'declined', 'cancelled'] as const;
export type AdviceStatus = (typeof ADVICE_STATUSES)[number];
export const ADVICE_STATUS_LABELS: Readonly<Record<AdviceStatus, string>> = {
  requested: 'Waiting to be booked',
  adhoc_asked: 'Asked for now: waiting for an answer',
  booked: 'Booked',
  held: 'Held',
  did_not_attend: 'Claimant did not attend',
  declined: 'Claimant declined on the day',
  cancelled: 'Cancelled',
};

/** The state machine: every change of status goes through here. */
const TRANSITIONS: Readonly<Record<AdviceStatus, readonly AdviceStatus[]>> = {
  requested: ['adhoc_asked', 'booked', 'cancelled'],
  adhoc_asked: ['booked', 'requested', 'cancelled'],
  booked: ['held', 'did_not_attend', 'declined', 'cancelled'],
  held: [],
  did_not_attend: [],
  declined: [],
  cancelled: [],
};

export function canMove(from: AdviceStatus, to: AdviceStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export interface AdviceClaimant {
  readonly surname: string;
  readonly nino: string;
  readonly benefit: AdviceBenefit;
  readonly wcaStatus: WcaStatus;
  /** The WCA outcome in brief, when there is one. */
  readonly wcaSummary: string | null;
  readonly background: string;
  /** The health condition(s) in brief: special category data. */
  readonly conditions: string;
}

export interface AdviceConsent {
  /** The claimant agreed to take part, told it is voluntary. */
  readonly agreed: boolean;
  /** The claimant agrees to their GP being told of any Unexpected Findings. */
  readonly gpConsent: boolean;
  readonly recordedById: string;
  readonly recordedAt: Date;
}

export interface AdviceConversation {
  readonly id: string;
  /** "SA-000123": the only thing diaries, logs and notifications name. */
  readonly reference: string;
  readonly status: AdviceStatus;
  readonly coachId: string;
  readonly hcpId: string;
  readonly contactId: string | null;
  readonly jobcentreId: string;
  readonly cluster: string;
  readonly district: string;
  readonly claimant: AdviceClaimant;
  readonly adviceTypes: readonly AdviceType[];
  readonly channel: AdviceChannel;
  readonly complex: boolean;
  /** Ad hoc as it stands: the HCP asked to see the claimant now, or seeing them then. */
  readonly adHoc: boolean;
  /**
   * The coach asked for the HCP to see the claimant there and then, whatever came of it (the HCP
   * not free, a no, a lapse, a time booked instead): ad hoc demand for the reports. Set when asked,
   * never changed.
   */
  readonly askedAdHoc: boolean;
  readonly consent: AdviceConsent;
  readonly start: Date | null;
  readonly end: Date | null;
  readonly prepStart: Date | null;
  readonly timesMoved: number;
  readonly packReadyAt: Date | null;
  readonly preparedAt: Date | null;
  readonly heldAt: Date | null;
  /** The HCP says the pack and the notes went back to the contact before leaving. */
  readonly returnedAt: Date | null;
  readonly returnConfirmedAt: Date | null;
  readonly findings: FindingsState;
  /** The diary entries written for it (the HCP's, with the coach invited; the preparation too). */
  readonly diaryEvents: readonly DiaryEntry[];
  /** Where the diaries are: being written (or removed) after the click, done, or failed for now. */
  readonly diaryStatus: DiaryStatus;
  /** Why the diaries could not all be written, in words for the coach. */
  readonly diaryError: string | null;
  /** When the contact and the HCP were reminded that the pack was not ready (once per booking). */
  readonly packRemindedAt: Date | null;
  readonly version: number;
  readonly createdAt: Date;
}

/** A diary entry written for a conversation; `key` is the transactionId it was written with. */
export interface DiaryEntry {
  readonly mailbox: string;
  readonly eventId: string;
  /** Absent on entries written before diaries were durable work: such entries are replaced when it moves. */
  readonly key?: string;
}

export const DIARY_STATUSES = ['writing', 'done', 'failed'] as const;
export type DiaryStatus = (typeof DIARY_STATUSES)[number];

/** The durable work that brings a conversation's diaries in line with it. */
export const ADVICE_DIARY_WORK = 'advice-diaries';

/** A break an HCP agreed with their activity manager (§2.2.3), every week on one weekday, London times. */
export interface HcpBreak {
  readonly hcpId: string;
  readonly weekday: 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday';
  /** HH:MM. */
  readonly start: string;
  readonly end: string;
}

/** Unexpected Findings: none, or found and sent to the GP through the contact, or kept back without consent. */
export type FindingsState = 'none' | 'to_send' | 'sent' | 'not_sent_no_consent';

/** The HCP's notes (Annex 2 §10–11): special category health data. */
export interface AdviceNotes {
  readonly conversationId: string;
  readonly conditions: string;
  readonly impact: string;
  readonly functioning: string;
  readonly actions: string;
  readonly noAlternativeDiagnosis: boolean;
  readonly wcaNotChallenged: boolean;
  readonly findings: string | null;
  readonly signedName: string;
  readonly signedOn: string;
  readonly recordedById: string;
  readonly recordedAt: Date;
}

/** Where an HCP is on a day, as the activity manager planned it with the jobcentre contacts. */
export interface SiteDay {
  readonly hcpId: string;
  /** YYYY-MM-DD, London. */
  readonly date: string;
  readonly jobcentreId: string;
}

export const REFERENCE_PREFIX = 'SA-';

export function formatReference(n: number): string {
  return `${REFERENCE_PREFIX}${String(n).padStart(6, '0')}`;
}

/** Whether the conversation has been held, or ended without being held: nothing more happens then. */
export function isFinished(c: Pick<AdviceConversation, 'status'>): boolean {
  return ADVICE_STATUSES.indexOf(c.status) >= ADVICE_STATUSES.indexOf('held');
}
