import { BookingService, PROPOSED_MINUTES, type BookingGate, type WorkingPatterns } from '../../domain/calendar/booking-service';
import { bookedByOf, type Booking, type BookingStore } from '../../domain/calendar/booking';
import type { CalendarPort, EventChange, EventRef, EventResult, Interval, NewEvent } from '../../domain/calendar/calendar-port';
import { DEFAULT_WORKING_HOURS } from '../../domain/calendar/working-hours';
import { availabilityHours } from '../../domain/interventions/consent';
import type { Clock, StaffDirectory } from '../../domain/ports';
import type { RequestNotifier, StatusChange, SupportRequestStore, VersionBump } from '../../domain/requests/ports';
import { assertMove } from '../../domain/requests/state-machine';
import type { SupportRequest } from '../../domain/requests/support-request';
import type { StaffMember } from '../../domain/staff';

const now = new Date('2026-11-23T10:05:00Z'); // a Monday
const person = (id: string, roles: StaffMember['roles'], email: string): StaffMember => ({ id, aadObjectId: `aad-${id}`, name: `${id} name`, email, roles, jobcentreId: null, deaId: 'dea', teamLeaderId: null });
const coach = { ...person('coach', ['work_coach'], 'coach@x.example'), teamLeaderId: 'wctl' };
const dea = person('dea', ['dea'], 'dea@x.example');
const wctl = person('wctl', ['work_coach_team_leader'], 'wctl@x.example');
const otherLeader = person('other-wctl', ['work_coach_team_leader'], 'other@x.example');

class FakeCalendar implements CalendarPort {
  readonly created: NewEvent[] = [];
  failFor = new Set<string>();
  /** Mailboxes where writing an event is refused for good (403). */
  refuseFor = new Set<string>();
  /** Mailboxes that do not answer a move for now (503). */
  slowFor = new Set<string>();
  /** Mailboxes where removing an event is refused for good (403). */
  keepFor = new Set<string>();
  /** Event ids deleted from their diary (in Outlook): moving them answers 404. */
  readonly gone = new Set<string>();
  /** Where each event is now, by id. */
  readonly times = new Map<string, Interval>();
  busyTimes = new Map<string, Interval[]>();
  busyReads = 0;
  async busy(mailboxes: readonly string[]): Promise<Map<string, Interval[]>> {
    this.busyReads++;
    return new Map(mailboxes.map((m) => [m, this.busyTimes.get(m) ?? []]));
  }
  async createEvents(events: readonly NewEvent[]): Promise<EventResult[]> {
    return events.map((e) => {
      if (this.failFor.has(e.mailbox)) return { ok: false, mailbox: e.mailbox, error: 'Graph said 503', retryable: true };
      if (this.refuseFor.has(e.mailbox)) return { ok: false, mailbox: e.mailbox, error: 'Graph said 403', retryable: false };
      const eventId = `ev-${e.transactionId}`;
      // Idempotent like Graph: the same transactionId again is the same event.
      if (!this.times.has(eventId) || this.gone.has(eventId)) {
        this.created.push(e);
        this.gone.delete(eventId);
        this.times.set(eventId, { start: e.start, end: e.end });
      }
      return { ok: true, mailbox: e.mailbox, eventId, joinUrl: e.onlineMeeting ? 'https://teams.example/join' : null };
    });
  }
  async moveEvents(changes: readonly EventChange[]): Promise<EventResult[]> {
    return changes.map((c) => {
      if (this.slowFor.has(c.mailbox)) return { ok: false, mailbox: c.mailbox, error: 'Graph said 503', retryable: true };
      if (this.gone.has(c.eventId)) return { ok: false, mailbox: c.mailbox, error: 'The event does not exist (it may have been deleted): 404 ErrorItemNotFound', retryable: false };
      this.times.set(c.eventId, { start: c.start, end: c.end });
      return { ok: true, mailbox: c.mailbox, eventId: c.eventId, joinUrl: null };
    });
  }
  async deleteEvents(refs: readonly EventRef[]): Promise<EventResult[]> {
    return refs.map((r) => {
      if (this.keepFor.has(r.mailbox)) return { ok: false, mailbox: r.mailbox, error: 'Graph said 403', retryable: false };
      this.gone.add(r.eventId);
      return { ok: true, mailbox: r.mailbox, eventId: r.eventId, joinUrl: null };
    });
  }
}

class MemoryBookings implements BookingStore {
  readonly rows = new Map<string, Booking>();
  async create(b: Parameters<BookingStore['create']>[0]): Promise<Booking> {
    const booking: Booking = { ...b, claimantContact: b.claimantContact ?? null, startedBy: this.starter(), id: `b${this.rows.size + 1}`, version: 1, events: [], joinUrl: null, lastError: null, status: 'pending' };
    this.rows.set(booking.id, booking);
    return booking;
  }
  async find(id: string) {
    return this.rows.get(id) ?? null;
  }
  async endedBy(at: Date) {
    return [...this.rows.values()].filter((b) => b.status === 'booked' && b.end.getTime() <= at.getTime());
  }
  async currentFor(requestId: string) {
    return [...this.rows.values()].find((b) => b.requestId === requestId && b.status !== 'cancelled') ?? null;
  }
  /** Who clicked to book, as the request's audit trail says (set up with the fake request store). */
  starter: () => string | null = () => null;
  /** Set to stop the process at the next save of the booking's events (as a crash would). */
  stopAtEvents = false;
  async update(id: string, version: number, changes: Partial<Booking>): Promise<Booking> {
    if (this.stopAtEvents && changes.events) {
      this.stopAtEvents = false;
      throw new Error('stopped');
    }
    const current = this.rows.get(id)!;
    if (current.version !== version) throw new Error('conflict');
    const next = { ...current, ...changes, version: version + 1 };
    this.rows.set(id, next);
    return next;
  }
}

function setup(options: { gate?: BookingGate; request?: Partial<SupportRequest> } = {}) {
  let request: SupportRequest = {
    id: 'r1', reference: 'DEA-000001', type: 'claimant_support', status: 'accepted', version: 2, requesterId: 'coach', deaId: 'dea',
    claimant: { surname: 'Zebedee', nino: 'AB123456C', benefits: ['UC'] }, topic: null, description: 'health text', reason: 'why',
    requiredBy: '2026-12-11', urgent: false, vulnerability: null, channel: 'case_conference', inappropriate: false, parentRequestId: null, requestedChannel: null, claimantCoachId: null, messages: [], createdAt: now, updatedAt: now,
    ...options.request,
  };
  const changes: StatusChange[] = [];
  const store = {
    findById: async () => request,
    changeStatus: async (c: StatusChange) => {
      assertMove(request.status, c.to, `moved to ${c.to}`);
      changes.push(c);
      request = { ...request, status: c.to, version: c.expectedVersion + 1 };
      return request;
    },
    touch: async (c: VersionBump) => {
      changes.push({ ...c, to: request.status });
      request = { ...request, version: c.expectedVersion + 1 };
      return request;
    },
  } as unknown as SupportRequestStore;
  const directory = {
    findByIds: async (ids: readonly string[]) => [coach, dea].filter((p) => ids.includes(p.id)),
    findById: async (id: string) => [coach, dea, wctl, otherLeader].find((p) => p.id === id) ?? null,
  } as unknown as StaffDirectory;
  const patterns: WorkingPatterns = { of: async () => ({ hours: DEFAULT_WORKING_HOURS, region: 'england-and-wales' }) };
  const told: string[] = [];
  const notifier = {
    requestChanged: async () => undefined,
    requestNeedsAttention: async (_r: SupportRequest, who: string) => void told.push(who),
  } as unknown as RequestNotifier;
  const clock: Clock = { now: () => now };
  const calendar = new FakeCalendar();
  const bookings = new MemoryBookings();
  bookings.starter = () => changes.filter((c) => c.action === 'book:start').pop()?.actorId ?? null;
  const service = new BookingService({ requests: store, bookings, calendar, directory, patterns, notifier, clock, ...(options.gate ? { gate: options.gate } : {}) });
  return { service, calendar, bookings, changes, told, current: () => request };
}

describe('BookingService', () => {
  it('proposes the earliest common free times, one a day, from the next half hour', async () => {
    const { service, current } = setup();
    const slots = await service.proposals(current());
    expect(slots.map((s) => s.start.toISOString())).toEqual(['2026-11-23T10:30:00.000Z', '2026-11-24T08:30:00.000Z', '2026-11-25T08:30:00.000Z']);
  });

  it('skips time when either diary is busy', async () => {
    const { service, calendar, current } = setup();
    calendar.busyTimes.set('dea@x.example', [{ start: new Date('2026-11-23T10:30:00Z'), end: new Date('2026-11-23T17:00:00Z') }]);
    calendar.busyTimes.set('coach@x.example', [{ start: new Date('2026-11-24T08:00:00Z'), end: new Date('2026-11-24T13:00:00Z') }]);
    const slots = await service.proposals(current());
    expect(slots.map((s) => s.start.toISOString())).toEqual(['2026-11-24T13:00:00.000Z', '2026-11-25T08:30:00.000Z', '2026-11-26T08:30:00.000Z']);
  });

  it('writes both diaries with the reference only, books the request and tells the coach', async () => {
    const { service, calendar, changes, told } = setup();
    const booking = await service.start(dea, 'r1', 2, { slot: '2026-11-24T10:00:00.000Z', durationMinutes: 60, mode: 'teams' });
    const done = await service.complete(booking.id);
    expect(done).toMatchObject({ status: 'booked', joinUrl: 'https://teams.example/join' });
    expect(calendar.created.map((e) => [e.mailbox, e.showAs, e.onlineMeeting])).toEqual([
      ['coach@x.example', 'busy', true],
      ['dea@x.example', 'busy', false],
    ]);
    for (const e of calendar.created) {
      expect(`${e.subject} ${e.body}`).toContain('DEA-000001');
      expect(`${e.subject} ${e.body}`).not.toMatch(/Zebedee|AB123456C|health text/);
    }
    expect(changes.map((c) => [c.to, c.action])).toEqual([['accepted', 'book:start'], ['booked', 'book']]);
    expect(told).toEqual(['coach']);
  });

  describe('a skill conference, which the DEA, the work coach or their team leader may book (seed §17)', () => {
    const skill = { request: { channel: 'skill_conference' as const, type: 'skill_support' as const, claimant: null } };

    it('booked by the work coach: both diaries, the coach recorded as booking it, and the DEA told', async () => {
      const { service, calendar, changes, told } = setup(skill);
      const booking = await service.start(coach, 'r1', 2, { slot: '2026-11-24T10:00:00.000Z', durationMinutes: 60, mode: 'teams' });
      expect(await service.complete(booking.id)).toMatchObject({ status: 'booked' });
      expect(calendar.created.map((e) => e.mailbox)).toEqual(['coach@x.example', 'dea@x.example']);
      expect(changes.map((c) => [c.action, c.actorId])).toEqual([['book:start', 'coach'], ['book', 'coach']]);
      expect(told).toEqual(['dea']);
    });

    it('booked by the coach’s team leader: the coach’s and the DEA’s diaries (not theirs), and both told', async () => {
      const { service, calendar, changes, told, current } = setup(skill);
      const booking = await service.start(wctl, 'r1', 2, { slot: '2026-11-24T10:00:00.000Z', durationMinutes: 60, mode: 'teams' });
      await service.complete(booking.id);
      expect(calendar.created.map((e) => e.mailbox)).toEqual(['coach@x.example', 'dea@x.example']);
      expect(changes.map((c) => [c.action, c.actorId])).toEqual([['book:start', 'wctl'], ['book', 'wctl']]);
      expect(told).toEqual(['coach', 'dea']);
      expect(bookedByOf(current(), booking)).toBe('wctl');

      // Moved by the team leader: both are told again; cancelled by the coach: the DEA is told.
      told.length = 0;
      await service.move(wctl, 'r1', current().version, { otherDate: '2026-11-30', otherTime: '09:00' });
      expect(told).toEqual(['coach', 'dea']);
      told.length = 0;
      await service.cancel(coach, 'r1', current().version);
      expect(told).toEqual(['dea']);
      expect(current().status).toBe('accepted');
    });

    it('a diary that never takes its move or cancel: the team leader who booked it is told and named, not the DEA in their place', async () => {
      const { service, calendar, bookings, changes, told, current } = setup(skill);
      const booking = await service.start(wctl, 'r1', 2, { slot: '2026-11-24T10:00:00.000Z', durationMinutes: 60, mode: 'teams' });
      await service.complete(booking.id);
      const coachEvent = bookings.rows.get(booking.id)!.events.find((e) => e.role === 'requester')!;
      calendar.gone.add(coachEvent.eventId);
      calendar.refuseFor.add('coach@x.example');
      told.length = 0;
      await service.move(wctl, 'r1', current().version, { otherDate: '2026-11-26', otherTime: '14:00' });
      // The coach and the DEA as the others of the move; then the coach (their diary) and the booker.
      expect(told).toEqual(['coach', 'dea', 'coach', 'wctl']);
      calendar.refuseFor.clear();
      calendar.keepFor.add('dea@x.example');
      await service.cancel(wctl, 'r1', current().version);
      expect(changes.at(-1)).toMatchObject({ actorId: 'wctl', message: { kind: 'note', text: expect.stringContaining('could not be taken out of') } });
    });

    it('refuses another team leader, and anyone once it is booked', async () => {
      const { service, current } = setup(skill);
      await expect(service.start(otherLeader, 'r1', 2, { slot: '2026-11-24T10:00:00.000Z', durationMinutes: 60, mode: 'teams' })).rejects.toMatchObject({ kind: 'not_allowed' });
      await service.start(coach, 'r1', 2, { slot: '2026-11-24T10:00:00.000Z', durationMinutes: 60, mode: 'teams' });
      // The DEA's and the team leader's cards were shown the same version: both now conflict.
      await expect(service.start(dea, 'r1', 2, { slot: '2026-11-25T10:00:00.000Z', durationMinutes: 60, mode: 'teams' })).rejects.toMatchObject({ kind: 'conflict' });
      await expect(service.start(wctl, 'r1', current().version, { slot: '2026-11-25T10:00:00.000Z', durationMinutes: 60, mode: 'teams' })).rejects.toMatchObject({ kind: 'conflict' });
    });

    it('leaves a case conference to the DEA: the coach’s team leader is refused', async () => {
      const { service } = setup();
      await expect(service.start(wctl, 'r1', 2, { slot: '2026-11-24T10:00:00.000Z', durationMinutes: 60, mode: 'teams' })).rejects.toMatchObject({ kind: 'not_allowed' });
    });
  });

  it('after a failure part-way, retries only the diary that failed: never two events', async () => {
    const { service, calendar, current } = setup();
    calendar.failFor.add('dea@x.example');
    const booking = await service.start(dea, 'r1', 2, { slot: '2026-11-24T10:00:00.000Z', durationMinutes: 30, mode: 'telephone' });
    const failed = await service.complete(booking.id);
    expect(failed).toMatchObject({ status: 'failed', lastError: expect.stringContaining("the DEA's diary: Graph said 503") });
    expect(current().status).toBe('accepted');
    calendar.failFor.clear();
    // Trying again makes the booking pending once more; without a work queue it is written at once.
    const booked = await service.retry(dea, 'r1', current().version);
    expect(booked.status).toBe('booked');
    expect(calendar.created.map((e) => e.mailbox)).toEqual(['coach@x.example', 'dea@x.example']);
    expect(new Set(calendar.created.map((e) => e.transactionId)).size).toBe(2);
  });

  it('refuses a second booking, a past time, a bad choice and anyone but the DEA', async () => {
    const { service } = setup();
    await expect(service.start(coach, 'r1', 2, { slot: '2026-11-24T10:00:00.000Z', durationMinutes: 60, mode: 'teams' })).rejects.toMatchObject({ kind: 'not_allowed' });
    await expect(service.start(dea, 'r1', 2, { slot: '2026-11-20T10:00:00.000Z', durationMinutes: 60, mode: 'teams' })).rejects.toMatchObject({ kind: 'invalid', problems: { otherDate: 'The meeting must be in the future.' } });
    await expect(service.start(dea, 'r1', 2, { otherDate: '2026-11-30', otherTime: '9am', durationMinutes: 20, mode: 'pigeon' })).rejects.toMatchObject({
      problems: { otherTime: expect.any(String), durationMinutes: expect.any(String), mode: expect.any(String) },
    });
    await service.start(dea, 'r1', 2, { otherDate: '2026-11-30', otherTime: '09:00', durationMinutes: 60, mode: 'teams' });
    // The same click again, from the same card, and a fresh click both find it taken.
    await expect(service.start(dea, 'r1', 2, { otherDate: '2026-12-01', otherTime: '09:00', durationMinutes: 60, mode: 'teams' })).rejects.toMatchObject({ kind: 'conflict' });
    await expect(service.start(dea, 'r1', 3, { otherDate: '2026-12-01', otherTime: '09:00', durationMinutes: 60, mode: 'teams' })).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('takes the diary entries out again when the request was withdrawn while they were written', async () => {
    const { service, calendar, bookings, current } = setup();
    const booking = await service.start(dea, 'r1', 2, { slot: '2026-11-24T10:00:00.000Z', durationMinutes: 60, mode: 'teams' });
    const deleted: string[] = [];
    calendar.deleteEvents = async (refs) => refs.map((r) => (deleted.push(r.eventId), { ok: true as const, mailbox: r.mailbox, eventId: r.eventId, joinUrl: null }));
    const write = calendar.createEvents.bind(calendar);
    calendar.createEvents = async (events) => {
      const results = await write(events);
      (current() as { status: string }).status = 'withdrawn';
      return results;
    };
    const ended = await service.complete(booking.id);
    expect(ended.status).toBe('cancelled');
    expect(deleted).toHaveLength(2);
    expect(bookings.rows.get(booking.id)?.events).toEqual([]);
  });

  it('reads another time as London time (GMT in winter)', async () => {
    const { service, bookings } = setup();
    const booking = await service.start(dea, 'r1', 2, { otherDate: '2026-11-30', otherTime: '09:00', durationMinutes: 45, mode: 'face_to_face' });
    expect(bookings.rows.get(booking.id)).toMatchObject({ start: new Date('2026-11-30T09:00:00Z'), end: new Date('2026-11-30T09:45:00Z') });
  });

  describe('a proposed time booked at another length', () => {
    const at = (iso: string) => new Date(iso);
    /**
     * A mandatory three way (the coach books it): the claimant can come on Monday mornings only
     * (09:00–12:30); on Monday 30 November the coach is busy until 11:30 and the DEA 12:30–13:30, so
     * 11:30–12:30 is proposed. London is on GMT then, so London times are UTC times.
     */
    function threeWay() {
      const gate: BookingGate = { bookingBlockedBy: async () => null, claimantHours: async () => availabilityHours(['monday-am']) };
      const s = setup({ gate, request: { channel: 'three_way_intervention' } });
      s.calendar.busyTimes.set('coach@x.example', [{ start: at('2026-11-30T08:30:00Z'), end: at('2026-11-30T11:30:00Z') }]);
      s.calendar.busyTimes.set('dea@x.example', [{ start: at('2026-11-30T12:30:00Z'), end: at('2026-11-30T13:30:00Z') }]);
      return s;
    }
    const proposed = '2026-11-30T11:30:00.000Z';

    it('is refused as the same time typed would be, beside the length, with every reason', async () => {
      const { service, calendar, bookings, current } = threeWay();
      const slots = await service.proposals(current());
      expect(slots[0]).toEqual({ start: at(proposed), end: at('2026-11-30T12:30:00Z') });
      const refusal = { kind: 'invalid', problems: { durationMinutes: expect.stringContaining('The DEA is busy then. The claimant is not available then.'), overrideReason: expect.any(String) } };
      await expect(service.start(coach, 'r1', 2, { slot: proposed, durationMinutes: 90, mode: 'face_to_face' })).rejects.toMatchObject(refusal);
      // The same time typed by hand is refused for the same reasons, beside the time.
      await expect(service.start(coach, 'r1', 2, { otherDate: '2026-11-30', otherTime: '11:30', durationMinutes: 90, mode: 'face_to_face' })).rejects.toMatchObject({
        problems: { otherTime: expect.stringContaining('The DEA is busy then. The claimant is not available then.') },
      });
      expect(bookings.rows.size).toBe(0);
      expect(calendar.created).toEqual([]);
    });

    it('is refused when it runs into a diary even without a claimant (a case conference)', async () => {
      const { service, calendar, current } = setup();
      calendar.busyTimes.set('dea@x.example', [{ start: at('2026-11-23T11:30:00Z'), end: at('2026-11-23T12:00:00Z') }]);
      const [first] = await service.proposals(current());
      expect(first!.start.toISOString()).toBe('2026-11-23T10:30:00.000Z');
      await expect(service.start(dea, 'r1', 2, { slot: first!.start.toISOString(), durationMinutes: 90, mode: 'teams' })).rejects.toMatchObject({
        message: expect.stringContaining('The DEA is busy then.'),
        problems: { durationMinutes: expect.stringContaining(`The proposed times were found for ${PROPOSED_MINUTES} minutes`) },
      });
    });

    it('is booked when it passes the checks, or with a reason, which is kept', async () => {
      const shorter = threeWay();
      const booking = await shorter.service.start(coach, 'r1', 2, { slot: proposed, durationMinutes: 45, mode: 'face_to_face' });
      expect(booking).toMatchObject({ start: at(proposed), end: at('2026-11-30T12:15:00Z') });
      expect(shorter.changes.at(-1)?.message).toBeUndefined();

      const { service, bookings, changes } = threeWay();
      const kept = await service.start(coach, 'r1', 2, { slot: proposed, durationMinutes: 90, mode: 'face_to_face', overrideReason: 'The claimant can stay later that day.' });
      expect(bookings.rows.get(kept.id)).toMatchObject({ start: at(proposed), end: at('2026-11-30T13:00:00Z') });
      expect(changes.at(-1)?.message?.text).toMatch(/^Booked for .*11:30 to 13:00 although: The DEA is busy then\. The claimant is not available then\. Reason given: The claimant can stay later that day\.$/);
    });

    it('at the length it was proposed for, is booked without reading the diaries again', async () => {
      const { service, calendar, current } = threeWay();
      await service.proposals(current());
      const reads = calendar.busyReads;
      const booking = await service.start(coach, 'r1', 2, { slot: proposed, durationMinutes: PROPOSED_MINUTES, mode: 'face_to_face' });
      expect(booking).toMatchObject({ start: at(proposed), end: at('2026-11-30T12:30:00Z') });
      expect(calendar.busyReads).toBe(reads);
    });
  });

  describe('trying a failed booking again', () => {
    it('asks the gate first, as booking does, and writes nothing while it is blocked', async () => {
      let blockedBy: string | null = null;
      const gate: BookingGate = { bookingBlockedBy: async () => blockedBy, claimantHours: async () => null };
      const { service, calendar, bookings, current } = setup({ gate });
      calendar.failFor.add('dea@x.example');
      const booking = await service.start(dea, 'r1', 2, { slot: '2026-11-24T10:00:00.000Z', durationMinutes: 60, mode: 'telephone' });
      expect(await service.complete(booking.id)).toMatchObject({ status: 'failed' });
      calendar.failFor.clear();
      const written = calendar.created.length;

      blockedBy = "The claimant has had 3 DEA claimant support interventions: a 4th needs the DEA's Work Coach Team Leader to agree (exceptional circumstances).";
      await expect(service.retry(dea, 'r1', current().version)).rejects.toMatchObject({ kind: 'invalid', message: blockedBy });
      expect(bookings.rows.get(booking.id)?.status).toBe('failed');
      expect(calendar.created).toHaveLength(written);
      expect(current().status).toBe('accepted');

      blockedBy = null;
      expect(await service.retry(dea, 'r1', current().version)).toMatchObject({ status: 'booked' });
      expect(current().status).toBe('booked');
    });
  });

  describe('a move that a diary will never take (the event was deleted in Outlook: Graph answers 404)', () => {
    const newTime = { otherDate: '2026-11-26', otherTime: '14:00' };
    const at = new Date('2026-11-26T14:00:00Z');

    async function booked() {
      const s = setup();
      const booking = await s.service.start(dea, 'r1', 2, { slot: '2026-11-24T10:00:00.000Z', durationMinutes: 60, mode: 'teams' });
      await s.service.complete(booking.id);
      const coachEvent = s.bookings.rows.get(booking.id)!.events.find((e) => e.role === 'requester')!;
      // The coach deleted the meeting from their diary.
      s.calendar.gone.add(coachEvent.eventId);
      return { ...s, booking, coachEvent };
    }

    it('writes the entry again in that diary at the new time, once, and the booking is booked there', async () => {
      const { service, calendar, bookings, booking, coachEvent, current } = await booked();
      const written = calendar.created.length;
      const moved = await service.move(dea, 'r1', current().version, newTime);
      expect(moved).toMatchObject({ status: 'booked', start: at, lastError: null });
      const again = calendar.created.slice(written);
      expect(again.map((e) => [e.mailbox, e.start.toISOString(), e.onlineMeeting])).toEqual([['coach@x.example', at.toISOString(), true]]);
      expect(again[0]!.transactionId).not.toBe(`${booking.id}:requester`);
      expect(again[0]!.transactionId.length).toBeLessThanOrEqual(100);
      const events = bookings.rows.get(booking.id)!.events;
      expect(events).toHaveLength(2);
      expect(events.find((e) => e.role === 'requester')!.eventId).not.toBe(coachEvent.eventId);
      for (const e of events) expect(calendar.times.get(e.eventId)).toEqual({ start: at, end: new Date(at.getTime() + 3_600_000) });
      expect(current().status).toBe('booked');
      // Done again (durable work is repeated), nothing more is written.
      expect(await service.complete(booking.id)).toMatchObject({ status: 'booked' });
      expect(calendar.created).toHaveLength(written + 1);
    });

    it('is safe to repeat when the process stopped after writing the entry again, before keeping it', async () => {
      const { service, calendar, bookings, booking, current } = await booked();
      const written = calendar.created.length;
      bookings.stopAtEvents = true;
      await expect(service.move(dea, 'r1', current().version, newTime)).rejects.toThrow('stopped');
      expect(bookings.rows.get(booking.id)!.status).toBe('moving');
      expect(await service.complete(booking.id)).toMatchObject({ status: 'booked', start: at, lastError: null });
      expect(calendar.created).toHaveLength(written + 1);
      const requesterEvents = bookings.rows.get(booking.id)!.events.filter((e) => e.role === 'requester');
      expect(requesterEvents).toHaveLength(1);
      expect(requesterEvents[0]!.eventId).toBe(`ev-${calendar.created.at(-1)!.transactionId}`);
    });

    it('when it cannot be written again either, is booked at the new time, says what to do, and tells the coach and the DEA', async () => {
      const { service, calendar, bookings, booking, told, current } = await booked();
      calendar.refuseFor.add('coach@x.example');
      told.length = 0;
      const moved = await service.move(dea, 'r1', current().version, newTime);
      expect(moved).toMatchObject({
        status: 'booked',
        start: at,
        lastError: 'The meeting could not be moved in coach name’s diary: it is no longer there. coach name can add it again, or the meeting can be cancelled and booked again.',
      });
      expect(current().status).toBe('booked');
      // The coach as the other person of the move, then the coach (their diary) and the DEA (the booker) about the diary.
      expect(told).toEqual(['coach', 'coach', 'dea']);
      // Moving it again, once the diary takes it, writes it there and clears the problem.
      calendar.refuseFor.clear();
      const again = await service.move(dea, 'r1', current().version, { otherDate: '2026-11-27', otherTime: '10:00' });
      expect(again).toMatchObject({ status: 'booked', lastError: null });
      expect(bookings.rows.get(booking.id)!.events.every((e) => calendar.times.get(e.eventId)?.start.getTime() === new Date('2026-11-27T10:00:00Z').getTime())).toBe(true);
    });

    it('a diary that does not answer for now leaves the move to be tried again', async () => {
      const { service, calendar, bookings, booking, current } = await booked();
      calendar.gone.clear();
      calendar.slowFor.add('dea@x.example');
      await expect(service.move(dea, 'r1', current().version, newTime)).rejects.toThrow('The diaries are not all up to date yet');
      expect(bookings.rows.get(booking.id)).toMatchObject({ status: 'moving', lastError: expect.stringContaining('Graph said 503') });
      calendar.slowFor.clear();
      expect(await service.complete(booking.id)).toMatchObject({ status: 'booked', lastError: null });
    });
  });

  it('a cancel that a diary will never take still ends: cancelled, with a note on the request, so it can be booked again', async () => {
    const { service, calendar, changes, told, current } = setup();
    const booking = await service.start(dea, 'r1', 2, { slot: '2026-11-24T10:00:00.000Z', durationMinutes: 60, mode: 'teams' });
    await service.complete(booking.id);
    calendar.keepFor.add('coach@x.example');
    told.length = 0;
    expect(await service.cancel(dea, 'r1', current().version)).toMatchObject({ status: 'cancelled' });
    expect(current().status).toBe('accepted');
    expect(changes.at(-1)?.message?.text).toBe('The meeting could not be taken out of coach name’s diary: they can remove it there.');
    expect(told).toEqual(['coach', 'coach']);
    calendar.keepFor.clear();
    expect(await service.start(dea, 'r1', current().version, { slot: '2026-11-25T10:00:00.000Z', durationMinutes: 60, mode: 'teams' })).toMatchObject({ status: 'pending' });
  });
});
