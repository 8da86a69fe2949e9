import { createHash } from 'node:crypto';
import type { StaffMember } from '../staff';
import type { Trend } from './ports';
import type { SupportRequest } from './support-request';

/** When a pattern of requests is worth a team leader's attention (seed §12). Configurable. */
export interface TrendRules {
  readonly windowDays: number;
  /** Requests of one team on one skill topic within the window. */
  readonly topicThreshold: number;
  /** Requests of one coach marked inappropriate within the window. */
  readonly inappropriateThreshold: number;
}

export const DEFAULT_TREND_RULES: TrendRules = { windowDays: 60, topicThreshold: 3, inappropriateThreshold: 2 };

export interface SpottedTrend {
  readonly trend: Trend;
  /** The same trend gives the same key, so it is reported once. */
  readonly key: string;
}

function keyOf(...parts: string[]): string {
  return createHash('sha256').update(parts.join('|')).digest('hex');
}

/**
 * A coach whose requests keep being marked inappropriate. `recent` are the coach's requests within
 * the window, oldest first.
 */
export function inappropriateTrend(coach: StaffMember, recent: readonly SupportRequest[], rules: TrendRules): SpottedTrend | null {
  if (!coach.teamLeaderId) return null;
  const marked = recent.filter((r) => r.requesterId === coach.id && r.inappropriate);
  if (marked.length < rules.inappropriateThreshold) return null;
  return {
    trend: { kind: 'inappropriate_requests', teamLeaderId: coach.teamLeaderId, coachIds: [coach.id], topic: null, count: marked.length, windowDays: rules.windowDays },
    key: keyOf('inappropriate_requests', coach.id, marked[0]!.id),
  };
}

/**
 * Repeated skill support requests on one topic from a coach, or from several coaches of one team:
 * a skills gap that group upskilling could close. `teamRecent` are the team's requests in the window.
 */
export function topicTrend(latest: SupportRequest, teamLeaderId: string | null, teamRecent: readonly SupportRequest[], rules: TrendRules): SpottedTrend | null {
  if (!teamLeaderId || latest.type !== 'skill_support' || !latest.topic) return null;
  const same = teamRecent.filter((r) => r.type === 'skill_support' && r.topic === latest.topic && r.status !== 'withdrawn');
  if (same.length < rules.topicThreshold) return null;
  const coachIds = [...new Set(same.map((r) => r.requesterId))];
  return {
    trend: { kind: 'repeated_skill_topic', teamLeaderId, coachIds, topic: latest.topic, count: same.length, windowDays: rules.windowDays },
    key: keyOf('repeated_skill_topic', teamLeaderId, latest.topic, same[0]!.id),
  };
}
