import { resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DatabaseConfig } from '../data/database';
import { parseTrials, type Trial } from '../domain/reports/trials';

export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

export interface BotAuthConfig {
  readonly appId: string;
  readonly appPassword: string;
  readonly appType: AppType;
  readonly tenantId: string;
}

export interface Config {
  readonly production: boolean;
  readonly host: string;
  readonly port: number;
  readonly logLevel: string;
  /** Absent only outside production: then Bot Framework authentication is off, for local tries. */
  readonly auth: BotAuthConfig | null;
  readonly database: DatabaseConfig;
  /** Load the demo staff directory into an empty database at start (never in production). */
  readonly seedDemo: boolean;
  /** Outlook diaries through Microsoft Graph, or the embedded calendar in SQL when Graph is not configured. */
  readonly calendar: CalendarConfig;
  /** When repeated or inappropriate requests are reported to the team leader (seed §12). */
  readonly trends: { readonly windowDays: number; readonly topicThreshold: number; readonly inappropriateThreshold: number };
  /** Days an unfinished conversation (a draft request, which may hold claimant details) is kept untouched before it is deleted. */
  readonly draftRetentionDays: number;
  /** Durable work after people's answers: how often every instance looks for due work, and how long a run holds an item. */
  readonly work: { readonly sweepMs: number; readonly leaseMs: number };
  /** A turn still unfinished after this long died with its process: Teams' re-send of it is handled. */
  readonly activityAbandonedAfterMs: number;
  /** Crash tests only: where the process stops itself (never read in production). */
  readonly crashAt: string | null;
  /** Days each kind of record is kept once its case has ended, before its claimant details are removed. */
  readonly retention: RetentionConfig;
  /** Management information: where people's browsers reach the bot, how its download links are signed, each district's trial. */
  readonly reports: ReportsConfig;
}

export interface ReportsConfig {
  /** The bot's address as people's browsers reach it (for chart and CSV links); null: where it listens. */
  readonly publicUrl: string | null;
  /** Signs download links; shared by every instance. */
  readonly linkSecret: Buffer;
  readonly linkMinutes: number;
  readonly trials: ReadonlyMap<string, Trial>;
  /** The trial of districts not named in `trials`. */
  readonly defaultTrial: Trial;
}

export interface RetentionConfig {
  /** Support requests and everything about them (messages, consent, bookings, outcomes, checks). */
  readonly requestDays: number;
  /** Specialist Advice conversations and the HCP's notes. */
  readonly adviceDays: number;
  /** The log of who was shown which case. */
  readonly accessLogDays: number;
  /** A showing repeated within this many minutes of one written is not written again (0: every showing is). */
  readonly accessLogRepeatMinutes: number;
  /** Cards already posted in Teams chats for an ended case are replaced by a redacted card after this many days. */
  readonly closedCardDays: number;
}

export type CalendarConfig =
  | { readonly kind: 'embedded' }
  | {
      readonly kind: 'graph';
      readonly tenantId: string;
      readonly clientId: string;
      /** Absent with a managed identity. */
      readonly clientSecret: string | null;
      readonly baseUrl: string;
    };

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The configuration has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const APP_TYPES: readonly AppType[] = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and checks the environment; every bad or missing value is reported, one line each. */
export function loadConfig(env: Env, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const value = (name: string): string => (env[name] ?? '').trim();
  // Fails closed: only a local-looking NODE_ENV (unset, development or test, in any case) turns authentication checks off.
  const production = !['', 'development', 'test'].includes(value('NODE_ENV').trim().toLowerCase());

  const port = parsePort(value('PORT') || '3978', 'PORT', problems);
  const host = value('HOST') || '127.0.0.1';
  const logLevel = (value('LOG_LEVEL') || 'info').toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL "${logLevel}" is not one of ${LOG_LEVELS.join(', ')}.`);

  const auth = readAuth(value, production, problems);
  const database = readDatabase(value, cwd, problems);
  const seedDemo = parseBoolean(value('SEED_DEMO'), !production, 'SEED_DEMO', problems);
  if (production && seedDemo) problems.push('SEED_DEMO must not be on in production: it loads fictional staff.');

  const calendar = readCalendar(value, problems);
  const trends = {
    windowDays: parseCount(value('TREND_WINDOW_DAYS') || '60', 'TREND_WINDOW_DAYS', problems),
    topicThreshold: parseCount(value('TREND_TOPIC_THRESHOLD') || '3', 'TREND_TOPIC_THRESHOLD', problems),
    inappropriateThreshold: parseCount(value('TREND_INAPPROPRIATE_THRESHOLD') || '2', 'TREND_INAPPROPRIATE_THRESHOLD', problems),
  };

  const draftRetentionDays = parseCount(value('DRAFT_RETENTION_DAYS') || '30', 'DRAFT_RETENTION_DAYS', problems);

  const work = {
    sweepMs: parseCount(value('WORK_SWEEP_SECONDS') || '15', 'WORK_SWEEP_SECONDS', problems) * 1000,
    leaseMs: parseCount(value('WORK_LEASE_SECONDS') || '120', 'WORK_LEASE_SECONDS', problems) * 1000,
  };
  const activityAbandonedAfterMs = parseCount(value('ACTIVITY_ABANDONED_SECONDS') || '20', 'ACTIVITY_ABANDONED_SECONDS', problems) * 1000;
  // Fails closed: a production process never stops itself, whatever its environment says.
  const crashAt = production ? null : value('CRASH_AT') || null;

  const retention: RetentionConfig = {
    requestDays: parseDays(value('RETENTION_REQUEST_DAYS') || '730', 'RETENTION_REQUEST_DAYS', problems),
    adviceDays: parseDays(value('RETENTION_ADVICE_DAYS') || '730', 'RETENTION_ADVICE_DAYS', problems),
    accessLogDays: parseDays(value('RETENTION_ACCESS_LOG_DAYS') || '730', 'RETENTION_ACCESS_LOG_DAYS', problems),
    accessLogRepeatMinutes: parseMinutes(value('ACCESS_LOG_REPEAT_MINUTES') || '10', 'ACCESS_LOG_REPEAT_MINUTES', problems),
    closedCardDays: parseDays(value('REDACT_CLOSED_CARDS_DAYS') || '30', 'REDACT_CLOSED_CARDS_DAYS', problems),
  };

  const reports = readReports(value, production, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return { production, host, port, logLevel, auth, database, seedDemo, trends, calendar, draftRetentionDays, work, activityAbandonedAfterMs, crashAt, retention, reports };
}

function readAuth(value: (name: string) => string, production: boolean, problems: string[]): BotAuthConfig | null {
  const appId = value('MicrosoftAppId');
  const appPassword = value('MicrosoftAppPassword');
  const tenantId = value('MicrosoftAppTenantId');
  const rawType = value('MicrosoftAppType') || 'MultiTenant';
  const appType = APP_TYPES.find((t) => t.toLowerCase() === rawType.toLowerCase());
  if (!appType) problems.push(`MicrosoftAppType "${rawType}" is not one of ${APP_TYPES.join(', ')}.`);

  if (!appId) {
    if (production) {
      problems.push(
        'MicrosoftAppId is not set. In production the bot refuses to start without it, because Bot Framework authentication would be off.',
      );
    }
    return null;
  }
  if (!GUID.test(appId)) problems.push('MicrosoftAppId must be the Azure Bot\'s Microsoft App ID (a GUID).');
  if (appType === 'SingleTenant' || appType === 'UserAssignedMSI') {
    if (!tenantId) problems.push(`MicrosoftAppTenantId is required when MicrosoftAppType is ${appType}.`);
    else if (!GUID.test(tenantId)) problems.push('MicrosoftAppTenantId must be your Microsoft Entra tenant id (a GUID).');
  }
  if (appType === 'UserAssignedMSI') {
    if (appPassword) problems.push('MicrosoftAppPassword must be empty when MicrosoftAppType is UserAssignedMSI (the managed identity signs in).');
  } else if (appType && !appPassword) {
    problems.push(`MicrosoftAppPassword (the client secret) is required when MicrosoftAppType is ${appType}.`);
  }
  return { appId, appPassword, appType: appType ?? 'MultiTenant', tenantId };
}

function readDatabase(value: (name: string) => string, cwd: string, problems: string[]): DatabaseConfig {
  const url = value('DATABASE_URL');
  if (url) return parseDatabaseUrl(url, cwd, problems);
  if (value('MSSQL_HOST')) {
    const authentication = value('MSSQL_AUTH') === 'managed-identity' ? 'managed-identity' : 'sql';
    if (value('MSSQL_AUTH') && !['sql', 'managed-identity'].includes(value('MSSQL_AUTH'))) {
      problems.push('MSSQL_AUTH must be "sql" or "managed-identity".');
    }
    const database = value('MSSQL_DATABASE');
    if (!database) problems.push('MSSQL_DATABASE is required when MSSQL_HOST is set.');
    if (authentication === 'sql' && (!value('MSSQL_USER') || !value('MSSQL_PASSWORD'))) {
      problems.push('MSSQL_USER and MSSQL_PASSWORD are required when MSSQL_HOST is set (or set MSSQL_AUTH=managed-identity).');
    }
    return {
      kind: 'mssql',
      host: value('MSSQL_HOST'),
      port: parsePort(value('MSSQL_PORT') || '1433', 'MSSQL_PORT', problems),
      database,
      user: value('MSSQL_USER') || undefined,
      password: value('MSSQL_PASSWORD') || undefined,
      authentication,
      managedIdentityClientId: value('MSSQL_MANAGED_IDENTITY_CLIENT_ID') || undefined,
      encrypt: parseBoolean(value('MSSQL_ENCRYPT'), true, 'MSSQL_ENCRYPT', problems),
      trustServerCertificate: parseBoolean(value('MSSQL_TRUST_SERVER_CERTIFICATE'), false, 'MSSQL_TRUST_SERVER_CERTIFICATE', problems),
    };
  }
  return { kind: 'sqlite', file: resolve(cwd, value('DATA_DIR') || 'var', 'dea-bot.sqlite') };
}

function parseDatabaseUrl(url: string, cwd: string, problems: string[]): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!file) problems.push('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:var/dea-bot.sqlite.');
    return { kind: 'sqlite', file: file === ':memory:' ? file : resolve(cwd, file) };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    problems.push('DATABASE_URL is not a valid URL (expected mssql://USER:PASSWORD@HOST:1433/DATABASE).');
    return { kind: 'sqlite', file: ':memory:' };
  }
  if (parsed.protocol !== 'mssql:' && parsed.protocol !== 'sqlserver:') {
    problems.push(`DATABASE_URL scheme "${parsed.protocol}" is not supported: use mssql://… or sqlite:FILE.`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) problems.push('DATABASE_URL names no database (expected mssql://USER:PASSWORD@HOST:1433/DATABASE).');
  const params = parsed.searchParams;
  const authentication = params.get('authentication') === 'managed-identity' ? 'managed-identity' : 'sql';
  if (authentication === 'sql' && (!parsed.username || !parsed.password)) {
    problems.push('DATABASE_URL needs a user and password (or ?authentication=managed-identity).');
  }
  return {
    kind: 'mssql',
    host: parsed.hostname,
    port: parsePort(parsed.port || '1433', 'DATABASE_URL port', problems),
    database,
    user: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    authentication,
    managedIdentityClientId: params.get('clientId') ?? undefined,
    encrypt: parseBoolean(params.get('encrypt') ?? '', true, 'DATABASE_URL encrypt', problems),
    trustServerCertificate: parseBoolean(params.get('trustServerCertificate') ?? '', false, 'DATABASE_URL trustServerCertificate', problems),
  };
}

function parsePort(raw: string, name: string, problems: string[]): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`${name} "${raw}" is not a port number (0-65535).`);
    return 0;
  }
  return port;
}

function readCalendar(value: (name: string) => string, problems: string[]): CalendarConfig {
  const tenantId = value('GRAPH_TENANT_ID');
  const clientId = value('GRAPH_CLIENT_ID');
  const clientSecret = value('GRAPH_CLIENT_SECRET');
  const managed = value('GRAPH_AUTH') === 'managed-identity';
  if (!tenantId && !clientId && !clientSecret && !managed) return { kind: 'embedded' };
  if (value('GRAPH_AUTH') && !['client-secret', 'managed-identity'].includes(value('GRAPH_AUTH'))) {
    problems.push('GRAPH_AUTH must be "client-secret" or "managed-identity".');
  }
  if (!GUID.test(tenantId)) problems.push('GRAPH_TENANT_ID must be your Microsoft Entra tenant id (a GUID) to use Microsoft Graph.');
  if (!GUID.test(clientId)) problems.push('GRAPH_CLIENT_ID must be the app registration\'s client id (a GUID) to use Microsoft Graph.');
  if (!managed && !clientSecret) problems.push('GRAPH_CLIENT_SECRET is required for Microsoft Graph (or set GRAPH_AUTH=managed-identity).');
  const baseUrl = value('GRAPH_BASE_URL') || 'https://graph.microsoft.com';
  try {
    new URL(baseUrl);
  } catch {
    problems.push(`GRAPH_BASE_URL "${baseUrl}" is not a URL.`);
  }
  return { kind: 'graph', tenantId, clientId, clientSecret: managed ? null : clientSecret, baseUrl };
}

/**
 * A whole number in [min, max], said in `unit` ("days", "minutes") when it is wrong; what is given
 * back then only lets the other settings be checked too, as a wrong one stops the start.
 */
function parseWhole(raw: string, name: string, problems: string[], min: number, max: number, unit = ''): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} "${raw}" should be a whole number${unit ? ` of ${unit}` : ''} from ${min} to ${max}.`);
    return min;
  }
  return n;
}

/** A retention period: whole days, up to ten years. */
function parseDays(raw: string, name: string, problems: string[]): number {
  return parseWhole(raw, name, problems, 1, 3650, 'days');
}

/** A short span in whole minutes, up to an hour; 0 is allowed. */
function parseMinutes(raw: string, name: string, problems: string[]): number {
  return parseWhole(raw, name, problems, 0, 60, 'minutes');
}

function parseCount(raw: string, name: string, problems: string[]): number {
  return parseWhole(raw, name, problems, 1, 1000);
}

function parseBoolean(raw: string, fallback: boolean, name: string, problems: string[]): boolean {
  if (raw === '') return fallback;
  if (/^(true|1|yes|on)$/i.test(raw)) return true;
  if (/^(false|0|no|off)$/i.test(raw)) return false;
  problems.push(`${name} "${raw}" should be true or false.`);
  return fallback;
}

function readReports(value: (name: string) => string, production: boolean, problems: string[]): ReportsConfig {
  const publicUrl = value('PUBLIC_URL').replace(/\/+$/, '') || null;
  if (publicUrl && !/^https?:\/\/[^/\s]+/.test(publicUrl)) problems.push('PUBLIC_URL must be the bot\'s web address, e.g. https://dea-bot.example.gov.uk.');
  const secret = value('REPORT_LINK_SECRET');
  if (production && secret.length < 32) problems.push('REPORT_LINK_SECRET must be set to at least 32 characters in production: it signs the report download links, and every instance needs the same one.');
  // Outside production a secret made at start is enough: links then last until the process stops.
  const linkSecret = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  const linkMinutes = parseCount(value('REPORT_LINK_MINUTES') || '480', 'REPORT_LINK_MINUTES', problems);
  const { trials, problems: trialProblems } = parseTrials(value('SA_TRIALS'));
  problems.push(...trialProblems.map((p) => `SA_TRIALS: ${p}`));
  const start = value('SA_TRIAL_START') || '2019-03-11';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start)) problems.push('SA_TRIAL_START must be a date, YYYY-MM-DD.');
  const weeks = parseCount(value('SA_TRIAL_WEEKS') || '10', 'SA_TRIAL_WEEKS', problems);
  return { publicUrl, linkSecret, linkMinutes, trials, defaultTrial: { start, weeks } };
}
