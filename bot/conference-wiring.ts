import type { CloudAdapter } from 'botbuilder';
import type { DataSource } from 'typeorm';
import { SqlCohortDirectory } from '../data/stores/cohorts';
import { SqlConferenceStore } from '../data/stores/group-conferences';
import { SqlJobLeases } from '../data/stores/job-leases';
import { SqlWorkingPatterns } from '../data/stores/working-patterns';
import { ConferenceCases } from '../domain/conferences/conference-cases';
import { GroupConferenceService } from '../domain/conferences/group-conference-service';
import type { ConferenceCalendar } from '../domain/conferences/ports';
import type { Clock, Logger, StaffDirectory } from '../domain/ports';
import type { SupportRequestStore } from '../domain/requests/ports';
import type { FollowUpStarter, GroupCaseNominator } from '../domain/outcomes/next-steps';
import { describeMeeting } from '../domain/requests/calendar-date';
import type { BackgroundWork } from './background';
import { ConferenceActions } from './conference-actions';
import { CONFERENCE_KINDS, TeamsConferenceNotifier } from './conference-notifier';
import type { TeamsNotifier, TeamsNotifierDeps } from './notifier';

export interface ConferenceWiring {
  readonly dataSource: DataSource;
  readonly adapter: CloudAdapter;
  readonly appId: string;
  readonly calendar: ConferenceCalendar;
  readonly directory: StaffDirectory;
  readonly requestStore: SupportRequestStore;
  readonly followUps: FollowUpStarter;
  readonly notifier: TeamsNotifier;
  readonly notifierDeps: TeamsNotifierDeps;
  readonly background: BackgroundWork;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** The group conference journey's parts, built here so that app.ts only gains a few lines. */
export function createConferences(w: ConferenceWiring): { actions: ConferenceActions; runJobs: () => Promise<void>; nominator: GroupCaseNominator } {
  const store = new SqlConferenceStore(w.dataSource);
  const jobs = new SqlJobLeases(w.dataSource);
  const notifier = new TeamsConferenceNotifier(w.adapter, w.appId, store, w.notifier, w.logger);
  const plans = new GroupConferenceService({
    store,
    calendar: w.calendar,
    cohort: new SqlCohortDirectory(w.dataSource, w.directory),
    directory: w.directory,
    patterns: new SqlWorkingPatterns(w.dataSource),
    notifier,
    jobs,
    clock: w.clock,
    logger: w.logger,
  });
  const cases = new ConferenceCases({
    store,
    directory: w.directory,
    requests: w.requestStore,
    followUps: w.followUps,
    notifier,
    jobs,
    clock: w.clock,
    logger: w.logger,
  });
  const actions = new ConferenceActions({ plans, cases, store, directory: w.directory, notifier, background: w.background, clock: w.clock, logger: w.logger });
  w.notifierDeps.cardSources = {
    ...w.notifierDeps.cardSources,
    [CONFERENCE_KINDS.cases]: actions.outboxCards.cases,
    [CONFERENCE_KINDS.summary]: actions.outboxCards.summary,
    [CONFERENCE_KINDS.qas]: actions.outboxCards.qas,
  };
  // Every instance runs these on its timer; leases in SQL make each piece of work happen once. They
  // run one after another (the top-up and the cohort sync change the same plans); one failing does
  // not stop the others, and the first failure is passed on for the caller to log.
  const runJobs = async (): Promise<void> => {
    const now = w.clock.now();
    let failure: unknown = null;
    for (const job of [() => plans.topUp(now), () => plans.syncCohorts(now), () => cases.sendCaseLists(now), () => cases.remindQas(now)]) {
      await job().catch((error: unknown) => {
        failure ??= error;
      });
    }
    if (failure) throw failure;
  };
  const nominator: GroupCaseNominator = {
    nominateForNext: async (requestId, actorId) => {
      const conference = await cases.nominateForNext(requestId, actorId);
      return conference?.start && conference.end ? `the group conference on ${describeMeeting(conference.start, conference.end)}` : null;
    },
  };
  return { actions, runJobs, nominator };
}
