import { z } from 'zod';
import { FollowUpActions1764300000000 } from '../../data/migrations/1764300000000-FollowUpActions';
import { FollowUpActionRequesterIndex1765500000000 } from '../../data/migrations/1765500000000-FollowUpActionRequesterIndex';
import { FollowUpActionSource1765850000000 } from '../../data/migrations/1765850000000-FollowUpActionSource';
import { followUpActionSchema } from '../../data/schema/follow-up-actions';
import { onlyShows, verb, type Journey } from '../core/journey';
import { AnsweredCards } from '../requests/answered-cards';
import { ActionCards } from './action-cards';
import { ACTION_CARD_KINDS, ACTION_LIVE_CARD } from './action-notifier';

const ACTION = z.object({ actionId: z.string().min(1).max(64), version: z.coerce.number().int().nonnegative() });
const text = z.string().optional();

/**
 * Work psychologist, employer adviser and Third Party Provision manager actions that outcomes start
 * (seed 000 §16, §18, §28, §34, §42): a named person accepts each and records it done.
 */
export const followUpActionsJourney: Journey = {
  name: 'follow-up actions',
  capabilities: [
    {
      command: 'my actions',
      title: 'Actions from outcomes',
      description: 'Work psychologist, employer adviser and Third Party Provision manager actions given to you after a meeting: accept each one and record it done.',
      roles: ['work_psychologist', 'employer_adviser', 'third_party_provision_manager'],
    },
    {
      command: 'my actions',
      title: 'Actions from your cases',
      description: 'Work psychologist, employer adviser and Third Party Provision manager actions from your outcomes: who has each, and whether it is done. You choose who does one when there are several.',
      roles: ['dea', 'work_coach'],
    },
  ],
  entities: [followUpActionSchema],
  migrations: [FollowUpActions1764300000000, FollowUpActionRequesterIndex1765500000000, FollowUpActionSource1765850000000],
  build: ({ services, directory, updates, outbox, clock, logger }) => {
    const { actions, postedCards } = services;
    const answered = new AnsweredCards((actionId) => outbox.changed(ACTION_LIVE_CARD, actionId));
    const cards = new ActionCards({ actions, directory, postedCards, updates, clock, logger, answered, access: services.access });
    const recordCopy = (actionId: string, recipientAad: string, activityId: string, reference: Parameters<typeof postedCards.record>[0]['reference']) =>
      postedCards.record({ requestId: actionId, recipientAad, activityId, reference });
    return {
      commands: { 'my actions': onlyShows((turn, person) => cards.list(turn, person)) },
      submits: { 'action.open': (turn, person, data) => cards.open(turn, person, typeof data.actionId === 'string' ? data.actionId : '') },
      verbs: [
        verb('action.refresh', z.object({ actionId: z.string().min(1).max(64) }), ({ person, data }) => cards.refresh(person, data.actionId)),
        verb('action.assign', ACTION.extend({ assigneeId: text }), ({ person, data, typed, turn }) =>
          cards.answer(person, 'action.assign', data.actionId, typed, () => actions.assign(person, data.actionId, data.version, data.assigneeId), 'Done: they have been given the action and told.', turn.activity.replyToId),
        ),
        verb('action.accept', ACTION, ({ person, data, typed, turn }) =>
          cards.answer(person, 'action.accept', data.actionId, typed, () => actions.accept(person, data.actionId, data.version), 'Accepted. Record it done here when it is.', turn.activity.replyToId),
        ),
        verb('action.complete', ACTION.extend({ doneNote: text }), ({ person, data, typed, turn }) =>
          cards.answer(person, 'action.complete', data.actionId, typed, () => actions.complete(person, data.actionId, data.version, data.doneNote), 'Recorded as done. The DEA and the work coach have been told.', turn.activity.replyToId),
        ),
      ],
      cards: {
        [ACTION_CARD_KINDS.card]: { render: (id, recipient) => cards.render(id, recipient), posted: recordCopy },
        [ACTION_CARD_KINDS.reminder]: { render: (id, recipient) => cards.render(id, recipient, { reminder: true }), posted: recordCopy },
      },
      liveCards: { [ACTION_LIVE_CARD]: (id) => cards.refreshCopies(id) },
      jobs: [{ name: 'remindOverdueActions', everyMs: 60 * 60_000, run: () => actions.remindOverdue() }],
    };
  },
};
