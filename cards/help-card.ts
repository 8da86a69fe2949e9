import { capabilitiesFor, type Capability } from '../domain/capabilities';
import { ROLE_LABELS } from '../domain/roles';
import { firstName, type StaffMember } from '../domain/staff';
import { renderCard, type AdaptiveCard } from './render';
import template from './templates/help.json';
import { MAX_PRIMARY_ACTIONS } from './glance-card';

/** What this person can do, by their roles, of what the journeys offer; buttons send the command as if they had typed it. */
export function helpCard(person: StaffMember, catalogue: readonly Capability[], options: { jobcentreName?: string; welcome?: boolean } = {}): AdaptiveCard {
  const items = capabilitiesFor(person, catalogue);
  const card = renderCard(template, {
    greeting: options.welcome ? `Welcome to DEA Support, ${firstName(person)}` : `What you can do, ${firstName(person)}`,
    roles: person.roles.map((r) => ROLE_LABELS[r]).join(', '),
    jobcentre: options.jobcentreName ?? '',
    intro: 'Type a command, or choose a button. Say "cancel" at any step to stop, and "help" to see this again.',
    items: items.map((c) => ({ title: c.title, description: c.description, command: c.command })),
    buttons: items
      .filter((c): c is typeof c & { command: string } => c.command !== null && c.command !== 'help')
      .map((c) => ({ title: c.title, command: c.command })),
  });
  // At most three buttons at once; the rest wait under "More".
  for (const [index, action] of ((card.actions as Record<string, unknown>[] | undefined) ?? []).entries()) if (index >= MAX_PRIMARY_ACTIONS) action.mode = 'secondary';
  return card;
}
