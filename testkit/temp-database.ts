import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../data/database';
import { SCHEMA } from '../bot/journeys';

export interface TempDatabase {
  readonly dataSource: DataSource;
  readonly file: string;
  readonly dir: string;
  close(): Promise<void>;
}

/** A real SQLite file in a fresh folder, with every migration run. */
export async function openTempDatabase(): Promise<TempDatabase> {
  return openDatabaseIn(mkdtempSync(join(tmpdir(), 'dea-bot-test-')));
}

/** The bot's database file in `dir` (made if new), opened as the bot opens it; closing removes the folder. */
export async function openDatabaseIn(dir: string): Promise<TempDatabase> {
  const file = join(dir, 'dea-bot.sqlite');
  const dataSource = await openDatabase({ kind: 'sqlite', file }, SCHEMA);
  return {
    dataSource,
    file,
    dir,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
