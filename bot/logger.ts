import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Field names that could carry claimant data or secrets. Code never logs them on purpose; the
 * redaction is the second line of defence if an object is logged whole by mistake.
 */
const REDACTED_PATHS = [
  '*.nino', '*.surname', '*.description', '*.challenges', '*.reason', '*.text', '*.value',
  '*.password', '*.secret', '*.authorization', '*.appPassword',
  'nino', 'surname', 'description', 'challenges', 'reason', 'text', 'value', 'password', 'secret', 'authorization',
  'req.headers.authorization',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'dea-support-bot' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}

export type { Logger };
