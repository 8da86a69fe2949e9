import { allowedConference, assertConference, moveRefusal } from '../../../domain/conferences/plan-policy';
import type { ConferencePlan, GroupConference } from '../../../domain/conferences/plan';

const now = new Date('2027-01-10T09:00:00Z');
const plan: ConferencePlan = {
  id: 'p1', deaId: 'dea', wctlId: 'wctl', durationMinutes: 60, inviteWctl: false, workPsychologistId: null, meetingMethod: 'teams', venue: null, room: null, timeOfDay: 'any',
  status: 'confirmed', groups: [['c1', 'c2']], warning: null, version: 3, createdAt: now,
};
const conference = (changes: Partial<GroupConference> = {}): GroupConference => ({
  id: 'g1', planId: 'p1', month: '2027-01', groupIndex: 0, start: new Date('2027-01-20T14:00:00Z'), end: new Date('2027-01-20T15:00:00Z'), coachIds: ['c1', 'c2'], clashes: [],
  status: 'booked', eventId: 'e1', joinUrl: null, lastError: null, casesSentAt: null, summary: null, actions: null, version: 2, ...changes,
});
const refusal = (fn: () => void): string => {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  return 'allowed';
};

describe('a booked conference', () => {
  it('is moved and cancelled by its team leader only; the DEA and the group’s coaches open its case list', () => {
    expect([...allowedConference('wctl', plan, conference(), now)]).toEqual(['move', 'cancel', 'cases']);
    expect([...allowedConference('dea', plan, conference(), now)]).toEqual(['cases']);
    expect([...allowedConference('c2', plan, conference(), now)]).toEqual(['cases']);
    expect([...allowedConference('someone', plan, conference(), now)]).toEqual([]);
    expect(refusal(() => assertConference('dea', plan, conference(), 2, 'cancel', now))).toBe('Only the team leader who made this plan can move or cancel its conferences.');
    expect(refusal(() => assertConference('someone', plan, conference(), null, 'cases', now))).toBe('Only the DEA, the team leader and the coaches of this group can see its case list.');
  });

  it('is not moved or cancelled once it has started, or when cancelled, held or not booked yet; each refusal says why', () => {
    expect(refusal(() => assertConference('wctl', plan, conference({ start: new Date('2027-01-10T08:30:00Z') }), 2, 'move', now))).toBe('This conference has already started, so it can no longer be moved or cancelled.');
    expect(refusal(() => assertConference('wctl', plan, conference({ status: 'cancelled' }), 2, 'cancel', now))).toBe('This conference is already cancelled.');
    expect(refusal(() => assertConference('wctl', plan, conference({ status: 'held' }), 2, 'move', now))).toBe('This conference has been held.');
    expect(refusal(() => assertConference('wctl', plan, conference({ status: 'pending' }), 2, 'move', now))).toBe('Only a booked conference can be moved or cancelled. Change it on the plan instead.');
    // A card shown before someone else changed the conference is refused as out of date.
    expect(refusal(() => assertConference('wctl', plan, conference(), 1, 'move', now))).toBe('This conference changed since this card was shown.');
    expect(refusal(() => assertConference('wctl', plan, conference(), 2, 'move', now))).toBe('allowed');
  });

  it('moves only to a new time in the future, the problem beside the field', () => {
    expect(moveRefusal(conference(), new Date('2027-01-09T14:00:00Z'), now)).toMatchObject({ problems: { date: 'Choose a date in the future.' } });
    expect(moveRefusal(conference(), new Date('2027-01-20T14:00:00Z'), now)).toMatchObject({ problems: { time: 'Give a different date or time.' } });
    expect(moveRefusal(conference(), new Date('2027-01-21T14:00:00Z'), now)).toBeNull();
  });
});

describe('a confirmed plan’s month of a group with nothing booked', () => {
  const unplaced = conference({ status: 'unplaced', start: null, end: null, eventId: null });
  // A cancelled conference keeps the id of the meeting taken out of the diaries.
  const cancelled = conference({ status: 'cancelled', eventId: 'e1' });

  it('is given a time by its team leader when the top-up found none (seed §29: every group, every month)', () => {
    expect([...allowedConference('wctl', plan, unplaced, now)]).toEqual(['place']);
    expect(refusal(() => assertConference('wctl', plan, unplaced, 2, 'place', now))).toBe('allowed');
    // Not by the DEA or a coach of the group, and not on a card shown before it changed.
    expect([...allowedConference('dea', plan, unplaced, now)]).toEqual([]);
    expect([...allowedConference('c1', plan, unplaced, now)]).toEqual([]);
    expect(refusal(() => assertConference('dea', plan, unplaced, 2, 'place', now))).toBe('Only the team leader who made this plan can give its conferences a time.');
    expect(refusal(() => assertConference('wctl', plan, unplaced, 1, 'place', now))).toBe('This conference changed since this card was shown.');
  });

  it('is given a time again by its team leader when it was cancelled, while its month lasts (seed §29: the group still meets that month)', () => {
    expect([...allowedConference('wctl', plan, cancelled, now)]).toEqual(['place']);
    expect(refusal(() => assertConference('wctl', plan, cancelled, 2, 'place', now))).toBe('allowed');
    // Cancelled in a month still to come, or earlier this month at a time now past: either way the month is not over.
    expect(allowedConference('wctl', plan, conference({ status: 'cancelled', month: '2027-03', start: new Date('2027-03-10T10:00:00Z') }), now).has('place')).toBe(true);
    expect(allowedConference('wctl', plan, conference({ status: 'cancelled', start: new Date('2027-01-05T10:00:00Z') }), now).has('place')).toBe(true);
    // Only the team leader, on a card shown since it was cancelled.
    expect([...allowedConference('dea', plan, cancelled, now)]).toEqual([]);
    expect([...allowedConference('c1', plan, cancelled, now)]).toEqual([]);
    expect(refusal(() => assertConference('c1', plan, cancelled, 2, 'place', now))).toBe('Only the team leader who made this plan can give its conferences a time.');
    expect(refusal(() => assertConference('wctl', plan, cancelled, 1, 'place', now))).toBe('This conference changed since this card was shown.');
    // Once its month is over, it is not offered and a click is refused, as for one never given a time.
    const december = conference({ status: 'cancelled', month: '2026-12', start: new Date('2026-12-10T10:00:00Z'), end: new Date('2026-12-10T11:00:00Z') });
    expect(allowedConference('wctl', plan, december, now).has('place')).toBe(false);
    expect(refusal(() => assertConference('wctl', plan, december, 2, 'place', now))).toBe('That month is over, so this conference can no longer be given a time.');
    // Cancelled before the meeting's id was kept, there is no id Graph has not seen to book it under.
    expect(allowedConference('wctl', plan, conference({ status: 'cancelled', eventId: null }), now).has('place')).toBe(false);
    expect(refusal(() => assertConference('wctl', plan, conference({ status: 'cancelled', eventId: null }), 2, 'place', now))).toBe('This conference was cancelled and cannot be booked again.');
    // Still not moved, cancelled again or its case list opened while cancelled.
    expect(refusal(() => assertConference('wctl', plan, cancelled, 2, 'move', now))).toBe('This conference is already cancelled.');
  });

  it('is not offered for a conference that has a time, on a draft, or once its month is over', () => {
    expect(allowedConference('wctl', plan, conference(), now).has('place')).toBe(false);
    expect(refusal(() => assertConference('wctl', plan, conference(), 2, 'place', now))).toBe('This conference is booked. Move it instead.');
    expect(refusal(() => assertConference('wctl', plan, conference({ status: 'pending' }), 2, 'place', now))).toBe('This conference already has a time.');
    expect(refusal(() => assertConference('wctl', plan, conference({ status: 'held' }), 2, 'place', now))).toBe('This conference has been held.');
    expect(refusal(() => assertConference('wctl', { ...plan, status: 'draft' }, conference({ status: 'unplaced', start: null, end: null }), 2, 'place', now))).toBe('Give it a time on the plan with Change, then confirm the plan.');
    // December is over on 10 January (London); January itself still has days left.
    expect(refusal(() => assertConference('wctl', plan, conference({ status: 'unplaced', month: '2026-12', start: null, end: null, eventId: null }), 2, 'place', now))).toBe('That month is over, so this conference can no longer be given a time.');
  });
});
