import { allowedPlan, assertPlan } from '../../domain/conferences/plan-policy';
import type { ConferencePlan, GroupConference } from '../../domain/conferences/plan';
import { allowedBooking, bookingNowRefusal, bookingWhoRefusal, meetingProgress, whoBooksInWords, type BookingFacts } from '../../domain/calendar/booking-policy';
import type { Booking } from '../../domain/calendar/booking';
import { allowedTriage, assertTriage } from '../../domain/requests/triage-policy';
import type { SupportRequest } from '../../domain/requests/support-request';

const request = (changes: Partial<SupportRequest> = {}): SupportRequest =>
  ({ id: 'r1', requesterId: 'coach', deaId: 'dea', status: 'submitted', version: 3, channel: null, claimant: null, ...changes }) as SupportRequest;
const booking = (status: Booking['status']): Booking => ({ id: 'b1', status }) as Booking;
const sorted = (set: ReadonlySet<string>) => [...set].sort();

describe('the triage policy: what each person may do with a request now', () => {
  it.each([
    ['submitted', 'dea', ['accept', 'ask', 'redirect']],
    ['submitted', 'coach', ['withdraw']],
    ['info_requested', 'dea', ['accept', 'redirect']],
    ['info_requested', 'coach', ['answer', 'withdraw']],
    ['accepted', 'dea', []],
    ['accepted', 'coach', ['withdraw']],
    ['booked', 'coach', []],
    ['booked', 'dea', []],
    ['held', 'dea', []],
    ['redirected', 'dea', []],
  ] as const)('%s, seen by %s: %j', (status, who, expected) => {
    expect(sorted(allowedTriage(who, request({ status })))).toEqual([...expected].sort());
  });

  it('offers informational support’s information and holding response to the adviser only', () => {
    const informational = request({ status: 'accepted', channel: 'informational_support' });
    expect(sorted(allowedTriage('dea', informational))).toEqual(['hold', 'inform']);
    expect(allowedTriage('someone-else', informational).size).toBe(0);
  });

  it('refuses a click in order: not yours, then a stale card, then not now', () => {
    expect(() => assertTriage('coach', request(), 3, 'accept')).toThrow(expect.objectContaining({ kind: 'not_allowed' }));
    expect(() => assertTriage('dea', request({ status: 'redirected' }), 2, 'accept')).toThrow(expect.objectContaining({ kind: 'conflict' }));
    expect(() => assertTriage('dea', request({ status: 'redirected' }), 3, 'accept')).toThrow(expect.objectContaining({ kind: 'invalid', message: 'This request cannot be accepted now: it is redirected.' }));
  });
});

describe('the booking policy: who books, and who may move, cancel or retry', () => {
  const conference = request({ status: 'accepted', channel: 'case_conference' });
  const threeWay = request({ status: 'accepted', channel: 'three_way_intervention' });
  const facts = (r: SupportRequest, b: Booking | null, blockedBy: string | null = null): BookingFacts => ({ request: r, booking: b, blockedBy, requesterTeamLeaderId: 'wctl' });

  it('the DEA books a case conference; the coach books a three way, once consent allows', () => {
    expect(sorted(allowedBooking('dea', facts(conference, null)))).toEqual(['book']);
    expect(allowedBooking('coach', facts(conference, null)).size).toBe(0);
    expect(sorted(allowedBooking('coach', facts(threeWay, null)))).toEqual(['book']);
    expect(allowedBooking('coach', facts(threeWay, null, 'Consent first.')).size).toBe(0);
    expect(bookingNowRefusal(facts(threeWay, null, 'Consent first.'), 'book')?.message).toBe('Consent first.');
  });

  it('a booked meeting can be moved or cancelled by the booker or the adviser; a failed one retried or cancelled', () => {
    const booked = request({ status: 'booked', channel: 'three_way_intervention' });
    expect(sorted(allowedBooking('coach', facts(booked, booking('booked'))))).toEqual(['cancel', 'move']);
    expect(sorted(allowedBooking('dea', facts(booked, booking('booked'))))).toEqual(['cancel', 'move']);
    expect(sorted(allowedBooking('dea', facts(conference, booking('failed'))))).toEqual(['cancel', 'retry']);
    // Diaries still being written, moved or cleared: the way on is to cancel (or give another time).
    expect(sorted(allowedBooking('dea', facts(conference, booking('pending'))))).toEqual(['cancel']);
    expect(sorted(allowedBooking('dea', facts(booked, booking('moving'))))).toEqual(['cancel', 'move']);
    expect(sorted(allowedBooking('dea', facts(conference, booking('cancelling'))))).toEqual(['cancel']);
    expect(bookingWhoRefusal('someone-else', booked, 'move', 'wctl')?.kind).toBe('not_allowed');
  });

  it('a meeting that has been held (or has its outcome) is neither moved nor cancelled', () => {
    for (const status of ['held', 'outcome_recorded', 'closed'] as const) {
      const after = request({ status, channel: 'three_way_intervention' });
      expect(allowedBooking('coach', facts(after, booking('booked'))).size).toBe(0);
      expect(allowedBooking('dea', facts(after, booking('booked'))).size).toBe(0);
    }
  });

  it('says where the meeting stands: only before a booking exists (or after it was cancelled) does anyone wait for the booker', () => {
    expect(meetingProgress(facts(conference, null))).toEqual({ stage: 'to_book', bookerId: 'dea' });
    expect(meetingProgress(facts(threeWay, booking('cancelled')))).toEqual({ stage: 'to_book', bookerId: 'coach' });
    expect(meetingProgress(facts(conference, booking('pending')))).toEqual({ stage: 'writing' });
    expect(meetingProgress(facts(threeWay, booking('failed')))).toEqual({ stage: 'failed', bookerId: 'coach' });
    expect(meetingProgress(facts(conference, booking('moving')))).toEqual({ stage: 'moving' });
    expect(meetingProgress(facts(conference, booking('cancelling')))).toEqual({ stage: 'removing' });
    expect(meetingProgress(facts(conference, { ...booking('booked'), lastError: null }))).toEqual({ stage: 'booked', problem: null });
    expect(meetingProgress(facts(conference, { ...booking('booked'), lastError: 'Not in a diary.' }))).toEqual({ stage: 'booked', problem: 'Not in a diary.' });
    expect(meetingProgress(facts(request({ status: 'accepted', channel: 'informational_support' }), null))).toBeNull();
  });

  describe('a skill conference: the DEA, the work coach or the work coach’s team leader blocks out the time (seed §17)', () => {
    const skill = request({ status: 'accepted', channel: 'skill_conference' });
    const booked = request({ status: 'booked', channel: 'skill_conference' });

    it('offers booking to each of the three, and to nobody else (not the DEA’s own team leader)', () => {
      for (const who of ['dea', 'coach', 'wctl']) expect(sorted(allowedBooking(who, facts(skill, null)))).toEqual(['book']);
      expect(allowedBooking('dea-team-leader', facts(skill, null)).size).toBe(0);
      expect(allowedBooking('someone-else', facts(skill, null)).size).toBe(0);
      // A coach with no team leader: the coach and the DEA only.
      expect(allowedBooking('wctl', { ...facts(skill, null), requesterTeamLeaderId: null }).size).toBe(0);
      expect(bookingWhoRefusal('someone-else', skill, 'book', 'wctl')?.message).toBe('Only the DEA, the work coach who made the request or the work coach’s team leader can book it.');
    });

    it('names in the refusal whoever a rule lets book, so a meeting given more bookers is refused in its own words', () => {
      expect(whoBooksInWords({ bookedBy: 'requester', alsoBookedBy: ['adviser'] })).toBe('Only the work coach who made the request or the DEA can book it.');
      expect(whoBooksInWords({ bookedBy: 'adviser', alsoBookedBy: ['requester_team_leader'] })).toBe('Only the DEA or the work coach’s team leader can book it.');
      expect(whoBooksInWords({ bookedBy: 'requester' })).toBe('The work coach who made the request books this meeting.');
    });

    it('lets each of them move, cancel or try again what is booked, as the DEA may', () => {
      for (const who of ['dea', 'coach', 'wctl']) {
        expect(sorted(allowedBooking(who, facts(booked, booking('booked'))))).toEqual(['cancel', 'move']);
        expect(sorted(allowedBooking(who, facts(skill, booking('failed'))))).toEqual(['cancel', 'retry']);
      }
      expect(allowedBooking('dea-team-leader', facts(booked, booking('booked'))).size).toBe(0);
    });

    it('still refuses a second booking, whoever clicks', () => {
      for (const who of ['dea', 'coach', 'wctl']) expect(allowedBooking(who, facts(skill, booking('pending'))).has('book')).toBe(false);
      expect(bookingNowRefusal(facts(skill, booking('booked')), 'book')?.kind).toBe('conflict');
    });

    it('leaves a case conference to the DEA and a three way to the coach: their team leader books neither', () => {
      expect(allowedBooking('wctl', facts(conference, null)).size).toBe(0);
      expect(allowedBooking('coach', facts(conference, null)).size).toBe(0);
      expect(allowedBooking('wctl', facts(threeWay, null)).size).toBe(0);
      expect(allowedBooking('dea', facts(threeWay, null)).size).toBe(0);
      expect(bookingWhoRefusal('coach', conference, 'book', 'wctl')?.message).toBe('Only the DEA the request was sent to can book it.');
    });
  });

  it('a request without a meeting has nothing to book', () => {
    expect(bookingWhoRefusal('dea', request({ status: 'accepted', channel: 'informational_support' }), 'book', null)?.message).toBe('This request has no meeting to book.');
  });
});

describe('the plan policy: the team leader changes and confirms a draft, and has failed bookings tried again', () => {
  const plan = (status: 'draft' | 'confirmed') => ({ id: 'p1', wctlId: 'wctl', deaId: 'dea', status, version: 4 }) as unknown as ConferencePlan;
  const conference = (status: GroupConference['status']) => ({ id: 'c1', status }) as GroupConference;

  it('offers a draft’s changes and confirmation to its team leader only', () => {
    expect(sorted(allowedPlan('wctl', plan('draft'), [conference('proposed')]))).toEqual(['change', 'confirm']);
    expect(allowedPlan('dea', plan('draft'), [conference('proposed')]).size).toBe(0);
  });

  it('offers “try again” only once a confirmed plan has a conference that failed', () => {
    expect(allowedPlan('wctl', plan('confirmed'), [conference('booked')]).size).toBe(0);
    expect(sorted(allowedPlan('wctl', plan('confirmed'), [conference('booked'), conference('failed')]))).toEqual(['retry']);
  });

  it('refuses someone else’s click first, then a stale card, then a confirmed plan', () => {
    expect(() => assertPlan('dea', plan('draft'), [], 4, 'change')).toThrow(expect.objectContaining({ kind: 'not_allowed' }));
    expect(() => assertPlan('wctl', plan('confirmed'), [], 3, 'change')).toThrow(expect.objectContaining({ kind: 'conflict' }));
    expect(() => assertPlan('wctl', plan('confirmed'), [], 4, 'change')).toThrow(expect.objectContaining({ kind: 'invalid', message: 'This plan is already confirmed.' }));
  });
});
