import { MessageFactory, TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import { z } from 'zod';
import type { CardNote } from '../../cards/request-cards';
import { messageCard, type AdaptiveCard } from '../../cards/render';
import { cardAttachment } from '../../dialogs/card-attachment';
import type { PostedCards } from '../../data/stores/posted-cards';
import { invalid, isDomainError, type DomainError } from '../../domain/errors';
import type { Logger } from '../../domain/ports';
import type { RequestService } from '../../domain/requests/request-service';
import type { SupportRequest } from '../../domain/requests/support-request';
import type { StaffMember } from '../../domain/staff';
import { cardResponse } from '../core/invoke-response';
import { typedTextSentence } from '../core/typed-text';
import { typedInputs, verb, type Click, type VerbRoute } from '../core/verbs';
import type { AnsweredCards, ClickAnswer } from './answered-cards';
import type { CardExtras, RequestCardRenderer } from './request-card-renderer';

/** Teams gives a card action 5 seconds: the whole answer, rendering included, with room for the network. */
const CARD_READY_WITHIN_MS = 4200;

/** Inputs a person writes in their own words, which must never vanish with a refused click. */
const FREE_TEXT = new Set(['question', 'answer', 'redirectReason', 'summary', 'information', 'holdingText', 'actions', 'overrideReason', 'qasNotes', 'notHeldNote']);

/** Which request a click on its card is about, and the version the card showed. */
const CASE_TARGET = z.object({
  requestId: z.string().min(1).max(64),
  version: z.coerce.number().int().nonnegative(),
});
export type CaseTarget = z.infer<typeof CASE_TARGET>;

/** What a verb on a request's card did: the request as it now is, and a line saying so. */
export interface CaseOutcome {
  readonly request: SupportRequest;
  readonly note: string;
}

/** A verb on a request's card: parsed fields in, the changed request out. */
export type CaseAction<F> = (person: StaffMember, target: CaseTarget, fields: F, turn: TurnContext) => Promise<CaseOutcome>;

/**
 * What every click on a request's card shares (Action.Execute): the answer is the card refreshed
 * for the clicker, a domain refusal comes back on the same card with what was typed kept, and the
 * clicked copy keeps its answer while everyone else's copies are updated after it.
 */
export class CaseCardAnswers {
  constructor(
    private readonly requests: RequestService,
    private readonly cards: RequestCardRenderer,
    private readonly postedCards: PostedCards,
    private readonly answered: AnsweredCards,
    private readonly logger: Logger,
  ) {}

  /** A route for one verb of the request card; `fields` is the schema of the verb's own inputs. */
  verb<S extends z.ZodRawShape>(name: string, fields: z.ZodObject<S>, action: CaseAction<CaseTarget & z.output<z.ZodObject<S>> & Record<string, unknown>>): VerbRoute {
    // Other inputs on the card pass through, so that a refusal can give back everything typed.
    const schema = CASE_TARGET.merge(fields).passthrough();
    return verb(
      name,
      schema,
      (click) => this.answer(name, click as Click<CaseTarget & z.output<z.ZodObject<S>> & Record<string, unknown>>, action),
      (person, issues, raw) => this.unreadable(name, person, issues, raw),
    );
  }

  /** `request.refresh`: the card as this person may see it now (Universal Actions' refresh). */
  refreshVerb(): VerbRoute {
    return verb('request.refresh', z.object({ requestId: z.string().min(1).max(64) }).passthrough(), ({ person, data, typed }) =>
      this.safely(person, 'request.refresh', data.requestId, typed, () => this.render(person, data.requestId, { readyBy: Date.now() + CARD_READY_WITHIN_MS })),
    );
  }

  private async answer<F extends CaseTarget & Record<string, unknown>>(name: string, { person, data, typed, turn }: Click<F>, action: CaseAction<F>): Promise<AdaptiveCardInvokeResponse> {
    const cardId = turn.activity.replyToId;
    const readyBy = Date.now() + CARD_READY_WITHIN_MS;
    this.answered.begin(cardId);
    let shown: number | null = null;
    let answer: ClickAnswer = 'failed';
    try {
      const response = await this.safely(person, name, data.requestId, typed, async () => {
        const { request, note } = await action(person, { requestId: data.requestId, version: data.version }, data, turn);
        this.logger.info({ verb: name, requestId: request.id, actorId: person.id, status: request.status, version: request.version }, 'card action');
        // The action returned the request as it left it: shown as is, with no second read.
        const card = await this.cards.render(await this.requests.shownTo(person, request), person, { note: { text: note, tone: 'good' }, readyBy });
        shown = request.version;
        return card;
      });
      answer = shown === null ? 'refused' : { shown };
      return response;
    } finally {
      // Only a card that is shown answers the click: if rendering failed, the background refresh updates the clicked copy.
      this.answered.end(cardId, answer);
    }
  }

  /** Data that is not what the card sends: said plainly on the card, if there is one to show. */
  private async unreadable(name: string, person: StaffMember, issues: z.ZodIssue[], raw: unknown): Promise<AdaptiveCardInvokeResponse> {
    const data = isRecord(raw) ? raw : {};
    const requestId = typeof data.requestId === 'string' && data.requestId.length <= 64 ? data.requestId : '';
    const problems: Record<string, string> = {};
    for (const issue of issues) {
      const field = issue.path[0];
      if (typeof field === 'string' && field !== 'requestId' && field !== 'version') problems[field] = 'This answer could not be read: enter it again.';
    }
    const error = invalid('Some of this card could not be read.', problems);
    if (!requestId) return cardResponse(messageCard('This card could not be read. Open the request again from "my requests" or "queue".'));
    return this.safely(person, name, requestId, typedInputs(data), () => {
      throw error;
    });
  }

  /** Domain refusals come back as the current card with a note, keeping what was typed. */
  private async safely(person: StaffMember, name: string, requestId: string, typed: Readonly<Record<string, string>>, work: () => Promise<AdaptiveCard>): Promise<AdaptiveCardInvokeResponse> {
    try {
      return cardResponse(await work());
    } catch (error) {
      if (!isDomainError(error)) throw error;
      this.logger.info({ verb: name, requestId, actorId: person.id, kind: error.kind }, 'card action refused');
      try {
        return cardResponse(await this.render(person, requestId, refusal(error, typed)));
      } catch (renderError) {
        // No card to show it on (the request is not theirs to see now): what they wrote is still given back.
        if (isDomainError(renderError)) return cardResponse(messageCard(`${error.message} Nothing was changed.${typedTextSentence(typed, FREE_TEXT)}`));
        throw renderError;
      }
    }
  }

  /** Posts the request's card in this chat, and remembers it so later changes update it. */
  async open(turn: TurnContext, person: StaffMember, requestId: string): Promise<void> {
    try {
      const request = await this.requests.visibleTo(person, requestId);
      const card = await this.cards.render(request, person, { readyBy: Date.now() + CARD_READY_WITHIN_MS });
      const earlier = (await this.postedCards.forRequest(requestId)).filter((c) => c.recipientAad === person.aadObjectId.toLowerCase());
      const sent = await turn.sendActivity(MessageFactory.attachment(cardAttachment(card)));
      if (sent?.id) {
        await this.postedCards.record({ requestId, recipientAad: person.aadObjectId, activityId: sent.id, reference: TurnContext.getConversationReference(turn.activity) });
        // One live card per case per person: an older copy says where the card now is, and stops being updated.
        for (const copy of earlier.filter((c) => c.activityId !== sent.id)) {
          await this.postedCards.forget(copy);
          await this.movedNotice(turn, copy.activityId, request.reference);
        }
      }
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await turn.sendActivity(error.message);
    }
  }

  private async movedNotice(turn: TurnContext, activityId: string, reference: string): Promise<void> {
    try {
      await turn.updateActivity({ ...MessageFactory.attachment(cardAttachment(messageCard(`${reference}: this card is now further down this chat, where it is kept up to date.`))), id: activityId });
    } catch (error) {
      // An old copy that cannot be changed (deleted, or too old) is left as it was.
      this.logger.warn({ err: (error as Error).message }, 'could not mark an older copy of a card as moved');
    }
  }

  private async render(person: StaffMember, requestId: string, extras: CardExtras = {}): Promise<AdaptiveCard> {
    return this.cards.render(await this.requests.visibleTo(person, requestId), person, extras);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function refusal(error: DomainError, inputs: Readonly<Record<string, string>>): { note: CardNote; problems?: Record<string, string>; values?: Record<string, string> } {
  const { requestId: _id, ...typed } = inputs;
  if (error.kind === 'invalid' && Object.keys(error.problems).length > 0) {
    return { note: { text: `${error.message} What you typed is kept below.`, tone: 'attention' }, problems: { ...error.problems }, values: typed };
  }
  // The form it came from may be gone from the card as it is now: show what was typed, to copy.
  const kept = typedTextSentence(typed, FREE_TEXT);
  if (error.kind === 'conflict') {
    return { note: { text: `This request changed since you last saw it. This is how it is now; nothing was changed by your click.${kept}`, tone: 'attention' }, values: typed };
  }
  return { note: { text: `${error.message} Nothing was changed.${kept}`, tone: 'attention' }, values: typed };
}
