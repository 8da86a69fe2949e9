import type { DataSource } from 'typeorm';
import type { MssqlRecorder } from '../../../testkit/mssql-recorder';
import { SqlBookingStore } from '../../../data/stores/bookings';
import { SqlCohortDirectory } from '../../../data/stores/cohorts';
import { ConversationReferences } from '../../../data/stores/conversation-references';
import { SqlConferenceStore } from '../../../data/stores/group-conferences';
import { SqlInterventionStore } from '../../../data/stores/interventions';
import { SqlJobLeases } from '../../../data/stores/job-leases';
import { SqlMeetingRecordStore } from '../../../data/stores/meeting-records';
import { Outbox } from '../../../data/stores/outbox';
import { PostedCards } from '../../../data/stores/posted-cards';
import { ProcessedActivities } from '../../../data/stores/processed-activities';
import { SqlQualityCheckStore } from '../../../data/stores/quality-checks';
import { pruneStaleRows } from '../../../data/stores/retention';
import { SqlStorage } from '../../../data/stores/sql-storage';
import { SqlStaffDirectory } from '../../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../../data/stores/support-requests';
import { SqlTrendStore } from '../../../data/stores/trend-alerts';
import { SqlWorkingPatterns } from '../../../data/stores/working-patterns';
import { SqlAdvicePeople, SqlAdviceStore } from '../../../data/stores/specialist-advice';
import { SqlHcpActivityStore, SqlHcpAway, SqlHcpRoles } from '../../../data/stores/hcp-activity';
import { ConversationPace } from '../../../data/stores/conversation-pace';
import { SqlFollowUpActionStore } from '../../../data/stores/follow-up-actions';
import { SqlOutputsReader, SqlPartnershipStore } from '../../../data/stores/partnership';
import { SqlForumStore, SqlStrategyMeetingStore, SqlHubStore, SqlInformationSummaries, SqlPartnerStore, SqlPartnershipDirectory, SqlSolutionStore, SqlStrategyStore } from '../../../data/stores/partnerships';
import { SqlRequestLists } from '../../../data/stores/request-lists';
import { RequestEvents } from '../../../data/stores/request-events';
import { SqlRetentionCaseStore } from '../../../data/stores/retention-cases';
import { SqlRoleHolders } from '../../../data/stores/role-holders';
import { WorkQueue, workId } from '../../../data/stores/work-queue';
import { EmbeddedCalendar } from '../../../data/calendar/embedded-calendar';
import { applySeed } from '../../../data/seed/apply-seed';
import { databaseWritable } from '../../../data/database';
import type { NewConference } from '../../../domain/conferences/ports';
import type { NewSupportRequest } from '../../../domain/requests/ports';
import { SqlReportReadModel } from '../../../data/reports/sql-report-read-model';
import { SqlFeedbackStore } from '../../../data/reports/feedback-store';
import { SqlDeadlineStore } from '../../../data/reports/deadline-store';
import { SqlReportPeople } from '../../../data/reports/report-people';
import type { StaffMember } from '../../../domain/staff';

/**
 * Every SQL statement the stores, the embedded calendar, the bot's storage and the seed send, as
 * calls made on an SQL Server data source that records instead of sending. `n` is the size of
 * every list a call is given: small for the readable snapshot, large to prove that no statement
 * goes over SQL Server's 2,100 parameters.
 *
 * A store's every public method must be here (the types refuse a store with a method missing), and
 * every class or function exported from data/stores/ must be listed (a test refuses one that is not).
 */
export interface Scene {
  readonly dataSource: DataSource;
  readonly recorder: MssqlRecorder;
  /** How many items each list holds. */
  readonly n: number;
}

type Run<T> = (subject: T, scene: Scene) => Promise<unknown>;
/** One scenario for each public method of a store. */
type Calls<T> = { [K in keyof T as T[K] extends (...args: never[]) => Promise<unknown> ? K : never]-?: Run<T> };

export interface Subject {
  /** The class or function exported from its module. */
  readonly exported: unknown;
  readonly name: string;
  readonly calls: ReadonlyArray<readonly [method: string, run: (scene: Scene) => Promise<unknown>]>;
}

function store<T>(exported: abstract new (...args: never[]) => T, make: (scene: Scene) => T, calls: Calls<T>): Subject {
  return {
    exported,
    name: exported.name,
    calls: Object.entries(calls as Record<string, Run<T>>).map(([method, run]) => [method, (scene: Scene) => run(make(scene), scene)] as const),
  };
}

function fn(exported: (...args: never[]) => unknown, run: (scene: Scene) => Promise<unknown>): Subject {
  return { exported, name: exported.name, calls: [['', run]] };
}

const AT = new Date('2026-01-05T10:00:00Z');
const LATER = new Date('2026-01-05T11:00:00Z');
const ID = '0b7f5a3e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const OTHER = '1c8a6b4f-2d3e-4f60-9bac-1d2e3f4a5b6c';
const list = (n: number, prefix = 'id') => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

const person: StaffMember = { id: ID, aadObjectId: OTHER, name: 'Dana Morgan', email: 'dana.morgan@example.gov.uk', roles: ['dea'], jobcentreId: ID, deaId: null, teamLeaderId: null };
const conference = (i: number): NewConference => ({ month: '2026-02', groupIndex: i, start: AT, end: LATER, coachIds: [ID], clashes: [], status: 'proposed' });
const event = (mailbox: string) => ({ mailbox, subject: 'DEA-000001', body: 'Case conference', start: AT, end: LATER, showAs: 'busy' as const, attendees: [{ email: 'amira.shah@example.gov.uk', name: 'Amira Shah' }], location: null, onlineMeeting: true, transactionId: 'tx-1' });

/** Staff ids the server returns for a directory query, as many as the scene's lists hold. */
function staffIds(scene: Scene, from: string, column: string) {
  scene.recorder.answer((sql) => (sql.includes(from) ? { rows: list(scene.n).map((id) => ({ [column]: id })) } : undefined));
}

/** The request a change reads before it writes, as the server would return it. */
function storedRequest(scene: Scene, values: Record<string, unknown>) {
  scene.recorder.answer((sql) => (sql.startsWith('SELECT') && sql.includes('FROM "support_request" "q"') ? { rows: [scene.recorder.rowFor(sql, values)] } : undefined));
}

const NEW_REQUEST: NewSupportRequest = {
  type: 'claimant_support',
  requesterId: ID,
  deaId: OTHER,
  claimant: { surname: 'Jones', nino: 'QQ123456C', benefits: ['UC'] },
  topic: null,
  description: 'Needs support',
  reason: null,
  requiredBy: '2026-02-01',
  urgent: false,
  vulnerability: null,
  submissionKey: 'submission-1',
};

export const SUBJECTS: readonly Subject[] = [
  store(SqlSupportRequestStore, ({ dataSource }) => new SqlSupportRequestStore(dataSource), {
    createOnce: (s) => s.createOnce(NEW_REQUEST, AT),
    // The seeding form of createOnce: the same statements.
    create: (s) => s.create(NEW_REQUEST, AT),
    findById: (s) => s.findById(ID),
    findByNumber: (s) => s.findByNumber(1),
    listByRequester: (s) => s.listByRequester(ID, 10),
    listByRequesters: (s, { n }) => s.listByRequesters(list(n), AT),
    changeStatus: (s, scene) => {
      storedRequest(scene, { version: 1, status: 'submitted' });
      return s.changeStatus({ requestId: ID, expectedVersion: 1, to: 'info_requested', actorId: OTHER, action: 'ask', at: AT, message: { kind: 'question', text: 'Which benefits?' } });
    },
    touch: (s, scene) => {
      storedRequest(scene, { version: 1, status: 'accepted' });
      return s.touch({ requestId: ID, expectedVersion: 1, actorId: OTHER, action: 'booking', at: AT });
    },
  }),
  store(SqlBookingStore, ({ dataSource }) => new SqlBookingStore(dataSource), {
    create: (s) => s.create({ requestId: ID, start: AT, end: LATER, mode: 'teams', claimantContact: null }, AT),
    find: (s) => s.find(ID),
    currentFor: (s) => s.currentFor(ID),
    endedBy: (s) => s.endedBy(AT),
    update: (s) => s.update(ID, 1, { status: 'booked', events: [], joinUrl: null }, AT),
  }),
  store(SqlStaffDirectory, ({ dataSource }) => new SqlStaffDirectory(dataSource), {
    findByAadObjectId: (s) => s.findByAadObjectId(OTHER),
    findById: (s) => s.findById(ID),
    findByIds: (s, { n }) => s.findByIds(list(n)),
    findByTeamLeader: (s, scene) => {
      scene.recorder.answer((sql) => (sql.includes('FROM "staff" "Staff"') ? { rows: list(scene.n).map((id) => scene.recorder.rowFor(sql, { id })) } : undefined));
      return s.findByTeamLeader(ID);
    },
    count: (s) => s.count(),
  }),
  store(SqlCohortDirectory, ({ dataSource }) => new SqlCohortDirectory(dataSource, new SqlStaffDirectory(dataSource)), {
    cohortOf: (s, scene) => {
      scene.recorder.answer((sql) => (sql.includes('FROM "staff" "Staff"') ? { rows: list(scene.n).map((id) => ({ Staff_id: id })) } : undefined));
      return s.cohortOf(ID);
    },
    deasFor: (s) => s.deasFor(ID),
    workPsychologistFor: (s, scene) => {
      staffIds(scene, 'FROM "staff" "s" INNER JOIN "staff_role"', 'id');
      return s.workPsychologistFor(person);
    },
  }),
  store(ConversationReferences, ({ dataSource }) => new ConversationReferences(dataSource), {
    remember: (s) => s.remember({ conversation: { id: 'a:1', conversationType: 'personal', isGroup: false, name: '' }, serviceUrl: 'https://smba.example/' }, OTHER),
    personalChatOf: (s) => s.personalChatOf(OTHER),
    personalChatsOf: (s, { n }) => s.personalChatsOf(list(n)),
    teamsUserIdsOf: (s, { n }) => s.teamsUserIdsOf(list(n)),
  }),
  store(SqlConferenceStore, ({ dataSource }) => new SqlConferenceStore(dataSource), {
    createPlan: (s, { n }) =>
      s.createPlan({ deaId: ID, wctlId: OTHER, durationMinutes: 60, inviteWctl: true, workPsychologistId: null, meetingMethod: 'face_to_face', venue: 'Leeds Jobcentre', room: 'Room 2', timeOfDay: 'morning', groups: [[ID]], warning: null }, Array.from({ length: n }, (_, i) => conference(i)), AT),
    findPlan: (s) => s.findPlan(ID),
    plansForDea: (s) => s.plansForDea(ID, ['draft', 'confirmed']),
    confirmedPlans: (s) => s.confirmedPlans(),
    // Every column it may set: the status, the groups and the warning (the cohort outgrew its groups).
    updatePlan: (s) => s.updatePlan(ID, 1, { status: 'confirmed', groups: [[ID], [OTHER]], warning: 'Group 2 was added.' }, AT),
    addConferences: (s, { n }) => s.addConferences(ID, Array.from({ length: Math.min(n, 3) }, (_, i) => conference(i)), AT),
    conferencesOf: async (s) => {
      await s.conferencesOf(ID);
      // What a plan's card and the jobs read: a range of months, bounded.
      await s.conferencesOf(ID, { from: '2026-11', statuses: ['booked', 'pending'], limit: 12 });
      await s.conferencesOf(ID, { before: '2026-11', statuses: ['held'], latestFirst: true, limit: 3 });
      return s.conferencesOf(ID, { months: ['2026-11', '2026-12'] });
    },
    findConference: (s) => s.findConference(ID),
    updateConference: (s) => s.updateConference(ID, 1, { status: 'booked', eventId: 'event-1', joinUrl: 'https://teams.example/join' }, AT),
    bookedBetween: async (s) => {
      await s.bookedBetween(AT, LATER);
      // The nominate form's read: a person's plans only, at most its limit.
      return s.bookedBetween(AT, LATER, { madeBy: ID, deaIds: [OTHER], statuses: ['booked', 'pending'], limit: 20 });
    },
    nominate: (s) => s.nominate({ conferenceId: ID, nominatedById: OTHER, requestId: null, reference: null, note: 'A new case' }, AT),
    casesOf: (s) => s.casesOf(ID),
    moveCases: (s) => s.moveCases([ID, OTHER], ID),
    recordCaseOutcome: (s) => s.recordCaseOutcome(ID, [], ['DEA-000002'], AT),
    recordQas: (s) => s.recordQas({ planId: ID, conferenceId: OTHER, month: '2026-02', checkedById: ID, result: 'met', comments: null, at: AT }),
    qasChecksOf: async (s) => {
      await s.qasChecksOf(ID);
      return s.qasChecksOf(ID, ['2026-11']);
    },
    setCard: (s) => s.setCard(ID, 'activity-1', { conversation: { id: 'a:1' } }),
    cardOf: (s) => s.cardOf(ID),
  }),
  store(SqlInterventionStore, ({ dataSource }) => new SqlInterventionStore(dataSource), {
    saveConsent: (s) =>
      s.saveConsent({
        requestId: ID,
        purpose: 'three_way_intervention',
        conditionality: 'voluntary',
        statements: [],
        answer: 'agreed',
        availability: ['mon-am'],
        letterFormat: 'standard',
        capturedById: OTHER,
        capturedAt: AT,
      }),
    consentFor: (s) => s.consentFor(ID, 'three_way_intervention'),
    countInterventions: (s) => s.countInterventions('QQ123456C', ID, ['accepted', 'booked']),
    countBeingBooked: (s) => s.countBeingBooked('QQ123456C', ID),
    askOverride: (s) => s.askOverride({ requestId: ID, reason: 'Exceptional', askedById: OTHER, askedAt: AT, teamLeaderId: ID, priorCount: 3 }),
    overrideFor: (s) => s.overrideFor(ID),
    findOverride: (s) => s.findOverride(ID),
    decideOverride: (s) => s.decideOverride(ID, 'agreed', null, AT),
  }),
  store(SqlJobLeases, ({ dataSource }) => new SqlJobLeases(dataSource), {
    claim: (s, scene) => {
      // The row is there already: the lease is taken over only if it ran out.
      scene.recorder.answer((sql) => (sql.startsWith('INSERT') ? { duplicate: true } : undefined));
      return s.claim('top-up', '2026-01', AT, 60_000);
    },
    complete: (s) => s.complete('top-up', '2026-01', AT),
    release: (s) => s.release('top-up', '2026-01'),
  }),
  store(SqlMeetingRecordStore, ({ dataSource }) => new SqlMeetingRecordStore(dataSource), {
    add: (s) => s.add({ requestId: ID, kind: 'outcome', authorId: OTHER, at: AT, text: 'Actions', nextSteps: [], sentToId: null }),
    forRequest: (s) => s.forRequest(ID),
    find: (s) => s.find(ID),
  }),
  store(Outbox, ({ dataSource }) => new Outbox(dataSource), {
    enqueue: (s) => s.enqueue(OTHER, 'request.new', ID, AT),
    lease: (s) => s.lease(ID, AT),
    find: (s) => s.find(ID),
    due: (s) => s.due(AT, 50),
    pendingFor: (s) => s.pendingFor(OTHER),
    delivered: (s) => s.delivered(ID, AT, 201, 'activity-1'),
    retryAt: (s) => s.retryAt(ID, 1, 'Too many requests', 429, AT),
    postpone: (s) => s.postpone(ID, AT),
    awaitingRecipient: (s) => s.awaitingRecipient(ID, 'Not installed', AT),
    dead: (s) => s.dead(ID, 10, 'Service unavailable', 503, AT),
    claimWaiterNotice: (s) => s.claimWaiterNotice(ID, AT),
  }),
  store(PostedCards, ({ dataSource }) => new PostedCards(dataSource), {
    record: (s) => s.record({ requestId: ID, recipientAad: OTHER, activityId: 'activity-1', reference: { conversation: { id: 'a:1', isGroup: false, conversationType: 'personal', name: '' } } }, AT),
    forRequest: (s) => s.forRequest(ID),
    forget: (s) => s.forget({ activityId: 'activity-1', reference: { conversation: { id: 'a:1', isGroup: false, conversationType: 'personal', name: '' } } }),
  }),
  store(ProcessedActivities, ({ dataSource }) => new ProcessedActivities(dataSource), {
    claim: (s) => s.claim('msteams', 'a:1', 'activity-1', AT),
    claimOnce: (s) => s.claimOnce('welcome', OTHER, AT),
    complete: (s) => s.complete('msteams', 'a:1', 'activity-1', AT),
    release: (s) => s.release('msteams', 'a:1', 'activity-1'),
    prune: (s) => s.prune(AT),
  }),
  store(SqlQualityCheckStore, ({ dataSource }) => new SqlQualityCheckStore(dataSource), {
    mark: (s) => s.mark({ requestId: ID, standard: 'qas2', checkerId: OTHER, markedAt: AT }),
    forRequest: (s) => s.forRequest(ID),
    record: (s) => s.record(ID, 'met', null, AT),
  }),
  fn(pruneStaleRows, ({ dataSource }) => pruneStaleRows(dataSource, { botStateDays: 30, conversationReferenceDays: 400, jobRunDays: 90 }, AT)),
  store(SqlStorage, ({ dataSource }) => new SqlStorage(dataSource), {
    read: (s, { n }) => s.read(list(n, 'conversation')),
    write: (s) => s.write({ 'conversation/1': { eTag: '*', state: 1 }, 'conversation/2': { eTag: 'etag-1', state: 2 } }),
    delete: (s, { n }) => s.delete(list(n, 'conversation')),
  }),
  store(SqlTrendStore, ({ dataSource }) => new SqlTrendStore(dataSource), {
    recordOnce: (s) => s.recordOnce({ kind: 'inappropriate_requests', teamLeaderId: ID, coachIds: [OTHER], topic: null, count: 2, windowDays: 60 }, 'trend-1', AT),
    find: (s) => s.find(ID),
  }),
  store(SqlWorkingPatterns, ({ dataSource }) => new SqlWorkingPatterns(dataSource), {
    of: (s) => s.of(person),
    ofAll: (s) => s.ofAll([person, { ...person, id: OTHER }]),
  }),
  store(EmbeddedCalendar, ({ dataSource }) => new EmbeddedCalendar(dataSource), {
    busy: (s, { n }) => s.busy(list(n, 'person').map((p) => `${p}@example.gov.uk`), AT, LATER),
    createEvents: (s) => s.createEvents([event('Dana.Morgan@example.gov.uk')]),
    moveEvents: (s, scene) => {
      scene.recorder.answer((sql) => (sql.startsWith('SELECT') ? { rows: [scene.recorder.rowFor(sql)] } : undefined));
      return s.moveEvents([{ mailbox: 'Dana.Morgan@example.gov.uk', eventId: ID, start: AT, end: LATER }]);
    },
    setAttendees: (s) => s.setAttendees([{ mailbox: 'Dana.Morgan@example.gov.uk', eventId: ID, attendees: [{ email: 'amira.shah@example.gov.uk', name: 'Amira Shah' }] }]),
    deleteEvents: (s) => s.deleteEvents([{ mailbox: 'Dana.Morgan@example.gov.uk', eventId: ID }]),
  }),
  store(SqlAdviceStore, ({ dataSource }) => new SqlAdviceStore(dataSource), {
    create: (s) =>
      s.create(
        {
          status: 'requested',
          coachId: ID,
          hcpId: OTHER,
          contactId: null,
          jobcentreId: ID,
          cluster: 'Gatwick Diamond',
          district: 'Surrey and Sussex',
          claimant: { surname: 'Jones', nino: 'QQ123456C', benefit: 'UC', wcaStatus: 'had', wcaSummary: null, background: 'Background', conditions: 'Conditions' },
          adviceTypes: ['work_activity'],
          channel: 'video',
          complex: false,
          adHoc: false,
          askedAdHoc: false,
          consent: { agreed: true, gpConsent: false, recordedById: ID, recordedAt: AT },
          start: AT,
          end: LATER,
          prepStart: AT,
          timesMoved: 0,
          packReadyAt: null,
          preparedAt: null,
          heldAt: null,
          returnedAt: null,
          returnConfirmedAt: null,
          findings: 'none',
          diaryEvents: [],
          diaryStatus: 'done',
          diaryError: null,
          packRemindedAt: null,
        },
        AT,
      ),
    find: (s) => s.find(ID),
    update: (s) => s.update(ID, 1, { status: 'booked', start: AT, end: LATER }, AT),
    saveNotes: (s) =>
      s.saveNotes({ conversationId: ID, conditions: 'c', impact: 'i', functioning: 'f', actions: 'a', noAlternativeDiagnosis: true, wcaNotChallenged: true, findings: null, signedName: 'Helen Okoro', signedOn: '2026-01-05', recordedById: OTHER, recordedAt: AT }),
    notesOf: (s) => s.notesOf(ID),
    forHcps: (s, { n }) => s.forHcps(list(n), AT, LATER),
    atJobcentre: (s) => s.atJobcentre(ID, AT, LATER),
    forCoach: (s) => s.forCoach(ID, 10),
    record: (s) => s.record(ID, OTHER, 'booked', AT),
    siteDays: (s, { n }) => s.siteDays(list(n), '2026-01-05', '2026-02-05'),
    setSiteDay: (s) => s.setSiteDay({ hcpId: OTHER, date: '2026-01-05', jobcentreId: ID }, ID, AT),
    recordDiary: (s) => s.recordDiary(ID, 1, { diaryEvents: [{ mailbox: 'helen.okoro@example.gov.uk', eventId: ID, key: `${ID}:0:conversation` }], diaryStatus: 'done', diaryError: null }, AT),
    markPackReminded: (s) => s.markPackReminded(ID, AT),
    packsNotReady: (s) => s.packsNotReady(AT, LATER, 50),
    lapsedAdHocAsks: (s) => s.lapsedAdHocAsks(AT, LATER, 50),
    latestHappening: (s) => s.latestHappening(ID),
    breaksOf: (s, { n }) => s.breaksOf(list(n)),
    setBreaks: (s) => s.setBreaks(OTHER, [{ hcpId: OTHER, weekday: 'monday', start: '12:30', end: '13:00' }], ID, AT),
  }),
  store(SqlHcpAway, ({ dataSource }) => new SqlHcpAway(dataSource), {
    awayOf: (s) => s.awayOf(OTHER, '2026-01-05', '2026-02-05'),
  }),
  store(SqlHcpActivityStore, ({ dataSource }) => new SqlHcpActivityStore(dataSource), {
    createActivity: (s, scene) => {
      scene.recorder.answer((sql) => (sql.startsWith('SELECT') ? { rows: [scene.recorder.rowFor(sql, { diaryEvents: null })] } : undefined));
      return s.createActivity(
        { hcpId: OTHER, kind: 'presentation', status: 'done', jobcentreId: ID, district: 'Surrey and Sussex', date: '2026-01-05', start: AT, end: LATER, takingPart: 'Crawley work coaches', note: 'Back pain and work', caseReference: null, caseCount: null, adHoc: false, requestedById: null, setById: null, recordedById: OTHER, recordedAt: AT },
        AT,
      );
    },
    activity: (s) => s.activity(ID),
    updateActivity: (s, scene) => {
      scene.recorder.answer((sql) => (sql.startsWith('SELECT') ? { rows: [scene.recorder.rowFor(sql, { diaryEvents: null })] } : sql.startsWith('UPDATE') ? { affected: 1 } : undefined));
      return s.updateActivity(ID, 1, { status: 'planned', date: '2026-01-05', start: AT, end: LATER, setById: ID }, AT);
    },
    setDiaryEntries: (s) => s.setDiaryEntries(ID, [{ personId: OTHER, mailbox: 'helen.okoro@example.gov.uk', eventId: 'event-1' }]),
    activitiesOf: (s) => s.activitiesOf(OTHER, '2026-01-05', '2026-01-09'),
    openActivitiesOf: (s) => s.openActivitiesOf(OTHER),
    activitiesInDistrict: (s) => s.activitiesInDistrict('Surrey and Sussex', '2026-01-05', '2026-01-09'),
    requestedInDistrict: (s) => s.requestedInDistrict('Surrey and Sussex'),
    weeklyNote: (s) => s.weeklyNote(OTHER, '2026-01-05'),
    weeklyNoteById: (s) => s.weeklyNoteById(ID),
    createWeeklyNote: (s, scene) => {
      scene.recorder.answer((sql) => (sql.startsWith('SELECT') ? { rows: [scene.recorder.rowFor(sql)] } : undefined));
      return s.createWeeklyNote({ hcpId: OTHER, district: 'Surrey and Sussex', weekStart: '2026-01-05', status: 'draft', body: 'Presentation at Crawley', submittedAt: null, reviewedById: null, reviewedAt: null, changeReason: null, remindedAt: null }, AT);
    },
    updateWeeklyNote: (s, scene) => {
      scene.recorder.answer((sql) => (sql.startsWith('SELECT') ? { rows: [scene.recorder.rowFor(sql)] } : sql.startsWith('UPDATE') ? { affected: 1 } : undefined));
      return s.updateWeeklyNote(ID, 1, { status: 'accepted', reviewedById: ID, reviewedAt: AT }, AT);
    },
    weeklyNotesInDistrict: (s) => s.weeklyNotesInDistrict('Surrey and Sussex', '2026-01-05', '2026-02-02'),
    weeklyNotesFor: (s, { n }) => s.weeklyNotesFor(list(n), '2026-01-05'),
    recordAttendance: (s) => s.recordAttendance({ hcpId: OTHER, district: 'Surrey and Sussex', date: '2026-01-05', jobcentreId: ID, status: 'late', arrivedAt: AT, recordedById: ID, recordedAt: AT, supplierRequestId: null }),
    attendanceRecord: (s) => s.attendanceRecord(ID),
    attendanceOf: (s) => s.attendanceOf(OTHER, '2026-01-05', '2026-01-09'),
    attendanceInDistrict: (s) => s.attendanceInDistrict('Surrey and Sussex', '2026-01-01', '2026-01-31'),
    linkAttendanceToRequest: (s, { n }) => s.linkAttendanceToRequest(list(n), ID),
    createSupplierRequest: (s, scene) => {
      scene.recorder.answer((sql) => (sql.startsWith('SELECT') && !sql.includes('MAX(') ? { rows: [scene.recorder.rowFor(sql)] } : undefined));
      return s.createSupplierRequest({ kind: 'replacement', district: 'Surrey and Sussex', hcpId: OTHER, fromDate: '2026-01-05', toDate: '2026-01-06', details: 'Absent', caseReference: null, raisedById: ID, raisedAt: AT, dueOn: '2026-01-19' });
    },
    supplierRequest: (s) => s.supplierRequest(ID),
    updateSupplierRequest: (s, scene) => {
      scene.recorder.answer((sql) => (sql.startsWith('SELECT') ? { rows: [scene.recorder.rowFor(sql)] } : sql.startsWith('UPDATE') ? { affected: 1 } : undefined));
      return s.updateSupplierRequest(ID, 1, { status: 'answered', answeredAt: AT, answeredById: ID, answer: 'A replacement starts on Monday', coverOn: '2026-12-07' });
    },
    supplierRequestsInDistrict: (s) => s.supplierRequestsInDistrict('Surrey and Sussex', AT, LATER),
    openSupplierRequests: (s) => s.openSupplierRequests('Surrey and Sussex'),
    recordNotice: (s) => s.recordNotice({ hcpId: OTHER, district: 'Surrey and Sussex', givenOn: '2026-01-05', receivedOn: '2026-01-06', dueOn: '2026-01-06', lastDay: '2026-02-06', recordedById: ID, recordedAt: AT }),
    noticeOf: (s) => s.noticeOf(OTHER),
    noticesInDistrict: (s) => s.noticesInDistrict('Surrey and Sussex'),
  }),
  store(SqlHcpRoles, ({ dataSource }) => new SqlHcpRoles(dataSource, new SqlStaffDirectory(dataSource)), {
    managersInDistrict: (s) => s.managersInDistrict('Surrey and Sussex'),
    allHcps: (s) => s.allHcps(),
  }),
  store(SqlAdvicePeople, ({ dataSource }) => new SqlAdvicePeople(dataSource, new SqlStaffDirectory(dataSource)), {
    jobcentre: (s) => s.jobcentre(ID),
    jobcentresInCluster: (s) => s.jobcentresInCluster('Gatwick Diamond'),
    officesInClustersOf: (s, { n }) => s.officesInClustersOf(list(n)),
    hcpCovering: (s, scene) => {
      staffIds(scene, 'FROM "staff" "s" INNER JOIN "staff_role"', 'id');
      return s.hcpCovering(ID);
    },
    contactAt: (s) => s.contactAt(ID),
    hcpsInDistrict: (s, scene) => {
      scene.recorder.answer((sql) => (sql.includes('FROM "staff" "s" INNER JOIN "staff_role"') ? { rows: list(scene.n).map((id) => ({ id })) } : undefined));
      return s.hcpsInDistrict('Surrey and Sussex');
    },
  }),
  store(ConversationPace, ({ dataSource }) => new ConversationPace(dataSource), {
    reserve: async (s, scene) => {
      // Seen before, its row is read and moved on by a compare-and-set on its version.
      scene.recorder.answer((sql) => (sql.startsWith('INSERT') ? { duplicate: true } : sql.startsWith('SELECT') ? { rows: [scene.recorder.rowFor(sql, { nextAt: AT, version: 3 })] } : undefined));
      return s.reserve('a:1', AT);
    },
    holdUntil: (s, scene) => {
      scene.recorder.answer((sql) => (sql.startsWith('SELECT') ? { rows: [scene.recorder.rowFor(sql, { nextAt: AT, version: 3 })] } : undefined));
      return s.holdUntil('a:1', LATER);
    },
  }),
  store(SqlFollowUpActionStore, ({ dataSource }) => new SqlFollowUpActionStore(dataSource), {
    create: (s) =>
      s.create({ requestId: ID, requestReference: 'DEA-000001', kind: 'work_psychologist', jobcentreId: ID, requesterId: OTHER, deaId: ID, assigneeId: null, status: 'unassigned', createdById: ID, createdAt: AT, dueBy: LATER, assignedAt: null }),
    find: (s) => s.find(ID),
    forRequest: (s) => s.forRequest(ID),
    idsForRequests: (s, scene) => s.idsForRequests(list(scene.n)),
    update: (s, scene) => {
      scene.recorder.answer((sql) => (sql.startsWith('SELECT') ? { rows: [scene.recorder.rowFor(sql, { version: 2, status: 'assigned' })] } : undefined));
      return s.update(ID, 1, { assigneeId: OTHER, status: 'assigned', assignedAt: AT });
    },
    forPerson: (s) => s.forPerson(OTHER, 10),
    overdue: (s) => s.overdue(AT),
  }),
  store(SqlPartnershipStore, ({ dataSource }) => new SqlPartnershipStore(dataSource), {
    addMeetings: (s, { n }) => s.addMeetings(Array.from({ length: Math.min(n, 3) }, (_, i) => ({ deaId: ID, workPsychologistId: OTHER, month: `2026-0${i + 2}`, start: AT, end: LATER, mode: 'teams' as const, movedBecause: i ? null : 'Moved from Monday 25 May: a bank holiday.' }))),
    meetingsOf: (s) => s.meetingsOf(ID, OTHER),
    meetingsOfWorkPsychologist: (s) => s.meetingsOfWorkPsychologist(OTHER),
    unbooked: (s) => s.unbooked(),
    markMeeting: (s) => s.markMeeting(ID, { status: 'booked', eventId: 'event-1' }),
    addActivity: (s) =>
      s.addActivity({ deaId: ID, workPsychologistId: OTHER, kind: 'awareness_session', status: 'requested', requestReference: null, topic: 'Anxiety at work', feedback: 'Coaches asked for it', date: null, note: null, createdAt: AT }),
    findActivity: (s) => s.findActivity(ID),
    completeActivity: (s) => s.completeActivity(ID, '2026-01-05', 'Held with the cohort'),
    activitiesOf: (s) => s.activitiesOf(ID, 10),
    waitingConferences: (s) => s.waitingConferences(OTHER, 10),
  }),
  store(SqlOutputsReader, ({ dataSource }) => new SqlOutputsReader(dataSource), {
    outputsOf: (s) => s.outputsOf(ID, AT, LATER),
  }),
  store(SqlHubStore, ({ dataSource }) => new SqlHubStore(dataSource), {
    createEntry: (s) => s.createEntry({ district: 'Surrey and Sussex', title: 'Access to Work', summary: 'Grants for support at work', link: 'https://www.gov.uk/access-to-work', kind: 'guidance', status: 'awaiting_publication', keeperId: ID }, AT),
    findEntry: (s) => s.findEntry(ID),
    entriesOf: (s) => s.entriesOf('Surrey and Sussex'),
    updateEntry: (s, scene) => {
      scene.recorder.answer((sql) => (sql.startsWith('SELECT') ? { rows: [scene.recorder.rowFor(sql, { kind: 'guidance', status: 'published' })] } : undefined));
      return s.updateEntry(ID, { status: 'published' }, AT);
    },
    createChange: (s) => s.createChange({ entryId: ID, action: 'add', content: { title: 'Access to Work', summary: 'Grants for support at work', link: null, kind: 'guidance' }, requestedById: ID, contactId: OTHER }, AT),
    findChange: (s) => s.findChange(ID),
    pendingChangeOf: (s) => s.pendingChangeOf(ID),
    pendingChangesOf: (s, { n }) => s.pendingChangesOf(list(n)),
    decideChange: (s, scene) => {
      scene.recorder.answer((sql) => (sql.startsWith('SELECT') ? { rows: [scene.recorder.rowFor(sql, { status: 'published', version: 2 })] } : undefined));
      return s.decideChange(ID, 1, 'published', null, AT);
    },
  }),
  store(SqlStrategyMeetingStore, ({ dataSource }) => new SqlStrategyMeetingStore(dataSource), {
    addSeries: (s, { n }) => s.addSeries(Array.from({ length: Math.min(n, 3) }, () => ({ strategyId: ID, seriesId: OTHER, start: AT, end: LATER, mode: 'face_to_face' as const, externalEmails: ['info@crawleymind.example.org'] })), AT),
    find: (s) => s.find(ID),
    ofStrategy: (s) => s.ofStrategy(ID),
    unbookedOf: (s) => s.unbookedOf(OTHER),
    mark: (s) => s.mark(ID, { status: 'booked', eventId: 'event-1' }),
    recordNotes: (s) => s.recordNotes(ID, 1, 'Agreed two job trials with the warehouse.', OTHER, AT),
  }),
  store(SqlForumStore, ({ dataSource }) => new SqlForumStore(dataSource), {
    create: (s) => s.create({ district: 'Surrey and Sussex', authorId: ID, topic: 'Autism and group sessions', body: 'Coaches ask how to adapt group sessions.' }, AT),
    find: (s) => s.find(ID),
    listIn: (s) => s.listIn('Surrey and Sussex', 10),
    answer: (s) => s.answer(ID, 1, { text: 'See the hidden impairment toolkit.', byId: OTHER }, AT),
  }),
  store(SqlInformationSummaries, ({ dataSource }) => new SqlInformationSummaries(dataSource), {
    latestOf: (s) => s.latestOf(ID),
  }),
  store(SqlSolutionStore, ({ dataSource }) => new SqlSolutionStore(dataSource), {
    create: (s) => s.create({ deaId: ID, kind: 'job_trial', status: 'available', title: 'Warehouse job trial', summary: 'Two weeks, paid travel', link: null, hubEntryId: null, sentTo: 4 }, AT),
    find: (s) => s.find(ID),
  }),
  store(SqlPartnerStore, ({ dataSource }) => new SqlPartnerStore(dataSource), {
    create: (s) => s.create('Surrey and Sussex', ID, { name: 'Crawley Mind', kind: 'charity', contact: 'info@crawleymind.example.org', website: 'https://crawleymind.example.org', focus: 'Mental health support', lastMetOn: '2026-01-05' }, AT),
    find: (s) => s.find(ID),
    listIn: (s) => s.listIn('Surrey and Sussex', 'mind', 25),
    update: (s) => s.update(ID, 1, { contact: 'Sam Lee, 01293 555 0100', website: null, lastMetOn: '2026-01-12' }, AT),
    recordServiceChange: (s) => s.recordServiceChange({ partnerId: ID, partnerName: 'Crawley Mind', district: 'Surrey and Sussex', sentById: OTHER, change: 'Closing on 31 January', impact: 'Refer to the county service instead' }, AT),
    findServiceChange: (s) => s.findServiceChange(ID),
  }),
  store(SqlPartnershipDirectory, ({ dataSource }) => new SqlPartnershipDirectory(dataSource, new SqlStaffDirectory(dataSource)), {
    districtOf: (s) => s.districtOf(person),
    provisionContactFor: (s, scene) => {
      staffIds(scene, 'FROM "staff_role" "r"', 'staffId');
      return s.provisionContactFor('Surrey and Sussex');
    },
    cohortOf: (s, scene) => {
      staffIds(scene, 'FROM "staff" "Staff"', 'Staff_id');
      return s.cohortOf(ID);
    },
    deasAndCoachesIn: (s, scene) => {
      staffIds(scene, 'FROM "staff_role" "r"', 'staffId');
      return s.deasAndCoachesIn('Surrey and Sussex');
    },
  }),
  store(SqlStrategyStore, ({ dataSource }) => new SqlStrategyStore(dataSource), {
    create: (s) =>
      s.create({ kind: 'employment', title: 'Disability Confident employers in Crawley', why: 'Few placements for claimants with health conditions', leadId: ID, ownerId: OTHER, status: 'awaiting_agreement', areas: ['employment'], internalPartners: ['employer_engagement'], partnerIds: [OTHER], gapConferenceIds: [ID], gapNote: null }, AT),
    find: (s) => s.find(ID),
    listFor: (s) => s.listFor(ID),
    update: (s, scene) => {
      scene.recorder.answer((sql) => (sql.startsWith('SELECT') ? { rows: [scene.recorder.rowFor(sql, { areas: '[]', internalPartners: '[]', partnerIds: '[]', gapConferenceIds: '[]', version: 2 })] } : undefined));
      return s.update(ID, 1, { status: 'active' }, AT);
    },
    addAction: (s) => s.addAction({ strategyId: ID, text: 'Invite employers to a breakfast', owner: 'Employer Engagement', status: 'open' }, AT),
    actionsOf: (s) => s.actionsOf(ID),
    findAction: (s) => s.findAction(ID),
    setActionStatus: (s) => s.setActionStatus(ID, 'done'),
  }),
  store(SqlRequestLists, ({ dataSource }) => new SqlRequestLists(dataSource), {
    queue: (s) => s.queue(ID, 0, 25),
    mine: (s) => s.mine(OTHER, 25, 25),
    meetings: (s) => s.meetings(ID, 0, 25),
    checkable: (s) => s.checkable(OTHER, 0, 25),
  }),
  store(RequestEvents, ({ dataSource }) => new RequestEvents(dataSource), {
    latest: (s) => s.latest(ID),
  }),
  store(SqlRetentionCaseStore, ({ dataSource }) => new SqlRetentionCaseStore(dataSource), {
    create: (s) =>
      s.create({ employerAdviserId: ID, jobcentreId: ID, deaId: OTHER, personName: 'Sam Jones', employer: 'Crawley Logistics', need: 'Back pain makes lifting hard', nino: 'QQ123456C', surname: 'Jones', assessment: 'straightforward', status: 'with_employer_adviser', route: null, createdAt: AT }),
    find: (s) => s.find(ID),
    update: (s, scene) => {
      scene.recorder.answer((sql) => (sql.startsWith('SELECT') ? { rows: [scene.recorder.rowFor(sql, { version: 2 })] } : undefined));
      return s.update(ID, 1, { route: 'dea_support_intervention', status: 'in_progress' });
    },
    forPerson: (s) => s.forPerson(ID, 10),
    countByRoute: (s) => s.countByRoute(ID),
    outcomesByRoute: (s, { n }) => s.outcomesByRoute({ from: AT, to: LATER, jobcentreIds: list(n) }),
  }),
  store(SqlReportReadModel, ({ dataSource }) => new SqlReportReadModel(dataSource), {
    hcps: (s) => s.hcps('Surrey and Sussex'),
    adviceConversations: (s) => s.adviceConversations('Surrey and Sussex', AT, LATER),
    held: (s) => s.held(null, AT, LATER),
    feedback: (s) => s.feedback('Surrey and Sussex', { periodKeys: ['m2026-01', 'w2026-01-05'], from: AT, to: LATER }),
    requests: (s, { n }) => s.requests(list(n), AT, LATER),
    requestTimes: (s, { n }) => s.requestTimes(list(n), AT, LATER),
    interventionsPerClaimant: (s, { n }) => s.interventionsPerClaimant(list(n), AT, LATER),
    groupConferences: (s, { n }) => s.groupConferences(list(n), AT, LATER),
    qasResults: (s, { n }) => s.qasResults(list(n), AT, LATER),
    supportingActivity: (s) => s.supportingActivity('Surrey and Sussex', AT, LATER),
    attendance: (s) => s.attendance(null, AT, LATER),
    supplierResponses: (s) => s.supplierResponses('Surrey and Sussex', AT, LATER),
    informationRequests: (s) => s.informationRequests(null, AT, LATER),
    retentionOutcomes: (s, { n }) => s.retentionOutcomes({ deaIds: list(n) }, AT, LATER),
  }),
  store(SqlFeedbackStore, ({ dataSource }) => new SqlFeedbackStore(dataSource), {
    answered: (s) => s.answered(ID, OTHER),
    save: (s) => s.save([{ kind: 'after_conversation', subjectId: ID, respondentId: OTHER, district: 'Surrey and Sussex', question: 'coach_confidence', score: 4, createdAt: AT }]),
    conversation: (s) => s.conversation(ID),
    periodicRespondents: (s) => s.periodicRespondents(),
  }),
  store(SqlDeadlineStore, ({ dataSource }) => new SqlDeadlineStore(dataSource), {
    unanswered: (s) => s.unanswered('2026-01-01', '2026-01-07'),
    find: (s) => s.find(ID),
  }),
  store(SqlReportPeople, ({ dataSource }) => new SqlReportPeople(dataSource), {
    districtOf: (s) => s.districtOf(ID),
    deasLedBy: (s) => s.deasLedBy(ID),
    holdersOf: (s) => s.holdersOf(['dea', 'performance_manager']),
  }),
  store(SqlRoleHolders, ({ dataSource }) => new SqlRoleHolders(dataSource, new SqlStaffDirectory(dataSource)), {
    holders: (s, scene) => {
      staffIds(scene, 'FROM "staff" "s" INNER JOIN "staff_role"', 'id');
      return s.holders('work_psychologist', ID);
    },
    holdersInDistrictOf: (s, scene) => {
      staffIds(scene, 'FROM "staff" "s" INNER JOIN "staff_role"', 'id');
      return s.holdersInDistrictOf('dea', ID);
    },
    cohortOf: (s, scene) => {
      scene.recorder.answer((sql) => (sql.includes('FROM "staff" "Staff"') ? { rows: list(scene.n).map((id) => ({ Staff_id: id })) } : undefined));
      return s.cohortOf(ID);
    },
    jobcentreName: (s) => s.jobcentreName(ID),
  }),
  store(WorkQueue, ({ dataSource }) => new WorkQueue(dataSource), {
    schedule: (s, scene) => {
      // Asked for the first time: no row to ask for again, so one is made.
      scene.recorder.answer((sql) => (sql.startsWith('UPDATE') ? { affected: 0 } : undefined));
      return s.schedule('write-diaries', ID, AT);
    },
    later: (s, scene) => {
      // A live card's refresh put off for the first time: no row to move, so one is made.
      scene.recorder.answer((sql) => (sql.startsWith('UPDATE') ? { affected: 0 } : undefined));
      return s.later('live_card_refresh', `request_card|${ID}`, LATER, AT, 12);
    },
    due: (s) => s.due(AT, 20),
    lease: (s, scene) => {
      scene.recorder.answer((sql) => (sql.startsWith('SELECT') ? { rows: [scene.recorder.rowFor(sql, { id: workId('write-diaries', ID), kind: 'write-diaries', subjectId: ID, dueAt: AT, leaseUntil: null })] } : undefined));
      return s.lease(workId('write-diaries', ID), LATER, 60_000);
    },
    done: (s, scene) => {
      // Asked for again while it ran: the lease is let go instead.
      scene.recorder.answer((sql) => (sql.startsWith('UPDATE') && sql.includes('"generation" = @') ? { affected: 0 } : undefined));
      return s.done({ id: workId('write-diaries', ID), kind: 'write-diaries', subjectId: ID, generation: 1, attempts: 1 }, AT);
    },
    failed: (s) => s.failed({ id: workId('write-diaries', ID), kind: 'write-diaries', subjectId: ID, generation: 1, attempts: 1 }, 'Graph did not answer', LATER, AT),
  }),
  fn(applySeed, ({ dataSource, n }) =>
    applySeed(dataSource, {
      jobcentres: [{ name: 'Crawley', cluster: 'Gatwick Diamond', district: 'Surrey and Sussex', bankHolidays: 'england-and-wales' }],
      staff: list(n).map((_, i) => ({
        aadObjectId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        name: `Person ${i}`,
        email: `person.${i}@example.gov.uk`,
        roles: ['work_coach'],
        jobcentre: 'Crawley',
        dea: `person.${(i + 1) % n}@example.gov.uk`,
      })),
    }, AT).catch((error: Error) => error.name),
  ),
  fn(databaseWritable, ({ dataSource }) => databaseWritable(dataSource, AT)),
];

/** Exported from data/stores/ but never sending SQL. */
export const SENDS_NO_SQL: readonly string[] = ['StorageConflictError', 'parseHours', 'hashKey', 'ABANDONED_AFTER_MS', 'DEDUPLICATION_WINDOW_MS', 'workId', 'directoryChanged'];
