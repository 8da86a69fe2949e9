import type { DataSource } from 'typeorm';
import type { JobcentreRow } from '../../data/schema/directory';
import { PreparedFind } from '../../data/prepared';
import { SqlBookingStore } from '../../data/stores/bookings';
import { SqlCohortDirectory } from '../../data/stores/cohorts';
import type { ConversationReferences } from '../../data/stores/conversation-references';
import { SqlConferenceStore } from '../../data/stores/group-conferences';
import { SqlInterventionStore } from '../../data/stores/interventions';
import { SqlFollowUpActionStore } from '../../data/stores/follow-up-actions';
import { SqlJobLeases } from '../../data/stores/job-leases';
import { SqlMeetingRecordStore } from '../../data/stores/meeting-records';
import { PostedCards } from '../../data/stores/posted-cards';
import { RequestEvents } from '../../data/stores/request-events';
import { SqlQualityCheckStore } from '../../data/stores/quality-checks';
import { SqlRoleHolders } from '../../data/stores/role-holders';
import { SqlRequestLists } from '../../data/stores/request-lists';
import type { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import { SqlTrendStore } from '../../data/stores/trend-alerts';
import { SqlWorkingPatterns } from '../../data/stores/working-patterns';
import { BookingService } from '../../domain/calendar/booking-service';
import { ConferenceCases } from '../../domain/conferences/conference-cases';
import { GroupConferenceService } from '../../domain/conferences/group-conference-service';
import { InterventionService } from '../../domain/interventions/intervention-service';
import { ActionService } from '../../domain/follow-up-actions/action-service';
import { FollowUps } from '../../domain/outcomes/follow-ups';
import type { GroupCaseNominator } from '../../domain/outcomes/next-steps';
import { OutcomeService } from '../../domain/outcomes/outcome-service';
import type { Clock, Logger, WorkScheduler } from '../../domain/ports';
import type { UnitOfWork } from '../../domain/unit-of-work';
import { meetingWasBooked, QualityService } from '../../domain/quality/quality-service';
import { describeMeeting } from '../../domain/requests/calendar-date';
import { ListService } from '../../domain/requests/request-lists';
import { RequestService } from '../../domain/requests/request-service';
import { TrendWatcher } from '../../domain/requests/trend-watcher';
import { TriageService } from '../../domain/requests/triage-service';
import { OutboxConferenceNotifier } from '../conferences/conference-notifier';
import { OutboxActionNotifier } from '../follow-up-actions/action-notifier';
import type { Config } from '../config';
import { AnsweredCards } from '../requests/answered-cards';
import { CaseCardAnswers } from '../requests/case-card-answers';
import { RequestCardRenderer } from '../requests/request-card-renderer';
import type { AccessAudit } from '../privacy/access-audit';
import type { ConferenceCalendar } from '../../domain/conferences/ports';
import { REQUEST_LIVE_CARD, type OutboxWriter } from './outbox-writer';
import type { CrashPoints } from './crash-points';
import { CrashingCalendar } from './crashing-calendar';

/** The domain services of the case journeys (requests, booking, interventions, outcomes, QAS, group conferences). */
export type CaseServices = ReturnType<typeof createCaseServices>;

export interface CaseServiceDeps {
  readonly config: Config;
  readonly dataSource: DataSource;
  readonly directory: SqlStaffDirectory;
  readonly conversationReferences: ConversationReferences;
  readonly outbox: OutboxWriter;
  readonly uow: UnitOfWork;
  /** Durable work after people's answers (diaries, plan booking). */
  readonly work: WorkScheduler;
  /** Crash tests only: stops between calendar writes when armed. */
  readonly crash: CrashPoints;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The diaries: Graph's or the embedded one (bot/calendar-factory.ts). */
  readonly calendar: ConferenceCalendar;
  /** Showings of claimants' cases, written before each card leaves (bot/privacy/access-audit.ts). */
  readonly access: AccessAudit;
}

/**
 * The adapters of the case journeys handed to their domain services, each built once with all it
 * needs, in the order they depend on each other (no object is finished after it is built).
 */
export function createCaseServices({ config, dataSource, directory, conversationReferences, outbox, uow, work, crash, clock, logger, calendar: diaries, access }: CaseServiceDeps) {
  const requestStore = new SqlSupportRequestStore(dataSource);
  const trendStore = new SqlTrendStore(dataSource);
  const postedCards = new PostedCards(dataSource);
  const bookingStore = new SqlBookingStore(dataSource);
  const patterns = new SqlWorkingPatterns(dataSource);
  const jobs = new SqlJobLeases(dataSource);
  const calendar = crash.armedFor?.startsWith('calendar.') ? new CrashingCalendar(diaries, crash) : diaries;
  const notifier = outbox;

  const trends = new TrendWatcher({ store: requestStore, directory, trends: trendStore, notifier, clock, rules: config.trends });

  // Work psychologist, employer adviser and Third Party Provision manager actions that outcomes start.
  const actions = new ActionService({ store: new SqlFollowUpActionStore(dataSource), people: new SqlRoleHolders(dataSource, directory), directory, notifier: new OutboxActionNotifier(outbox), jobs, clock, uow });

  // Group conferences start follow-ups of their own cases (never another group conference, seed §34).
  const conferenceStore = new SqlConferenceStore(dataSource);
  const conferenceNotifier = new OutboxConferenceNotifier(conferenceStore, outbox);
  const plans = new GroupConferenceService({ store: conferenceStore, calendar, cohort: new SqlCohortDirectory(dataSource, directory), directory, patterns, notifier: conferenceNotifier, jobs, clock, logger, uow, work });
  const conferenceCases = new ConferenceCases({ store: conferenceStore, directory, requests: requestStore, followUps: new FollowUps({ requests: requestStore, notifier, actions }), notifier: conferenceNotifier, jobs, clock, logger, uow });
  const triage = new TriageService({ store: requestStore, directory, notifier, clock, trends, uow, groupConferences: conferenceCases });
  const nominator: GroupCaseNominator = {
    nominateForNext: async (requestId, actorId) => {
      const conference = await conferenceCases.nominateForNext(requestId, actorId);
      return conference?.start && conference.end ? `the group conference on ${describeMeeting(conference.start, conference.end)}` : null;
    },
  };
  const followUps = new FollowUps({ requests: requestStore, notifier, nominator, actions });

  const interventions = new InterventionService({ requests: requestStore, store: new SqlInterventionStore(dataSource), directory, notifier, followUps, clock, uow });
  const bookings = new BookingService({ requests: requestStore, bookings: bookingStore, calendar, directory, patterns, notifier, clock, gate: interventions, uow, work });
  const requests = new RequestService({ store: requestStore, directory, notifier, clock, trends, uow, meetings: bookings });
  const outcomes = new OutcomeService({
    requests: requestStore,
    records: new SqlMeetingRecordStore(dataSource),
    bookingOf: (id) => bookingStore.currentFor(id),
    endedMeetings: (by) => bookingStore.endedBy(by),
    updateBooking: (id, expectedVersion, changes, at) => bookingStore.update(id, expectedVersion, changes, at),
    directory,
    notifier,
    followUps,
    clock,
    uow,
  });
  const quality = new QualityService({
    requests: requestStore,
    store: new SqlQualityCheckStore(dataSource),
    directory,
    notifier,
    clock,
    hadMeeting: async (id) => meetingWasBooked(await bookingStore.currentFor(id)),
  });
  const lists = new ListService(new SqlRequestLists(dataSource));

  // Asked for every help card: usually known already, read with the sender.
  const jobcentre = new PreparedFind<JobcentreRow>(dataSource, 'Jobcentre', (q) => q.where('e.id = :id').limit(1));
  const jobcentreName = async (id: string) => directory.knownJobcentreName(id) ?? (await jobcentre.one({ id }))?.name;
  const cards = new RequestCardRenderer(conversationReferences, directory, { bookings, interventions, outcomes, quality, jobcentreName }, clock, access);
  const answered = new AnsweredCards((requestId) => outbox.changed(REQUEST_LIVE_CARD, requestId));
  const answers = new CaseCardAnswers(requests, cards, postedCards, answered, logger);

  return {
    requestStore,
    requestEvents: new RequestEvents(dataSource),
    trendStore,
    postedCards,
    requests,
    triage,
    bookings,
    interventions,
    outcomes,
    quality,
    actions,
    lists,
    conferences: { store: conferenceStore, plans, cases: conferenceCases },
    /** The one calendar adapter of the process, for journeys that write diaries. */
    calendar,
    jobcentreName,
    cards,
    answered,
    answers,
    access,
  };
}
