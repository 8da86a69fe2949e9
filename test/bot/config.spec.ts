import { ConfigError, loadConfig } from '../../bot/config';

const APP_ID = '11111111-2222-4333-8444-555555555555';
const TENANT = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

/** A production secret for report links is taken as given here; its own test is below. */
const LINK_SECRET = { REPORT_LINK_SECRET: 'a-report-link-secret-of-32-characters-or-more' };

function problems(env: Record<string, string>): readonly string[] {
  try {
    loadConfig({ ...LINK_SECRET, ...env }, '/srv/bot');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('defaults to 127.0.0.1:3978, an SQLite file under var/, auth off and the demo directory', () => {
    const config = loadConfig({}, '/srv/bot');
    expect(config).toMatchObject({
      host: '127.0.0.1',
      port: 3978,
      production: false,
      auth: null,
      seedDemo: true,
      database: { kind: 'sqlite', file: '/srv/bot/var/dea-bot.sqlite' },
    });
  });

  it('refuses to start in production without a Microsoft app id', () => {
    expect(problems({ NODE_ENV: 'production' })).toEqual([expect.stringMatching(/MicrosoftAppId is not set.*refuses to start/)]);
  });

  it.each(['Production', 'PRODUCTION', 'prod', 'staging', 'live'])('fails closed: NODE_ENV=%s is production', (env) => {
    expect(problems({ NODE_ENV: env })).toEqual([expect.stringMatching(/MicrosoftAppId is not set.*refuses to start/)]);
  });

  it.each(['', 'development', 'Test', 'DEVELOPMENT'])('NODE_ENV=%j is a local run, where authentication may be off', (env) => {
    expect(loadConfig({ NODE_ENV: env }).production).toBe(false);
  });

  it('supports MultiTenant, SingleTenant with a tenant, and UserAssignedMSI', () => {
    expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's' }).auth).toMatchObject({ appType: 'MultiTenant' });
    expect(
      loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: TENANT }).auth,
    ).toMatchObject({ appType: 'SingleTenant', tenantId: TENANT });
    expect(loadConfig({ MicrosoftAppId: APP_ID, MicrosoftAppType: 'userassignedmsi', MicrosoftAppTenantId: TENANT }).auth).toMatchObject({
      appType: 'UserAssignedMSI',
    });
  });

  it('reports every bad value, one message each', () => {
    const found = problems({
      PORT: 'eighty',
      MicrosoftAppId: 'not-a-guid',
      MicrosoftAppType: 'SingleTenant',
      LOG_LEVEL: 'loud',
    });
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringContaining('PORT "eighty"'),
        expect.stringContaining('MicrosoftAppId must be'),
        expect.stringContaining('MicrosoftAppTenantId is required'),
        expect.stringContaining('MicrosoftAppPassword (the client secret) is required'),
        expect.stringContaining('LOG_LEVEL "loud"'),
      ]),
    );
    expect(found).toHaveLength(5);
  });

  it('rejects an unknown app type and a password with a managed identity', () => {
    expect(problems({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppType: 'Shared' })).toEqual([
      expect.stringContaining('MicrosoftAppType "Shared" is not one of'),
    ]);
    expect(problems({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT })).toEqual([
      expect.stringContaining('must be empty when MicrosoftAppType is UserAssignedMSI'),
    ]);
  });

  it('switches to SQL Server with DATABASE_URL, decoding the credentials', () => {
    const config = loadConfig({ DATABASE_URL: 'mssql://bot:p%40ss@sql.example.net:1433/dea?trustServerCertificate=true' });
    expect(config.database).toEqual({
      kind: 'mssql',
      host: 'sql.example.net',
      port: 1433,
      database: 'dea',
      user: 'bot',
      password: 'p@ss',
      authentication: 'sql',
      managedIdentityClientId: undefined,
      encrypt: true,
      trustServerCertificate: true,
    });
  });

  it('switches to SQL Server with separate variables, and says which are missing', () => {
    expect(loadConfig({ MSSQL_HOST: 'sql', MSSQL_DATABASE: 'dea', MSSQL_USER: 'u', MSSQL_PASSWORD: 'p' }).database).toMatchObject({ kind: 'mssql', port: 1433 });
    expect(problems({ MSSQL_HOST: 'sql' })).toEqual([
      'MSSQL_DATABASE is required when MSSQL_HOST is set.',
      expect.stringContaining('MSSQL_USER and MSSQL_PASSWORD are required'),
    ]);
  });

  it('rejects a database URL it cannot use', () => {
    expect(problems({ DATABASE_URL: 'postgres://u:p@h/db' })).toEqual([expect.stringContaining('scheme "postgres:" is not supported')]);
    expect(problems({ DATABASE_URL: 'mssql://sql.example.net/dea' })).toEqual([expect.stringContaining('needs a user and password')]);
  });

  it('never loads the demo directory in production', () => {
    expect(problems({ NODE_ENV: 'production', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's', SEED_DEMO: 'true' })).toEqual([
      expect.stringContaining('SEED_DEMO must not be on in production'),
    ]);
    expect(loadConfig({ ...LINK_SECRET, NODE_ENV: 'production', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 's' }).seedDemo).toBe(false);
  });

  it('uses the embedded calendar unless Microsoft Graph is configured, and checks the Graph settings', () => {
    expect(loadConfig({}).calendar).toEqual({ kind: 'embedded' });
    expect(loadConfig({ GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_ID: APP_ID, GRAPH_CLIENT_SECRET: 's' }).calendar).toEqual({
      kind: 'graph',
      tenantId: TENANT,
      clientId: APP_ID,
      clientSecret: 's',
      baseUrl: 'https://graph.microsoft.com',
    });
    expect(loadConfig({ GRAPH_TENANT_ID: TENANT, GRAPH_CLIENT_ID: APP_ID, GRAPH_AUTH: 'managed-identity' }).calendar).toMatchObject({ clientSecret: null });
    expect(problems({ GRAPH_CLIENT_ID: 'x' })).toEqual([
      expect.stringContaining('GRAPH_TENANT_ID must be'),
      expect.stringContaining('GRAPH_CLIENT_ID must be'),
      expect.stringContaining('GRAPH_CLIENT_SECRET is required'),
    ]);
  });

  it('checks the trend settings', () => {
    expect(loadConfig({}).trends).toEqual({ windowDays: 60, topicThreshold: 3, inappropriateThreshold: 2 });
  });

  it('reads how soon a repeated showing is written again in the access log, 10 minutes unless set', () => {
    expect(loadConfig({}).retention.accessLogRepeatMinutes).toBe(10);
    expect(loadConfig({ ACCESS_LOG_REPEAT_MINUTES: '0' }).retention.accessLogRepeatMinutes).toBe(0);
    expect(() => loadConfig({ ACCESS_LOG_REPEAT_MINUTES: '90' })).toThrow('ACCESS_LOG_REPEAT_MINUTES "90" should be a whole number of minutes from 0 to 60.');
    expect(() => loadConfig({ ACCESS_LOG_REPEAT_MINUTES: 'soon' })).toThrow('ACCESS_LOG_REPEAT_MINUTES "soon" should be a whole number of minutes from 0 to 60.');
  });

  it('reads the reports settings: trials per district, a link secret required in production', () => {
    const config = loadConfig({ SA_TRIALS: 'Surrey and Sussex=2026-03-09/10; Cumbria and Lancashire=2026-04-06/8', REPORT_LINK_MINUTES: '60' });
    expect(config.reports.trials.get('Surrey and Sussex')).toEqual({ start: '2026-03-09', weeks: 10 });
    expect(config.reports.trials.get('Cumbria and Lancashire')).toEqual({ start: '2026-04-06', weeks: 8 });
    expect(config.reports.defaultTrial).toEqual({ start: '2019-03-11', weeks: 10 });
    expect(config.reports.linkMinutes).toBe(60);
    expect(loadConfig({}).reports.publicUrl).toBeNull();
    expect(problems({ SA_TRIALS: 'Surrey' })).toEqual(['SA_TRIALS: "Surrey" should read "District=YYYY-MM-DD/weeks".']);
    expect(problems({ NODE_ENV: 'production', MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'p', REPORT_LINK_SECRET: 'short' })).toEqual([expect.stringContaining('REPORT_LINK_SECRET must be set')]);
    expect(problems({ TREND_TOPIC_THRESHOLD: '0' })).toEqual([expect.stringContaining('TREND_TOPIC_THRESHOLD "0" should be a whole number')]);
  });
});
