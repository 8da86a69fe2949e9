/** The channels of support a DEA chooses from when accepting a request (seed §13). */
export const CHANNELS = [
  'case_conference',
  'skill_conference',
  'informational_support',
  'three_way_intervention',
  'group_conference',
  'claimant_support_intervention',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  case_conference: 'Work coach and DEA case conference',
  skill_conference: 'Work coach and DEA skill conference',
  informational_support: 'Informational support only',
  three_way_intervention: 'Three way intervention (work coach, DEA and claimant)',
  group_conference: 'Group work coach conference',
  claimant_support_intervention: 'Claimant support intervention by the DEA',
};


/** Channels that only make sense with a claimant. */
const CLAIMANT_ONLY: readonly Channel[] = ['case_conference', 'three_way_intervention', 'claimant_support_intervention'];

export function needsClaimant(channel: Channel): boolean {
  return CLAIMANT_ONLY.includes(channel);
}

export function channelsFor(hasClaimant: boolean): Channel[] {
  return CHANNELS.filter((c) => hasClaimant || !needsClaimant(c));
}

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}
