import { z } from 'zod';
import { Partnerships1764200000000 } from '../../data/migrations/1764200000000-Partnerships';
import { externalPartnerSchema, hubChangeSchema, hubEntrySchema, opportunitySchema, serviceChangeSchema } from '../../data/schema/partnerships';
import { SqlHubStore, SqlPartnerStore, SqlPartnershipDirectory, SqlSolutionStore } from '../../data/stores/partnerships';
import { SqlUnitOfWork } from '../../data/transactions';
import { PartnershipService } from '../../domain/partnerships/partnership-service';
import { verb, type Journey } from '../core/journey';
import { PartnershipActions } from './partnership-actions';
import { OutboxPartnershipNotifier, PARTNERSHIP_KINDS } from './partnership-notifier';

const id = z.string().max(64);
const version = z.union([z.string(), z.number()]).transform((v) => Number(v));
/** Form inputs arrive as strings; the domain checks what they say. */
const inputs = z.record(z.string(), z.unknown());
/** An Input.ChoiceSet with one "yes" option sends "true", or nothing. */
const HUB_FORM = inputs;
const SHARE_FORM = z.object({ onHub: z.string().optional().transform((v) => (v ?? '').split(',').includes('true')) }).passthrough();

/**
 * The DEA's partnership work (seed 000 §49–62): the local Disability Hub, opportunities shared
 * with the cohort, and external partners with the changes in their services.
 */
export const partnershipsJourney: Journey = {
  name: 'partnerships',
  capabilities: [
    {
      command: 'hub',
      title: 'Search the local Disability Hub',
      description: 'Health and disability information, provision and services in your district. Say "hub" and some words, for example "hub autism".',
      roles: 'everyone',
      menu: 'Search your local Disability Hub: say hub and some words, for example hub autism',
      takesWords: true,
    },
    {
      command: 'share opportunity',
      title: 'Share an opportunity',
      description: 'Send an employment or provision opportunity to all your work coaches at once, and put it on the Hub.',
      roles: ['dea'],
      menu: 'For DEAs: send an employment or provision opportunity to all your work coaches',
    },
    {
      command: 'partners',
      title: 'External partners',
      description: 'GP surgeries, NHS services, charities and peer led organisations you work with; tell the district when a service changes.',
      roles: ['dea'],
      menu: 'For DEAs: your external partners, and telling the district when a service changes',
    },
    {
      command: null,
      title: 'Hub content to publish',
      description: 'When a DEA sends new, changed or removed Hub content, it arrives here as a card: publish it, then say so.',
      roles: ['provision_tool_contact'],
    },
  ],
  entities: [hubEntrySchema, hubChangeSchema, opportunitySchema, externalPartnerSchema, serviceChangeSchema],
  migrations: [Partnerships1764200000000],
  build: ({ dataSource, directory, outbox, clock, logger }) => {
    const hub = new SqlHubStore(dataSource);
    const solutions = new SqlSolutionStore(dataSource);
    const partners = new SqlPartnerStore(dataSource);
    const districts = new SqlPartnershipDirectory(dataSource, directory);
    const notifier = new OutboxPartnershipNotifier(outbox, logger);
    const service = new PartnershipService({ hub, solutions, partners, directory: districts, notifier, uow: new SqlUnitOfWork(dataSource), clock });
    const actions = new PartnershipActions({ service, solutions, partners, districts, directory, clock, logger });
    return {
      commands: {
        hub: (turn, person) => actions.hubCommand(turn, person),
        'share opportunity': (turn, person) => actions.shareCommand(turn, person),
        partners: (turn, person) => actions.partnersCommand(turn, person),
      },
      verbs: [
        verb('hub.propose', HUB_FORM, ({ person, data, typed }) => actions.propose(person, data, typed)),
        verb('hub.change', z.object({ entryId: id }).passthrough(), ({ person, data, typed }) => actions.changeEntry(person, data.entryId, data, typed)),
        verb('hub.remove', z.object({ entryId: id }), ({ person, data }) => actions.removeEntry(person, data.entryId)),
        verb('hub.publish', z.object({ changeId: id, version }), ({ person, data }) => actions.publish(person, data.changeId, data.version)),
        verb('hub.decline', z.object({ changeId: id, version, reason: z.string().optional() }), ({ person, data, typed }) => actions.decline(person, data.changeId, data.version, data.reason, typed)),
        verb('opportunity.share', SHARE_FORM, ({ person, data, typed }) => actions.share(person, data, typed)),
        verb('partner.add', inputs, ({ person, data, typed }) => actions.addPartner(person, data, typed)),
        verb('partner.notice', z.object({ partnerId: id }).passthrough(), ({ person, data, typed }) => actions.notice(person, data.partnerId, data, typed)),
      ],
      cards: {
        [PARTNERSHIP_KINDS.hubChange]: { render: (changeId, recipient) => actions.outboxCards.hubChange(changeId, recipient) },
        [PARTNERSHIP_KINDS.hubDecided]: { render: (changeId) => actions.outboxCards.hubDecided(changeId) },
        [PARTNERSHIP_KINDS.opportunity]: { render: (solutionId) => actions.outboxCards.opportunity(solutionId) },
        [PARTNERSHIP_KINDS.serviceChange]: { render: (noticeId) => actions.outboxCards.serviceChange(noticeId) },
      },
    };
  },
};
