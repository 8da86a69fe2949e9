import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * Jest loads every module again for each test file, and loading the bot, botbuilder and TypeORM
 * takes about 1.5 s: more than most specs take to run. The specs that open a database or start the
 * bot (`*.spec.ts`) are therefore loaded in a few bundles, each a test file (`test/bundles/`) whose
 * specs share one load. Each spec still starts its own bot or database, so none sees another's data.
 */
const TEST_ROOT = join(__dirname, '..');
const BUNDLES = join(TEST_ROOT, 'bundles');

/** Every spec under test/, in a stable order. */
export function specFiles(dir: string = TEST_ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : specFiles(path);
      return entry.name.endsWith('.spec.ts') ? [path] : [];
    })
    .sort();
}

/** The bundle files (`specs-<n>.test.ts`), numbered from 1. */
export function bundleCount(): number {
  return readdirSync(BUNDLES).filter((name) => /^specs-\d+\.test\.ts$/.test(name)).length;
}

/** The specs of the bundle `bundleFile`: every bundleCount()-th spec, so each bundle takes some of each folder. */
export function specsOf(bundleFile: string): string[] {
  const n = Number(/^specs-(\d+)\.test\.ts$/.exec(basename(bundleFile))?.[1]);
  const count = bundleCount();
  if (!Number.isInteger(n) || n < 1 || n > count) throw new Error(`${bundleFile} is not a bundle of test/bundles (specs-1 to specs-${count})`);
  return specFiles().filter((_, i) => i % count === n - 1);
}

/** Loads the specs of the bundle `bundleFile`: their describe blocks join its run. */
export function loadSpecsOf(bundleFile: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- describe blocks must be registered while the bundle loads; import() would come too late
  for (const spec of specsOf(bundleFile)) require(spec);
}
