import type { CalendarPort } from '../calendar/calendar-port';
import type { WorkingPatterns } from '../calendar/booking-service';
import type { SupportingActivity } from '../hcp-activity/records';
import type { StaffDirectory, WorkScheduler } from '../ports';
import type { Jobcentre, StaffMember } from '../staff';
import type { AdviceConversation, AdviceNotes, DiaryEntry, DiaryStatus, HcpBreak, SiteDay } from './conversation';
import type { AwayDays } from './schedule';

export type NewAdviceConversation = Omit<AdviceConversation, 'id' | 'reference' | 'version' | 'createdAt'> & {
  /** The key of the form it was asked for with: the same form sent again finds this conversation. */
  readonly submissionKey?: string;
};

/** What saving a new conversation did: saved it, or found the one saved with the same form key. */
export interface SavedAdvice {
  readonly conversation: AdviceConversation;
  /** False when the form was sent before: nothing new was saved. */
  readonly created: boolean;
}

/**
 * What a use case changes on a conversation; the status only through the state machine. Never
 * whether it was asked ad hoc: that stays as asked, for the reports.
 */
export type AdviceChanges = Partial<Omit<AdviceConversation, 'id' | 'reference' | 'version' | 'createdAt' | 'coachId' | 'claimant' | 'consent' | 'diaryEvents' | 'askedAdHoc'>>;

/** What the diary work records: the entries, always; the status only if nobody changed the conversation meanwhile. */
export interface DiaryRecord {
  readonly diaryEvents: readonly DiaryEntry[];
  readonly diaryStatus: DiaryStatus;
  readonly diaryError: string | null;
}

/** The latest thing that happened to a conversation, for a one-line notice. */
export interface AdviceHappening {
  readonly actorId: string;
  readonly what: string;
  readonly at: Date;
}

export interface AdviceStore {
  /**
   * Saves it with the next reference. With a form key already saved, saves nothing and returns the
   * conversation saved with it: the key is unique, which decides when two sends of one form arrive together.
   */
  create(conversation: NewAdviceConversation, at: Date): Promise<SavedAdvice>;
  find(id: string): Promise<AdviceConversation | null>;
  /** Optimistic: refused as a conflict when the version is not the stored one. */
  update(id: string, version: number, changes: AdviceChanges, at: Date): Promise<AdviceConversation>;
  /**
   * The diary work's record, which only that work writes: the entries are kept whatever happened
   * meanwhile; the status too when the version is still `version`. Returns the conversation then,
   * or null when it changed (the work runs again for that change).
   */
  recordDiary(id: string, version: number, record: DiaryRecord, at: Date): Promise<AdviceConversation | null>;
  /** Marks the pack reminder sent: true only for the one caller that marks it (once per booking). */
  markPackReminded(id: string, at: Date): Promise<boolean>;
  /** Booked, pre-booked conversations whose pack is not ready and not yet reminded, starting in [from, to). */
  packsNotReady(from: Date, to: Date, limit: number): Promise<AdviceConversation[]>;
  /**
   * Ad hoc asks still waiting for an answer that proposed a time in [from, by], whose trail has no
   * lapse yet (`AD_HOC_LAPSED`): their coach is yet to be told. Soonest first.
   */
  lapsedAdHocAsks(from: Date, by: Date, limit: number): Promise<AdviceConversation[]>;
  latestHappening(conversationId: string): Promise<AdviceHappening | null>;
  /** The HCPs' breaks agreed with the activity manager. */
  breaksOf(hcpIds: readonly string[]): Promise<HcpBreak[]>;
  /** Replaces an HCP's breaks. */
  setBreaks(hcpId: string, breaks: readonly HcpBreak[], setById: string, at: Date): Promise<void>;
  saveNotes(notes: AdviceNotes): Promise<void>;
  notesOf(conversationId: string): Promise<AdviceNotes | null>;
  /** HCPs' conversations (any status) that start in [from, to), read for them all at once. */
  forHcps(hcpIds: readonly string[], from: Date, to: Date): Promise<AdviceConversation[]>;
  /** Conversations at a jobcentre that start in [from, to). */
  atJobcentre(jobcentreId: string, from: Date, to: Date): Promise<AdviceConversation[]>;
  /** A coach's conversations, newest first. */
  forCoach(coachId: string, limit: number): Promise<AdviceConversation[]>;
  /** What happened, by whom and when: an audit trail without any of the claimant's details. */
  record(conversationId: string, actorId: string, what: string, at: Date): Promise<void>;
  siteDays(hcpIds: readonly string[], fromDate: string, toDate: string): Promise<SiteDay[]>;
  setSiteDay(day: SiteDay, setById: string, at: Date): Promise<void>;
}

/** The people of Specialist Advice, from the staff directory. */
export interface AdvicePeople {
  jobcentre(id: string): Promise<Jobcentre | null>;
  /** The HCP assigned to the jobcentre's cluster (their base jobcentre is in it). */
  hcpCovering(jobcentreId: string): Promise<StaffMember | null>;
  /** The jobcentre's local nominated contact. */
  contactAt(jobcentreId: string): Promise<StaffMember | null>;
  /** The HCPs whose base jobcentre is in the district. */
  hcpsInDistrict(district: string): Promise<StaffMember[]>;
  /** The jobcentres of a cluster. */
  jobcentresInCluster(cluster: string): Promise<Jobcentre[]>;
  /** Every jobcentre of the clusters these jobcentres are in, by cluster and name, in one read. */
  officesInClustersOf(jobcentreIds: readonly string[]): Promise<Jobcentre[]>;
}

/**
 * The HCPs' supporting activity, as Specialist Advice needs it: conversations go before it (seed 002
 * Annex 3 §1), so its time is free for one, and whoever keeps it is told when one is booked over it.
 */
export interface AdviceActivities {
  /** An HCP's activity dated from `fromDate` to `toDate` (London dates, both included), any status, in one read. */
  of(hcpId: string, fromDate: string, toDate: string): Promise<SupportingActivity[]>;
  /** The district's HCP Activity Managers: they set and move its HCPs' activity. */
  managersInDistrict(district: string): Promise<StaffMember[]>;
}

/**
 * The HCP's recorded absences and notice to finish, kept with their attendance: a conversation is
 * never offered on a day they are away (seed 002 §4.1).
 */
export interface AdviceAbsences {
  /** The HCP's days recorded absent from `fromDate` to `toDate` (London dates, both included), and their notice's last day, in one read. */
  awayOf(hcpId: string, fromDate: string, toDate: string): Promise<AwayDays>;
}

/** Tells a person about the conversation: their card, rendered for them when it is delivered. */
export interface AdviceNotifier {
  /** Sends the person the card, or a line about the change when they already have it (updated in place). */
  tell(personId: string, conversation: AdviceConversation): Promise<void>;
  /** Every posted copy of the conversation's card is brought up to date (after the change commits). */
  changed(conversation: AdviceConversation): void;
  /** The conversation was held: the work coach is asked for feedback (the reports count it). */
  held?(conversation: AdviceConversation): Promise<void>;
  /**
   * The conversation was booked over supporting activity of its HCP: the person (the HCP, or an
   * activity manager) gets a short notice that the activity needs another time. Queued in the
   * booking's transaction, so it goes once with the booking or not at all.
   */
  bookedOver(personId: string, conversation: AdviceConversation): Promise<void>;
}

export interface AdviceServiceDeps {
  readonly store: AdviceStore;
  readonly people: AdvicePeople;
  readonly directory: StaffDirectory;
  readonly calendar: CalendarPort;
  readonly patterns: WorkingPatterns;
  readonly activities: AdviceActivities;
  readonly absences: AdviceAbsences;
  readonly notifier: AdviceNotifier;
  readonly uow: { run<T>(work: () => Promise<T>): Promise<T> };
  /** Diary writes are durable work, written with the click's change and run after it. */
  readonly work: WorkScheduler;
  readonly clock: { now(): Date };
}
