import { ActionService } from '../../../domain/follow-up-actions/action-service';
import { actionRefusal, allowedActionVerbs } from '../../../domain/follow-up-actions/action-policy';
import type { FollowUpAction } from '../../../domain/follow-up-actions/follow-up-action';
import type { ActionChanges, ActionNotifier, FollowUpActionStore, NewFollowUpAction, RoleHolders } from '../../../domain/follow-up-actions/ports';
import type { JobLeases } from '../../../domain/conferences/ports';
import { conflict } from '../../../domain/errors';
import { FollowUps } from '../../../domain/outcomes/follow-ups';
import type { Role } from '../../../domain/roles';
import type { StaffMember } from '../../../domain/staff';
import { CREATED_AT, FakeDirectory, FakeNotifier, FakeRequests, FixedClock, person } from '../interventions/fakes';

const DAY = 86_400_000;

class FakeActions implements FollowUpActionStore {
  readonly rows = new Map<string, FollowUpAction>();
  private next = 1;
  async create(action: NewFollowUpAction) {
    const source = action.source ?? null;
    const existing = [...this.rows.values()].find((a) => a.requestId === action.requestId && a.kind === action.kind && a.source === source);
    if (existing) return { action: existing, created: false };
    const created: FollowUpAction = { ...action, source, id: `act-${this.next++}`, acceptedAt: null, doneAt: null, doneNote: null, version: 1 };
    this.rows.set(created.id, created);
    return { action: created, created: true };
  }
  async find(id: string) {
    return this.rows.get(id) ?? null;
  }
  async forRequest(requestId: string) {
    return [...this.rows.values()].filter((a) => a.requestId === requestId);
  }
  async update(id: string, expectedVersion: number, changes: ActionChanges) {
    const row = this.rows.get(id)!;
    if (row.version !== expectedVersion) throw conflict('changed');
    const updated = { ...row, ...changes, version: row.version + 1 };
    this.rows.set(id, updated);
    return updated;
  }
  async forPerson(personId: string) {
    return [...this.rows.values()].filter((a) => [a.assigneeId, a.deaId, a.requesterId].includes(personId));
  }
  async overdue(now: Date) {
    return [...this.rows.values()].filter((a) => a.status !== 'done' && a.dueBy < now);
  }
}

/** jc-1, jc-2 and jc-3 are of one district, jc-9 of another. */
const districtOf = (jobcentreId: string | null) => (jobcentreId === 'jc-9' ? 'd-2' : 'd-1');

class FakeHolders implements RoleHolders {
  constructor(private readonly people: readonly StaffMember[]) {}
  async holders(role: Role, jobcentreId: string) {
    return this.people.filter((p) => p.roles.includes(role) && p.jobcentreId === jobcentreId);
  }
  async holdersInDistrictOf(role: Role, jobcentreId: string) {
    return this.people.filter((p) => p.roles.includes(role) && districtOf(p.jobcentreId) === districtOf(jobcentreId));
  }
  async jobcentreName() {
    return 'Crawley';
  }
}

class FakeActionNotifier implements ActionNotifier {
  readonly sent: string[] = [];
  async actionNeedsAttention(action: FollowUpAction, to: string) {
    this.sent.push(`card ${action.kind} -> ${to}`);
  }
  async actionOverdue(action: FollowUpAction, to: string) {
    this.sent.push(`overdue ${action.kind} -> ${to}`);
  }
  actionChanged(action: FollowUpAction) {
    this.sent.push(`changed ${action.id}`);
  }
}

class FakeLeases implements JobLeases {
  readonly taken = new Set<string>();
  async claim(job: string, period: string) {
    const key = `${job}:${period}`;
    if (this.taken.has(key)) return false;
    this.taken.add(key);
    return true;
  }
  async complete() {}
  async release(job: string, period: string) {
    this.taken.delete(`${job}:${period}`);
  }
}

/** `at` moves people to another jobcentre (all are at jc-1); `without` leaves them out. */
function setUp(extra: StaffMember[] = [], place: { at?: Readonly<Record<string, string>>; without?: readonly string[] } = {}) {
  const coach = person('coach-1', ['work_coach'], { deaId: 'dea-1' });
  const dea = person('dea-1', ['dea']);
  const wp = person('wp-1', ['work_psychologist']);
  const ea1 = person('ea-1', ['employer_adviser']);
  const ea2 = person('ea-2', ['employer_adviser']);
  const people = [coach, dea, wp, ea1, ea2, ...extra].filter((p) => !place.without?.includes(p.id)).map((p) => ({ ...p, jobcentreId: place.at?.[p.id] ?? p.jobcentreId }));
  const directory = new FakeDirectory(people);
  const clock = new FixedClock(CREATED_AT);
  const store = new FakeActions();
  const notifier = new FakeActionNotifier();
  const service = new ActionService({ store, people: new FakeHolders(people), directory, notifier, jobs: new FakeLeases(), clock });
  const requests = new FakeRequests();
  const request = requests.add({ status: 'outcome_recorded' });
  const followUps = new FollowUps({ requests, notifier: new FakeNotifier(), actions: service });
  const found = (id: string) => people.find((p) => p.id === id)!;
  return { coach: found('coach-1'), dea: found('dea-1'), wp, ea1, ea2, clock, store, notifier, service, request, followUps, requests };
}

describe('actions that outcomes start (seed §16, §18, §28, §34, §42)', () => {
  it('gives the action to the only person of the role at the jobcentre, and tells them', async () => {
    const { followUps, request, store, notifier } = setUp();
    const started = await followUps.startFollowUps(request.id, ['work_psychologist_action'], 'coach-1', CREATED_AT);
    expect(started).toEqual([{ step: 'work_psychologist_action', reference: 'for wp-1 Person' }]);
    const [action] = [...store.rows.values()];
    expect(action).toMatchObject({ kind: 'work_psychologist', assigneeId: 'wp-1', status: 'assigned', requestReference: request.reference, deaId: 'dea-1', requesterId: 'coach-1' });
    expect(action!.dueBy.getTime()).toBe(CREATED_AT.getTime() + 14 * DAY);
    expect(notifier.sent).toEqual(['card work_psychologist -> wp-1']);
  });

  it("gives a team leader's intervention's action to the claimant's work coach they named to follow up, at the coach's office (seed §41)", async () => {
    const leader = person('wctl-9', ['work_coach_team_leader']);
    const eaAtCoachOffice = person('ea-9', ['employer_adviser']);
    const { followUps, requests, store, service, notifier, coach } = setUp([leader, eaAtCoachOffice], { at: { 'wctl-9': 'jc-9', 'ea-1': 'jc-9', 'ea-2': 'jc-9' } });
    const asked = requests.add({ status: 'outcome_recorded', channel: 'claimant_support_intervention', requesterId: 'wctl-9', claimantCoachId: 'coach-1' });
    const started = await followUps.startFollowUps(asked.id, ['employer_adviser_action'], 'dea-1', CREATED_AT);
    // Only ea-9 works at the coach's office (jc-1): the team leader's (jc-9) are not asked.
    expect(started).toEqual([{ step: 'employer_adviser_action', reference: 'for ea-9 Person' }]);
    const action = [...store.rows.values()].find((a) => a.requestId === asked.id)!;
    expect(action).toMatchObject({ requesterId: 'coach-1', jobcentreId: 'jc-1', assigneeId: 'ea-9' });
    // The coach may read it, and is told when it is done.
    expect(await service.view(action.id, coach)).not.toBeNull();
    await service.accept(eaAtCoachOffice, action.id, action.version);
    await service.complete(eaAtCoachOffice, action.id, action.version + 1, 'Met the employer.');
    expect(notifier.sent).toContain('card employer_adviser -> coach-1');
    expect(notifier.sent).not.toContain('card employer_adviser -> wctl-9');
  });

  it('with several of the role, leaves the choice to the DEA; the DEA chooses one of them only', async () => {
    const { followUps, request, store, notifier, service, dea, coach } = setUp();
    const started = await followUps.startFollowUps(request.id, ['employer_adviser_action'], 'coach-1', CREATED_AT);
    expect(started[0]!.reference).toBe('the DEA chooses which employer adviser does it');
    const action = [...store.rows.values()][0]!;
    expect(action).toMatchObject({ status: 'unassigned', assigneeId: null });
    expect(notifier.sent).toEqual(['card employer_adviser -> dea-1']);

    const view = await service.view(action.id, dea);
    expect(view!.candidates.map((c) => c.id)).toEqual(['ea-1', 'ea-2']);
    expect([...view!.allowed]).toEqual(['assign']);
    // The work coach sees it, but cannot choose.
    expect([...(await service.view(action.id, coach))!.allowed]).toEqual([]);
    await expect(service.assign(coach, action.id, 1, 'ea-1')).rejects.toMatchObject({ kind: 'not_allowed' });
    await expect(service.assign(dea, action.id, 1, 'wp-1')).rejects.toMatchObject({ kind: 'invalid', problems: { assigneeId: 'Choose one of the people listed.' } });
    await expect(service.assign(dea, action.id, 1, '')).rejects.toMatchObject({ kind: 'invalid' });
    const assigned = await service.assign(dea, action.id, 1, 'ea-2');
    expect(assigned).toMatchObject({ status: 'assigned', assigneeId: 'ea-2', version: 2 });
    expect(notifier.sent).toContain('card employer_adviser -> ea-2');
  });

  it('says plainly when the jobcentre has nobody of the role, and the DEA is told', async () => {
    const { followUps, request, store, notifier, service, dea } = setUp();
    const started = await followUps.startFollowUps(request.id, ['tpp_manager_action'], 'coach-1', CREATED_AT);
    expect(started[0]!.reference).toBe('nobody at Crawley is a Third Party Provision manager in the staff directory, so nobody has it yet; the DEA has been told');
    const action = [...store.rows.values()][0]!;
    expect(action.status).toBe('unassigned');
    expect(notifier.sent).toEqual(['card tpp_manager -> dea-1']);
    expect((await service.view(action.id, dea))!.candidates).toEqual([]);
  });

  it('a work psychologist action goes to the DEA’s work psychologist, by the partnership’s rule, wherever the requester works', async () => {
    const wpAt = (id: string, jobcentreId: string) => ({ ...person(id, ['work_psychologist']), jobcentreId });
    // Nobody at the requester's nor the DEA's jobcentre: the district's work psychologist, the first by name.
    const district = setUp([wpAt('wp-3', 'jc-3'), wpAt('wp-4', 'jc-3'), wpAt('wp-9', 'jc-9')], { at: { 'coach-1': 'jc-2' }, without: ['wp-1'] });
    const fromDistrict = await district.followUps.startFollowUps(district.request.id, ['work_psychologist_action'], 'coach-1', CREATED_AT);
    expect(fromDistrict).toEqual([{ step: 'work_psychologist_action', reference: 'for wp-3 Person' }]);
    expect([...district.store.rows.values()][0]).toMatchObject({ assigneeId: 'wp-3', status: 'assigned' });
    expect(district.notifier.sent).toEqual(['card work_psychologist -> wp-3']);

    // One at the requester's jobcentre, another at the DEA's: the DEA's, whom the DEA works with.
    const theirs = setUp([wpAt('wp-7', 'jc-2')], { at: { 'coach-1': 'jc-2' } });
    await theirs.followUps.startFollowUps(theirs.request.id, ['work_psychologist_action'], 'coach-1', CREATED_AT);
    expect([...theirs.store.rows.values()][0]).toMatchObject({ assigneeId: 'wp-1', status: 'assigned' });

    // Several at the DEA's own jobcentre: the DEA chooses among those, and only those.
    const several = setUp([wpAt('wp-2', 'jc-1'), wpAt('wp-3', 'jc-3')], { at: { 'coach-1': 'jc-2' } });
    const chosen = await several.followUps.startFollowUps(several.request.id, ['work_psychologist_action'], 'coach-1', CREATED_AT);
    expect(chosen[0]!.reference).toBe('the DEA chooses which work psychologist does it');
    const action = [...several.store.rows.values()][0]!;
    expect(action).toMatchObject({ status: 'unassigned', assigneeId: null });
    expect(several.notifier.sent).toEqual(['card work_psychologist -> dea-1']);
    expect((await several.service.view(action.id, several.dea))!.candidates.map((c) => c.id)).toEqual(['wp-1', 'wp-2']);
    await expect(several.service.assign(several.dea, action.id, 1, 'wp-3')).rejects.toMatchObject({ kind: 'invalid', problems: { assigneeId: 'Choose one of the people listed.' } });
    expect(await several.service.assign(several.dea, action.id, 1, 'wp-2')).toMatchObject({ status: 'assigned', assigneeId: 'wp-2' });

    // Only another district has one: said plainly, and the DEA is told.
    const none = setUp([wpAt('wp-9', 'jc-9')], { without: ['wp-1'] });
    const nobody = await none.followUps.startFollowUps(none.request.id, ['work_psychologist_action'], 'coach-1', CREATED_AT);
    expect(nobody[0]!.reference).toBe('nobody in dea-1 Person’s district is a work psychologist in the staff directory, so nobody has it yet; the DEA has been told');
    expect(none.notifier.sent).toEqual(['card work_psychologist -> dea-1']);
    expect((await none.service.view([...none.store.rows.values()][0]!.id, none.dea))!.candidates).toEqual([]);
  });

  it('starts one action per kind and request, however often the outcome is sent', async () => {
    const { followUps, request, store, notifier } = setUp();
    await followUps.startFollowUps(request.id, ['work_psychologist_action', 'case_conference'], 'coach-1', CREATED_AT);
    await followUps.startFollowUps(request.id, ['work_psychologist_action'], 'coach-1', CREATED_AT);
    expect(store.rows.size).toBe(1);
    expect(notifier.sent).toEqual(['card work_psychologist -> wp-1']);
  });

  it('is accepted, then recorded done with what was done, by the person it is for only; the DEA and work coach are told', async () => {
    const { followUps, request, store, notifier, service, wp, dea, coach } = setUp();
    await followUps.startFollowUps(request.id, ['work_psychologist_action'], 'coach-1', CREATED_AT);
    const action = [...store.rows.values()][0]!;
    await expect(service.accept(dea, action.id, 1)).rejects.toMatchObject({ kind: 'not_allowed' });
    await expect(service.complete(wp, action.id, 1, 'Saw them')).rejects.toMatchObject({ kind: 'conflict', message: 'Accept the action before you record it done.' });
    await expect(service.accept(wp, action.id, 0)).rejects.toMatchObject({ kind: 'conflict' });
    const accepted = await service.accept(wp, action.id, 1);
    expect(accepted.status).toBe('accepted');
    // Once accepted, the DEA can no longer give it to someone else.
    expect(actionRefusal('dea-1', accepted, 'assign')?.kind).toBe('conflict');
    await expect(service.complete(wp, action.id, 2, '  ')).rejects.toMatchObject({ kind: 'invalid', problems: { doneNote: 'Say what was done.' } });
    notifier.sent.length = 0;
    const done = await service.complete(wp, action.id, 2, 'Awareness session on hidden impairments held with the coach.');
    expect(done).toMatchObject({ status: 'done', doneNote: 'Awareness session on hidden impairments held with the coach.' });
    expect(notifier.sent).toEqual(['card work_psychologist -> dea-1', 'card work_psychologist -> coach-1', `changed ${action.id}`]);
    expect(allowedActionVerbs('wp-1', done).size).toBe(0);
    // A stranger sees nothing.
    expect(await service.view(action.id, person('x', ['work_coach']))).toBeNull();
    expect((await service.view(action.id, coach))!.action.status).toBe('done');
  });

  it('reminds the person of an overdue action once a week until it is done; the DEA while nobody has it', async () => {
    const { followUps, request, service, notifier, store, wp } = setUp();
    await followUps.startFollowUps(request.id, ['work_psychologist_action', 'tpp_manager_action'], 'coach-1', CREATED_AT);
    notifier.sent.length = 0;
    expect(await service.remindOverdue(new Date(CREATED_AT.getTime() + 13 * DAY))).toBe(0);
    expect(await service.remindOverdue(new Date(CREATED_AT.getTime() + 15 * DAY))).toBe(2);
    expect(notifier.sent.sort()).toEqual(['overdue tpp_manager -> dea-1', 'overdue work_psychologist -> wp-1']);
    // The same week again: nothing (another instance, or the next hour).
    expect(await service.remindOverdue(new Date(CREATED_AT.getTime() + 16 * DAY))).toBe(0);
    // A week later: again.
    expect(await service.remindOverdue(new Date(CREATED_AT.getTime() + 22 * DAY))).toBe(2);
    // Done: no more.
    const wpAction = [...store.rows.values()].find((a) => a.kind === 'work_psychologist')!;
    await service.accept(wp, wpAction.id, 1);
    await service.complete(wp, wpAction.id, 2, 'Done.');
    expect(await service.remindOverdue(new Date(CREATED_AT.getTime() + 29 * DAY))).toBe(1);
  });
});
