import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { strategiesCard, strategyCard } from '../../cards/partnership-cards';
import type { FormState, GlanceNote } from '../../cards/glance-card';
import { messageCard, type AdaptiveCard } from '../../cards/render';
import type { SqlConferenceStore } from '../../data/stores/group-conferences';
import { describeMonth } from '../../domain/conferences/months';
import { isDomainError } from '../../domain/errors';
import type { ConferenceOutput, ConferenceOutputs } from '../../domain/partnerships/ports';
import { allowedStrategy, INTERNAL_PARTNER_LABELS, STRATEGY_TEAM, strategyRefusal } from '../../domain/partnerships/strategies';
import type { StrategyService, StrategyView } from '../../domain/partnerships/strategy-service';
import type { Clock, Logger, StaffDirectory } from '../../domain/ports';
import { invitationNote, type StrategyMeetingService } from '../../domain/partnerships/strategy-meetings';
import type { StaffMember } from '../../domain/staff';
import { cardResponse } from '../core/invoke-response';
import { refusedScreen, type Inputs, type Screen } from '../core/refused-screen';
import { keepsPartnerships, partnershipsPart } from '../../domain/partnerships/partnership-policy';

/** Held group conferences a strategy's form offers as the gaps it addresses. */
const HELD_SHOWN = 12;

/** The held group conferences of a DEA's confirmed plans: the outputs a strategy's gaps refer to. */
export class HeldConferences implements ConferenceOutputs {
  constructor(private readonly store: SqlConferenceStore) {}

  async heldFor(deaId: string): Promise<ConferenceOutput[]> {
    const out: ConferenceOutput[] = [];
    // The latest first, and a bounded list for the card: read as such, however long the plan has run.
    for (const plan of await this.store.plansForDea(deaId, ['confirmed'])) {
      for (const c of await this.store.conferencesOf(plan.id, { statuses: ['held'], latestFirst: true, limit: HELD_SHOWN })) out.push({ id: c.id, label: `Group ${c.groupIndex + 1}, ${describeMonth(c.month)}` });
    }
    return out.slice(0, HELD_SHOWN);
  }
}

/** The strategy forms' inputs in a person's own words: given back when a refusal's form is gone. */
const STRATEGY_TEXT = ['title', 'why', 'gapNote', 'notes', 'text', 'owner', 'externalEmails'];

/** What a strategy's card may come back with: a note, and a refused form with what was typed. */
type CardExtras = { note?: GlanceNote; form?: FormState; meetingForm?: FormState; notesForm?: { meetingId: string; form: FormState } };

/** Strategies in Teams: a refusal comes back on the same card with what was typed kept. */
export class StrategyActions {
  constructor(
    private readonly deps: {
      readonly strategies: StrategyService;
      readonly meetings: StrategyMeetingService;
      readonly clock: Clock;
      readonly directory: StaffDirectory;
      readonly logger: Logger;
    },
  ) {}

  async listCard(person: StaffMember, extras: { note?: GlanceNote; form?: FormState } = {}): Promise<AdaptiveCard> {
    const choices = keepsPartnerships(person) ? await this.deps.strategies.choicesFor(person) : null;
    const empty = partnershipsPart(person) === 'work_psychologist' ? 'You take part in no strategies yet. When a DEA you work with starts a strategy with the work psychologist, you are sent it.' : undefined;
    return strategiesCard({ strategies: await this.deps.strategies.mine(person), choices, ...(empty ? { empty } : {}), ...extras });
  }

  /**
   * A strategy as this person sees it; nothing of it for someone who plays no part in it. Not in the
   * access log: a strategy is about provision and partners (its gaps name group conferences by month),
   * never a claimant.
   */
  async strategyCard(strategyId: string, viewer: StaffMember, extras: CardExtras = {}): Promise<AdaptiveCard | null> {
    const view = await this.deps.strategies.view(strategyId);
    if (!view) return null;
    const refusal = strategyRefusal(viewer, view.strategy, 'view');
    return refusal ? messageCard(refusal.message) : this.shown(view, viewer, extras);
  }

  /** The card the outbox delivers: none to someone who no longer plays a part in the strategy. */
  async deliveredCard(strategyId: string, recipient: StaffMember): Promise<AdaptiveCard | null> {
    const view = await this.deps.strategies.view(strategyId);
    return view && !strategyRefusal(recipient, view.strategy, 'view') ? this.shown(view, recipient, {}) : null;
  }

  private async shown(view: StrategyView, viewer: StaffMember, extras: CardExtras): Promise<AdaptiveCard> {
    const { strategy } = view;
    const wpId = strategy.workPsychologistId ?? null;
    const people = new Map((await this.deps.directory.findByIds([strategy.leadId, strategy.ownerId, ...(wpId ? [wpId] : [])])).map((p) => [p.id, p]));
    const meetings = await this.deps.meetings.ofStrategy(strategy.id);
    return strategyCard({
      view,
      lead: people.get(strategy.leadId) ?? null,
      owner: people.get(strategy.ownerId) ?? null,
      workPsychologist: wpId ? (people.get(wpId) ?? null) : null,
      allowed: allowedStrategy(viewer, strategy),
      viewerId: viewer.id,
      meetings,
      now: this.deps.clock.now(),
      ...extras,
    });
  }

  list(person: StaffMember): Promise<AdaptiveCardInvokeResponse> {
    return this.answer(person, {}, async () => this.listCard(person), async (note, form) => this.listCard(person, { form, note }));
  }

  open(person: StaffMember, strategyId: string): Promise<AdaptiveCardInvokeResponse> {
    return this.answer(person, {}, async () => (await this.strategyCard(strategyId, person)) ?? messageCard('That strategy no longer exists.'), async (note) => messageCard(note.text));
  }

  propose(person: StaffMember, data: Record<string, unknown>, typed: Record<string, string>): Promise<AdaptiveCardInvokeResponse> {
    return this.answer(
      person,
      typed,
      async () => {
        const strategy = await this.deps.strategies.propose(person, data);
        const owner = await this.deps.directory.findById(strategy.ownerId);
        const wp = strategy.workPsychologistId ? await this.deps.directory.findById(strategy.workPsychologistId) : null;
        const noWp = strategy.kind === 'work_psychologist' && !wp ? ' The staff directory names no work psychologist at your jobcentre or in your district, so none has been told. Ask whoever keeps the directory.' : '';
        const told = wp ? `${owner?.name ?? 'Your team leader'}, who owns it, and ${wp.name}, your work psychologist, have been told.` : `${owner?.name ?? 'Your team leader'}, who owns it, has been told.${noWp}`;
        const team = STRATEGY_TEAM[strategy.kind];
        const withTeam = team ? ` ${INTERNAL_PARTNER_LABELS[team]} is included as a partner, so its meetings invite them.` : '';
        const text = strategy.status === 'awaiting_agreement' ? `Sent to ${owner?.name ?? 'your team leader'} to agree. It goes ahead once they do.` : `Started. ${told}${withTeam}`;
        return (await this.strategyCard(strategy.id, person, { note: { text, tone: 'good' } }))!;
      },
      async (note, form) => this.listCard(person, { form, note }),
    );
  }

  decide(person: StaffMember, strategyId: string, version: number, agree: boolean): Promise<AdaptiveCardInvokeResponse> {
    return this.answer(
      person,
      {},
      async () => {
        await this.deps.strategies.decide(person, strategyId, version, agree);
        return (await this.strategyCard(strategyId, person, { note: { text: agree ? 'You agreed. The DEA has been told it can go ahead.' : 'The DEA has been told you do not agree.', tone: 'good' } }))!;
      },
      async (note) => (await this.strategyCard(strategyId, person, { note })) ?? messageCard(note.text),
    );
  }

  addAction(person: StaffMember, strategyId: string, version: number, data: Record<string, unknown>, typed: Record<string, string>): Promise<AdaptiveCardInvokeResponse> {
    return this.answer(
      person,
      typed,
      async () => {
        await this.deps.strategies.addAction(person, strategyId, version, data);
        return (await this.strategyCard(strategyId, person, { note: { text: 'Action added.', tone: 'good' } }))!;
      },
      async (note, form) => (await this.strategyCard(strategyId, person, { form, note })) ?? messageCard(note.text),
    );
  }

  /** A series of meetings in the diaries, written after the answer (durable work). */
  planMeetings(person: StaffMember, strategyId: string, version: number, data: Record<string, unknown>, typed: Record<string, string>): Promise<AdaptiveCardInvokeResponse> {
    return this.answer(
      person,
      typed,
      async () => {
        const booked = await this.deps.meetings.planSeries(person, strategyId, version, data);
        const invited = invitationNote(await this.deps.meetings.invitations(person, strategyId), person.id);
        const text = `${booked.length === 1 ? 'The meeting is' : `${booked.length} meetings are`} being added to the diaries. The invitations say why the strategy is needed. ${invited}`;
        return (await this.strategyCard(strategyId, person, { note: { text, tone: 'good' } }))!;
      },
      async (note, form) => (await this.strategyCard(strategyId, person, { meetingForm: form, note })) ?? messageCard(note.text),
    );
  }

  /** Notes and actions agreed, after a meeting. */
  meetingNotes(person: StaffMember, strategyId: string, meetingId: string, version: number, notes: string | undefined, typed: Record<string, string>): Promise<AdaptiveCardInvokeResponse> {
    return this.answer(
      person,
      typed,
      async () => {
        await this.deps.meetings.recordNotes(person, meetingId, version, notes);
        return (await this.strategyCard(strategyId, person, { note: { text: 'The meeting’s notes are recorded.', tone: 'good' } }))!;
      },
      async (note, form) => (await this.strategyCard(strategyId, person, { notesForm: { meetingId, form }, note })) ?? messageCard(note.text),
    );
  }

  actionStatus(person: StaffMember, strategyId: string, actionId: string, status: string): Promise<AdaptiveCardInvokeResponse> {
    return this.answer(
      person,
      {},
      async () => {
        await this.deps.strategies.setActionStatus(person, actionId, status);
        return (await this.strategyCard(strategyId, person, { note: { text: 'Action updated.', tone: 'good' } }))!;
      },
      async (note) => (await this.strategyCard(strategyId, person, { note })) ?? messageCard(note.text),
    );
  }

  close(person: StaffMember, strategyId: string, version: number): Promise<AdaptiveCardInvokeResponse> {
    return this.answer(
      person,
      {},
      async () => {
        await this.deps.strategies.close(person, strategyId, version);
        return (await this.strategyCard(strategyId, person, { note: { text: 'The strategy is closed.', tone: 'good' } }))!;
      },
      async (note) => (await this.strategyCard(strategyId, person, { note })) ?? messageCard(note.text),
    );
  }

  private async answer(person: StaffMember, typed: Inputs, work: () => Promise<AdaptiveCard>, screen: Screen): Promise<AdaptiveCardInvokeResponse> {
    try {
      return cardResponse(await work());
    } catch (error) {
      if (!isDomainError(error)) throw error;
      this.deps.logger.info({ actorId: person.id, kind: error.kind }, 'strategy action refused');
      return cardResponse(await refusedScreen(error, typed, STRATEGY_TEXT, screen));
    }
  }
}
