import { createHash } from 'node:crypto';
import { conflict, invalid, isDomainError, notFound } from '../errors';
import type { Clock, StaffDirectory, WorkScheduler } from '../ports';
import { immediateUnitOfWork, type UnitOfWork } from '../unit-of-work';
import type { StaffMember } from '../staff';
import type { BankHolidayRegion } from '../staff';
import { assertBookingNow, assertBookingWho, type BookingAction } from './booking-policy';
import { participant, participantId, participantsOf, type CaseParticipants } from '../requests/participants';
import type { RequestNotifier, SupportRequestStore } from '../requests/ports';
import type { SupportRequest } from '../requests/support-request';
import { BOOKING_STARTED, BOOKING_WORK, bookedByOf, BOOKING_RULES, teamLeaderMayBook, CLAIMANT_CONTACT_LABELS, DURATIONS_MINUTES, isClaimantContact, isMeetingMode, isOnline, MEETING_MODE_LABELS, type BookedEvent, type Booking, type BookingStore, type ClaimantContact, type MeetingMode } from './booking';
import type { CalendarPort, EventResult, Interval, NewEvent } from './calendar-port';
import { findCommonSlots, type Participant } from './free-time';
import { busyDuring } from './intervals';
import { addDays, isClockTime, londonToUtc } from './london-time';
import { isCalendarDate } from '../requests/calendar-date';
import { worksThrough, type WorkingHours } from './working-hours';
import { isBankHoliday } from './bank-holidays';
import { describeDate, describeMeeting, londonDate } from '../requests/calendar-date';


export interface WorkingPattern {
  readonly hours: WorkingHours;
  readonly region: BankHolidayRegion;
}

/** Each person's working hours and bank-holiday calendar. */
export interface WorkingPatterns {
  of(person: StaffMember): Promise<WorkingPattern>;
  /** Each person's, in their order, read together where the store can. */
  ofAll?(people: readonly StaffMember[]): Promise<WorkingPattern[]>;
}

/** Everyone's working patterns, in one read where the store offers it. */
export async function patternsOf(patterns: WorkingPatterns, people: readonly StaffMember[]): Promise<WorkingPattern[]> {
  return patterns.ofAll ? patterns.ofAll(people) : Promise.all(people.map((p) => patterns.of(p)));
}

/** What the DEA chose on the card: a proposed slot (ISO instant), or another London date and time. */
export interface BookingChoice {
  readonly slot?: string;
  readonly otherDate?: string;
  readonly otherTime?: string;
  readonly durationMinutes?: number;
  readonly mode?: string;
  /** Claimant support interventions: how the DEA told the claimant (seed §40). */
  readonly claimantContact?: string;
  /** Why a typed time (or a proposed one at another length) that fails the usual checks should be booked all the same. */
  readonly overrideReason?: string;
}

/** How long a reason for booking a time outside the usual checks may be. */
export const OVERRIDE_REASON_LIMIT = 500;

/** What must happen before an intervention can be booked (consent, the team leader's agreement). */
export interface BookingGate {
  /** Null when the request may be booked now; otherwise what is still needed. */
  bookingBlockedBy(request: SupportRequest): Promise<string | null>;
  /** A three way's claimant availability, as working hours. */
  claimantHours(request: SupportRequest): Promise<WorkingHours | null>;
}

/**
 * How long the proposed times are found for (the booking form's default length). A proposed time
 * booked at another length is another interval, so it is checked as a typed time is.
 */
export const PROPOSED_MINUTES = 60;

/** How long a typed time's free/busy check may wait for the diaries. */
const FREE_BUSY_WAIT_MS = 1500;

/** A claimant needs time for the appointment letter to reach them (seed §25). */
const LETTER_DAYS = 2;
/** How far ahead interventions are proposed when the request named no date or a date too near. */
const INTERVENTION_WINDOW_DAYS = 28;

export interface BookingDeps {
  readonly requests: SupportRequestStore;
  readonly bookings: BookingStore;
  readonly calendar: CalendarPort;
  readonly directory: StaffDirectory;
  readonly patterns: WorkingPatterns;
  readonly notifier: RequestNotifier;
  readonly clock: Clock;
  readonly gate?: BookingGate;
  /** A booking and the diary work it needs are written together. */
  readonly uow?: UnitOfWork;
  /** Where the diary work is kept until done; without it (rules tested alone) it is done at once. */
  readonly work?: WorkScheduler;
}

/** Diary work that could not be finished this time (a diary did not answer): it is tried again later. */
export class DiaryWorkUnfinished extends Error {
  constructor(detail: string) {
    super(`The diaries are not all up to date yet: ${detail}`);
    this.name = 'DiaryWorkUnfinished';
  }
}

/**
 * Case and skill conferences (seed §14, §17): proposes the earliest common free times before the
 * required-response date, then puts an appointment in the work coach's diary and blocks the DEA's.
 * Calendar writes are idempotent (one transactionId per booking and diary), so a retry after a
 * failure part-way never makes a second event.
 */
export class BookingService {
  private readonly uow: UnitOfWork;

  constructor(private readonly deps: BookingDeps) {
    this.uow = deps.uow ?? immediateUnitOfWork;
  }

  /**
   * Up to `count` common free slots of the people in the meeting, one a day, before the date needed;
   * `known` is the case's participants when the caller has just read them.
   */
  async proposals(request: SupportRequest, durationMinutes = PROPOSED_MINUTES, count = 3, known?: CaseParticipants): Promise<Interval[]> {
    const rules = request.channel ? BOOKING_RULES[request.channel] : undefined;
    if (!rules) return [];
    const parties = known ?? (await this.parties(request));
    const people = rules.diaries.map((role) => participant(parties, role));
    const now = this.deps.clock.now();
    const withClaimant = request.channel === 'three_way_intervention' || request.channel === 'claimant_support_intervention';
    let deadline = endOfLondonDay(request.requiredBy, now);
    if (withClaimant) deadline = new Date(Math.max(deadline.getTime(), now.getTime() + INTERVENTION_WINDOW_DAYS * 86_400_000));
    if (deadline.getTime() <= now.getTime()) return [];
    const busy = await this.deps.calendar.busy(people.map((p) => p.email), now, deadline);
    const patterns = await patternsOf(this.deps.patterns, people);
    const participants: Participant[] = people.map((p, i) => ({ id: p.id, busy: busy.get(p.email.toLowerCase()) ?? [], hours: patterns[i]!.hours, region: patterns[i]!.region }));
    const claimantHours = (await this.deps.gate?.claimantHours(request)) ?? null;
    if (claimantHours) participants.push({ id: 'claimant', busy: [], hours: claimantHours, region: participants[0]!.region });
    return findCommonSlots({
      participants,
      from: now,
      to: deadline,
      durationMinutes,
      count,
      notBefore: request.channel === 'three_way_intervention' ? new Date(now.getTime() + LETTER_DAYS * 86_400_000) : now,
      spread: 'one-per-day',
    });
  }

  /**
   * Checks the booker's choice and records a pending booking with the work of writing its diaries,
   * in one transaction; that work (`complete`) runs after the answer, and again after a restart.
   */
  async start(person: StaffMember, requestId: string, version: number, choice: BookingChoice): Promise<Booking> {
    const request = await this.allowed(person, requestId, version, 'book');
    const blockedBy = (await this.deps.gate?.bookingBlockedBy(request)) ?? null;
    assertBookingNow({ request, booking: await this.deps.bookings.currentFor(request.id), blockedBy }, 'book');
    const { start, end, mode } = this.checkChoice(choice);
    const override = await this.checkTime(request, choice, start, end);
    let claimantContact: ClaimantContact | null = null;
    if (request.channel === 'claimant_support_intervention') {
      if (!isClaimantContact(choice.claimantContact)) throw invalid('Say how you contacted the claimant.', { claimantContact: 'Choose phone, email, face to face or letter.' });
      claimantContact = choice.claimantContact;
    }
    const now = this.deps.clock.now();
    return this.uow.run(async () => {
      // Moving the request's version on first makes a second click (or a stale card) a conflict, so
      // two clicks at once can never make two bookings.
      await this.deps.requests.touch({ requestId: request.id, expectedVersion: request.version, actorId: person.id, action: BOOKING_STARTED, at: now, ...(override ? { message: { kind: 'note' as const, text: override } } : {}) });
      const booking = await this.deps.bookings.create({ requestId: request.id, start, end, mode, claimantContact }, now);
      await this.deps.work?.schedule(BOOKING_WORK, booking.id);
      return booking;
    });
  }

  /**
   * Brings the diaries in line with the booking: writes a pending booking's events, moves a moving
   * one's, removes a cancelling one's. Safe to run again at any point (after a crash, or on two
   * instances): events are created with one transactionId per booking and diary, moved to absolute
   * times, and removing one already gone succeeds. A change made meanwhile (a cancel while the
   * diaries were written) is picked up and finished too.
   */
  async complete(bookingId: string): Promise<Booking> {
    for (let round = 0; ; round++) {
      const booking = await this.deps.bookings.find(bookingId);
      if (!booking) throw notFound('That booking does not exist.');
      try {
        if (booking.status === 'pending') return await this.write(booking);
        if (booking.status === 'moving') return await this.applyMove(booking);
        if (booking.status === 'cancelling') return await this.clear(booking);
        return booking;
      } catch (error) {
        // Someone changed the booking while its diaries were being written: do what it now says.
        if (isDomainError(error) && error.kind === 'conflict' && round < 3) continue;
        throw error;
      }
    }
  }

  /** Writes the diaries of a pending booking: booked when all are written, failed (to try again) when not. */
  private async write(booking: Booking): Promise<Booking> {
    const request = (await this.deps.requests.findById(booking.requestId))!;
    // The request moved on (withdrawn) before its booking was made: remove whatever was written.
    if (request.status !== 'accepted') return this.clear(await this.deps.bookings.update(booking.id, booking.version, { status: 'cancelling' }, this.deps.clock.now()));
    const { requester, adviser: dea } = await this.parties(request);
    const made = new Map(booking.events.map((e) => [e.role, e]));
    const wanted = this.events(booking, request, requester, dea).filter((w) => !made.has(w.role));
    const results = wanted.length ? await this.deps.calendar.createEvents(wanted.map((w) => w.event)) : [];
    const written: BookedEvent[] = [];
    let joinUrl = booking.joinUrl;
    const failures: string[] = [];
    results.forEach((result: EventResult, i) => {
      const role = wanted[i]!.role;
      if (result.ok) {
        written.push({ mailbox: result.mailbox, eventId: result.eventId, role });
        joinUrl = joinUrl ?? result.joinUrl;
      } else {
        failures.push(`${role === 'adviser' ? "the DEA's" : "the requester's"} diary: ${result.error}`);
      }
    });
    // What was written is kept first, whatever happened to the booking meanwhile, so nothing made is forgotten.
    const saved = written.length ? await this.keepEvents(booking, written, joinUrl) : booking;
    if (saved.status !== 'pending') throw conflict('The booking changed meanwhile.');
    const now = this.deps.clock.now();
    if (failures.length) {
      return this.uow.run(async () => {
        const failed = await this.deps.bookings.update(saved.id, saved.version, { status: 'failed', lastError: failures.join('; ').slice(0, 400) }, now);
        await this.deps.notifier.requestChanged(request);
        return failed;
      });
    }
    // Recorded as the booking's actor, so the notice names them and everyone else is told.
    const booker = bookedByOf(request, saved);
    const done = await this.uow.run(async () => {
      const latest = (await this.deps.requests.findById(request.id))!;
      if (latest.status !== 'accepted') return null;
      const booked = await this.deps.bookings.update(saved.id, saved.version, { status: 'booked', lastError: null }, now);
      const moved = await this.deps.requests.changeStatus({ requestId: latest.id, expectedVersion: latest.version, to: 'booked', actorId: booker, action: 'book', at: now });
      await this.deps.notifier.requestChanged(moved);
      for (const id of this.othersThan(moved, booker)) await this.deps.notifier.requestNeedsAttention(moved, id);
      return booked;
    });
    // Withdrawn while the diaries were being written: take the events out again.
    return done ?? this.clear(await this.deps.bookings.update(saved.id, saved.version, { status: 'cancelling' }, now));
  }

  /** Adds events just written to the booking as it now is (another change may have moved its version on). */
  private async keepEvents(booking: Booking, written: readonly BookedEvent[], joinUrl: string | null): Promise<Booking> {
    return this.updateEvents(booking, (events) => [...events], written, (current) => current ?? joinUrl);
  }

  /**
   * Saves the booking's events as `change` makes them of the events it now has, with every event in
   * `made` kept (nothing written to a diary is forgotten), on the booking as it now is: another change
   * may have moved its version on, so a conflict reads it again.
   */
  private async updateEvents(booking: Booking, change: (events: readonly BookedEvent[]) => BookedEvent[], made: Iterable<BookedEvent>, joinUrlOf: (current: string | null) => string | null): Promise<Booking> {
    let current = booking;
    for (let round = 0; ; round++) {
      const events = change(current.events);
      const known = new Set(events.map(eventKey));
      for (const event of made) if (!known.has(eventKey(event))) events.push(event);
      try {
        return await this.deps.bookings.update(current.id, current.version, { events, joinUrl: joinUrlOf(current.joinUrl) }, this.deps.clock.now());
      } catch (error) {
        if (!isDomainError(error) || error.kind !== 'conflict' || round >= 3) throw error;
        current = (await this.deps.bookings.find(current.id))!;
      }
    }
  }

  /**
   * Moves every event of a moving booking to its time; what failed for now (a diary did not answer) is
   * tried again, as the work is repeated. An event that will never move (deleted in Outlook: Graph
   * answers 404) is replaced: what is left of it is removed and the entry is written again at the new
   * time, under a transactionId taken from the event it replaces, so a repeat never writes two. A diary
   * that cannot be brought in line even so leaves the booking booked at its new time, with what to do
   * on the card and its people told: a move never stays unfinished for good.
   *
   * `unreplaced`: after replacing, why each event that could not be replaced was not (moved once more
   * then, without replacing again, so that every event is checked at the booking's time).
   */
  private async applyMove(booking: Booking, unreplaced: ReadonlyMap<string, string> | null = null): Promise<Booking> {
    const results = await this.deps.calendar.moveEvents(booking.events.map((e) => ({ mailbox: e.mailbox, eventId: e.eventId, start: booking.start, end: booking.end })));
    const failures = booking.events.flatMap((event, i) => {
      const result = results[i];
      if (result?.ok) return [];
      return [{ event, error: result?.error ?? 'The diary gave no answer.', retryable: result?.retryable ?? true }];
    });
    const now = this.deps.clock.now();
    if (!failures.length) {
      return this.uow.run(async () => {
        const moved = await this.deps.bookings.update(booking.id, booking.version, { status: 'booked', lastError: null }, now);
        await this.notifyChanged(booking.requestId);
        return moved;
      });
    }
    const lasting = failures.filter((f) => !f.retryable);
    if (lasting.length && !unreplaced) {
      const replaced = await this.replaceEvents(booking, lasting.map((f) => f.event));
      if (replaced.waiting.length) await this.unfinished(replaced.booking, `Not moved in ${replaced.waiting.length} of ${booking.events.length} diaries: ${replaced.waiting.join('; ')}`);
      return this.applyMove(replaced.booking, replaced.problems);
    }
    if (failures.some((f) => f.retryable)) await this.unfinished(booking, `Not moved in ${failures.length} of ${results.length} diaries: ${failures.map((f) => f.error).join('; ')}`);

    // Only diaries that will never take the move are left: the meeting is at its new time all the same.
    const request = (await this.deps.requests.findById(booking.requestId))!;
    const parties = await this.parties(request);
    const problem = lasting.map((f) => unreplaced?.get(eventKey(f.event)) ?? notMoved(participant(parties, f.event.role).name, 'unmoved')).join(' ').slice(0, 400);
    return this.uow.run(async () => {
      const kept = await this.deps.bookings.update(booking.id, booking.version, { status: 'booked', lastError: problem }, now);
      const latest = await this.deps.requests.findById(booking.requestId);
      if (latest) {
        await this.deps.notifier.requestChanged(latest);
        // The people whose diaries lack it, and the booker, who may book it again.
        const concerned = new Set([...lasting.map((f) => participantId(latest, f.event.role)), bookedByOf(latest, booking)]);
        for (const id of concerned) await this.deps.notifier.requestNeedsAttention(latest, id);
      }
      return kept;
    });
  }

  /** Saves why the diaries are not in line yet, and leaves the work to be tried again. */
  private async unfinished(booking: Booking, lastError: string): Promise<never> {
    const kept = await this.uow.run(async () => {
      const updated = await this.deps.bookings.update(booking.id, booking.version, { lastError: lastError.slice(0, 400) }, this.deps.clock.now());
      await this.notifyChanged(booking.requestId);
      return updated;
    });
    throw new DiaryWorkUnfinished(kept.lastError ?? 'not moved');
  }

  /**
   * Replaces events that will never move: removes what is left of each (removing one already gone
   * succeeds) and writes the diary entry again at the booking's time. The new events are kept on the
   * booking before anything else, so a repeat finds them; `problems` says, per event, why it could
   * not be replaced, and `waiting` what failed for now.
   */
  private async replaceEvents(booking: Booking, stuck: readonly BookedEvent[]): Promise<{ booking: Booking; problems: Map<string, string>; waiting: string[] }> {
    const request = (await this.deps.requests.findById(booking.requestId))!;
    const parties = await this.parties(request);
    const nameOf = (event: BookedEvent) => participant(parties, event.role).name;
    const problems = new Map<string, string>();
    const waiting: string[] = [];
    const removed = await this.deps.calendar.deleteEvents(stuck);
    const cleared = stuck.filter((event, i) => {
      const result = removed[i];
      if (result?.ok) return true;
      if (!result || result.retryable) waiting.push(`${nameOf(event)}'s diary: ${result?.error ?? 'no answer'}`);
      else problems.set(eventKey(event), notMoved(nameOf(event), 'unmoved'));
      return false;
    });
    const entries = this.events(booking, request, parties.requester, parties.adviser);
    const fresh = cleared.flatMap((event) => {
      const entry = entries.find((e) => e.role === event.role)?.event;
      if (!entry) problems.set(eventKey(event), notMoved(nameOf(event), 'gone'));
      return entry ? [{ old: event, entry: { ...entry, transactionId: replacementTransactionId(booking, event) } }] : [];
    });
    const created = fresh.length ? await this.deps.calendar.createEvents(fresh.map((f) => f.entry)) : [];
    const swaps = new Map<string, BookedEvent>();
    let joinUrl: string | null = null;
    fresh.forEach(({ old }, i) => {
      const result = created[i];
      if (result?.ok) {
        swaps.set(eventKey(old), { mailbox: result.mailbox, eventId: result.eventId, role: old.role });
        joinUrl = joinUrl ?? result.joinUrl;
      } else if (!result || result.retryable) {
        waiting.push(`${nameOf(old)}'s diary: ${result?.error ?? 'no answer'}`);
      } else {
        problems.set(eventKey(old), notMoved(nameOf(old), 'gone'));
      }
    });
    const saved = swaps.size ? await this.swapEvents(booking, swaps, joinUrl) : booking;
    // Moved again, or cancelled, meanwhile: `complete` does what the booking now says (the new events are on it).
    if (saved.status !== 'moving' || saved.start.getTime() !== booking.start.getTime() || saved.end.getTime() !== booking.end.getTime()) throw conflict('The booking changed meanwhile.');
    return { booking: saved, problems, waiting };
  }

  /** Puts each new event in the place of the one it replaces, on the booking as it now is; nothing made is forgotten. */
  private async swapEvents(booking: Booking, swaps: ReadonlyMap<string, BookedEvent>, joinUrl: string | null): Promise<Booking> {
    // The replaced event's Teams link went with it: the new event's link is the meeting's.
    return this.updateEvents(booking, (events) => events.map((e) => swaps.get(eventKey(e)) ?? e), swaps.values(), (current) => joinUrl ?? current);
  }

  /**
   * Removes every event of a cancelling booking; what could not be removed for now is tried again.
   * What will never be removed (the bot may not change that diary) is left to its owner: the booking
   * is cancelled all the same, so the meeting can be booked again, and the request says so.
   */
  private async clear(booking: Booking): Promise<Booking> {
    const results = booking.events.length ? await this.deps.calendar.deleteEvents(booking.events) : [];
    const failures = booking.events.flatMap((event, i) => {
      const result = results[i];
      return result?.ok ? [] : [{ event, retryable: result?.retryable ?? true }];
    });
    const left = failures.map((f) => f.event);
    const now = this.deps.clock.now();
    if (failures.some((f) => f.retryable)) {
      const kept = await this.uow.run(async () => {
        const updated = await this.deps.bookings.update(booking.id, booking.version, { events: left, lastError: `${left.length} diary event${left.length === 1 ? '' : 's'} could not be removed yet.` }, now);
        await this.notifyChanged(booking.requestId);
        return updated;
      });
      throw new DiaryWorkUnfinished(kept.lastError ?? 'not removed');
    }
    if (left.length) {
      const request = (await this.deps.requests.findById(booking.requestId))!;
      const parties = await this.parties(request);
      const problem = left.map((e) => `The meeting could not be taken out of ${participant(parties, e.role).name}’s diary: they can remove it there.`).join(' ').slice(0, 400);
      return this.uow.run(async () => {
        const latest = (await this.deps.requests.findById(booking.requestId))!;
        const booker = bookedByOf(latest, booking);
        const noted = await this.deps.requests.touch({ requestId: latest.id, expectedVersion: latest.version, actorId: booker, action: latest.status === 'accepted' ? 'cancel booking' : 'diaries', at: now, message: { kind: 'note', text: problem } });
        const cancelled = await this.deps.bookings.update(booking.id, booking.version, { status: 'cancelled', events: [], lastError: problem }, now);
        await this.deps.notifier.requestChanged(noted);
        for (const id of new Set(left.map((e) => participantId(noted, e.role)))) await this.deps.notifier.requestNeedsAttention(noted, id);
        return cancelled;
      });
    }
    return this.uow.run(async () => {
      const cancelled = await this.deps.bookings.update(booking.id, booking.version, { status: 'cancelled', events: [], lastError: null }, now);
      await this.notifyChanged(booking.requestId);
      return cancelled;
    });
  }

  private async notifyChanged(requestId: string): Promise<void> {
    const request = await this.deps.requests.findById(requestId);
    if (request) await this.deps.notifier.requestChanged(request);
  }

  /** A failed booking, to write its diaries again (`complete` never makes a second event). */
  async retry(person: StaffMember, requestId: string, version: number): Promise<Booking> {
    const request = await this.allowed(person, requestId, version, 'retry');
    const booking = await this.deps.bookings.currentFor(request.id);
    // Trying again books it, so what must come before a booking is asked again, as `start` asks it:
    // the claimant may have had another intervention booked meanwhile (seed §36).
    const blockedBy = (await this.deps.gate?.bookingBlockedBy(request)) ?? null;
    assertBookingNow({ request, booking, blockedBy }, 'retry');
    if (!booking) throw invalid('There is no failed booking to try again.');
    return this.begin(booking, { status: 'pending', lastError: null }, () => this.deps.notifier.requestChanged(request));
  }

  /**
   * Moves the meeting to a new time: the booking takes the new time at once, with the work of
   * moving every diary event; the other person is told, and their card shows the move finish.
   */
  async move(person: StaffMember, requestId: string, version: number, choice: BookingChoice): Promise<Booking> {
    const request = await this.allowed(person, requestId, version, 'move');
    const booking = await this.deps.bookings.currentFor(request.id);
    assertBookingNow({ request, booking, blockedBy: null }, 'move');
    if (!booking) throw invalid('There is no booked meeting to move.');
    const minutes = Math.round((booking.end.getTime() - booking.start.getTime()) / 60_000);
    const typed = { ...choice, slot: undefined, mode: booking.mode, durationMinutes: (DURATIONS_MINUTES as readonly number[]).includes(minutes) ? minutes : 60 };
    const { start, end } = this.checkChoice(typed);
    const override = await this.checkTime(request, typed, start, end, booking);
    const now = this.deps.clock.now();
    return this.begin(booking, { status: 'moving', start, end, lastError: null }, async () => {
      // The request's version moves on so every copy of its card shows the new time.
      const changed = await this.deps.requests.touch({ requestId: request.id, expectedVersion: request.version, actorId: person.id, action: 'reschedule', at: now, ...(override ? { message: { kind: 'note' as const, text: override } } : {}) });
      await this.deps.notifier.requestChanged(changed);
      for (const id of this.othersThan(changed, person.id)) await this.deps.notifier.requestNeedsAttention(changed, id);
    });
  }

  /**
   * Cancels the meeting: the booking is cancelling, with the work of removing every diary event;
   * a booked request goes back to accepted, to be booked again, and the other person is told.
   */
  async cancel(person: StaffMember, requestId: string, version: number): Promise<Booking> {
    const request = await this.allowed(person, requestId, version, 'cancel');
    const booking = await this.deps.bookings.currentFor(request.id);
    assertBookingNow({ request, booking, blockedBy: null }, 'cancel');
    if (!booking) throw invalid('There is no booking to cancel.');
    const now = this.deps.clock.now();
    return this.begin(booking, { status: 'cancelling', lastError: null }, async () => {
      if (request.status === 'booked') {
        const back = await this.deps.requests.changeStatus({ requestId: request.id, expectedVersion: request.version, to: 'accepted', actorId: person.id, action: 'cancel booking', at: now });
        await this.deps.notifier.requestChanged(back);
        for (const id of this.othersThan(back, person.id)) await this.deps.notifier.requestNeedsAttention(back, id);
      } else {
        const touched = await this.deps.requests.touch({ requestId: request.id, expectedVersion: request.version, actorId: person.id, action: 'cancel booking', at: now });
        await this.deps.notifier.requestChanged(touched);
      }
    });
  }

  /**
   * The request was withdrawn before its meeting was booked in full: a booking still being written,
   * or one that failed part way, is cancelled, and what was written is taken out of the diaries after
   * the click. Part of the withdrawal's unit of work.
   */
  async cancelFor(requestId: string): Promise<void> {
    const booking = await this.deps.bookings.currentFor(requestId);
    if (!booking || (booking.status !== 'pending' && booking.status !== 'failed')) return;
    await this.begin(booking, { status: 'cancelling', lastError: null }, async () => undefined);
  }

  /**
   * Records what the diaries are to become and the work that makes them so, in one transaction.
   * Without a work queue (tests of the rules alone) the work is done at once.
   */
  private async begin(booking: Booking, changes: Parameters<BookingStore['update']>[2], alongside: () => Promise<void>): Promise<Booking> {
    const updated = await this.uow.run(async () => {
      const saved = await this.deps.bookings.update(booking.id, booking.version, changes, this.deps.clock.now());
      await alongside();
      await this.deps.work?.schedule(BOOKING_WORK, saved.id);
      return saved;
    });
    return this.deps.work ? updated : this.complete(updated.id);
  }

  async current(requestId: string): Promise<Booking | null> {
    return this.deps.bookings.currentFor(requestId);
  }

  private checkChoice(choice: BookingChoice): { start: Date; end: Date; mode: MeetingMode } {
    const problems: Record<string, string> = {};
    const start = this.startOf(choice, problems);
    if (start && start.getTime() <= this.deps.clock.now().getTime()) problems.otherDate = 'The meeting must be in the future.';
    const minutes = Number(choice.durationMinutes);
    if (!(DURATIONS_MINUTES as readonly number[]).includes(minutes)) problems.durationMinutes = 'Choose how long the meeting is.';
    if (!isMeetingMode(choice.mode)) problems.mode = 'Choose face to face, Teams, video or telephone.';
    if (Object.keys(problems).length || !start) throw invalid(Object.values(problems)[0] ?? 'Choose a time.', problems);
    return { start, end: new Date(start.getTime() + minutes * 60_000), mode: choice.mode as MeetingMode };
  }

  /**
   * A date and time the booker typed is checked as the proposed ones were found: each diary's working
   * hours and bank holidays, free/busy, the claimant's availability and, for a three way, the days the
   * letter needs. What fails is refused beside the time with every reason; the booker may go on by
   * giving a reason, which is kept on the request (returned here). A proposed time booked at the length
   * it was proposed for needs no check (the proposals read the diaries); at another length it is another
   * interval, which nobody checked, so it is checked in the same way and refused beside the length.
   */
  private async checkTime(request: SupportRequest, choice: BookingChoice, start: Date, end: Date, moving?: Booking): Promise<string | null> {
    const typed = (typeof choice.otherDate === 'string' && choice.otherDate.trim() !== '') || (typeof choice.otherTime === 'string' && choice.otherTime.trim() !== '');
    const rules = request.channel ? BOOKING_RULES[request.channel] : undefined;
    const asProposed = !typed && end.getTime() - start.getTime() === PROPOSED_MINUTES * 60_000;
    if (asProposed || !rules) return null;
    const reason = typeof choice.overrideReason === 'string' ? choice.overrideReason.trim() : '';
    if (reason.length > OVERRIDE_REASON_LIMIT) {
      throw invalid(`Keep the reason to ${OVERRIDE_REASON_LIMIT} characters.`, { overrideReason: `The reason must be ${OVERRIDE_REASON_LIMIT} characters or fewer (it is ${reason.length}).` });
    }
    const parties = await this.parties(request);
    const people = rules.diaries.map((role) => participant(parties, role));
    const reasons: string[] = [];
    const day = londonDate(start);
    let region: BankHolidayRegion = 'england-and-wales';
    // The click must be answered within Teams' 5 seconds: diaries slower than this are not waited for,
    // and the booking notes that they were not checked rather than passing in silence.
    const busy = await withinTime(this.deps.calendar.busy(people.map((p) => p.email), start, end), FREE_BUSY_WAIT_MS);
    const unchecked = busy === null ? 'The diaries could not be checked for clashes in time.' : null;
    for (const person of people) {
      const pattern = await this.deps.patterns.of(person);
      if (person === people[0]) region = pattern.region;
      const who = person.id === parties.adviser.id ? 'the DEA' : person.name;
      if (isBankHoliday(pattern.region, day)) reasons.push(`${describeDate(day)} is a bank holiday for ${who}.`);
      else if (!worksThrough(pattern.hours, pattern.region, start, end)) reasons.push(`It is outside ${who === 'the DEA' ? 'the DEA’s' : `${who}’s`} working hours.`);
      if (busyDuring(busy?.get(person.email.toLowerCase()) ?? [], start, end, moving ?? null)) reasons.push(`${who === 'the DEA' ? 'The DEA is' : `${who} is`} busy then.`);
    }
    const claimantHours = (await this.deps.gate?.claimantHours(request)) ?? null;
    if (claimantHours && !worksThrough(claimantHours, region, start, end)) reasons.push('The claimant is not available then.');
    if (request.channel === 'three_way_intervention') {
      const earliest = new Date(this.deps.clock.now().getTime() + LETTER_DAYS * 86_400_000);
      if (start < earliest) reasons.push(`The claimant’s letter needs ${LETTER_DAYS} days to reach them: choose a time from ${describeDate(londonDate(earliest))} on.`);
    }
    if (!reasons.length) return unchecked ? `Booked for ${describeMeeting(start, end)}. ${unchecked}` : null;
    const summary = reasons.join(' ');
    if (!reason) {
      // Beside what made it this interval: the typed time, or the length a proposed time was given.
      const problems: Record<string, string> = typed
        ? { otherTime: `${summary} Choose another time, or give a reason below to book it all the same.` }
        : { durationMinutes: `${summary} The proposed times were found for ${PROPOSED_MINUTES} minutes: choose another length or time, or give a reason below to book it all the same.` };
      problems.overrideReason = 'Say why this time should be booked all the same, or choose another time.';
      throw invalid(`${describeMeeting(start, end)} may not work. ${summary} Choose another time${typed ? '' : ' or length'}, or say why it should be booked all the same.`, problems);
    }
    return `Booked for ${describeMeeting(start, end)} although: ${summary}${unchecked ? ` ${unchecked}` : ''} Reason given: ${reason}`;
  }

  /** Another date and time, when given, wins over a proposed slot (the proposals are preselected). */
  private startOf(choice: BookingChoice, problems: Record<string, string>): Date | null {
    const date = typeof choice.otherDate === 'string' ? choice.otherDate.trim() : '';
    const time = typeof choice.otherTime === 'string' ? choice.otherTime.trim() : '';
    if (date || time) {
      if (!isCalendarDate(date)) problems.otherDate = 'Enter the date of the meeting.';
      if (!isClockTime(time)) problems.otherTime = 'Enter the start time like 14:30.';
      return problems.otherDate || problems.otherTime ? null : londonToUtc(date, time);
    }
    const slot = typeof choice.slot === 'string' ? new Date(choice.slot) : null;
    if (!slot || Number.isNaN(slot.getTime())) {
      problems.otherDate = 'Choose one of the proposed times, or enter another date and time.';
      return null;
    }
    return slot;
  }

  /**
   * The diary entries: the seed's "Ad Hoc appointment" in the work coach's diary and a busy block in
   * the DEA's, or the DEA's own 'DEA Support Intervention'. They name the case by its reference only:
   * no NINO, surname or health details.
   */
  private events(booking: Booking, request: SupportRequest, requester: StaffMember, dea: StaffMember): { role: BookedEvent['role']; event: NewEvent }[] {
    const rules = BOOKING_RULES[request.channel!]!;
    const what = rules.title;
    const how = MEETING_MODE_LABELS[booking.mode];
    const common = { start: booking.start, end: booking.end, showAs: 'busy' as const, location: booking.mode === 'face_to_face' ? null : how };
    const contact = booking.claimantContact ? ` The claimant was told by ${CLAIMANT_CONTACT_LABELS[booking.claimantContact].toLowerCase()}.` : '';
    const entries: Record<BookedEvent['role'], NewEvent> = {
      requester: {
        ...common,
        mailbox: requester.email,
        subject: `${what} with ${dea.name}: ${request.reference}`,
        body: `${what} with ${dea.name}, DEA, about support request ${request.reference}. Channel: ${how}. Details are in DEA Support in Teams.`,
        attendees: [],
        onlineMeeting: isOnline(booking.mode),
        transactionId: `${booking.id}:requester`,
      },
      adviser: {
        ...common,
        mailbox: dea.email,
        subject: rules.diaries.includes('requester') ? `${what} with ${requester.name}: ${request.reference}` : `${what}: ${request.reference}`,
        body: `${what}${rules.diaries.includes('requester') ? ` with ${requester.name}` : ''} about support request ${request.reference}. Channel: ${how}.${contact}${isOnline(booking.mode) && rules.diaries.includes('requester') ? ' The meeting link is on the request card in DEA Support.' : ''}`,
        attendees: [],
        // Alone in the diary, the DEA's own event carries the Teams link.
        onlineMeeting: isOnline(booking.mode) && !rules.diaries.includes('requester'),
        transactionId: `${booking.id}:dea`,
      },
    };
    return rules.diaries.map((role) => ({ role, event: entries[role] }));
  }

  /**
   * Who is told of a change to the meeting: the requester and the DEA, but not whoever made it. A
   * team leader who booked a skill conference leaves both to be told.
   */
  private othersThan(request: SupportRequest, actorId: string): string[] {
    return [request.requesterId, request.deaId].filter((id) => id !== actorId);
  }

  /** The request, once the booking policy lets this person act on the version they saw. */
  private async allowed(person: StaffMember, requestId: string, version: number, action: BookingAction): Promise<SupportRequest> {
    const request = await this.deps.requests.findById(requestId);
    if (!request) throw notFound('That request does not exist.');
    assertBookingWho(person.id, request, version, action, await this.requesterTeamLeaderOf(request, person));
    return request;
  }

  /**
   * The requester's team leader, read only when it can matter: the person is neither of the case's
   * parts and the rules let that team leader book, so the parts' own clicks read no more than before.
   */
  private async requesterTeamLeaderOf(request: SupportRequest, person: StaffMember): Promise<string | null> {
    if (person.id === request.requesterId || person.id === request.deaId || !teamLeaderMayBook(request)) return null;
    return (await this.deps.directory.findById(request.requesterId))?.teamLeaderId ?? null;
  }

  private async parties(request: SupportRequest): Promise<CaseParticipants> {
    return participantsOf(this.deps.directory, request);
  }
}

/** The end of the London day of `date` (YYYY-MM-DD), or 28 days from now when no date was given. */
function endOfLondonDay(date: string | null, now: Date): Date {
  if (!date) return new Date(now.getTime() + 28 * 86_400_000);
  return londonToUtc(addDays(date, 1), '00:00');
}

/** The promise's value, or null when it takes longer than `ms` (or fails). */
async function withinTime<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([promise.catch(() => null), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** One event of a booking, as a key. */
function eventKey(event: Pick<BookedEvent, 'mailbox' | 'eventId'>): string {
  return `${event.mailbox.toLowerCase()}\n${event.eventId}`;
}

/**
 * The transactionId of the entry written again in place of an event that is gone: the same for every
 * repeat of the work (so never a second event), and another for each event replaced. Within 100
 * characters, however long the diary's event ids.
 */
function replacementTransactionId(booking: Booking, replaced: BookedEvent): string {
  const digest = createHash('sha256').update(`${replaced.mailbox.toLowerCase()}\n${replaced.eventId}`).digest('hex').slice(0, 16);
  return `${booking.id}:${replaced.role === 'adviser' ? 'dea' : 'requester'}:again:${digest}`;
}

/** What the card and the people are told when a diary could not take the move. */
function notMoved(name: string, why: 'gone' | 'unmoved'): string {
  return why === 'gone'
    ? `The meeting could not be moved in ${name}’s diary: it is no longer there. ${name} can add it again, or the meeting can be cancelled and booked again.`
    : `The meeting could not be moved in ${name}’s diary. ${name} can move it there, or the meeting can be cancelled and booked again.`;
}
