import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from '../domain/ports';
import type { BotAuthConfig } from './config';
import { errorForLog } from './logger';

/**
 * The Bot Framework adapter. With no app id (allowed only outside production) authentication is
 * off, so the bot can be tried locally against the Agents Playground.
 */
export function createAdapter(auth: BotAuthConfig | null, logger: Logger): CloudAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = auth
    ? {
        MicrosoftAppId: auth.appId,
        MicrosoftAppPassword: auth.appPassword,
        MicrosoftAppType: auth.appType,
        MicrosoftAppTenantId: auth.tenantId,
      }
    : {};
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(options));
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error(
      { err: errorForLog(error), activityType: context.activity.type, activityId: context.activity.id },
      'turn failed',
    );
    if (context.activity.type === 'message') {
      await context.sendActivity(
        'Sorry, something went wrong on our side. What you have entered so far is kept: say it again, or try in a minute.',
      );
    }
  };
  return adapter;
}
