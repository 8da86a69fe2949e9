import type { Role } from './roles';

export interface Jobcentre {
  readonly id: string;
  readonly name: string;
  readonly cluster: string;
  readonly district: string;
  /** Which UK bank-holiday calendar applies to this office. */
  readonly bankHolidayRegion: BankHolidayRegion;
}

export type BankHolidayRegion = 'england-and-wales' | 'scotland' | 'northern-ireland';

export interface StaffMember {
  readonly id: string;
  /** Microsoft Entra object id that Teams sends as `from.aadObjectId`. */
  readonly aadObjectId: string;
  readonly name: string;
  readonly email: string;
  readonly roles: readonly Role[];
  readonly jobcentreId: string | null;
  /** For a work coach: the DEA who supports their cohort. */
  readonly deaId: string | null;
  /** For a work coach or a DEA: their line manager, a Work Coach Team Leader. */
  readonly teamLeaderId: string | null;
}

export function hasRole(person: Pick<StaffMember, 'roles'>, role: Role): boolean {
  return person.roles.includes(role);
}

/** Work Coach and Service Delivery Team Leaders: they see their people's requests and may ask for a DEA claimant support intervention (seed §39). */
export function isTeamLeader(person: Pick<StaffMember, 'roles'>): boolean {
  return hasRole(person, 'work_coach_team_leader') || hasRole(person, 'service_delivery_team_leader');
}

/** Given names only: surnames of staff are fine to show, but a first name is friendlier. */
export function firstName(person: Pick<StaffMember, 'name'>): string {
  return person.name.trim().split(/\s+/)[0] ?? person.name;
}
