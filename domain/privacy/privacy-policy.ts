import { hasRole, isTeamLeader, type StaffMember } from '../staff';

/** What can be asked for by a claimant's NINO: a subject access export, an erasure, who looked. */
export type PrivacyAsk = 'privacy.access' | 'privacy.erase' | 'privacy.seen';

export function isDataProtectionLead(person: Pick<StaffMember, 'roles'>): boolean {
  return hasRole(person, 'data_protection_lead');
}

/**
 * Why this person may not use a privacy form, or null when they may: asked before the form is shown
 * (so nobody types a claimant's NINO into a form that is not theirs) and again when it is sent.
 */
export function privacyRefusal(ask: PrivacyAsk, person: Pick<StaffMember, 'roles'>): string | null {
  if (isDataProtectionLead(person)) return null;
  if (ask === 'privacy.seen') {
    return isTeamLeader(person) ? null : 'Only a data protection lead or a DEA\'s team leader can see who looked at a claimant\'s cases. If you think someone looked at a case without need, tell your data protection lead.';
  }
  return ask === 'privacy.erase'
    ? 'Only a data protection lead can erase a claimant\'s details. If a claimant asks for their details to be erased, pass the request to your data protection lead.'
    : 'Only a data protection lead can answer a subject access request. If a claimant asks for the information held about them, pass the request to your data protection lead.';
}
