import { conflict, invalid, notAllowed, type DomainError, withoutStacks } from '../errors';
import { inWords } from '../names';
import { roleOf } from '../requests/participants';
import type { SupportRequest } from '../requests/support-request';
import { BOOKING_RULES, bookerIdOf, bookerIdsOf, type Booker, type Booking, type BookingRule } from './booking';

/** What people do with a request's meeting. */
export const BOOKING_ACTIONS = ['book', 'retry', 'move', 'cancel'] as const;
export type BookingAction = (typeof BOOKING_ACTIONS)[number];

/** The request and, read with it, its current booking and what still stands in the way of booking. */
export interface BookingFacts {
  readonly request: SupportRequest;
  readonly booking: Booking | null;
  /** Consent or the team leader's agreement still needed (interventions), or null. */
  readonly blockedBy: string | null;
  /**
   * The requester's team leader, who may book a skill conference (seed §17) though they play no part
   * in the case; null when the requester has none.
   */
  readonly requesterTeamLeaderId: string | null;
}

/**
 * Who may act on the meeting: a booker the seed names books it (seed §14, §17, §25, §40); a booker
 * or the adviser may then move it, cancel it, or try a failed booking again.
 */
export function bookingWhoRefusal(personId: string, request: SupportRequest, action: BookingAction, requesterTeamLeaderId: string | null): DomainError | null {
  const rules = request.channel ? BOOKING_RULES[request.channel] : undefined;
  if (!rules) return invalid('This request has no meeting to book.');
  const booker = bookerIdsOf(request, requesterTeamLeaderId).includes(personId);
  if (booker || (action !== 'book' && roleOf(request, personId) === 'adviser')) return null;
  return notAllowed(whoBooksInWords(rules));
}

/** Who may book a meeting of this rule, as a refusal says it: built from the rule, so a booker it adds is named too. */
export function whoBooksInWords(rule: Pick<BookingRule, 'bookedBy' | 'alsoBookedBy'>): string {
  if (rule.alsoBookedBy?.length) return `Only ${inWords([rule.bookedBy, ...rule.alsoBookedBy].map((b) => BOOKER_WORDS[b]), 'or')} can book it.`;
  return rule.bookedBy === 'requester' ? 'The work coach who made the request books this meeting.' : 'Only the DEA the request was sent to can book it.';
}

/** Each booker a rule may name, as the refusal lists them: the words follow the rule, whoever it adds. */
const BOOKER_WORDS: Readonly<Record<Booker, string>> = {
  adviser: 'the DEA',
  requester: 'the work coach who made the request',
  requester_team_leader: 'the work coach’s team leader',
};


/** Whether the meeting is where the action can happen; the refusal if not. */
export function bookingNowRefusal({ request, booking, blockedBy }: Omit<BookingFacts, 'requesterTeamLeaderId'>, action: BookingAction): DomainError | null {
  switch (action) {
    case 'book':
      if (request.status !== 'accepted') return invalid('Only an accepted request is booked.');
      if (blockedBy) return invalid(blockedBy);
      return booking && booking.status !== 'cancelled' ? conflict('This request already has a booking.') : null;
    case 'retry':
      if (booking?.status !== 'failed' || request.status !== 'accepted') return invalid('There is no failed booking to try again.');
      // Trying again books it as much as booking does: whatever stands in the way of booking holds here too.
      return blockedBy ? invalid(blockedBy) : null;
    case 'move':
      // Once the meeting is held, it is history: it is neither moved nor cancelled. A move that has
      // not reached every diary yet may be given another time.
      return (booking?.status === 'booked' || booking?.status === 'moving') && request.status === 'booked' ? null : invalid('There is no booked meeting to move.');
    case 'cancel':
      // A booking still being written, or failed, may have written some diaries: cancelling takes
      // those events out; a cancel not finished yet may be asked for again.
      return (['booked', 'moving'].includes(booking?.status ?? '') && request.status === 'booked') || (['pending', 'failed', 'cancelling'].includes(booking?.status ?? '') && request.status === 'accepted')
        ? null
        : invalid('There is no booking to cancel.');
  }
}

/** The meeting actions this person may take now: what their card offers. */
export function allowedBooking(personId: string, facts: BookingFacts): ReadonlySet<BookingAction> {
  return withoutStacks(() => new Set(BOOKING_ACTIONS.filter((action) => !bookingWhoRefusal(personId, facts.request, action, facts.requesterTeamLeaderId) && !bookingNowRefusal(facts, action))));
}

/** For a click: who, then whether the card was current, then whether it can happen now. */
export function assertBookingWho(personId: string, request: SupportRequest, version: number, action: BookingAction, requesterTeamLeaderId: string | null): void {
  const refusal = bookingWhoRefusal(personId, request, action, requesterTeamLeaderId) ?? (request.version !== version ? conflict('The request changed since this card was shown.') : null);
  if (refusal) throw refusal;
}

export function assertBookingNow(facts: Omit<BookingFacts, 'requesterTeamLeaderId'>, action: BookingAction): void {
  const refusal = bookingNowRefusal(facts, action);
  if (refusal) throw refusal;
}

/**
 * Where the meeting stands, for whoever has nothing to do on it now, and whose turn it is: before a
 * booking exists (or after one was cancelled) the booker the seed names books it (seed §14, §17, §25,
 * §40); once booked, its diary work is the bot's, and nobody waits for a person.
 */
export type MeetingProgress =
  /** Not booked: the booker books it. */
  | { readonly stage: 'to_book'; readonly bookerId: string }
  /** The diaries are being written. */
  | { readonly stage: 'writing' }
  /** Not every diary could be written: the booker (or the adviser) tries again or cancels. */
  | { readonly stage: 'failed'; readonly bookerId: string }
  /** The diary events are being moved to the new time. */
  | { readonly stage: 'moving' }
  /** The diary events are being removed. */
  | { readonly stage: 'removing' }
  /** Booked; `problem` says what a diary could not be brought in line with (and what to do), or null. */
  | { readonly stage: 'booked'; readonly problem: string | null };

/** The meeting's progress, or null when the request's channel has no meeting to book. */
export function meetingProgress({ request, booking }: Pick<BookingFacts, 'request' | 'booking'>): MeetingProgress | null {
  const bookerId = bookerIdOf(request);
  if (!bookerId) return null;
  switch (booking?.status ?? 'cancelled') {
    case 'cancelled':
      return { stage: 'to_book', bookerId };
    case 'pending':
      return { stage: 'writing' };
    case 'failed':
      return { stage: 'failed', bookerId };
    case 'moving':
      return { stage: 'moving' };
    case 'cancelling':
      return { stage: 'removing' };
    case 'booked':
      return { stage: 'booked', problem: booking?.lastError ?? null };
  }
}
