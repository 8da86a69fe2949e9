import { calendarBench } from './calendar.bench';
import { conferencesBench } from './conferences.bench';
import { turnsBench } from './turns.bench';

/** `npm run bench`: prints the figures; never part of `npm test`. */
async function main(): Promise<void> {
  const lines: string[] = [];
  const report = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  await calendarBench(report);
  await conferencesBench(report);
  await turnsBench(report);
  const used = process.memoryUsage();
  report(`Memory: ${(used.rss / 1048576).toFixed(0)} MB resident, ${(used.heapUsed / 1048576).toFixed(0)} MB heap used`);
  report(`All benchmarks took ${process.uptime().toFixed(0)} s`);
}

main().catch((error: unknown) => {
  console.error(`Benchmark failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
