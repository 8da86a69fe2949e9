import { groupCohort, groupSizes, type CohortMember } from '../../../domain/conferences/grouping';

const coaches = (count: number, team: (i: number) => string | null = () => 't1'): CohortMember[] =>
  Array.from({ length: count }, (_, i) => ({ id: `c${String(i).padStart(2, '0')}`, teamId: team(i), name: `Coach ${String(i).padStart(2, '0')}` }));

describe('groupSizes', () => {
  it.each([
    [30, [10, 10, 10]],
    [25, [9, 8, 8]],
    [11, [6, 5]],
    [10, [10]],
    [1, [1]],
    [0, []],
    [31, [8, 8, 8, 7]],
  ])('%i coaches → %j', (count, sizes) => {
    expect(groupSizes(count)).toEqual(sizes);
  });
});

describe('groupCohort', () => {
  it('puts everyone in exactly one group of at most 10, sizes within one of each other', () => {
    const { groups, warning } = groupCohort(coaches(25, (i) => `t${i % 4}`));
    expect(groups.map((g) => g.length)).toEqual([9, 8, 8]);
    expect(groups.flat().sort()).toEqual(coaches(25).map((c) => c.id).sort());
    expect(warning).toBeNull();
  });

  it('keeps each team whole when the sizes leave room: teams of 10, 10 and 10', () => {
    const { groups } = groupCohort(coaches(30, (i) => `team${Math.floor(i / 10)}`));
    const teamsIn = groups.map((g) => new Set(g.map((id) => Math.floor(Number(id.slice(1)) / 10))));
    expect(teamsIn.map((s) => s.size)).toEqual([1, 1, 1]);
  });

  it('keeps smaller teams whole and splits only a team too large for any group', () => {
    // Teams of 12, 5, 4, 3, 1 (25 coaches): groups 9, 8, 8.
    const sizes = [12, 5, 4, 3, 1];
    const members: CohortMember[] = [];
    sizes.forEach((size, t) => {
      for (let i = 0; i < size; i += 1) members.push({ id: `t${t}-${i}`, teamId: `team${t}`, name: `T${t} ${i}` });
    });
    const { groups } = groupCohort(members);
    expect(groups.map((g) => g.length).sort()).toEqual([8, 8, 9]);
    const groupsOfTeam = (t: number) => groups.filter((g) => g.some((id) => id.startsWith(`t${t}-`))).length;
    expect(groupsOfTeam(0)).toBe(2);
    for (const t of [1, 2, 3, 4]) expect(groupsOfTeam(t)).toBe(1);
  });

  it('warns above 30 but still groups everyone, at most 10 a group', () => {
    const { groups, warning } = groupCohort(coaches(34));
    expect(warning).toContain('34 work coaches');
    expect(groups.every((g) => g.length <= 10)).toBe(true);
    expect(groups.flat()).toHaveLength(34);
  });

  it('coaches without a team leader are placed like teams of one', () => {
    const { groups } = groupCohort(coaches(11, () => null));
    expect(groups.map((g) => g.length)).toEqual([6, 5]);
  });
});
