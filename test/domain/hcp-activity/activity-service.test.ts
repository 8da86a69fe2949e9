import type { Interval } from '../../../domain/calendar/calendar-port';
import { londonToUtc } from '../../../domain/calendar/london-time';
import type { DomainError } from '../../../domain/errors';
import { HcpActivityService, type HcpDayPlan } from '../../../domain/hcp-activity/activity-service';
import type { ActivityChanges, HcpActivityStore, NewActivity, NewAttendance, NewNotice, NewSupplierRequest, NewWeeklyNote, SupplierRequestChanges, WeeklyNoteChanges } from '../../../domain/hcp-activity/ports';
import { formatSupplierReference, type AttendanceRecord, type HcpNotice, type SupplierRequest, type SupportingActivity, type WeeklyNote } from '../../../domain/hcp-activity/records';
import type { Jobcentre, StaffMember } from '../../../domain/staff';

/**
 * The HCP activity service against an in-memory store and diary: the working day and agreed breaks
 * (seed §2.2.3, Annex 3 §1), a group case conference kept to the time its team leader set aside
 * (Annex 3 §3.3), and a weekly note that documents all of the week's activity (Annex 3 §7).
 */
const CRAWLEY: Jobcentre = { id: 'crawley', name: 'Crawley', cluster: 'Gatwick Diamond', district: 'Surrey and Sussex', bankHolidayRegion: 'england-and-wales' };
const person = (id: string, name: string, roles: StaffMember['roles']): StaffMember => ({ id, aadObjectId: id, name, email: `${id}@example.gov.uk`, roles, jobcentreId: CRAWLEY.id, deaId: null, teamLeaderId: null });
const HCP = person('helen', 'Helen Okoro', ['hcp']);
const MANAGER = person('mark', 'Mark Ellis', ['hcp_activity_manager']);
const LEADER = person('tess', 'Tess Leader', ['work_coach_team_leader']);
const CONTACT = person('lucy', 'Lucy Fernandes', ['jobcentre_contact']);
/** A team leader with a team: Ben, a work coach at Horsham (Helen covers it too); and a coach of nobody's team. */
const TOM = person('tom', 'Tom Baker', ['work_coach_team_leader']);
const HORSHAM: Jobcentre = { ...CRAWLEY, id: 'horsham', name: 'Horsham' };
const BEN: StaffMember = { ...person('ben', 'Ben Turner', ['work_coach']), jobcentreId: HORSHAM.id, teamLeaderId: TOM.id };
const KATE: StaffMember = { ...person('kate', 'Kate Fisher', ['work_coach']), jobcentreId: 'hastings' };
const at = (date: string, time: string) => londonToUtc(date, time);

class MemoryStore {
  activities: SupportingActivity[] = [];
  notes: WeeklyNote[] = [];
  attendance: AttendanceRecord[] = [];
  requests: SupplierRequest[] = [];
  notices: HcpNotice[] = [];
  private n = 0;
  /** As the table: one record a day for each HCP; an arrival takes the place of that day's absence only while it is one. */
  async recordAttendance(record: NewAttendance, replacesAbsenceId?: string): Promise<AttendanceRecord> {
    if (replacesAbsenceId !== undefined) {
      const i = this.attendance.findIndex((a) => a.id === replacesAbsenceId && a.status === 'absent' && a.hcpId === record.hcpId && a.date === record.date);
      if (i < 0) throw Object.assign(new Error('Attendance for that day is already recorded.'), { kind: 'conflict' });
      this.attendance[i] = { ...record, id: replacesAbsenceId };
      return this.attendance[i]!;
    }
    if (this.attendance.some((a) => a.hcpId === record.hcpId && a.date === record.date)) throw Object.assign(new Error('Attendance for that day is already recorded.'), { kind: 'conflict' });
    const made = { ...record, id: `t${++this.n}` };
    this.attendance.push(made);
    return made;
  }
  async attendanceRecord(id: string) {
    return this.attendance.find((a) => a.id === id) ?? null;
  }
  async attendanceOf(hcpId: string, from: string, to: string) {
    return this.attendance.filter((a) => a.hcpId === hcpId && a.date >= from && a.date <= to).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }
  async attendanceInDistrict(district: string, from: string, to: string) {
    return this.attendance.filter((a) => a.district === district && a.date >= from && a.date <= to);
  }
  async createSupplierRequest(request: NewSupplierRequest): Promise<SupplierRequest> {
    const made: SupplierRequest = { ...request, id: `s${++this.n}`, reference: formatSupplierReference(this.requests.length + 1), status: 'open', answeredAt: null, answeredById: null, answer: null, coverOn: null, version: 1 };
    this.requests.push(made);
    return made;
  }
  async supplierRequest(id: string) {
    return this.requests.find((r) => r.id === id) ?? null;
  }
  async updateSupplierRequest(id: string, version: number, changes: SupplierRequestChanges): Promise<SupplierRequest> {
    const i = this.requests.findIndex((r) => r.id === id && r.version === version);
    if (i < 0) throw new Error('conflict');
    this.requests[i] = { ...this.requests[i]!, ...changes, version: version + 1 };
    return this.requests[i]!;
  }
  async noticeOf(hcpId: string) {
    return this.notices.filter((n) => n.hcpId === hcpId).at(-1) ?? null;
  }
  async recordNotice(notice: NewNotice): Promise<HcpNotice> {
    const made = { ...notice, id: `x${++this.n}` };
    this.notices.push(made);
    return made;
  }
  async openActivitiesOf(hcpId: string) {
    return this.activities.filter((a) => a.hcpId === hcpId && (a.status === 'requested' || a.status === 'planned'));
  }
  async createActivity(a: NewActivity, when: Date): Promise<SupportingActivity> {
    const made: SupportingActivity = { ...a, coachId: a.coachId ?? null, id: `a${++this.n}`, version: 1, createdAt: when, diaryEntries: [] };
    this.activities.push(made);
    return made;
  }
  async activity(id: string) {
    return this.activities.find((a) => a.id === id) ?? null;
  }
  async updateActivity(id: string, version: number, changes: ActivityChanges): Promise<SupportingActivity> {
    const i = this.activities.findIndex((a) => a.id === id && a.version === version);
    if (i < 0) throw new Error('conflict');
    this.activities[i] = { ...this.activities[i]!, ...changes, version: version + 1 };
    return this.activities[i]!;
  }
  async activitiesOf(hcpId: string, from: string, to: string) {
    return this.activities.filter((a) => a.hcpId === hcpId && a.date !== null && a.date >= from && a.date <= to);
  }
  async weeklyNote(hcpId: string, weekStart: string) {
    return this.notes.find((n) => n.hcpId === hcpId && n.weekStart === weekStart) ?? null;
  }
  async weeklyNoteById(id: string) {
    return this.notes.find((n) => n.id === id) ?? null;
  }
  async createWeeklyNote(note: NewWeeklyNote, when: Date): Promise<WeeklyNote> {
    const made: WeeklyNote = { ...note, id: `n${++this.n}`, version: 1, createdAt: when };
    this.notes.push(made);
    return made;
  }
  async updateWeeklyNote(id: string, version: number, changes: WeeklyNoteChanges): Promise<WeeklyNote> {
    const i = this.notes.findIndex((n) => n.id === id && n.version === version);
    if (i < 0) throw new Error('conflict');
    this.notes[i] = { ...this.notes[i]!, ...changes, version: version + 1 };
    return this.notes[i]!;
  }
}

function setUp(now: Date, diaryOf: (date: string) => Partial<HcpDayPlan> = () => ({})) {
  const store = new MemoryStore();
  const clock = { now: () => now };
  /** The cards queued for people: kind, recipient and subject. */
  const told: string[] = [];
  /** Each day an HCP's diary was read for (free/busy: a Graph call in production). */
  const diaryReads: string[] = [];
  const service = new HcpActivityService({
    store: store as unknown as HcpActivityStore,
    diary: {
      day: async (_hcp, date) => {
        diaryReads.push(date);
        return { date, jobcentreId: CRAWLEY.id, working: true, conversations: [], freeGaps: [{ start: at(date, '08:30'), end: at(date, '17:00') }], ...diaryOf(date) };
      },
      weeks: async (ids) => new Map(ids.map((id) => [id, { held: 0, booked: 0, didNotHappen: 0 }])),
      sitesOn: async (hcps) => new Map(hcps.map((h) => [h.id, CRAWLEY.id])),
    },
    // No Specialist Advice conversations here: these tests draw no activity card.
    conversations: { startingIn: async () => [] },
    people: {
      jobcentre: async (id) => [CRAWLEY, HORSHAM].find((j) => j.id === id) ?? null,
      jobcentresInCluster: async () => [CRAWLEY],
      hcpCovering: async () => HCP,
      hcpsInDistrict: async () => [HCP],
      officesInClustersOf: async () => [CRAWLEY, HORSHAM],
      managersInDistrict: async () => [MANAGER],
      coachesInDistrictOf: async () => [KATE, BEN],
    },
    directory: { findById: async (id) => [HCP, MANAGER, LEADER, CONTACT, TOM, BEN, KATE].find((p) => p.id === id) ?? null, findByAadObjectId: async () => null, findByIds: async () => [], findByTeamLeader: async (id) => [BEN].filter((p) => p.teamLeaderId === id) },
    notifier: {
      activity: async (personId, activityId) => void told.push(`activity ${personId} ${activityId}`),
      coach: async (personId, activityId) => void told.push(`coach ${personId} ${activityId}`),
      weeklyNote: async () => undefined,
      absence: async (personId, requestId) => void told.push(`absence ${personId} ${requestId}`),
      lateArrival: async (personId, attendanceId) => void told.push(`late ${personId} ${attendanceId}`),
      hcpAway: async (coachId, conversationId) => void told.push(`away ${coachId} ${conversationId}`),
    },
    uow: { run: (work) => work() },
    work: { schedule: async () => undefined },
    clock,
    trialEndsOn: () => null,
  });
  return { store, service, clock, told, diaryReads };
}

/** The refusal a call ends in: its message and field problems. */
async function refusal(promise: Promise<unknown>): Promise<{ message: string; problems: Record<string, string> }> {
  try {
    await promise;
  } catch (error) {
    const e = error as DomainError;
    expect(e.kind).toBe('invalid');
    return { message: e.message, problems: { ...e.problems } };
  }
  throw new Error('Expected a refusal');
}

const typed = { kind: 'presentation', jobcentreId: CRAWLEY.id, takingPart: 'Crawley coaches', note: 'Back pain and work' };
const WORKING_TIME = 'HCPs work 08:30 to 17:00, Monday to Friday: choose a time within that.';

describe('supporting activity only in the HCP’s working day and around agreed breaks (seed §2.2.3, Annex 3 §1)', () => {
  it('a presentation on Saturday 11 April 2026, 20:00 to 22:30, is refused beside the date and the times, and not saved', async () => {
    const { store, service } = setUp(at('2026-04-13', '10:00'));
    const { problems } = await refusal(service.record(HCP, { ...typed, date: '2026-04-11', start: '20:00', end: '22:30' }));
    expect(problems).toEqual({
      date: 'Saturday 11 April 2026 is not a working day: HCPs work 08:30 to 17:00, Monday to Friday. Choose a weekday.',
      start: WORKING_TIME,
      end: WORKING_TIME,
    });
    expect(store.activities).toEqual([]);
  });

  it('refuses a bank holiday and times before 08:30 or after 17:00; takes 08:30 to 17:00 on a working day', async () => {
    const { store, service } = setUp(at('2026-12-29', '16:00'));
    expect((await refusal(service.record(HCP, { ...typed, date: '2026-12-28', start: '10:00', end: '11:00' }))).problems).toEqual({ date: 'Monday 28 December 2026 is a bank holiday (Boxing Day (substitute day)), when HCPs do not work: choose another working day.' });
    expect((await refusal(service.record(HCP, { ...typed, date: '2026-12-29', start: '08:00', end: '09:00' }))).problems).toEqual({ start: WORKING_TIME });
    expect((await refusal(service.record(HCP, { ...typed, date: '2026-12-24', start: '16:30', end: '17:15' }))).problems).toEqual({ end: WORKING_TIME });
    await service.record(HCP, { ...typed, date: '2026-12-24', start: '08:30', end: '17:00' });
    expect(store.activities).toHaveLength(1);
  });

  it('the activity manager cannot set, plan or move activity outside the working day either', async () => {
    const { store, service } = setUp(at('2026-04-13', '10:00'));
    expect((await refusal(service.setWorkActivity(MANAGER, { ...typed, hcpId: HCP.id, date: '2026-04-18', start: '10:00', end: '11:00' }))).problems.date).toContain('is not a working day');
    const set = await service.setWorkActivity(MANAGER, { ...typed, hcpId: HCP.id, date: '2026-04-15', start: '10:00', end: '11:00' });
    expect((await refusal(service.move(MANAGER, set.id, set.version, { date: '2026-04-15', start: '17:00', end: '18:00' }))).problems).toEqual({ start: WORKING_TIME, end: WORKING_TIME });
    expect((await refusal(service.move(HCP, set.id, set.version, { date: '2026-04-19', start: '10:00', end: '11:00' }))).problems.date).toContain('Sunday 19 April 2026 is not a working day');
    const asked = await service.requestCaseConference(person('cora', 'Cora Coach', ['work_coach']), { kind: 'individual_case_conference', note: 'Knee surgery', caseReference: 'SA-000001' });
    expect((await refusal(service.plan(MANAGER, asked.id, asked.version, { date: '2026-04-14', start: '07:30', end: '08:00' }))).problems).toEqual({ start: WORKING_TIME, end: WORKING_TIME });
    expect(store.activities.map((a) => [a.status, a.start?.toISOString()])).toEqual([['planned', at('2026-04-15', '10:00').toISOString()], ['requested', undefined]]);
  });

  it('a break agreed with the activity manager is a clash, refused with the break and the free time around it', async () => {
    // Helen's break: 12:30 to 13:00 every day.
    const { store, service } = setUp(at('2026-04-14', '09:00'), (date) => ({
      breaks: [{ start: at(date, '12:30'), end: at(date, '13:00') }] as Interval[],
      freeGaps: [{ start: at(date, '08:30'), end: at(date, '12:30') }, { start: at(date, '13:00'), end: at(date, '17:00') }],
    }));
    const over = await refusal(service.record(HCP, { ...typed, date: '2026-04-13', start: '12:00', end: '12:45' }));
    expect(over.message).toBe('That is over a break agreed with the activity manager, 12:30 to 13:00: supporting activity goes around it. You are free 08:30 to 12:30, 13:00 to 17:00.');
    expect(over.problems).toEqual({ start: 'This time is over a break agreed with the activity manager.' });
    await service.record(HCP, { ...typed, date: '2026-04-13', start: '12:00', end: '12:30' });
    expect((await refusal(service.setWorkActivity(MANAGER, { ...typed, hcpId: HCP.id, date: '2026-04-15', start: '12:45', end: '13:30' }))).problems).toEqual({ start: 'This time is over a break agreed with the activity manager.' });
    const set = await service.setWorkActivity(MANAGER, { ...typed, hcpId: HCP.id, date: '2026-04-15', start: '10:00', end: '11:00' });
    expect((await refusal(service.move(HCP, set.id, set.version, { date: '2026-04-15', start: '12:15', end: '12:45' }))).message).toContain('over a break agreed with the activity manager, 12:30 to 13:00');
    const asked = await service.requestCaseConference(LEADER, { kind: 'individual_case_conference', note: 'Knee surgery', caseReference: 'SA-000001' });
    expect((await refusal(service.plan(MANAGER, asked.id, asked.version, { date: '2026-04-16', start: '12:30', end: '13:00' }))).problems).toEqual({ start: 'This time is over a break agreed with the activity manager.' });
    expect(store.activities.map((a) => a.status)).toEqual(['done', 'planned', 'requested']);
  });
});

describe('a group case conference in the time the team leader set aside (Annex 3 §3.3)', () => {
  const setAside = async (service: HcpActivityService) =>
    service.requestCaseConference(LEADER, { kind: 'group_case_conference', note: 'Three cases with fluctuating conditions', caseCount: '3', date: '2026-04-14', start: '10:00', end: '11:00' });

  it('the activity manager cannot plan it outside that time: the refusal names it beside the fields', async () => {
    const { service } = setUp(at('2026-04-13', '10:00'));
    const asked = await setAside(service);
    const thursday = await refusal(service.plan(MANAGER, asked.id, asked.version, { date: '2026-04-16', start: '15:00', end: '16:00' }));
    expect(thursday.message).toBe('A group case conference is held in the time the team leader set aside for it: Tuesday 14 April 2026, 10:00 to 11:00.');
    expect(thursday.problems).toEqual({ date: 'Keep it within the time the team leader set aside: Tuesday 14 April 2026, 10:00 to 11:00.' });
    expect((await refusal(service.plan(MANAGER, asked.id, asked.version, { date: '2026-04-14', start: '10:30', end: '11:30' }))).problems).toEqual({ end: 'Keep it within the time the team leader set aside: Tuesday 14 April 2026, 10:00 to 11:00.' });
    const planned = await service.plan(MANAGER, asked.id, asked.version, { date: '2026-04-14', start: '10:00', end: '11:00' });
    expect(planned).toMatchObject({ status: 'planned', date: '2026-04-14', start: at('2026-04-14', '10:00'), end: at('2026-04-14', '11:00') });
  });

  it('once planned it moves only within that time, by the manager or the HCP', async () => {
    const { service } = setUp(at('2026-04-13', '10:00'));
    const asked = await setAside(service);
    const planned = await service.plan(MANAGER, asked.id, asked.version, { start: '10:00', end: '11:00' });
    for (const who of [MANAGER, HCP]) {
      const moved = await refusal(service.move(who, planned.id, planned.version, { date: '2026-04-16', start: '15:00', end: '16:00' }));
      expect(moved.message).toBe('A group case conference stays in the time the team leader set aside for it: it was planned for Tuesday 14 April 2026, 10:00 to 11:00, and moves only within that. For another time, cancel it and ask the team leader to set aside a new one.');
      expect(moved.problems).toEqual({ date: 'Keep it within the time the team leader set aside: Tuesday 14 April 2026, 10:00 to 11:00.' });
      expect((await refusal(service.move(who, planned.id, planned.version, { date: '2026-04-14', start: '09:30', end: '10:30' }))).problems).toEqual({ start: 'Keep it within the time the team leader set aside: Tuesday 14 April 2026, 10:00 to 11:00.' });
    }
    const moved = await service.move(HCP, planned.id, planned.version, { date: '2026-04-14', start: '10:15', end: '11:00' });
    expect(moved).toMatchObject({ start: at('2026-04-14', '10:15'), end: at('2026-04-14', '11:00') });
  });

  it('an individual case conference is not held to a window', async () => {
    const { service } = setUp(at('2026-04-13', '10:00'));
    const asked = await service.requestCaseConference(LEADER, { kind: 'individual_case_conference', note: 'Knee surgery', caseReference: 'SA-000001' });
    const planned = await service.plan(MANAGER, asked.id, asked.version, { date: '2026-04-16', start: '15:00', end: '16:00' });
    expect((await service.move(HCP, planned.id, planned.version, { date: '2026-04-17', start: '09:00', end: '10:00' })).date).toBe('2026-04-17');
  });
});

describe('the weekly note documents all the week’s supporting activity (Annex 3 §7)', () => {
  it('no activity goes into a week whose note has gone to the activity manager, until they ask for a change; an accepted week is closed', async () => {
    const { store, service, clock } = setUp(at('2026-04-17', '15:00'));
    await service.record(HCP, { ...typed, date: '2026-04-13', start: '09:00', end: '09:45' });
    // Set for next Monday: a note is not submitted while activity of its own week is still planned.
    const set = await service.setWorkActivity(MANAGER, { ...typed, hcpId: HCP.id, date: '2026-04-20', start: '16:00', end: '16:30' });
    const note = await service.weeklyNote(HCP, '2026-04-13');
    const submitted = await service.saveNote(HCP, note.id, note.version, note.body, true);
    expect(submitted.status).toBe('submitted');

    const late = await refusal(service.record(HCP, { ...typed, date: '2026-04-14', start: '11:00', end: '12:00' }));
    expect(late.message).toBe('Your weekly note for the week of Monday 13 April 2026 has gone to the activity manager, so no activity can be added to that week now. If it belongs in that week, the activity manager can ask for a change to the note, which opens it again: then add the activity and submit the note again.');
    expect(late.problems).toEqual({ date: 'That week’s weekly note has gone to the activity manager: choose a day in another week, or have the note sent back for a change first.' });
    expect((await refusal(service.setWorkActivity(MANAGER, { ...typed, hcpId: HCP.id, date: '2026-04-17', start: '14:00', end: '14:30' }))).message).toContain('Helen Okoro’s weekly note for the week of Monday 13 April 2026 has gone to the activity manager');
    expect((await refusal(service.move(MANAGER, set.id, set.version, { date: '2026-04-17', start: '15:30', end: '16:00' }))).problems.date).toContain('has gone to the activity manager');
    // Moved within the next week, it can still be planned.
    clock.now = () => at('2026-04-17', '15:00');
    expect((await service.move(MANAGER, set.id, set.version, { date: '2026-04-21', start: '10:00', end: '10:30' })).date).toBe('2026-04-21');

    // The manager asks for a change: the week opens again.
    const changed = await service.review(MANAGER, submitted.id, submitted.version, 'change', 'Add Tuesday.');
    const tuesday = await service.record(HCP, { ...typed, date: '2026-04-14', start: '11:00', end: '12:00', note: 'Anxiety and work' });
    expect(tuesday.status).toBe('done');
    const again = await service.saveNote(HCP, changed.id, changed.version, `${changed.body}\n- Tuesday 11:00 to 12:00, Crawley: a presentation on anxiety and work`, true);
    await service.review(MANAGER, again.id, again.version, 'accept', '');
    const accepted = await refusal(service.record(HCP, { ...typed, date: '2026-04-15', start: '11:00', end: '12:00' }));
    expect(accepted.message).toBe('Your weekly note for the week of Monday 13 April 2026 is accepted, so no activity can be added to that week any more. Tell the activity manager about it instead.');
    expect(accepted.problems).toEqual({ date: 'That week’s weekly note is accepted: choose a day in another week.' });
    expect(store.activities.filter((a) => a.status === 'done')).toHaveLength(2);
  });

  it('a note submitted without activity recorded that week is refused beside the note, naming the lines to add; reworded lines with the day and time are fine', async () => {
    const { store, service } = setUp(at('2026-04-17', '15:00'));
    await service.record(HCP, { ...typed, date: '2026-04-13', start: '09:00', end: '09:45' });
    // The draft is made now; activity recorded after it is not in the stored draft.
    const note = await service.weeklyNote(HCP, '2026-04-13');
    await service.record(HCP, { ...typed, kind: 'collaboration', date: '2026-04-15', start: '14:00', end: '15:00', takingPart: 'Dana, the DEA', note: 'Planning a health fair' });
    const stale = await refusal(service.saveNote(HCP, note.id, note.version, `${note.body}\nAlso shadowed the DEA.`, true));
    expect(stale.message).toBe('The weekly note must document all the supporting activity you recorded that week: one activity is not in it yet.');
    expect(stale.problems).toEqual({ body: 'Add this activity to the note (you may reword it, keeping the day and time):\n- Wednesday 14:00 to 15:00, Crawley: Work with DEAs or work psychologists with Dana, the DEA: Planning a health fair' });
    const none = await refusal(service.saveNote(HCP, note.id, note.version, 'A quiet week.', true));
    expect(none.message).toContain('2 activities are not in it yet');
    expect(none.problems.body).toContain('- Monday 09:00 to 09:45, Crawley: Presentation to a team or office with Crawley coaches: Back pain and work');
    expect(store.notes[0]).toMatchObject({ status: 'draft', body: note.body });
    // Saved without submitting: kept as it is, the check waits for the submission.
    const saved = await service.saveNote(HCP, note.id, note.version, 'A quiet week.', false);
    expect(saved).toMatchObject({ status: 'draft', body: 'A quiet week.' });
    const done = await service.saveNote(HCP, saved.id, saved.version, 'Monday 09:00 to 09:45: presentation at Crawley.\nwednesday 14:00 to 15:00 — health fair planning with the DEA.', true);
    expect(done.status).toBe('submitted');
  });
});

describe('an HCP recorded absent who arrives after all (seed §4.1 "HCPs arrive on time", Annex 4 attendance records)', () => {
  it('the contact records Helen absent at 09:45; she arrives at 10:15: the day is late, not absent, the one-day replacement is withdrawn, and the manager is told', async () => {
    const { store, service, clock, told } = setUp(at('2026-11-23', '09:45'));
    const { request } = await service.recordAbsence(CONTACT, HCP.id, '2026-11-23', '2026-11-23');
    expect(told).toEqual([`absence ${MANAGER.id} ${request.id}`]);
    clock.now = () => at('2026-11-23', '10:15');
    const arrival = await service.recordArrival(HCP, null);
    expect(arrival.record).toMatchObject({ status: 'late', arrivedAt: at('2026-11-23', '10:15'), recordedById: HCP.id, date: '2026-11-23' });
    expect(store.attendance).toEqual([arrival.record]);
    expect(store.attendance[0]!.status).toBe('late');
    // No replacement is needed: withdrawn, never answered, so in no supplier response figure.
    expect(store.requests[0]).toMatchObject({ status: 'withdrawn', answeredAt: null, fromDate: '2026-11-23', toDate: '2026-11-23' });
    expect(store.requests[0]!.details).toContain('Withdrawn: Helen Okoro arrived on Monday 23 November 2026, so no replacement is needed.');
    expect(arrival.replacedAbsence?.request).toMatchObject({ id: request.id, status: 'withdrawn' });
    expect(told).toEqual([`absence ${MANAGER.id} ${request.id}`, `late ${MANAGER.id} ${arrival.record.id}`]);
    // The manager's card: a late arrival that took the absence's place, and the request withdrawn.
    expect(await service.attendanceNotice(MANAGER, 'late', arrival.record.id)).toMatchObject({ kind: 'late', replacedAbsence: true, dates: ['2026-11-23'], request: { reference: 'SUP-000001', status: 'withdrawn' } });
    expect(await service.attendanceNotice(MANAGER, 'absence', request.id)).toMatchObject({ dates: [], request: { status: 'withdrawn' } });

    // A second arrival that day is refused as before, and changes nothing.
    clock.now = () => at('2026-11-23', '10:30');
    await expect(service.recordArrival(CONTACT, HCP.id)).rejects.toMatchObject({ kind: 'conflict', message: 'Attendance for that day is already recorded.' });
    expect(store.attendance).toEqual([arrival.record]);
  });

  it('absent Monday to Wednesday by her own record, she comes in at 08:20 on Monday: on time, and the replacement stays open for Tuesday and Wednesday only, saying so', async () => {
    const { store, service, clock, told } = setUp(at('2026-11-23', '07:30'));
    const { request } = await service.recordAbsence(HCP, null, '2026-11-23', '2026-11-25');
    expect(told).toEqual([`absence ${MANAGER.id} ${request.id}`]);
    clock.now = () => at('2026-11-23', '08:20');
    const arrival = await service.recordArrival(HCP, null);
    expect(arrival.record).toMatchObject({ status: 'on_time', supplierRequestId: request.id });
    expect(store.attendance.map((a) => [a.date, a.status])).toEqual([['2026-11-23', 'on_time'], ['2026-11-24', 'absent'], ['2026-11-25', 'absent']]);
    expect(store.requests[0]).toMatchObject({ status: 'open', fromDate: '2026-11-24', toDate: '2026-11-25' });
    expect(store.requests[0]!.details).toBe('A replacement for Helen Okoro, absent 3 working days. Not needed on Monday 23 November 2026: Helen Okoro arrived.');
    // Told as of a late arrival, though on time: the managers were told of the absence.
    expect(told).toEqual([`absence ${MANAGER.id} ${request.id}`, `late ${MANAGER.id} ${arrival.record.id}`]);
    expect(await service.attendanceNotice(MANAGER, 'late', arrival.record.id)).toMatchObject({ kind: 'arrival', replacedAbsence: true, request: { status: 'open', fromDate: '2026-11-24', toDate: '2026-11-25' } });
    expect((await service.attendanceNotice(MANAGER, 'absence', request.id)).dates).toEqual(['2026-11-24', '2026-11-25']);
  });

  it('an absence recorded weeks ahead (leave) asks for cover due by its first day, not two weeks from today', async () => {
    const { store, service } = setUp(at('2026-11-23', '07:30'));
    await service.recordAbsence(MANAGER, HCP.id, '2027-01-04', '2027-01-06');
    expect(store.requests[0]).toMatchObject({ kind: 'replacement', fromDate: '2027-01-04', dueOn: '2027-01-04' });
    // Soon: the two weeks.
    await service.recordAbsence(MANAGER, HCP.id, '2026-11-24', '2026-11-24');
    expect(store.requests[1]).toMatchObject({ fromDate: '2026-11-24', dueOn: '2026-12-07' });
  });

  it('a replacement the supplier has answered is left as answered; a plain late arrival is told as before', async () => {
    const { store, service, clock, told } = setUp(at('2026-11-23', '08:00'));
    const { request } = await service.recordAbsence(CONTACT, HCP.id, '2026-11-23', '2026-11-23');
    await service.recordSupplierAnswer(MANAGER, request.id, request.version, { answer: 'Grace Mensah covers Monday', coverOn: '2026-11-23' });
    clock.now = () => at('2026-11-23', '11:00');
    const arrival = await service.recordArrival(CONTACT, HCP.id);
    expect(arrival.record.status).toBe('late');
    expect(store.requests[0]).toMatchObject({ status: 'answered', answer: 'Grace Mensah covers Monday' });
    expect(arrival.replacedAbsence?.request?.status).toBe('answered');
    // Tuesday, nothing recorded: a late arrival as ever.
    clock.now = () => at('2026-11-24', '08:45');
    const tuesday = await service.recordArrival(HCP, null);
    expect(tuesday).toMatchObject({ record: { status: 'late', supplierRequestId: null }, replacedAbsence: null });
    expect(told.at(-1)).toBe(`late ${MANAGER.id} ${tuesday.record.id}`);
    expect(await service.attendanceNotice(MANAGER, 'late', tuesday.record.id)).toMatchObject({ kind: 'late', replacedAbsence: false, request: null });
  });
});

describe('a notice to finish gives at least 1 week from the day the department received it, when the period starts (seed §4.1)', () => {
  const notice = { hcpId: HCP.id, givenOn: '2026-11-20', receivedOn: '2026-11-23' };
  it('a last day six days after the notice reached the manager is refused beside the last day, naming the earliest allowed; a week after is recorded', async () => {
    const { store, service } = setUp(at('2026-11-23', '12:00'));
    const short = await refusal(service.recordNotice(MANAGER, { ...notice, lastDay: '2026-11-29' }));
    expect(short.problems).toEqual({ lastDay: 'That gives only 6 days of notice. The notice period starts on Monday 23 November 2026, when the supplier told you, and is at least 1 week: the earliest last day allowed is Monday 30 November 2026.' });
    expect((await refusal(service.recordNotice(MANAGER, { ...notice, lastDay: '2026-11-23' }))).problems.lastDay).toContain('That gives no notice.');
    expect(store.notices).toEqual([]);
    const { notice: recorded } = await service.recordNotice(MANAGER, { ...notice, lastDay: '2026-11-30' });
    expect(recorded).toMatchObject({ receivedOn: '2026-11-23', lastDay: '2026-11-30' });
  });
});

describe('the supplier’s answer to a request for an HCP gives the day cover starts: the two weeks are measured to it (seed §4.1)', () => {
  it('a replacement’s answer without a usable day is refused beside the day, and nothing is recorded; with one, the day is kept', async () => {
    const { store, service, clock } = setUp(at('2026-11-23', '08:00'));
    const { request } = await service.recordAbsence(CONTACT, HCP.id, '2026-11-23', '2026-11-23');
    const answer = 'Grace Mensah covers from Thursday';
    expect(await refusal(service.recordSupplierAnswer(MANAGER, request.id, request.version, { answer }))).toEqual({
      message: 'Give the day the supplier’s HCP starts covering.',
      problems: { coverOn: 'Enter the day the supplier’s HCP starts covering, as the supplier told you. If they cannot send anyone yet, leave the request open.' },
    });
    expect((await refusal(service.recordSupplierAnswer(MANAGER, request.id, request.version, { answer, coverOn: '2026-11-22' }))).problems).toEqual({ coverOn: 'Cover cannot start before the request was made on Monday 23 November 2026: enter the day the supplier’s HCP starts covering.' });
    expect(await refusal(service.recordSupplierAnswer(MANAGER, request.id, request.version, { answer: '', coverOn: 'Thursday' }))).toEqual({
      message: 'Some answers need changing.',
      problems: { answer: 'Say what the supplier answered.', coverOn: 'Enter a date, for example 2026-12-01.' },
    });
    expect(store.requests[0]).toMatchObject({ status: 'open', answer: null, coverOn: null });
    // Typed two days later: the day cover starts is what is kept, beside when it was typed.
    clock.now = () => at('2026-11-25', '10:00');
    await service.recordSupplierAnswer(MANAGER, request.id, request.version, { answer, coverOn: '2026-11-26' });
    expect(store.requests[0]).toMatchObject({ status: 'answered', answer, coverOn: '2026-11-26', answeredAt: at('2026-11-25', '10:00') });
  });

  it('an answer to a request for information needs no such day, and keeps none', async () => {
    const { store, service } = setUp(at('2026-11-23', '12:00'));
    const asked = await service.raiseSupplierRequest(MANAGER, { kind: 'ad_hoc_information', details: 'Clinic dates for December' });
    await service.recordSupplierAnswer(MANAGER, asked.id, asked.version, { answer: 'Dates sent', coverOn: '2026-11-24' });
    expect(store.requests[0]).toMatchObject({ status: 'answered', answer: 'Dates sent', coverOn: null });
  });
});

describe('an absence over days already recorded asks the supplier only for the days newly absent (seed §4.1 replacements)', () => {
  it('the contact records Monday to Wednesday absent; the manager records the same days: refused beside the dates, naming them, and no second request', async () => {
    const { store, service, told } = setUp(at('2026-11-23', '07:30'));
    const first = await service.recordAbsence(CONTACT, HCP.id, '2026-11-23', '2026-11-25');
    expect(first.request).toMatchObject({ reference: 'SUP-000001', fromDate: '2026-11-23', toDate: '2026-11-25', details: 'A replacement for Helen Okoro, absent 3 working days.' });
    const again = await refusal(service.recordAbsence(MANAGER, HCP.id, '2026-11-23', '2026-11-25'));
    expect(again.message).toBe('Helen Okoro’s attendance is already recorded for Monday 23 November 2026 (absent), Tuesday 24 November 2026 (absent), Wednesday 25 November 2026 (absent), so no new day is absent and nothing goes to the supplier. The replacement asked for then stands.');
    expect(again.problems).toEqual({ fromDate: 'Every working day in these dates is already recorded: choose days not recorded yet.', toDate: 'Every working day in these dates is already recorded: choose days not recorded yet.' });
    expect(store.requests).toHaveLength(1);
    expect(told).toEqual([`absence ${MANAGER.id} ${first.request.id}`]);
  });

  it('over a day she arrived on and days already absent, only the new days are recorded and asked for, with their own dates and count', async () => {
    const { store, service, clock } = setUp(at('2026-11-23', '08:10'));
    await service.recordArrival(HCP, null);
    // Arrived Monday only: an absence for Monday alone asks for nothing.
    expect((await refusal(service.recordAbsence(MANAGER, HCP.id, '2026-11-23', '2026-11-23'))).message).toBe('Helen Okoro’s attendance is already recorded for Monday 23 November 2026 (arrived on time), so no new day is absent and nothing goes to the supplier.');
    expect(store.requests).toEqual([]);
    clock.now = () => at('2026-11-23', '12:00');
    await service.recordAbsence(CONTACT, HCP.id, '2026-11-25', '2026-11-25');
    // Monday (arrived) to Friday: Tuesday, Thursday and Friday are new; Wednesday is already absent.
    const { days, request, already } = await service.recordAbsence(MANAGER, HCP.id, '2026-11-23', '2026-11-27');
    expect(days.map((d) => d.date)).toEqual(['2026-11-24', '2026-11-26', '2026-11-27']);
    expect(already.map((d) => [d.date, d.status])).toEqual([['2026-11-23', 'on_time'], ['2026-11-25', 'absent']]);
    expect(request).toMatchObject({ reference: 'SUP-000002', fromDate: '2026-11-24', toDate: '2026-11-27', details: 'A replacement for Helen Okoro, absent 3 working days: Tuesday 24 November 2026, Thursday 26 November 2026, Friday 27 November 2026.' });
    expect(store.attendance.filter((a) => a.supplierRequestId === request.id)).toHaveLength(3);
    expect((await service.attendanceNotice(MANAGER, 'absence', request.id)).dates).toEqual(['2026-11-24', '2026-11-26', '2026-11-27']);
  });
});

describe('the activity manager who set an activity, or the district’s managers, are told when someone else moves or cancels it (seed §7.1)', () => {
  const NINA = person('nina', 'Nina Shore', ['hcp_activity_manager']);
  const CORA = person('cora', 'Cora Coach', ['work_coach']);
  it('the HCP moves a work activity Mark set: Mark is told; Nina moves it: Mark and Helen are told, not Nina', async () => {
    const { service, told } = setUp(at('2026-04-13', '10:00'));
    const set = await service.setWorkActivity(MANAGER, { ...typed, hcpId: HCP.id, date: '2026-04-15', start: '10:00', end: '11:00' });
    told.length = 0;
    const moved = await service.move(HCP, set.id, set.version, { date: '2026-04-15', start: '11:00', end: '12:00' });
    expect(told).toEqual([`activity ${MANAGER.id} ${set.id}`]);
    told.length = 0;
    await service.move(NINA, moved.id, moved.version, { date: '2026-04-16', start: '11:00', end: '12:00' });
    expect(told).toEqual([`activity ${HCP.id} ${set.id}`, `activity ${MANAGER.id} ${set.id}`]);
  });

  it('a coach cancels the case conference Mark planned: Mark and Helen are told; one not yet planned: the district’s managers are told', async () => {
    const { service, told } = setUp(at('2026-04-13', '10:00'));
    const asked = await service.requestCaseConference(CORA, { kind: 'individual_case_conference', note: 'Knee surgery', caseReference: 'SA-000001' });
    const planned = await service.plan(MANAGER, asked.id, asked.version, { date: '2026-04-16', start: '15:00', end: '16:00' });
    told.length = 0;
    await service.cancel(CORA, planned.id, planned.version);
    expect(told).toEqual([`activity ${HCP.id} ${asked.id}`, `activity ${MANAGER.id} ${asked.id}`]);
    const second = await service.requestCaseConference(CORA, { kind: 'individual_case_conference', note: 'Anxiety', caseReference: 'SA-000002' });
    told.length = 0;
    await service.cancel(CORA, second.id, second.version);
    expect(told).toEqual([`activity ${HCP.id} ${second.id}`, `activity ${MANAGER.id} ${second.id}`]);
    // The manager who cancels is not told of their own click.
    const third = await service.setWorkActivity(MANAGER, { ...typed, hcpId: HCP.id, date: '2026-04-15', start: '10:00', end: '11:00' });
    told.length = 0;
    await service.cancel(MANAGER, third.id, third.version);
    expect(told).toEqual([`activity ${HCP.id} ${third.id}`]);
  });
});

describe('no activity after the last working day of an HCP who gave notice (seed §4.1)', () => {
  it('set, planned, moved or set aside after Helen’s last day is refused beside the date, naming it; on her last day it is taken', async () => {
    const { store, service } = setUp(at('2026-11-23', '12:00'));
    await service.recordNotice(MANAGER, { hcpId: HCP.id, givenOn: '2026-11-20', receivedOn: '2026-11-23', lastDay: '2026-11-30' });
    const field = 'Choose Monday 30 November 2026, Helen Okoro’s last day, or an earlier day.';
    const set = await refusal(service.setWorkActivity(MANAGER, { ...typed, hcpId: HCP.id, date: '2026-12-01', start: '10:00', end: '11:00' }));
    expect(set.message).toBe('Helen Okoro has given notice: their last working day is Monday 30 November 2026, so no activity can be set after it.');
    expect(set.problems).toEqual({ date: field });
    const asked = await service.requestCaseConference(LEADER, { kind: 'individual_case_conference', note: 'Knee surgery', caseReference: 'SA-000001' });
    expect((await refusal(service.plan(MANAGER, asked.id, asked.version, { date: '2026-12-02', start: '10:00', end: '11:00' }))).problems).toEqual({ date: field });
    expect((await refusal(service.requestCaseConference(LEADER, { kind: 'group_case_conference', note: 'Three cases', caseCount: '3', date: '2026-12-03', start: '10:00', end: '11:00' }))).problems).toEqual({ date: field });
    const last = await service.setWorkActivity(MANAGER, { ...typed, hcpId: HCP.id, date: '2026-11-30', start: '10:00', end: '11:00' });
    expect((await refusal(service.move(MANAGER, last.id, last.version, { date: '2026-12-01', start: '10:00', end: '11:00' }))).problems).toEqual({ date: field });
    expect(store.activities.map((a) => [a.status, a.date])).toEqual([['requested', null], ['planned', '2026-11-30']]);
  });
});

describe('a weekly note is not submitted while activity of its week is still planned (Annex 3 §7): nothing is left planned in an accepted week', () => {
  it('refused beside the note, naming the activity; held and added, the note goes, is accepted, and nothing of the week is left planned', async () => {
    const { store, service, clock } = setUp(at('2026-04-17', '15:00'));
    const set = await service.setWorkActivity(MANAGER, { ...typed, hcpId: HCP.id, date: '2026-04-17', start: '16:00', end: '16:30' });
    const note = await service.weeklyNote(HCP, '2026-04-13');
    const early = await refusal(service.saveNote(HCP, note.id, note.version, note.body, true));
    expect(early.message).toBe('The weekly note documents all the week’s supporting activity, and one activity of that week is still planned. Record it as held once it is over (or, if it will not happen, ask the activity manager to cancel or move it), then submit the note.');
    expect(early.problems).toEqual({ body: 'Still planned this week, not yet in the note:\n- Presentation to a team or office, Friday 16:00 to 16:30: still to come' });
    expect(store.notes[0]!.status).toBe('draft');
    // Over but not recorded: still refused, saying so.
    clock.now = () => at('2026-04-17', '16:40');
    expect((await refusal(service.saveNote(HCP, note.id, note.version, note.body, true))).problems.body).toContain('Friday 16:00 to 16:30: not recorded as held yet');
    await service.complete(HCP, set.id, set.version, { takingPart: 'Crawley coaches', note: 'Held' });
    const submitted = await service.saveNote(HCP, note.id, note.version, `${note.body}\nFriday 16:00 to 16:30: presentation at Crawley.`, true);
    const accepted = await service.review(MANAGER, submitted.id, submitted.version, 'accept', '');
    expect(accepted.status).toBe('accepted');
    expect(store.activities.map((a) => a.status)).toEqual(['done']);
  });
});

describe('the HCPs a jobcentre contact greets today', () => {
  it('are read from the site plans and the day’s attendance, never from a diary, so the contact’s click does not wait on Graph', async () => {
    const { service, diaryReads } = setUp(at('2026-11-23', '09:00'));
    const contact = { ...CONTACT, jobcentreId: CRAWLEY.id };
    const before = await service.expectedToday(contact);
    expect(before.hcps.map((h) => [h.hcp.id, h.attendance])).toEqual([[HCP.id, null]]);
    expect(diaryReads).toEqual([]);
    await service.recordArrival(contact, HCP.id);
    diaryReads.length = 0;
    const after = await service.expectedToday(contact);
    expect(after.hcps[0]!.attendance).toMatchObject({ hcpId: HCP.id, status: 'late' });
    expect(diaryReads).toEqual([]);
  });
});

describe('an arrival', () => {
  it('on a Saturday or a bank holiday is no HCP working day’s: refused, nothing recorded', async () => {
    for (const day of ['2026-11-28', '2026-12-25']) {
      const { service, store } = setUp(at(day, '09:00'));
      await expect(service.recordArrival(HCP, null)).rejects.toMatchObject({ kind: 'invalid', message: expect.stringMatching(/is not an HCP working day \(Monday to Friday, bank holidays aside\), so no arrival is recorded\.$/) });
      expect(store.attendance).toEqual([]);
    }
  });
});

describe('the time an HCP arrived, given when the arrival is recorded later (seed §4.1 "HCPs arrive on time", §7.2 the contact greets the HCP, Annex 4 attendance records)', () => {
  it('the contact greets Helen at 08:25 and records it at 08:40, giving 08:25: on time, nobody told of a late arrival, and the record keeps both times', async () => {
    const { store, service, told } = setUp(at('2026-11-23', '08:40'));
    const arrival = await service.recordArrival(CONTACT, HCP.id, '08:25');
    expect(arrival.record).toMatchObject({ status: 'on_time', arrivedAt: at('2026-11-23', '08:25'), recordedAt: at('2026-11-23', '08:40'), recordedById: CONTACT.id, date: '2026-11-23' });
    expect(store.attendance.map((a) => a.status)).toEqual(['on_time']);
    expect(told).toEqual([]);
    expect(await service.attendanceNotice(MANAGER, 'late', arrival.record.id)).toMatchObject({ kind: 'arrival', arrivedAt: at('2026-11-23', '08:25'), recordedAt: at('2026-11-23', '08:40'), recordedByName: 'Lucy Fernandes' });
  });

  it('a time given after 08:30 is late, and the managers are told; none given is now, as before', async () => {
    const { service, told, clock } = setUp(at('2026-11-23', '08:40'));
    const late = await service.recordArrival(CONTACT, HCP.id, ' 8:35 ');
    expect(late.record).toMatchObject({ status: 'late', arrivedAt: at('2026-11-23', '08:35'), recordedAt: at('2026-11-23', '08:40') });
    expect(told).toEqual([`late ${MANAGER.id} ${late.record.id}`]);
    clock.now = () => at('2026-11-24', '08:20');
    const now = await service.recordArrival(HCP, null, '');
    expect(now.record).toMatchObject({ status: 'on_time', arrivedAt: at('2026-11-24', '08:20'), recordedAt: at('2026-11-24', '08:20') });
  });

  it('a time later than now, before 06:00, after 20:00 or not a time is refused beside the field, and nothing is recorded', async () => {
    const { store, service, told } = setUp(at('2026-11-23', '08:40'));
    const future = await refusal(service.recordArrival(CONTACT, HCP.id, '08:45'));
    expect(future).toMatchObject({ message: 'Check the arrival time.', problems: { arrivedAt: 'That is later than now: enter the time they arrived today, or leave it empty for now.' } });
    expect((await refusal(service.recordArrival(CONTACT, HCP.id, '05:59'))).problems).toEqual({ arrivedAt: 'Enter a time today between 06:00 and 20:00, or leave it empty for now.' });
    expect((await refusal(service.recordArrival(CONTACT, HCP.id, 'soon'))).problems).toEqual({ arrivedAt: 'Enter the time they arrived as hours and minutes, for example 08:25, or leave it empty for now.' });
    expect((await refusal(service.recordArrival(CONTACT, HCP.id, '25:00'))).problems.arrivedAt).toContain('hours and minutes');
    expect(store.attendance).toEqual([]);
    expect(told).toEqual([]);
  });
});

describe('an HCP recording their own arrival', () => {
  it('is recorded at the time of the click: a time is given only by the contact who greeted them', async () => {
    const { service } = setUp(at('2026-11-23', '10:00'));
    const { record } = await service.recordArrival(HCP, null, '08:25');
    expect(record).toMatchObject({ status: 'late', arrivedAt: at('2026-11-23', '10:00') });
  });
});

describe('an individual case conference arranged for a work coach by their team leader, or by the activity manager on their behalf (Annex 3 §3.1–3.2)', () => {
  const CORA = person('cora', 'Cora Coach', ['work_coach']);
  const ask = { kind: 'individual_case_conference', note: 'Knee surgery', caseReference: 'SA-000001' };

  it('a team leader chooses one of the coaches they lead, beside the field; the coach is named, takes part where they work, and is told at each change but their own', async () => {
    const { store, service, told } = setUp(at('2026-04-13', '10:00'));
    expect((await service.conferenceCoaches(TOM)).map((c) => c.id)).toEqual([BEN.id]);
    expect((await refusal(service.requestCaseConference(TOM, ask))).problems).toEqual({ coachId: 'Choose the work coach the case conference is for: they are told, and it goes into their diary.' });
    expect((await refusal(service.requestCaseConference(TOM, { ...ask, coachId: KATE.id }))).problems).toEqual({ coachId: 'Choose one of the work coaches you lead, from the list.' });
    expect(store.activities).toEqual([]);

    const asked = await service.requestCaseConference(TOM, { ...ask, coachId: BEN.id.toUpperCase() });
    expect(asked).toMatchObject({ requestedById: TOM.id, coachId: BEN.id, takingPart: 'Ben Turner', jobcentreId: HORSHAM.id });
    expect(told).toEqual([`activity ${MANAGER.id} ${asked.id}`, `coach ${BEN.id} ${asked.id}`]);
    told.length = 0;
    const planned = await service.plan(MANAGER, asked.id, asked.version, { date: '2026-04-14', start: '10:00', end: '11:00' });
    expect(told).toEqual([`activity ${HCP.id} ${asked.id}`, `activity ${TOM.id} ${asked.id}`, `coach ${BEN.id} ${asked.id}`]);
    told.length = 0;
    const moved = await service.move(HCP, planned.id, planned.version, { date: '2026-04-14', start: '11:00', end: '12:00' });
    expect(told).toEqual([`activity ${TOM.id} ${asked.id}`, `activity ${MANAGER.id} ${asked.id}`, `coach ${BEN.id} ${asked.id}`]);
    told.length = 0;
    await service.cancel(TOM, moved.id, moved.version);
    expect(told).toEqual([`activity ${HCP.id} ${asked.id}`, `activity ${MANAGER.id} ${asked.id}`, `coach ${BEN.id} ${asked.id}`]);

    // The coach may see it; its notice is for them alone.
    expect(await service.viewerPart(moved, BEN)).toBe('coach');
    expect(await service.viewerPart(moved, KATE)).toBeNull();
    expect(await service.coachNotice(BEN, asked.id)).toMatchObject({ hcpName: 'Helen Okoro', arrangedByName: 'Tom Baker', officeName: 'Horsham' });
    await expect(service.coachNotice(TOM, asked.id)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('a coach asking for their own is named without choosing and gets no notice besides its card; a team leader with no coaches in the directory asks for one with themselves, as before', async () => {
    const { service, told } = setUp(at('2026-04-13', '10:00'));
    const own = await service.requestCaseConference(CORA, ask);
    expect(own).toMatchObject({ requestedById: CORA.id, coachId: CORA.id });
    await service.plan(MANAGER, own.id, own.version, { date: '2026-04-14', start: '10:00', end: '11:00' });
    expect(told.filter((t) => t.startsWith('coach'))).toEqual([]);
    expect(await service.requestCaseConference(LEADER, ask)).toMatchObject({ requestedById: LEADER.id, coachId: null, takingPart: 'Tess Leader' });
  });

  it('the activity manager sets one for a coach of the district, refused beside the field without one; other activity names none', async () => {
    const { store, service, told } = setUp(at('2026-04-13', '10:00'));
    const work = { ...typed, kind: 'individual_case_conference', hcpId: HCP.id, date: '2026-04-15', start: '10:00', end: '11:00' };
    const refused = await refusal(service.setWorkActivity(MANAGER, { ...work, start: '' }));
    expect(refused.problems).toMatchObject({ coachId: 'Choose the work coach the case conference is for: they are told, and it goes into their diary.' });
    expect(refused.problems.start).toBeDefined();
    // Kate works at a jobcentre of no HCP's cluster: not one to choose.
    expect((await service.districtCoaches(MANAGER, [HCP])).map((c) => c.id)).toEqual([BEN.id]);
    expect((await refusal(service.setWorkActivity(MANAGER, { ...work, coachId: KATE.id }))).problems).toEqual({ coachId: 'Choose a work coach of your district, from the list.' });
    const set = await service.setWorkActivity(MANAGER, { ...work, takingPart: '', coachId: BEN.id });
    expect(set).toMatchObject({ coachId: BEN.id, requestedById: null, setById: MANAGER.id, takingPart: 'Ben Turner' });
    expect(told).toEqual([`activity ${HCP.id} ${set.id}`, `coach ${BEN.id} ${set.id}`]);
    expect(await service.coachNotice(BEN, set.id)).toMatchObject({ arrangedByName: 'Mark Ellis' });
    const other = await service.setWorkActivity(MANAGER, { ...work, kind: 'presentation', date: '2026-04-16', coachId: BEN.id });
    expect(other.coachId).toBeNull();
    expect(store.activities).toHaveLength(2);
  });
});
