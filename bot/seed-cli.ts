import 'dotenv/config';
import { readFileSync } from 'node:fs';
import { loadConfig, ConfigError } from './config';
import { openDatabase } from '../data/database';
import { SCHEMA } from './journeys';
import { applySeed } from '../data/seed/apply-seed';
import { parseSeedFile, SeedFileError } from '../data/seed/seed-file';

/** `npm run seed -- FILE.json`: loads or updates the staff directory from a file. */
async function main(argv: readonly string[]): Promise<number> {
  const file = argv[0];
  if (!file) {
    console.error('Usage: npm run seed -- FILE.json   (see "Staff directory" in README.md for the format)');
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`Cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  const config = loadConfig(process.env);
  const seed = parseSeedFile(text);
  const dataSource = await openDatabase(config.database, SCHEMA);
  try {
    const result = await applySeed(dataSource, seed);
    console.log(
      `Loaded ${file}: ${result.jobcentresAdded} jobcentres added, ${result.jobcentresUpdated} updated; ` +
        `${result.staffAdded} staff added, ${result.staffUpdated} updated.`,
    );
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof SeedFileError || error instanceof ConfigError) {
      console.error(`${error.message}\nNothing was changed.`);
    } else {
      console.error(`Seeding failed, nothing was changed: ${(error as Error).message}`);
    }
    process.exit(1);
  },
);
