import { z } from 'zod';
import { SpecialistAdvice1764100000000 } from '../../data/migrations/1764100000000-SpecialistAdvice';
import { SpecialistAdviceGaps1764510000000 } from '../../data/migrations/1764510000000-SpecialistAdviceGaps';
import { AdviceConversationIndexes1765600000000 } from '../../data/migrations/1765600000000-AdviceConversationIndexes';
import { AdviceSubmissionKey1765800000000 } from '../../data/migrations/1765800000000-AdviceSubmissionKey';
import { AdviceAskedAdHoc1765910000000 } from '../../data/migrations/1765910000000-AdviceAskedAdHoc';
import { adviceConversationSchema, adviceEventSchema, adviceNotesSchema, hcpBreakSchema, hcpSiteDaySchema } from '../../data/schema/specialist-advice';
import { SqlHcpActivityStore, SqlHcpAway, SqlHcpRoles } from '../../data/stores/hcp-activity';
import { SqlAdvicePeople, SqlAdviceStore } from '../../data/stores/specialist-advice';
import { SqlWorkingPatterns } from '../../data/stores/working-patterns';
import { SqlUnitOfWork } from '../../data/transactions';
import { isDomainError } from '../../domain/errors';
import { AdviceService } from '../../domain/specialist-advice/advice-service';
import { ADVICE_DIARY_WORK } from '../../domain/specialist-advice/conversation';
import { errorForLog } from '../logger';
import { onlyShows, verb, type Journey } from '../core/journey';
import { AdviceActions } from './advice-actions';
import { FEEDBACK_AFTER_CARD } from '../reports/kinds';
import { ADVICE_HCP_AWAY_LINE } from './kinds';

/** The outbox kind of a conversation's card: rendered for its recipient when delivered. */
export const ADVICE_CARD = 'advice_card';
/**
 * The short notice to the HCP and the district's activity managers that a conversation was booked
 * over the HCP's supporting activity: rendered at delivery, so nothing is sent once nothing is under it.
 */
export const ADVICE_OVER_ACTIVITY_CARD = 'advice_over_activity';
/** Posted copies of a conversation's cards (one per person), re-rendered in place whenever it changes. */
export const ADVICE_LIVE_CARD = 'advice';
/** Teams gives a card action 5 seconds; rendering the card takes the rest. */
const ANSWER_WITHIN_MS = 3000;

/** Every conversation card names the conversation and the version it showed; the rest are its inputs. */
const CONVERSATION = z
  .object({
    conversationId: z.string().min(1).max(64),
    version: z.union([z.string(), z.number()]).optional().transform((v) => (v === undefined || v === '' ? null : Number(v))),
  })
  .passthrough();

const ATTENDANCE = CONVERSATION.extend({ outcome: z.enum(['did_not_attend', 'declined']) });
const AD_HOC = CONVERSATION.extend({ accept: z.union([z.literal('true'), z.literal('false'), z.boolean()]).transform((v) => v === true || v === 'true') });
const ANY = z.object({}).passthrough();
/** The request form: its key (made when it was shown; none on a form from before keys) and its inputs. */
const REQUEST = z.object({ submissionKey: z.string().min(1).max(64).optional() }).passthrough();

/** What a card sent, less the ids: what the person typed, to give back on a refusal. */
function inputsOf(typed: Readonly<Record<string, string>>): Record<string, string> {
  const { conversationId: _id, version: _version, outcome: _outcome, accept: _accept, ...inputs } = typed;
  return inputs;
}

/** Specialist Advice: three-way conversations of a work coach, a claimant and a Health Care Professional. */
export const specialistAdviceJourney: Journey = {
  name: 'specialist advice',
  capabilities: [
    {
      command: 'specialist advice',
      title: 'Ask for Specialist Advice',
      description: 'Book a three-way conversation with a Health Care Professional for a claimant on ESA or UC with a health condition, or ask for one now.',
      roles: ['work_coach'],
      menu: 'Book a three-way conversation with a Health Care Professional, or ask for one now',
    },
    {
      command: 'my day',
      title: 'Your day',
      description: 'HCPs: today’s conversations, packs and free time, and the week ahead. Contacts: the packs to prepare. Activity managers: each HCP’s diary and site plan. Work coaches: your Specialist Advice conversations.',
      roles: ['hcp', 'hcp_activity_manager', 'jobcentre_contact', 'work_coach'],
      menu: 'Specialist Advice: your conversations, your day as an HCP, the packs to prepare, or your HCPs’ diaries',
    },
    {
      command: null,
      title: 'Three-way conversations',
      description: 'Each conversation comes to you as a card: confirm your preparation, record your notes and return the pack there.',
      roles: ['hcp'],
    },
    {
      command: null,
      title: 'Information packs',
      description: 'You get a card for each conversation booked at your jobcentre: mark the pack ready, confirm it came back, and send any GP notification.',
      roles: ['jobcentre_contact'],
    },
  ],
  entities: [adviceConversationSchema, adviceNotesSchema, adviceEventSchema, hcpSiteDaySchema, hcpBreakSchema],
  migrations: [SpecialistAdvice1764100000000, SpecialistAdviceGaps1764510000000, AdviceConversationIndexes1765600000000, AdviceSubmissionKey1765800000000, AdviceAskedAdHoc1765910000000],
  build: ({ dataSource, directory, outbox, updates, clock, logger, services, work }) => {
    const activityStore = new SqlHcpActivityStore(dataSource);
    const hcpRoles = new SqlHcpRoles(dataSource, directory);
    const service = new AdviceService({
      store: new SqlAdviceStore(dataSource),
      people: new SqlAdvicePeople(dataSource, directory),
      directory,
      calendar: services.calendar,
      patterns: new SqlWorkingPatterns(dataSource),
      activities: {
        of: (hcpId, fromDate, toDate) => activityStore.activitiesOf(hcpId, fromDate, toDate),
        managersInDistrict: (district) => hcpRoles.managersInDistrict(district),
      },
      absences: new SqlHcpAway(dataSource),
      // Cards queued in a use case are sent, and live copies updated, only once it commits.
      notifier: {
        tell: (personId, conversation) => outbox.notify(personId, ADVICE_CARD, conversation.id),
        changed: (conversation) => outbox.changed(ADVICE_LIVE_CARD, conversation.id),
        held: (conversation) => outbox.notify(conversation.coachId, FEEDBACK_AFTER_CARD, conversation.id),
        bookedOver: (personId, conversation) => outbox.notify(personId, ADVICE_OVER_ACTIVITY_CARD, conversation.id),
      },
      uow: new SqlUnitOfWork(dataSource),
      work: work.scheduler,
      clock,
    });
    const actions = new AdviceActions({ service, directory, clock, logger, access: services.access, postedCards: services.postedCards });
    /**
     * Diaries are written after the click, as durable work; it usually ends well under a second, so
     * the click waits for it a moment and shows the diaries written. Otherwise the card says they are
     * being written and is updated when they are.
     */
    const afterDiaries = async (conversationId: string, since: number) => {
      await work.signals.settled(work.scheduler.idOf(ADVICE_DIARY_WORK, conversationId), ANSWER_WITHIN_MS, since);
      return service.get(conversationId);
    };
    const diaryNote = (c: { diaryStatus: string }, done: string, writing: string) =>
      c.diaryStatus === 'done' ? { text: done, tone: 'good' as const } : c.diaryStatus === 'failed' ? { text: 'The diaries could not all be written. Try again below, or cancel.', tone: 'attention' as const } : { text: writing, tone: 'good' as const };
    return {
      commands: {
        'specialist advice': onlyShows((turn, person) => actions.requestCommand(turn, person)),
        'my day': onlyShows((turn, person) => actions.dayCommand(turn, person)),
      },
      verbs: [
        verb('advice.request', REQUEST, ({ person, data, typed, turn }) => {
          const { submissionKey: _key, ...inputs } = typed;
          return actions.requestAnswer(person, inputs, data.submissionKey, turn);
        }),
        verb('advice.open', CONVERSATION, ({ person, data, turn }) => actions.answer(person, 'advice.open', data.conversationId, {}, async () => ({ conversation: await service.get(data.conversationId) }), turn)),
        verb('advice.times', CONVERSATION, ({ person, data }) =>
          actions.answer(person, 'advice.times', data.conversationId, {}, async () => {
            const conversation = await service.get(data.conversationId);
            const times = await actions.timesFor(conversation);
            return { conversation, extras: { proposals: times.proposals, ...(times.unavailable ? { note: { text: times.unavailable, tone: 'attention' as const } } : {}) } };
          }),
        ),
        verb('advice.book', CONVERSATION, ({ person, data, typed, turn }) =>
          actions.answer(
            person,
            'advice.book',
            data.conversationId,
            inputsOf(typed),
            async () => {
              const since = Date.now();
              const moving = (await service.get(data.conversationId)).status === 'booked';
              await service.book(person, data.conversationId, data.version, typed.slot ?? '');
              const conversation = await afterDiaries(data.conversationId, since);
              const done = moving ? 'Moved. The diaries have the new time, with the preparation before it.' : 'Booked. The HCP’s diary has it, with the preparation before it, and you are invited.';
              return { conversation, extras: { note: diaryNote(conversation, done, `${moving ? 'Moved' : 'Booked'}. Writing it in the diaries now: this card shows when that is done.`) } };
            },
            turn,
          ),
        ),
        verb('advice.adhoc', AD_HOC, ({ person, data, turn }) =>
          actions.answer(
            person,
            'advice.adhoc',
            data.conversationId,
            {},
            async () => {
              const since = Date.now();
              await service.answerAdHoc(person, data.conversationId, data.version, data.accept);
              if (!data.accept) return { conversation: await service.get(data.conversationId), extras: { note: { text: 'The work coach is told and will book a time instead.', tone: 'good' } } };
              const conversation = await afterDiaries(data.conversationId, since);
              return { conversation, extras: { note: diaryNote(conversation, 'Thank you. The work coach is told, and it is in your diary.', 'Thank you. The work coach is told. Writing it in your diary now.') } };
            },
            turn,
          ),
        ),
        verb('advice.cancel', CONVERSATION, ({ person, data, turn }) =>
          actions.answer(
            person,
            'advice.cancel',
            data.conversationId,
            {},
            async () => {
              const since = Date.now();
              const cancelled = await service.cancel(person, data.conversationId, data.version);
              const conversation = cancelled.diaryStatus === 'done' ? cancelled : await afterDiaries(data.conversationId, since);
              return { conversation, extras: { note: diaryNote(conversation, 'Cancelled. Nothing is left in the diaries.', 'Cancelled. Removing it from the diaries now.') } };
            },
            turn,
          ),
        ),
        verb('advice.retryDiaries', CONVERSATION, ({ person, data, turn }) =>
          actions.answer(
            person,
            'advice.retryDiaries',
            data.conversationId,
            {},
            async () => {
              const since = Date.now();
              await service.retryDiaries(person, data.conversationId, data.version);
              const conversation = await afterDiaries(data.conversationId, since);
              return { conversation, extras: { note: diaryNote(conversation, 'The diaries are up to date now.', 'Trying the diaries again: this card shows when that is done.') } };
            },
            turn,
          ),
        ),
        verb('advice.attendance', ATTENDANCE, ({ person, data }) =>
          actions.answer(person, 'advice.attendance', data.conversationId, {}, async () => ({ conversation: await service.recordAttendance(person, data.conversationId, data.version, data.outcome), extras: { note: { text: 'Recorded.', tone: 'good' } } })),
        ),
        verb('advice.pack', CONVERSATION, ({ person, data }) =>
          actions.answer(person, 'advice.pack', data.conversationId, {}, async () => ({ conversation: await service.packReady(person, data.conversationId, data.version), extras: { note: { text: 'Thank you. The HCP is told the pack is ready.', tone: 'good' } } })),
        ),
        verb('advice.prepared', CONVERSATION, ({ person, data }) =>
          actions.answer(person, 'advice.prepared', data.conversationId, {}, async () => ({ conversation: await service.prepared(person, data.conversationId, data.version), extras: { note: { text: 'Preparation recorded.', tone: 'good' } } })),
        ),
        verb('advice.notes', CONVERSATION, ({ person, data, typed }) =>
          actions.answer(person, 'advice.notes', data.conversationId, inputsOf(typed), async () => ({
            conversation: await service.recordNotes(person, data.conversationId, data.version, typed),
            extras: { note: { text: 'Notes saved. The work coach has the agreed actions.', tone: 'good' } },
          })),
        ),
        verb('advice.returned', CONVERSATION, ({ person, data }) =>
          actions.answer(person, 'advice.returned', data.conversationId, {}, async () => ({ conversation: await service.returned(person, data.conversationId, data.version), extras: { note: { text: 'Recorded. The contact is asked to confirm.', tone: 'good' } } })),
        ),
        verb('advice.confirmReturn', CONVERSATION, ({ person, data }) =>
          actions.answer(person, 'advice.confirmReturn', data.conversationId, {}, async () => ({ conversation: await service.confirmReturn(person, data.conversationId, data.version), extras: { note: { text: 'Confirmed. Thank you.', tone: 'good' } } })),
        ),
        verb('advice.findingsSent', CONVERSATION, ({ person, data }) =>
          actions.answer(person, 'advice.findingsSent', data.conversationId, {}, async () => ({ conversation: await service.findingsSent(person, data.conversationId, data.version), extras: { note: { text: 'Recorded as sent to the GP.', tone: 'good' } } })),
        ),
        verb('advice.week', ANY, ({ person }) => actions.weekAnswer(person)),
        verb('advice.siteDay', ANY, ({ person, typed }) => actions.siteDayAnswer(person, typed)),
        verb('advice.breaks', ANY, ({ person, typed }) => actions.breaksAnswer(person, typed)),
      ],
      work: {
        // Writes, moves or removes the conversation's diary entries; safe to repeat after a stop.
        [ADVICE_DIARY_WORK]: async (conversationId) => {
          await service.syncDiaries(conversationId);
        },
      },
      jobs: [
        { name: 'remindAdvicePacks', everyMs: 15 * 60_000, run: () => service.remindPacks() },
        // Every minute: the coach may still be with the claimant when an ad hoc ask lapses.
        { name: 'tellLapsedAdHocAsks', everyMs: 60_000, run: () => service.tellLapsedAdHocAsks() },
      ],
      cards: {
        // A conversation gone, or no longer this person's, sends nothing.
        [ADVICE_CARD]: {
          render: (conversationId, recipient) => actions.cardOrNotice(recipient, conversationId).catch((error: unknown) => (isDomainError(error) ? null : Promise.reject(error))),
          posted: (conversationId, recipientAad, activityId, reference) => services.postedCards.record({ requestId: conversationId, recipientAad, activityId, reference }),
        },
        // Not kept as a live copy: it names the conversation and the activity by reference, kind and
        // time only, and is not the conversation's card.
        [ADVICE_OVER_ACTIVITY_CARD]: {
          render: (conversationId, recipient) => actions.bookedOverNotice(recipient, conversationId).catch((error: unknown) => (isDomainError(error) ? null : Promise.reject(error))),
        },
        // A line, not a card: the coach has the conversation's card already, and moves or cancels it there.
        [ADVICE_HCP_AWAY_LINE]: {
          render: (conversationId, recipient) => actions.hcpAwayLine(recipient, conversationId).catch((error: unknown) => (isDomainError(error) ? null : Promise.reject(error))),
        },
      },
      liveCards: {
        [ADVICE_LIVE_CARD]: async (conversationId) => {
          for (const copy of await services.postedCards.forRequest(conversationId)) {
            const viewer = await directory.findByAadObjectId(copy.recipientAad);
            const card = viewer ? await actions.render(viewer, conversationId).catch(() => null) : null;
            if (!card) continue;
            try {
              await updates.update({ kind: ADVICE_LIVE_CARD, subjectId: conversationId }, copy.reference, copy.activityId, card);
            } catch (error) {
              logger.warn({ conversationId, err: errorForLog(error) }, 'could not update a posted card');
            }
          }
        },
      },
    };
  },
};
