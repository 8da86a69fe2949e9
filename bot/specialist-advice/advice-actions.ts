import { randomUUID } from 'node:crypto';
import { MessageFactory, TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import type { PostedCards } from '../../data/stores/posted-cards';
import { adviceNotice, bookedOverCard } from '../../cards/specialist-advice/notices';
import type { NoticeLine } from '../core/journey';
import type { AccessSink } from '../privacy/access-audit';
import { adviceCard, type AdviceCardView } from '../../cards/specialist-advice/conversation-card';
import { coachListCard, contactDayCard, hcpDayCard, managerCard, weekCard } from '../../cards/specialist-advice/day-cards';
import { adviceRequestCard } from '../../cards/specialist-advice/request-form';
import { messageCard, type AdaptiveCard } from '../../cards/render';
import { cardAttachment } from '../../dialogs/card-attachment';
import { londonDateFast } from '../../domain/calendar/london-time';
import { isDomainError, type DomainError } from '../../domain/errors';
import type { Clock, Logger, StaffDirectory } from '../../domain/ports';
import { describeDate } from '../../domain/requests/calendar-date';
import { allowedAdvice } from '../../domain/specialist-advice/advice-policy';
import { claimantText, type AdviceService } from '../../domain/specialist-advice/advice-service';
import type { AdviceConversation } from '../../domain/specialist-advice/conversation';
import { lmsText } from '../../domain/specialist-advice/notes';
import type { AdviceSlot } from '../../domain/specialist-advice/schedule';
import type { Jobcentre, StaffMember } from '../../domain/staff';
import { cardResponse } from '../core/invoke-response';
import { PROPOSALS_WITHIN_MS, settleWithin } from '../core/time-box';
import { typedTextNotOnCard, typedTextSentence, withNoteText } from '../core/typed-text';
import { isDatabaseFailure } from '../../data/database-failure';
import { errorForLog } from '../logger';
import { adviceDayViewOf } from '../../domain/specialist-advice/advice-policy';

export interface AdviceActionDeps {
  readonly service: AdviceService;
  readonly directory: StaffDirectory;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Each showing of a conversation's card is noted for the access log. */
  readonly access?: AccessSink;
  /** Where each person's card of a conversation was posted, to update it in place. */
  readonly postedCards: PostedCards;
}

type Extras = Pick<AdviceCardView, 'note' | 'form'> & { proposals?: readonly AdviceSlot[] };

/** What people write in their own words on a conversation's card: the HCP's notes. */
const FREE_TEXT = ['conditions', 'impact', 'functioning', 'actions', 'findings'];

type Inputs = Readonly<Record<string, string>>;

/**
 * Specialist Advice in Teams: the request form, each person's card of a conversation, and the
 * HCP's, contact's and activity manager's day. Every click is answered from stored state; a
 * refusal comes back on the same card with what was typed kept.
 */
export class AdviceActions {
  constructor(private readonly deps: AdviceActionDeps) {}

  /**
   * `specialist advice`: the form, for a work coach in a jobcentre that an HCP covers. Each form has
   * its own key, so sending it again (Teams keeps a form whose answer was slow) saves nothing twice.
   */
  async requestCommand(turn: TurnContext, person: StaffMember): Promise<void> {
    const { jobcentre, hcp } = await this.deps.service.assertCanAsk(person);
    await turn.sendActivity(MessageFactory.attachment(cardAttachment(adviceRequestCard(hcp.name, jobcentre.name, randomUUID()))));
  }

  /** `my day`: the HCP's day, the contact's jobcentre, or the activity manager's HCPs. */
  async dayCommand(turn: TurnContext, person: StaffMember): Promise<void> {
    await turn.sendActivity(MessageFactory.attachment(cardAttachment(await this.dayCard(person))));
  }

  /**
   * Not recorded in the access log: these cards name conversations by reference, time, channel and
   * colleague only, never the claimant's surname, NINO or health details (cards/specialist-advice/day-cards.ts);
   * opening a conversation from them renders its card, which is recorded.
   */
  async dayCard(person: StaffMember, note?: { text: string; tone: 'good' | 'attention' }, form?: { values?: Record<string, string>; problems?: Record<string, string> }): Promise<AdaptiveCard> {
    const today = londonDateFast(this.deps.clock.now());
    const view = adviceDayViewOf(person);
    if (view === 'hcp') {
      const [day] = await this.deps.service.hcpDays(person, today, 1);
      return hcpDayCard(day!, await this.officeNames([day!.jobcentreId]), await this.names(day!.conversations.map((c) => c.coachId)));
    }
    if (view === 'manager') {
      const { district, hcps } = await this.deps.service.managedHcps(person);
      const [{ days, breaks }, offices] = await Promise.all([this.deps.service.hcpsDays(hcps, today, 5), this.deps.service.clusterOfficesOf(hcps)]);
      const weeks = hcps.map((hcp, i) => ({ hcp, days: days[i]!, offices: offices.get(hcp.id) ?? [], breaks: breaks.filter((b) => b.hcpId === hcp.id) }));
      return managerCard(district, weeks, await this.officeNames(weeks.flatMap((w) => w.days.map((d) => d.jobcentreId)), [...offices.values()].flat()), note, form);
    }
    if (view === 'coach') {
      const mine = await this.deps.service.coachConversations(person);
      return coachListCard(mine, await this.names(mine.map((c) => c.hcpId)), this.deps.clock.now());
    }
    const { jobcentre, conversations } = await this.deps.service.contactDay(person);
    return contactDayCard(jobcentre.name, conversations, await this.names(conversations.flatMap((c) => [c.hcpId, c.coachId])));
  }

  /** The card of a conversation for this person, as it now is. */
  async render(person: StaffMember, conversationOrId: AdviceConversation | string, extras: Extras = {}): Promise<AdaptiveCard | null> {
    const c = typeof conversationOrId === 'string' ? await this.deps.service.get(conversationOrId) : conversationOrId;
    const part = await this.deps.service.partOf(c, person);
    if (!part) return null;
    this.deps.access?.saw(person, 'advice', c.id, part, 'card');
    const now = this.deps.clock.now();
    const people = new Map((await this.deps.directory.findByIds([c.coachId, c.hcpId, ...(c.contactId ? [c.contactId] : [])])).map((p) => [p.id, p.name]));
    const office = await this.deps.service.jobcentre(c.jobcentreId);
    const notes = await this.deps.service.notes(c, part);
    const allowed = allowedAdvice(c, part, now);
    // The contact sends it; where none was named for the conversation, the coach (the policy's rule).
    const findingsForGp = allowed.has('findingsSent') ? await this.deps.service.findingsForGp(c) : null;
    const names = { coach: people.get(c.coachId) ?? 'the work coach', hcp: people.get(c.hcpId) ?? 'the HCP', contact: c.contactId ? (people.get(c.contactId) ?? null) : null, jobcentre: office?.name ?? 'the jobcentre' };
    return adviceCard({
      conversation: c,
      part,
      allowed,
      names,
      notes,
      findingsForGp,
      proposals: extras.proposals,
      claimantText: part === 'coach' && c.status === 'booked' ? claimantText(c, names.jobcentre, names.hcp) : undefined,
      lmsText: part === 'coach' && notes && c.heldAt ? lmsText(c.reference, describeDate(londonDateFast(c.heldAt)), notes.actions) : undefined,
      note: extras.note,
      form: extras.form,
      today: londonDateFast(now),
      now,
    });
  }

  /**
   * What a person is sent about a conversation: its card the first time, and after that a line
   * saying what changed, because the card they have is updated in place (one card per person).
   */
  async cardOrNotice(person: StaffMember, conversationId: string): Promise<AdaptiveCard | NoticeLine | null> {
    const copies = await this.deps.postedCards.forRequest(conversationId);
    if (!copies.some((copy) => copy.recipientAad === person.aadObjectId.toLowerCase())) return this.render(person, conversationId);
    const c = await this.deps.service.get(conversationId);
    const part = await this.deps.service.partOf(c, person);
    if (!part) return null;
    const happening = await this.deps.service.latestHappening(c.id);
    const people = new Map((await this.deps.directory.findByIds([...(happening ? [happening.actorId] : []), ...(c.contactId ? [c.contactId] : [])])).map((p) => [p.id, p.name]));
    // The jobcentre is named only where no contact is: read only then.
    const jobcentreName = !c.contactId && happening?.what === 'pack reminder' ? ((await this.deps.service.jobcentre(c.jobcentreId))?.name ?? null) : null;
    return { notice: adviceNotice({ conversation: c, part, what: happening?.what ?? null, actorName: happening ? (people.get(happening.actorId) ?? null) : null, contactName: c.contactId ? (people.get(c.contactId) ?? null) : null, jobcentreName }) };
  }

  /** The notice that a conversation was booked over the HCP's supporting activity; null when there is none for this person now. */
  async bookedOverNotice(person: StaffMember, conversationId: string): Promise<AdaptiveCard | null> {
    const notice = await this.deps.service.bookedOverNotice(person, conversationId);
    return notice ? bookedOverCard(notice) : null;
  }

  /** The coach's line that the HCP is away on the conversation's day; null when that no longer holds, or they are not its coach. */
  async hcpAwayLine(person: StaffMember, conversationId: string): Promise<NoticeLine | null> {
    const away = await this.deps.service.hcpAwayNotice(person, conversationId);
    if (!away) return null;
    const why = away.lastDay ? `${away.hcpName}’s last working day is ${describeDate(away.lastDay)}, before this conversation on ${describeDate(away.date)}.` : `${away.hcpName} is recorded absent on ${describeDate(away.date)}.`;
    return { notice: `Specialist Advice ${away.reference}: ${why} Your action: move or cancel the conversation, and tell the claimant.` };
  }

  /** The card a click answered becomes the person's live copy of the conversation's card. */
  async keepCopy(person: StaffMember, conversationId: string, turn: TurnContext | undefined): Promise<void> {
    const activityId = turn?.activity.replyToId;
    if (!turn || !activityId) return;
    await this.deps.postedCards.record({ requestId: conversationId, recipientAad: person.aadObjectId, activityId, reference: TurnContext.getConversationReference(turn.activity) });
  }

  /** Answers a click: the use case, then the card as it now is; a refusal on the same card. */
  async answer(person: StaffMember, verb: string, conversationId: string, typed: Inputs, work: () => Promise<{ conversation: AdviceConversation; extras?: Extras }>, turn?: TurnContext): Promise<AdaptiveCardInvokeResponse> {
    try {
      const { conversation, extras } = await work();
      const card = await this.render(person, conversation, extras);
      if (card) await this.keepCopy(person, conversation.id, turn);
      return cardResponse(card ?? messageCard('That conversation is not one of yours, so there is nothing to show.'));
    } catch (error) {
      if (!isDomainError(error)) throw error;
      this.deps.logger.info({ verb, actorId: person.id, kind: error.kind }, 'specialist advice action refused');
      return cardResponse(await this.refused(person, conversationId, error, typed));
    }
  }

  /**
   * The form sent. `submissionKey` is the form's (a form shown before forms had one gets a new one
   * here, so it is saved as before): the same form sent again answers with the conversation it made.
   * A form given back keeps its key, as nothing of it was saved.
   */
  async requestAnswer(person: StaffMember, typed: Inputs, submissionKey: string | undefined, turn?: TurnContext): Promise<AdaptiveCardInvokeResponse> {
    const key = submissionKey ?? randomUUID();
    let result: Awaited<ReturnType<AdviceService['request']>>;
    try {
      result = await this.deps.service.request(person, typed, key);
    } catch (error) {
      return this.requestRefused(person, typed, key, error);
    }
    const { conversation } = result;
    // The form becomes the coach's card of the conversation, kept up to date from now on.
    await this.keepCopy(person, conversation.id, turn);
    this.deps.logger.info({ conversationId: conversation.id, reference: conversation.reference, adHoc: conversation.adHoc }, result.repeated ? 'specialist advice request sent again' : 'specialist advice requested');
    if (conversation.status !== 'requested') return cardResponse((await this.render(person, conversation, { note: { text: result.note ?? `Sent as ${conversation.reference}.`, tone: result.note ? 'attention' : 'good' } }))!);
    const times = await this.timesFor(conversation);
    const note = result.note ? [result.note, times.unavailable].filter(Boolean).join(' ') : `Sent as ${conversation.reference}. ${times.unavailable ?? 'Now choose a time.'}`;
    return cardResponse((await this.render(person, conversation, { proposals: times.proposals, note: { text: note, tone: result.note || times.unavailable ? 'attention' : 'good' } }))!);
  }

  /** A request not saved: only the reason when it is not theirs to ask, else the form again as typed. */
  private async requestRefused(person: StaffMember, typed: Inputs, key: string, error: unknown): Promise<AdaptiveCardInvokeResponse> {
    // The database failing answers 503, so Teams keeps the form as it was typed for a second try.
    if (isDatabaseFailure(error)) throw error;
    if (isDomainError(error) && error.kind !== 'invalid' && error.kind !== 'conflict') return cardResponse(messageCard(error.message));
    const { jobcentre, hcp } = await this.deps.service.assertCanAsk(person);
    const again = (formKey: string, state: { message?: string; problems?: Record<string, string> }) => cardResponse(adviceRequestCard(hcp.name, jobcentre.name, formKey, { values: typed, ...state }));
    if (!isDomainError(error)) {
      // Nothing was saved (an ad hoc request reads the HCP's diary first): the form comes back as typed.
      this.deps.logger.warn({ actorId: person.id, err: errorForLog(error) }, 'specialist advice request failed before it was saved');
      return again(key, { message: 'Something went wrong on our side, so nothing was sent. What you typed is kept: send it again in a minute.' });
    }
    // The form's key is another's: what was typed comes back on a new form, and nothing of theirs.
    if (error.kind === 'conflict') return again(randomUUID(), { message: `${error.message} What you typed is kept on this new form: send it again.` });
    return again(key, { problems: error.problems, message: Object.keys(error.problems).length ? undefined : error.message });
  }

  /**
   * Free times for the coach to choose from, within Teams' time for a click. A diary that is slow or
   * does not answer (Graph busy, say) leaves the card's "Find times" to try again: the request is saved
   * whatever the diaries do.
   */
  async timesFor(conversation: AdviceConversation): Promise<{ proposals?: readonly AdviceSlot[]; unavailable?: string }> {
    try {
      const settled = await settleWithin(PROPOSALS_WITHIN_MS, this.deps.service.proposals(conversation));
      if (settled) return { proposals: settled.value };
      return { unavailable: 'Finding free times is taking too long: choose Find times again in a moment.' };
    } catch (error) {
      if (isDomainError(error)) throw error;
      this.deps.logger.warn({ conversationId: conversation.id, err: errorForLog(error) }, 'free times for a specialist advice conversation could not be read');
      return { unavailable: 'The diaries could not be read just now, so no times are shown: choose Find times again in a minute.' };
    }
  }

  async siteDayAnswer(person: StaffMember, typed: Inputs): Promise<AdviceCardInvoke> {
    try {
      const day = await this.deps.service.setSiteDay(person, typed.hcpId ?? '', typed.date ?? '', typed.jobcentreId ?? '');
      const office = await this.deps.service.jobcentre(day.jobcentreId);
      return cardResponse(await this.dayCard(person, { text: `Saved: at ${office?.name ?? 'that jobcentre'} on ${describeDate(day.date)}.`, tone: 'good' }));
    } catch (error) {
      if (!isDomainError(error)) throw error;
      if (error.kind !== 'invalid') return cardResponse(messageCard(error.message));
      return cardResponse(await this.dayCard(person, { text: `${error.message} What you chose is kept.`, tone: 'attention' }, { values: { ...typed }, problems: { ...error.problems } }));
    }
  }

  async breaksAnswer(person: StaffMember, typed: Inputs): Promise<AdviceCardInvoke> {
    try {
      const breaks = await this.deps.service.setBreaks(person, typed.hcpId ?? '', typed);
      const [hcp] = await this.deps.directory.findByIds([typed.hcpId ?? '']);
      return cardResponse(await this.dayCard(person, { text: `Saved ${hcp?.name ?? 'the HCP'}’s breaks: ${breaks.length ? `${breaks.length} a week` : 'none'}. No conversation is booked in them.`, tone: 'good' }));
    } catch (error) {
      if (!isDomainError(error)) throw error;
      if (error.kind !== 'invalid') return cardResponse(messageCard(error.message));
      return cardResponse(await this.dayCard(person, { text: `${error.message} What you typed is kept under Set breaks.`, tone: 'attention' }, { values: { monday: '', ...typed }, problems: { ...error.problems } }));
    }
  }

  async weekAnswer(person: StaffMember): Promise<AdviceCardInvoke> {
    if (adviceDayViewOf(person) !== 'hcp') return cardResponse(messageCard('The week ahead is for Health Care Professionals.'));
    const days = await this.deps.service.hcpDays(person, londonDateFast(this.deps.clock.now()), 5);
    return cardResponse(weekCard('Your week ahead', days, await this.officeNames(days.map((d) => d.jobcentreId))));
  }

  private async refused(person: StaffMember, conversationId: string, error: DomainError, typed: Inputs): Promise<AdaptiveCard> {
    // Someone it is not for sees the refusal only: nothing of the conversation.
    if (error.kind === 'not_allowed' || error.kind === 'not_found') return messageCard(`${error.message} Nothing was changed.`);
    const said = `${error.kind === 'conflict' ? 'This changed since you last saw it: this is how it is now. ' : ''}${error.message}`;
    try {
      const c = await this.deps.service.get(conversationId);
      // Free times again for a refused slot, within Teams' time like every other read of them.
      const times = error.problems.slot ? await this.timesFor(c) : {};
      const note = { text: [`${said}${Object.keys(typed).length ? ' What you typed is kept.' : ''}`, times.unavailable].filter(Boolean).join(' '), tone: 'attention' as const };
      const card = await this.render(person, c, { note, form: { values: typed, problems: error.problems }, proposals: times.proposals });
      if (!card) return messageCard(`${said}${typedTextSentence(typed, FREE_TEXT)}`);
      // The form may be gone from the card as it now is (the coach recorded "did not attend" while the HCP wrote their notes, say): what was written is given back, to copy.
      const lost = typedTextNotOnCard(card, typed, FREE_TEXT);
      return Object.keys(lost).length ? withNoteText(card, note.text, `${said}${typedTextSentence(lost, FREE_TEXT)}`) : card;
    } catch (renderError) {
      if (!isDomainError(renderError)) throw renderError;
      return messageCard(`${said}${typedTextSentence(typed, FREE_TEXT)}`);
    }
  }

  private async names(ids: readonly string[]): Promise<(id: string) => string> {
    const people = new Map((await this.deps.directory.findByIds([...new Set(ids)])).map((p) => [p.id, p.name]));
    return (id) => people.get(id) ?? 'someone no longer in the directory';
  }

  /** The names of the offices on a card (the few of a cluster), looked up once for it. */
  /** Names for these jobcentres; those in `known` (already read) are not read again. */
  private async officeNames(ids: readonly (string | null)[], known: readonly Jobcentre[] = []): Promise<(id: string | null) => string> {
    const names = new Map(known.map((o) => [o.id, o.name]));
    const unique = [...new Set(ids.filter((id): id is string => id !== null && !names.has(id)))];
    for (const office of await Promise.all(unique.map((id) => this.deps.service.jobcentre(id)))) if (office) names.set(office.id, office.name);
    return (id) => (id ? (names.get(id) ?? 'a jobcentre no longer in the directory') : 'no jobcentre planned');
  }
}

type AdviceCardInvoke = AdaptiveCardInvokeResponse;
