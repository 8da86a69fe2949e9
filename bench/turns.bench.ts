import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp, type App } from '../bot/app';
import { loadConfig } from '../bot/config';
import { createLogger } from '../bot/logger';
import { SqlStaffDirectory } from '../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../data/stores/support-requests';
import type { StaffMember } from '../domain/staff';
import { Driver, type Results, type Turn } from './http-driver';
import { startEchoBot } from './echo-bot';

/**
 * The bot's cost per turn beside a minimal echo bot's, both in this process and driven over HTTP
 * in the same run, in alternating blocks; then the heap over many turns.
 */

const ROUNDS = positive('BENCH_ROUNDS', 10);
const BLOCK = 50;
const MEMORY_TURNS = positive('BENCH_TURNS', 20_000);
const CONCURRENCIES = [1, 10] as const;

const DEA = '00000000-0000-4000-8000-000000000002';
/** Amira Shah and the 29 other coaches of the demo DEA (…0101 to …0129). */
const COACHES = ['00000000-0000-4000-8000-000000000001', ...Array.from({ length: 29 }, (_, i) => `00000000-0000-4000-8000-000000000${101 + i}`)];
/** Coaches who ask for "my requests" and have a few requests each. */
const LISTERS = COACHES.slice(0, 10);
const REQUESTS_EACH = 3;
/**
 * Each accept tells its coach at once only while Teams' pace for that chat allows (five at once,
 * then about two a second). So the accepted requests are spread over enough coaches for every
 * notice to go within its own block, and its cost is counted there, not in a later block.
 */
const ACCEPTS_PER_COACH = 4;

type Target = 'bot' | 'echo';

interface Scenario {
  readonly name: string;
  readonly kind: 'message' | 'card action';
  turn(i: number, target: Target): Turn;
}

let sequence = 0;

export function message(serviceUrl: string, aadObjectId: string, text: string): Turn {
  sequence++;
  return {
    expect: 'replies',
    activity: {
      type: 'message',
      id: `bench-${sequence}`,
      channelId: 'msteams',
      serviceUrl,
      deliveryMode: 'expectReplies',
      text,
      from: { id: `29:${aadObjectId}`, name: 'Bench person', aadObjectId },
      recipient: { id: '28:dea-bot', name: 'DEA Support' },
      conversation: { id: `a:personal-${aadObjectId}`, conversationType: 'personal', isGroup: false },
      channelData: { tenant: { id: 'tenant-1' } },
      timestamp: new Date().toISOString(),
    },
  };
}

export function cardAction(serviceUrl: string, aadObjectId: string, verb: string, data: Record<string, unknown>): Turn {
  sequence++;
  return {
    expect: 'card',
    activity: {
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: `bench-invoke-${sequence}`,
      channelId: 'msteams',
      serviceUrl,
      from: { id: `29:${aadObjectId}`, aadObjectId },
      recipient: { id: '28:dea-bot' },
      conversation: { id: `a:personal-${aadObjectId}`, conversationType: 'personal' },
      channelData: { tenant: { id: 'tenant-1' } },
      value: { action: { type: 'Action.Execute', verb, data } },
    },
  };
}

/** More work coaches of the DEA, written straight into SQL; their Entra object ids. */
async function addCoaches(app: App, dea: StaffMember, count: number): Promise<string[]> {
  const stamp = new Date().toISOString().replace('T', ' ').replace('Z', '');
  const aads: string[] = [];
  await app.dataSource.transaction(async (manager) => {
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      const aad = randomUUID();
      await manager.query('INSERT INTO staff (id, aadObjectId, name, email, jobcentreId, deaId, teamLeaderId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?)', [id, aad, `Coach ${i}`, `coach${i}@bench.example`, dea.jobcentreId, dea.id, stamp, stamp]);
      await manager.query('INSERT INTO staff_role (staffId, role) VALUES (?, ?)', [id, 'work_coach']);
      aads.push(aad);
    }
  });
  return aads;
}

export function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw ? Number(raw) : fallback;
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} should be a whole number above 0, not "${raw}"`);
  return n;
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
}

function summarise(m: Measured): { p50: number; p99: number; cpuMs: number } {
  const sorted = [...m.latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99), cpuMs: m.cpuMicros / m.turns / 1000 };
}

export function cpuMicros(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return used.user + used.system;
}

function heapMb(): number {
  global.gc?.();
  return process.memoryUsage().heapUsed / 1_048_576;
}

export function checked(results: Results, what: string): Results {
  if (results.failures.length > 0) throw new Error(`${what}: ${results.failures.length} turns failed, e.g. ${results.failures[0]}`);
  return results;
}

interface Measured {
  latencies: number[];
  cpuMicros: number;
  turns: number;
}

export async function turnsBench(report: (line: string) => void): Promise<void> {
  const startedAt = performance.now();
  const load = () => loadavg().map((n) => n.toFixed(1)).join(' ');
  const startLoad = load();
  const dataDir = mkdtempSync(join(tmpdir(), 'dea-bench-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' });
  const app: App = await createApp(config, createLogger(config.logLevel));
  await app.listen();
  const botUrl = `${app.url()}/api/messages`;
  const echo = await startEchoBot();
  const driver = Driver.start();
  const serviceUrl = await driver.connector();
  try {
    // The real bot and its data: a few requests for the listers, and a fresh request for every accept.
    const directory = new SqlStaffDirectory(app.dataSource);
    const store = new SqlSupportRequestStore(app.dataSource);
    const people = new Map<string, StaffMember>();
    for (const aad of [DEA, ...COACHES]) people.set(aad, (await directory.findByAadObjectId(aad))!);
    let nino = 0;
    const submit = (requesterAad: string) =>
      store.create(
        {
          type: 'claimant_support',
          requesterId: people.get(requesterAad)!.id,
          deaId: people.get(DEA)!.id,
          claimant: { surname: 'Bench', nino: `AB${String(++nino).padStart(6, '0')}C`, benefits: ['UC'] },
          topic: null,
          description: 'Needs help preparing for work',
          reason: 'Health condition',
          requiredBy: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10),
          urgent: false,
          vulnerability: null,
        },
        new Date(),
      );
    const listed: string[] = [];
    for (const aad of LISTERS) for (let i = 0; i < REQUESTS_EACH; i++) listed.push((await submit(aad)).id);
    const acceptTurns = BLOCK * (ROUNDS + 1) * CONCURRENCIES.length;
    const acceptors = await addCoaches(app, people.get(DEA)!, Math.ceil(acceptTurns / ACCEPTS_PER_COACH));
    for (const aad of acceptors) people.set(aad, (await directory.findByAadObjectId(aad))!);
    const fresh: string[] = [];
    for (let i = 0; i < acceptTurns; i++) fresh.push((await submit(acceptors[i % acceptors.length]!)).id);
    // Everyone has opened the app, so the coach told of an accept is reached through the connector.
    checked(await driver.run({ url: botUrl, concurrency: 10, turns: [DEA, ...COACHES, ...acceptors].map((aad) => message(serviceUrl, aad, 'help')) }), 'opening the app');
    await app.notifier.idle();

    const scenarios: Scenario[] = [
      { name: 'help', kind: 'message', turn: (i) => message(serviceUrl, COACHES[i % COACHES.length]!, 'help') },
      { name: 'my requests', kind: 'message', turn: (i) => message(serviceUrl, LISTERS[i % LISTERS.length]!, 'my requests') },
      { name: 'refresh card', kind: 'card action', turn: (i) => cardAction(serviceUrl, DEA, 'request.refresh', { requestId: listed[i % listed.length] }) },
      {
        name: 'accept',
        kind: 'card action',
        turn: (i, target) =>
          cardAction(serviceUrl, DEA, 'request.accept', { requestId: target === 'bot' ? fresh.shift() : listed[i % listed.length], version: 1, channel: 'case_conference' }),
      },
    ];
    const urls: Record<Target, string> = { bot: botUrl, echo: echo.url };

    /** One block of turns to one bot; the CPU counted includes the bot's work after its answers. */
    const block = async (scenario: Scenario, target: Target, concurrency: number): Promise<Measured> => {
      await driver.load({ url: urls[target], concurrency, turns: Array.from({ length: BLOCK }, (_, i) => scenario.turn(i, target)) });
      const cpu = process.cpuUsage();
      const results = checked(await driver.go(), `${scenario.name} to the ${target}`);
      if (target === 'bot') {
        await app.notifier.idle();
        await app.background.idle();
      }
      return { latencies: results.latenciesMs, cpuMicros: cpuMicros(cpu), turns: BLOCK };
    };

    const header = ['scenario', 'conc', 'bot p50', 'bot p99', 'echo p50', 'echo p99', 'p50 ratio', 'target', 'bot CPU/turn', 'echo CPU/turn', 'CPU ratio'];
    const rows: string[][] = [];
    for (const scenario of scenarios) {
      for (const concurrency of CONCURRENCIES) {
        // Warm-up block for each, not counted.
        await block(scenario, 'bot', concurrency);
        await block(scenario, 'echo', concurrency);
        const sums: Record<Target, Measured> = { bot: { latencies: [], cpuMicros: 0, turns: 0 }, echo: { latencies: [], cpuMicros: 0, turns: 0 } };
        for (let round = 0; round < ROUNDS; round++) {
          for (const target of ['bot', 'echo'] as const) {
            const m = await block(scenario, target, concurrency);
            sums[target].latencies.push(...m.latencies);
            sums[target].cpuMicros += m.cpuMicros;
            sums[target].turns += m.turns;
          }
        }
        const bot = summarise(sums.bot);
        const ref = summarise(sums.echo);
        const limit = scenario.kind === 'message' ? 3 : 5;
        const ratio = bot.p50 / ref.p50;
        rows.push([
          scenario.name,
          String(concurrency),
          bot.p50.toFixed(2),
          bot.p99.toFixed(2),
          ref.p50.toFixed(2),
          ref.p99.toFixed(2),
          `${ratio.toFixed(1)}x`,
          `<= ${limit}x ${ratio <= limit ? 'meets' : 'misses'}`,
          bot.cpuMs.toFixed(3),
          ref.cpuMs.toFixed(3),
          `${(bot.cpuMs / ref.cpuMs).toFixed(1)}x`,
        ]);
      }
    }
    const accepted = await app.dataSource.query("SELECT COUNT(*) AS n FROM support_request WHERE status = 'accepted'");
    if (Number((accepted as { n: number }[])[0]!.n) !== acceptTurns) throw new Error(`expected ${acceptTurns} accepted requests, found ${JSON.stringify(accepted)}`);
    // Each accept tells the coach: at least one post each reached the stand-in connector.
    const posts = await driver.posts();
    if (posts < acceptTurns) throw new Error(`expected at least ${acceptTurns} posts to the connector, found ${posts}`);

    report(`Turn cost over HTTP, the bot beside a minimal echo bot in the same process (${ROUNDS} alternating blocks of ${BLOCK} turns each; latency in ms, CPU in ms per turn):`);
    report(`  machine load average at the start ${startLoad}, now ${load()} (other work on the machine moves the absolute figures more than the ratios)`);
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
    for (const row of [header, ...rows]) report(`  ${row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')}`);
    report('  targets: message turns p50 <= 3x echo, card actions p50 <= 5x echo; CPU is the whole process (bot or echo); the client and the stand-in connector run in a child process');

    // Memory: mixed turns at concurrency 10, the heap after a full GC every quarter.
    if (!global.gc) report('  (run node with --expose-gc for heap figures after a full collection)');
    const mixed = scenarios.slice(0, 3);
    const quarter = Math.ceil(MEMORY_TURNS / 4);
    const samples: { turns: number; mb: number }[] = [{ turns: 0, mb: heapMb() }];
    let done = 0;
    while (done < MEMORY_TURNS) {
      const n = Math.min(quarter, MEMORY_TURNS - done);
      const turns = Array.from({ length: n }, (_, i) => mixed[(done + i) % mixed.length]!.turn(Math.floor((done + i) / mixed.length), 'bot'));
      checked(await driver.run({ url: botUrl, concurrency: 10, turns }), 'memory turns');
      await app.notifier.idle();
      done += n;
      samples.push({ turns: done, mb: heapMb() });
    }
    report(`Heap used after a full GC over ${MEMORY_TURNS} mixed turns (help, my requests, refresh card) at concurrency 10:`);
    report(`  ${samples.map((s) => `${s.turns}: ${s.mb.toFixed(1)} MB`).join(', ')}`);
    const from = samples[1]!;
    const to = samples[samples.length - 1]!;
    report(`  growth from ${from.turns} to ${to.turns} turns: ${(to.mb - from.mb).toFixed(1)} MB (${(((to.mb - from.mb) * 1_048_576) / Math.max(1, to.turns - from.turns)).toFixed(0)} bytes a turn)`);
    report(`Turn benchmarks took ${((performance.now() - startedAt) / 1000).toFixed(0)} s`);
  } finally {
    driver.stop();
    await echo.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
