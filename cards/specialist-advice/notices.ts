/**
 * One line about a change to a conversation, for someone who already has its card: that card is
 * updated in place, so they are told in a line rather than sent a second copy. It names the
 * conversation by its reference only.
 */
import type { AdvicePart } from '../../domain/specialist-advice/advice-policy';
import type { AdviceConversation } from '../../domain/specialist-advice/conversation';
import { describeMeeting } from '../../domain/requests/calendar-date';
import { londonClock } from '../../domain/calendar/london-time';
import { AD_HOC_LAPSED } from '../../domain/specialist-advice/ad-hoc-lapse';
import { CONVERSATIONS_COME_FIRST, type AttendeeOverNotice, type BookedOverNotice } from '../../domain/specialist-advice/supporting-activity';
import { ACTIVITY_KIND_LABELS, type ActivityKind } from '../../domain/hcp-activity/records';
import { inWords } from '../../domain/names';
import { glanceCard, type Fact } from '../glance-card';
import type { AdaptiveCard } from '../render';
import { adHocAsk } from './conversation-card';

export interface AdviceNoticeView {
  readonly conversation: AdviceConversation;
  readonly part: AdvicePart;
  /** What happened last (the audit trail's words) and who did it. */
  readonly what: string | null;
  readonly actorName: string | null;
  readonly contactName: string | null;
  /** The jobcentre's name, when the line needs it (no contact named there). */
  readonly jobcentreName?: string | null;
}

const UPDATED = 'Its card above is up to date.';

export function adviceNotice(view: AdviceNoticeView): string {
  const { conversation: c, part, actorName } = view;
  const who = actorName ?? 'Someone';
  const when = c.start && c.end ? describeMeeting(c.start, c.end) : null;
  const line = (text: string) => `Specialist Advice ${c.reference}: ${text} ${UPDATED}`;
  if (part === 'coach' && c.diaryStatus === 'failed') return line('the diaries could not all be written. You can try again from its card.');
  switch (view.what) {
    case 'booked':
    case 'accepted ad hoc':
      return line(`${view.what === 'accepted ad hoc' ? `${who} can ${adHocAsk(c, 'the claimant', 'now')}` : `booked by ${who}`}${when ? `: ${when}` : ''}.${part === 'contact' ? ' Your action: prepare the information pack.' : ''}`);
    case 'moved':
      return line(`moved by ${who}${when ? ` to ${when}` : ''}.${part === 'contact' ? ' Your action: make sure the information pack is ready for the new time.' : ''}`);
    case 'cancelled':
      return line(`cancelled by ${who}. Nothing more to do for it.`);
    case AD_HOC_LAPSED:
      if (part === 'coach') return line(`${who} did not answer while the claimant was waiting${c.start ? ` (from ${londonClock(c.start)})` : ''}, so nothing is booked. Your action: choose a time to book.`);
      return line('nobody answered while the claimant was waiting, so nothing is booked. The work coach can book a time instead.');
    case 'declined ad hoc':
      return line(`${who} cannot ${adHocAsk(c, 'the claimant', 'now')}.${part === 'coach' ? ' Your action: choose a time to book.' : ''}`);
    case 'pack ready':
      return line(`the information pack is ready.${part === 'hcp' ? ' Your action: review it with the work coach and confirm your preparation.' : ''}`);
    case 'pack reminder':
      if (part === 'contact') return line(`the information pack is not marked ready yet${when ? `, and the conversation is on ${when}` : ''}. Your action: prepare the pack and mark it ready.`);
      // Nobody to remind: no contact was named for the jobcentre, so no pack is coming.
      if (!c.contactId) return line(`no contact is named for ${view.jobcentreName ?? 'the jobcentre'}, so no information pack is coming.${c.preparedAt ? '' : ' Your action: prepare from the request with the work coach, and confirm it.'}`);
      return line(`the information pack is not marked ready yet. ${view.contactName ?? 'The jobcentre contact'} has been reminded.`);
    case 'prepared':
      return line(`${who} confirmed the preparation.`);
    case 'notes recorded':
    case 'unexpected findings for the GP':
    case 'unexpected findings not sent: no consent':
      if (part === 'coach') return line('the HCP recorded the notes. Your action: add the agreed actions to the claimant’s Action Plan.');
      if (part === 'contact') return line(c.findings === 'to_send' ? 'the HCP recorded the notes. Your action: send the GP notification.' : 'the HCP recorded the notes.');
      return line('the notes are recorded.');
    case 'pack and notes returned':
      return line(`${who} says they gave back the information pack and the notes.${part === 'contact' ? ' Your action: confirm you have them.' : ''}`);
    case 'did not attend':
      return line('the claimant did not attend. Nothing more to do for it.');
    case 'declined on the day':
      return line('the claimant declined on the day. Nothing more to do for it.');
    default:
      return line('it changed.');
  }
}

/** "presentation to a team or office": the label inside a sentence (initials such as DEAs kept). */
function kindInSentence(kind: ActivityKind): string {
  const label = ACTIVITY_KIND_LABELS[kind];
  return label.charAt(0).toLowerCase() + label.slice(1);
}

/**
 * The short notice to the HCP, or to an activity manager, that a conversation was booked over the
 * HCP's supporting activity, which now needs another time. It names the conversation by reference,
 * and the activity by its kind and time: never its note, which may be about a claimant. Whoever comes
 * to the activity is told in their own words (`hcpAwayCard`).
 */
export function bookedOverCard(n: BookedOverNotice | AttendeeOverNotice): AdaptiveCard {
  if (n.part === 'attendee') return hcpAwayCard(n);
  const whose = n.part === 'hcp' ? 'your' : `${n.hcpName}’s`;
  const conversation = `${describeMeeting(n.start, n.end)}${n.preparationFrom ? ` (preparation from ${londonClock(n.preparationFrom)})` : ''}`;
  const activities = n.activities.map((a) => `${whose} ${kindInSentence(a.kind)} on ${describeMeeting(a.start, a.end)}`);
  const over = inWords(activities);
  const it = n.activities.length > 1 ? 'them' : 'it';
  const yourAction =
    n.part === 'hcp'
      ? `Your action: the ${n.activities.length > 1 ? 'activities need' : 'activity needs'} another time. Your activity manager can move ${it}, or you can from ${n.activities.length > 1 ? 'their cards' : 'its card'}.`
      : `Your action: move ${n.activities.length > 1 ? 'the activities' : 'the activity'} to another time, when no conversation is booked.`;
  const keyFacts: Fact[] = [
    { label: 'Conversation', value: `${n.reference}, ${conversation}` },
    ...n.activities.map((a) => ({ label: ACTIVITY_KIND_LABELS[a.kind], value: describeMeeting(a.start, a.end) })),
  ];
  return glanceCard({
    title: n.part === 'hcp' ? 'A three-way conversation is booked over your supporting activity' : `A three-way conversation is booked over ${n.hcpName}’s supporting activity`,
    subtitle: `Specialist Advice ${n.reference} was booked for ${conversation}, over ${over}.`,
    yourAction,
    keyFacts,
    details: { facts: [], paragraphs: [{ label: 'Why', value: CONVERSATIONS_COME_FIRST }] },
    actions: openActivities(n.activities),
  });
}

/** "Open the activity", or one button for each when there are several. */
function openActivities(activities: readonly { readonly id: string; readonly kind: ActivityKind }[]): Record<string, unknown>[] {
  return activities.map((a) => ({ type: 'Action.Execute', title: activities.length > 1 ? `Open the ${kindInSentence(a.kind)}` : 'Open the activity', verb: 'hcp.open', data: { activityId: a.id } }));
}

/**
 * The notice to whoever comes to the HCP's activity (whoever asked for it, the work coach it is
 * with) that the HCP will not be there: a three-way conversation takes the time. They are not part
 * of the conversation, so it says nothing of it beyond that; they cannot move the activity, so they
 * are only told who will. "Open the activity" opens the card they could already open.
 */
function hcpAwayCard(n: AttendeeOverNotice): AdaptiveCard {
  const several = n.activities.length > 1;
  const activities = n.activities.map((a) => `${a.asked ? `the ${kindInSentence(a.kind)} you asked for` : `your ${kindInSentence(a.kind)}`} on ${describeMeeting(a.start, a.end)}`);
  const at = inWords(activities);
  return glanceCard({
    title: `${n.hcpName} will not be at ${several ? 'these activities' : `the ${kindInSentence(n.activities[0]!.kind)}`}`,
    subtitle: `${n.hcpName} will not be at ${at}: a three-way conversation was booked then, which comes first. The activity manager will give ${several ? 'them' : 'it'} another time.`,
    yourAction: `Nothing for you to do now: you will be told ${several ? 'their new times' : 'its new time'}.`,
    keyFacts: n.activities.map((a) => ({ label: ACTIVITY_KIND_LABELS[a.kind], value: `${describeMeeting(a.start, a.end)}: ${n.hcpName} will not be there` })),
    details: { facts: [], paragraphs: [{ label: 'Why', value: CONVERSATIONS_COME_FIRST }] },
    actions: openActivities(n.activities),
  });
}
