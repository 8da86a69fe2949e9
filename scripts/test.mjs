/* global process, console, Buffer */
// `npm test`: the type check and the linter at the same time (each keeps to one core), then Jest,
// whose workers take both cores. Run beside Jest, the two slowed its longest bundle more than they
// saved. Arguments go to Jest (`npm test -- -t booking`).
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs an npm script; `quiet` keeps its output, to be shown once it has ended. */
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

const checks = await Promise.all([
  run(['run', '-s', 'typecheck'], true).then((result) => ({ name: 'The type check (npm run typecheck)', ...result })),
  run(['run', '-s', 'lint'], true).then((result) => ({ name: 'The linter (npm run lint)', ...result })),
]);
let failed = false;
for (const { name, code, output } of checks) {
  if (output.trim()) console.log(output.trimEnd());
  if (code !== 0) {
    console.log(`${name} failed.`);
    failed = true;
  }
}
if (failed) process.exit(1);
const jest = await run(['run', '-s', 'test:unit', '--', ...process.argv.slice(2)], false);
process.exit(jest.code === 0 ? 0 : 1);
