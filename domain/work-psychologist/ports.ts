import type { Role } from '../roles';
import type { StaffMember } from '../staff';
import type { AgendaItem, PartnershipActivity, PartnershipMeeting } from './partnership';

export interface PartnershipStore {
  /** Adds the meetings; a month already planned for this DEA and work psychologist is left as it is. */
  addMeetings(meetings: readonly Omit<PartnershipMeeting, 'id' | 'status' | 'eventId' | 'lastError'>[]): Promise<number>;
  /**
   * For each DEA the work psychologist meets, two meetings at most, in time order: their last one,
   * ended by `now`, and their next one, ending after it. However long the history, the read holds
   * two rows a DEA.
   */
  meetingsOfWorkPsychologist(workPsychologistId: string, now?: Date): Promise<PartnershipMeeting[]>;
  meetingsOf(deaId: string, workPsychologistId: string): Promise<PartnershipMeeting[]>;
  /** Meetings not yet in the diaries, any DEA. */
  unbooked(): Promise<PartnershipMeeting[]>;
  markMeeting(id: string, result: { status: 'booked'; eventId: string } | { status: 'failed'; lastError: string }): Promise<void>;

  addActivity(activity: Omit<PartnershipActivity, 'id'>): Promise<PartnershipActivity>;
  findActivity(id: string): Promise<PartnershipActivity | null>;
  /** Records a requested case conference as done, once: false when it already was. */
  completeActivity(id: string, date: string, note: string): Promise<boolean>;
  /** Activities of this DEA or work psychologist, newest first. */
  activitiesOf(personId: string, limit: number): Promise<PartnershipActivity[]>;
  /**
   * The case conferences asked of this work psychologist and not yet recorded (with the one DEA
   * `deaId` only, when given): the `limit` waiting longest, oldest first, and how many wait with each
   * DEA. One read, however long the history of sessions and conferences held.
   */
  waitingConferences(workPsychologistId: string, limit: number, deaId?: string): Promise<WaitingConferences>;
}

/** Case conferences waiting for a work psychologist's advice. */
export interface WaitingConferences {
  /** Those waiting longest, oldest first: no more than were asked for. */
  readonly oldest: readonly PartnershipActivity[];
  /** How many wait with each DEA, by DEA id, those read and the others (a DEA with none is left out). */
  readonly byDea: ReadonlyMap<string, number>;
}

/** A DEA and the span of their agenda: from their last monthly meeting to their next one. */
export interface AgendaWindow {
  readonly deaId: string;
  readonly from: Date;
  readonly to: Date;
}

/** The newest of a DEA's outputs in their window, oldest first, and how many there are in all. */
export interface RecentOutputs {
  readonly items: readonly AgendaItem[];
  readonly total: number;
}

/** The DEA's outputs between two instants: outcomes of their meetings and the group conferences they held, by reference. */
export interface OutputsReader {
  /** One DEA's outputs, oldest first: the newest 40 outcomes and the newest 10 group conferences in the span. */
  outputsOf(deaId: string, from: Date, to: Date): Promise<AgendaItem[]>;
  /**
   * For every window's DEA at once, in a fixed number of reads however many DEAs: their newest
   * `newest` outputs in the window and how many there are, by DEA id (a DEA with none is left out).
   */
  outputsOf(windows: readonly AgendaWindow[], newest: number): Promise<Map<string, RecentOutputs>>;
}

export interface PartnershipNotifier {
  /** The activity's card to someone who must act on it (or is told it is done). */
  activityNeedsAttention(activity: PartnershipActivity, recipientId: string): Promise<void>;
}

/** The people of the staff directory who hold a role anywhere in a jobcentre's district. */
export interface DistrictPeople {
  /** Holders of the role at every jobcentre of the district that `jobcentreId` is in (that one included). */
  holdersInDistrictOf(role: Role, jobcentreId: string): Promise<StaffMember[]>;
}
