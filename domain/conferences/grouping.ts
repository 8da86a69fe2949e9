import { byName, compareCodes } from '../names';

/**
 * Seed §29: a DEA supports up to 30 work coaches and a group conference has at most 10 of them.
 * The cohort is split into as few groups as the cap allows, with sizes differing by at most one,
 * and coaches of one team (one team leader) kept together where the sizes leave room for it.
 */

export const MAX_GROUP_SIZE = 10;
export const MAX_COHORT = 30;

export interface CohortMember {
  readonly id: string;
  /** Coaches with the same team leader are one team; null for a coach without one. */
  readonly teamId: string | null;
  /** For a stable, readable order inside a group. */
  readonly name: string;
}

export interface Grouping {
  /** Coach ids per group, in group order. */
  readonly groups: string[][];
  /** Set when the cohort is above the seed's 30: the groups are still made, but someone should look. */
  readonly warning: string | null;
}

/** Balanced sizes: 30 → 10,10,10; 25 → 9,8,8; 11 → 6,5. */
export function groupSizes(count: number, maxSize = MAX_GROUP_SIZE): number[] {
  if (count <= 0) return [];
  const groups = Math.ceil(count / maxSize);
  const base = Math.floor(count / groups);
  const larger = count % groups;
  return Array.from({ length: groups }, (_, i) => base + (i < larger ? 1 : 0));
}

/**
 * Best-fit decreasing over fixed capacities: the largest team first, into the group with the least
 * room that still holds the whole team; a team too large for any room left is split, filling the
 * roomiest group first so it lands in as few groups as possible.
 */
export function groupCohort(members: readonly CohortMember[], maxSize = MAX_GROUP_SIZE): Grouping {
  const sizes = groupSizes(members.length, maxSize);
  const room = [...sizes];
  const groups: string[][] = sizes.map(() => []);
  const teams = new Map<string, CohortMember[]>();
  for (const member of members) {
    // A coach without a team leader is a team of one: nothing ties them to anyone.
    const key = member.teamId ?? `solo:${member.id}`;
    teams.set(key, [...(teams.get(key) ?? []), member]);
  }
  const ordered = [...teams.entries()]
    .map(([key, people]) => ({ key, people: [...people].sort(byName) }))
    .sort((a, b) => b.people.length - a.people.length || compareCodes(a.key, b.key));

  for (const team of ordered) {
    let left = team.people;
    while (left.length) {
      const fits = room.map((r, i) => ({ r, i })).filter(({ r }) => r >= left.length);
      const target = fits.length
        ? fits.reduce((best, g) => (g.r < best.r ? g : best)).i
        : room.reduce((best, r, i) => (r > room[best]! ? i : best), 0);
      const take = Math.min(room[target]!, left.length);
      groups[target]!.push(...left.slice(0, take).map((m) => m.id));
      room[target]! -= take;
      left = left.slice(take);
    }
  }
  const warning =
    members.length > MAX_COHORT
      ? `This cohort has ${members.length} work coaches; a DEA supports up to ${MAX_COHORT}. The groups below are made all the same: consider sharing the cohort with another DEA.`
      : null;
  return { groups, warning };
}
