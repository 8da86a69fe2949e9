import { cardResponse } from './core/invoke-response';
import {
  ActivityTypes,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type InvokeResponse,
  MessageFactory,
  TeamsActivityHandler,
  TurnContext,
  type ConversationState,
  type StatePropertyAccessor,
  type UserState,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import { helpCard } from '../cards/help-card';
import { messageCard } from '../cards/render';
import { cardAttachment } from '../dialogs/card-attachment';
import { EXECUTE_FALLBACK_KEY } from '../cards/mobile-fallbacks';
import type { ConversationReferences } from '../data/stores/conversation-references';
import type { Logger, StaffDirectory } from '../domain/ports';
import type { StaffMember } from '../domain/staff';
import { isDomainError } from '../domain/errors';
import { setTurnPerson } from '../dialogs/turn-person';
import { normaliseCommand } from './core/commands';
import { commandFor, routeClick, type Routes } from './core/routes';
import { KeptDialogScopes } from './core/dialog-scopes';

export interface DeaBotDeps {
  readonly directory: StaffDirectory;
  readonly conversationReferences: ConversationReferences;
  readonly conversationState: ConversationState;
  readonly userState: UserState;
  readonly logger: Logger;
  readonly jobcentreName?: (jobcentreId: string) => Promise<string | undefined>;
  /** Every journey's commands, card verbs, submit verbs and dialogs. */
  readonly routes: Routes;
  /** True for the first caller only, across instances: guards things done once per conversation. */
  readonly claimOnce?: (what: string, key: string) => Promise<boolean>;
  /** Called when the person has just become reachable (a new or changed chat), to deliver what waited for them. */
  readonly onPersonSeen?: (person: StaffMember) => void;
}

/**
 * Teams glue: who is speaking, which journey they are in, and the help and welcome cards. The
 * journeys themselves are dialogs; everything they save goes through the domain.
 */
export class DeaBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly welcomed: StatePropertyAccessor<boolean>;
  private readonly dialogSet: DialogSet;
  private readonly dialogScopes = new KeptDialogScopes();

  constructor(private readonly deps: DeaBotDeps) {
    super();
    this.dialogState = deps.conversationState.createProperty<DialogState>('dialogState');
    this.welcomed = deps.conversationState.createProperty<boolean>('welcomed');
    this.dialogSet = new DialogSet(this.dialogState);
    for (const dialog of deps.routes.dialogs) this.dialogSet.add(dialog);

    this.onMessage(async (turn, next) => {
      await this.handleMessage(turn);
      await next();
    });
    this.onInstallationUpdateAdd(async (turn, next) => {
      await this.welcome(turn);
      await next();
    });
    this.onMembersAdded(async (turn, next) => {
      const botId = turn.activity.recipient?.id;
      if (turn.activity.membersAdded?.some((m) => m.id === botId)) await this.welcome(turn);
      await next();
    });
  }

  override async run(turn: TurnContext): Promise<void> {
    const { id, type, name, conversation } = turn.activity;
    this.deps.logger.debug({ activityId: id, activityType: type, invokeName: name, conversationType: conversation?.conversationType }, 'turn');
    await this.dialogScopes.around(turn, () => super.run(turn));
    await this.deps.conversationState.saveChanges(turn, false);
    await this.deps.userState.saveChanges(turn, false);
  }

  /**
   * Whether this turn only shows something, so that answering a re-send of it again changes nothing:
   * `help`, or a command that only shows (a list) typed with no conversation under way (then it
   * would be an answer to that conversation). Read before the turn runs; the state it loads is the
   * turn's own, read once.
   */
  async onlyShows(turn: TurnContext): Promise<boolean> {
    if (turn.activity.type !== ActivityTypes.Message || !isPersonal(turn)) return false;
    const command = typedCommand(turn);
    if (command === 'help') return true;
    // A card's submit goes to its verb's handler before any command (see handleMessage).
    if (cardPress(turn)) return false;
    if (!command || commandFor(this.deps.routes, command)?.onlyShows !== true) return false;
    return !(await this.dialogState.get(turn))?.dialogStack?.length;
  }

  private async identify(turn: TurnContext): Promise<StaffMember | null> {
    const aadObjectId = turn.activity.from?.aadObjectId;
    const person = aadObjectId ? await this.deps.directory.findByAadObjectId(aadObjectId) : null;
    if (!person) {
      await turn.sendActivity(notRegisteredMessage(aadObjectId));
      return null;
    }
    setTurnPerson(turn, person);
    // What waited for this person goes out when they become reachable (a new or changed chat).
    if (await this.deps.conversationReferences.remember(TurnContext.getConversationReference(turn.activity), person.aadObjectId)) this.deps.onPersonSeen?.(person);
    return person;
  }

  private async welcome(turn: TurnContext): Promise<void> {
    if (await this.welcomed.get(turn, false)) return;
    if (!isPersonal(turn)) {
      await this.welcomed.set(turn, true);
      await turn.sendActivity(GROUP_NOTICE);
      return;
    }
    // Teams (and the playground) send installationUpdate and conversationUpdate together: one welcome.
    const conversationId = turn.activity.conversation?.id ?? '';
    if (this.deps.claimOnce && !(await this.deps.claimOnce('welcome', conversationId))) return;
    const person = await this.identify(turn);
    await this.welcomed.set(turn, true);
    if (!person) return;
    await turn.sendActivity(MessageFactory.attachment(cardAttachment(helpCard(person, this.deps.routes.capabilities, { welcome: true, jobcentreName: await this.jobcentreOf(person) }))));
  }

  private async handleMessage(turn: TurnContext): Promise<void> {
    const person = await this.identify(turn);
    if (!person) return;
    if (!isPersonal(turn)) {
      // Requests carry claimant and health details: they are made and shown only in a personal chat.
      await turn.sendActivity(GROUP_NOTICE);
      return;
    }
    const command = typedCommand(turn);
    const dc = await this.dialogSet.createContext(turn);

    if (command === 'cancel') {
      if (dc.activeDialog) {
        await dc.cancelAllDialogs();
        await turn.sendActivity('Cancelled. Nothing from that conversation was saved.');
      } else {
        await turn.sendActivity('There is nothing to cancel. Say "help" to see what you can do.');
      }
      return;
    }
    if (command === 'help') {
      await this.sendHelp(turn, person);
      if (dc.activeDialog) await turn.sendActivity('You are still in the middle of something: answer the last question to carry on, or say "cancel".');
      return;
    }
    const press = cardPress(turn);
    const submitVerb = press?.verb ? this.deps.routes.submits.get(press.verb) : undefined;
    if (press && submitVerb) {
      await submitVerb(turn, person, press.value);
      return;
    }
    if (press?.executeVerb) {
      await this.answerFallbackClick(turn, person, press.executeVerb, press.value);
      return;
    }
    if (dc.activeDialog) {
      const result = await dc.continueDialog();
      if (result.status !== DialogTurnStatus.empty) return;
    }
    const handler = commandFor(this.deps.routes, command);
    if (handler) {
      try {
        await handler(turn, person, dc);
      } catch (error) {
        // A command this person may not use says why, in the domain's words.
        if (!isDomainError(error)) throw error;
        await turn.sendActivity(error.message);
      }
      return;
    }
    if (turn.activity.type === ActivityTypes.Message && !turn.activity.text && turn.activity.value) {
      // A card submitted after its conversation ended: nothing is waiting for it.
      await turn.sendActivity('That card is no longer waiting for an answer. Say "help" to see what you can do.');
      return;
    }
    await turn.sendActivity('Sorry, I did not understand that. Here is what you can do:');
    await this.sendHelp(turn, person);
  }

  /**
   * An invoke no part of the bot handles (a message extension, a task module, a name Teams may add
   * later) is answered 400 with a sentence saying so, never botbuilder's bare 501.
   */
  protected override async onInvokeActivity(turn: TurnContext): Promise<InvokeResponse> {
    if (turn.activity.name === 'adaptiveCard/action' && !isObject((turn.activity.value as { action?: unknown } | null | undefined)?.action)) {
      // botbuilder reads `value.action.type` unguarded: a click without an action would fail the turn.
      return { status: 400, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: 'This card action could not be read: it has no action.' } } };
    }
    const response = await super.onInvokeActivity(turn);
    if (response.status !== 501) return response;
    this.deps.logger.info({ activityId: turn.activity.id, invokeName: String(turn.activity.name ?? '').slice(0, 80) }, 'invoke not handled');
    return { status: 400, body: { error: 'unknown_invoke', message: 'DEA Support does not handle this kind of request. In Teams, open your chat with DEA Support and say "help" to see what you can do.' } };
  }

  protected override async onAdaptiveCardInvoke(turn: TurnContext, invokeValue: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    const aadObjectId = turn.activity.from?.aadObjectId;
    const person = aadObjectId ? await this.deps.directory.findByAadObjectId(aadObjectId) : null;
    if (!person) {
      return cardResponse(messageCard(notRegisteredMessage(aadObjectId)));
    }
    if (!isPersonal(turn)) {
      return cardResponse(messageCard(GROUP_NOTICE));
    }
    setTurnPerson(turn, person);
    const verb = typeof invokeValue.action?.verb === 'string' ? invokeValue.action.verb : '';
    return routeClick(this.deps.routes, person, verb, invokeValue.action?.data, turn);
  }

  /**
   * A Teams mobile client without Universal Actions sends a card's Action.Execute as its fallback,
   * an Action.Submit message: it goes to the same verb handler, and the answer replaces the card
   * it came from where Teams allows, or follows it.
   */
  private async answerFallbackClick(turn: TurnContext, person: StaffMember, verb: string, value: Record<string, unknown>): Promise<void> {
    setTurnPerson(turn, person);
    const { [EXECUTE_FALLBACK_KEY]: _verb, ...data } = value;
    const answer = await routeClick(this.deps.routes, person, verb, data, turn);
    if (answer.type !== 'application/vnd.microsoft.card.adaptive') {
      const message = (answer.value as { message?: unknown } | undefined)?.message;
      await turn.sendActivity(typeof message === 'string' ? message : 'That did not work. Open the card again and try once more.');
      return;
    }
    const attachment = { contentType: 'application/vnd.microsoft.card.adaptive', content: answer.value };
    const replyToId = turn.activity.replyToId;
    if (replyToId) {
      try {
        await turn.updateActivity({ type: 'message', id: replyToId, attachments: [attachment] });
        return;
      } catch (error) {
        // Some clients' messages cannot be updated: the answer follows as a new card instead.
        this.deps.logger.info({ activityId: replyToId, error: error instanceof Error ? error.name : 'unknown' }, 'fallback click answered as a new card');
      }
    }
    await turn.sendActivity({ type: 'message', attachments: [attachment] });
  }

  private async sendHelp(turn: TurnContext, person: StaffMember): Promise<void> {
    await turn.sendActivity(MessageFactory.attachment(cardAttachment(helpCard(person, this.deps.routes.capabilities, { jobcentreName: await this.jobcentreOf(person) }))));
  }

  private async jobcentreOf(person: StaffMember): Promise<string | undefined> {
    return person.jobcentreId && this.deps.jobcentreName ? this.deps.jobcentreName(person.jobcentreId) : undefined;
  }
}

/** What the bot says in group chats and channels, where claimant details must never appear. */
export const GROUP_NOTICE =
  'DEA Support works in your personal chat with it, so that claimants\' details stay private: ' +
  'open a chat with DEA Support and say "help" to see what you can do there.';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * What a card's button sent in place of text: an Action.Submit's `verb`, or the Action.Submit a
 * Teams mobile client sends for an Action.Execute it cannot run (`executeVerb`). Null for typed text,
 * or a value that names neither (a help-card button's `command`).
 */
function cardPress(turn: TurnContext): { value: Record<string, unknown>; verb?: string; executeVerb?: string } | null {
  const value = turn.activity.value as Record<string, unknown> | undefined;
  if (turn.activity.text || !value) return null;
  const verb = typeof value.verb === 'string' ? value.verb : undefined;
  const executeVerb = typeof value[EXECUTE_FALLBACK_KEY] === 'string' ? value[EXECUTE_FALLBACK_KEY] : undefined;
  return verb || executeVerb ? { value, verb, executeVerb } : null;
}

/** What was typed, as a command; a help-card button (Action.Submit) sends its command in the message's value, with no text. */
function typedCommand(turn: TurnContext): string {
  const sentValue = turn.activity.value as { command?: unknown } | undefined;
  return normaliseCommand(turn.activity.text || (typeof sentValue?.command === 'string' ? sentValue.command : undefined));
}

/** Only a conversation Teams says is personal, and not a group, is treated as one (claimant details show only there). */
function isPersonal(turn: TurnContext): boolean {
  const conversation = turn.activity.conversation;
  return conversation?.conversationType === 'personal' && conversation.isGroup !== true;
}

export function notRegisteredMessage(aadObjectId: string | undefined): string {
  return (
    'Hello. You are not registered with DEA Support yet, so there is nothing I can show you. ' +
    'Please ask your Work Coach Team Leader (or your line manager) to add you to the staff directory' +
    (aadObjectId ? `, quoting your Teams id ${aadObjectId}.` : '.')
  );
}
