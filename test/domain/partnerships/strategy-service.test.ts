import { DomainError } from '../../../domain/errors';
import { allowedStrategy } from '../../../domain/partnerships/strategies';
import { StrategyService } from '../../../domain/partnerships/strategy-service';
import { immediateUnitOfWork } from '../../../domain/unit-of-work';
import { MemoryDirectory, MemoryPartners, MemoryStrategies, RecordingStrategyNotifier, person } from './in-memory';

const dea = person('dea', ['dea'], { teamLeaderId: 'tl' });
const leader = person('tl', ['work_coach_team_leader']);
const otherLeader = person('tl2', ['work_coach_team_leader']);
const loneDea = person('dea-alone', ['dea']);
const coach = person('coach', ['work_coach'], { deaId: 'dea', teamLeaderId: 'tl' });
const now = new Date('2026-12-07T10:00:00Z');

async function setup() {
  const store = new MemoryStrategies();
  const partners = new MemoryPartners();
  const notifier = new RecordingStrategyNotifier();
  const directory = new MemoryDirectory([dea, leader, coach], { 'jc-1': 'Surrey and Sussex' });
  const mind = await partners.create('Surrey and Sussex', 'dea', { name: 'Crawley Mind', kind: 'charity', contact: 'x', website: null, focus: 'y', lastMetOn: null }, now);
  const outputs = { heldFor: async (deaId: string) => (deaId === 'dea' ? [{ id: 'conf-1', label: 'Group 1, November 2026' }] : []) };
  const service = new StrategyService({ store, partners, directory, outputs, notifier, uow: immediateUnitOfWork, clock: { now: () => now } });
  return { service, store, notifier, mind };
}

const joint = { kind: 'joint_local', title: 'Support for claimants with psychosis', why: 'Five cases at conferences this autumn had no local provision.', gapConferenceIds: 'conf-1', internalPartners: 'third_party_provision,work_psychologist' };

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('strategies: led by the DEA, owned by their team leader (seed 000 §45, §49, §52, §58–59)', () => {
  it('a joint local strategy goes ahead only once the owning team leader agrees', async () => {
    const { service, notifier, mind } = await setup();
    const strategy = await service.propose(dea, { ...joint, partnerIds: mind.id });
    expect(strategy).toMatchObject({ leadId: 'dea', ownerId: 'tl', status: 'awaiting_agreement', gapConferenceIds: ['conf-1'], partnerIds: [mind.id], internalPartners: ['third_party_provision', 'work_psychologist'] });
    expect(notifier.sent).toEqual([{ what: 'proposed', to: 'tl', status: 'awaiting_agreement' }]);
    // Nothing moves before agreement, and only the owner agrees.
    expect((await refusal(service.addAction(dea, strategy.id, strategy.version, { text: 'Book the first meeting', owner: 'Dana' }))).message).toMatch(/has not agreed/);
    expect((await refusal(service.decide(dea, strategy.id, strategy.version, true))).kind).toBe('not_allowed');
    expect((await refusal(service.decide(otherLeader, strategy.id, strategy.version, true))).kind).toBe('not_allowed');
    expect([...allowedStrategy(leader, strategy)].sort()).toEqual(['agree', 'decline']);
    expect([...allowedStrategy(dea, strategy)]).toEqual([]);

    const agreed = await service.decide(leader, strategy.id, strategy.version, true);
    expect(agreed.status).toBe('active');
    expect(notifier.sent.at(-1)).toEqual({ what: 'decided', to: 'dea', status: 'active' });
    // A second click on the old card is a conflict, not a second decision.
    expect((await refusal(service.decide(leader, strategy.id, strategy.version, false))).kind).toBe('conflict');

    const withAction = await service.addAction(dea, strategy.id, agreed.version, { text: 'Ask Third Party Provision about a peer support group', owner: 'Third Party Provision' });
    const view = (await service.view(strategy.id))!;
    expect(view.actions.map((a) => [a.text, a.owner, a.status])).toEqual([['Ask Third Party Provision about a peer support group', 'Third Party Provision', 'open']]);
    expect(view.gaps).toEqual([{ id: 'conf-1', label: 'Group 1, November 2026' }]);
    expect(view.partners.map((p) => p.name)).toEqual(['Crawley Mind']);
    await service.setActionStatus(leader, view.actions[0]!.id, 'done');
    expect((await service.view(strategy.id))!.actions[0]!.status).toBe('done');
    expect((await refusal(service.setActionStatus(coach, view.actions[0]!.id, 'open'))).kind).toBe('not_allowed');
    const closed = await service.close(dea, strategy.id, withAction.version + 1);
    expect(closed.status).toBe('closed');
    expect([...allowedStrategy(dea, closed)]).toEqual([]);
  });

  it('an employment strategy goes ahead at once; a strategy with the work psychologist needs its areas', async () => {
    const { service } = await setup();
    const employment = await service.propose(dea, { kind: 'employment', title: 'Job trials for autistic claimants', why: 'Few employers offer trials.', gapNote: 'No job trials locally.' });
    expect(employment.status).toBe('active');
    expect((await refusal(service.propose(dea, { kind: 'work_psychologist', title: 'Awareness', why: 'Coaches asked.', gapNote: 'x' }))).problems.areas).toMatch(/at least one area/);
    const wp = await service.propose(dea, { kind: 'work_psychologist', title: 'Awareness', why: 'Coaches asked.', gapNote: 'x', areas: 'condition_management,work_coach_awareness' });
    expect(wp.areas).toEqual(['condition_management', 'work_coach_awareness']);
  });

  it('refuses gaps and partners that are not the DEA’s own, a DEA with no team leader, and a coach', async () => {
    const { service } = await setup();
    const error = await refusal(service.propose(dea, { ...joint, gapConferenceIds: 'someone-elses', partnerIds: 'unknown' }));
    expect(Object.keys(error.problems).sort()).toEqual(['gapConferenceIds', 'partnerIds']);
    expect((await refusal(service.propose(dea, { kind: 'provision', title: 't', why: 'w' }))).problems.gapNote).toBeDefined();
    expect((await refusal(service.propose(loneDea, joint))).message).toMatch(/Work Coach Team Leader/);
    expect((await refusal(service.propose(coach, joint))).message).toMatch(/Only a Disability Employment Adviser/);
  });
});
