/**
 * The limit of three claimant support interventions (seed §36) where booking meets it: a booking
 * that failed, or is still being written, counts toward the limit, and trying a failed one again
 * asks the same question as booking it does. The intervention service is the booking's gate, as in
 * the bot (bot/core/case-services.ts).
 */
import type { Booking, BookingStore } from '../../../domain/calendar/booking';
import { BookingService, type WorkingPatterns } from '../../../domain/calendar/booking-service';
import type { CalendarPort, EventChange, EventRef, EventResult, Interval, NewEvent } from '../../../domain/calendar/calendar-port';
import { DEFAULT_WORKING_HOURS } from '../../../domain/calendar/working-hours';
import type { NewConsent } from '../../../domain/interventions/consent';
import { InterventionService } from '../../../domain/interventions/intervention-service';
import type { RequestStatus, SupportRequest } from '../../../domain/requests/support-request';
import { FakeDirectory, FakeFollowUps, FakeInterventionStore, FakeNotifier, FakeRequests, FixedClock, person } from './fakes';

const dea = person('dea-1', ['dea'], { teamLeaderId: 'wctl-dea' });
const coach = person('coach-1', ['work_coach'], { deaId: 'dea-1', teamLeaderId: 'wctl-coach' });
const deaTeamLeader = person('wctl-dea', ['work_coach_team_leader']);
const NOW = new Date('2026-11-23T10:05:00Z'); // a Monday
const SLOT = { slot: '2026-11-24T10:00:00.000Z', durationMinutes: 60, mode: 'face_to_face', claimantContact: 'phone' };
const AT_LIMIT = "The claimant has had 3 DEA claimant support interventions: a 4th needs the DEA's Work Coach Team Leader to agree (exceptional circumstances).";

class MemoryBookings implements BookingStore {
  readonly rows = new Map<string, Booking>();
  async create(b: Parameters<BookingStore['create']>[0]): Promise<Booking> {
    const booking: Booking = { ...b, claimantContact: b.claimantContact ?? null, startedBy: null, id: `b${this.rows.size + 1}`, version: 1, events: [], joinUrl: null, lastError: null, status: 'pending' };
    this.rows.set(booking.id, booking);
    return booking;
  }
  async find(id: string): Promise<Booking | null> {
    return this.rows.get(id) ?? null;
  }
  async endedBy(at: Date): Promise<Booking[]> {
    return [...this.rows.values()].filter((b) => b.status === 'booked' && b.end.getTime() <= at.getTime());
  }
  async currentFor(requestId: string): Promise<Booking | null> {
    return [...this.rows.values()].find((b) => b.requestId === requestId && b.status !== 'cancelled') ?? null;
  }
  async update(id: string, version: number, changes: Partial<Booking>): Promise<Booking> {
    const current = this.rows.get(id)!;
    if (current.version !== version) throw new Error('conflict');
    const next = { ...current, ...changes, version: version + 1 };
    this.rows.set(id, next);
    return next;
  }
}

/** Every diary is free; writes fail while `down`. */
class FakeCalendar implements CalendarPort {
  down = false;
  readonly created: NewEvent[] = [];
  async busy(mailboxes: readonly string[]): Promise<Map<string, Interval[]>> {
    return new Map(mailboxes.map((m) => [m, []]));
  }
  async createEvents(events: readonly NewEvent[]): Promise<EventResult[]> {
    return events.map((e) => {
      if (this.down) return { ok: false, mailbox: e.mailbox, error: 'Graph said 503', retryable: true };
      this.created.push(e);
      return { ok: true, mailbox: e.mailbox, eventId: `ev-${e.transactionId}`, joinUrl: null };
    });
  }
  async moveEvents(changes: readonly EventChange[]): Promise<EventResult[]> {
    return changes.map((c) => ({ ok: true, mailbox: c.mailbox, eventId: c.eventId, joinUrl: null }));
  }
  async deleteEvents(refs: readonly EventRef[]): Promise<EventResult[]> {
    return refs.map((r) => ({ ok: true, mailbox: r.mailbox, eventId: r.eventId, joinUrl: null }));
  }
}

/** Counts the claimant's interventions from the requests, by status, as the SQL store does. */
class CountingStore extends FakeInterventionStore {
  constructor(protected readonly requests: FakeRequests) {
    super();
  }
  protected others(nino: string, exceptRequestId: string): SupportRequest[] {
    return [...this.requests.requests.values()].filter((r) => r.claimant?.nino === nino && r.channel === 'claimant_support_intervention' && r.id !== exceptRequestId);
  }
  override async countInterventions(nino: string, exceptRequestId: string, statuses: readonly RequestStatus[] = []): Promise<number> {
    return this.others(nino, exceptRequestId).filter((r) => statuses.includes(r.status)).length;
  }
}

/** Also counts the accepted ones whose booking is pending or failed. */
class BookingAwareStore extends CountingStore {
  constructor(requests: FakeRequests, private readonly bookings: MemoryBookings) {
    super(requests);
  }
  override async countBeingBooked(nino: string, exceptRequestId: string): Promise<number> {
    const live = [...this.bookings.rows.values()].filter((b) => b.status === 'pending' || b.status === 'failed');
    return this.others(nino, exceptRequestId).filter((r) => r.status === 'accepted' && live.some((b) => b.requestId === r.id)).length;
  }
}

function setUp(counting: 'with bookings' | 'booked only' = 'with bookings') {
  const requests = new FakeRequests();
  const bookings = new MemoryBookings();
  const store = counting === 'with bookings' ? new BookingAwareStore(requests, bookings) : new CountingStore(requests);
  const notifier = new FakeNotifier();
  const clock = new FixedClock(NOW);
  const directory = new FakeDirectory([dea, coach, deaTeamLeader]);
  const interventions = new InterventionService({ requests, store, directory, notifier, followUps: new FakeFollowUps(), clock });
  const calendar = new FakeCalendar();
  const patterns: WorkingPatterns = { of: async () => ({ hours: DEFAULT_WORKING_HOURS, region: 'england-and-wales' }) };
  const booking = new BookingService({ requests, bookings, calendar, directory, patterns, notifier, clock, gate: interventions });
  // Two interventions the claimant already had.
  for (let i = 0; i < 2; i++) requests.add({ channel: 'claimant_support_intervention', status: 'closed' });
  /** An accepted intervention for the same claimant, its pre-conditions confirmed. */
  const accepted = async (): Promise<SupportRequest> => {
    const request = requests.add({ channel: 'claimant_support_intervention', status: 'accepted', version: 3 });
    const consent: NewConsent = { requestId: request.id, purpose: 'claimant_support_intervention', conditionality: 'voluntary', statements: [], answer: 'agreed', availability: [], letterFormat: 'standard', capturedById: coach.id, capturedAt: NOW };
    await store.saveConsent(consent);
    return request;
  };
  /** The DEA books it; the diaries are written (or fail) at once. */
  const book = async (request: SupportRequest): Promise<Booking> => {
    const started = await booking.start(dea, request.id, requests.get(request.id).version, SLOT);
    return booking.complete(started.id);
  };
  return { requests, bookings, calendar, interventions, booking, accepted, book };
}

describe('claimant support interventions being booked count toward the limit of three (seed §36)', () => {
  it('counts one whose booking failed: the next for the claimant waits for the team leader, and the failed one may be tried again', async () => {
    const s = setUp();
    const x = await s.accepted();
    const y = await s.accepted();
    s.calendar.down = true;
    expect(await s.book(x)).toMatchObject({ status: 'failed' });
    expect(s.requests.get(x.id).status).toBe('accepted');
    s.calendar.down = false;

    expect(await s.interventions.state(s.requests.get(y.id))).toMatchObject({ priorInterventions: 3, blockedBy: AT_LIMIT });
    await expect(s.booking.start(dea, y.id, s.requests.get(y.id).version, SLOT)).rejects.toMatchObject({ kind: 'invalid', message: AT_LIMIT });
    expect(await s.bookings.currentFor(y.id)).toBeNull();

    // The failed one is the 3rd: trying it again books it.
    expect(await s.booking.retry(dea, x.id, s.requests.get(x.id).version)).toMatchObject({ status: 'booked' });
    expect(s.requests.get(x.id).status).toBe('booked');
    expect(await s.interventions.bookingBlockedBy(s.requests.get(y.id))).toBe(AT_LIMIT);
  });

  it('counts one whose diaries are still being written', async () => {
    const s = setUp();
    const x = await s.accepted();
    const y = await s.accepted();
    const pending = await s.booking.start(dea, x.id, s.requests.get(x.id).version, SLOT);
    expect(pending.status).toBe('pending');
    await expect(s.booking.start(dea, y.id, s.requests.get(y.id).version, SLOT)).rejects.toMatchObject({ kind: 'invalid', message: AT_LIMIT });
  });

  it('stops counting one whose failed booking was cancelled', async () => {
    const s = setUp();
    const x = await s.accepted();
    const y = await s.accepted();
    s.calendar.down = true;
    await s.book(x);
    s.calendar.down = false;
    expect(await s.booking.cancel(dea, x.id, s.requests.get(x.id).version)).toMatchObject({ status: 'cancelled' });
    expect(await s.interventions.state(s.requests.get(y.id))).toMatchObject({ priorInterventions: 2, blockedBy: null });
    expect(await s.book(s.requests.get(y.id))).toMatchObject({ status: 'booked' });
  });
});

describe('trying a failed booking again asks the limit too', () => {
  it('refuses a 4th without the team leader even when the store counts only booked ones, and books it once they agree', async () => {
    const s = setUp('booked only');
    const x = await s.accepted();
    const y = await s.accepted();
    s.calendar.down = true;
    expect(await s.book(x)).toMatchObject({ status: 'failed' });
    s.calendar.down = false;
    // Counting only booked ones, the other is booked meanwhile: the claimant's 3rd.
    expect(await s.book(y)).toMatchObject({ status: 'booked' });
    const written = s.calendar.created.length;

    await expect(s.booking.retry(dea, x.id, s.requests.get(x.id).version)).rejects.toMatchObject({ kind: 'invalid', message: AT_LIMIT });
    expect(await s.bookings.currentFor(x.id)).toMatchObject({ status: 'failed' });
    expect(s.requests.get(x.id).status).toBe('accepted');
    expect(s.calendar.created).toHaveLength(written);

    // The DEA asks, the team leader agrees: now it may be tried again.
    await s.interventions.askForOverride(dea, x.id, s.requests.get(x.id).version, 'Declared intention to self-harm; continuity with the DEA matters.');
    const override = (await s.interventions.state(s.requests.get(x.id)))!.override!;
    await s.interventions.decideOverride(deaTeamLeader, override.id, 'agreed', null);
    expect(await s.booking.retry(dea, x.id, s.requests.get(x.id).version)).toMatchObject({ status: 'booked' });
    expect(s.requests.get(x.id).status).toBe('booked');
  });
});
