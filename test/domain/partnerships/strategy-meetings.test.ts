import type { CalendarPort, NewEvent } from '../../../domain/calendar/calendar-port';
import { invitationNote, parseSeries, StrategyMeetingService, STRATEGY_MEETING_WORK, type NewStrategyMeeting, type StrategyMeeting, type StrategyMeetingStore, type StrategyPeople } from '../../../domain/partnerships/strategy-meetings';
import type { Strategy } from '../../../domain/partnerships/strategies';
import type { StrategyStore } from '../../../domain/partnerships/ports';
import type { Role } from '../../../domain/roles';
import type { StaffMember } from '../../../domain/staff';
import { immediateUnitOfWork } from '../../../domain/unit-of-work';
import { FakeDirectory } from '../interventions/fakes';
import { person } from './in-memory';

class MemoryMeetings implements StrategyMeetingStore {
  rows: StrategyMeeting[] = [];
  async addSeries(ms: readonly NewStrategyMeeting[]) {
    for (const m of ms) this.rows.push({ ...m, id: `m-${this.rows.length + 1}`, status: 'pending', eventId: null, lastError: null, notes: null, notesById: null, version: 1 });
  }
  async find(id: string) {
    return this.rows.find((r) => r.id === id) ?? null;
  }
  async ofStrategy(id: string) {
    return this.rows.filter((r) => r.strategyId === id);
  }
  async unbookedOf(seriesId: string) {
    return this.rows.filter((r) => r.seriesId === seriesId && r.status !== 'booked');
  }
  async mark(id: string, result: { status: 'booked'; eventId: string } | { status: 'failed'; lastError: string } | { status: 'cancelled' }) {
    this.rows = this.rows.map((r) => (r.id === id ? { ...r, ...result, ...(result.status === 'cancelled' ? { eventId: null } : {}) } : r));
  }
  async recordNotes(id: string, version: number, notes: string, byId: string) {
    const row = this.rows.find((r) => r.id === id);
    if (!row || row.version !== version) return false;
    this.rows = this.rows.map((r) => (r.id === id ? { ...r, notes, notesById: byId, version: version + 1 } : r));
    return true;
  }
}

describe('a strategy’s meetings (seed 000 §49, §52, §59)', () => {
  it('reads the series form: monthly on the same weekday, every two weeks, or once; checks emails and dates', () => {
    expect(parseSeries({ firstDate: '2027-01-12', cadence: 'monthly', count: '3' }, '2027-01-04').dates).toEqual(['2027-01-12', '2027-02-09', '2027-03-09']);
    expect(parseSeries({ firstDate: '2027-01-12', cadence: 'fortnightly', count: '2' }, '2027-01-04').dates).toEqual(['2027-01-12', '2027-01-26']);
    expect(parseSeries({ firstDate: '2027-01-12', cadence: 'once', count: '9' }, '2027-01-04').dates).toEqual(['2027-01-12']);
    expect(parseSeries({ firstDate: '2027-01-12', externalEmails: 'A@Mind.example.org; b@nhs.example.uk' }, '2027-01-04').externalEmails).toEqual(['a@mind.example.org', 'b@nhs.example.uk']);
    expect(() => parseSeries({ firstDate: '2027-01-04', count: '13', externalEmails: 'nope' }, '2027-01-04')).toThrow(expect.objectContaining({ problems: { firstDate: 'Choose a date after today.', count: expect.any(String), externalEmails: expect.any(String) } }));
  });

  it('saves the series and schedules its diary work together; the work writes each meeting once and runs again after a failure', async () => {
    const dea = person('dea-1', ['dea'], { teamLeaderId: 'tl-1' });
    const owner = person('tl-1', ['work_coach_team_leader']);
    const wp = person('wp-1', ['work_psychologist']);
    const strategy: Strategy = { id: 's-1', kind: 'provision', title: 'Peer support', why: 'No peer support locally.', leadId: 'dea-1', ownerId: 'tl-1', status: 'active', areas: [], internalPartners: ['work_psychologist'], partnerIds: [], gapConferenceIds: [], gapNote: 'x', version: 3, createdAt: new Date(), updatedAt: new Date() };
    const store = new MemoryMeetings();
    const events: NewEvent[] = [];
    let failNext = true;
    const calendar: CalendarPort = {
      busy: async () => new Map(),
      createEvents: async (es) =>
        es.map((e, i) => {
          if (failNext && i === 1) return { ok: false as const, mailbox: e.mailbox, error: 'Graph did not answer', retryable: true };
          events.push(e);
          return { ok: true as const, mailbox: e.mailbox, eventId: `ev-${events.length}`, joinUrl: null };
        }),
      moveEvents: async () => [],
      deleteEvents: async () => [],
    };
    const scheduled: string[] = [];
    const service = new StrategyMeetingService({
      // Only find is read by the meetings.
      strategies: { find: async () => strategy } as unknown as StrategyStore,
      store,
      calendar,
      directory: new FakeDirectory([dea, owner, wp]),
      people: { holders: async () => [], holdersInDistrictOf: async (role) => (role === 'work_psychologist' ? [wp] : []), cohortOf: async () => [] },
      work: { schedule: async (kind, id) => void scheduled.push(`${kind}:${id}`) },
      uow: immediateUnitOfWork,
      clock: { now: () => new Date('2027-01-04T09:00:00Z') },
      newId: () => 'series-1',
    });
    await expect(service.planSeries(owner, 's-1', 2, { firstDate: '2027-01-12' })).rejects.toMatchObject({ kind: 'conflict' });
    const planned = await service.planSeries(dea, 's-1', 3, { firstDate: '2027-01-12', cadence: 'monthly', count: '3', externalEmails: 'info@mind.example.org' });
    expect(planned).toHaveLength(3);
    expect(scheduled).toEqual([`${STRATEGY_MEETING_WORK}:series-1`]);
    await expect(service.writeSeries('series-1')).rejects.toThrow('1 strategy meetings could not be written');
    expect(events).toHaveLength(2);
    failNext = false;
    await service.writeSeries('series-1');
    await service.writeSeries('series-1');
    expect(events).toHaveLength(3);
    expect(new Set(events.map((e) => e.transactionId)).size).toBe(3);
    expect(events[0]).toMatchObject({ mailbox: 'dea-1@x.example', body: expect.stringContaining('Why this strategy is needed: No peer support locally.') });
    expect(events[0]!.attendees.map((a) => a.email)).toEqual(['tl-1@x.example', 'wp-1@x.example', 'info@mind.example.org']);
  });

  it('once the strategy is closed, its meetings still to come are taken out of the diary, again after a failure; one already held stays; a series not yet written is not', async () => {
    const dea = person('dea-1', ['dea'], { teamLeaderId: 'tl-1' });
    let strategy: Strategy = { id: 's-1', kind: 'provision', title: 'Peer support', why: 'No peer support locally.', leadId: 'dea-1', ownerId: 'tl-1', status: 'active', areas: [], internalPartners: [], partnerIds: [], gapConferenceIds: [], gapNote: 'x', version: 3, createdAt: new Date(), updatedAt: new Date() };
    const store = new MemoryMeetings();
    const deleted: string[] = [];
    let failDelete = true;
    let made = 0;
    const calendar: CalendarPort = {
      busy: async () => new Map(),
      createEvents: async (es) => es.map((e) => ({ ok: true as const, mailbox: e.mailbox, eventId: `ev-${++made}`, joinUrl: null })),
      moveEvents: async () => [],
      deleteEvents: async (refs) =>
        refs.map((r, i) => {
          if (failDelete && i === 1) return { ok: false as const, mailbox: r.mailbox, error: 'Graph did not answer', retryable: true };
          deleted.push(`${r.mailbox}:${r.eventId}`);
          return { ok: true as const, mailbox: r.mailbox, eventId: r.eventId, joinUrl: null };
        }),
    };
    let now = new Date('2027-01-04T09:00:00Z');
    let series = 0;
    const service = new StrategyMeetingService({
      // Only find is read by the meetings.
      strategies: { find: async () => strategy } as unknown as StrategyStore,
      store,
      calendar,
      directory: new FakeDirectory([dea]),
      people: { holders: async () => [], holdersInDistrictOf: async () => [], cohortOf: async () => [] },
      work: { schedule: async () => undefined },
      uow: immediateUnitOfWork,
      clock: { now: () => now },
      newId: () => `series-${++series}`,
    });
    await service.planSeries(dea, 's-1', 3, { firstDate: '2027-01-12', cadence: 'monthly', count: '3' });
    await service.writeSeries('series-1');
    await service.planSeries(dea, 's-1', 3, { firstDate: '2027-01-14', cadence: 'once' });
    // January's meeting is held; then the strategy is closed, before the second series was written.
    now = new Date('2027-01-20T09:00:00Z');
    strategy = { ...strategy, status: 'closed' };
    await expect(service.cancelComing('s-1')).rejects.toThrow('1 strategy meetings could not be taken out of the diary');
    failDelete = false;
    await service.cancelComing('s-1');
    await service.cancelComing('s-1');
    await service.writeSeries('series-2');
    expect(made).toBe(3);
    expect(deleted).toEqual(['dea-1@x.example:ev-2', 'dea-1@x.example:ev-3']);
    expect(store.rows.map((m) => [m.start.toISOString().slice(0, 10), m.status])).toEqual([
      ['2027-01-12', 'booked'],
      ['2027-02-09', 'cancelled'],
      ['2027-03-09', 'cancelled'],
      ['2027-01-14', 'cancelled'],
    ]);
  });

  it('a strategy closed while its series was being written: what was written comes out of the diary again', async () => {
    const dea = person('dea-1', ['dea'], { teamLeaderId: 'tl-1' });
    let strategy: Strategy = { id: 's-1', kind: 'provision', title: 'Peer support', why: 'No peer support locally.', leadId: 'dea-1', ownerId: 'tl-1', status: 'active', areas: [], internalPartners: [], partnerIds: [], gapConferenceIds: [], gapNote: 'x', version: 3, createdAt: new Date(), updatedAt: new Date() };
    const store = new MemoryMeetings();
    const deleted: string[] = [];
    let made = 0;
    const calendar: CalendarPort = {
      busy: async () => new Map(),
      createEvents: async (es) => {
        // The team leader closes it while Graph writes the series.
        strategy = { ...strategy, status: 'closed' };
        return es.map((e) => ({ ok: true as const, mailbox: e.mailbox, eventId: `ev-${++made}`, joinUrl: null }));
      },
      moveEvents: async () => [],
      deleteEvents: async (refs) => refs.map((r) => (deleted.push(r.eventId), { ok: true as const, mailbox: r.mailbox, eventId: r.eventId, joinUrl: null })),
    };
    const service = new StrategyMeetingService({
      // Only find is read by the meetings.
      strategies: { find: async () => strategy } as unknown as StrategyStore,
      store,
      calendar,
      directory: new FakeDirectory([dea]),
      people: { holders: async () => [], holdersInDistrictOf: async () => [], cohortOf: async () => [] },
      work: { schedule: async () => undefined },
      uow: immediateUnitOfWork,
      clock: { now: () => new Date('2027-01-04T09:00:00Z') },
      newId: () => 'series-1',
    });
    await service.planSeries(dea, 's-1', 3, { firstDate: '2027-01-12', cadence: 'monthly', count: '2' });
    await service.writeSeries('series-1');
    expect(deleted).toEqual(['ev-1', 'ev-2']);
    expect(store.rows.map((m) => m.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('invites the internal partners chosen: the DEA’s work psychologist (of the district), the cohort’s coaches and their team leaders; says who the DEA must invite', async () => {
    // jc-1 and jc-2 are of one district, jc-9 of another.
    const district = (jc: string | null) => (jc === 'jc-9' ? 'd-2' : 'd-1');
    const dea = person('dea-1', ['dea'], { teamLeaderId: 'tl-1' });
    const owner = person('tl-1', ['work_coach_team_leader']);
    const otherLeader = person('tl-2', ['work_coach_team_leader'], { jobcentreId: 'jc-2' });
    const coaches = [
      person('coach-1', ['work_coach'], { deaId: 'dea-1', teamLeaderId: 'tl-1' }),
      person('coach-2', ['work_coach'], { deaId: 'dea-1', teamLeaderId: 'tl-1' }),
      person('coach-3', ['work_coach'], { deaId: 'dea-1', teamLeaderId: 'tl-2', jobcentreId: 'jc-2' }),
    ];
    const notTheirs = person('coach-9', ['work_coach'], { deaId: 'dea-2', teamLeaderId: 'tl-9' });
    // No work psychologist at the DEA's jobcentre: the district's, the first by name; never another district's.
    const wps = [person('wp-b', ['work_psychologist'], { jobcentreId: 'jc-2', name: 'Bea Psych' }), person('wp-a', ['work_psychologist'], { jobcentreId: 'jc-9', name: 'Abe Psych' }), person('wp-c', ['work_psychologist'], { jobcentreId: 'jc-2', name: 'Cal Psych' })];
    const everyone: StaffMember[] = [dea, owner, otherLeader, ...coaches, notTheirs, ...wps];
    const people: StrategyPeople = {
      holders: async (role: Role, jc: string) => everyone.filter((p) => p.roles.includes(role) && p.jobcentreId === jc),
      holdersInDistrictOf: async (role: Role, jc: string) => everyone.filter((p) => p.roles.includes(role) && district(p.jobcentreId) === district(jc)),
      cohortOf: async (deaId: string) => everyone.filter((p) => p.deaId === deaId && p.roles.includes('work_coach')),
    };
    const strategy: Strategy = {
      id: 's-1', kind: 'joint_local', title: 'Peer support', why: 'No peer support locally.', leadId: 'dea-1', ownerId: 'tl-1', status: 'active', areas: [],
      internalPartners: ['work_psychologist', 'work_coaches', 'customer_services_leader', 'work_coach_team_leader', 'partnership_manager'],
      partnerIds: [], gapConferenceIds: [], gapNote: 'x', version: 3, createdAt: new Date(), updatedAt: new Date(),
    };
    const events: NewEvent[] = [];
    const service = new StrategyMeetingService({
      strategies: { find: async () => strategy } as unknown as StrategyStore,
      store: new MemoryMeetings(),
      calendar: { busy: async () => new Map(), createEvents: async (es) => es.map((e, i) => (events.push(e), { ok: true as const, mailbox: e.mailbox, eventId: `ev-${i}`, joinUrl: null })), moveEvents: async () => [], deleteEvents: async () => [] },
      directory: new FakeDirectory(everyone),
      people,
      work: { schedule: async () => undefined },
      uow: immediateUnitOfWork,
      clock: { now: () => new Date('2027-01-04T09:00:00Z') },
      newId: () => 'series-1',
    });
    await service.planSeries(dea, 's-1', 3, { firstDate: '2027-01-12', cadence: 'once', externalEmails: 'info@mind.example.org' });
    await service.writeSeries('series-1');
    expect(events).toHaveLength(1);
    expect(events[0]!.attendees.map((a) => a.email).sort()).toEqual(['coach-1@x.example', 'coach-2@x.example', 'coach-3@x.example', 'info@mind.example.org', 'tl-1@x.example', 'tl-2@x.example', 'wp-b@x.example']);

    // What the booking's confirmation says: who is invited, and that nobody in the directory is a Customer Services Leader (or a Partnership Manager here).
    await expect(service.invitations(coaches[0]!, 's-1')).rejects.toMatchObject({ kind: 'not_found' });
    const invitations = await service.invitations(dea, 's-1');
    expect(invitations.partners.map((p) => [p.partner, p.people.map((x) => x.id)])).toEqual([
      ['work_psychologist', ['wp-b']],
      ['work_coaches', ['coach-1', 'coach-2', 'coach-3']],
      ['work_coach_team_leader', ['tl-1', 'tl-2']],
    ]);
    expect(invitations.notInvited).toEqual(['customer_services_leader', 'partnership_manager']);
    expect(invitationNote(invitations, 'dea-1')).toBe(
      'Invited: Person tl-1 (owns the strategy); Work psychologist: Bea Psych; Work coaches: the 3 of your cohort; Work Coach Team Leader: Person tl-1, Person tl-2. ' +
        'Not invited, as the staff directory has nobody for them: Customer Services Leader, Partnership Manager. Invite them from the meeting in your Outlook calendar.',
    );
    // Booked by the owning team leader: the same, of the DEA.
    expect(invitationNote(await service.invitations(owner, 's-1'), 'tl-1')).toBe(
      'Invited: you (you own the strategy); Work psychologist: Bea Psych; Work coaches: the 3 of Person dea-1’s cohort; Work Coach Team Leader: Person tl-1, Person tl-2. ' +
        'Not invited, as the staff directory has nobody for them: Customer Services Leader, Partnership Manager. Person dea-1 invites them from the meeting in their Outlook calendar.',
    );
  });
});

describe('the team a strategy is with (seed 000 §49: monthly meetings with Employer Engagement; §52: with Third Party Provision)', () => {
  it('is invited to its meetings and named in the invitation, even when the strategy was saved without it', async () => {
    const dea = person('dea-1', ['dea'], { teamLeaderId: 'tl-1' });
    const owner = person('tl-1', ['work_coach_team_leader']);
    const tpp = person('tpp-1', ['third_party_provision_manager'], { name: 'Tia Provision' });
    const adviser = person('ea-1', ['employer_adviser'], { name: 'Grace Adviser' });
    const everyone = [dea, owner, tpp, adviser];
    let strategy: Strategy = { id: 's-1', kind: 'provision', title: 'Peer support', why: 'No peer support locally.', leadId: 'dea-1', ownerId: 'tl-1', status: 'active', areas: [], internalPartners: [], partnerIds: [], gapConferenceIds: [], gapNote: 'x', version: 3, createdAt: new Date(), updatedAt: new Date() };
    const events: NewEvent[] = [];
    let series = 0;
    const service = new StrategyMeetingService({
      strategies: { find: async () => strategy } as unknown as StrategyStore,
      store: new MemoryMeetings(),
      calendar: { busy: async () => new Map(), createEvents: async (es) => es.map((e, i) => (events.push(e), { ok: true as const, mailbox: e.mailbox, eventId: `ev-${i}`, joinUrl: null })), moveEvents: async () => [], deleteEvents: async () => [] },
      directory: new FakeDirectory(everyone),
      people: { holders: async (role: Role, jc: string) => everyone.filter((p) => p.roles.includes(role) && p.jobcentreId === jc), holdersInDistrictOf: async () => [], cohortOf: async () => [] },
      work: { schedule: async () => undefined },
      uow: immediateUnitOfWork,
      clock: { now: () => new Date('2027-01-04T09:00:00Z') },
      newId: () => `series-${++series}`,
    });
    await service.planSeries(dea, 's-1', 3, { firstDate: '2027-01-12', cadence: 'once' });
    await service.writeSeries('series-1');
    expect(events[0]!.attendees.map((a) => a.email)).toEqual(['tl-1@x.example', 'tpp-1@x.example']);
    expect(events[0]!.body).toContain('Partners: Third Party Provision.');
    expect(invitationNote(await service.invitations(dea, 's-1'), 'dea-1')).toBe('Invited: Person tl-1 (owns the strategy); Third Party Provision: Tia Provision.');

    strategy = { ...strategy, kind: 'employment', internalPartners: ['work_psychologist'] };
    await service.planSeries(dea, 's-1', 3, { firstDate: '2027-02-12', cadence: 'once' });
    await service.writeSeries('series-2');
    expect(events[1]!.attendees.map((a) => a.email)).toEqual(['tl-1@x.example', 'ea-1@x.example']);
    expect(invitationNote(await service.invitations(dea, 's-1'), 'dea-1')).toBe(
      'Invited: Person tl-1 (owns the strategy); Employer Engagement: Grace Adviser. Not invited, as the staff directory has nobody for them: Work psychologist. Invite them from the meeting in your Outlook calendar.',
    );
  });
});

describe('notes of a strategy meeting (seed 000 §52)', () => {
  it('are recorded as the strategy card offers them: by the lead or the owner, not once the strategy is closed; an outsider learns nothing', async () => {
    const dea = person('dea-1', ['dea'], { teamLeaderId: 'tl-1' });
    const owner = person('tl-1', ['work_coach_team_leader']);
    const outsider = person('dea-9', ['dea']);
    let strategy: Strategy = { id: 's-1', kind: 'provision', title: 'Peer support', why: 'No peer support locally.', leadId: 'dea-1', ownerId: 'tl-1', status: 'active', areas: [], internalPartners: [], partnerIds: [], gapConferenceIds: [], gapNote: 'x', version: 3, createdAt: new Date(), updatedAt: new Date() };
    const store = new MemoryMeetings();
    await store.addSeries([{ strategyId: 's-1', seriesId: 'series-1', start: new Date('2027-01-12T10:00:00Z'), end: new Date('2027-01-12T11:00:00Z'), externalEmails: [] } as unknown as NewStrategyMeeting]);
    const service = new StrategyMeetingService({
      // Only find is read by the meetings.
      strategies: { find: async () => strategy } as unknown as StrategyStore,
      store,
      calendar: {} as CalendarPort,
      directory: new FakeDirectory([dea, owner, outsider]),
      people: { holders: async () => [], holdersInDistrictOf: async () => [], cohortOf: async () => [] },
      work: { schedule: async () => undefined },
      uow: immediateUnitOfWork,
      clock: { now: () => new Date('2027-01-12T12:00:00Z') },
      newId: () => 'series-1',
    });
    await expect(service.recordNotes(outsider, 'm-1', 1, 'Agreed a peer group.')).rejects.toMatchObject({ kind: 'not_found' });
    strategy = { ...strategy, status: 'closed' };
    await expect(service.recordNotes(dea, 'm-1', 1, 'Agreed a peer group.')).rejects.toMatchObject({ kind: 'invalid', message: 'This strategy is closed.' });
    strategy = { ...strategy, status: 'active' };
    expect(await service.recordNotes(owner, 'm-1', 1, 'Agreed a peer group.')).toMatchObject({ notes: 'Agreed a peer group.', notesById: 'tl-1' });
  });
});
