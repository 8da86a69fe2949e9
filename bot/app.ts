import { ConversationState, UserState } from 'botbuilder';
import type { Server } from 'restify';
import type { DataSource } from 'typeorm';
import { databaseWritable, openDatabase } from '../data/database';
import demoStaff from '../data/seed/demo-staff.json';
import { applySeed } from '../data/seed/apply-seed';
import { parseSeedFile } from '../data/seed/seed-file';
import { ConversationPace } from '../data/stores/conversation-pace';
import { ConversationReferences } from '../data/stores/conversation-references';
import { Outbox } from '../data/stores/outbox';
import { ProcessedActivities } from '../data/stores/processed-activities';
import { SqlStaffDirectory } from '../data/stores/staff-directory';
import { SqlStorage } from '../data/stores/sql-storage';
import { SqlJobLeases } from '../data/stores/job-leases';
import { WorkQueue } from '../data/stores/work-queue';
import { PrivacyLog } from '../data/privacy/privacy-log';
import { pruneStaleRows } from '../data/stores/retention';
import { londonDate } from '../domain/requests/calendar-date';
import { SqlUnitOfWork } from '../data/transactions';
import { systemClock, type Clock, type Logger } from '../domain/ports';
import { createAdapter } from './adapter';
import { createCalendar } from './calendar-factory';
import type { Config } from './config';
import type { AppContext } from './core/app-context';
import { BackgroundWork } from './core/background';
import { CardUpdates, LIVE_CARD_WORK } from './core/card-updates';
import { CrashPoints } from './core/crash-points';
import { createCaseServices } from './core/case-services';
import { Deliverer } from './core/deliverer';
import { DeliverySignals } from './core/delivery-signals';
import type { PeriodicJob } from './core/journey';
import { OutboxWriter } from './core/outbox-writer';
import { composeRoutes, type Routes } from './core/routes';
import { TeamsMessages } from './core/teams-messages';
import { WorkRunner } from './core/work-runner';
import { SqlWorkScheduler } from './core/work-scheduler';
import { WorkSignals } from './core/work-signals';
import { DeaBot } from './dea-bot';
import { DeduplicationMiddleware } from './deduplication';
import { JOURNEYS, SCHEMA } from './journeys';
import { errorForLog } from './logger';
import { createServer } from './server';
import { AccessAudit, accessWrittenBeforeShowing } from './privacy/access-audit';

export interface App {
  readonly server: Server;
  readonly dataSource: DataSource;
  /** Sends what the outbox holds; `idle()` waits for sends under way. */
  readonly notifier: Deliverer;
  /** Work finishing after people have had their answer (diary bookings). */
  readonly background: BackgroundWork;
  /** What the journeys add: commands, card verbs, outbox cards, live cards and jobs. */
  readonly routes: Routes;
  /** Every periodic job of the journeys, by name (also run on a timer); callable directly, e.g. with a test clock. */
  readonly jobs: Readonly<Record<string, () => Promise<unknown>>>;
  /** Where it listens, once `listen` has resolved. */
  url(): string;
  listen(): Promise<void>;
  close(): Promise<void>;
}

export interface AppOptions {
  /** A fixed clock, for tests that depend on today's date. */
  readonly clock?: Clock;
}

/** The composition root: the only place that builds adapters, hands them to the domain and composes the journeys. */
export async function createApp(config: Config, logger: Logger, options: AppOptions = {}): Promise<App> {
  const dataSource = await openDatabase(config.database, SCHEMA);
  const directory = new SqlStaffDirectory(dataSource);

  if (config.seedDemo && (await directory.count()) === 0) {
    const result = await applySeed(dataSource, parseSeedFile(JSON.stringify(demoStaff)));
    logger.info({ staff: result.staffAdded, jobcentres: result.jobcentresAdded }, 'loaded the demo staff directory into an empty database');
  }

  const clock = options.clock ?? systemClock;
  const storage = new SqlStorage(dataSource);
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);
  // Crash tests only: the configuration leaves this unarmed in production.
  const crash = CrashPoints.at(config.crashAt);
  const processed = new ProcessedActivities(dataSource, undefined, config.activityAbandonedAfterMs);
  const jobLeases = new SqlJobLeases(dataSource);
  const adapter = createAdapter(config.auth, logger);

  const conversationReferences = new ConversationReferences(dataSource);
  const outboxStore = new Outbox(dataSource);
  const signals = new DeliverySignals();
  const uow = new SqlUnitOfWork(dataSource);
  const outbox = new OutboxWriter({ outbox: outboxStore, directory, signals, uow, clock, logger, crash });
  const workQueue = new WorkQueue(dataSource);
  const workSignals = new WorkSignals();
  const work = new SqlWorkScheduler({ queue: workQueue, uow, signals: workSignals, clock });
  // Showings of claimant data are written before any card that shows them leaves: in a turn, and outside one.
  const access = new AccessAudit(new PrivacyLog(dataSource), clock, logger, config.retention.accessLogRepeatMinutes * 60_000);
  const teams = new TeamsMessages(adapter, () => clock.now(), () => access.writeNoted());
  const background = new BackgroundWork(logger);
  // One pace for new messages and updates alike: both count against a conversation's limits.
  const pace = new ConversationPace(dataSource);
  const updates = new CardUpdates({ teams, pace, queue: workQueue, signals: workSignals, clock, logger });
  const services = createCaseServices({ config, dataSource, directory, conversationReferences, outbox, uow, work, crash, clock, logger, calendar: await createCalendar(config, dataSource), access });
  // The server starts after the journeys are built; links to its files are made only once it listens.
  let listening: { url: string } | null = null;
  const publicUrl = (): string => {
    if (config.reports.publicUrl) return config.reports.publicUrl;
    const url = listening?.url;
    return url ? url.replace('[::]', '127.0.0.1') : `http://${config.host}:${config.port}`;
  };
  const context: AppContext = { config, dataSource, clock, logger, directory, userState, conversationReferences, updates, outbox, background, work: { scheduler: work, signals: workSignals }, services, publicUrl };

  const routes = composeRoutes(JOURNEYS, JOURNEYS.map((journey) => journey.build(context)));
  const deliverer = new Deliverer({ outbox: outboxStore, conversationReferences, directory, teams, pace, uow, cards: routes.cards, liveCards: routes.liveCards, signals, logger, clock });
  // A live card whose update Teams put off is refreshed again, as durable work, when it is due.
  const handlers = new Map([...routes.work, [LIVE_CARD_WORK, (key: string) => deliverer.refreshNow(key)]]);
  const runner = new WorkRunner({ queue: workQueue, handlers, signals: workSignals, background, clock, logger, leaseMs: config.work.leaseMs, crash });

  const bot = new DeaBot({
    directory,
    conversationReferences,
    conversationState,
    userState,
    logger,
    jobcentreName: services.jobcentreName,
    routes,
    onPersonSeen: (person) => deliverer.flushFor(person.aadObjectId),
    claimOnce: (what, key) => processed.claimOnce(what, key),
  });
  // A repeat is dropped before anything else sees the turn.
  adapter.use(new DeduplicationMiddleware(processed, logger, crash, (turn) => bot.onlyShows(turn)));
  adapter.use(accessWrittenBeforeShowing(access, crash));

  const server = createServer({ adapter, bot, logger, healthy: () => databaseWritable(dataSource, clock.now()), files: routes.http });
  listening = server;
  const jobs: PeriodicJob[] = [
    { name: 'pruneProcessedActivities', everyMs: 10 * 60_000, run: () => processed.prune() },
    // Every 5 s it looks whether a retry put off here (e.g. for Teams' Retry-After) has come due; it
    // asks SQL only then, and once a minute for everything else.
    { name: 'sweepOutbox', everyMs: 5_000, run: () => deliverer.sweepIfDue() },
    // Work after people's answers that this process did not start or finish: left by a process that
    // stopped (once its lease runs out), by another instance, or to be tried again after a failure.
    { name: 'sweepWork', everyMs: config.work.sweepMs, run: () => runner.sweep() },
    {
      name: 'pruneStaleRows',
      everyMs: 60 * 60_000,
      // Every instance looks each hour; one a day does it.
      run: async () => {
        const now = clock.now();
        const day = londonDate(now);
        if (!(await jobLeases.claim('prune-stale-rows', day, now, 10 * 60_000))) return null;
        const pruned = await pruneStaleRows(dataSource, { botStateDays: config.draftRetentionDays, conversationReferenceDays: 400, jobRunDays: 90 }, now);
        await jobLeases.complete('prune-stale-rows', day, now);
        logger.info({ ...pruned }, 'stale rows pruned');
        return pruned;
      },
    },
    ...routes.jobs,
  ];
  const timers = jobs.map((job) => {
    const timer = setInterval(() => {
      job.run().catch((error: unknown) => logger.warn({ job: job.name, err: errorForLog(error) }, 'periodic job failed'));
    }, job.everyMs);
    timer.unref();
    return timer;
  });
  // Work left unfinished by the last process is looked for at once, not only at the first tick.
  background.run('durable work', () => runner.sweep());

  return {
    server,
    dataSource,
    routes,
    notifier: deliverer,
    background,
    jobs: Object.fromEntries(jobs.map((job) => [job.name, job.run])),
    url: () => server.url.replace('[::]', '127.0.0.1'),
    listen: () => new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    }),
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      await background.idle();
      await deliverer.idle();
      await services.access.flush();
      for (const close of routes.closers) await close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections would hold the close open until they time out.
      server.server.closeAllConnections();
      await closed;
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
