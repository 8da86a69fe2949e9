import { createHash } from 'node:crypto';

/** A fixed-length primary key for an arbitrarily long natural key. */
export function hashKey(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}
