/* global process, console */
// `npm run test:dates`: the unit tests again with the clock moved to days and hours that trip
// date handling — a bank holiday, London already on tomorrow while UTC is still on today, the nights
// the clocks change, the turn of the year, a Friday night before a weekend. The product reads its
// clock from the machine, so a test that assumes "today is an ordinary working day" passes on most
// days and fails on these; this finds it before the day does. The instants are the next ones of each
// kind from now, so the bank holiday rules and the tests' "weeks ahead" stay in the years they cover.
// It needs libfaketime (Debian: `apt-get install faketime`). Arguments go to Jest.
import { spawn, spawnSync } from 'node:child_process';

const now = Date.now();

/** The next instant, in UTC, at the given month (1–12), day and time. */
function next(month, day, hour, minute) {
  for (let year = new Date(now).getUTCFullYear(); ; year++) {
    const at = Date.UTC(year, month - 1, day, hour, minute);
    if (at > now) return at;
  }
}

/** The next last Sunday of a month (1–12) at the given UTC time: the clocks change at 01:00 UTC then. */
function nextLastSunday(month, hour, minute) {
  for (let year = new Date(now).getUTCFullYear(); ; year++) {
    const last = new Date(Date.UTC(year, month, 0));
    const at = Date.UTC(year, month - 1, last.getUTCDate() - last.getUTCDay(), hour, minute);
    if (at > now) return at;
  }
}

/** The next Friday at the given UTC time. */
function nextFriday(hour, minute) {
  const today = new Date(now);
  for (let days = 0; ; days++) {
    const at = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + days, hour, minute);
    if (new Date(at).getUTCDay() === 5 && at > now) return at;
  }
}

const instants = [
  { name: 'Christmas Day, a bank holiday everywhere, mid-morning', at: next(12, 25, 10, 0) },
  // A developer's machine in London: the tests must not lean on the machine's own time zone either.
  { name: 'a summer night after midnight in London, still the day before in UTC, on a machine set to London time', at: next(7, 15, 23, 30), tz: 'Europe/London' },
  { name: 'the night the clocks go forward, half an hour before', at: nextLastSunday(3, 0, 30) },
  { name: 'the night the clocks go back, in the hour that happens twice', at: nextLastSunday(10, 1, 30) },
  { name: "New Year's Eve, twenty minutes before midnight", at: next(12, 31, 23, 40) },
  { name: 'a Friday night, a weekend ahead', at: nextFriday(23, 30) },
];

if (spawnSync('faketime', ['-f', '+0', 'true']).status !== 0) {
  console.error('test:dates needs libfaketime to move the clock: install it (Debian: apt-get install faketime) and run again.');
  process.exit(1);
}

/** Runs Jest with the clock moved to `at` (libfaketime: an offset in seconds, so the time zone plays no part). */
function jestAt({ at, tz }) {
  const offset = Math.round((at - Date.now()) / 1000);
  return new Promise((resolve) => {
    const child = spawn('faketime', ['-f', `+${offset}`, 'npx', 'jest', '--ci', ...process.argv.slice(2)], {
      stdio: 'inherit',
      // Timers run on the real monotonic clock, so Jest's timeouts and the bot's own waits are not moved.
      env: { ...process.env, FAKETIME_DONT_FAKE_MONOTONIC: '1', ...(tz ? { TZ: tz } : {}) },
    });
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });
}

const failed = [];
for (const instant of instants) {
  const label = `${instant.name}: ${new Date(instant.at).toISOString().slice(0, 16).replace('T', ' ')} UTC${instant.tz ? `, TZ=${instant.tz}` : ''}`;
  console.log(`\n=== ${label}`);
  if ((await jestAt(instant)) !== 0) failed.push(label);
}
if (failed.length > 0) {
  console.log(`\nThe unit tests failed with the clock at:\n${failed.map((label) => `- ${label}`).join('\n')}`);
  process.exit(1);
}
console.log(`\nThe unit tests passed with the clock at each of ${instants.length} instants.`);
