import type { Role } from '../roles';
import type { StaffMember } from '../staff';
import type { AgendaItem, PartnershipActivity, PartnershipMeeting } from './partnership';

export interface PartnershipStore {
  /** Adds the meetings; a month already planned for this DEA and work psychologist is left as it is. */
  addMeetings(meetings: readonly Omit<PartnershipMeeting, 'id' | 'status' | 'eventId' | 'lastError'>[]): Promise<number>;
  /** Every meeting of the work psychologist with any DEA, in time order. */
  meetingsOfWorkPsychologist(workPsychologistId: string): Promise<PartnershipMeeting[]>;
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
}

/** The DEA's outputs between two instants: outcomes of their meetings and the group conferences they held, by reference. */
export interface OutputsReader {
  outputsOf(deaId: string, from: Date, to: Date): Promise<AgendaItem[]>;
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
