import { errorForLog } from './logger';
import { ConversationState, UserState } from 'botbuilder';
import type { Server } from 'restify';
import type { DataSource } from 'typeorm';
import { databaseAnswers, openDatabase } from '../data/database';
import type { JobcentreRow } from '../data/schema/directory';
import { applySeed } from '../data/seed/apply-seed';
import demoStaff from '../data/seed/demo-staff.json';
import { parseSeedFile } from '../data/seed/seed-file';
import { ConversationReferences } from '../data/stores/conversation-references';
import { ProcessedActivities } from '../data/stores/processed-activities';
import { SqlStaffDirectory } from '../data/stores/staff-directory';
import { SqlStorage } from '../data/stores/sql-storage';
import { Outbox } from '../data/stores/outbox';
import { PostedCards } from '../data/stores/posted-cards';
import { SqlSupportRequestStore } from '../data/stores/support-requests';
import { NEW_REQUEST_DIALOG, NewRequestDialog, type SavedDraft } from '../dialogs/new-request-dialog';
import { systemClock, type Clock, type Logger } from '../domain/ports';
import { RequestService } from '../domain/requests/request-service';
import { TeamsNotifier, type TeamsNotifierDeps } from './notifier';
import { RequestCardRenderer } from './request-card-renderer';
import { BackgroundWork } from './background';
import { createCalendar } from './calendar-factory';
import { BookingService } from '../domain/calendar/booking-service';
import { SqlBookingStore } from '../data/stores/bookings';
import { SqlWorkingPatterns } from '../data/stores/working-patterns';
import { SqlTrendStore } from '../data/stores/trend-alerts';
import { TrendWatcher } from '../domain/requests/trend-watcher';
import { TriageService } from '../domain/requests/triage-service';
import { RequestActions } from './request-actions';
import { OverrideActions } from './override-actions';
import { AnsweredCards } from './answered-cards';
import { InterventionService } from '../domain/interventions/intervention-service';
import { OutcomeService } from '../domain/outcomes/outcome-service';
import { FollowUps } from '../domain/outcomes/follow-ups';
import { QualityService } from '../domain/quality/quality-service';
import { SqlInterventionStore } from '../data/stores/interventions';
import { SqlMeetingRecordStore } from '../data/stores/meeting-records';
import { SqlQualityCheckStore } from '../data/stores/quality-checks';
import { meetingSummaryCard } from '../cards/outcome-forms';
import { trendCard } from '../cards/trend-card';
import { partiesOf } from '../domain/requests/parties';
import { createAdapter } from './adapter';
import type { Config } from './config';
import { DeaBot } from './dea-bot';
import { DeduplicationMiddleware } from './deduplication';
import { createServer } from './server';
import { createConferences } from './conference-wiring';

export interface App {
  readonly server: Server;
  readonly dataSource: DataSource;
  readonly notifier: TeamsNotifier;
  /** Work finishing after people have had their answer (diary bookings). */
  readonly background: BackgroundWork;
  /** Periodic work every instance runs (also on a timer); callable directly, e.g. with a test clock. */
  readonly jobs: {
    /** Booked meetings that have ended become held, and whoever records the outcome is asked. */
    markEndedMeetings(): Promise<number>;
    /** The group conference jobs (monthly top-up, cohort changes, case lists, check-list reminders). */
    runConferenceJobs(): Promise<void>;
  };
  /** Where it listens, once `listen` has resolved. */
  url(): string;
  listen(): Promise<void>;
  close(): Promise<void>;
}

/** The composition root: the only place that builds adapters and hands them to the domain. */
export interface AppOptions {
  /** A fixed clock, for tests that depend on today's date. */
  readonly clock?: Clock;
}

export async function createApp(config: Config, logger: Logger, options: AppOptions = {}): Promise<App> {
  const dataSource = await openDatabase(config.database);
  const directory = new SqlStaffDirectory(dataSource);

  if (config.seedDemo && (await directory.count()) === 0) {
    const result = await applySeed(dataSource, parseSeedFile(JSON.stringify(demoStaff)));
    logger.info({ staff: result.staffAdded, jobcentres: result.jobcentresAdded }, 'loaded the demo staff directory into an empty database');
  }

  const storage = new SqlStorage(dataSource);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  const processed = new ProcessedActivities(dataSource);
  const adapter = createAdapter(config.auth, logger);
  adapter.use(new DeduplicationMiddleware(processed, logger));

  const conversationReferences = new ConversationReferences(dataSource);
  const requestStore = new SqlSupportRequestStore(dataSource);
  const postedCards = new PostedCards(dataSource);
  const trendStore = new SqlTrendStore(dataSource);
  const clock = options.clock ?? systemClock;
  const answered = new AnsweredCards();
  const notifierDeps: TeamsNotifierDeps = {
    answered,
    adapter,
    appId: config.auth?.appId ?? '',
    outbox: new Outbox(dataSource),
    postedCards,
    conversationReferences,
    directory,
    requests: requestStore,
    logger,
    clock,
  };
  const notifier = new TeamsNotifier(notifierDeps);
  const trends = new TrendWatcher({ store: requestStore, directory, trends: trendStore, notifier, clock, rules: config.trends });
  const requests = new RequestService({ store: requestStore, directory, notifier, clock, trends });
  const triage = new TriageService({ store: requestStore, directory, notifier, clock, trends });
  const calendar = createCalendar(config, dataSource);
  const background = new BackgroundWork(logger);
  const followUps = new FollowUps({ requests: requestStore, notifier });
  const interventions = new InterventionService({ requests: requestStore, store: new SqlInterventionStore(dataSource), directory, notifier, followUps, clock });
  const bookingStore = new SqlBookingStore(dataSource);
  const bookings = new BookingService({
    requests: requestStore,
    bookings: bookingStore,
    calendar,
    directory,
    patterns: new SqlWorkingPatterns(dataSource),
    notifier,
    clock,
    gate: interventions,
  });
  const meetingRecords = new SqlMeetingRecordStore(dataSource);
  const outcomes = new OutcomeService({
    requests: requestStore,
    records: meetingRecords,
    bookingOf: (id) => bookingStore.currentFor(id),
    endedMeetings: (by) => bookingStore.endedBy(by),
    directory,
    notifier,
    followUps,
    clock,
  });
  const quality = new QualityService({
    requests: requestStore,
    store: new SqlQualityCheckStore(dataSource),
    directory,
    notifier,
    clock,
    hadMeeting: async (id) => (await bookingStore.currentFor(id))?.status === 'booked',
  });
  const jobcentres = dataSource.getRepository<JobcentreRow>('Jobcentre');
  const jobcentreName = async (id: string) => (await jobcentres.findOne({ where: { id } }))?.name;
  const cards = new RequestCardRenderer(conversationReferences, directory, { bookings, interventions, outcomes, quality, jobcentreName }, clock);
  notifierDeps.cards = cards;
  const requestActions = new RequestActions(requests, triage, { bookings, interventions, outcomes, quality }, background, cards, postedCards, clock, logger, answered);
  const overrideActions = new OverrideActions(interventions, requestStore, directory, logger);
  notifierDeps.cardSources = {
    trend_card: async (id) => {
      const trend = await trendStore.find(id);
      return trend ? trendCard(trend, await directory.findByIds(trend.coachIds)) : null;
    },
    override_card: (id) => overrideActions.render(id),
    summary_card: async (id) => {
      const record = await outcomes.findRecord(id);
      const request = record ? await requestStore.findById(record.requestId) : null;
      return record && request ? meetingSummaryCard(record, request, await partiesOf(directory, request)) : null;
    },
  };
  const conferences = createConferences({ dataSource, adapter, appId: notifierDeps.appId, calendar, directory, requestStore, followUps, notifier, notifierDeps, background, clock, logger });
  followUps.nominator = conferences.nominator;
  const drafts = userState.createProperty<SavedDraft | undefined>('requestDraft');

  const bot = new DeaBot({
    directory,
    conversationReferences,
    conversationState,
    userState,
    logger,
    jobcentreName,
    dialogs: [new NewRequestDialog(requests, drafts)],
    commands: {
      'new request': async (_turn, _person, dc) => {
        await dc.beginDialog(NEW_REQUEST_DIALOG);
      },
      'my requests': (turn, person) => requestActions.listMine(turn, person),
      queue: (turn, person) => requestActions.queue(turn, person),
      'quality checks': (turn, person) => requestActions.qualityChecks(turn, person),
      'plan group conferences': (turn, person) => conferences.actions.planCommand(turn, person),
      'nominate case': (turn, person) => conferences.actions.nominateCommand(turn, person),
    },
    submitActions: {
      'request.open': (turn, person, data) => requestActions.open(turn, person, String(data.requestId ?? '')),
    },
    cardActions: (person, verb, data, turn) =>
      verb.startsWith('conference.')
        ? conferences.actions.invoke(person, verb, data, turn)
        : OverrideActions.VERBS.includes(verb)
        ? overrideActions.invoke(person, verb, data)
        : requestActions.invoke(person, verb, data, turn.activity.replyToId),
    onPersonSeen: (person) => notifier.flushFor(person.aadObjectId),
    claimOnce: (what, key) => processed.claim(what, key, what),
  });

  const server = createServer({ adapter, bot, logger, healthy: () => databaseAnswers(dataSource) });
  const pruneTimer = setInterval(() => {
    processed.prune().catch((error: unknown) => logger.warn({ err: errorForLog(error) }, 'pruning processed activities failed'));
  }, 10 * 60 * 1000);
  pruneTimer.unref();
  const sweepTimer = setInterval(() => {
    notifier.sweep().catch((error: unknown) => logger.warn({ err: errorForLog(error) }, 'outbox sweep failed'));
    outcomes.markEndedMeetings().catch((error: unknown) => logger.warn({ err: errorForLog(error) }, 'marking ended meetings failed'));
  }, 60 * 1000);
  sweepTimer.unref();
  const conferenceTimer = setInterval(() => {
    conferences.runJobs().catch((error: unknown) => logger.warn({ err: errorForLog(error) }, 'group conference jobs failed'));
  }, 15 * 60 * 1000);
  conferenceTimer.unref();

  return {
    server,
    dataSource,
    notifier,
    background,
    jobs: { markEndedMeetings: () => outcomes.markEndedMeetings(), runConferenceJobs: () => conferences.runJobs() },
    url: () => server.url.replace('[::]', '127.0.0.1'),
    listen: () => new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    }),
    close: async () => {
      clearInterval(pruneTimer);
      clearInterval(sweepTimer);
      clearInterval(conferenceTimer);
      await background.idle();
      await notifier.idle();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections would hold the close open until they time out.
      server.server.closeAllConnections();
      await closed;
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
