import { notAllowed, type DomainError } from '../errors';
import { hasRole, type StaffMember } from '../staff';
import type { HubChange, HubEntry } from './hub';
import type { Partner } from './partners';

/** What people do with the local Disability Hub and the DEA's partnerships (seed 000 §49–62). */
export const HUB_ENTRY_ACTIONS = ['change', 'remove'] as const;
export type HubEntryAction = (typeof HUB_ENTRY_ACTIONS)[number];
export const HUB_CHANGE_ACTIONS = ['publish', 'decline'] as const;
export type HubChangeAction = (typeof HUB_CHANGE_ACTIONS)[number];
export const PARTNER_ACTIONS = ['update'] as const;
export type PartnerAction = (typeof PARTNER_ACTIONS)[number];

/** The DEA keeps the Hub, shares opportunities and keeps in touch with partners (seed 000 §49, §55, §61). */
export function deaRefusal(person: Pick<StaffMember, 'roles'>, what: string): DomainError | null {
  return hasRole(person, 'dea') ? null : notAllowed(`Only a Disability Employment Adviser can ${what}.`);
}

/** Whether this person keeps the district's partnership work: the Hub, opportunities, partners and the strategies they lead. */
export function keepsPartnerships(person: Pick<StaffMember, 'roles'>): boolean {
  return hasRole(person, 'dea');
}

/**
 * The part of the partnership work a person has on the `partnerships` page: the DEA's own work; the
 * strategies a team leader owns (seed 000 §59); the strategies a work psychologist creates with the
 * DEAs they work with (seed 000 §45). Whose strategy it is, is the strategy's to say (strategies.ts).
 */
export type PartnershipsPart = 'dea' | 'team_leader' | 'work_psychologist';

export function partnershipsPart(person: Pick<StaffMember, 'roles'>): PartnershipsPart | null {
  if (keepsPartnerships(person)) return 'dea';
  if (hasRole(person, 'work_coach_team_leader')) return 'team_leader';
  if (hasRole(person, 'work_psychologist')) return 'work_psychologist';
  return null;
}

/** `partnerships` is for DEAs, their team leaders (who own the strategies the DEA proposes) and their work psychologists. */
export function partnershipsRefusal(person: Pick<StaffMember, 'roles'>): string | null {
  return partnershipsPart(person)
    ? null
    : 'Partnerships and strategies are for DEAs and their team leaders. To find health and disability information, say "hub" and some words, for example "hub autism".';
}

/** A DEA changes or removes a published entry of their own district; one change waits at a time. */
export function hubEntryRefusal(person: Pick<StaffMember, 'roles'>, personDistrict: string | null, entry: HubEntry, pending: HubChange | null): DomainError | null {
  const who = deaRefusal(person, 'change the local Disability Hub');
  if (who) return who;
  if (personDistrict !== entry.district) return notAllowed('This entry is on another district’s Hub.');
  if (entry.status !== 'published') return notAllowed(entry.status === 'removed' ? 'This entry has been removed from the Hub.' : 'This entry is waiting to be published.');
  if (pending) return notAllowed('A change to this entry is already waiting to be published.');
  return null;
}

/** What a DEA may do with an entry now: what its card offers. */
export function allowedHubEntry(person: Pick<StaffMember, 'roles'>, personDistrict: string | null, entry: HubEntry, pending: HubChange | null): ReadonlySet<HubEntryAction> {
  return new Set(hubEntryRefusal(person, personDistrict, entry, pending) ? [] : HUB_ENTRY_ACTIONS);
}

/** Only the single point of contact it was sent to publishes or declines a change, once (seed 000 §61). */
export function hubChangeRefusal(personId: string, change: HubChange): DomainError | null {
  if (change.contactId !== personId) return notAllowed('Only the single point of contact it was sent to can publish this change.');
  if (change.status !== 'requested') return notAllowed(change.status === 'published' ? 'This change has already been published.' : 'This change was declined.');
  return null;
}

export function allowedHubChange(personId: string, change: HubChange): ReadonlySet<HubChangeAction> {
  return new Set(hubChangeRefusal(personId, change) ? [] : HUB_CHANGE_ACTIONS);
}

/**
 * A DEA of the partner's district records a meeting with them or changes how to reach them: the list
 * is the district's, kept by its DEAs together, as the district is told of its services' changes
 * (seed 000 §55–56).
 */
export function partnerRefusal(person: Pick<StaffMember, 'roles'>, personDistrict: string | null, partner: Partner): DomainError | null {
  const who = deaRefusal(person, 'keep the list of external partners');
  if (who) return who;
  if (personDistrict !== partner.district) return notAllowed('This partner is on another district’s list.');
  return null;
}

/** What a DEA may do with a partner now: what its part of the partners card offers. */
export function allowedPartner(person: Pick<StaffMember, 'roles'>, personDistrict: string | null, partner: Partner): ReadonlySet<PartnerAction> {
  return new Set(partnerRefusal(person, personDistrict, partner) ? [] : PARTNER_ACTIONS);
}
