import { conflict } from '../../../domain/errors';
import type { RoleHolders } from '../../../domain/follow-up-actions/ports';
import type { NewRetentionCase, RetentionCaseStore, RetentionChanges, RetentionNotifier } from '../../../domain/retention-cases/ports';
import { formatRetentionReference, leadOf, type RetentionCase, type RetentionRoute } from '../../../domain/retention-cases/retention-case';
import { allowedRetentionVerbs, nextStepsToAgree } from '../../../domain/retention-cases/retention-policy';
import { RetentionService } from '../../../domain/retention-cases/retention-service';
import type { Role } from '../../../domain/roles';
import type { StaffMember } from '../../../domain/staff';
import { CREATED_AT, FakeDirectory, FakeNotifier, FakeRequests, FixedClock, person } from '../interventions/fakes';

class FakeCases implements RetentionCaseStore {
  readonly rows = new Map<string, RetentionCase>();
  async create(c: NewRetentionCase) {
    const number = this.rows.size + 1;
    const created: RetentionCase = {
      ...c,
      id: `case-${number}`,
      number,
      reference: formatRetentionReference(number),
      workPsychologistId: null,
      hcpId: null,
      hcpAdvice: null,
      agreedNote: null,
      interventionRequestId: null,
      outcome: null,
      outcomeNote: null,
      outcomeById: null,
      closedAt: null,
      version: 1,
    };
    this.rows.set(created.id, created);
    return created;
  }
  async find(id: string) {
    return this.rows.get(id) ?? null;
  }
  async update(id: string, version: number, changes: RetentionChanges) {
    const row = this.rows.get(id)!;
    if (row.version !== version) throw conflict('changed');
    const updated = { ...row, ...changes, version: version + 1 };
    this.rows.set(id, updated);
    return updated;
  }
  async forPerson() {
    return [...this.rows.values()];
  }
  async countByRoute() {
    const counts = new Map<RetentionRoute | null, number>();
    for (const c of this.rows.values()) counts.set(c.route, (counts.get(c.route) ?? 0) + 1);
    return counts;
  }
}

/** jc-1 and jc-2 are of one district, jc-9 of another. */
const districtOf = (jobcentreId: string | null) => (jobcentreId === 'jc-9' ? 'd-2' : 'd-1');

class Holders implements RoleHolders {
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

function setUp(people: StaffMember[] = [person('dea-1', ['dea']), person('wp-1', ['work_psychologist']), person('hcp-1', ['hcp'])]) {
  const ea = person('ea-1', ['employer_adviser']);
  const all = [ea, ...people];
  const sent: string[] = [];
  const notifier: RetentionNotifier = {
    caseNeedsAttention: async (c, to) => void sent.push(`${c.reference} -> ${to}`),
    caseChanged: () => undefined,
  };
  const requests = new FakeRequests();
  const service = new RetentionService({ store: new FakeCases(), people: new Holders(all), directory: new FakeDirectory(all), notifier, requests, requestNotifier: new FakeNotifier(), clock: new FixedClock(CREATED_AT) });
  const dea = all.find((p) => p.id === 'dea-1')!;
  return { ea, dea, service, sent, requests, wp: all.find((p) => p.id === 'wp-1')!, hcp: all.find((p) => p.id === 'hcp-1')! };
}

const CASE = { personName: 'Sam', employer: 'Acme', need: 'Back injury; may need a desk role.', claimant: 'no', assessment: 'possibly_complex' };

/** A complex case the DEA undertook as a DEA Support Intervention and recorded they are unable to resolve (§68). */
async function unresolvedCase({ ea, dea, service }: ReturnType<typeof setUp>): Promise<RetentionCase> {
  const c = await service.register(ea, CASE);
  const taken = await service.agreeNextStep(dea, c.id, 1, { route: 'dea_support_intervention', agreedNote: 'Mine.' });
  return service.recordUnableToResolve(dea, c.id, taken.version, 'The employer wants an occupational assessment.');
}

describe('retention cases (seed 000 §66–68)', () => {
  it('a straightforward adjustment stays with the employer adviser, who records the outcome alone', async () => {
    const { ea, dea, service, sent } = setUp();
    const c = await service.register(ea, { ...CASE, assessment: 'straightforward' });
    expect(c).toMatchObject({ reference: 'RET-000001', status: 'with_employer_adviser', route: 'employer_adviser', deaId: null });
    expect(sent).toEqual([]);
    expect([...allowedRetentionVerbs(ea.id, c)].sort()).toEqual(['consultDea', 'consultHcp', 'recordOutcome']);
    expect(allowedRetentionVerbs(dea.id, c).size).toBe(0);
    const closed = await service.recordOutcome(ea, c.id, 1, 'retained_with_adjustments', 'Desk adjusted.');
    expect(closed).toMatchObject({ status: 'closed', route: 'employer_adviser', outcome: 'retained_with_adjustments', outcomeById: 'ea-1' });
    await expect(service.recordOutcome(ea, c.id, 2, 'other', 'again')).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('only employer advisers register; every field is checked and a claimant needs a valid NINO', async () => {
    const { dea, ea, service } = setUp();
    await expect(service.register(dea, CASE)).rejects.toMatchObject({ kind: 'invalid' });
    await expect(service.register(ea, { ...CASE, need: '', claimant: 'yes', nino: 'DA123456C', assessment: '' })).rejects.toMatchObject({
      problems: { need: expect.any(String), nino: expect.any(String), surname: expect.any(String), assessment: expect.any(String) },
    });
  });

  it('a possibly complex case goes to the DEA of the jobcentre; with several the adviser chooses; with none it is said plainly', async () => {
    const one = setUp();
    const c = await one.service.register(one.ea, CASE);
    expect(c).toMatchObject({ status: 'consulting', deaId: 'dea-1', route: null });
    expect(one.sent).toEqual(['RET-000001 -> dea-1']);
    // The lead is not known until the next step is agreed: nobody records an outcome yet.
    expect(leadOf(c)).toBeNull();
    expect(allowedRetentionVerbs(one.ea.id, c).has('recordOutcome')).toBe(false);

    const two = setUp([person('dea-1', ['dea']), person('dea-2', ['dea'])]);
    await expect(two.service.register(two.ea, CASE)).rejects.toMatchObject({ problems: { deaId: 'Choose the DEA to consult.' } });
    expect((await two.service.register(two.ea, { ...CASE, deaId: 'dea-2' })).deaId).toBe('dea-2');

    const none = setUp([]);
    await expect(none.service.register(none.ea, CASE)).rejects.toMatchObject({ problems: { assessment: expect.stringContaining('Nobody at your jobcentre is a DEA') } });
  });

  it('consulting the DEA after all: with several at the case’s jobcentre the employer adviser chooses one of them, offered in name order (§67)', async () => {
    const named = (id: string, name: string, jobcentreId = 'jc-1') => ({ ...person(id, ['dea']), name, jobcentreId });
    const { ea, service, sent } = setUp([named('dea-1', 'Zoe Adams'), named('dea-2', 'Amir Khan'), named('dea-9', 'Bea Other', 'jc-2')]);
    const c = await service.register(ea, { ...CASE, assessment: 'straightforward' });
    // The card offers the case's jobcentre's DEAs, by name, to choose from.
    expect((await service.view(c.id, ea))!.deas.map((d) => d.id)).toEqual(['dea-2', 'dea-1']);
    // Not chosen, or not one of them: refused with the problem on the choice, and nothing changed.
    await expect(service.consultDea(ea, c.id, 1, undefined)).rejects.toMatchObject({ kind: 'invalid', problems: { deaId: 'Choose the DEA to consult.' } });
    await expect(service.consultDea(ea, c.id, 1, 'dea-9')).rejects.toMatchObject({ kind: 'invalid', problems: { deaId: 'Choose the DEA to consult.' } });
    expect(sent).toEqual([]);
    // The one chosen is consulted and told.
    const consulted = await service.consultDea(ea, c.id, 1, 'DEA-2');
    expect(consulted).toMatchObject({ status: 'consulting', deaId: 'dea-2', route: null });
    expect(sent).toEqual(['RET-000001 -> dea-2']);
    // Nobody chooses again once the DEA is consulted.
    expect((await service.view(c.id, ea))!.deas).toEqual([]);

    // The case's jobcentre, not wherever the adviser works now; with its one DEA it is one click.
    const moved = setUp([named('dea-1', 'Zoe Adams'), named('dea-9', 'Bea Other', 'jc-2'), named('dea-8', 'Cal Other', 'jc-2')]);
    const d = await moved.service.register(moved.ea, { ...CASE, assessment: 'straightforward' });
    const elsewhere = { ...moved.ea, jobcentreId: 'jc-2' };
    expect((await moved.service.view(d.id, elsewhere))!.deas.map((p) => p.id)).toEqual(['dea-1']);
    expect((await moved.service.consultDea(elsewhere, d.id, 1, undefined)).deaId).toBe('dea-1');
  });

  it('the DEA records the agreed next step; the lead of each route records the outcome', async () => {
    const routes: [RetentionRoute, string][] = [
      ['employer_adviser', 'ea-1'],
      ['dea_supports_employer_adviser', 'ea-1'],
      ['dea_support_intervention', 'dea-1'],
    ];
    for (const [route, lead] of routes) {
      const { ea, dea, service } = setUp();
      const c = await service.register(ea, CASE);
      await expect(service.agreeNextStep(ea, c.id, 1, { route, agreedNote: 'x' })).rejects.toMatchObject({ kind: 'not_allowed' });
      const agreed = await service.agreeNextStep(dea, c.id, 1, { route, agreedNote: 'Agreed together.' });
      expect(agreed.route).toBe(route);
      expect(leadOf(agreed)).toBe(lead);
    }
    // The work psychologist's route is reached by a referral the DEA makes once unable to resolve it.
    const s = setUp();
    const unable = await unresolvedCase(s);
    const referred = await s.service.referToWorkPsychologist(s.dea, unable.id, unable.version, undefined);
    expect(referred.route).toBe('work_psychologist');
    expect(leadOf(referred)).toBe('wp-1');
  });

  it('the work psychologist is not a next step of the consultation: only if the DEA is unable to resolve it, and has recorded so, may they refer it (seed 000 §68)', async () => {
    const { ea, dea, wp, service, sent } = setUp();
    const c = await service.register(ea, CASE);
    // At the consultation: not offered, and refused with the reason beside the choice; nothing changes and nobody is told.
    expect(nextStepsToAgree(dea.id, c)).toEqual(['employer_adviser', 'dea_supports_employer_adviser', 'dea_support_intervention']);
    expect((await service.view(c.id, dea))!.nextSteps).not.toContain('work_psychologist');
    await expect(service.agreeNextStep(dea, c.id, 1, { route: 'work_psychologist', agreedNote: 'An occupational assessment first.' })).rejects.toMatchObject({
      kind: 'invalid',
      problems: { route: expect.stringContaining('only if the DEA is unable to resolve the retention issue') },
    });
    await expect(service.referToWorkPsychologist(dea, c.id, 1, undefined)).rejects.toMatchObject({ kind: 'conflict' });
    expect(allowedRetentionVerbs(dea.id, c).has('referToWorkPsychologist')).toBe(false);
    expect((await service.view(c.id, dea))!.case).toMatchObject({ status: 'consulting', route: null, workPsychologistId: null, version: 1 });
    expect(sent).toEqual(['RET-000001 -> dea-1']);

    // Undertaking it: still not, until the DEA records that they are unable to resolve it.
    const taken = await service.agreeNextStep(dea, c.id, 1, { route: 'dea_support_intervention', agreedNote: 'I will meet Sam and the employer.' });
    expect([...allowedRetentionVerbs(dea.id, taken)].sort()).toEqual(['consultHcp', 'recordOutcome', 'recordUnableToResolve']);
    await expect(service.referToWorkPsychologist(dea, c.id, taken.version, undefined)).rejects.toMatchObject({ kind: 'conflict', message: expect.stringContaining('Record that you are unable to resolve the retention issue first') });
    await expect(service.recordUnableToResolve(ea, c.id, taken.version, 'x')).rejects.toMatchObject({ kind: 'not_allowed' });
    await expect(service.recordUnableToResolve(dea, c.id, taken.version, ' ')).rejects.toMatchObject({ problems: { referralNote: 'Say why you are unable to resolve it.' } });
    sent.length = 0;
    const unable = await service.recordUnableToResolve(dea, c.id, taken.version, 'The employer wants an occupational assessment.');
    expect(unable).toMatchObject({ status: 'dea_unable_to_resolve', route: 'dea_support_intervention', agreedNote: 'I will meet Sam and the employer.\nThe DEA is unable to resolve it: The employer wants an occupational assessment.' });
    // The employer adviser, whose case it is, is told.
    expect(sent).toEqual([`RET-000001 -> ${ea.id}`]);
    // Now they may refer it, or record its outcome themselves ("may refer"); they say so only once.
    expect([...allowedRetentionVerbs(dea.id, unable)].sort()).toEqual(['consultHcp', 'recordOutcome', 'referToWorkPsychologist']);
    expect(allowedRetentionVerbs(ea.id, unable).has('referToWorkPsychologist')).toBe(false);
    await expect(service.recordUnableToResolve(dea, c.id, unable.version, 'again')).rejects.toMatchObject({ kind: 'conflict' });
    const referred = await service.referToWorkPsychologist(dea, c.id, unable.version, undefined);
    expect(referred).toMatchObject({ status: 'in_progress', route: 'work_psychologist', workPsychologistId: 'wp-1' });
    expect(allowedRetentionVerbs(dea.id, referred).has('referToWorkPsychologist')).toBe(false);
    expect(allowedRetentionVerbs(wp.id, referred).has('recordOutcome')).toBe(true);

    // Only a DEA Support Intervention is the DEA's to resolve; supporting the employer adviser is not referred.
    const supported = await service.register(ea, CASE);
    const supporting = await service.agreeNextStep(dea, supported.id, 1, { route: 'dea_supports_employer_adviser', agreedNote: 'I will support them.' });
    expect(allowedRetentionVerbs(dea.id, supporting).has('recordUnableToResolve')).toBe(false);
    expect(allowedRetentionVerbs(dea.id, supporting).has('referToWorkPsychologist')).toBe(false);
  });

  it('a DEA Support Intervention starts an accepted claimant support intervention only for a claimant, so it counts towards theirs', async () => {
    const claimant = setUp();
    const c = await claimant.service.register(claimant.ea, { ...CASE, claimant: 'yes', surname: 'Quill', nino: 'AB123456C' });
    const agreed = await claimant.service.agreeNextStep(claimant.dea, c.id, 1, { route: 'dea_support_intervention', agreedNote: 'I will meet them.' });
    expect(claimant.requests.created).toHaveLength(1);
    expect(claimant.requests.created[0]!.request).toMatchObject({ requesterId: 'ea-1', deaId: 'dea-1', acceptedAs: 'claimant_support_intervention', claimant: { nino: 'AB123456C', surname: 'Quill' } });
    expect(agreed.interventionRequestId).not.toBeNull();

    const employee = setUp();
    const e = await employee.service.register(employee.ea, CASE);
    const notCounted = await employee.service.agreeNextStep(employee.dea, e.id, 1, { route: 'dea_support_intervention', agreedNote: 'I will meet them.' });
    expect(employee.requests.created).toHaveLength(0);
    expect(notCounted.interventionRequestId).toBeNull();
  });

  it('the work psychologist route needs one in the district; the DEA may refer a case they could not resolve', async () => {
    const none = setUp([person('dea-1', ['dea'])]);
    const c = await unresolvedCase(none);
    await expect(none.service.referToWorkPsychologist(none.dea, c.id, c.version, undefined)).rejects.toMatchObject({ problems: { workPsychologistId: expect.stringContaining('Nobody in your district is a work psychologist') } });

    const setup = setUp();
    const { dea, wp, service, sent } = setup;
    const d = await unresolvedCase(setup);
    const referred = await service.referToWorkPsychologist(dea, d.id, d.version, undefined);
    expect(referred).toMatchObject({ route: 'work_psychologist', workPsychologistId: 'wp-1' });
    expect(sent).toContain('RET-000001 -> wp-1');
    expect(allowedRetentionVerbs(wp.id, referred).has('recordOutcome')).toBe(true);
    expect(allowedRetentionVerbs(dea.id, referred).has('recordOutcome')).toBe(false);
  });

  it('the work psychologist is the DEA’s, by the partnership’s rule: of another jobcentre of the district when the DEA’s has none (seed 000 §68)', async () => {
    const at = (id: string, jobcentreId: string) => ({ ...person(id, ['work_psychologist']), name: `${id} Psychologist`, jobcentreId });
    // Nobody at the DEA's (and the case's) jobcentre: the district's work psychologist, the first by name.
    const elsewhere = setUp([person('dea-1', ['dea']), at('wp-2', 'jc-2'), at('wp-3', 'jc-2'), at('wp-9', 'jc-9')]);
    const c = await unresolvedCase(elsewhere);
    expect((await elsewhere.service.view(c.id, elsewhere.dea))!.workPsychologists.map((w) => w.id)).toEqual(['wp-2']);
    // Not one the DEA does not work with.
    await expect(elsewhere.service.referToWorkPsychologist(elsewhere.dea, c.id, c.version, 'wp-9')).rejects.toMatchObject({ problems: { workPsychologistId: 'Choose the work psychologist.' } });
    const referred = await elsewhere.service.referToWorkPsychologist(elsewhere.dea, c.id, c.version, undefined);
    expect(referred).toMatchObject({ route: 'work_psychologist', workPsychologistId: 'wp-2' });
    expect(elsewhere.sent).toContain('RET-000001 -> wp-2');

    // One at the DEA's own jobcentre: theirs, though the district has another first by name.
    const own = setUp([person('dea-1', ['dea']), at('wp-2', 'jc-2'), at('wp-5', 'jc-1')]);
    const e = await unresolvedCase(own);
    expect((await own.service.referToWorkPsychologist(own.dea, e.id, e.version, undefined)).workPsychologistId).toBe('wp-5');

    // Several at the DEA's own jobcentre: the DEA chooses among them, as before.
    const several = setUp([person('dea-1', ['dea']), at('wp-5', 'jc-1'), at('wp-6', 'jc-1'), at('wp-2', 'jc-2')]);
    const f = await unresolvedCase(several);
    expect((await several.service.view(f.id, several.dea))!.workPsychologists.map((w) => w.id)).toEqual(['wp-5', 'wp-6']);
    await expect(several.service.referToWorkPsychologist(several.dea, f.id, f.version, undefined)).rejects.toMatchObject({ problems: { workPsychologistId: 'Choose the work psychologist.' } });
    expect((await several.service.referToWorkPsychologist(several.dea, f.id, f.version, 'wp-6')).workPsychologistId).toBe('wp-6');

    // Only another district has one: said plainly.
    const none = setUp([person('dea-1', ['dea']), at('wp-9', 'jc-9')]);
    const g = await unresolvedCase(none);
    await expect(none.service.referToWorkPsychologist(none.dea, g.id, g.version, undefined)).rejects.toMatchObject({ problems: { workPsychologistId: expect.stringContaining('Nobody in your district is a work psychologist') } });
  });

  it('with nobody to consult or refer to, the card is not offered the action and has why, in the words the click is refused with (seed 000 §67–68)', async () => {
    const noDea = setUp([person('wp-1', ['work_psychologist'])]);
    const c = await noDea.service.register(noDea.ea, { ...CASE, assessment: 'straightforward' });
    // The policy alone would let the employer adviser consult: there is nobody to consult.
    expect(allowedRetentionVerbs(noDea.ea.id, c).has('consultDea')).toBe(true);
    const eaView = (await noDea.service.view(c.id, noDea.ea))!;
    expect(eaView.allowed.has('consultDea')).toBe(false);
    const why = eaView.nobody.get('consultDea');
    expect(why).toBe('Nobody at this case’s jobcentre is a DEA in the staff directory, so there is no DEA to consult: ask whoever keeps the directory to add your DEA.');
    await expect(noDea.service.consultDea(noDea.ea, c.id, 1, undefined)).rejects.toMatchObject({ kind: 'invalid', message: why, problems: { deaId: why } });

    const noWp = setUp([person('dea-1', ['dea'])]);
    const d = await unresolvedCase(noWp);
    expect(allowedRetentionVerbs(noWp.dea.id, d).has('referToWorkPsychologist')).toBe(true);
    const deaView = (await noWp.service.view(d.id, noWp.dea))!;
    expect(deaView.allowed.has('referToWorkPsychologist')).toBe(false);
    expect(deaView.allowed.has('recordOutcome')).toBe(true);
    const whyNot = deaView.nobody.get('referToWorkPsychologist');
    expect(whyNot).toBe('Nobody in your district is a work psychologist in the staff directory, so there is nobody to refer the case to: ask whoever keeps the directory to add them.');
    await expect(noWp.service.referToWorkPsychologist(noWp.dea, d.id, d.version, undefined)).rejects.toMatchObject({ kind: 'invalid', message: whyNot, problems: { workPsychologistId: whyNot } });

    // With someone to go to, nothing is said.
    const both = setUp();
    expect((await both.service.view((await both.service.register(both.ea, { ...CASE, assessment: 'straightforward' })).id, both.ea))!.nobody.size).toBe(0);
  });

  it('an HCP is consulted for advice only: they record advice, never the outcome', async () => {
    const { ea, hcp, service } = setUp();
    const c = await service.register(ea, { ...CASE, assessment: 'straightforward' });
    await expect(service.consultHcp(ea, c.id, 1, 'wp-1')).rejects.toMatchObject({ kind: 'invalid' });
    const consulted = await service.consultHcp(ea, c.id, 1, 'hcp-1');
    expect([...allowedRetentionVerbs(hcp.id, consulted)]).toEqual(['recordHcpAdvice']);
    const advised = await service.recordHcpAdvice(hcp, c.id, 2, 'Graded return; avoid lifting over 5 kg.');
    expect(advised.hcpAdvice).toBe('Graded return; avoid lifting over 5 kg.');
    await expect(service.recordOutcome(hcp, c.id, 3, 'other', 'x')).rejects.toMatchObject({ kind: 'not_allowed' });
  });
});
