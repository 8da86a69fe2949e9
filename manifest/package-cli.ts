/**
 * `npm run package`: writes the Teams app package build/appPackage/dea-support.zip.
 *
 * Settings come from the environment (and .env):
 *   MicrosoftAppId     the bot's Microsoft App ID (required, a GUID)
 *   BOT_DOMAIN         host name the bot is served from (required, e.g. dea-bot.azurewebsites.net)
 *   TEAMS_APP_ID       the Teams app id (optional GUID; a committed default is used otherwise)
 *   TEAMS_APP_VERSION  the app version (optional, MAJOR.MINOR.PATCH; default 1.0.0)
 * Prints the path of the zip; on a missing or bad value prints one line per problem and exits 1.
 */
import 'dotenv/config';
import path from 'node:path';
import { ManifestConfigError, repoRoot, writeAppPackage, type BuildManifestOptions } from './build-package';

/** Where the package is written, relative to the repository root. */
export const PACKAGE_FILE = path.join('build', 'appPackage', 'dea-support.zip');

export type PackageResult = { ok: true; outFile: string } | { ok: false; problems: string[] };

function optional(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export function optionsFromEnv(env: NodeJS.ProcessEnv): BuildManifestOptions {
  return {
    botId: env.MicrosoftAppId ?? '',
    botDomain: env.BOT_DOMAIN ?? '',
    appId: optional(env.TEAMS_APP_ID),
    version: optional(env.TEAMS_APP_VERSION),
  };
}

/** Builds the package from these settings; configuration problems are returned, not thrown. */
export function packageFromEnv(
  env: NodeJS.ProcessEnv,
  outFile: string = path.join(repoRoot(), PACKAGE_FILE),
): PackageResult {
  try {
    writeAppPackage(outFile, optionsFromEnv(env));
    return { ok: true, outFile: path.resolve(outFile) };
  } catch (err) {
    if (err instanceof ManifestConfigError) return { ok: false, problems: [...err.problems] };
    throw err;
  }
}

/** The CLI; returns the exit code. */
export function main(env: NodeJS.ProcessEnv = process.env): number {
  const result = packageFromEnv(env);
  if (result.ok) {
    console.log(result.outFile);
    return 0;
  }
  for (const problem of result.problems) console.error(`Cannot build the Teams app package: ${problem}`);
  return 1;
}

if (require.main === module) {
  process.exitCode = main();
}
