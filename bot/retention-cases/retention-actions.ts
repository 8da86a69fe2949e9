import { MessageFactory, TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import { messageCard, type AdaptiveCard } from '../../cards/render';
import { retentionCard, retentionListCard, retentionRegistrationCard, type RetentionCardOptions } from '../../cards/retention-cards';
import type { PostedCards } from '../../data/stores/posted-cards';
import { isDomainError } from '../../domain/errors';
import type { Logger, StaffDirectory } from '../../domain/ports';
import type { RetentionCase } from '../../domain/retention-cases/retention-case';
import type { RetentionService, RetentionView } from '../../domain/retention-cases/retention-service';
import type { StaffMember } from '../../domain/staff';
import { cardAttachment } from '../../dialogs/card-attachment';
import { cardResponse } from '../core/invoke-response';
import { typedTextNotOnCard, typedTextSentence } from '../core/typed-text';
import type { AnsweredCards, ClickAnswer } from '../requests/answered-cards';
import type { CardUpdates } from '../core/card-updates';
import { RETENTION_LIVE_CARD } from './journey';
import { errorForLog } from '../logger';
import type { AccessSink } from '../privacy/access-audit';
import { mayRegisterRetentionCases } from '../../domain/retention-cases/retention-policy';

/** What people write in their own words on a case's forms, given back when a refused click would lose it. */
const CASE_TEXT = ['agreedNote', 'referralNote', 'hcpAdvice', 'outcomeNote'];
/** The registration form's words; a claimant's surname and NINO are identifiers, never repeated in a note. */
const REGISTRATION_TEXT = ['personName', 'employer', 'need'];

/** How the person stands to the case, for the access audit. */
function relationshipTo(c: RetentionCase, viewer: StaffMember): string {
  if (viewer.id === c.employerAdviserId) return 'employer adviser';
  if (viewer.id === c.deaId) return 'adviser';
  if (viewer.id === c.workPsychologistId) return 'work psychologist';
  if (viewer.id === c.hcpId) return 'HCP';
  return 'colleague';
}

/** Retention cases on cards: the form, each case's card per person, clicks, and posted copies kept up to date. */
export class RetentionActions {
  constructor(
    private readonly deps: {
      readonly retention: RetentionService;
      readonly directory: StaffDirectory;
      // Copies are keyed by their subject's id (a UUID), whatever the subject; a case's id here.
      readonly postedCards: PostedCards;
      readonly updates: Pick<CardUpdates, 'update'>;
      readonly logger: Logger;
      /** Clicked copies keep their answer (and its note) instead of being refreshed over it. */
      readonly answered: AnsweredCards;
      /** Each case shown (its card or its line in the list) is recorded before it leaves. */
      readonly access: AccessSink;
    },
  ) {}

  async render(caseId: string, viewer: StaffMember, options: RetentionCardOptions = {}): Promise<AdaptiveCard | null> {
    const view = await this.deps.retention.view(caseId, viewer);
    return view ? this.card(view, viewer, options) : null;
  }

  /** The case's card for this person, its showing noted. */
  private card(view: RetentionView, viewer: StaffMember, options: RetentionCardOptions = {}): AdaptiveCard {
    this.deps.access.saw(viewer, 'retention', view.case.id, relationshipTo(view.case, viewer), 'card');
    return retentionCard(view, viewer, options);
  }

  async newCase(turn: TurnContext, person: StaffMember): Promise<void> {
    if (!mayRegisterRetentionCases(person)) {
      await turn.sendActivity('Retention cases are registered by employer advisers. If someone needs support to keep their job, refer them to the employer adviser.');
      return;
    }
    await turn.sendActivity(MessageFactory.attachment(cardAttachment(retentionRegistrationCard(await this.deps.retention.deasFor(person)))));
  }

  async register(person: StaffMember, data: Record<string, unknown>, typed: Readonly<Record<string, string>>): Promise<AdaptiveCardInvokeResponse> {
    try {
      const created = await this.deps.retention.register(person, data);
      this.deps.logger.info({ verb: 'retention.register', caseId: created.id, assessment: created.assessment, actorId: person.id }, 'retention case registered');
      const note = created.deaId ? 'Registered and sent to the DEA to consult. You will get a message here when they record the next step.' : 'Registered. Resolve the adjustment, then record the outcome here.';
      return cardResponse((await this.render(created.id, person, { note })) ?? messageCard(note));
    } catch (error) {
      if (!isDomainError(error)) throw error;
      this.deps.logger.info({ verb: 'retention.register', actorId: person.id, kind: error.kind }, 'card action refused');
      const deas = mayRegisterRetentionCases(person) ? await this.deps.retention.deasFor(person) : [];
      return cardResponse(error.kind === 'invalid' && Object.keys(error.problems).length ? retentionRegistrationCard(deas, typed, error.problems) : messageCard(`${error.message} Nothing was saved.${typedTextSentence(typed, REGISTRATION_TEXT)}`));
    }
  }

  /** `done` is the note on the card sent back; worked out from the case as it now is where that changes what it may say. */
  async answer(
    person: StaffMember,
    verb: string,
    caseId: string,
    typed: Readonly<Record<string, string>>,
    change: () => Promise<RetentionCase>,
    done: string | ((view: RetentionView | null) => string),
    cardId?: string,
  ): Promise<AdaptiveCardInvokeResponse> {
    this.deps.answered.begin(cardId);
    let answer: ClickAnswer = 'failed';
    const refused = (response: AdaptiveCardInvokeResponse): AdaptiveCardInvokeResponse => {
      answer = 'refused';
      return response;
    };
    try {
      const { version } = await change();
      this.deps.logger.info({ verb, caseId, actorId: person.id }, 'card action');
      const now = await this.deps.retention.view(caseId, person);
      const note = typeof done === 'string' ? done : done(now);
      const response = cardResponse(now ? this.card(now, person, { note }) : messageCard(note));
      // Only a card that is shown answers the click: if it could not be drawn, the background refresh updates the clicked copy.
      answer = { shown: version };
      return response;
    } catch (error) {
      if (!isDomainError(error)) throw error;
      this.deps.logger.info({ verb, caseId, actorId: person.id, kind: error.kind }, 'card action refused');
      // Someone the case is not for sees the refusal only (and what they wrote, which is theirs).
      const view = error.kind === 'not_found' ? null : await this.deps.retention.view(caseId, person);
      if (!view) return refused(cardResponse(messageCard(`${error.message} Nothing was changed.${typedTextSentence(typed, CASE_TEXT)}`)));
      // Where the form is still on the case's card it comes back filled; where the case moved on
      // without it (closed, say), what was written is given back in the note, to copy.
      const form: RetentionCardOptions = { noteTone: 'attention', problems: { ...error.problems }, values: typed };
      const lost = typedTextNotOnCard(retentionCard(view, person, form), typed, CASE_TEXT);
      return refused(cardResponse(this.card(view, person, { ...form, note: `${error.message} Nothing was changed.${typedTextSentence(lost, CASE_TEXT)}` })));
    } finally {
      this.deps.answered.end(cardId, answer);
    }
  }

  async refresh(person: StaffMember, caseId: string): Promise<AdaptiveCardInvokeResponse> {
    return cardResponse((await this.render(caseId, person)) ?? messageCard('This retention case is not yours to see.'));
  }

  async open(turn: TurnContext, person: StaffMember, caseId: string): Promise<void> {
    const card = await this.render(caseId, person);
    if (!card) {
      await turn.sendActivity('That retention case does not exist, or is not yours to see.');
      return;
    }
    const sent = await turn.sendActivity(MessageFactory.attachment(cardAttachment(card)));
    if (sent?.id) await this.deps.postedCards.record({ requestId: caseId, recipientAad: person.aadObjectId, activityId: sent.id, reference: TurnContext.getConversationReference(turn.activity) });
  }

  async list(turn: TurnContext, person: StaffMember): Promise<void> {
    const { cases, byRoute } = await this.deps.retention.listFor(person);
    for (const c of cases) this.deps.access.saw(person, 'retention', c.id, relationshipTo(c, person), 'list');
    await turn.sendActivity(MessageFactory.attachment(cardAttachment(retentionListCard(cases, byRoute, { mayRegister: mayRegisterRetentionCases(person) }))));
  }

  async refreshCopies(caseId: string): Promise<void> {
    for (const copy of await this.deps.postedCards.forRequest(caseId)) {
      const viewer = await this.deps.directory.findByAadObjectId(copy.recipientAad);
      const view = viewer ? await this.deps.retention.view(caseId, viewer) : null;
      if (!viewer || !view || this.deps.answered.skips(copy.activityId, caseId, view.case.version)) continue;
      const card = this.card(view, viewer);
      try {
        await this.deps.updates.update({ kind: RETENTION_LIVE_CARD, subjectId: caseId }, copy.reference, copy.activityId, card);
      } catch (error) {
        this.deps.logger.warn({ caseId, err: errorForLog(error) }, 'could not update a posted retention card');
      }
    }
  }
}
