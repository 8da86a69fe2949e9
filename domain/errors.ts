/**
 * Typed errors the domain throws. The bot maps each kind to a message the person can act on;
 * nothing a person typed is dropped because of one.
 */
export type DomainErrorKind = 'not_allowed' | 'not_found' | 'conflict' | 'invalid' | 'not_registered';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    /** Field-level problems, keyed by field name, for inputs that can be corrected. */
    readonly problems: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notAllowed = (message: string): DomainError => new DomainError('not_allowed', message);
export const notFound = (message: string): DomainError => new DomainError('not_found', message);
export const conflict = (message: string): DomainError => new DomainError('conflict', message);
export const invalid = (message: string, problems: Record<string, string> = {}): DomainError =>
  new DomainError('invalid', message, problems);

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/**
 * For checks that build refusals only to see whether there is one (what a card offers): the
 * refusals are made without a stack trace, which costs more than the check itself. Synchronous, so
 * nothing else runs while the limit is lowered.
 */
export function withoutStacks<T>(check: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return check();
  } finally {
    Error.stackTraceLimit = limit;
  }
}
