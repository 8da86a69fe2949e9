import { invalid, notFound } from '../errors';
import type { Clock, WorkScheduler } from '../ports';
import { STRATEGY_CLOSED_WORK } from './strategy-meetings';
import { hasRole, type StaffMember } from '../staff';
import type { UnitOfWork } from '../unit-of-work';
import type { ConferenceOutput, ConferenceOutputs, PartnerStore, PartnershipDirectory, StrategyNotifier, StrategyStore } from './ports';
import type { Partner } from './partners';
import { assertStrategy, initialStatus, parseAction, parseStrategy, type ActionStatus, type Strategy, type StrategyAction } from './strategies';

export interface StrategyDeps {
  readonly store: StrategyStore;
  readonly partners: PartnerStore;
  readonly directory: PartnershipDirectory;
  readonly outputs: ConferenceOutputs;
  readonly notifier: StrategyNotifier;
  readonly uow: UnitOfWork;
  /** Closing a strategy asks for its coming meetings to be taken out of the diaries (durable work). */
  readonly work?: WorkScheduler;
  readonly clock: Clock;
}

/** A strategy with what its card shows: actions, partners by name, gaps by conference. */
export interface StrategyView {
  readonly strategy: Strategy;
  readonly actions: readonly StrategyAction[];
  readonly partners: readonly Partner[];
  readonly gaps: readonly ConferenceOutput[];
}

/** The choices a DEA has when proposing a strategy. */
export interface StrategyChoices {
  readonly partners: readonly Partner[];
  readonly conferences: readonly ConferenceOutput[];
}

/** External partners a strategy form offers to choose from. */
const STRATEGY_PARTNER_CHOICES = 100;

/** The DEA's strategies (seed 000 §45, §49, §52, §58–59): led by the DEA, owned by their team leader. */
export class StrategyService {
  constructor(private readonly deps: StrategyDeps) {}

  async choicesFor(dea: StaffMember): Promise<StrategyChoices> {
    if (!hasRole(dea, 'dea')) return { partners: [], conferences: [] };
    const district = await this.deps.directory.districtOf(dea);
    // The strategy form offers them as choices: at most STRATEGY_PARTNER_CHOICES, by name.
    return { partners: district ? (await this.deps.partners.listIn(district, '', STRATEGY_PARTNER_CHOICES)).partners : [], conferences: await this.deps.outputs.heldFor(dea.id) };
  }

  /** A new strategy: a joint local strategy waits for the team leader's agreement; every one is sent to its owner. */
  async propose(dea: StaffMember, input: Record<string, unknown>): Promise<Strategy> {
    if (!hasRole(dea, 'dea')) throw invalid('Only a Disability Employment Adviser leads a strategy.');
    if (!dea.teamLeaderId) throw invalid('The staff directory does not name your Work Coach Team Leader, who owns your strategies. Ask whoever keeps the directory.');
    const choices = await this.choicesFor(dea);
    const parsed = parseStrategy(input, new Set(choices.partners.map((p) => p.id)), new Set(choices.conferences.map((c) => c.id)));
    return this.deps.uow.run(async () => {
      const strategy = await this.deps.store.create({ ...parsed, leadId: dea.id, ownerId: dea.teamLeaderId!, status: initialStatus(parsed.kind) }, this.deps.clock.now());
      await this.deps.notifier.strategyProposed(strategy);
      return strategy;
    });
  }

  async mine(person: StaffMember): Promise<Strategy[]> {
    return this.deps.store.listFor(person.id);
  }

  async view(id: string): Promise<StrategyView | null> {
    const strategy = await this.deps.store.find(id);
    if (!strategy) return null;
    const partners = (await Promise.all(strategy.partnerIds.map((p) => this.deps.partners.find(p)))).filter((p): p is Partner => p !== null);
    const held = strategy.gapConferenceIds.length ? await this.deps.outputs.heldFor(strategy.leadId) : [];
    return { strategy, actions: await this.deps.store.actionsOf(id), partners, gaps: held.filter((c) => strategy.gapConferenceIds.includes(c.id)) };
  }

  /** The owning team leader agrees (it goes ahead) or does not (seed 000 §59). */
  async decide(owner: StaffMember, id: string, version: number, agree: boolean): Promise<Strategy> {
    const strategy = await this.found(id);
    assertStrategy(owner, strategy, version, agree ? 'agree' : 'decline');
    return this.deps.uow.run(async () => {
      const decided = await this.deps.store.update(id, version, { status: agree ? 'active' : 'not_agreed' }, this.deps.clock.now());
      await this.deps.notifier.strategyDecided(decided);
      return decided;
    });
  }

  async addAction(person: StaffMember, id: string, version: number, input: Record<string, unknown>): Promise<Strategy> {
    const strategy = await this.found(id);
    assertStrategy(person, strategy, version, 'add_action');
    const { text, owner } = parseAction(input);
    return this.deps.uow.run(async () => {
      await this.deps.store.addAction({ strategyId: id, text, owner, status: 'open' }, this.deps.clock.now());
      return this.deps.store.update(id, version, {}, this.deps.clock.now());
    });
  }

  async setActionStatus(person: StaffMember, actionId: string, status: unknown): Promise<Strategy> {
    const action = await this.deps.store.findAction(actionId);
    if (!action) throw notFound('That action no longer exists.');
    const strategy = await this.found(action.strategyId);
    assertStrategy(person, strategy, null, 'update_action');
    if (status !== 'open' && status !== 'in_progress' && status !== 'done') throw invalid('Choose the action’s status.', { status: 'Choose the action’s status.' });
    return this.deps.uow.run(async () => {
      await this.deps.store.setActionStatus(actionId, status as ActionStatus);
      return this.deps.store.update(strategy.id, strategy.version, {}, this.deps.clock.now());
    });
  }

  /** Closes the strategy; its meetings still to come are taken out of the diaries after the click. */
  async close(person: StaffMember, id: string, version: number): Promise<Strategy> {
    const strategy = await this.found(id);
    assertStrategy(person, strategy, version, 'close');
    return this.deps.uow.run(async () => {
      const closed = await this.deps.store.update(id, version, { status: 'closed' }, this.deps.clock.now());
      await this.deps.work?.schedule(STRATEGY_CLOSED_WORK, id);
      return closed;
    });
  }

  private async found(id: string): Promise<Strategy> {
    const strategy = await this.deps.store.find(id);
    if (!strategy) throw notFound('That strategy no longer exists.');
    return strategy;
  }
}
