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
  const dir = mkdtempSync(join(tmpdir(), 'dea-bot-test-'));
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
