import restify, { type Server, type ServerOptions } from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';
import type { Logger } from '../domain/ports';
import { activityProblems } from './activity-shape';
import type { HttpGet } from './core/journey';
import { errorForLog } from './logger';

/** What a request the bot could not read is told, by status: fixed words, nothing of what it sent. */
const CLIENT_ERRORS: Readonly<Record<number, string>> = {
  400: 'The request body is not valid JSON.',
  413: 'The request body is too large.',
  415: 'The request body is in an encoding the bot does not accept.',
};

export interface ServerDeps {
  readonly adapter: CloudAdapter;
  readonly bot: ActivityHandler;
  readonly logger: Logger;
  /** True when the database answers. */
  readonly healthy: () => Promise<boolean>;
  /** Files the journeys serve by signed link (reports' charts and CSVs). */
  readonly files?: ReadonlyMap<string, HttpGet>;
}

/** The HTTP front: Bot Framework activities in, a health probe for the load balancer. */
export function createServer(deps: ServerDeps): Server {
  // restify's own logger would write whole request bodies and headers; it gets one that keeps only the message.
  const server = restify.createServer({ name: 'dea-support-bot', handleUncaughtExceptions: false, log: restifyLog(deps.logger) as unknown as ServerOptions['log'] });
  // The Bot Framework sends plain JSON. A compressed body is refused before it is read: restify's
  // gzip reader fails on a bad one outside any handler, which would end the process.
  server.pre((req, res, next) => {
    const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity' && encoding !== '') {
      res.send(415, { error: 'unsupported_encoding', message: 'Send the activity as plain JSON, without Content-Encoding.' });
      return next(false);
    }
    return next();
  });
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

  for (const [path, get] of deps.files ?? []) {
    server.get(path, async (req, res) => {
      try {
        const query = Object.fromEntries(new URL(req.url ?? '/', 'http://bot.invalid').searchParams.entries());
        const file = await get.handle(query);
        res.writeHead(file.status, {
          'Content-Type': file.contentType,
          'Cache-Control': 'private, no-store',
          'X-Content-Type-Options': 'nosniff',
          ...(file.fileName ? { 'Content-Disposition': `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"` } : {}),
        });
        res.end(file.body);
      } catch (error) {
        deps.logger.error({ err: errorForLog(error), path }, 'file could not be served');
        if (!res.headersSent) res.send(503, { error: 'unavailable', message: 'The file could not be made just now. Try the link again in a minute.' });
      }
    });
  }

  server.on('restifyError', (req, _res, err, callback) => {
    // Malformed JSON and oversized bodies: say what was wrong, in the same shape as other errors. Never
    // the parser's own message: it quotes the body it could not read, which may hold a claimant's details.
    const status = (err as { statusCode?: number }).statusCode ?? 500;
    if (status < 500) {
      err.toJSON = () => ({ error: 'bad_request', message: CLIENT_ERRORS[status] ?? 'The request could not be read.' });
    } else {
      deps.logger.error({ err: { message: err.message }, path: req.path() }, 'request failed');
    }
    return callback();
  });

  return server;
}

/**
 * The bunyan-shaped logger restify asks for. It drops every object restify passes (a request with
 * its body and Authorization header, a response) and keeps the message only.
 */
export function restifyLog(logger: Logger): Record<string, unknown> {
  const line = (level: 'debug' | 'info' | 'warn' | 'error') => (...args: unknown[]) => {
    const message = args.find((a): a is string => typeof a === 'string');
    logger[level]({ source: 'restify' }, message ?? 'restify event');
  };
  const log: Record<string, unknown> = {
    trace: () => undefined,
    debug: line('debug'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    fatal: line('error'),
    level: () => 30,
  };
  log.child = () => log;
  return log;
}
