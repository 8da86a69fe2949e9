import { EmbeddedCalendar } from '../../data/calendar/embedded-calendar';
import { fittedList } from '../../data/field-lengths';
import { SqlJobLeases } from '../../data/stores/job-leases';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import { SqlUnitOfWork } from '../../data/transactions';
import { ConferenceCases } from '../../domain/conferences/conference-cases';
import type { FollowUpStarter } from '../../domain/outcomes/next-steps';
import { conferenceFixture, quietLogger, type ConferenceFixture } from '../support/conference-fixture';

describe('nominated cases, outcomes and the check list', () => {
  let fx: ConferenceFixture;
  const started: string[] = [];
  const followUps: FollowUpStarter = {
    startFollowUps: async (from, steps) => {
      started.push(`${from}:${steps.join(',')}`);
      return steps.filter((s) => s !== 'no_further_support').map((step) => ({ step, reference: 'DEA-000999' }));
    },
  };
  beforeEach(async () => {
    fx = await conferenceFixture(new Date('2026-11-23T09:00:00Z'));
    started.length = 0;
  });
  afterEach(async () => fx.db.close());

  it('puts a case an outcome selected (seed §16) forward for the next conference of the coach, once; none before a plan is confirmed', async () => {
    const service = fx.service(new EmbeddedCalendar(fx.db.dataSource));
    const requests = new SqlSupportRequestStore(fx.db.dataSource);
    const cases = new ConferenceCases({ store: fx.store, directory: fx.directory, requests, followUps, notifier: fx.notifier, jobs: new SqlJobLeases(fx.db.dataSource), clock: fx.clock, logger: quietLogger, uow: new SqlUnitOfWork(fx.db.dataSource) });
    const plan = await service.draft(fx.wctl, { deaId: fx.dea.id });
    const coachId = plan.groups[1]![0]!;
    const request = await requests.create(
      { type: 'skill_support', requesterId: coachId, deaId: fx.dea.id, claimant: null, topic: 'retention', description: 'Retention', reason: null, requiredBy: null, urgent: false, vulnerability: null },
      fx.clock.now(),
    );
    expect(await cases.nominateForNext(request.id, fx.dea.id)).toBeNull();
    await service.confirm(fx.wctl, plan.id, plan.version);
    await service.book(plan.id);
    const next = await cases.nominateForNext(request.id, fx.dea.id);
    const ofGroup = (await fx.store.conferencesOf(plan.id)).filter((c) => c.coachIds.includes(coachId)).sort((a, b) => a.start!.getTime() - b.start!.getTime());
    expect(next?.id).toBe(ofGroup[0]!.id);
    expect((await cases.cases(next!.id)).map((c) => c.reference)).toEqual([request.reference]);
    await cases.nominateForNext(request.id, fx.dea.id);
    expect(await cases.cases(next!.id)).toHaveLength(1);
  });

  it("puts a team leader's request forward for the conference of the claimant's work coach they named (seed §39, §41)", async () => {
    const service = fx.service(new EmbeddedCalendar(fx.db.dataSource));
    const requests = new SqlSupportRequestStore(fx.db.dataSource);
    const cases = new ConferenceCases({ store: fx.store, directory: fx.directory, requests, followUps, notifier: fx.notifier, jobs: new SqlJobLeases(fx.db.dataSource), clock: fx.clock, logger: quietLogger, uow: new SqlUnitOfWork(fx.db.dataSource) });
    const plan = await service.draft(fx.wctl, { deaId: fx.dea.id });
    await service.confirm(fx.wctl, plan.id, plan.version);
    await service.book(plan.id);
    const coachId = plan.groups[1]![0]!;
    const asked = await requests.create(
      { type: 'claimant_support', requesterId: fx.wctl.id, deaId: fx.dea.id, claimant: { surname: 'Smith', nino: 'AB123456C', benefits: ['UC'] }, topic: null, description: 'Case', reason: 'Why', requiredBy: null, urgent: false, vulnerability: null, claimantCoachId: coachId },
      fx.clock.now(),
    );
    const next = await cases.nominateForNext(asked.id, fx.dea.id);
    const ofGroup = (await fx.store.conferencesOf(plan.id)).filter((c) => c.coachIds.includes(coachId)).sort((a, b) => a.start!.getTime() - b.start!.getTime());
    expect(next?.id).toBe(ofGroup[0]!.id);
  });

  it('warns above 4 cases, starts follow-ups only for cases from a request, and keeps the check list due monthly for the first 3 months', async () => {
    const service = fx.service(new EmbeddedCalendar(fx.db.dataSource));
    const plan = await service.draft(fx.wctl, { deaId: fx.dea.id });
    await service.confirm(fx.wctl, plan.id, plan.version);
    await service.book(plan.id);
    const cases = new ConferenceCases({ store: fx.store, directory: fx.directory, requests: new SqlSupportRequestStore(fx.db.dataSource), followUps, notifier: fx.notifier, jobs: new SqlJobLeases(fx.db.dataSource), clock: fx.clock, logger: quietLogger, uow: new SqlUnitOfWork(fx.db.dataSource) });
    const conferences = await fx.store.conferencesOf(plan.id);
    const first = conferences[0]!;

    const warnings: (string | null)[] = [];
    for (let i = 1; i <= 5; i += 1) warnings.push((await cases.nominate(fx.wctl, first.id, { note: `Case ${i}: returner after long absence` })).warning);
    expect(warnings.slice(0, 4)).toEqual([null, null, null, null]);
    expect(warnings[4]).toContain('now has 5 cases; 3–4 are expected');
    await expect(cases.nominate(fx.dea, first.id, { reference: 'DEA-000777' })).rejects.toMatchObject({ kind: 'invalid', problems: { reference: expect.any(String) } });
    const stranger = (await fx.directory.findByAadObjectId('00000000-0000-4000-8000-000000000004'))!;
    await expect(cases.nominate(stranger, first.id, { note: 'x' })).rejects.toMatchObject({ kind: 'not_allowed' });

    // Not before it has taken place; then every case needs an outcome.
    const nominated = await cases.cases(first.id);
    const all = Object.fromEntries(nominated.map((c) => [`steps_${c.id}`, 'no_further_support']));
    await expect(cases.recordOutcome(fx.dea, first.id, first.version, { summary: 'S', ...all })).rejects.toMatchObject({ kind: 'invalid' });
    fx.clock.at = new Date(first.end!.getTime() + 60_000);
    await expect(cases.recordOutcome(fx.dea, first.id, first.version, { summary: 'S' })).rejects.toMatchObject({ kind: 'invalid' });
    const held = await cases.recordOutcome(fx.dea, first.id, first.version, { summary: 'S', ...all });
    expect(held).toMatchObject({ conference: { status: 'held' }, notStarted: [] });
    // New cases have no request: outcomes recorded, nothing started.
    expect(started).toEqual([]);
    expect(fx.notifier.said).toContain(`summary ${first.id} to ${fx.wctl.id}`);

    expect(await cases.qasDue((await fx.store.findPlan(plan.id))!)).toEqual(['2026-12']);
    expect(await cases.remindQas(fx.clock.now())).toBe(1);
    expect(await cases.remindQas(fx.clock.now())).toBe(0);
    await cases.recordQas(fx.wctl, first.id, 'met', '');
    expect(await cases.qasDue((await fx.store.findPlan(plan.id))!)).toEqual([]);

    // A conference held in the fourth month is at the team leader's discretion: never due.
    const fourth = conferences.find((c) => c.month === '2027-03')!;
    fx.clock.at = new Date(fourth.end!.getTime() + 60_000);
    await cases.nominate(fx.wctl, fourth.id, { note: 'Returner with a back condition' });
    const [newCase] = await cases.cases(fourth.id);
    // An outcome that would start an action, for a case with no request to start it from: said, not silently dropped.
    const recorded = await cases.recordOutcome(fx.dea, fourth.id, fourth.version, { summary: 'S', [`steps_${newCase!.id}`]: 'work_psychologist_action' });
    expect(recorded.notStarted).toEqual(['case 1 (a new case)']);
    expect(await cases.qasDue((await fx.store.findPlan(plan.id))!)).toEqual([]);
  });

  it('records a conference outcome whole or not at all, so a failure part way leaves the form to send again', async () => {
    const service = fx.service(new EmbeddedCalendar(fx.db.dataSource));
    const requests = new SqlSupportRequestStore(fx.db.dataSource);
    const plan = await service.draft(fx.wctl, { deaId: fx.dea.id });
    await service.confirm(fx.wctl, plan.id, plan.version);
    await service.book(plan.id);
    const first = (await fx.store.conferencesOf(plan.id))[0]!;
    const coachId = first.coachIds[0]!;
    const make = (description: string) =>
      requests.create({ type: 'skill_support', requesterId: coachId, deaId: fx.dea.id, claimant: null, topic: 'retention', description, reason: null, requiredBy: null, urgent: false, vulnerability: null }, fx.clock.now());
    for (const description of ['First case', 'Second case']) await new ConferenceCases({ store: fx.store, directory: fx.directory, requests, followUps, notifier: fx.notifier, jobs: new SqlJobLeases(fx.db.dataSource), clock: fx.clock, logger: quietLogger, uow: new SqlUnitOfWork(fx.db.dataSource) }).nominate(fx.wctl, first.id, { reference: (await make(description)).reference });

    // The second case's follow-up fails (the database is locked, say): the first case's was started.
    let calls = 0;
    const failingSecond: FollowUpStarter = {
      startFollowUps: async (from, steps, actorId, at) => {
        calls += 1;
        if (calls === 2) throw new Error('SQLITE_BUSY: database is locked');
        return followUps.startFollowUps(from, steps, actorId, at);
      },
    };
    const uow = new SqlUnitOfWork(fx.db.dataSource);
    const cases = new ConferenceCases({ store: fx.store, directory: fx.directory, requests, followUps: failingSecond, notifier: fx.notifier, jobs: new SqlJobLeases(fx.db.dataSource), clock: fx.clock, logger: quietLogger, uow });
    const nominated = await cases.cases(first.id);
    expect(nominated).toHaveLength(2);
    const outcome = { summary: 'Both cases discussed', ...Object.fromEntries(nominated.map((c) => [`steps_${c.id}`, 'work_psychologist_action'])) };
    fx.clock.at = new Date(first.end!.getTime() + 60_000);
    await expect(cases.recordOutcome(fx.dea, first.id, first.version, outcome)).rejects.toThrow('database is locked');

    const after = (await fx.store.conferencesOf(plan.id)).find((c) => c.id === first.id)!;
    expect(after).toMatchObject({ status: 'booked', version: first.version });
    expect((await cases.cases(first.id)).map((c) => c.outcomeAt)).toEqual([null, null]);

    // Sent again, it is recorded whole.
    const held = await cases.recordOutcome(fx.dea, first.id, first.version, outcome);
    expect(held.conference.status).toBe('held');
    expect((await cases.cases(first.id)).every((c) => c.outcomeAt !== null && c.nextSteps.includes('work_psychologist_action'))).toBe(true);
  });
});

describe('what a nominated case started, within its column', () => {
  it('keeps a short list as it is', () => {
    expect(fittedList(['DEA-000123', 'DEA-000124'], 400)).toBe('["DEA-000123","DEA-000124"]');
  });

  it('shortens the longest sentences until the list fits, keeping every entry and its start', () => {
    const nobody = (role: string) => `nobody at Crawley Jobcentre is a ${role} in the staff directory, so nobody has it yet; the DEA has been told`;
    const entries = ['DEA-000123', nobody('work psychologist'), nobody('employer adviser'), nobody('Third Party Provision manager'), nobody('work psychologist'), 'DEA-000124'];
    expect(JSON.stringify(entries).length).toBeGreaterThan(400);
    const fitted = JSON.parse(fittedList(entries, 400)) as string[];
    expect(JSON.stringify(fitted).length).toBeLessThanOrEqual(400);
    expect(fitted).toHaveLength(entries.length);
    expect(fitted[0]).toBe('DEA-000123');
    expect(fitted[5]).toBe('DEA-000124');
    expect(fitted[2]).toMatch(/^nobody at Crawley Jobcentre is a .*…$/);
  });

  it('drops the last entries only when even short ones cannot fit', () => {
    const fitted = JSON.parse(fittedList(Array.from({ length: 40 }, (_, i) => `DEA-${String(i).padStart(6, '0')}`), 100)) as string[];
    expect(JSON.stringify(fitted).length).toBeLessThanOrEqual(100);
    expect(fitted[0]).toBe('DEA-000000');
  });
});
