import {
  ActivityTypes,
  CloudAdapter,
  INVOKE_RESPONSE_KEY,
  type InvokeResponse,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import type { Logger } from '../domain/ports';
import type { BotAuthConfig } from './config';
import { errorForLog } from './logger';
import { isDatabaseFailure } from '../data/database-failure';
import { failedOnOurSide } from './core/invoke-response';

/**
 * The answer to an invoke whose turn failed: 503 when the database failed (Teams may send it
 * again); otherwise, for a click, an error that leaves the card in place with what was typed in
 * it, or a sentence for any other invoke.
 */
export function failedInvokeResponse(name: string | undefined, error: unknown): InvokeResponse {
  if (isDatabaseFailure(error)) return { status: 503, body: { error: 'database_unavailable', message: 'DEA Support cannot reach its database just now. Try again in a minute.' } };
  if (name === 'adaptiveCard/action') {
    // The change may have been saved before the failure (a card that could not be drawn after it): the person checks before sending again.
    return {
      status: 200,
      body: failedOnOurSide('Sorry, something went wrong on our side, so this may or may not have been saved. The card is as it was, with anything you typed: in a minute, check before sending it again. If it keeps happening, tell your service desk.'),
    };
  }
  return { status: 200, body: { message: 'Sorry, something went wrong on our side. Try again in a minute. If it keeps happening, tell your service desk.' } };
}

/**
 * The Bot Framework adapter. With no app id (allowed only outside production) authentication is
 * off, so the bot can be tried locally against the Agents Playground.
 */
export function createAdapter(auth: BotAuthConfig | null, logger: Logger): DeaAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = auth
    ? {
        MicrosoftAppId: auth.appId,
        MicrosoftAppPassword: auth.appPassword,
        MicrosoftAppType: auth.appType,
        MicrosoftAppTenantId: auth.tenantId,
      }
    : {};
  const adapter = new DeaAdapter(new ReusedConnectorsAuthentication(options), auth?.appId ?? '');
  // Never throws: an error escaping here would reach botbuilder, which answers 500 and writes the
  // error (request and all) to the console. A person gets an apology; an invoke always gets an answer.
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error(
      { err: errorForLog(error), activityType: context.activity.type, activityId: context.activity.id },
      'turn failed',
    );
    try {
      if (context.activity.type === 'message') {
        await context.sendActivity(
          'Sorry, something went wrong on our side. What you have entered so far is kept: say it again, or try in a minute.',
        );
      } else if (context.activity.type === 'invoke' && !context.turnState.get(INVOKE_RESPONSE_KEY)) {
        await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: failedInvokeResponse(context.activity.name, error) });
      }
    } catch (apologyError) {
      logger.warn({ err: errorForLog(apologyError), activityId: context.activity.id }, 'could not tell the person that their turn failed');
    }
  };
  return adapter;
}

/**
 * The adapter, and the connector client that proactive messages are sent with. The outbox sends a card
 * with that client alone: botbuilder's continueConversationAsync would also make a turn context and a
 * user token client and run every middleware for each send (about a third of a millisecond of CPU),
 * none of which a send outside a turn uses.
 */
export class DeaAdapter extends CloudAdapter {
  private proactive: ConnectorFactory | null = null;

  constructor(
    authentication: ConfigurationBotFrameworkAuthentication,
    private readonly appId: string,
  ) {
    super(authentication);
  }

  /** The connector client for a service URL, as the bot itself (made once, see ReusedConnectorsAuthentication). */
  connectorFor(serviceUrl: string): Promise<ConnectorClient> {
    this.proactive ??= this.botFrameworkAuthentication.createConnectorFactory(this.createClaimsIdentity(this.appId));
    return this.proactive.create(serviceUrl);
  }
}

type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;
type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/** Service URLs are few (one per region); a bound all the same, as the URL comes with each request. */
const MAX_CONNECTOR_CLIENTS = 32;

/**
 * botbuilder makes a new connector client and user token client (each an HTTP pipeline with its
 * credentials) for every turn and every proactive message. A connector client depends only on the
 * bot's app id, the service URL and the audience, a user token client only on the app id, and their
 * credentials renew their own tokens: so one is made for each and reused.
 */
class ReusedConnectorsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();
  /** Clients for proactive sends (DeaAdapter.connectorFor): no retries of their own, see `withoutRetries`. */
  private readonly proactiveClients = new Map<string, Promise<ConnectorClient>>();
  private readonly tokenClients = new Map<string, Promise<UserTokenClient>>();

  override async authenticateRequest(...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(...args);
    return result.connectorFactory ? { ...result, connectorFactory: this.reusing(result.claimsIdentity, result.connectorFactory, this.clients) } : result;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(claimsIdentity, super.createConnectorFactory(claimsIdentity), this.proactiveClients, withoutRetries);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const appId = appIdOf(claimsIdentity);
    let client = this.tokenClients.get(appId);
    if (!client) {
      if (this.tokenClients.size >= MAX_CONNECTOR_CLIENTS) this.tokenClients.delete(this.tokenClients.keys().next().value!);
      client = super.createUserTokenClient(claimsIdentity);
      this.tokenClients.set(appId, client);
      client.catch(() => this.tokenClients.delete(appId));
    }
    return client;
  }

  private reusing(claimsIdentity: ClaimsIdentity, factory: ConnectorFactory, clients: Map<string, Promise<ConnectorClient>>, adjust: (client: ConnectorClient) => ConnectorClient = (c) => c): ConnectorFactory {
    const appId = appIdOf(claimsIdentity);
    return {
      create: (serviceUrl: string, audience?: string): Promise<ConnectorClient> => {
        const key = JSON.stringify([appId, serviceUrl, audience ?? null]);
        let client = clients.get(key);
        if (!client) {
          if (clients.size >= MAX_CONNECTOR_CLIENTS) clients.delete(clients.keys().next().value!);
          client = factory.create(serviceUrl, audience).then(adjust);
          clients.set(key, client);
          client.catch(() => clients.delete(key));
        }
        return client;
      },
    };
  }
}

/**
 * The HTTP pipeline under botbuilder's connector client retries 429 and 5xx itself, sleeping in the
 * process for Retry-After, three times over. Proactive sends are outbox rows retried at a time kept
 * in SQL, by whichever instance is free then, so their client answers with the first status.
 */
function withoutRetries(client: ConnectorClient): ConnectorClient {
  // The pipeline is private in botbuilder's types; it is @azure/core-client's ServiceClient.
  const pipeline = (client as unknown as { client?: { pipeline?: { removePolicy(policy: { name: string }): unknown } } }).client?.pipeline;
  pipeline?.removePolicy({ name: 'defaultRetryPolicy' });
  return client;
}

/** The app id botbuilder's own factories take from the claims: the audience, else the app id claim. */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return claimsIdentity.getClaimValue('aud') ?? claimsIdentity.getClaimValue('appid') ?? '';
}
