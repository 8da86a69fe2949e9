import { MessageFactory, type AdaptiveCardInvokeResponse } from 'botbuilder';
import { z } from 'zod';
import { messageCard, type AdaptiveCard } from '../../cards/render';
import { caseConferenceCard, partnershipCard, recordedOnPageNote, seriesNote, type PartnershipCardOptions } from '../../cards/work-psychologist-cards';
import { WorkPsychologist1764320000000 } from '../../data/migrations/1764320000000-WorkPsychologist';
import { WorkPsychologistSlots1765000000000 } from '../../data/migrations/1765000000000-WorkPsychologistSlots';
import { WaitingCaseConferences1765960000000 } from '../../data/migrations/1765960000000-WaitingCaseConferences';
import { partnershipActivitySchema, partnershipMeetingSchema } from '../../data/schema/work-psychologist';
import { SqlJobLeases } from '../../data/stores/job-leases';
import { SqlOutputsReader, SqlPartnershipStore } from '../../data/stores/partnership';
import { SqlRoleHolders } from '../../data/stores/role-holders';
import { SqlWorkingPatterns } from '../../data/stores/working-patterns';
import { isDatabaseFailure } from '../../data/database-failure';
import { isDomainError, type DomainError } from '../../domain/errors';
import type { StaffMember } from '../../domain/staff';
import type { PartnershipActivity } from '../../domain/work-psychologist/partnership';
import { PartnershipService, type SeriesInput } from '../../domain/work-psychologist/partnership-service';
import { cardAttachment } from '../../dialogs/card-attachment';
import { cardResponse } from '../core/invoke-response';
import { onlyShows, verb, type Journey } from '../core/journey';
import { PROPOSALS_WITHIN_MS, readDiariesWithin } from '../core/time-box';
import { refreshPostedCopies } from '../privacy/posted-copies';

const ACTIVITY_CARD = 'wp_activity_card';
/**
 * The posted copies of a case conference's card: its barriers and advice are about the claimant of
 * the request it names, so erasure and retention re-render them once those are overwritten.
 */
export const CASE_CONFERENCE_LIVE_CARD = 'wp_case_conference';
const text = z.string().optional();

/** The DEA and the work psychologist (seed 000 §43–44): monthly meetings, case conferences, sessions. */
export const workPsychologistJourney: Journey = {
  name: 'work psychologist',
  capabilities: [
    {
      command: 'work psychologist',
      title: 'Working with the work psychologist',
      description: 'Your monthly meetings (booked in both diaries) and their draft agenda from the month’s outputs; ask for a case conference about a claimant; record awareness sessions, themed case conferences and training.',
      roles: ['dea'],
    },
    {
      command: 'work psychologist',
      title: 'Working with the DEA',
      description: 'Your monthly meetings with the DEA and their draft agenda; case conferences the DEA asks of you; awareness sessions, themed case conferences and training.',
      roles: ['work_psychologist'],
    },
  ],
  entities: [partnershipMeetingSchema, partnershipActivitySchema],
  migrations: [WorkPsychologist1764320000000, WorkPsychologistSlots1765000000000, WaitingCaseConferences1765960000000],
  build: ({ services, dataSource, directory, outbox, background, clock, logger, updates }) => {
    const store = new SqlPartnershipStore(dataSource);
    const partnership = new PartnershipService({
      store,
      outputs: new SqlOutputsReader(dataSource),
      calendar: services.calendar,
      people: new SqlRoleHolders(dataSource, directory),
      patterns: new SqlWorkingPatterns(dataSource),
      directory,
      requests: services.requestStore,
      notifier: { activityNeedsAttention: (a, to) => outbox.notify(to, ACTIVITY_CARD, a.id) },
      clock,
      logger,
    });
    const leases = new SqlJobLeases(dataSource);
    // Not in the access log: the page names case conferences by reference only, without their question or advice.
    const overviewCard = async (person: StaffMember, options: PartnershipCardOptions = {}, onlyDeaId?: string): Promise<AdaptiveCard> => {
      const overview = await partnership.overview(person, onlyDeaId);
      return overview ? partnershipCard(overview, options) : messageCard('No DEA in your district has you as their work psychologist in the staff directory, so there is nobody to work with yet.');
    };
    const shownActivity = async (activity: PartnershipActivity, viewer: StaffMember, options: PartnershipCardOptions = {}): Promise<AdaptiveCard> => {
      // Its question and advice may hold health details of the case it names: a showing of that case, by its reference.
      if (activity.requestReference) services.access.saw(viewer, 'work psychologist', activity.requestReference, viewer.id === activity.deaId ? 'adviser' : 'work psychologist', 'card');
      const people = await directory.findByIds([activity.deaId, activity.workPsychologistId]);
      return caseConferenceCard(activity, { dea: people.find((p) => p.id === activity.deaId) ?? null, wp: people.find((p) => p.id === activity.workPsychologistId) ?? null }, viewer, options);
    };
    const activityCard = async (id: string, viewer: StaffMember, options: PartnershipCardOptions = {}): Promise<AdaptiveCard | null> => {
      const activity = await partnership.findActivity(id, viewer);
      return activity ? shownActivity(activity, viewer, options) : null;
    };
    /**
     * A case conference recorded: from a card opened from the page, the page again, saying so, with the
     * next one waiting to open; from its notification (or with no page to show), its card as recorded.
     */
    const recorded = async (person: StaffMember, done: PartnershipActivity, fromPage: boolean): Promise<AdaptiveCard> => {
      if (fromPage) {
        const overview = await partnership.overview(person).catch((error: unknown) => {
          if (isDomainError(error)) return null;
          throw error;
        });
        if (overview) return partnershipCard(overview, { note: recordedOnPageNote(done) });
      }
      return (await activityCard(done.id, person, { note: 'Recorded. The DEA has been told.' })) ?? messageCard('Recorded.');
    };
    /** A click on the page: the change, then the page as it now is; a refusal keeps what was typed. */
    const onPage = async <T>(person: StaffMember, typed: Record<string, string>, change: () => Promise<T>, done: string | ((result: T) => string)): Promise<AdaptiveCardInvokeResponse> => {
      try {
        const result = await change();
        return cardResponse(await overviewCard(person, { note: typeof done === 'string' ? done : done(result) }));
      } catch (error) {
        if (!isDomainError(error)) throw error;
        return refusedOnPage(person, typed, error);
      }
    };
    const refusedOnPage = async (person: StaffMember, typed: Record<string, string>, error: DomainError): Promise<AdaptiveCardInvokeResponse> =>
      cardResponse(await overviewCard(person, { note: `${error.message} Nothing was saved.`, noteTone: 'attention', problems: { ...error.problems }, values: typed }));
    /**
     * The series is placed around both diaries, read within Teams' time for a click. When they are slow
     * (Graph throttling, say) or cannot be read, the form comes back open as it was sent, saying so: the
     * series is saved only once read in time, so a read that lands after the answer writes nothing.
     */
    const bookSeries = async (person: StaffMember, data: SeriesInput, typed: Record<string, string>): Promise<AdaptiveCardInvokeResponse> => {
      const read = await readDiariesWithin(
        PROPOSALS_WITHIN_MS,
        partnership.prepareMonthlyMeetings(person, data),
        { nothing: 'nothing was booked or saved', again: 'Book them' },
        { logger, actorId: person.id, what: 'work psychologist meetings' },
        (error) => isDomainError(error) || isDatabaseFailure(error),
      ).catch((error: unknown) => {
        if (isDomainError(error)) return { refused: error };
        throw error;
      });
      if ('refused' in read) return refusedOnPage(person, typed, read.refused);
      if ('unread' in read) return cardResponse(await overviewCard(person, { note: read.unread, noteTone: 'attention', values: typed, reopen: 'wp.book' }));
      const prepared = read.value;
      return onPage(
        person,
        typed,
        async () => {
          const series = await prepared.save();
          // Written to the diaries after the answer; the periodic job retries what fails.
          background.run('book work psychologist meetings', () => partnership.bookUnbooked());
          return series;
        },
        (series) => seriesNote(series),
      );
    };
    const bookUnbooked = async (): Promise<number | null> => {
      const now = clock.now();
      // Every instance looks; one books each quarter hour (events are idempotent by transaction id besides).
      const period = new Date(Math.floor(now.getTime() / 900_000) * 900_000).toISOString();
      if (!(await leases.claim('wp-meetings', period, now, 10 * 60_000))) return null;
      const booked = await partnership.bookUnbooked();
      await leases.complete('wp-meetings', period, now);
      return booked;
    };
    return {
      commands: {
        'work psychologist': onlyShows(async (turn, person) => {
          await turn.sendActivity(MessageFactory.attachment(cardAttachment(await overviewCard(person))));
        }),
      },
      submits: {
        // "Open <DEA>'s agenda" on a work psychologist's page of several DEAs: that DEA's agenda and sessions in full, as a card of its own.
        'wp.agenda': async (turn, person, data) => {
          try {
            await turn.sendActivity(MessageFactory.attachment(cardAttachment(await overviewCard(person, {}, typeof data.deaId === 'string' ? data.deaId : ''))));
          } catch (error) {
            if (!isDomainError(error)) throw error;
            await turn.sendActivity(error.message);
          }
        },
      },
      verbs: [
        verb('wp.book', z.object({ firstDate: text, time: text, durationMinutes: text, mode: text }), ({ person, data, typed }) => bookSeries(person, data, typed)),
        verb('wp.askConference', z.object({ reference: text, topic: text }), ({ person, data, typed }) =>
          onPage(person, typed, () => partnership.askCaseConference(person, data.reference, data.topic), 'Asked. The work psychologist has been sent the request reference and the barriers.'),
        ),
        verb('wp.session', z.object({ kind: text, topic: text, date: text, feedback: text, deaId: text }), ({ person, data, typed }) =>
          onPage(person, typed, () => partnership.recordSession(person, data), 'Recorded with its date.'),
        ),
        // "Open" beside a case conference waiting on the work psychologist's page: its card, as its notification carried it, with the way back.
        verb('wp.conference', z.object({ activityId: z.string().min(1).max(64) }), async ({ person, data }) => {
          try {
            return cardResponse(await shownActivity(await partnership.openCaseConference(person, data.activityId), person, { fromPage: true }));
          } catch (error) {
            if (!isDomainError(error)) throw error;
            return cardResponse(messageCard(error.message));
          }
        }),
        // "Back to your page" on a case conference's card opened from the page: the page as it is now, in the card's place.
        verb('wp.page', z.object({}), async ({ person }) => {
          try {
            return cardResponse(await overviewCard(person));
          } catch (error) {
            if (!isDomainError(error)) throw error;
            return cardResponse(messageCard(error.message));
          }
        }),
        // `from: 'page'` when the card was opened from the page (its notification's form sends no `from`).
        verb('wp.conferenceDone', z.object({ activityId: z.string().min(1).max(64), date: text, note: text, from: z.literal('page').optional() }), async ({ person, data, typed }) => {
          const fromPage = data.from === 'page';
          try {
            return cardResponse(await recorded(person, await partnership.recordCaseConference(person, data.activityId, data.date, data.note), fromPage));
          } catch (error) {
            if (!isDomainError(error)) throw error;
            const card = error.kind === 'not_found' ? null : await activityCard(data.activityId, person, { note: `${error.message} Nothing was saved.`, noteTone: 'attention', problems: { ...error.problems }, values: typed, fromPage });
            return cardResponse(card ?? messageCard(`${error.message} Nothing was saved.`));
          }
        }),
      ],
      cards: {
        [ACTIVITY_CARD]: {
          render: (id, recipient) => activityCard(id, recipient),
          // Kept for a case conference, which names a request: sessions name no claimant.
          posted: async (id, recipientAad, activityId, reference) => {
            if ((await store.findActivity(id))?.requestReference) await services.postedCards.record({ requestId: id, recipientAad, activityId, reference });
          },
        },
      },
      liveCards: {
        [CASE_CONFERENCE_LIVE_CARD]: async (id) => {
          const activity = await store.findActivity(id);
          if (!activity?.requestReference) return;
          await refreshPostedCopies({ postedCards: services.postedCards, directory, updates, logger }, { kind: CASE_CONFERENCE_LIVE_CARD, subjectId: id }, (viewer) => activityCard(id, viewer), activity.requestReference);
        },
      },
      jobs: [{ name: 'bookWorkPsychologistMeetings', everyMs: 15 * 60_000, run: bookUnbooked }],
    };
  },
};
