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

const NINO_LIKE = /\b[A-Za-z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-Da-d]\b/g;

/**
 * An error as it may be logged. A database error's message can quote the row it failed on (SQL
 * Server: "The duplicate key value is (…)"), so only its code is kept; other messages lose
 * anything shaped like a National Insurance number.
 */
export function errorForLog(error: unknown): { name: string; message?: string; code?: string | number; stack?: string } {
  if (!(error instanceof Error)) return { name: typeof error };
  if (error.name === 'QueryFailedError') {
    const driverError = (error as { driverError?: { code?: string; number?: number } }).driverError;
    return { name: error.name, code: driverError?.number ?? driverError?.code };
  }
  return { name: error.name, message: error.message.replace(NINO_LIKE, '[redacted]'), stack: error.stack?.replace(NINO_LIKE, '[redacted]') };
}
