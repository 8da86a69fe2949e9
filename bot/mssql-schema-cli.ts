import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateMssqlSchema } from '../data/mssql/generate-schema';
import { SCHEMA } from './journeys';

/** `npm run schema:mssql`: rewrites data/mssql/schema.sql after an entity or migration change. */
generateMssqlSchema(SCHEMA.entities).then(
  (sql) => {
    const file = join(__dirname, '..', '..', 'data', 'mssql', 'schema.sql');
    writeFileSync(file, sql);
    console.log(`Wrote ${file}`);
  },
  (error: unknown) => {
    console.error(`Could not generate the SQL Server schema: ${(error as Error).message}`);
    process.exit(1);
  },
);
