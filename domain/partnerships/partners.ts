import { invalid } from '../errors';
import { addMonths, isCalendarDate } from '../requests/calendar-date';
import { isWebLink } from './hub';

/** External health and disability organisations the DEA is the jobcentre's single point of contact for (seed 000 §55–56). */
export const PARTNER_KINDS = ['gp_surgery', 'nhs_service', 'charity', 'peer_led', 'local_authority', 'other'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const PARTNER_KIND_LABELS: Readonly<Record<PartnerKind, string>> = {
  gp_surgery: 'GP surgery',
  nhs_service: 'NHS service',
  charity: 'Disability charity',
  peer_led: 'Disability peer led organisation',
  local_authority: 'Local authority',
  other: 'Other organisation',
};

export interface Partner {
  readonly id: string;
  readonly district: string;
  /** The DEA who keeps in touch with them. */
  readonly deaId: string;
  readonly name: string;
  readonly kind: PartnerKind;
  /** A name, phone number or email address: how to reach them. */
  readonly contact: string;
  readonly website: string | null;
  /** What the partnership is about. */
  readonly focus: string;
  /** 'YYYY-MM-DD', when the DEA last met them. */
  readonly lastMetOn: string | null;
  /** Moves on with each update, so two DEAs' changes never overwrite each other unseen. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The longest text each of a partner's details may be: the columns they are kept in. */
export const PARTNER_LIMITS = { name: 120, contact: 200, website: 400, focus: 400 } as const;

export type PartnerInput = Pick<Partner, 'name' | 'kind' | 'contact' | 'website' | 'focus' | 'lastMetOn'>;

/** What a DEA keeps up to date after contact with a partner (seed 000 §56): the meeting it led to, and how to reach them. */
export type PartnerUpdate = Pick<Partner, 'contact' | 'website' | 'lastMetOn'>;

/**
 * How far back a meeting may be recorded: a date before it is a slip of the keyboard (1926 for
 * 2026), and a meeting that long ago says nothing of the partnership now.
 */
export const MEETING_YEARS_BACK = 10;

/** The earliest date a meeting may be recorded on, given today ('YYYY-MM-DD'). */
export function earliestMeetingOn(today: string): string {
  return addMonths(today, -12 * MEETING_YEARS_BACK);
}

/** A change in an external service that may affect claimants, told to the district's DEAs and coaches (seed 000 §56). */
export interface ServiceChange {
  readonly id: string;
  readonly partnerId: string;
  readonly partnerName: string;
  readonly district: string;
  readonly sentById: string;
  /** What changed, e.g. "Closing on 31 January". */
  readonly change: string;
  /** What it means for claimants and where to send them now. */
  readonly impact: string;
  readonly createdAt: Date;
}

export function parsePartner(input: Record<string, unknown>, today: string): PartnerInput {
  const problems: Record<string, string> = {};
  const name = str(input.name);
  const kind = str(input.kind);
  const contact = str(input.contact);
  const website = str(input.website);
  const focus = str(input.focus);
  const lastMetOn = str(input.lastMetOn);
  if (!name) problems.name = 'Enter the organisation’s name.';
  else if (name.length > PARTNER_LIMITS.name) problems.name = `The name must be ${PARTNER_LIMITS.name} characters or fewer.`;
  if (!(PARTNER_KINDS as readonly string[]).includes(kind)) problems.kind = 'Choose what kind of organisation it is.';
  const reach = contactProblem(contact);
  if (reach) problems.contact = reach;
  const site = websiteProblem(website);
  if (site) problems.website = site;
  if (!focus) problems.focus = 'Enter what you work on together.';
  else if (focus.length > PARTNER_LIMITS.focus) problems.focus = `What you work on together must be ${PARTNER_LIMITS.focus} characters or fewer.`;
  const met = lastMetProblem(lastMetOn, today);
  if (met) problems.lastMetOn = met;
  if (Object.keys(problems).length) throw invalid('Some of the partner’s details need correcting.', problems);
  return { name, kind: kind as PartnerKind, contact, website: website || null, focus, lastMetOn: lastMetOn || null };
}

/** Checks the update form of a partner; every problem is named beside its field. */
export function parsePartnerUpdate(input: Record<string, unknown>, today: string): PartnerUpdate {
  const problems: Record<string, string> = {};
  const contact = str(input.contact);
  const website = str(input.website);
  const lastMetOn = str(input.lastMetOn);
  const reach = contactProblem(contact);
  if (reach) problems.contact = reach;
  const site = websiteProblem(website);
  if (site) problems.website = site;
  const met = lastMetProblem(lastMetOn, today);
  if (met) problems.lastMetOn = met;
  if (Object.keys(problems).length) throw invalid('Some of the partner’s details need correcting.', problems);
  return { contact, website: website || null, lastMetOn: lastMetOn || null };
}

function contactProblem(contact: string): string | null {
  if (!contact) return 'Enter how to reach them: a name, phone number or email address.';
  return contact.length > PARTNER_LIMITS.contact ? `The contact must be ${PARTNER_LIMITS.contact} characters or fewer.` : null;
}

function websiteProblem(website: string): string | null {
  if (website.length > PARTNER_LIMITS.website) return `The web address must be ${PARTNER_LIMITS.website} characters or fewer.`;
  return website && !isWebLink(website) ? 'Enter a web address starting with https://, or leave it empty.' : null;
}

/** A date the DEA met them: optional, a real day, not after today and not before `earliestMeetingOn`. */
function lastMetProblem(lastMetOn: string, today: string): string | null {
  if (!lastMetOn) return null;
  if (!isCalendarDate(lastMetOn)) return 'Enter the date you last met, or leave it empty.';
  if (lastMetOn > today) return 'The date you last met must be today or in the past.';
  if (lastMetOn < earliestMeetingOn(today)) return `The date you last met must be in the last ${MEETING_YEARS_BACK} years. Check the year.`;
  return null;
}

export function parseServiceChange(input: Record<string, unknown>): { change: string; impact: string } {
  const problems: Record<string, string> = {};
  const change = str(input.change);
  const impact = str(input.impact);
  if (!change) problems.change = 'Enter what is changing, and from when.';
  else if (change.length > 400) problems.change = 'What is changing must be 400 characters or fewer.';
  if (!impact) problems.impact = 'Enter what it means for claimants, and where coaches can send them now.';
  else if (impact.length > 600) problems.impact = 'What it means for claimants must be 600 characters or fewer.';
  if (Object.keys(problems).length) throw invalid('Some of the notice needs correcting.', problems);
  return { change, impact };
}

function str(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
