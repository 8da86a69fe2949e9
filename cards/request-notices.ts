import type { Booking } from '../domain/calendar/booking';
import type { Channel } from '../domain/requests/channels';
import { describeMeeting } from '../domain/requests/calendar-date';
import type { SupportRequest } from '../domain/requests/support-request';
import { groupConferenceNomination } from '../domain/requests/triage-service';
import { londonClock } from '../domain/calendar/london-time';

/** A channel of support as it reads inside a sentence. */
export const CHANNEL_IN_A_SENTENCE: Readonly<Record<Channel, string>> = {
  case_conference: 'case conference',
  skill_conference: 'skill conference',
  informational_support: 'informational support',
  three_way_intervention: 'three way intervention',
  group_conference: 'group work coach conference',
  claimant_support_intervention: 'claimant support intervention',
};

const day = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long', day: 'numeric', month: 'long' });

export interface NoticeFacts {
  readonly request: SupportRequest;
  /** The change, from the request's audit trail. */
  readonly action: string;
  /** Who made it; null for the bot's own steps (a meeting marked held). */
  readonly actorName: string | null;
  readonly at: Date;
  /** The meeting, for a change to it. */
  readonly booking: Booking | null;
}

/**
 * The one line someone who already has the request's card is sent when it changes: what changed,
 * who did it and when. Their card above is updated in place, so the details are not repeated.
 */
export function requestNotice({ request, action, actorName, at, booking }: NoticeFacts): string {
  const who = actorName ?? 'DEA Support';
  const ref = request.reference;
  const channel = request.channel ? CHANNEL_IN_A_SENTENCE[request.channel] : 'meeting';
  const meeting = booking && booking.status !== 'cancelled' ? describeMeeting(booking.start, booking.end) : null;
  const when = `${day.format(at)}, ${londonClock(at)}`;
  return `${ref}: ${sentence()} (${when})`;

  function sentence(): string {
    if (action.startsWith('accept:')) return `${who} accepted the request. Type of support: ${channel}. What happens next is on its card.`;
    if (action.startsWith('redirect')) return `${who} redirected the request. The reason is on its card.`;
    switch (action) {
      case 'nominate:group_conference':
        return `${who} accepted the request for a group work coach conference. ${groupConferenceNomination(request) ?? 'Which one is on its card.'}`;
      case 'ask':
        return `${who} asked you for more information. Answer on the request's card.`;
      case 'answer':
        return `${who} answered your question.`;
      case 'inform':
        return `${who} sent the information you asked for. The request is now closed.`;
      case 'holding':
        return `${who} sent a holding response.`;
      case 'withdraw':
        return `${who} withdrew the request. You do not need to do anything more.`;
      case 'consent:agreed':
        return request.channel === 'claimant_support_intervention' ? `${who} confirmed the pre-conditions.` : `${who} recorded that the claimant agreed to a three way intervention.`;
      case 'consent:refused':
        return `${who} recorded that the claimant did not agree to a three way intervention. A case conference request takes its place.`;
      case 'override:asked':
        return `${who} asked you to agree a further claimant support intervention. Answer on the request's card.`;
      case 'override:agreed':
        return `${who} agreed a further claimant support intervention.`;
      case 'override:declined':
        return `${who} did not agree a further claimant support intervention.`;
      case 'book':
        return meeting ? `${who} booked the ${channel}: ${meeting}.` : `${who} booked the ${channel}.`;
      case 'reschedule':
        return meeting ? `${who} moved the ${channel} to ${meeting}.` : `${who} moved the ${channel}.`;
      case 'cancel booking':
        return `${who} cancelled the ${channel}. It needs booking again.`;
      case 'held':
        return `The ${channel} has ended. What to record now is on the request's card.`;
      case 'not held':
        return `${who} recorded that the ${channel} did not take place. It needs booking again.`;
      case 'outcome':
        return `${who} recorded the outcome of the ${channel}.`;
      case 'summary':
        return `${who} sent their summary of outputs.`;
      case 'close':
        return `${who} closed the request.`;
      default:
        return `${who} updated the request.`;
    }
  }
}
