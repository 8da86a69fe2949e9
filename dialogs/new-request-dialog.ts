import { randomUUID } from 'node:crypto';
import { MessageFactory, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { Dialog, DialogReason, type DialogContext, type DialogInstance, type DialogTurnResult } from 'botbuilder-dialogs';
import { confirmationCard } from '../cards/request-cards';
import { keptAfterRefusalCard, NEW_REQUEST_JOURNEY, requestFormCard, requestTypeCard, safeguardingCard, SELF_HARM_FIELD, vulnerabilityCard } from '../cards/request-form-cards';
import { type AdaptiveCard } from '../cards/render';
import { cardAttachment } from './card-attachment';
import { summaryCard } from '../cards/summary-card';
import { isDomainError } from '../domain/errors';
import { describeDate } from '../domain/requests/calendar-date';
import { CLAIMANT_COACH_FIELD, checkClaimantSupport, checkColleagueSupport, checkSkillSupport, type Draft } from '../domain/requests/drafts';
import { HUB_HINT } from '../domain/partnerships/hub';
import { REFERRAL_KINDS, type HubSuggester } from '../domain/partnerships/hub-suggestions';
import { hubSuggestionsCard } from '../cards/partnership-cards';
import { eligibility, isNonBenefitClaimant } from '../domain/requests/eligibility';
import { formatNino } from '../domain/requests/nino';
import { asksForInterventionDirectly, requestTypesFor, type RequestService, type Submission } from '../domain/requests/request-service';
import { BENEFIT_LABELS, REQUEST_TYPE_LABELS, SKILL_TOPIC_LABELS, type Benefit, type Vulnerability } from '../domain/requests/support-request';
import type { StaffMember } from '../domain/staff';
import { keptInput } from './kept-input';
import { turnPerson } from './turn-person';

export const NEW_REQUEST_DIALOG = 'newRequest';

type Step = 'type' | 'form' | 'vulnerability' | 'confirm';
type FormType = Submission['type'];

/** Unfinished input, kept in the person's state so that it survives a restart or an interruption. */
export interface SavedDraft {
  readonly type: FormType;
  readonly values: Draft;
}

interface JourneyState {
  /** One per journey: a second "Send" (double click, re-sent activity) finds the request already made. */
  submissionKey: string;
  step: Step;
  type: FormType | null;
  values: Record<string, string>;
  vulnerability: Vulnerability | null;
}

interface CardSubmit {
  journey?: string;
  step?: string;
  action?: string;
  choice?: string;
  [field: string]: unknown;
}

const STATE = 'journey';

/**
 * `new request`: the type, the details on a form, eligibility, a summary to confirm, then the case
 * is saved and the DEA told. Every step keeps what was typed; `cancel` saves nothing.
 */
export class NewRequestDialog extends Dialog {
  constructor(
    private readonly requests: RequestService,
    private readonly drafts: StatePropertyAccessor<SavedDraft | undefined>,
    /** The local Disability Hub, to list other sources of support where the DEA cannot help. */
    private readonly hub?: HubSuggester,
  ) {
    super(NEW_REQUEST_DIALOG);
  }

  override async beginDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const person = turnPerson(dc.context);
    // Cancel on the card kept after "Neither", the conversation over: the draft goes now.
    const clicked = (dc.context.activity.value ?? null) as CardSubmit | null;
    if (clicked?.journey === NEW_REQUEST_JOURNEY && clicked.action === 'cancel') {
      await this.drafts.delete(dc.context);
      await dc.context.sendActivity('Cancelled. Nothing was saved or sent.');
      return dc.endDialog();
    }
    if (requestTypesFor(person).length === 0) {
      await dc.context.sendActivity('Requests for DEA support come from work coaches and other colleagues; as a DEA you receive them here.');
      return dc.endDialog();
    }
    // A team leader with no DEA of their own may still ask for a claimant's work coach's DEA (seed §39).
    const { types, dea } = await this.requests.mayStartRequest(person);
    if (types.length === 0) {
      await dc.context.sendActivity(await this.noDeaMessage(person, false));
      return dc.endDialog();
    }
    const viaCoach = dea ? undefined : "You have no DEA of your own, so you can ask for a claimant support intervention: it goes to the DEA of the claimant's work coach you choose.";
    const saved = await this.drafts.get(dc.context);
    const state: JourneyState = { submissionKey: randomUUID(), step: 'type', type: null, values: {}, vulnerability: null };
    dc.activeDialog!.state[STATE] = state;
    if (saved && types.includes(saved.type)) {
      state.type = saved.type;
      state.values = { ...saved.values };
      return this.showForm(dc, state, undefined, ['Here is what you typed last time, ready to finish.', viaCoach].filter(Boolean).join(' '));
    }
    if (types.length === 1) {
      state.type = types[0]!;
      return this.showForm(dc, state, undefined, viaCoach);
    }
    await this.send(dc.context, requestTypeCard(dea?.name ?? 'the DEA', types, asksForInterventionDirectly(person)));
    return Dialog.EndOfTurn;
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state[STATE] as JourneyState;
    const submit = (dc.context.activity.value ?? null) as CardSubmit | null;

    if (submit && submit.journey === NEW_REQUEST_JOURNEY && submit.action === 'cancel') {
      await this.drafts.delete(dc.context);
      await dc.context.sendActivity('Cancelled. Nothing was saved or sent.');
      return dc.endDialog();
    }
    if (submit && submit.journey === NEW_REQUEST_JOURNEY && submit.step !== state.step) {
      await dc.context.sendActivity('That card is from an earlier step. Please use the latest card, or say "cancel".');
      return Dialog.EndOfTurn;
    }

    switch (state.step) {
      case 'type':
        return this.onType(dc, state, submit);
      case 'form':
        return this.onForm(dc, state, submit);
      case 'vulnerability':
        return this.onVulnerability(dc, state, submit);
      case 'confirm':
        return this.onConfirm(dc, state, submit);
    }
  }

  /** `cancel` typed anywhere ends the journey through here: the unfinished draft goes too. */
  override async endDialog(context: TurnContext, _instance: DialogInstance, reason: DialogReason): Promise<void> {
    if (reason === DialogReason.cancelCalled) await this.drafts.delete(context);
  }

  private async onType(dc: DialogContext, state: JourneyState, submit: CardSubmit | null): Promise<DialogTurnResult> {
    const typed = (dc.context.activity.text ?? '').trim().toLowerCase();
    const allowed = requestTypesFor(turnPerson(dc.context));
    const byNumber = allowed[Number(typed) - 1] ?? '';
    const choice = submit?.choice ?? (/claimant|intervention/.test(typed) ? 'claimant_support' : /skill/.test(typed) ? 'skill_support' : /colleague|team|myself/.test(typed) ? 'colleague_support' : byNumber);
    if (!allowed.includes(choice as FormType)) {
      await dc.context.sendActivity(
        allowed.includes('skill_support')
          ? 'Please choose One to One Claimant Support or One to One Skill Support on the card above (or type "claimant" or "skill").'
          : 'Please choose one of the options on the card above (or type its number).',
      );
      return Dialog.EndOfTurn;
    }
    state.type = choice as FormType;
    return this.showForm(dc, state);
  }

  private async onForm(dc: DialogContext, state: JourneyState, submit: CardSubmit | null): Promise<DialogTurnResult> {
    if (!submit || submit.action !== 'submit') {
      await dc.context.sendActivity('Please fill in the form above and choose Continue, or say "cancel".');
      return Dialog.EndOfTurn;
    }
    state.values = pickValues(submit);
    await this.drafts.set(dc.context, { type: state.type!, values: state.values });
    const coachProblems = state.type === 'claimant_support' ? await this.requests.claimantCoachProblems(turnPerson(dc.context), state.values[CLAIMANT_COACH_FIELD]) : undefined;
    const problems = this.check(state).problems;
    if (problems || coachProblems) return this.showForm(dc, state, { ...problems, ...coachProblems });
    // A declaration of intention to attempt suicide or self harm, for any claimant: what to do comes first.
    if (state.type === 'claimant_support' && (state.values[SELF_HARM_FIELD] ?? '').split(',').includes('yes')) {
      state.vulnerability = 'suicide_or_self_harm';
      await this.send(dc.context, safeguardingCard());
      return this.showSummary(dc, state);
    }
    if (state.type === 'claimant_support' && isNonBenefitClaimant(benefitsOf(state.values))) {
      state.step = 'vulnerability';
      await this.send(dc.context, vulnerabilityCard());
      return Dialog.EndOfTurn;
    }
    state.vulnerability = null;
    return this.showSummary(dc, state);
  }

  private async onVulnerability(dc: DialogContext, state: JourneyState, submit: CardSubmit | null): Promise<DialogTurnResult> {
    // A benefit not ticked (ESA, say): back to the form with everything typed.
    if (submit?.action === 'edit') {
      state.vulnerability = null;
      return this.showForm(dc, state);
    }
    const choice = submit?.choice;
    if (choice !== 'clearly_vulnerable' && choice !== 'suicide_or_self_harm' && choice !== 'neither') {
      await dc.context.sendActivity('Please choose one of the options on the card above, Edit the request, or say "cancel".');
      return Dialog.EndOfTurn;
    }
    if (choice === 'neither') {
      state.vulnerability = null;
      const verdict = eligibility(benefitsOf(state.values), null);
      if (verdict.eligible) return this.showSummary(dc, state);
      // Seed §3–5: not for the DEA; where to refer them. The conversation ends, but the draft stays
      // until cancelled or sent, in case a benefit was missed: "Edit the request" starts again with it.
      await this.referOn(dc.context, verdict.reason);
      await this.send(dc.context, keptAfterRefusalCard());
      return dc.endDialog();
    }
    state.vulnerability = choice;
    if (choice === 'suicide_or_self_harm') await this.send(dc.context, safeguardingCard());
    return this.showSummary(dc, state);
  }

  private async onConfirm(dc: DialogContext, state: JourneyState, submit: CardSubmit | null): Promise<DialogTurnResult> {
    if (submit?.action === 'edit') {
      state.vulnerability = null;
      return this.showForm(dc, state);
    }
    if (submit?.action !== 'confirm') {
      await dc.context.sendActivity('Please choose Send to DEA, Edit or Cancel on the summary above.');
      return Dialog.EndOfTurn;
    }
    const person = turnPerson(dc.context);
    const checked = this.check(state);
    if (!checked.submission) return this.showForm(dc, state, checked.problems);
    try {
      const request = await this.requests.submit(person, checked.submission, state.submissionKey);
      await this.drafts.delete(dc.context);
      const parties = await this.requests.parties(request);
      await this.send(dc.context, confirmationCard(request, parties));
      return dc.endDialog({ requestId: request.id });
    } catch (error) {
      if (!isDomainError(error)) throw error;
      // The coach named is no longer in the team leader's team: chosen again on the form, the rest kept.
      if (error.problems?.[CLAIMANT_COACH_FIELD]) return this.showForm(dc, state, error.problems);
      if (error.kind === 'invalid') {
        const coach = await this.chosenCoach(person, state);
        if (!(await this.requests.deaForClaimant(person, coach))) {
          if (coach) return this.showForm(dc, state, coachWithoutDea(coach));
          await dc.context.sendActivity(await this.noDeaMessage(person, true));
          return dc.endDialog();
        }
      }
      await dc.context.sendActivity(`${error.message} What you typed is kept: choose Edit to change it, or say "cancel".`);
      return Dialog.EndOfTurn;
    }
  }

  private check(state: JourneyState): { submission?: Submission; problems?: Record<string, string> } {
    const today = this.requests.today();
    switch (state.type) {
      case 'claimant_support': {
        const c = checkClaimantSupport(state.values, today);
        return c.ok ? { submission: { type: 'claimant_support', input: c.value, vulnerability: state.vulnerability } } : { problems: c.problems };
      }
      case 'skill_support': {
        const c = checkSkillSupport(state.values, today);
        return c.ok ? { submission: { type: 'skill_support', input: c.value } } : { problems: c.problems };
      }
      default: {
        const c = checkColleagueSupport(state.values, today);
        return c.ok ? { submission: { type: 'colleague_support', input: c.value } } : { problems: c.problems };
      }
    }
  }

  private async showForm(dc: DialogContext, state: JourneyState, problems?: Record<string, string>, intro?: string): Promise<DialogTurnResult> {
    state.step = 'form';
    const coaches = state.type === 'claimant_support' ? await this.requests.claimantCoachesFor(turnPerson(dc.context)) : [];
    await this.send(dc.context, requestFormCard(state.type!, state.values, this.requests.today(), problems, intro, coaches));
    return Dialog.EndOfTurn;
  }

  private async showSummary(dc: DialogContext, state: JourneyState): Promise<DialogTurnResult> {
    const checked = this.check(state);
    if (!checked.submission) return this.showForm(dc, state, checked.problems);
    const person = turnPerson(dc.context);
    const coach = await this.chosenCoach(person, state);
    const dea = await this.requests.deaForClaimant(person, coach);
    // A team leader's request goes to the chosen coach's DEA: with none there (nor their own), another coach.
    if (coach && !dea) return this.showForm(dc, state, coachWithoutDea(coach));
    state.step = 'confirm';
    await this.send(dc.context, summaryOf(checked.submission, dea?.name ?? 'your DEA', coach?.name));
    return Dialog.EndOfTurn;
  }

  /** The claimant's work coach a team leader chose (or typed) on the form, if one of theirs. */
  private async chosenCoach(person: StaffMember, state: JourneyState): Promise<StaffMember | null> {
    const chosen = state.type === 'claimant_support' ? state.values[CLAIMANT_COACH_FIELD] : undefined;
    return chosen ? this.requests.chosenClaimantCoach(person, chosen) : null;
  }

  /** The refusal, then the Hub's other sources of support that fit (or, with none, where to look). */
  private async referOn(turn: TurnContext, reason: string): Promise<void> {
    const suggestions = this.hub ? await this.hub.suggest(turnPerson(turn), { kinds: REFERRAL_KINDS }) : null;
    const card = suggestions
      ? hubSuggestionsCard({ suggestions, about: 'Other sources of support for a claimant the DEA cannot support: charities and provision in your district.', yourAction: 'Your action: refer the claimant to one that fits, with your service delivery team leader or coach if you need help.' })
      : null;
    await turn.sendActivity(card ? reason : `${reason} ${HUB_HINT}`);
    if (card) await this.send(turn, card);
  }

  private async send(turn: TurnContext, card: AdaptiveCard): Promise<void> {
    await turn.sendActivity(MessageFactory.attachment(cardAttachment(card)));
  }

  private async noDeaMessage(person: StaffMember, kept: boolean): Promise<string> {
    const leader = await this.requests.teamLeaderOf(person);
    const whom = leader ? `your team leader, ${leader.name}` : 'your team leader';
    return (
      `You have no DEA assigned in the staff directory, so there is nobody to send a request to. Please ask ${whom} to assign your DEA.` +
      (kept ? ' What you typed is kept: say "new request" once it is done and it will be filled in.' : '')
    );
  }
}

function coachWithoutDea(coach: StaffMember): Record<string, string> {
  return {
    [CLAIMANT_COACH_FIELD]: `${coach.name} has no DEA assigned in the staff directory, so there is nobody to send this to. Ask for their DEA to be assigned, or choose another work coach if the claimant is theirs; what you typed is kept.`,
  };
}

function pickValues(submit: CardSubmit): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(submit)) {
    if (['journey', 'step', 'action', 'choice', 'msteams'].includes(key)) continue;
    if (typeof value === 'string') values[key] = keptInput(value);
  }
  return values;
}

function benefitsOf(values: Draft): Benefit[] {
  return (values.benefits ?? '').split(',').map((b) => b.trim()).filter(Boolean) as Benefit[];
}

/** `coachName`: the claimant's work coach a team leader named. */
function summaryOf(submission: Submission, deaName: string, coachName?: string): AdaptiveCard {
  const actions = [
    { title: `Send to ${deaName}`, kind: 'submit' as const, style: 'positive' as const, data: { journey: NEW_REQUEST_JOURNEY, step: 'confirm', action: 'confirm' } },
    { title: 'Edit', kind: 'submit' as const, data: { journey: NEW_REQUEST_JOURNEY, step: 'confirm', action: 'edit' } },
    { title: 'Cancel', kind: 'submit' as const, data: { journey: NEW_REQUEST_JOURNEY, step: 'confirm', action: 'cancel' } },
  ];
  const common = { title: `Check your request to ${deaName}`, subtitle: REQUEST_TYPE_LABELS[submission.type], actions };
  switch (submission.type) {
    case 'claimant_support': {
      const { input, vulnerability } = submission;
      return summaryCard({
        ...common,
        badge: vulnerability ? 'URGENT' : '',
        facts: [
          { label: 'Claimant', value: input.surname },
          { label: 'NI number', value: formatNino(input.nino) },
          { label: 'Benefits', value: input.benefits.map((b) => BENEFIT_LABELS[b]).join(', ') },
          { label: 'Response needed by', value: describeDate(input.requiredBy) },
          ...(coachName ? [{ label: "Claimant's work coach", value: coachName }] : []),
          ...(vulnerability ? [{ label: 'Why it can go ahead', value: vulnerability === 'clearly_vulnerable' ? 'Clearly vulnerable' : 'Declared intention to attempt suicide or self harm' }] : []),
        ],
        paragraphs: [
          { label: "Claimant's challenges", value: input.challenges },
          { label: 'Why DEA support is needed', value: input.whyNeeded },
        ],
      });
    }
    case 'skill_support':
      return summaryCard({
        ...common,
        facts: [
          { label: 'Topic', value: SKILL_TOPIC_LABELS[submission.input.topic] },
          { label: 'Response needed by', value: describeDate(submission.input.requiredBy) },
        ],
        paragraphs: [{ label: 'Support needed', value: submission.input.description }],
      });
    case 'colleague_support':
      return summaryCard({
        ...common,
        badge: submission.input.criticality === 'urgent' ? 'URGENT' : '',
        facts: [
          { label: 'Criticality', value: submission.input.criticality === 'urgent' ? 'Urgent' : 'Non-urgent' },
          ...(submission.input.requiredBy ? [{ label: 'Response needed by', value: describeDate(submission.input.requiredBy) }] : []),
        ],
        paragraphs: [
          { label: 'Reason', value: submission.input.reason },
          { label: 'Details', value: submission.input.description },
        ],
      });
  }
}
