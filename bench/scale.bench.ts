import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3';
import { createApp, type App } from '../bot/app';
import { loadConfig } from '../bot/config';
import { createLogger } from '../bot/logger';
import { SqlStaffDirectory } from '../data/stores/staff-directory';
import { statementsDuring } from '../testkit/statement-log';
import { startEchoBot } from './echo-bot';
import { Driver, type Turn } from './http-driver';
import { cardAction, checked, message, percentile, positive } from './turns.bench';

/**
 * A district's scale: 50,000 requests over 50 DEAs, one of whom (the demo DEA) has 5,000 open, a
 * team leader over 25 of them, and every meeting in the embedded calendar. The lists and two card
 * actions against it, beside the echo bot.
 */

const REQUESTS = positive('BENCH_SCALE_REQUESTS', 50_000);
const DEAS = 50;
const BUSY_OPEN = Math.min(5_000, Math.floor(REQUESTS / 2));
const ROUNDS = positive('BENCH_SCALE_ROUNDS', 5);
const BLOCK = 20;
const CONCURRENCIES = [1, 10] as const;

const DEA = '00000000-0000-4000-8000-000000000002';
const TEAM_LEADER = '00000000-0000-4000-8000-000000000003';
const COACH = '00000000-0000-4000-8000-000000000001';

const OPEN = ['submitted', 'accepted', 'info_requested'] as const;
const MEETING_CHANNELS = ['case_conference', 'skill_conference', 'three_way_intervention', 'claimant_support_intervention'] as const;

function sqlTime(d: Date): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

/** Writes the district straight through the SQLite driver, in one transaction (seconds, not minutes). */
export async function seedDistrict(app: App): Promise<{ busyRequestIds: string[]; waitingIds: string[] }> {
  const directory = new SqlStaffDirectory(app.dataSource);
  const dana = (await directory.findByAadObjectId(DEA))!;
  const tom = (await directory.findByAadObjectId(TEAM_LEADER))!;
  const amira = (await directory.findByAadObjectId(COACH))!;
  const danaCoaches = (await app.dataSource.query('SELECT id, email FROM staff WHERE deaId = ?', [dana.id])) as { id: string; email: string }[];
  const db = (app.dataSource.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;
  const now = Date.now();
  const busyRequestIds: string[] = [];
  const waitingIds: string[] = [];

  db.transaction(() => {
    const staff = db.prepare('INSERT INTO staff (id, aadObjectId, name, email, jobcentreId, deaId, teamLeaderId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const role = db.prepare('INSERT INTO staff_role (staffId, role) VALUES (?, ?)');
    const claimant = db.prepare('INSERT INTO claimant (id, nino, surname, benefits, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)');
    const request = db.prepare(
      'INSERT INTO support_request (id, number, submissionKey, type, status, version, requesterId, deaId, claimantId, topic, description, reason, requiredBy, urgent, vulnerability, createdAt, updatedAt, channel, inappropriate) ' +
        'VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, 0)',
    );
    const booking = db.prepare("INSERT INTO booking (id, requestId, startsAt, endsAt, mode, status, events, version, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'teams', 'booked', '[]', 1, ?, ?)");
    const check = db.prepare("INSERT INTO quality_check (id, requestId, standard, checkerId, markedAt, result) VALUES (?, ?, 'qas2', ?, ?, 'met')");
    // Each meeting in its DEA's diary, the coach invited: the embedded calendar's busy time reads them all.
    const event = db.prepare(
      "INSERT INTO calendar_event (id, mailbox, subject, body, startsAt, endsAt, showAs, attendees, location, joinUrl, transactionId, createdAt) VALUES (?, ?, 'Case conference', '', ?, ?, 'busy', ?, NULL, NULL, ?, ?)",
    );
    const stamp = sqlTime(new Date(now));

    // 49 more DEAs, each with 10 coaches; the first 24 of them (and the demo DEA) under the demo team leader.
    const deas: { id: string; email: string; coaches: { id: string; email: string }[] }[] = [{ id: dana.id, email: dana.email.toLowerCase(), coaches: danaCoaches }];
    for (let d = 1; d < DEAS; d++) {
      const id = randomUUID();
      staff.run(id, randomUUID(), `DEA ${d}`, `dea${d}@bench.example`, dana.jobcentreId, null, d < 25 ? tom.id : null, stamp, stamp);
      role.run(id, 'dea');
      const coaches: { id: string; email: string }[] = [];
      for (let c = 0; c < 10; c++) {
        const coach = { id: randomUUID(), email: `coach${d}-${c}@bench.example` };
        staff.run(coach.id, randomUUID(), `Coach ${d}-${c}`, coach.email, dana.jobcentreId, id, null, stamp, stamp);
        role.run(coach.id, 'work_coach');
        coaches.push(coach);
      }
      deas.push({ id, email: `dea${d}@bench.example`, coaches });
    }

    for (let n = 1; n <= REQUESTS; n++) {
      // The first BUSY_OPEN are the demo DEA's open ones; the rest spread over every DEA's history.
      const busy = n <= BUSY_OPEN;
      const dea = busy ? deas[0]! : deas[Math.floor(n / 10) % DEAS]!;
      const requester = dea.coaches[n % dea.coaches.length]!;
      const roll = n % 10;
      const status = busy ? OPEN[n % 3]! : roll === 0 ? 'submitted' : roll < 3 ? 'booked' : roll < 6 ? 'held' : roll < 8 ? 'outcome_recorded' : 'closed';
      const meeting = status === 'booked' || status === 'held' || status === 'outcome_recorded' || status === 'closed';
      const channel = meeting ? MEETING_CHANNELS[n % MEETING_CHANNELS.length]! : status === 'accepted' ? 'case_conference' : null;
      const created = new Date(now - (REQUESTS - n) * 20 * 60_000);
      const id = randomUUID();
      const skill = n % 7 === 0;
      let claimantId: string | null = null;
      if (!skill) {
        claimantId = randomUUID();
        claimant.run(claimantId, `AB${String(n % 1_000_000).padStart(6, '0')}C`, `Surname${n}`, 'UC', sqlTime(created), sqlTime(created));
      }
      const requiredBy = new Date(created.getTime() + ((n % 40) - 5) * 86_400_000).toISOString().slice(0, 10);
      request.run(id, n, `bench-${n}`, skill ? 'skill_support' : 'claimant_support', status, requester.id, dea.id, claimantId, skill ? 'retention' : null, 'Needs help preparing for work', 'Health condition', requiredBy, n % 50 === 0 ? 1 : 0, sqlTime(created), sqlTime(created), channel);
      if (meeting) {
        const start = new Date(created.getTime() + 7 * 86_400_000);
        const end = new Date(start.getTime() + 3_600_000);
        booking.run(randomUUID(), id, sqlTime(start), sqlTime(end), sqlTime(created), sqlTime(created));
        event.run(randomUUID(), dea.email, sqlTime(start), sqlTime(end), JSON.stringify([{ email: requester.email, name: 'Work coach' }]), `bench-${n}`, sqlTime(created));
        if (n % 3 === 0) check.run(randomUUID(), id, tom.id, sqlTime(created));
      }
      if (busy) busyRequestIds.push(id);
      if (busy && status === 'submitted') waitingIds.push(id);
    }
    // The demo coach asks a lot: one in eight of the demo DEA's requests are hers.
    db.prepare('UPDATE support_request SET requesterId = ? WHERE deaId = ? AND number % 8 = 0').run(amira.id, dana.id);
  })();
  return { busyRequestIds, waitingIds };
}

interface Scenario {
  readonly name: string;
  readonly kind: 'message' | 'card action';
  turn(target: 'bot' | 'echo', i: number): Turn;
}

export async function scaleBench(report: (line: string) => void): Promise<void> {
  const startedAt = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'dea-bench-scale-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent' });
  const app = await createApp(config, createLogger(config.logLevel));
  await app.listen();
  const botUrl = `${app.url()}/api/messages`;
  const echo = await startEchoBot();
  const driver = Driver.start();
  const serviceUrl = await driver.connector();
  try {
    const seeded = performance.now();
    const { busyRequestIds, waitingIds } = await seedDistrict(app);
    const counts = (await app.dataSource.query(
      `SELECT COUNT(*) AS requests, SUM(CASE WHEN deaId = (SELECT id FROM staff WHERE aadObjectId = '${DEA}') AND status IN ('submitted', 'accepted', 'info_requested') THEN 1 ELSE 0 END) AS busyOpen, (SELECT COUNT(*) FROM staff_role WHERE role = 'dea') AS deas FROM support_request`,
    )) as { requests: number; busyOpen: number; deas: number }[];
    const events = ((await app.dataSource.query('SELECT COUNT(*) AS n FROM calendar_event')) as { n: number }[])[0]!.n;
    report(`District scale: ${counts[0]!.requests} requests over ${counts[0]!.deas} DEAs, ${counts[0]!.busyOpen} open with the busiest, ${events} meetings in the embedded calendar; seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);

    // Everyone has opened the app: the DEA, the team leader and the DEA's work coaches, as every requester
    // has (a request is made in the chat), so the coach told of an accept is reached through the connector.
    const coaches = (await app.dataSource.query('SELECT s.aadObjectId AS aad FROM staff s INNER JOIN staff d ON d.id = s.deaId WHERE d.aadObjectId = ?', [DEA])) as { aad: string }[];
    const opening = [DEA, TEAM_LEADER, COACH, ...coaches.map((c) => c.aad).filter((aad) => aad !== COACH)];
    checked(await driver.run({ url: botUrl, concurrency: 1, turns: opening.map((aad) => message(serviceUrl, aad, 'help')) }), 'opening the app');
    await app.notifier.idle();

    const scenarios: Scenario[] = [
      { name: 'queue (5,000 open)', kind: 'message', turn: () => message(serviceUrl, DEA, 'queue') },
      { name: 'my requests', kind: 'message', turn: () => message(serviceUrl, COACH, 'my requests') },
      { name: 'quality checks (25 DEAs)', kind: 'message', turn: () => message(serviceUrl, TEAM_LEADER, 'quality checks') },
      { name: 'meetings', kind: 'message', turn: () => message(serviceUrl, DEA, 'meetings') },
      { name: 'queue next page', kind: 'card action', turn: (_t, i) => cardAction(serviceUrl, DEA, 'queue.page', { offset: 25 * (1 + (i % 50)) }) },
      { name: 'refresh card', kind: 'card action', turn: (_t, i) => cardAction(serviceUrl, DEA, 'request.refresh', { requestId: busyRequestIds[(i * 97) % busyRequestIds.length] }) },
      // Each accept a request still waiting; its card then offers times from both diaries.
      {
        name: 'accept',
        kind: 'card action',
        turn: (target, i) => cardAction(serviceUrl, DEA, 'request.accept', { requestId: target === 'bot' ? waitingIds.shift() : waitingIds[i % waitingIds.length], version: 1, channel: 'case_conference' }),
      },
    ];

    // Statements and card size of one turn of each, at rest.
    const statementsOf = async (turn: Turn): Promise<{ statements: number; bytes: number }> => {
      let body = '';
      const sent = await statementsDuring(app.dataSource, async () => {
        const response = await fetch(botUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(turn.activity) });
        body = await response.text();
        await app.notifier.idle();
      });
      return { statements: sent.length, bytes: body.length };
    };

    const header = ['scenario', 'conc', 'bot p50', 'bot p99', 'echo p50', 'echo p99', 'p50 ratio', 'target', 'statements', 'answer KB'];
    // Fixed widths, so each row is printed as soon as it is measured.
    const widths = [24, 4, 8, 8, 8, 8, 9, 28, 10, 9];
    const line = (row: readonly string[]) => `  ${row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')}`;
    report(`Turns at that scale, beside the echo bot (${ROUNDS} alternating blocks of ${BLOCK}; latency in ms; statements and answer size of one turn at rest):`);
    report(line(header));
    for (const scenario of scenarios) {
      const at = await statementsOf(scenario.turn('bot', 0));
      for (const concurrency of CONCURRENCIES) {
        const sums = { bot: [] as number[], echo: [] as number[] };
        for (let round = 0; round <= ROUNDS; round++) {
          for (const target of ['bot', 'echo'] as const) {
            const url = target === 'bot' ? botUrl : echo.url;
            await driver.load({ url, concurrency, turns: Array.from({ length: BLOCK }, (_, i) => scenario.turn(target, round * BLOCK + i)) });
            const results = checked(await driver.go(), `${scenario.name} to the ${target}`);
            // The first round warms up, uncounted.
            if (round > 0) sums[target].push(...results.latenciesMs);
          }
        }
        const bot = [...sums.bot].sort((a, b) => a - b);
        const ref = [...sums.echo].sort((a, b) => a - b);
        const ratio = percentile(bot, 0.5) / percentile(ref, 0.5);
        const limit = scenario.kind === 'message' ? 2 : 3;
        const within = percentile(bot, 0.5) <= 100;
        report(line([
          scenario.name,
          String(concurrency),
          percentile(bot, 0.5).toFixed(2),
          percentile(bot, 0.99).toFixed(2),
          percentile(ref, 0.5).toFixed(2),
          percentile(ref, 0.99).toFixed(2),
          `${ratio.toFixed(1)}x`,
          `<= ${limit}x ${ratio <= limit ? 'meets' : 'misses'}${within ? '' : ', p50 > 100 ms'}`,
          String(at.statements),
          (at.bytes / 1024).toFixed(1),
        ]));
      }
    }
    report('  targets: every p50 within 100 ms; message turns p50 <= 2x echo, card actions p50 <= 3x echo');
    report(`District benchmark took ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
  } finally {
    driver.stop();
    await echo.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
