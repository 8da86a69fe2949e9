import type { Role } from './roles';
import type { StaffMember } from './staff';

/** Something a person can do with the bot, and the words that start it. */
export interface Capability {
  /** What to type; null for something the bot does for the person without being asked. */
  readonly command: string | null;
  readonly title: string;
  readonly description: string;
  readonly roles: readonly Role[] | 'everyone';
}

const COLLEAGUES: readonly Role[] = [
  'work_coach_team_leader',
  'service_delivery_team_leader',
  'service_delivery_coach',
  'work_psychologist',
  'employer_adviser',
  'hcp',
  'hcp_activity_manager',
];

/**
 * Journeys that exist, in the order the help card shows them. Keep this in step with the
 * dialogs and with manifest/commands.ts.
 */
export const CAPABILITIES: readonly Capability[] = [
  {
    command: 'new request',
    title: 'Ask your DEA for support',
    description: 'One to one claimant support or skill support, with the required response date.',
    roles: ['work_coach'],
  },
  {
    command: 'new request',
    title: 'Ask the DEA for support',
    description: 'Say what you need, why, and how urgent it is.',
    roles: COLLEAGUES,
  },
  {
    command: 'my requests',
    title: 'Your requests',
    description: 'Everything you have asked for, newest first, with its status. Withdraw one that is not yet booked.',
    roles: ['work_coach', ...COLLEAGUES],
  },
  {
    command: null,
    title: 'Requests from your cohort',
    description: 'Each support request from your work coaches arrives here as a card: accept it with a channel, ask for more information, or redirect it.',
    roles: ['dea'],
  },
  {
    command: 'queue',
    title: 'Your queue',
    description: 'Your open requests, urgent first, then by the date a response is needed; overdue ones marked.',
    roles: ['dea'],
  },
  {
    command: null,
    title: 'Consent, booking and outcomes',
    description: "When the DEA accepts a three way or a claimant support intervention, the request card takes you through the claimant's consent and the booking; after a meeting, it asks for the outcome.",
    roles: ['work_coach'],
  },
  {
    command: null,
    title: 'After each meeting',
    description: 'Record outcomes and send your summary of outputs from the request card; ask your team leader to agree a 4th claimant support intervention.',
    roles: ['dea'],
  },
  {
    command: 'quality checks',
    title: 'Quality checks (QAS)',
    description: "Your DEA's case and skill conferences, three ways and claimant support interventions: mark one for a QAS check and record the result. Agree further interventions on the cards you get.",
    roles: ['work_coach_team_leader'],
  },
  {
    command: null,
    title: 'Trends in your team',
    description: 'When requests keep being marked inappropriate, or keep asking about one skill topic, you are told here once.',
    roles: ['work_coach_team_leader'],
  },
  {
    command: 'plan group conferences',
    title: 'Plan group conferences',
    description: 'Group a DEA’s cohort (at most 10 a group) and book a conference a month per group, kept 4 months ahead.',
    roles: ['work_coach_team_leader'],
  },
  {
    command: 'nominate case',
    title: 'Nominate a case for a group conference',
    description: '3–4 cases are discussed at each group conference: put one forward from a request, or a new one.',
    roles: ['work_coach', 'work_coach_team_leader'],
  },
  {
    command: 'help',
    title: 'Help',
    description: 'Show this card again. Say "cancel" at any step to stop without saving.',
    roles: 'everyone',
  },
];

export function capabilitiesFor(person: Pick<StaffMember, 'roles'>): Capability[] {
  const seen = new Set<string>();
  return CAPABILITIES.filter((c) => {
    const allowed = c.roles === 'everyone' || c.roles.some((r) => person.roles.includes(r));
    if (!allowed) return false;
    if (c.command !== null) {
      if (seen.has(c.command)) return false;
      seen.add(c.command);
    }
    return true;
  });
}
