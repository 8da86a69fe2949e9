import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { GraphCalendar } from '../data/calendar/graph-calendar';
import { applySeed } from '../data/seed/apply-seed';
import { parseSeedFile } from '../data/seed/seed-file';
import { SqlCohortDirectory } from '../data/stores/cohorts';
import { SqlConferenceStore } from '../data/stores/group-conferences';
import { SqlJobLeases } from '../data/stores/job-leases';
import { SqlStaffDirectory } from '../data/stores/staff-directory';
import { SqlWorkingPatterns } from '../data/stores/working-patterns';
import { GroupConferenceService } from '../domain/conferences/group-conference-service';
import type { ConferenceNotifier } from '../domain/conferences/ports';
import { GraphStandIn } from '../testkit/graph-stand-in';
import { openTempDatabase } from '../testkit/temp-database';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Planning and booking 4 months of group conferences for a DEA with 30 coaches, against the Graph stand-in. */
export async function conferencesBench(report: (line: string) => void): Promise<void> {
  const latencyMs = 40;
  const graph = await GraphStandIn.start({ latencyMs });
  const db = await openTempDatabase();
  try {
    await applySeed(db.dataSource, parseSeedFile(readFileSync(join(__dirname, '..', '..', '..', 'data', 'seed', 'demo-staff.json'), 'utf8')));
    const directory = new SqlStaffDirectory(db.dataSource);
    const dea = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000002'))!;
    const wctl = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000003'))!;
    const cohort = new SqlCohortDirectory(db.dataSource, directory);
    const coaches = await cohort.cohortOf(dea.id);

    // Busy diaries: a meeting every working morning for everyone, so the search has work to do.
    const seeder = new GraphCalendar({ auth: { kind: 'none' }, baseUrl: graph.baseUrl });
    const day0 = new Date();
    await seeder.createEvents(
      [dea, ...coaches].flatMap((p, n) =>
        Array.from({ length: 140 }, (_, d) => {
          const start = new Date(Date.UTC(day0.getUTCFullYear(), day0.getUTCMonth(), day0.getUTCDate() + d + 1, 8 + (n % 4)));
          return { mailbox: p.email, subject: 'Caseload', body: '', start, end: new Date(start.getTime() + 3_600_000), showAs: 'busy' as const, attendees: [], location: null, onlineMeeting: false, transactionId: `seed-${p.id}-${d}` };
        }),
      ),
    );

    const calendar = new GraphCalendar({ auth: { kind: 'none' }, baseUrl: graph.baseUrl });
    const quiet: ConferenceNotifier = { planChanged: async () => undefined, caseList: async () => undefined, summary: async () => undefined, qasDue: async () => undefined, conferenceChanged: async () => undefined };
    const service = new GroupConferenceService({
      store: new SqlConferenceStore(db.dataSource),
      calendar,
      cohort,
      directory,
      patterns: new SqlWorkingPatterns(db.dataSource),
      notifier: quiet,
      jobs: new SqlJobLeases(db.dataSource),
      clock: { now: () => new Date() },
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined },
    });

    // How long other work (other people's turns) could wait behind the planning: the event loop's longest stall.
    const stalls = monitorEventLoopDelay({ resolution: 1 });
    stalls.enable();
    const planCpu = process.cpuUsage();
    let t = performance.now();
    const plan = await service.draft(wctl, { deaId: dea.id, durationMinutes: 60, inviteWctl: true });
    const planMs = performance.now() - t;
    const planCpuMs = (process.cpuUsage(planCpu).user + process.cpuUsage(planCpu).system) / 1000;
    stalls.disable();
    const afterPlan = { ...calendar.counters };
    await service.confirm(wctl, plan.id, plan.version);
    t = performance.now();
    const booked = await service.book(plan.id);
    const bookMs = performance.now() - t;
    report(`Group conferences for ${coaches.length} coaches over 4 months (Graph stand-in, ${latencyMs} ms a call):`);
    report(`  plan (group, read ${coaches.length + 1} diaries, find ${booked.total} slots): ${afterPlan.requests} Graph requests, ${afterPlan.roundTrips} round trips, ${planMs.toFixed(0)} ms`);
    report(`  while planning: ${planCpuMs.toFixed(0)} ms of CPU; the longest any other turn could wait behind it ${(stalls.max / 1e6).toFixed(0)} ms`);
    report(`  book ${booked.done} of ${booked.total} meetings in the DEA's diary: ${calendar.counters.requests - afterPlan.requests} Graph requests, ${calendar.counters.roundTrips - afterPlan.roundTrips} round trips, ${bookMs.toFixed(0)} ms; most in flight for the DEA's mailbox: ${graph.maxInFlight(dea.email)}`);
  } finally {
    await graph.close();
    await db.close();
  }
}
