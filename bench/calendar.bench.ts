import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { GraphCalendar } from '../data/calendar/graph-calendar';
import { applySeed } from '../data/seed/apply-seed';
import { parseSeedFile } from '../data/seed/seed-file';
import { SqlBookingStore } from '../data/stores/bookings';
import { SqlStaffDirectory } from '../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../data/stores/support-requests';
import { SqlWorkingPatterns } from '../data/stores/working-patterns';
import { BookingService } from '../domain/calendar/booking-service';
import { findCommonSlots } from '../domain/calendar/free-time';
import { DEFAULT_WORKING_HOURS } from '../domain/calendar/working-hours';
import type { RequestNotifier } from '../domain/requests/ports';
import { GraphStandIn } from '../testkit/graph-stand-in';
import { openTempDatabase } from '../testkit/temp-database';

/**
 * Graph traffic and time for the calendar work of the DEA service, against a local stand-in of
 * Microsoft Graph (with a fixed latency per call, to make round trips visible in the timings).
 */
export async function calendarBench(report: (line: string) => void): Promise<void> {
  const latencyMs = 40;
  const graph = await GraphStandIn.start({ latencyMs });
  const db = await openTempDatabase();
  try {
    await applySeed(db.dataSource, parseSeedFile(readFileSync(join(__dirname, '..', '..', '..', 'data', 'seed', 'demo-staff.json'), 'utf8')));
    const directory = new SqlStaffDirectory(db.dataSource);
    const coach = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000001'))!;
    const dea = (await directory.findById(coach.deaId!))!;
    const team = await directory.findByTeamLeader(dea.teamLeaderId!);
    const coaches = team.filter((p) => p.roles.includes('work_coach'));

    // Everyone already has a meeting a day, so the free-time search has something to avoid.
    const seedCalendar = new GraphCalendar({ auth: { kind: 'none' }, baseUrl: graph.baseUrl });
    const day0 = new Date();
    await seedCalendar.createEvents(
      [dea, ...coaches].flatMap((p) =>
        Array.from({ length: 20 }, (_, d) => {
          const start = new Date(Date.UTC(day0.getUTCFullYear(), day0.getUTCMonth(), day0.getUTCDate() + d + 1, 10 + (d % 5)));
          return { mailbox: p.email, subject: 'Team meeting', body: '', start, end: new Date(start.getTime() + 3_600_000), showAs: 'busy' as const, attendees: [], location: null, onlineMeeting: false, transactionId: `seed-${p.id}-${d}` };
        }),
      ),
    );

    // 1. Booking a case conference: proposals, then both diaries.
    const calendar = new GraphCalendar({ auth: { kind: 'none' }, baseUrl: graph.baseUrl });
    const store = new SqlSupportRequestStore(db.dataSource);
    const requiredBy = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    let request = await store.create(
      { type: 'skill_support', requesterId: coach.id, deaId: dea.id, claimant: null, topic: 'retention', description: 'bench', reason: null, requiredBy, urgent: false, vulnerability: null },
      new Date(),
    );
    request = await store.changeStatus({ requestId: request.id, expectedVersion: 1, to: 'accepted', actorId: dea.id, action: 'accept:case_conference', at: new Date(), channel: 'case_conference' });
    const quiet: RequestNotifier = { requestSubmitted: async () => undefined, requestChanged: async () => undefined, requestNeedsAttention: async () => undefined, trendSpotted: async () => undefined };
    const bookings = new BookingService({ requests: store, bookings: new SqlBookingStore(db.dataSource), calendar, directory, patterns: new SqlWorkingPatterns(db.dataSource), notifier: quiet, clock: { now: () => new Date() } });

    let t = performance.now();
    const proposals = await bookings.proposals(request);
    const proposeMs = performance.now() - t;
    const afterPropose = { ...calendar.counters };
    t = performance.now();
    const booking = await bookings.start(dea, request.id, request.version, { slot: proposals[0]!.start.toISOString(), durationMinutes: 60, mode: 'teams' });
    const done = await bookings.complete(booking.id);
    const bookMs = performance.now() - t;
    report(`Book a case conference (Graph stand-in, ${latencyMs} ms a call):`);
    report(`  propose 3 times (2 diaries, ${requiredBy}): ${afterPropose.requests} Graph requests, ${afterPropose.roundTrips} round trips, ${proposeMs.toFixed(0)} ms`);
    report(`  write both diaries: ${calendar.counters.requests - afterPropose.requests} Graph requests, ${calendar.counters.roundTrips - afterPropose.roundTrips} round trips, ${bookMs.toFixed(0)} ms (status ${done.status})`);

    // 2. Thirty people's free time over four months.
    const reader = new GraphCalendar({ auth: { kind: 'none' }, baseUrl: graph.baseUrl });
    const from = new Date();
    const to = new Date(from.getTime() + 122 * 86_400_000);
    t = performance.now();
    const busy = await reader.busy(coaches.map((c) => c.email), from, to);
    const readMs = performance.now() - t;
    report(`Read ${coaches.length} people's free time over 4 months: ${reader.counters.requests} Graph requests, ${reader.counters.roundTrips} round trips, ${readMs.toFixed(0)} ms`);

    const participants = [dea, ...coaches].map((p) => ({ id: p.id, busy: busy.get(p.email) ?? [], hours: DEFAULT_WORKING_HOURS, region: 'england-and-wales' as const }));
    const runs = 50;
    t = performance.now();
    for (let i = 0; i < runs; i++) findCommonSlots({ participants, from, to, durationMinutes: 60, count: 3, spread: 'one-per-day' });
    report(`Common free time of ${participants.length} people over 4 months: ${((performance.now() - t) / runs).toFixed(2)} ms a search (mean of ${runs})`);
  } finally {
    await graph.close();
    await db.close();
  }
}
