import { copyFileSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEMA } from '../../bot/journeys';
import { openDatabase } from '../../data/database';
import { openDatabaseIn, type TempDatabase } from '../../testkit/temp-database';

export type { TempDatabase };

/**
 * Fresh databases without running every migration again on each one: a template SQLite file is made
 * once per run by the real code (the migrations, or the bot's own first start) and each test gets a
 * byte copy of it in a folder of its own. The copy is still a real SQLite file; opening it runs the
 * migrations again, which finds none pending, as when the bot restarts.
 */

const building = new Map<string, Promise<string>>();

function templatesDir(): string {
  // Set by the jest global setup for the whole run; without it (another runner), one folder per test file.
  if (!process.env.DEA_TEST_TEMPLATES) process.env.DEA_TEST_TEMPLATES = mkdtempSync(join(tmpdir(), 'dea-bot-templates-'));
  return process.env.DEA_TEST_TEMPLATES;
}

/**
 * The path of the template `name`, made by `build` (given a folder to make `dea-bot.sqlite` in) if no
 * worker has made it yet in this run. Two workers may both build it; each renames a complete file
 * into place, so a reader only ever copies a finished template.
 */
export function template(name: string, build: (dir: string) => Promise<void>): Promise<string> {
  const file = join(templatesDir(), `${name}.sqlite`);
  let made = building.get(file);
  if (!made) {
    made = (async () => {
      if (existsSync(file)) return file;
      const dir = mkdtempSync(join(templatesDir(), `${name}-`));
      try {
        await build(dir);
        const built = join(dir, 'dea-bot.sqlite');
        // Closed cleanly, SQLite has put everything from the write-ahead log into the file itself.
        if (existsSync(`${built}-wal`)) throw new Error(`the ${name} template was not closed cleanly (a -wal file is left)`);
        renameSync(built, file);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      return file;
    })();
    building.set(file, made);
  }
  return made;
}

/** A new folder holding a copy of a template as `dea-bot.sqlite` (the file name the bot uses in DATA_DIR). */
export async function copyOfTemplate(templateFile: string, prefix = 'dea-bot-test-'): Promise<{ dir: string; file: string }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dir, 'dea-bot.sqlite');
  copyFileSync(templateFile, file);
  return { dir, file };
}

/** The template with every migration run on an empty SQLite file, and nothing else. */
export function migratedTemplate(): Promise<string> {
  return template('migrated', async (dir) => {
    const dataSource = await openDatabase({ kind: 'sqlite', file: join(dir, 'dea-bot.sqlite') }, SCHEMA);
    await dataSource.destroy();
  });
}

/**
 * Like testkit's openTempDatabase (a real SQLite file in a fresh folder, migrations run), but a copy
 * of the migrated template: `openDatabase` on it checks the migrations and finds none pending.
 * Tests of the migrations themselves keep testkit's, which migrates an empty file.
 */
export async function openTempDatabase(): Promise<TempDatabase> {
  return openCopyOf(await migratedTemplate());
}

/** A copy of a template in a fresh folder, opened as the bot opens its database. */
export async function openCopyOf(templateFile: string): Promise<TempDatabase> {
  return openDatabaseIn((await copyOfTemplate(templateFile)).dir);
}
