import { z } from 'zod';
import { SqlUnitOfWork } from '../../data/transactions';
import { RetentionCases1764310000000 } from '../../data/migrations/1764310000000-RetentionCases';
import { RetentionCaseHcpIndex1765500000001 } from '../../data/migrations/1765500000001-RetentionCaseHcpIndex';
import { retentionCaseSchema } from '../../data/schema/retention-cases';
import { SqlRetentionCaseStore } from '../../data/stores/retention-cases';
import { SqlRoleHolders } from '../../data/stores/role-holders';
import type { RetentionCase } from '../../domain/retention-cases/retention-case';
import type { RetentionNotifier } from '../../domain/retention-cases/ports';
import { RetentionService } from '../../domain/retention-cases/retention-service';
import { onlyShows, verb, type Journey } from '../core/journey';
import { AnsweredCards } from '../requests/answered-cards';
import { RetentionActions } from './retention-actions';

const CASE = z.object({ caseId: z.string().min(1).max(64), version: z.coerce.number().int().nonnegative() });
const text = z.string().optional();
const RETENTION_CARD = 'retention_case_card';
export const RETENTION_LIVE_CARD = 'retention_case';

/**
 * Retention cases (seed 000 §66–68; seed 002 Annex 3 §4.4): the employer adviser registers them,
 * consults the DEA on complex ones, and the next step and outcome are recorded with their route.
 */
export const retentionCasesJourney: Journey = {
  name: 'retention cases',
  capabilities: [
    {
      command: 'retention cases',
      title: 'Retention cases',
      description: 'Someone needs support to keep their job because of a health condition or disability: register the case, resolve a straightforward adjustment, or consult the DEA on a complex one. Your cases, and how many went each way.',
      roles: ['employer_adviser'],
    },
    {
      command: 'retention cases',
      title: 'Retention cases',
      description: 'The retention cases you take part in, and how many went each way.',
      roles: ['dea', 'work_psychologist', 'hcp'],
    },
    {
      command: null,
      title: 'Consulting on retention cases',
      description: 'When an employer adviser consults you on a complex retention case, agree the next step with them on its card: you support them, or you undertake it as a DEA Support Intervention. If you are then unable to resolve it, record that on the card and you may refer it to the work psychologist.',
      roles: ['dea'],
    },
    {
      command: null,
      title: 'Retention cases referred to you',
      description: 'A retention case the DEA refers to you arrives here as a card: you conduct the retention activity and record its outcome.',
      roles: ['work_psychologist'],
    },
  ],
  entities: [retentionCaseSchema],
  migrations: [RetentionCases1764310000000, RetentionCaseHcpIndex1765500000001],
  build: ({ dataSource, services, directory, outbox, updates, clock, logger }) => {
    const notifier: RetentionNotifier = {
      caseNeedsAttention: (c: RetentionCase, recipientId: string) => outbox.notify(recipientId, RETENTION_CARD, c.id),
      caseChanged: (c: RetentionCase) => outbox.changed(RETENTION_LIVE_CARD, c.id),
    };
    const retention = new RetentionService({
      store: new SqlRetentionCaseStore(dataSource),
      people: new SqlRoleHolders(dataSource, directory),
      directory,
      notifier,
      requests: services.requestStore,
      requestNotifier: outbox,
      clock,
      uow: new SqlUnitOfWork(dataSource),
    });
    const { postedCards } = services;
    const answered = new AnsweredCards((caseId) => outbox.changed(RETENTION_LIVE_CARD, caseId));
    const actions = new RetentionActions({ retention, directory, postedCards, updates, logger, answered, access: services.access });
    return {
      commands: {
        'retention cases': onlyShows((turn, person) => actions.list(turn, person)),
      },
      submits: {
        'retention.open': (turn, person, data) => actions.open(turn, person, typeof data.caseId === 'string' ? data.caseId : ''),
        'retention.new': (turn, person) => actions.newCase(turn, person),
      },
      verbs: [
        verb('retention.register', z.record(z.unknown()), ({ person, data, typed }) => actions.register(person, data, typed)),
        verb('retention.refresh', z.object({ caseId: z.string().min(1).max(64) }), ({ person, data }) => actions.refresh(person, data.caseId)),
        verb('retention.consultDea', CASE.extend({ deaId: text }), ({ person, data, typed, turn }) =>
          actions.answer(person, 'retention.consultDea', data.caseId, typed, () => retention.consultDea(person, data.caseId, data.version, data.deaId), 'Sent to the DEA to consult.', turn.activity.replyToId),
        ),
        verb('retention.agree', CASE.extend({ route: text, agreedNote: text, workPsychologistId: text }), ({ person, data, typed, turn }) =>
          actions.answer(person, 'retention.agree', data.caseId, typed, () => retention.agreeNextStep(person, data.caseId, data.version, data), 'Next step recorded. The employer adviser has been told.', turn.activity.replyToId),
        ),
        verb('retention.unableToResolve', CASE.extend({ referralNote: text }), ({ person, data, typed, turn }) =>
          actions.answer(
            person,
            'retention.unableToResolve',
            data.caseId,
            typed,
            () => retention.recordUnableToResolve(person, data.caseId, data.version, data.referralNote),
            // With nobody to refer it to, the card says why instead of offering the referral.
            (now) => (now?.nobody.has('referToWorkPsychologist') ? 'Recorded that you are unable to resolve it.' : 'Recorded that you are unable to resolve it. You may now refer the case to the work psychologist, or record its outcome.'),
            turn.activity.replyToId,
          ),
        ),
        verb('retention.refer', CASE.extend({ workPsychologistId: text }), ({ person, data, typed, turn }) =>
          actions.answer(person, 'retention.refer', data.caseId, typed, () => retention.referToWorkPsychologist(person, data.caseId, data.version, data.workPsychologistId), 'Referred to the work psychologist, who has been told.', turn.activity.replyToId),
        ),
        verb('retention.consultHcp', CASE.extend({ hcpId: text }), ({ person, data, typed, turn }) =>
          actions.answer(person, 'retention.consultHcp', data.caseId, typed, () => retention.consultHcp(person, data.caseId, data.version, data.hcpId), 'The Health Care Professional has been asked for their advice.', turn.activity.replyToId),
        ),
        verb('retention.hcpAdvice', CASE.extend({ hcpAdvice: text }), ({ person, data, typed, turn }) =>
          actions.answer(person, 'retention.hcpAdvice', data.caseId, typed, () => retention.recordHcpAdvice(person, data.caseId, data.version, data.hcpAdvice), 'Advice recorded. The employer adviser and the DEA have been told.', turn.activity.replyToId),
        ),
        verb('retention.outcome', CASE.extend({ outcome: text, outcomeNote: text }), ({ person, data, typed, turn }) =>
          actions.answer(person, 'retention.outcome', data.caseId, typed, () => retention.recordOutcome(person, data.caseId, data.version, data.outcome, data.outcomeNote), 'Outcome recorded. The case is closed.', turn.activity.replyToId),
        ),
      ],
      cards: {
        [RETENTION_CARD]: {
          render: (id, recipient) => actions.render(id, recipient),
          posted: (caseId, recipientAad, activityId, reference) => postedCards.record({ requestId: caseId, recipientAad, activityId, reference }),
        },
      },
      liveCards: { [RETENTION_LIVE_CARD]: (id) => actions.refreshCopies(id) },
    };
  },
};
