import { z } from 'zod';
import { Partnerships1764200000000 } from '../../data/migrations/1764200000000-Partnerships';
import { HubForum1765000000001 } from '../../data/migrations/1765000000001-HubForum';
import { StrategyMeetings1765000000002 } from '../../data/migrations/1765000000002-StrategyMeetings';
import { PartnerVersion1765940000000 } from '../../data/migrations/1765940000000-PartnerVersion';
import { SqlRoleHolders } from '../../data/stores/role-holders';
import { STRATEGY_CLOSED_WORK, STRATEGY_MEETING_WORK, StrategyMeetingService } from '../../domain/partnerships/strategy-meetings';
import { randomUUID } from 'node:crypto';
import { ForumActions } from './forum-actions';
import { ForumService } from '../../domain/partnerships/forum';
import { externalPartnerSchema, forumPostSchema, strategyMeetingSchema, hubChangeSchema, hubEntrySchema, opportunitySchema, serviceChangeSchema, strategyActionSchema, strategySchema } from '../../data/schema/partnerships';
import { SqlForumStore, SqlStrategyMeetingStore, SqlHubStore, SqlInformationSummaries, SqlPartnerStore, SqlPartnershipDirectory, SqlSolutionStore, SqlStrategyStore } from '../../data/stores/partnerships';
import { hubSuggestionsCard } from '../../cards/partnership-cards';
import { FORUM_OPEN_VERB, FORUM_PAGE_VERB } from '../../cards/forum-cards';
import { HubSuggester } from '../../domain/partnerships/hub-suggestions';
import type { StaffMember } from '../../domain/staff';
import { SqlUnitOfWork } from '../../data/transactions';
import { ROLES } from '../../domain/roles';
import { PartnershipService } from '../../domain/partnerships/partnership-service';
import { StrategyService } from '../../domain/partnerships/strategy-service';
import { onlyShows, verb, type Journey } from '../core/journey';
import { PartnershipActions } from './partnership-actions';
import { OutboxForumNotifier, OutboxPartnershipNotifier, OutboxStrategyNotifier, PARTNERSHIP_KINDS, STRATEGY_KINDS_OUT } from './partnership-notifier';
import { HeldConferences, StrategyActions } from './strategy-actions';
import { StrategiesWithTheirPeople } from './strategy-people';

/** A forum page's offset as its button sends it: a whole number of posts from the newest. */
const FORUM_OFFSET = z.coerce.number().int().min(0).max(10_000_000);

const id = z.string().max(64);
const version = z.union([z.string(), z.number()]).transform((v) => Number(v));
/** Form inputs arrive as strings; the domain checks what they say. */
const inputs = z.record(z.string(), z.unknown());
/** An Input.ChoiceSet with one "yes" option sends "true", or nothing. */
const HUB_FORM = inputs;
const SHARE_FORM = z.object({ onHub: z.string().optional().transform((v) => (v ?? '').split(',').includes('true')) }).passthrough();
/** A partner's update form: the partner and version from the button, the rest typed (the domain checks what it says). */
const PARTNER_UPDATE_FORM = z.object({ partnerId: id, version, lastMetOn: z.string().optional(), contact: z.string().optional(), website: z.string().optional() });

/**
 * The DEA's partnership work (seed 000 §45–62): the local Disability Hub, opportunities shared
 * with the cohort, external partners with the changes in their services, and strategies.
 */
export const partnershipsJourney: Journey = {
  name: 'partnerships',
  capabilities: [
    {
      command: 'hub',
      title: 'Search the local Disability Hub',
      description: 'Health and disability information, provision and services in your district. Say "hub" and some words, for example "hub autism".',
      roles: ROLES,
      menu: 'Search your local Disability Hub: say hub and some words, for example hub autism',
      takesWords: true,
    },
    {
      command: 'partnerships',
      title: 'Partnerships and strategies',
      description: 'Share an employment or provision opportunity with all your work coaches, keep your external partners and tell the district when a service changes, and lead strategies.',
      roles: ['dea'],
    },
    {
      command: 'partnerships',
      title: 'Strategies you own',
      description: 'The strategies your DEA leads and you own; agree to a joint local strategy before it goes ahead.',
      roles: ['work_coach_team_leader'],
    },
    {
      command: 'partnerships',
      title: 'Strategies with your DEAs',
      description: 'The strategies with the work psychologist that the DEAs you work with lead: add and move on their actions.',
      roles: ['work_psychologist'],
    },
    {
      command: 'forum',
      title: 'Disability Hub feedback forum',
      description: 'Post feedback on health and disability issues for your district’s DEAs, and read their answers. DEAs answer posts here.',
      roles: ROLES,
    },
    {
      command: null,
      title: 'Hub content to publish',
      description: 'When a DEA sends new, changed or removed Hub content, it arrives here as a card: publish it, then say so.',
      roles: ['provision_tool_contact'],
    },
  ],
  entities: [hubEntrySchema, hubChangeSchema, opportunitySchema, externalPartnerSchema, serviceChangeSchema, strategySchema, strategyActionSchema, forumPostSchema, strategyMeetingSchema],
  migrations: [Partnerships1764200000000, HubForum1765000000001, StrategyMeetings1765000000002, PartnerVersion1765940000000],
  build: ({ dataSource, directory, outbox, clock, logger, services, work }) => {
    const hub = new SqlHubStore(dataSource);
    const solutions = new SqlSolutionStore(dataSource);
    const partners = new SqlPartnerStore(dataSource);
    const districts = new SqlPartnershipDirectory(dataSource, directory);
    const notifier = new OutboxPartnershipNotifier(outbox, logger);
    const service = new PartnershipService({ hub, solutions, partners, directory: districts, notifier, uow: new SqlUnitOfWork(dataSource), clock });
    const actions = new PartnershipActions({ service, solutions, partners, districts, directory, clock, logger });
    const strategyStore = new SqlStrategyStore(dataSource);
    const roleHolders = new SqlRoleHolders(dataSource, directory);
    const meetings = new StrategyMeetingService({
      strategies: strategyStore,
      store: new SqlStrategyMeetingStore(dataSource),
      calendar: services.calendar,
      directory,
      people: roleHolders,
      work: work.scheduler,
      uow: new SqlUnitOfWork(dataSource),
      clock,
      newId: randomUUID,
    });
    const strategyService = new StrategyService({
      // Each strategy with the work psychologist read with the lead DEA's work psychologist, who takes part.
      store: new StrategiesWithTheirPeople(strategyStore, roleHolders, directory),
      partners,
      directory: districts,
      outputs: new HeldConferences(services.conferences.store),
      notifier: new OutboxStrategyNotifier(outbox, logger),
      uow: new SqlUnitOfWork(dataSource),
      work: work.scheduler,
      clock,
    });
    const strategies = new StrategyActions({ strategies: strategyService, meetings, clock, directory, logger });
    const suggester = new HubSuggester({ hub, districts });
    const forum = new ForumActions({ forum: new ForumService({ store: new SqlForumStore(dataSource), directory: districts, notifier: new OutboxForumNotifier(outbox, logger), clock, uow: new SqlUnitOfWork(dataSource) }), directory });
    const summaries = new SqlInformationSummaries(dataSource);
    /** The Hub entries that fit the informational support a coach was sent: only to that coach, none when nothing fits. */
    const hubForInformation = async (requestId: string, recipient: StaffMember) => {
      const sent = await summaries.latestOf(requestId);
      if (!sent || sent.requesterId !== recipient.id) return null;
      return hubSuggestionsCard({
        suggestions: await suggester.suggest(recipient, { words: sent.summary }),
        about: 'Entries on your local Disability Hub that fit the information your DEA sent you.',
        yourAction: 'Your action: read these alongside the information on the request’s card.',
      });
    };
    return {
      commands: {
        hub: onlyShows((turn, person) => actions.hubCommand(turn, person)),
        partnerships: onlyShows((turn, person) => actions.menuCommand(turn, person)),
        forum: onlyShows((turn, person) => forum.command(turn, person)),
      },
      submits: {
        [FORUM_OPEN_VERB]: (turn, person, data) => forum.open(turn, person, typeof data.postId === 'string' ? data.postId : ''),
        [FORUM_PAGE_VERB]: (turn, person, data) => forum.page(turn, person, FORUM_OFFSET.safeParse(data.offset).data ?? null),
      },
      verbs: [
        verb('hub.propose', HUB_FORM, ({ person, data, typed }) => actions.propose(person, data, typed)),
        verb('hub.change', z.object({ entryId: id }).passthrough(), ({ person, data, typed }) => actions.changeEntry(person, data.entryId, data, typed)),
        verb('hub.remove', z.object({ entryId: id }), ({ person, data }) => actions.removeEntry(person, data.entryId)),
        verb('hub.publish', z.object({ changeId: id, version }), ({ person, data }) => actions.publish(person, data.changeId, data.version)),
        verb('hub.decline', z.object({ changeId: id, version, reason: z.string().optional() }), ({ person, data, typed }) => actions.decline(person, data.changeId, data.version, data.reason, typed)),
        verb('opportunity.form', z.object({}).passthrough(), ({ person }) => actions.shareForm(person)),
        verb('partner.list', z.object({ find: z.string().optional() }).passthrough(), ({ person, data }) => actions.partnerList(person, data.find)),
        verb('strategy.list', z.object({}).passthrough(), ({ person }) => strategies.list(person)),
        verb('strategy.open', z.object({ strategyId: id }), ({ person, data }) => strategies.open(person, data.strategyId)),
        verb('strategy.propose', inputs, ({ person, data, typed }) => strategies.propose(person, data, typed)),
        verb('strategy.agree', z.object({ strategyId: id, version }), ({ person, data }) => strategies.decide(person, data.strategyId, data.version, true)),
        verb('strategy.decline', z.object({ strategyId: id, version }), ({ person, data }) => strategies.decide(person, data.strategyId, data.version, false)),
        verb('strategy.add-action', z.object({ strategyId: id, version }).passthrough(), ({ person, data, typed }) => strategies.addAction(person, data.strategyId, data.version, data, typed)),
        verb('strategy.action-status', z.object({ strategyId: id, actionId: id, status: z.string().max(20) }), ({ person, data }) => strategies.actionStatus(person, data.strategyId, data.actionId, data.status)),
        verb('strategy.meetings', z.object({ strategyId: id, version }).passthrough(), ({ person, data, typed }) => strategies.planMeetings(person, data.strategyId, data.version, data, typed)),
        verb('strategy.meeting-notes', z.object({ strategyId: id, meetingId: id, version, notes: z.string().optional() }), ({ person, data, typed }) => strategies.meetingNotes(person, data.strategyId, data.meetingId, data.version, data.notes, typed)),
        verb('strategy.close', z.object({ strategyId: id, version }), ({ person, data }) => strategies.close(person, data.strategyId, data.version)),
        verb('forum.post', inputs, ({ person, data, typed }) => forum.post(person, data, typed)),
        verb('forum.answer', z.object({ postId: id, version, answer: z.string().optional() }), ({ person, data, typed }) => forum.answer(person, data.postId, data.version, data.answer, typed)),
        verb('opportunity.share', SHARE_FORM, ({ person, data, typed }) => actions.share(person, data, typed)),
        verb('partner.add', inputs, ({ person, data, typed }) => actions.addPartner(person, data, typed)),
        verb('partner.notice', z.object({ partnerId: id.optional() }).passthrough(), ({ person, data, typed }) => actions.notice(person, data.partnerId, data, typed)),
        verb('partner.open', z.object({ partnerId: id }), ({ person, data }) => actions.openPartner(person, data.partnerId)),
        verb('partner.update', PARTNER_UPDATE_FORM, ({ person, data, typed }) => actions.updatePartner(person, data.partnerId, data.version, data, typed)),
      ],
      work: { [STRATEGY_MEETING_WORK]: (seriesId) => meetings.writeSeries(seriesId), [STRATEGY_CLOSED_WORK]: (strategyId) => meetings.cancelComing(strategyId) },
      cards: {
        [PARTNERSHIP_KINDS.hubChange]: { render: (changeId, recipient) => actions.outboxCards.hubChange(changeId, recipient) },
        [PARTNERSHIP_KINDS.hubDecided]: { render: (changeId) => actions.outboxCards.hubDecided(changeId) },
        [PARTNERSHIP_KINDS.opportunity]: { render: (solutionId) => actions.outboxCards.opportunity(solutionId) },
        [PARTNERSHIP_KINDS.serviceChange]: { render: (noticeId) => actions.outboxCards.serviceChange(noticeId) },
        [PARTNERSHIP_KINDS.hubForInformation]: { render: hubForInformation },
        [PARTNERSHIP_KINDS.forumPost]: { render: (postId, recipient) => forum.postCard(postId, recipient) },
        [STRATEGY_KINDS_OUT.proposed]: { render: (strategyId, recipient) => strategies.deliveredCard(strategyId, recipient) },
        [STRATEGY_KINDS_OUT.decided]: { render: (strategyId, recipient) => strategies.deliveredCard(strategyId, recipient) },
      },
    };
  },
};
