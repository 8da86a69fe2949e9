import type { SupportRequest } from './support-request';

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

/**
 * A channel as the people of this request read it. A jobcentre colleague is not a work coach: for
 * them (seed §65) a skill conference is the DEA's one to one support.
 */
export function channelLabel(channel: Channel, type: SupportRequest['type']): string {
  if (type === 'colleague_support' && channel === 'skill_conference') return 'One to one support with the DEA (skill conference)';
  return CHANNEL_LABELS[channel];
}

/** Channels that only make sense with a claimant. */
const CLAIMANT_ONLY: readonly Channel[] = ['case_conference', 'three_way_intervention', 'claimant_support_intervention'];

export function needsClaimant(channel: Channel): boolean {
  return CLAIMANT_ONLY.includes(channel);
}

/** What a request's fitting channels are read from. */
export type ChannelFacts = Pick<SupportRequest, 'type' | 'claimant' | 'requestedChannel' | 'parentRequestId' | 'claimantCoachId'>;

/**
 * A team leader's request for a claimant support intervention (seed §39). Only their own requests
 * name a claimant's work coach, or ask for that channel without coming from an earlier outcome (a
 * follow-up at the DEA's discretion is the claimant's work coach's own request).
 */
export function isTeamLeaderIntervention(request: ChannelFacts): boolean {
  return request.claimantCoachId !== null || (request.parentRequestId === null && request.requestedChannel === 'claimant_support_intervention');
}

/**
 * The team leader who asked is no part of a conference or three way with the DEA: those are the
 * claimant's work coach's own (seed §14, §17, §25), so only what the DEA does without the requester fits.
 */
const FOR_A_TEAM_LEADER: readonly Channel[] = ['informational_support', 'group_conference', 'claimant_support_intervention'];

/**
 * A jobcentre colleague's request (seed §65): the DEA gives one to one support, or answers an
 * information-only request. They are in no cohort of work coaches, so no group conference is theirs.
 */
const FOR_A_COLLEAGUE: readonly Channel[] = ['skill_conference', 'informational_support'];

/** The channels the DEA may accept this request as: the choices on their card, and all the accept allows. */
export function channelsFor(request: ChannelFacts): Channel[] {
  const team = isTeamLeaderIntervention(request);
  const colleague = request.type === 'colleague_support';
  return CHANNELS.filter((c) => (request.claimant !== null || !needsClaimant(c)) && (!team || FOR_A_TEAM_LEADER.includes(c)) && (!colleague || FOR_A_COLLEAGUE.includes(c)));
}

/** Why the request cannot be accepted as this channel, for the message and for beside the channel field; null when it can. */
export function channelRefusal(request: ChannelFacts, channel: Channel): { readonly message: string; readonly field: string } | null {
  if (channelsFor(request).includes(channel)) return null;
  if (needsClaimant(channel) && request.claimant === null) return { message: `${CHANNEL_LABELS[channel]} needs a claimant; this request has none.`, field: 'Choose a channel for a request without a claimant.' };
  if (request.type === 'colleague_support') {
    return {
      message: `${CHANNEL_LABELS[channel]} does not fit a colleague's request: the DEA gives them one to one support, or the information they asked for.`,
      field: "For a colleague's request, choose one to one support with the DEA (skill conference) or informational support.",
    };
  }
  return {
    message: `${CHANNEL_LABELS[channel]} does not fit a team leader's request.`,
    field: "For a team leader's request, choose a claimant support intervention, informational support or a group work coach conference.",
  };
}

/**
 * Who writes the meeting's actions and recommendations into LMS conversations: the DEA for their own
 * intervention (seed §41), else the work coach who asked (seed §15, §27).
 */
export function lmsRecorderOf(channel: Channel): 'requester' | 'adviser' {
  return channel === 'claimant_support_intervention' ? 'adviser' : 'requester';
}

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}
