import type { CalendarPort, Interval, NewEvent } from '../../../domain/calendar/calendar-port';

export interface CalendarUnderTest {
  readonly calendar: CalendarPort;
  /** How many events the diary of this mailbox holds (as organiser), read behind the adapter's back. */
  eventsIn(mailbox: string): Promise<number>;
  close(): Promise<void>;
}

export const DEA = 'dea.one@jobcentre.example.gov.uk';
export const COACH = 'Work.Coach@jobcentre.example.gov.uk';
export const OTHER = 'someone.else@jobcentre.example.gov.uk';

export const at = (iso: string): Date => new Date(iso);
const DAY = 24 * 60 * 60 * 1000;

export function newEvent(overrides: Partial<NewEvent> = {}): NewEvent {
  return {
    mailbox: DEA,
    subject: 'Case conference DEA-000123',
    body: 'Case conference for request DEA-000123.',
    start: at('2027-01-11T10:00:00Z'),
    end: at('2027-01-11T11:00:00Z'),
    showAs: 'busy',
    attendees: [{ email: COACH, name: 'Work Coach' }],
    location: null,
    onlineMeeting: true,
    transactionId: 'booking-1:dea',
    ...overrides,
  };
}

const plain = (intervals: Interval[] | undefined): string[] => (intervals ?? []).map((i) => `${i.start.toISOString()}/${i.end.toISOString()}`);

/**
 * What every CalendarPort adapter does, whatever is behind it. Run against the embedded calendar
 * and against Graph (its real client and a local stand-in), so the bot behaves the same on both.
 */
export function calendarContract(name: string, open: () => Promise<CalendarUnderTest>): void {
  describe(`${name}: CalendarPort contract`, () => {
    let subject: CalendarUnderTest;
    let calendar: CalendarPort;
    beforeEach(async () => {
      subject = await open();
      calendar = subject.calendar;
    });
    afterEach(async () => subject.close());

    const day = { from: at('2027-01-11T00:00:00Z'), to: at('2027-01-12T00:00:00Z') };

    it('creates an event that is busy time for the organiser and every attendee, whatever the case', async () => {
      const [result] = await calendar.createEvents([newEvent()]);
      expect(result).toMatchObject({ ok: true, mailbox: DEA });
      if (!result?.ok) throw new Error('not created');
      expect(result.eventId).toEqual(expect.any(String));
      expect(result.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//);

      const busy = await calendar.busy([DEA.toUpperCase(), COACH.toLowerCase(), OTHER], day.from, day.to);
      expect([...busy.keys()].sort()).toEqual([DEA, COACH.toLowerCase(), OTHER].sort());
      expect(plain(busy.get(DEA))).toEqual(['2027-01-11T10:00:00.000Z/2027-01-11T11:00:00.000Z']);
      expect(plain(busy.get(COACH.toLowerCase()))).toEqual(['2027-01-11T10:00:00.000Z/2027-01-11T11:00:00.000Z']);
      expect(busy.get(OTHER)).toEqual([]);
    });

    it('has no meeting link unless asked for one', async () => {
      const [result] = await calendar.createEvents([newEvent({ onlineMeeting: false, location: 'Jobcentre, room 2' })]);
      expect(result).toMatchObject({ ok: true, joinUrl: null });
    });

    it('counts busy, tentative and out of office as busy, and free as free', async () => {
      const results = await calendar.createEvents([
        newEvent({ transactionId: 't-busy', showAs: 'busy', start: at('2027-01-11T09:00:00Z'), end: at('2027-01-11T09:30:00Z') }),
        newEvent({ transactionId: 't-tentative', showAs: 'tentative', start: at('2027-01-11T10:00:00Z'), end: at('2027-01-11T10:30:00Z') }),
        newEvent({ transactionId: 't-oof', showAs: 'oof', start: at('2027-01-11T11:00:00Z'), end: at('2027-01-11T11:30:00Z') }),
        newEvent({ transactionId: 't-free', showAs: 'free', start: at('2027-01-11T12:00:00Z'), end: at('2027-01-11T12:30:00Z') }),
      ]);
      expect(results.every((r) => r.ok)).toBe(true);
      const busy = await calendar.busy([DEA], day.from, day.to);
      expect(plain(busy.get(DEA))).toEqual([
        '2027-01-11T09:00:00.000Z/2027-01-11T09:30:00.000Z',
        '2027-01-11T10:00:00.000Z/2027-01-11T10:30:00.000Z',
        '2027-01-11T11:00:00.000Z/2027-01-11T11:30:00.000Z',
      ]);
    });

    it('makes one event for one transactionId, within a call and across calls, in any case of the mailbox', async () => {
      const [a, b] = await calendar.createEvents([newEvent(), newEvent()]);
      const [c] = await calendar.createEvents([newEvent({ mailbox: DEA.toUpperCase() })]);
      expect(a).toMatchObject({ ok: true });
      expect(b).toEqual(a);
      expect(c).toMatchObject({ ok: true, mailbox: DEA.toUpperCase() });
      if (!a?.ok || !c?.ok) throw new Error('not created');
      expect(c.eventId).toBe(a.eventId);
      expect(c.joinUrl).toBe(a.joinUrl);
      expect(await subject.eventsIn(DEA)).toBe(1);
    });

    it('keeps one transactionId apart in two diaries', async () => {
      const results = await calendar.createEvents([newEvent(), newEvent({ mailbox: COACH, attendees: [{ email: DEA, name: 'DEA' }] })]);
      expect(results.map((r) => r.ok)).toEqual([true, true]);
      expect(await subject.eventsIn(DEA)).toBe(1);
      expect(await subject.eventsIn(COACH)).toBe(1);
    });

    it('moves an event, for the organiser and the attendees', async () => {
      const [made] = await calendar.createEvents([newEvent()]);
      if (!made?.ok) throw new Error('not created');
      const [moved] = await calendar.moveEvents([{ mailbox: DEA, eventId: made.eventId, start: at('2027-01-11T14:00:00Z'), end: at('2027-01-11T15:30:00Z') }]);
      expect(moved).toEqual({ ok: true, mailbox: DEA, eventId: made.eventId, joinUrl: made.joinUrl });
      const busy = await calendar.busy([DEA, COACH], day.from, day.to);
      expect(plain(busy.get(DEA))).toEqual(['2027-01-11T14:00:00.000Z/2027-01-11T15:30:00.000Z']);
      expect(plain(busy.get(COACH.toLowerCase()))).toEqual(['2027-01-11T14:00:00.000Z/2027-01-11T15:30:00.000Z']);
    });

    it('reports a move of a missing event as a lasting failure of that item only', async () => {
      const [made] = await calendar.createEvents([newEvent()]);
      if (!made?.ok) throw new Error('not created');
      const results = await calendar.moveEvents([
        { mailbox: DEA, eventId: 'no-such-event', start: at('2027-01-11T14:00:00Z'), end: at('2027-01-11T15:00:00Z') },
        { mailbox: DEA, eventId: made.eventId, start: at('2027-01-11T16:00:00Z'), end: at('2027-01-11T17:00:00Z') },
      ]);
      expect(results[0]).toMatchObject({ ok: false, mailbox: DEA, retryable: false, error: expect.any(String) });
      expect(results[1]).toMatchObject({ ok: true, eventId: made.eventId });
    });

    it('refuses an event that ends before it starts, without touching the others', async () => {
      const results = await calendar.createEvents([
        newEvent({ transactionId: 'backwards', start: at('2027-01-11T11:00:00Z'), end: at('2027-01-11T10:00:00Z') }),
        newEvent({ transactionId: 'forwards' }),
      ]);
      expect(results[0]).toMatchObject({ ok: false, retryable: false });
      expect(results[1]).toMatchObject({ ok: true });
      expect(await subject.eventsIn(DEA)).toBe(1);
    });

    it('deletes events, and deleting one already gone succeeds', async () => {
      const [made] = await calendar.createEvents([newEvent()]);
      if (!made?.ok) throw new Error('not created');
      expect(await calendar.deleteEvents([{ mailbox: DEA, eventId: made.eventId }])).toEqual([{ ok: true, mailbox: DEA, eventId: made.eventId, joinUrl: null }]);
      const busy = await calendar.busy([DEA, COACH], day.from, day.to);
      expect(busy.get(DEA)).toEqual([]);
      expect(busy.get(COACH.toLowerCase())).toEqual([]);
      expect(await subject.eventsIn(DEA)).toBe(0);
      expect(await calendar.deleteEvents([{ mailbox: DEA, eventId: made.eventId }])).toEqual([{ ok: true, mailbox: DEA, eventId: made.eventId, joinUrl: null }]);
    });

    it('answers busy time over months, whole across any internal split, clipped to the span and merged', async () => {
      const from = at('2027-01-04T00:00:00Z');
      const to = new Date(from.getTime() + 150 * DAY);
      const boundary = new Date(from.getTime() + 61 * DAY);
      const events = [
        // Started before the span: only the part inside counts.
        newEvent({ transactionId: 'early', start: at('2027-01-03T23:00:00Z'), end: at('2027-01-04T01:00:00Z') }),
        // Across the first 61 days, where Graph splits getSchedule.
        newEvent({ transactionId: 'straddle', start: new Date(boundary.getTime() - 3_600_000), end: new Date(boundary.getTime() + 3_600_000) }),
        // Two touching events are one stretch of busy time.
        newEvent({ transactionId: 'touch-1', start: at('2027-04-20T09:00:00Z'), end: at('2027-04-20T10:00:00Z') }),
        newEvent({ transactionId: 'touch-2', start: at('2027-04-20T10:00:00Z'), end: at('2027-04-20T11:00:00Z'), mailbox: COACH, attendees: [{ email: DEA, name: 'DEA' }] }),
        newEvent({ transactionId: 'late', start: at('2027-05-30T09:00:00Z'), end: at('2027-05-30T10:00:00Z'), showAs: 'oof' }),
        // After the span.
        newEvent({ transactionId: 'after', start: new Date(to.getTime() + DAY), end: new Date(to.getTime() + DAY + 3_600_000) }),
      ];
      expect((await calendar.createEvents(events)).every((r) => r.ok)).toBe(true);
      const busy = await calendar.busy([DEA], from, to);
      expect(plain(busy.get(DEA))).toEqual([
        '2027-01-04T00:00:00.000Z/2027-01-04T01:00:00.000Z',
        `${new Date(boundary.getTime() - 3_600_000).toISOString()}/${new Date(boundary.getTime() + 3_600_000).toISOString()}`,
        '2027-04-20T09:00:00.000Z/2027-04-20T11:00:00.000Z',
        '2027-05-30T09:00:00.000Z/2027-05-30T10:00:00.000Z',
      ]);
    });

    it('leaves out, for one mailbox only, the events at exactly the times it is told; an event overlapping one still counts', async () => {
      const own = { start: at('2027-01-11T10:00:00Z'), end: at('2027-01-11T11:00:00Z') };
      const results = await calendar.createEvents([
        // The bot's own entry (as an HCP's supporting activity is written), and a colleague's meeting across its end.
        newEvent({ transactionId: 'own', attendees: [], start: own.start, end: own.end }),
        newEvent({ transactionId: 'across', mailbox: COACH, attendees: [{ email: DEA, name: 'DEA' }], start: at('2027-01-11T10:30:00Z'), end: at('2027-01-11T11:30:00Z') }),
        // Inside the entry's time, not at it.
        newEvent({ transactionId: 'inside', attendees: [], start: at('2027-01-11T14:00:00Z'), end: at('2027-01-11T14:30:00Z') }),
        newEvent({ transactionId: 'around', attendees: [], start: at('2027-01-11T14:00:00Z'), end: at('2027-01-11T15:00:00Z') }),
      ]);
      expect(results.every((r) => r.ok)).toBe(true);
      const except = new Map([[DEA.toUpperCase(), [own, { start: at('2027-01-11T14:00:00Z'), end: at('2027-01-11T15:00:00Z') }]]]);
      const busy = await calendar.busy([DEA, COACH], day.from, day.to, except);
      expect(plain(busy.get(DEA))).toEqual(['2027-01-11T10:30:00.000Z/2027-01-11T11:30:00.000Z', '2027-01-11T14:00:00.000Z/2027-01-11T14:30:00.000Z']);
      // Someone else's diary is as it was.
      expect(plain(busy.get(COACH.toLowerCase()))).toEqual(['2027-01-11T10:30:00.000Z/2027-01-11T11:30:00.000Z']);
      // Without it, all of it is busy.
      expect(plain((await calendar.busy([DEA], day.from, day.to)).get(DEA))).toEqual(['2027-01-11T10:00:00.000Z/2027-01-11T11:30:00.000Z', '2027-01-11T14:00:00.000Z/2027-01-11T15:00:00.000Z']);
    });

    it('leaves out one event for each time it is told: a second event at the same times still counts', async () => {
      const own = { start: at('2027-01-11T16:00:00Z'), end: at('2027-01-11T17:00:00Z') };
      const results = await calendar.createEvents([
        newEvent({ transactionId: 'own', attendees: [], start: own.start, end: own.end }),
        newEvent({ transactionId: 'same-times', attendees: [], start: own.start, end: own.end }),
      ]);
      expect(results.every((r) => r.ok)).toBe(true);
      expect(plain((await calendar.busy([DEA], day.from, day.to, new Map([[DEA, [own]]]))).get(DEA))).toEqual(['2027-01-11T16:00:00.000Z/2027-01-11T17:00:00.000Z']);
      expect(plain((await calendar.busy([DEA], day.from, day.to, new Map([[DEA, [own, own]]]))).get(DEA))).toEqual([]);
    });

    it('answers an empty map for nobody and empty busy time for an empty span', async () => {
      expect((await calendar.busy([], day.from, day.to)).size).toBe(0);
      await calendar.createEvents([newEvent()]);
      expect(await calendar.busy([DEA], day.from, day.from)).toEqual(new Map([[DEA, []]]));
    });
  });
}
