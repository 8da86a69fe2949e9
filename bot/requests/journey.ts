import { z } from 'zod';
import { LIST_PAGE_VERBS, myRequestsListCard, queueListCard } from '../../cards/list-cards';
import { trendCard } from '../../cards/trend-card';
import { NEW_REQUEST_DIALOG, NewRequestDialog, type SavedDraft } from '../../dialogs/new-request-dialog';
import { SupportRequests1763880000000 } from '../../data/migrations/1763880000000-SupportRequests';
import { Triage1763890000000 } from '../../data/migrations/1763890000000-Triage';
import { ListIndexes1764900000000 } from '../../data/migrations/1764900000000-ListIndexes';
import { MeetingBookedFlag1765100000000 } from '../../data/migrations/1765100000000-MeetingBookedFlag';
import { QueueOrderIndex1765200000000 } from '../../data/migrations/1765200000000-QueueOrderIndex';
import { MeetingTimeOnRequest1765300000000 } from '../../data/migrations/1765300000000-MeetingTimeOnRequest';
import { ClaimantCoachOnRequest1765750000000 } from '../../data/migrations/1765750000000-ClaimantCoachOnRequest';
import { CoachChecksIndex1765900000000 } from '../../data/migrations/1765900000000-CoachChecksIndex';
import { MeetingBookedMoving1765950000000 } from '../../data/migrations/1765950000000-MeetingBookedMoving';
import { MeetingTimeMoving1765970000000 } from '../../data/migrations/1765970000000-MeetingTimeMoving';
import { TeamLeadersOnRequest1766000000000 } from '../../data/migrations/1766000000000-TeamLeadersOnRequest';
import { postedCardSchema } from '../../data/schema/messaging';
import { claimantSchema, requestEventSchema, requestMessageSchema, supportRequestSchema, trendAlertSchema } from '../../data/schema/requests';
import { SqlHubStore, SqlPartnershipDirectory } from '../../data/stores/partnerships';
import { COLLEAGUES } from '../../domain/capabilities';
import { HubSuggester } from '../../domain/partnerships/hub-suggestions';
import type { Journey } from '../core/journey';
import { auditedPage, listRoutes } from '../core/list-routes';
import { CASE_CARD_KINDS, REQUEST_LIVE_CARD } from '../core/outbox-writer';
import { PARTNERSHIP_KINDS } from '../partnerships/partnership-notifier';
import { refreshRequestCopies, requestCardOrNotice } from './live-request-card';
import { groupConferenceNomination } from '../../domain/requests/triage-service';

const text = z.string().optional();

/** Asking the DEA for support, and the DEA's triage of each request on its card (seed 000 §1–13). */
export const requestsJourney: Journey = {
  name: 'requests',
  capabilities: [
    {
      command: 'new request',
      title: 'Ask your DEA for support',
      description: 'One to one claimant support or skill support, with the required response date.',
      roles: ['work_coach'],
      menu: 'Ask your Disability Employment Adviser (DEA) for support with a claimant or a skill',
    },
    {
      command: 'new request',
      title: 'Ask the DEA for support',
      description: 'Say what you need, why, and how urgent it is.',
      roles: COLLEAGUES,
    },
    {
      command: 'my requests',
      title: 'Your requests',
      description: 'Everything you have asked for, newest first, 25 at a time, with its status. Open one to see it or withdraw it while it is not yet booked.',
      roles: ['work_coach', ...COLLEAGUES],
      menu: 'Your requests to your DEA and their status',
    },
    {
      command: null,
      title: 'Requests from your cohort',
      description: 'Each support request from your work coaches arrives here as a card: accept it with a type of support, ask for more information, or redirect it.',
      roles: ['dea'],
    },
    {
      command: 'queue',
      title: 'Your queue',
      description: 'Your open requests, urgent first, then by the date a response is needed; overdue ones marked.',
      roles: ['dea'],
      menu: 'For DEAs: your open requests, urgent first, then by the date a response is needed',
    },
    {
      command: null,
      title: 'Trends in your team',
      description: 'When requests keep being marked inappropriate, or keep asking about one skill topic, you are told here once.',
      roles: ['work_coach_team_leader'],
    },
  ],
  entities: [claimantSchema, supportRequestSchema, requestEventSchema, requestMessageSchema, trendAlertSchema, postedCardSchema],
  migrations: [SupportRequests1763880000000, Triage1763890000000, ListIndexes1764900000000, MeetingBookedFlag1765100000000, QueueOrderIndex1765200000000, MeetingTimeOnRequest1765300000000, ClaimantCoachOnRequest1765750000000, CoachChecksIndex1765900000000, MeetingBookedMoving1765950000000, MeetingTimeMoving1765970000000, TeamLeadersOnRequest1766000000000],
  build: ({ services, userState, clock, directory, updates, logger, dataSource, outbox }) => {
    const { requests, triage, answers, cards, postedCards, requestStore, requestEvents, trendStore, answered, bookings, lists, access } = services;
    const audited = auditedPage(access);
    const mine = listRoutes(LIST_PAGE_VERBS.mine, async (p, offset) => audited('requester', await lists.mine(p, offset), p), myRequestsListCard, clock);
    const queue = listRoutes(LIST_PAGE_VERBS.queue, async (p, offset) => audited('adviser', await lists.queue(p, offset), p), queueListCard, clock);
    return {
      dialogs: [new NewRequestDialog(requests, userState.createProperty<SavedDraft | undefined>('requestDraft'), new HubSuggester({ hub: new SqlHubStore(dataSource), districts: new SqlPartnershipDirectory(dataSource, directory) }))],
      commands: {
        'new request': async (_turn, _person, dc) => {
          await dc.beginDialog(NEW_REQUEST_DIALOG);
        },
        'my requests': mine.command,
        queue: queue.command,
      },
      submits: {
        'request.open': (turn, person, data) => answers.open(turn, person, typeof data.requestId === 'string' ? data.requestId : ''),
      },
      verbs: [
        mine.verb,
        queue.verb,
        answers.refreshVerb(),
        answers.verb('request.withdraw', z.object({}), async (p, t) => ({ request: await requests.withdraw(p, t.requestId, t.version), note: 'You withdrew this request. The DEA has been told.' })),
        answers.verb('request.accept', z.object({ channel: text }), async (p, t, d) => {
          const request = await triage.accept(p, t.requestId, t.version, d.channel);
          const nominated = groupConferenceNomination(request);
          return { request, note: nominated ? `Accepted. ${nominated} The work coach has been told.` : 'Accepted. The work coach has been told.' };
        }),
        answers.verb('request.ask', z.object({ question: text }), async (p, t, d) => ({ request: await triage.askForInformation(p, t.requestId, t.version, d.question), note: 'Your question was sent to the work coach.' })),
        answers.verb('request.answer', z.object({ answer: text }), async (p, t, d) => ({ request: await triage.answer(p, t.requestId, t.version, d.answer), note: 'Your answer was sent to the DEA.' })),
        answers.verb(
          'request.redirect',
          // A Toggle or ChoiceSet sends "yes" (or a comma-separated list): a plain yes or no from here on.
          z.object({ redirectReason: text, inappropriate: z.string().optional().transform((v) => (v ?? '').split(',').includes('yes')) }),
          async (p, t, d) => ({ request: await triage.redirect(p, t.requestId, t.version, d.redirectReason, d.inappropriate), note: 'Redirected. The work coach has been told why.' }),
        ),
        answers.verb('request.inform', z.object({ summary: text, information: text }), async (p, t, d) => {
          const request = await triage.sendInformation(p, t.requestId, t.version, d.summary, d.information);
          // The coach also gets the local Disability Hub's entries that fit the information.
          await outbox.notify(request.requesterId, PARTNERSHIP_KINDS.hubForInformation, request.id);
          return { request, note: 'The information was sent and the request closed. The work coach also gets the Hub entries that fit it.' };
        }),
        answers.verb('request.hold', z.object({ holdingText: text, expectedReturn: text }), async (p, t, d) => ({ request: await triage.holdingResponse(p, t.requestId, t.version, d.holdingText, d.expectedReturn), note: 'Your holding response was sent.' })),
      ],
      cards: {
        [CASE_CARD_KINDS.request]: {
          render: (requestId, recipient) => requestCardOrNotice({ requestStore, postedCards, events: requestEvents, directory, bookings, cards }, requestId, recipient),
          posted: (requestId, recipientAad, activityId, reference) => postedCards.record({ requestId, recipientAad, activityId, reference }),
          // The DEA's card keeps the work coach waiting; a card back to the coach keeps the DEA waiting.
          // Anyone else sent it (a team leader who may book a skill conference) keeps nobody waiting.
          waiting: async (requestId, recipientAad) => {
            const request = await requestStore.findById(requestId);
            const recipient = request ? await directory.findByAadObjectId(recipientAad) : null;
            if (!request || !recipient) return null;
            if (recipient.id === request.requesterId) return { staffId: request.deaId, about: `the latest on request ${request.reference}` };
            return recipient.id === request.deaId ? { staffId: request.requesterId, about: `your request ${request.reference}` } : null;
          },
        },
        [CASE_CARD_KINDS.trend]: {
          render: async (trendId) => {
            const trend = await trendStore.find(trendId);
            return trend ? trendCard(trend, await directory.findByIds(trend.coachIds)) : null;
          },
        },
      },
      liveCards: {
        [REQUEST_LIVE_CARD]: (requestId) => refreshRequestCopies({ requestStore, postedCards, answered, directory, cards, updates, logger }, requestId),
      },
    };
  },
};
