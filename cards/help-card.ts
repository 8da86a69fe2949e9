import { capabilitiesFor, type Capability } from '../domain/capabilities';
import { ROLE_LABELS } from '../domain/roles';
import { firstName, type StaffMember } from '../domain/staff';
import type { AdaptiveCard } from './render';
import { MAX_PRIMARY_ACTIONS } from './glance-card';

/** What this person can do, by their roles, of what the journeys offer; buttons send the command as if they had typed it. */
export function helpCard(person: StaffMember, catalogue: readonly Capability[], options: { jobcentreName?: string; welcome?: boolean } = {}): AdaptiveCard {
  const items = capabilitiesFor(person, catalogue);
  const roles = person.roles.map((r) => ROLE_LABELS[r]).join(', ');
  const buttons = items.filter((c): c is typeof c & { command: string } => c.command !== null && c.command !== 'help');
  // Built as an object, not from a template: the card every person sees most, drawn on every `help`.
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: options.welcome ? `Welcome to DEA Support, ${firstName(person)}` : `What you can do, ${firstName(person)}`, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' },
      { type: 'TextBlock', text: `You are registered as: ${roles}${options.jobcentreName ? `, ${options.jobcentreName}` : ''}.`, wrap: true, spacing: 'Small' },
      { type: 'TextBlock', text: 'Type a command, or choose a button. Say "cancel" at any step to stop, and "help" to see this again.', wrap: true },
      ...items.map((c) => ({
        type: 'Container',
        separator: true,
        items: [
          { type: 'TextBlock', text: c.title, weight: 'Bolder', wrap: true },
          { type: 'TextBlock', text: c.description, wrap: true, spacing: 'None' },
          ...(c.command !== null ? [{ type: 'TextBlock', text: `Say **${c.command}**`, wrap: true, spacing: 'None' }] : []),
        ],
      })),
    ],
    // At most three buttons at once; the rest wait under "More".
    actions: buttons.map((c, index) => ({ type: 'Action.Submit', title: c.title, data: { command: c.command }, ...(index >= MAX_PRIMARY_ACTIONS ? { mode: 'secondary' } : {}) })),
  };
}
