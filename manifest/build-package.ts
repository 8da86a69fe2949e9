/**
 * Builds the Teams app manifest from manifest.template.json and packages it with the icons
 * into the app package zip that is uploaded to Teams.
 *
 * Files are read at run time from the repository's manifest/ folder, found by walking up from
 * this file, so this works from the tests (manifest/) and compiled (dist/manifest/) alike.
 */
import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { manifestCommandLists, type ManifestCommandList } from './commands';

export interface BuildManifestOptions {
  /** The bot's Microsoft App ID (Azure Bot registration), a GUID. Env: MicrosoftAppId. */
  botId: string;
  /** Host name the bot is served from, e.g. dea-bot.azurewebsites.net. Env: BOT_DOMAIN. */
  botDomain: string;
  /** The Teams app id, a GUID; defaults to DEFAULT_TEAMS_APP_ID. Env: TEAMS_APP_ID. */
  appId?: string;
  /** The app version, MAJOR.MINOR.PATCH; defaults to DEFAULT_APP_VERSION. Env: TEAMS_APP_VERSION. */
  version?: string;
}

/** The parts of the manifest this code sets or that callers read; the rest passes through. */
export interface TeamsAppManifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  name: { short: string; full?: string };
  icons: { color: string; outline: string };
  bots: {
    botId: string;
    scopes: string[];
    supportsFiles?: boolean;
    isNotificationOnly?: boolean;
    commandLists?: ManifestCommandList[];
  }[];
  validDomains?: string[];
  [key: string]: unknown;
}

/** The committed Teams app id. Keep it stable: Teams treats a new id as a different app. */
export const DEFAULT_TEAMS_APP_ID = '39fee2c3-a93c-4786-808e-bdc1fd1f7d73';
export const DEFAULT_APP_VERSION = '1.0.0';

/** File names inside manifest/ and at the root of the app package. */
export const TEMPLATE_FILE = 'manifest.template.json';
export const SCHEMA_FILE = path.join('schema', 'MicrosoftTeams.schema.json');
export const COLOR_ICON = 'color.png';
export const OUTLINE_ICON = 'outline.png';
export const PACKAGE_MANIFEST = 'manifest.json';

/** Thrown when a value the manifest needs is missing or invalid; `problems` has one line per problem. */
export class ManifestConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Cannot build the Teams app manifest:\n- ${problems.join('\n- ')}`);
    this.name = 'ManifestConfigError';
    this.problems = problems;
  }
}

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
// Teams requires MAJOR.MINOR.PATCH, numbers only (no pre-release tags).
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/i;
const PLACEHOLDER = /\$\{\{([A-Z0-9_]+)\}\}/g;

/** The folder that holds the template, schema and icons: `<repo>/manifest`. */
export function manifestDir(startDir: string = __dirname): string {
  let dir = path.resolve(startDir);
  for (;;) {
    if (
      fs.existsSync(path.join(dir, 'package.json')) &&
      fs.existsSync(path.join(dir, 'manifest', TEMPLATE_FILE))
    ) {
      return path.join(dir, 'manifest');
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`Cannot find manifest/${TEMPLATE_FILE} in any folder above ${startDir}`);
    }
    dir = parent;
  }
}

/** The repository root (the folder holding package.json and manifest/). */
export function repoRoot(startDir: string = __dirname): string {
  return path.dirname(manifestDir(startDir));
}

function isValidDomain(domain: string): boolean {
  const [host, port, ...rest] = domain.split(':');
  if (rest.length > 0 || host === undefined || host.length > 253) return false;
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) > 0 && Number(port) < 65536)) {
    return false;
  }
  const labels = host.split('.');
  if (labels.length < 2 && host.toLowerCase() !== 'localhost') return false;
  return labels.every((label) => HOST_LABEL.test(label));
}

function checkOptions(opts: BuildManifestOptions): string[] {
  const problems: string[] = [];
  const botId = (opts.botId ?? '').trim();
  if (botId === '') {
    problems.push(
      "botId (env MicrosoftAppId) is missing: set it to the bot's Microsoft App ID from its Azure Bot registration (a GUID)",
    );
  } else if (!GUID.test(botId)) {
    problems.push(
      `botId (env MicrosoftAppId) must be a GUID such as 00000000-0000-0000-0000-000000000000, got "${botId}"`,
    );
  }

  const domain = (opts.botDomain ?? '').trim();
  if (domain === '') {
    problems.push(
      'botDomain (env BOT_DOMAIN) is missing: set it to the host name the bot is served from, e.g. dea-bot.azurewebsites.net',
    );
  } else if (!isValidDomain(domain)) {
    problems.push(
      `botDomain (env BOT_DOMAIN) must be a host name without scheme, path or wildcard, e.g. dea-bot.azurewebsites.net, got "${domain}"`,
    );
  }

  if (opts.appId !== undefined && !GUID.test(opts.appId.trim())) {
    problems.push(`appId (env TEAMS_APP_ID) must be a GUID, got "${opts.appId}"`);
  }
  if (opts.version !== undefined && !SEMVER.test(opts.version.trim())) {
    problems.push(`version (env TEAMS_APP_VERSION) must be MAJOR.MINOR.PATCH, e.g. 1.0.0, got "${opts.version}"`);
  }
  return problems;
}

/** Replaces `${{NAME}}` in every string of a JSON value; a string that is only a placeholder may become any JSON value. */
function fill(value: unknown, values: Readonly<Record<string, unknown>>, missing: Set<string>): unknown {
  if (typeof value === 'string') {
    const whole = /^\$\{\{([A-Z0-9_]+)\}\}$/.exec(value);
    if (whole && whole[1] !== undefined && whole[1] in values) return values[whole[1]];
    return value.replace(PLACEHOLDER, (match: string, name: string) => {
      const v = values[name];
      if (typeof v === 'string') return v;
      missing.add(name);
      return match;
    });
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, values, missing));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, values, missing)]));
  }
  return value;
}

/** The Teams app manifest for these settings; throws ManifestConfigError naming each bad value. */
export function buildManifest(opts: BuildManifestOptions): TeamsAppManifest {
  const problems = checkOptions(opts);
  if (problems.length > 0) throw new ManifestConfigError(problems);

  const templateFile = path.join(manifestDir(), TEMPLATE_FILE);
  const template: unknown = JSON.parse(fs.readFileSync(templateFile, 'utf8'));
  const values: Record<string, unknown> = {
    BOT_ID: opts.botId.trim().toLowerCase(),
    BOT_DOMAIN: opts.botDomain.trim().toLowerCase(),
    TEAMS_APP_ID: (opts.appId ?? DEFAULT_TEAMS_APP_ID).trim().toLowerCase(),
    TEAMS_APP_VERSION: (opts.version ?? DEFAULT_APP_VERSION).trim(),
    COMMAND_LISTS: manifestCommandLists(),
  };
  const unknownNames = new Set<string>();
  const manifest = fill(template, values, unknownNames);
  if (unknownNames.size > 0) {
    throw new Error(`${templateFile} has placeholders with no value: ${[...unknownNames].join(', ')}`);
  }
  return manifest as TeamsAppManifest;
}

/** Writes the app package zip (manifest.json, color.png, outline.png at its root); returns the manifest. */
export function writeAppPackage(outFile: string, opts: BuildManifestOptions): TeamsAppManifest {
  const manifest = buildManifest(opts);
  const dir = manifestDir();
  const zip = new AdmZip();
  zip.addFile(PACKAGE_MANIFEST, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'));
  zip.addFile(COLOR_ICON, fs.readFileSync(path.join(dir, COLOR_ICON)));
  zip.addFile(OUTLINE_ICON, fs.readFileSync(path.join(dir, OUTLINE_ICON)));
  fs.mkdirSync(path.dirname(path.resolve(outFile)), { recursive: true });
  zip.writeZip(path.resolve(outFile));
  return manifest;
}
