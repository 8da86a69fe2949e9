import type { Role } from '../roles';
import type { StaffMember } from '../staff';
import type { DistrictPeople } from '../work-psychologist/ports';
import type { ActionKind, FollowUpAction } from './follow-up-action';

export type NewFollowUpAction = Omit<FollowUpAction, 'id' | 'version' | 'acceptedAt' | 'doneAt' | 'doneNote' | 'source'> & { readonly source?: string | null };
export type ActionChanges = Partial<Pick<FollowUpAction, 'assigneeId' | 'status' | 'assignedAt' | 'acceptedAt' | 'doneAt' | 'doneNote' | 'dueBy'>>;

export interface FollowUpActionStore {
  /** One action of a kind per request and source: starting it again returns the one there is (created: false). */
  create(action: NewFollowUpAction): Promise<{ action: FollowUpAction; created: boolean }>;
  find(id: string): Promise<FollowUpAction | null>;
  forRequest(requestId: string): Promise<FollowUpAction[]>;
  /** Saves if still at `expectedVersion` (the version moves on), else a conflict. */
  update(id: string, expectedVersion: number, changes: ActionChanges): Promise<FollowUpAction>;
  /** Actions this person does, or oversees as the DEA, open ones first, newest first; at most `limit`. */
  forPerson(personId: string, limit: number): Promise<FollowUpAction[]>;
  /** Open actions due before `now`. */
  overdue(now: Date): Promise<FollowUpAction[]>;
}

/**
 * The people of the staff directory who hold a role at a jobcentre, or anywhere in its district (a
 * DEA's work psychologist may sit at another jobcentre of the district: see `workPsychologistsFor`).
 */
export interface RoleHolders extends DistrictPeople {
  holders(role: Role, jobcentreId: string): Promise<StaffMember[]>;
  jobcentreName(jobcentreId: string): Promise<string | null>;
}

/** Tells people about actions, after the change has committed. */
export interface ActionNotifier {
  /** The action's card, as a new message, to someone who must act on it now. */
  actionNeedsAttention(action: FollowUpAction, recipientId: string): Promise<void>;
  /** A reminder that the action is overdue. */
  actionOverdue(action: FollowUpAction, recipientId: string): Promise<void>;
  /** Every open copy of the action's card is to show it as it now is. */
  actionChanged(action: FollowUpAction): void;
}

export type { ActionKind };
