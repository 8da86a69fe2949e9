import type { OutboxWriter } from '../../../bot/core/outbox-writer';
import { OutboxStrategyNotifier } from '../../../bot/partnerships/partnership-notifier';
import { StrategiesWithTheirPeople } from '../../../bot/partnerships/strategy-people';
import { DomainError } from '../../../domain/errors';
import { allowedStrategy, partIn, strategyRefusal } from '../../../domain/partnerships/strategies';
import { StrategyService } from '../../../domain/partnerships/strategy-service';
import type { Logger } from '../../../domain/ports';
import type { Role } from '../../../domain/roles';
import type { StaffMember } from '../../../domain/staff';
import { immediateUnitOfWork } from '../../../domain/unit-of-work';
import type { DistrictPeople } from '../../../domain/work-psychologist/ports';
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

  it('a strategy of a kind that names a team has that team as an internal partner, chosen or not (seed 000 §49, §52)', async () => {
    const { service } = await setup();
    const base = { title: 'Job trials for autistic claimants', why: 'Few employers offer trials.', gapNote: 'No job trials locally.' };
    expect((await service.propose(dea, { ...base, kind: 'employment' })).internalPartners).toEqual(['employer_engagement']);
    expect((await service.propose(dea, { ...base, kind: 'provision', internalPartners: 'work_psychologist,third_party_provision' })).internalPartners).toEqual(['third_party_provision', 'work_psychologist']);
    expect((await service.propose(dea, { ...base, kind: 'joint_local', internalPartners: 'work_coaches' })).internalPartners).toEqual(['work_coaches']);
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

  it('refuses a National Insurance number in what goes to its partners (title, why, gaps, actions), however it is written', async () => {
    const { service } = await setup();
    const error = await refusal(service.propose(dea, { ...joint, title: 'Support for AB-12-34-56-C', why: 'Mr Smith AB 12 34 56 C could not find provision.', gapNote: 'Claimant ab123456c' }));
    expect(error.problems).toEqual({ title: expect.stringMatching(/^Leave the National Insurance number out/), why: expect.stringMatching(/^Leave the National Insurance number out/), gapNote: expect.stringMatching(/^Leave the National Insurance number out/) });
    const strategy = await service.propose(dea, { kind: 'employment', title: 'Job trials', why: 'Few employers offer trials.', gapNote: 'No job trials locally.' });
    expect((await refusal(service.addAction(dea, strategy.id, strategy.version, { text: 'Call about AB123456C', owner: 'Dana' }))).problems.text).toMatch(/^Leave the National Insurance number out/);
  });
});

describe('a strategy with the work psychologist: the lead DEA’s work psychologist creates it with them (seed 000 §45)', () => {
  const districts: Record<string, string> = { 'jc-1': 'Surrey and Sussex', 'jc-2': 'Surrey and Sussex', 'jc-9': 'Cumbria and Lancashire' };
  // Paul works at the DEA's jobcentre, so he is her work psychologist; Anna is the district's other one.
  const paul = person('wp', ['work_psychologist'], { name: 'Paul Avery' });
  const anna = person('wp-2', ['work_psychologist'], { name: 'Anna Avery', jobcentreId: 'jc-2' });
  const far = person('wp-far', ['work_psychologist'], { name: 'Zoe Far', jobcentreId: 'jc-9' });
  const everyone = [dea, leader, coach, paul, anna, far];

  function wpSetup(people: StaffMember[] = everyone) {
    const inner = new MemoryStrategies();
    const holders: DistrictPeople = { holdersInDistrictOf: async (role: Role, jc: string) => people.filter((p) => p.roles.includes(role) && p.jobcentreId && districts[p.jobcentreId] === districts[jc]) };
    const staff = { findById: async (idValue: string) => people.find((p) => p.id === idValue) ?? null };
    const store = new StrategiesWithTheirPeople(inner, holders, staff);
    const queued: { to: string; kind: string }[] = [];
    const outbox = { notify: async (to: string, kind: string) => void queued.push({ to, kind }) } as unknown as OutboxWriter;
    const notifier = new OutboxStrategyNotifier(outbox, { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as Logger);
    const directory = new MemoryDirectory(people, districts);
    const service = new StrategyService({ store, partners: new MemoryPartners(), directory, outputs: { heldFor: async () => [] }, notifier, uow: immediateUnitOfWork, clock: { now: () => now } });
    return { service, store, queued };
  }
  const withWp = { kind: 'work_psychologist', title: 'Condition management awareness', why: 'Coaches asked for help with fluctuating conditions.', gapNote: 'No awareness sessions this year.', areas: 'condition_management,work_coach_awareness' };

  it('tells the work psychologist when it is proposed; they open it, add and progress actions, but do not agree, book meetings or close it', async () => {
    const { service, queued } = wpSetup();
    const strategy = await service.propose(dea, withWp);
    expect(strategy.workPsychologistId).toBe('wp');
    // A card to the owner, and one to the work psychologist.
    expect(queued).toEqual([
      { to: 'tl', kind: 'strategy_proposed' },
      { to: 'wp', kind: 'strategy_proposed' },
    ]);
    expect(partIn(paul, strategy)).toBe('work_psychologist');
    expect(strategyRefusal(paul, strategy, 'view')).toBeNull();
    expect([...allowedStrategy(paul, strategy)].sort()).toEqual(['add_action', 'update_action']);
    // The lead keeps what is theirs: booking meetings (in their diary), their notes, closing.
    expect([...allowedStrategy(dea, strategy)].sort()).toEqual(['add_action', 'book_meetings', 'close', 'record_notes', 'update_action']);

    // Not the owner: they do not agree to it (nor decline it), however the click comes.
    expect((await refusal(service.decide(paul, strategy.id, strategy.version, true))).message).toBe('Only the team leader who owns this strategy can agree to it.');
    const added = await service.addAction(paul, strategy.id, strategy.version, { text: 'Run an awareness session on fluctuating conditions', owner: 'Paul Avery' });
    const action = (await service.view(strategy.id))!.actions[0]!;
    expect(action).toMatchObject({ text: 'Run an awareness session on fluctuating conditions', status: 'open' });
    await service.setActionStatus(paul, action.id, 'in_progress');
    expect((await service.view(strategy.id))!.actions[0]!.status).toBe('in_progress');
    expect((await refusal(service.close(paul, strategy.id, added.version + 1))).message).toBe('Only the DEA who leads this strategy and the team leader who owns it can close it.');
    expect(strategyRefusal(paul, strategy, 'book_meetings')?.message).toBe('Only the DEA who leads this strategy and the team leader who owns it can book its meetings.');
  });

  it('the work psychologist cannot agree a joint local strategy on the owner’s behalf, nor see one', async () => {
    const { service } = wpSetup();
    const strategy = await service.propose(dea, { ...joint, gapConferenceIds: '', gapNote: 'No local peer support.' });
    expect(strategy.workPsychologistId).toBeNull();
    expect((await refusal(service.decide(paul, strategy.id, strategy.version, true))).message).toBe('Only the team leader who owns this strategy can agree to it.');
    expect(strategyRefusal(paul, strategy, 'view')?.message).toBe('Only the DEA who leads this strategy and the team leader who owns it can see it.');
  });

  it('a strategy of another kind stays invisible to the work psychologist, even naming them as a partner', async () => {
    const { service, queued } = wpSetup();
    const employment = await service.propose(dea, { kind: 'employment', title: 'Job trials', why: 'Few trials.', gapNote: 'None locally.', internalPartners: 'work_psychologist' });
    const mine = await service.propose(dea, withWp);
    expect(queued.filter((q) => q.to === 'wp')).toHaveLength(1);
    expect(allowedStrategy(paul, employment).size).toBe(0);
    expect(strategyRefusal(paul, employment, 'view')).not.toBeNull();
    expect((await refusal(service.addAction(paul, employment.id, employment.version, { text: 'x', owner: 'y' }))).kind).toBe('not_allowed');
    // Their list: the strategies with the work psychologist of the DEAs they work with, only.
    expect((await service.mine(paul)).map((s) => s.id)).toEqual([mine.id]);
    expect(await service.mine(anna)).toEqual([]);
    expect(await service.mine(far)).toEqual([]);
    // Another work psychologist of the district is not this DEA's: refused.
    expect((await refusal(service.addAction(anna, mine.id, mine.version, { text: 'x', owner: 'y' }))).message).toBe('Only the DEA who leads this strategy, their work psychologist and the team leader who owns it can change it.');
    expect((await refusal(service.addAction(coach, mine.id, mine.version, { text: 'x', owner: 'y' }))).kind).toBe('not_allowed');
  });

  it('is read from the directory each time: with nobody at the DEA’s jobcentre, the district’s work psychologist takes part', async () => {
    const { service, store } = wpSetup([dea, leader, anna, far]);
    const strategy = await service.propose(dea, withWp);
    expect(strategy.workPsychologistId).toBe('wp-2');
    expect((await store.find(strategy.id))!.workPsychologistId).toBe('wp-2');
    expect((await service.mine(anna)).map((s) => s.id)).toEqual([strategy.id]);
    // Nobody in the district: nobody else takes part.
    const alone = wpSetup([dea, leader, far]);
    expect((await alone.service.propose(dea, withWp)).workPsychologistId).toBeNull();
    expect(alone.queued).toEqual([{ to: 'tl', kind: 'strategy_proposed' }]);
  });
});
