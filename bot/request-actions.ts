import { badRequest, cardResponse } from './invoke-response';
import { MessageFactory, TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import { myRequestsCard, queueCard, type CardNote } from '../cards/request-cards';
import { qualityListCard } from '../cards/quality-forms';
import { messageCard, type AdaptiveCard } from '../cards/render';
import { cardAttachment } from '../dialogs/card-attachment';
import type { PostedCards } from '../data/stores/posted-cards';
import { invalid, isDomainError, type DomainError } from '../domain/errors';
import type { BookingService } from '../domain/calendar/booking-service';
import type { InterventionService } from '../domain/interventions/intervention-service';
import type { OutcomeService } from '../domain/outcomes/outcome-service';
import { NEXT_STEP_LABELS } from '../domain/outcomes/next-steps';
import type { QualityService } from '../domain/quality/quality-service';
import type { BackgroundWork } from './background';
import { settleWithin } from './time-box';
import type { AnsweredCards } from './answered-cards';
import type { CardExtras, RequestCardRenderer } from './request-card-renderer';
import type { Clock, Logger } from '../domain/ports';
import { londonDate } from '../domain/requests/calendar-date';
import { RequestService } from '../domain/requests/request-service';
import type { SupportRequest } from '../domain/requests/support-request';
import type { TriageService } from '../domain/requests/triage-service';
import type { StaffMember } from '../domain/staff';

type ActionData = Record<string, unknown>;


/** Teams gives a card action 5 seconds; rendering the card takes the rest. */
const ANSWER_WITHIN_MS = 3000;
/** The whole answer, rendering included, within Teams' 5 seconds with room for the network. */
const CARD_READY_WITHIN_MS = 4200;

/** Inputs a person writes in their own words, which must never vanish with a refused click. */
const FREE_TEXT = new Set(['question', 'answer', 'redirectReason', 'summary', 'information', 'holdingText', 'actions', 'overrideReason', 'qasNotes']);

/** The answer to a click: the request as it now is, and a line saying what happened. */
type Verb = (person: StaffMember, requestId: string, version: number, data: ActionData) => Promise<{ request: SupportRequest; note: string }>;

/**
 * What people do to a request from its card (Action.Execute). Each verb is authorised in the domain
 * against the stored request and the version the card showed, and answered with the refreshed card
 * for the clicker; everyone else's copies are updated after the answer.
 */
export class RequestActions {
  private readonly verbs: Readonly<Record<string, Verb>>;
  private readonly quality: QualityService;

  constructor(
    private readonly requests: RequestService,
    private readonly triage: TriageService,
    services: { bookings: BookingService; interventions: InterventionService; outcomes: OutcomeService; quality: QualityService },
    private readonly background: BackgroundWork,
    private readonly cards: RequestCardRenderer,
    private readonly postedCards: PostedCards,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly answered?: AnsweredCards,
  ) {
    const { bookings, interventions, outcomes, quality } = services;
    this.quality = quality;
    this.verbs = {
      'request.withdraw': async (p, id, v) => ({ request: await requests.withdraw(p, id, v), note: 'You withdrew this request. The DEA has been told.' }),
      'request.accept': async (p, id, v, d) => ({ request: await triage.accept(p, id, v, d.channel), note: 'Accepted. The work coach has been told.' }),
      'request.ask': async (p, id, v, d) => ({ request: await triage.askForInformation(p, id, v, d.question), note: 'Your question was sent to the work coach.' }),
      'request.answer': async (p, id, v, d) => ({ request: await triage.answer(p, id, v, d.answer), note: 'Your answer was sent to the DEA.' }),
      'request.redirect': async (p, id, v, d) => ({
        request: await triage.redirect(p, id, v, d.redirectReason, String(d.inappropriate ?? '').split(',').includes('yes')),
        note: 'Redirected. The work coach has been told why.',
      }),
      'request.inform': async (p, id, v, d) => ({ request: await triage.sendInformation(p, id, v, d.summary, d.information), note: 'The information was sent and the request closed.' }),
      'request.hold': async (p, id, v, d) => ({ request: await triage.holdingResponse(p, id, v, d.holdingText, d.expectedReturn), note: 'Your holding response was sent.' }),
      // Diaries are written after the answer: the card says "being booked" and is updated when done.
      'booking.book': async (p, id, v, d) => {
        const booking = await bookings.start(p, id, v, d);
        this.background.run('booking', () => bookings.complete(booking.id));
        return { request: await requests.visibleTo(p, id), note: 'Booking it in the diaries… this card is updated when it is done.' };
      },
      'booking.retry': async (p, id) => {
        const request = await requests.visibleTo(p, id);
        const booking = await bookings.current(id);
        if (!booking || booking.status !== 'failed' || !RequestService.seesClaimantInFull(p, request)) throw invalid('There is no failed booking to try again.');
        this.background.run('booking', () => bookings.complete(booking.id));
        return { request, note: 'Trying the diaries again…' };
      },
      'booking.move': async (p, id, v, d) => {
        const done = await this.withinAnswerTime('booking.move', bookings.move(p, id, v, d));
        return { request: await requests.visibleTo(p, id), note: done ? 'Moved in the diaries. The other person has been told.' : 'Moving it in the diaries… this card is updated when it is done.' };
      },
      'booking.cancel': async (p, id, v) => {
        const done = await this.withinAnswerTime('booking.cancel', bookings.cancel(p, id, v));
        return {
          request: await requests.visibleTo(p, id),
          note: done ? 'Cancelled and removed from the diaries. The other person has been told.' : 'Removing it from the diaries… this card is updated when it is done.',
        };
      },
      'consent.threeWay': async (p, id, v, d) => {
        const { request, consent, caseConference } = await interventions.captureThreeWayConsent(p, id, v, d);
        return {
          request,
          note:
            consent.answer === 'agreed'
              ? 'Consent recorded. Next: book the three way intervention.'
              : `Recorded that the claimant did not agree. ${caseConference ? `Case conference request ${caseConference} was raised in its place` : 'A case conference request was raised in its place'}; the DEA has been told.`,
        };
      },
      'consent.intervention': async (p, id, v, d) => ({
        request: await interventions.confirmInterventionConsent(p, id, v, { confirmed: d.confirmed, letterFormat: d.letterFormat }),
        note: 'Pre-conditions confirmed. The DEA has been told and will contact the claimant to arrange it.',
      }),
      'intervention.askOverride': async (p, id, v, d) => ({
        request: await interventions.askForOverride(p, id, v, d.overrideReason),
        note: 'Your team leader has been asked to agree. You will get a message here when they answer.',
      }),
      'outcome.record': async (p, id, v, d) => {
        const { request, followUps } = await outcomes.recordOutcome(p, id, v, d);
        const started = followUps.map((f) => `${NEXT_STEP_LABELS[f.step]}: ${f.reference}`).join('; ');
        return { request, note: `Outcome recorded.${started ? ` Started: ${started}.` : ''}` };
      },
      'outcome.summary': async (p, id, v, d) => ({ request: await outcomes.recordSummary(p, id, v, d), note: 'Your summary of outputs was sent.' }),
      'qas.mark': async (p, id, v) => ({ request: await quality.mark(p, id, v), note: 'Marked for a QAS check. Record the result here after the check.' }),
      'qas.record': async (p, id, v, d) => ({ request: await quality.record(p, id, v, { result: d.qasResult, notes: d.qasNotes }), note: 'QAS result recorded.' }),
    };
  }

  /**
   * Diary work that usually takes well under a second, but may wait on Graph's throttling: the
   * click is answered after at most ANSWER_WITHIN_MS, and the work goes on in the background (the
   * cards are updated when it ends). A refusal that comes in time is still shown on the card.
   */
  private async withinAnswerTime(name: string, work: Promise<unknown>): Promise<boolean> {
    const settled = await settleWithin(ANSWER_WITHIN_MS, work);
    if (!settled) this.background.run(name, () => work);
    return settled !== undefined;
  }

  /** `cardId`: the posted card that was clicked (the invoke's replyToId), when Teams says. */
  async invoke(person: StaffMember, verb: string, data: ActionData, cardId?: string): Promise<AdaptiveCardInvokeResponse> {
    const requestId = typeof data.requestId === 'string' ? data.requestId : '';
    const version = typeof data.version === 'number' ? data.version : Number(data.version);
    if (verb === 'request.refresh') return this.safely(person, verb, requestId, data, async () => this.render(person, requestId));
    const action = this.verbs[verb];
    if (!action) return badRequest(`Unknown action ${verb}`);
    const readyBy = Date.now() + CARD_READY_WITHIN_MS;
    this.answered?.begin(cardId);
    let answeredVersion: number | null = null;
    try {
      return await this.safely(person, verb, requestId, data, async () => {
        const { request, note } = await action(person, requestId, version, data);
        this.logger.info({ verb, requestId, actorId: person.id, status: request.status, version: request.version }, 'card action');
        answeredVersion = request.version;
        return this.render(person, request.id, { note: { text: note, tone: 'good' }, readyBy });
      });
    } finally {
      this.answered?.end(cardId, answeredVersion);
    }
  }

  /** Domain refusals come back as the current card with a note, keeping what was typed. */
  private async safely(person: StaffMember, verb: string, requestId: string, data: ActionData, work: () => Promise<AdaptiveCard>): Promise<AdaptiveCardInvokeResponse> {
    try {
      return cardResponse(await work());
    } catch (error) {
      if (!isDomainError(error)) throw error;
      this.logger.info({ verb, requestId, actorId: person.id, kind: error.kind }, 'card action refused');
      try {
        return cardResponse(await this.render(person, requestId, refusal(error, data)));
      } catch (renderError) {
        if (isDomainError(renderError)) return cardResponse(messageCard(`${error.message} Nothing was changed.`));
        throw renderError;
      }
    }
  }

  /** Posts the request's card in this chat, and remembers it so later changes update it. */
  async open(turn: TurnContext, person: StaffMember, requestId: string): Promise<void> {
    try {
      const card = await this.render(person, requestId);
      const sent = await turn.sendActivity(MessageFactory.attachment(cardAttachment(card)));
      if (sent?.id) {
        await this.postedCards.record({ requestId, recipientAad: person.aadObjectId, activityId: sent.id, reference: TurnContext.getConversationReference(turn.activity) });
      }
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await turn.sendActivity(error.message);
    }
  }

  async qualityChecks(turn: TurnContext, person: StaffMember): Promise<void> {
    if (!person.roles.includes('work_coach_team_leader')) {
      await turn.sendActivity("Quality checks are for Work Coach Team Leaders: they quality assure their DEA's work (QAS).");
      return;
    }
    await turn.sendActivity(MessageFactory.attachment(cardAttachment(qualityListCard(await this.quality.checkable(person)))));
  }

  async listMine(turn: TurnContext, person: StaffMember): Promise<void> {
    const mine = await this.requests.mine(person);
    await turn.sendActivity(MessageFactory.attachment(cardAttachment(myRequestsCard(mine))));
  }

  async queue(turn: TurnContext, person: StaffMember): Promise<void> {
    if (!person.roles.includes('dea')) {
      await turn.sendActivity('The queue is for DEAs: it lists the requests sent to them. Say "my requests" to see yours.');
      return;
    }
    const entries = await this.triage.queue(person);
    const requesters = await this.requests.requesterNames(entries.map((e) => e.request));
    await turn.sendActivity(MessageFactory.attachment(cardAttachment(queueCard(entries, requesters, londonDate(this.clock.now())))));
  }

  private async render(person: StaffMember, requestId: string, extras: CardExtras = {}): Promise<AdaptiveCard> {
    return this.cards.render(await this.requests.visibleTo(person, requestId), person, extras);
  }


}

function refusal(error: DomainError, data: ActionData): { note: CardNote; problems?: Record<string, string>; values?: Record<string, string> } {
  const typed: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) if (typeof value === 'string' && key !== 'requestId') typed[key] = value;
  if (error.kind === 'invalid' && Object.keys(error.problems).length > 0) {
    return { note: { text: `${error.message} What you typed is kept below.`, tone: 'attention' }, problems: { ...error.problems }, values: typed };
  }
  // The form it came from may be gone from the card as it is now: show what was typed, to copy.
  const written = Object.entries(typed)
    .filter(([key, value]) => FREE_TEXT.has(key) && value.trim())
    .map(([, value]) => value.trim());
  const kept = written.length ? ` What you typed: “${written.join(' / ')}”` : '';
  if (error.kind === 'conflict') {
    return { note: { text: `This request changed since you last saw it. This is how it is now; nothing was changed by your click.${kept}`, tone: 'attention' }, values: typed };
  }
  return { note: { text: `${error.message} Nothing was changed.${kept}`, tone: 'attention' }, values: typed };
}
