import type { StrategyStore } from '../../domain/partnerships/ports';
import { joinsTheirDeasStrategies, type Strategy, type StrategyAction } from '../../domain/partnerships/strategies';
import type { StaffDirectory } from '../../domain/ports';
import type { StaffMember } from '../../domain/staff';
import { deasOf, workPsychologistOf } from '../../domain/work-psychologist/partnership';
import type { DistrictPeople } from '../../domain/work-psychologist/ports';

/** As many strategies as a person's list shows (the SQL store's own bound). */
const LISTED = 20;

/**
 * The strategies as the partnership journey reads them: a strategy with the work psychologist names
 * the lead DEA's work psychologist (seed 000 §45), by the rule the DEA and work psychologist's
 * partnership uses (the one at the DEA's jobcentre, else the district's first), read from the staff
 * directory each time, never stored: it is the work psychologist the DEA works with now, as for
 * their monthly meetings and case conferences. A work psychologist's list has the strategies with
 * the work psychologist of every DEA they work with. Everything else is the store's.
 */
export class StrategiesWithTheirPeople implements StrategyStore {
  constructor(
    private readonly inner: StrategyStore,
    private readonly people: DistrictPeople,
    private readonly directory: Pick<StaffDirectory, 'findById'>,
  ) {}

  async create(strategy: Omit<Strategy, 'id' | 'version' | 'createdAt' | 'updatedAt'>, at: Date): Promise<Strategy> {
    return this.withPeople(await this.inner.create(strategy, at));
  }

  async find(id: string): Promise<Strategy | null> {
    const strategy = await this.inner.find(id);
    return strategy ? this.withPeople(strategy) : null;
  }

  /** Those the person leads or owns, and for a work psychologist, those they take part in; newest first. */
  async listFor(personId: string): Promise<Strategy[]> {
    const own = await this.inner.listFor(personId);
    const person = await this.directory.findById(personId);
    const joined = person && joinsTheirDeasStrategies(person) ? await this.takingPart(person) : [];
    const byId = new Map([...own, ...joined].map((s) => [s.id, s]));
    const listed = [...byId.values()].sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime()).slice(0, LISTED);
    const wps = new Map<string, Promise<string | null>>();
    return Promise.all(listed.map((s) => this.withPeople(s, wps)));
  }

  async update(id: string, expectedVersion: number, changes: Partial<Pick<Strategy, 'status'>>, at: Date): Promise<Strategy> {
    return this.withPeople(await this.inner.update(id, expectedVersion, changes, at));
  }

  addAction(action: Omit<StrategyAction, 'id' | 'createdAt'>, at: Date): Promise<StrategyAction> {
    return this.inner.addAction(action, at);
  }

  actionsOf(strategyId: string): Promise<StrategyAction[]> {
    return this.inner.actionsOf(strategyId);
  }

  findAction(id: string): Promise<StrategyAction | null> {
    return this.inner.findAction(id);
  }

  setActionStatus(id: string, status: StrategyAction['status']): Promise<void> {
    return this.inner.setActionStatus(id, status);
  }

  /** The lead DEA's work psychologist, now (null for another kind of strategy); `cache` shares the read between strategies of one lead. */
  private async withPeople(strategy: Strategy, cache = new Map<string, Promise<string | null>>()): Promise<Strategy> {
    if (strategy.kind !== 'work_psychologist') return { ...strategy, workPsychologistId: null };
    let wp = cache.get(strategy.leadId);
    if (!wp) {
      wp = this.workPsychologistOfLead(strategy.leadId);
      cache.set(strategy.leadId, wp);
    }
    return { ...strategy, workPsychologistId: await wp };
  }

  private async workPsychologistOfLead(leadId: string): Promise<string | null> {
    const lead = await this.directory.findById(leadId);
    if (!lead?.jobcentreId) return null;
    return workPsychologistOf(lead, await this.people.holdersInDistrictOf('work_psychologist', lead.jobcentreId))?.id ?? null;
  }

  /** The strategies with the work psychologist that the DEAs this work psychologist works with lead. */
  private async takingPart(wp: StaffMember): Promise<Strategy[]> {
    if (!wp.jobcentreId) return [];
    const deas = deasOf(wp, await this.people.holdersInDistrictOf('dea', wp.jobcentreId), await this.people.holdersInDistrictOf('work_psychologist', wp.jobcentreId));
    const out: Strategy[] = [];
    for (const dea of deas) out.push(...(await this.inner.listFor(dea.id)).filter((s) => s.leadId === dea.id && s.kind === 'work_psychologist'));
    return out;
  }
}
