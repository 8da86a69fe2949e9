import type { CalendarPort } from '../calendar/calendar-port';
import type { WorkingPatterns } from '../calendar/booking-service';
import type { StaffDirectory } from '../ports';
import type { Jobcentre, StaffMember } from '../staff';
import type { AdviceConversation, AdviceNotes, SiteDay } from './conversation';

export type NewAdviceConversation = Omit<AdviceConversation, 'id' | 'reference' | 'version' | 'createdAt'>;

/** What a use case changes on a conversation; the status only through the state machine. */
export type AdviceChanges = Partial<Omit<AdviceConversation, 'id' | 'reference' | 'version' | 'createdAt' | 'coachId' | 'claimant' | 'consent'>>;

export interface AdviceStore {
  create(conversation: NewAdviceConversation, at: Date): Promise<AdviceConversation>;
  find(id: string): Promise<AdviceConversation | null>;
  /** Optimistic: refused as a conflict when the version is not the stored one. */
  update(id: string, version: number, changes: AdviceChanges, at: Date): Promise<AdviceConversation>;
  saveNotes(notes: AdviceNotes): Promise<void>;
  notesOf(conversationId: string): Promise<AdviceNotes | null>;
  /** An HCP's conversations (any status) that start in [from, to), or still wait for a time. */
  forHcp(hcpId: string, from: Date, to: Date): Promise<AdviceConversation[]>;
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
}

/** Tells a person about the conversation: their card, rendered for them when it is delivered. */
export interface AdviceNotifier {
  tell(personId: string, conversation: AdviceConversation): Promise<void>;
  /** The conversation was held: the work coach is asked for feedback (the reports count it). */
  held?(conversation: AdviceConversation): Promise<void>;
}

export interface AdviceServiceDeps {
  readonly store: AdviceStore;
  readonly people: AdvicePeople;
  readonly directory: StaffDirectory;
  readonly calendar: CalendarPort;
  readonly patterns: WorkingPatterns;
  readonly notifier: AdviceNotifier;
  readonly uow: { run<T>(work: () => Promise<T>): Promise<T> };
  readonly clock: { now(): Date };
}
