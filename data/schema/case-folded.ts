import type { ValueTransformer } from 'typeorm';

/**
 * A column compared without regard to case. SQL Server's default collation is case-insensitive, so
 * `'Dana.Morgan@…' = 'dana.morgan@…'` holds there and not in SQLite; a unique key on such a column
 * would refuse there what SQLite lets in. Kept in one case on every write and in every `find`
 * condition, both databases store and compare the same text. A store comparing such a column in SQL
 * of its own folds its parameter with `fold` first.
 */
export class CaseFolded implements ValueTransformer {
  constructor(readonly fold: 'lower' | 'upper') {}

  to(value: unknown): unknown {
    return typeof value === 'string' ? this.apply(value) : value;
  }

  from(value: unknown): unknown {
    return value;
  }

  apply(value: string): string {
    return this.fold === 'lower' ? value.toLowerCase() : value.toUpperCase();
  }
}

/** Email addresses and mailboxes (user principal names): lower case. */
export const EMAIL = new CaseFolded('lower');

/** National Insurance numbers: upper case, as they are printed. */
export const NINO = new CaseFolded('upper');
