/* global process, console, Buffer */
// `npm test`: the type check and the linter run beside Jest instead of before it. Jest's workers
// spend part of their time waiting on sockets and timers, so on 2 cores the three end sooner
// together than one after another. The type check's and the linter's output comes after Jest's;
// any of the three failing fails the run. Arguments go to Jest (`npm test -- -t booking`).
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs an npm script; `quiet` keeps its output to be shown at the end. */
function run(args, quiet) {
  return new Promise((resolve) => {
    const child = spawn(npm, args, { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', shell: process.platform === 'win32' });
    const output = [];
    if (quiet) {
      child.stdout.on('data', (chunk) => output.push(chunk));
      child.stderr.on('data', (chunk) => output.push(chunk));
    }
    child.on('error', (error) => resolve({ code: 1, output: String(error) }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output: Buffer.concat(output).toString() }));
  });
}

const checks = [
  { name: 'The type check (npm run typecheck)', done: run(['run', '-s', 'typecheck'], true) },
  { name: 'The linter (npm run lint)', done: run(['run', '-s', 'lint'], true) },
];
const jest = await run(['run', '-s', 'test:unit', '--', ...process.argv.slice(2)], false);

let failed = jest.code !== 0;
for (const check of checks) {
  const { code, output } = await check.done;
  if (output.trim()) console.log(`\n${output.trimEnd()}`);
  if (code !== 0) {
    console.log(`${check.name} failed.`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
