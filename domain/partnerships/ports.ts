import type { StaffMember } from '../staff';
import type { HubChange, HubContent, HubEntry } from './hub';
import type { Partner, PartnerInput, PartnerUpdate, ServiceChange } from './partners';
import type { Solution } from './solutions';
import type { Strategy, StrategyAction } from './strategies';

/** Who is where: districts, the DEA's cohort, and the district provision tool's single point of contact. */
export interface PartnershipDirectory {
  districtOf(person: StaffMember): Promise<string | null>;
  /** The person who publishes the district's Hub content (seed 000 §61), if one is set up. */
  provisionContactFor(district: string): Promise<StaffMember | null>;
  /** Work coaches whose DEA this is. */
  cohortOf(deaId: string): Promise<StaffMember[]>;
  /** Every DEA and work coach of the district's jobcentres. */
  deasAndCoachesIn(district: string): Promise<StaffMember[]>;
}

export interface HubStore {
  createEntry(entry: Omit<HubEntry, 'id' | 'createdAt' | 'updatedAt'>, at: Date): Promise<HubEntry>;
  findEntry(id: string): Promise<HubEntry | null>;
  /** Every entry of a district that is not removed, newest first. */
  entriesOf(district: string): Promise<HubEntry[]>;
  updateEntry(id: string, changes: Partial<Pick<HubEntry, 'title' | 'summary' | 'link' | 'kind' | 'status'>>, at: Date): Promise<HubEntry>;
  createChange(change: { entryId: string; action: HubChange['action']; content: HubContent; requestedById: string; contactId: string }, at: Date): Promise<HubChange>;
  findChange(id: string): Promise<HubChange | null>;
  /** The change of the entry still waiting to be published, if any. */
  pendingChangeOf(entryId: string): Promise<HubChange | null>;
  /** The waiting changes of many entries at once, by entry. */
  pendingChangesOf(entryIds: readonly string[]): Promise<Map<string, HubChange>>;
  /** Records the decision if the change is still at `expectedVersion`, else a conflict. */
  decideChange(id: string, expectedVersion: number, status: 'published' | 'declined', reason: string | null, at: Date): Promise<HubChange>;
}

export interface SolutionStore {
  create(solution: Omit<Solution, 'id' | 'createdAt'>, at: Date): Promise<Solution>;
  find(id: string): Promise<Solution | null>;
}

export interface PartnerStore {
  create(district: string, deaId: string, input: PartnerInput, at: Date): Promise<Partner>;
  find(id: string): Promise<Partner | null>;
  /**
   * The district's partners whose name holds `find` (all when empty), by name, at most `limit`;
   * `more` when there were others past them.
   */
  listIn(district: string, find: string, limit: number): Promise<{ partners: Partner[]; more: boolean }>;
  /** Saves if the partner is still at `expectedVersion` (the version moves on), else a conflict. */
  update(id: string, expectedVersion: number, changes: PartnerUpdate, at: Date): Promise<Partner>;
  recordServiceChange(change: Omit<ServiceChange, 'id' | 'createdAt'>, at: Date): Promise<ServiceChange>;
  findServiceChange(id: string): Promise<ServiceChange | null>;
}

/** Cards the partnership journeys send (through the outbox, after the change commits). */
export interface PartnershipNotifier {
  /** To the single point of contact: a change to publish. */
  hubChangeRequested(change: HubChange): Promise<void>;
  /** To the DEA who asked: it was published or declined. */
  hubChangeDecided(change: HubChange): Promise<void>;
  /** To each coach of the cohort: an opportunity, or the news that the team goes on looking. */
  solutionShared(solution: Solution, coachIds: readonly string[]): Promise<void>;
  /** To the district's DEAs and coaches: an external service changed. */
  serviceChanged(change: ServiceChange, recipientIds: readonly string[]): Promise<void>;
}

/** A group conference whose outputs can show a gap, as a strategy refers to it. */
export interface ConferenceOutput {
  readonly id: string;
  readonly label: string;
}

export interface StrategyStore {
  create(strategy: Omit<Strategy, 'id' | 'version' | 'createdAt' | 'updatedAt'>, at: Date): Promise<Strategy>;
  find(id: string): Promise<Strategy | null>;
  /** Strategies the person leads or owns, newest first. */
  listFor(personId: string): Promise<Strategy[]>;
  /** Saves if still at `expectedVersion` (the version moves on), else a conflict. */
  update(id: string, expectedVersion: number, changes: Partial<Pick<Strategy, 'status'>>, at: Date): Promise<Strategy>;
  addAction(action: Omit<StrategyAction, 'id' | 'createdAt'>, at: Date): Promise<StrategyAction>;
  actionsOf(strategyId: string): Promise<StrategyAction[]>;
  findAction(id: string): Promise<StrategyAction | null>;
  setActionStatus(id: string, status: StrategyAction['status']): Promise<void>;
}

/** The held group conferences of a DEA's cohort, whose outputs a strategy addresses (seed 000 §49, §52). */
export interface ConferenceOutputs {
  heldFor(deaId: string): Promise<ConferenceOutput[]>;
}

export interface StrategyNotifier {
  /** To the owning team leader: a strategy they own, to agree to when it is a joint local strategy. */
  strategyProposed(strategy: Strategy): Promise<void>;
  /** To the leading DEA: the team leader agreed, or did not. */
  strategyDecided(strategy: Strategy): Promise<void>;
}
