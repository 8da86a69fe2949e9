import { z } from 'zod';
import { LIST_PAGE_VERBS, meetingsListCard } from '../../cards/list-cards';
import { Calendar1763900000000 } from '../../data/migrations/1763900000000-Calendar';
import { CalendarEventEndIndex1765400000000 } from '../../data/migrations/1765400000000-CalendarEventEndIndex';
import { MeetingIndexes1763960000000 } from '../../data/migrations/1763960000000-MeetingIndexes';
import { bookingSchema } from '../../data/schema/calendar';
import { BOOKING_WORK } from '../../domain/calendar/booking';
import type { SupportRequest } from '../../domain/requests/support-request';
import type { StaffMember } from '../../domain/staff';
import type { Journey } from '../core/journey';
import { auditedPage, listRoutes } from '../core/list-routes';

/** Teams gives a card action 5 seconds; rendering the card takes the rest. */
const ANSWER_WITHIN_MS = 3000;

/** The booking form's inputs, as the card sends them (the domain checks what they mean). */
const BOOKING_FIELDS = z.object({
  slot: z.string().optional(),
  otherDate: z.string().optional(),
  otherTime: z.string().optional(),
  // A ChoiceSet sends "60": the domain gets minutes as a number (an unreadable one as NaN, which it refuses).
  durationMinutes: z.union([z.string(), z.number()]).optional().transform((v) => (v === undefined || v === '' ? undefined : Number(v))),
  mode: z.string().optional(),
  claimantContact: z.string().optional(),
  overrideReason: z.string().optional(),
});

/** Who a change to the meeting was told to: the other part, or both when a team leader made it (seed §17). */
function whoWasTold(person: StaffMember, request: SupportRequest): string {
  return person.id === request.requesterId || person.id === request.deaId ? 'The other person has been told.' : 'The work coach and the DEA have been told.';
}

/** Booking case and skill conferences, three ways and interventions in Outlook diaries (seed 000 §14, §17, §25, §40). */
export const bookingJourney: Journey = {
  name: 'booking',
  capabilities: [
    {
      command: 'meetings',
      title: 'Your meetings',
      description: 'Your booked meetings, soonest first, then the ones held: open one to move or cancel it, or to record the outcome and send your summary of outputs.',
      roles: ['dea'],
      menu: 'For DEAs: your booked and held meetings, to move, cancel or send the summary of outputs',
    },
  ],
  entities: [bookingSchema],
  migrations: [Calendar1763900000000, MeetingIndexes1763960000000, CalendarEventEndIndex1765400000000],
  build: ({ services, work, clock }) => {
    const { answers, bookings, requests, outcomes, lists, access } = services;
    const audited = auditedPage(access);
    const meetings = listRoutes(LIST_PAGE_VERBS.meetings, async (p, offset) => audited('adviser', await lists.meetings(p, offset), p), meetingsListCard, clock);
    /**
     * Diary work is a row in SQL, committed with the click's change and started at once; it usually
     * ends well under a second, but may wait on Graph's throttling. The click waits for it at most
     * ANSWER_WITHIN_MS, then answers with the booking as it is; the cards are updated when it ends,
     * and if this process stops first, the next one (or another instance) finishes it.
     */
    const settledWithinAnswer = (bookingId: string, since: number) => work.signals.settled(work.scheduler.idOf(BOOKING_WORK, bookingId), Math.max(0, ANSWER_WITHIN_MS - (Date.now() - since)), since);
    return {
      commands: { meetings: meetings.command },
      verbs: [
        meetings.verb,
        // Diaries are written after the answer: the card says "being booked" and is updated when done.
        answers.verb('booking.book', BOOKING_FIELDS, async (p, t, d) => {
          await bookings.start(p, t.requestId, t.version, d);
          return { request: await requests.visibleTo(p, t.requestId), note: 'Booking it in the diaries… this card is updated when it is done.' };
        }),
        answers.verb('booking.retry', z.object({}), async (p, t) => {
          await bookings.retry(p, t.requestId, t.version);
          return { request: await requests.visibleTo(p, t.requestId), note: 'Trying the diaries again…' };
        }),
        answers.verb('booking.move', BOOKING_FIELDS, async (p, t, d) => {
          const since = Date.now();
          const moving = await bookings.move(p, t.requestId, t.version, d);
          await settledWithinAnswer(moving.id, since);
          const now = await bookings.current(t.requestId);
          const request = await requests.visibleTo(p, t.requestId);
          // Booked at the new time, but a diary would not take it: the card says what to do.
          const note = now?.status !== 'booked' ? 'Moving it in the diaries… this card is updated when it is done.' : now.lastError ? 'Moved, but not in every diary: what to do is on this card.' : `Moved in the diaries. ${whoWasTold(p, request)}`;
          return { request, note };
        }),
        answers.verb('booking.cancel', z.object({}), async (p, t) => {
          const since = Date.now();
          const cancelling = await bookings.cancel(p, t.requestId, t.version);
          await settledWithinAnswer(cancelling.id, since);
          const done = (await bookings.current(t.requestId)) === null;
          const request = await requests.visibleTo(p, t.requestId);
          return { request, note: done ? `Cancelled and removed from the diaries. ${whoWasTold(p, request)}` : 'Removing it from the diaries… this card is updated when it is done.' };
        }),
        // A meeting that did not take place goes back to be booked: its diary entries, in the past, stay.
        answers.verb('outcome.notHeld', z.object({ notHeldReason: z.string().optional(), notHeldNote: z.string().optional() }), async (p, t, d) => {
          const request = await outcomes.recordNotHeld(p, t.requestId, t.version, { reason: d.notHeldReason, note: d.notHeldNote });
          return { request, note: `Recorded that it did not take place: it is to be booked again. ${whoWasTold(p, request)}` };
        }),
      ],
      work: {
        // Writes, moves or removes the booking's diary events; safe to repeat after a stop.
        [BOOKING_WORK]: async (bookingId) => {
          await bookings.complete(bookingId);
        },
      },
    };
  },
};
