import 'dotenv/config';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';

/** `npm start`: checks the configuration, migrates the database and serves the bot. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${error.message}\nSee "Configuration" in README.md.`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const app = await createApp(config, logger);
  await app.listen();

  const where = app.url();
  const database = config.database.kind === 'sqlite' ? `SQLite file ${config.database.file}` : `SQL Server ${config.database.host}/${config.database.database}`;
  console.log(
    [
      '',
      `DEA Support bot listening on ${where}`,
      `  Bot endpoint:  ${where}/api/messages`,
      `  Health check:  ${where}/healthz`,
      `  Database:      ${database}`,
      `  Bot auth:      ${config.auth ? `on (${config.auth.appType}, app id ${config.auth.appId})` : 'off (no MicrosoftAppId; local use only)'}`,
      '',
      'Talk to it: run "npm run playground" in another terminal and open the address it prints,',
      'or see "Put it in Teams" in README.md. Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );

  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`The bot could not start: ${(error as Error).message}`);
  process.exit(1);
});
