import { z } from 'zod';
import { LIST_PAGE_VERBS, meetingsListCard } from '../../cards/list-cards';
import { Calendar1763900000000 } from '../../data/migrations/1763900000000-Calendar';
import { MeetingIndexes1763960000000 } from '../../data/migrations/1763960000000-MeetingIndexes';
import { bookingSchema } from '../../data/schema/calendar';
import type { BackgroundWork } from '../core/background';
import type { Journey } from '../core/journey';
import { listRoutes } from '../core/list-routes';
import { settleWithin } from '../core/time-box';

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
});

/**
 * Diary work that usually takes well under a second, but may wait on Graph's throttling: the
 * click is answered after at most ANSWER_WITHIN_MS, and the work goes on in the background (the
 * cards are updated when it ends). A refusal that comes in time is still shown on the card.
 */
async function withinAnswerTime(background: BackgroundWork, name: string, work: Promise<unknown>): Promise<boolean> {
  const settled = await settleWithin(ANSWER_WITHIN_MS, work);
  if (!settled) background.run(name, () => work);
  return settled !== undefined;
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
  migrations: [Calendar1763900000000, MeetingIndexes1763960000000],
  build: ({ services, background, clock }) => {
    const { answers, bookings, requests, lists } = services;
    const meetings = listRoutes(LIST_PAGE_VERBS.meetings, (p, offset) => lists.meetings(p, offset), meetingsListCard, clock);
    return {
      commands: { meetings: meetings.command },
      verbs: [
        meetings.verb,
        // Diaries are written after the answer: the card says "being booked" and is updated when done.
        answers.verb('booking.book', BOOKING_FIELDS, async (p, t, d) => {
          const booking = await bookings.start(p, t.requestId, t.version, d);
          background.run('booking', () => bookings.complete(booking.id));
          return { request: await requests.visibleTo(p, t.requestId), note: 'Booking it in the diaries… this card is updated when it is done.' };
        }),
        answers.verb('booking.retry', z.object({}), async (p, t) => {
          const booking = await bookings.retry(p, t.requestId, t.version);
          background.run('booking', () => bookings.complete(booking.id));
          return { request: await requests.visibleTo(p, t.requestId), note: 'Trying the diaries again…' };
        }),
        answers.verb('booking.move', BOOKING_FIELDS, async (p, t, d) => {
          const done = await withinAnswerTime(background, 'booking.move', bookings.move(p, t.requestId, t.version, d));
          return { request: await requests.visibleTo(p, t.requestId), note: done ? 'Moved in the diaries. The other person has been told.' : 'Moving it in the diaries… this card is updated when it is done.' };
        }),
        answers.verb('booking.cancel', z.object({}), async (p, t) => {
          const done = await withinAnswerTime(background, 'booking.cancel', bookings.cancel(p, t.requestId, t.version));
          return {
            request: await requests.visibleTo(p, t.requestId),
            note: done ? 'Cancelled and removed from the diaries. The other person has been told.' : 'Removing it from the diaries… this card is updated when it is done.',
          };
        }),
      ],
    };
  },
};
