import restify, { type Server } from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';
import type { Logger } from '../domain/ports';
import { activityProblems } from './activity-shape';
import { errorForLog } from './logger';

export interface ServerDeps {
  readonly adapter: CloudAdapter;
  readonly bot: ActivityHandler;
  readonly logger: Logger;
  /** True when the database answers. */
  readonly healthy: () => Promise<boolean>;
}

/** The HTTP front: Bot Framework activities in, a health probe for the load balancer. */
export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({ name: 'dea-support-bot', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ mapParams: false, maxBodySize: 1024 * 1024 }));

  server.post('/api/messages', async (req, res) => {
    const problem = activityProblems(req.body);
    if (problem) {
      res.send(400, { error: 'bad_request', message: problem });
      return;
    }
    try {
      await deps.adapter.process(req, res, (turn) => deps.bot.run(turn));
    } catch (error) {
      deps.logger.error({ err: errorForLog(error) }, 'activity could not be processed');
      if (!res.headersSent) res.send(400, { error: 'bad_request', message: 'The activity could not be processed.' });
    }
  });

  server.get('/healthz', async (_req, res) => {
    const ok = await deps.healthy();
    res.send(ok ? 200 : 503, { status: ok ? 'ok' : 'database unavailable' });
  });

  server.on('restifyError', (req, _res, err, callback) => {
    // Malformed JSON and oversized bodies: say what was wrong, in the same shape as other errors.
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status < 500) {
      err.toJSON = () => ({ error: 'bad_request', message: err.message || 'The request could not be read.' });
    } else {
      deps.logger.error({ err: { message: err.message }, path: req.path() }, 'request failed');
    }
    return callback();
  });

  return server;
}
