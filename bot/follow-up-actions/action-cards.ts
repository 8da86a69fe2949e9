import { MessageFactory, TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import { actionCard, actionListCard, type ActionCardOptions } from '../../cards/follow-up-action-cards';
import { messageCard, type AdaptiveCard } from '../../cards/render';
import type { PostedCards } from '../../data/stores/posted-cards';
import { isDomainError } from '../../domain/errors';
import type { ActionService, ActionView } from '../../domain/follow-up-actions/action-service';
import type { FollowUpAction } from '../../domain/follow-up-actions/follow-up-action';
import type { Clock, Logger, StaffDirectory } from '../../domain/ports';
import type { StaffMember } from '../../domain/staff';
import { cardAttachment } from '../../dialogs/card-attachment';
import { cardResponse } from '../core/invoke-response';
import { typedTextNotOnCard, typedTextSentence } from '../core/typed-text';
import type { AnsweredCards, ClickAnswer } from '../requests/answered-cards';
import type { CardUpdates } from '../core/card-updates';
import { ACTION_LIVE_CARD } from './action-notifier';
import { errorForLog } from '../logger';
import type { AccessSink } from '../privacy/access-audit';

/** What people write in their own words on an action's forms, given back when a refused click would lose it. */
const ACTION_TEXT = ['doneNote'];

/** How the person stands to the request the action came from, for the access audit. */
function relationshipTo(action: FollowUpAction, viewer: StaffMember): string {
  if (viewer.id === action.assigneeId) return 'action holder';
  if (viewer.id === action.deaId) return 'adviser';
  if (viewer.id === action.requesterId) return 'requester';
  return 'colleague';
}

/** The cards of actions from outcomes: rendered per person, answered on click, kept up to date where posted. */
export class ActionCards {
  constructor(
    private readonly deps: {
      readonly actions: ActionService;
      readonly directory: StaffDirectory;
      // Copies are keyed by their subject's id (a UUID), whatever the subject; an action's id here.
      readonly postedCards: PostedCards;
      readonly updates: Pick<CardUpdates, 'update'>;
      readonly clock: Clock;
      readonly logger: Logger;
      /** Clicked copies keep their answer (and its note) instead of being refreshed over it. */
      readonly answered: AnsweredCards;
      /** An action's card shows what was done for the claimant: each showing is recorded, against the request it came from. */
      readonly access: AccessSink;
    },
  ) {}

  /** The card as this person may see it, or null when it does not exist or is not theirs. */
  async render(actionId: string, viewer: StaffMember, options: ActionCardOptions = {}): Promise<AdaptiveCard | null> {
    const view = await this.deps.actions.view(actionId, viewer);
    return view ? this.card(view, viewer, options) : null;
  }

  /** The action's card for this person, its showing noted. */
  private card(view: ActionView, viewer: StaffMember, options: ActionCardOptions = {}): AdaptiveCard {
    this.deps.access.saw(viewer, 'request', view.action.requestId, relationshipTo(view.action, viewer), 'card');
    return actionCard(view, this.deps.clock.now(), options);
  }

  /** A click: the change, then the card as it now is, with a line saying what happened (or why not). */
  async answer(person: StaffMember, verb: string, actionId: string, typed: Readonly<Record<string, string>>, change: () => Promise<FollowUpAction>, done: string, cardId?: string): Promise<AdaptiveCardInvokeResponse> {
    this.deps.answered.begin(cardId);
    let answer: ClickAnswer = 'failed';
    const refused = (response: AdaptiveCardInvokeResponse): AdaptiveCardInvokeResponse => {
      answer = 'refused';
      return response;
    };
    try {
      const { version } = await change();
      this.deps.logger.info({ verb, actionId, actorId: person.id }, 'card action');
      const response = cardResponse((await this.render(actionId, person, { note: done })) ?? messageCard(done));
      // Only a card that is shown answers the click: if it could not be drawn, the background refresh updates the clicked copy.
      answer = { shown: version };
      return response;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      this.deps.logger.info({ verb, actionId, actorId: person.id, kind: error.kind }, 'card action refused');
      // Someone it is not for sees the refusal only, never the action (and what they wrote, which is theirs).
      const view = error.kind === 'not_found' ? null : await this.deps.actions.view(actionId, person);
      if (!view) return refused(cardResponse(messageCard(`${error.message} Nothing was changed.${typedTextSentence(typed, ACTION_TEXT)}`)));
      // Where the form is still on the action's card it comes back filled; where the action moved on
      // without it (done already, say), what was written is given back in the note, to copy.
      const form: ActionCardOptions = { noteTone: 'attention', problems: { ...error.problems }, values: typed };
      const lost = typedTextNotOnCard(actionCard(view, this.deps.clock.now(), form), typed, ACTION_TEXT);
      return refused(cardResponse(this.card(view, person, { ...form, note: `${error.message} Nothing was changed.${typedTextSentence(lost, ACTION_TEXT)}` })));
    } finally {
      this.deps.answered.end(cardId, answer);
    }
  }

  async refresh(person: StaffMember, actionId: string): Promise<AdaptiveCardInvokeResponse> {
    return cardResponse((await this.render(actionId, person)) ?? messageCard('This action is not yours to see.'));
  }

  /** Sends the action's card into the person's chat and remembers the copy, to keep it up to date. */
  async open(turn: TurnContext, person: StaffMember, actionId: string): Promise<void> {
    const card = await this.render(actionId, person);
    if (!card) {
      await turn.sendActivity('That action does not exist, or is not yours to see.');
      return;
    }
    const sent = await turn.sendActivity(MessageFactory.attachment(cardAttachment(card)));
    if (sent?.id) await this.deps.postedCards.record({ requestId: actionId, recipientAad: person.aadObjectId, activityId: sent.id, reference: TurnContext.getConversationReference(turn.activity) });
  }

  async list(turn: TurnContext, person: StaffMember): Promise<void> {
    const actions = await this.deps.actions.listFor(person);
    for (const a of actions) this.deps.access.saw(person, 'request', a.requestId, relationshipTo(a, person), 'list');
    await turn.sendActivity(MessageFactory.attachment(cardAttachment(actionListCard(actions, person, this.deps.clock.now()))));
  }

  /** Every posted copy shows the action as it now is, for the person it was posted to. */
  async refreshCopies(actionId: string): Promise<void> {
    const copies = await this.deps.postedCards.forRequest(actionId);
    for (const copy of copies) {
      const viewer = await this.deps.directory.findByAadObjectId(copy.recipientAad);
      const view = viewer ? await this.deps.actions.view(actionId, viewer) : null;
      if (!viewer || !view || this.deps.answered.skips(copy.activityId, actionId, view.action.version)) continue;
      const card = this.card(view, viewer);
      try {
        await this.deps.updates.update({ kind: ACTION_LIVE_CARD, subjectId: actionId }, copy.reference, copy.activityId, card);
      } catch (error) {
        this.deps.logger.warn({ actionId, err: errorForLog(error) }, 'could not update a posted action card');
      }
    }
  }
}
