import type { AddressInfo } from 'node:net';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type AdaptiveCardInvokeResponse } from 'botbuilder';
import restify from 'restify';

/** The reference: the smallest CloudAdapter + restify bot, with no authentication and no storage. */
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (turn, next) => {
      await turn.sendActivity(`You said: ${turn.activity.text ?? ''}`);
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(): Promise<AdaptiveCardInvokeResponse> {
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: CARD };
  }
}

const CARD = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.4',
  body: [{ type: 'TextBlock', text: 'Done.', wrap: true }],
};

export interface EchoBotServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startEchoBot(): Promise<EchoBotServer> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const bot = new EchoBot();
  const server = restify.createServer({ name: 'echo-bot' });
  server.use(restify.plugins.bodyParser());
  server.post('/api/messages', async (req, res) => {
    await adapter.process(req, res, (turn) => bot.run(turn));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeAllConnections();
      await closed;
    },
  };
}
