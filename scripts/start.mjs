/* global process, console */
// `npm start`: compiles only when a source file is newer than the build, then runs the built bot in
// this process. In production, build once (`npm run build`) and start with `node dist/bot/index.js`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'bot', 'index.js');
const SOURCES = ['bot', 'cards', 'data', 'dialogs', 'domain', 'manifest', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];

/** The newest modification time of the TypeScript and JSON sources the build reads. */
function newest(path) {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return /\.(ts|json)$/.test(path) ? stat.mtimeMs : 0;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), 0);
}

const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
if (SOURCES.some((source) => newest(join(root, source)) > builtAt)) {
  console.log('Compiling (the sources changed since the last build)…');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
await import(pathToFileURL(built).href);
