import type { Clock, StaffDirectory } from '../ports';
import type { RequestNotifier, SupportRequestStore, TrendStore } from './ports';
import type { SupportRequest } from './support-request';
import { inappropriateTrend, topicTrend, type SpottedTrend, type TrendRules } from './trends';

export interface TrendWatcherDeps {
  readonly store: SupportRequestStore;
  readonly directory: StaffDirectory;
  readonly trends: TrendStore;
  readonly notifier: RequestNotifier;
  readonly clock: Clock;
  readonly rules: TrendRules;
}

/** Looks for trends after a request is made or marked inappropriate, and tells the team leader once. */
export class TrendWatcher {
  constructor(private readonly deps: TrendWatcherDeps) {}

  async afterSubmit(request: SupportRequest): Promise<void> {
    if (request.type !== 'skill_support') return;
    const requester = await this.deps.directory.findById(request.requesterId);
    if (!requester?.teamLeaderId) return;
    const team = await this.deps.directory.findByTeamLeader(requester.teamLeaderId);
    const recent = await this.deps.store.listByRequesters([...new Set([requester.id, ...team.map((t) => t.id)])], this.since());
    await this.report(topicTrend(request, requester.teamLeaderId, recent, this.deps.rules));
  }

  async afterMarkedInappropriate(request: SupportRequest): Promise<void> {
    const requester = await this.deps.directory.findById(request.requesterId);
    if (!requester) return;
    const recent = await this.deps.store.listByRequesters([requester.id], this.since());
    await this.report(inappropriateTrend(requester, recent, this.deps.rules));
  }

  private since(): Date {
    return new Date(this.deps.clock.now().getTime() - this.deps.rules.windowDays * 86_400_000);
  }

  private async report(spotted: SpottedTrend | null): Promise<void> {
    if (!spotted) return;
    const id = await this.deps.trends.recordOnce(spotted.trend, spotted.key, this.deps.clock.now());
    if (id) await this.deps.notifier.trendSpotted(id, spotted.trend);
  }
}
