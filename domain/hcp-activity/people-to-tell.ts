import type { StaffMember } from '../staff';
import type { SupportingActivity } from './records';

/** Who an activity concerns beyond whoever changed it, each once. */
export interface ActivityPeople {
  /**
   * Its HCP and the activity managers who keep its time: the one who set or planned it or, when none
   * did, the district's, who keep the HCP's diary (seed §7.1). They are the ones who can move it.
   */
  readonly keepers: string[];
  /**
   * Who comes to it besides the HCP: whoever asked for it (a work coach or team leader) and the
   * work coach it is with. They cannot move it, but arrive to an absent HCP if nobody tells them.
   */
  readonly attendees: string[];
}

/**
 * The one rule of who keeps and who attends an activity, shared by a change to the activity and by
 * a conversation booked over it, so the two never tell different people. The district's managers
 * are read only when no manager set it.
 */
export async function activityPeopleToTell(
  activity: Pick<SupportingActivity, 'hcpId' | 'district' | 'setById' | 'requestedById' | 'coachId'>,
  managersInDistrict: (district: string) => Promise<readonly Pick<StaffMember, 'id'>[]>,
): Promise<ActivityPeople> {
  const managers = activity.setById ? [activity.setById] : (await managersInDistrict(activity.district)).map((m) => m.id);
  const keepers = [...new Set([activity.hcpId, ...managers])];
  const attendees = [...new Set([activity.requestedById, activity.coachId])].filter((id): id is string => id !== null && !keepers.includes(id));
  return { keepers, attendees };
}
