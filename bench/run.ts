import { calendarBench } from './calendar.bench';
import { conferencesBench } from './conferences.bench';
import { reportsBench } from './reports.bench';
import { scaleBench } from './scale.bench';
import { turnsBench } from './turns.bench';

/** `npm run bench`: prints the figures; never part of `npm test`. */
async function main(): Promise<void> {
  const lines: string[] = [];
  const report = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  // BENCH_ONLY=scale (or a comma-separated list of calendar, conferences, turns, scale, reports) runs only those.
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const wanted = (name: string) => !only || only.includes(name);
  if (wanted('calendar')) await calendarBench(report);
  if (wanted('conferences')) await conferencesBench(report);
  if (wanted('turns')) await turnsBench(report);
  if (wanted('scale')) await scaleBench(report);
  if (wanted('reports')) await reportsBench(report);
  const used = process.memoryUsage();
  report(`Memory: ${(used.rss / 1048576).toFixed(0)} MB resident, ${(used.heapUsed / 1048576).toFixed(0)} MB heap used`);
  report(`All benchmarks took ${process.uptime().toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(`Benchmark failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
