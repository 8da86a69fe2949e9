import type { Role } from './roles';
import type { StaffMember } from './staff';

/** Something a person can do with the bot, and the words that start it; each journey declares its own. */
export interface Capability {
  /** What to type; null for something the bot does for the person without being asked. */
  readonly command: string | null;
  readonly title: string;
  readonly description: string;
  readonly roles: readonly Role[] | 'everyone';
  /** The command's line in Teams' command menu (at most 128 characters); only with a command. */
  readonly menu?: string;
  /** Where the command is in Teams' menu: only the personal chat, unless said (claimant details stay private). */
  readonly menuScopes?: readonly ('personal' | 'groupChat' | 'team')[];
}

export const COLLEAGUES: readonly Role[] = [
  'work_coach_team_leader',
  'service_delivery_team_leader',
  'service_delivery_coach',
  'work_psychologist',
  'employer_adviser',
  'hcp',
  'hcp_activity_manager',
  'jobcentre_contact',
];

/** What this person may do, from the journeys' capabilities, each command once, help last. */
export function capabilitiesFor(person: Pick<StaffMember, 'roles'>, catalogue: readonly Capability[]): Capability[] {
  const seen = new Set<string>();
  return [...catalogue.filter((c) => c.command !== 'help'), ...catalogue.filter((c) => c.command === 'help')].filter((c) => {
    const allowed = c.roles === 'everyone' || c.roles.some((r) => person.roles.includes(r));
    if (!allowed) return false;
    if (c.command !== null) {
      if (seen.has(c.command)) return false;
      seen.add(c.command);
    }
    return true;
  });
}
