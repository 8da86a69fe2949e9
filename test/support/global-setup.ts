import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One folder per jest run for the template databases (test/support/template-database.ts). The
 * workers are started after this and inherit the variable; the templates are built there on first
 * use, so a run never reuses a template migrated by an older checkout.
 */
export default function globalSetup(): void {
  process.env.DEA_TEST_TEMPLATES = mkdtempSync(join(tmpdir(), 'dea-bot-templates-'));
}
