/**
 * A unique-key violation, as SQLite and SQL Server report it: the one way the stores tell "already
 * there" from any other failure (a locked or unwritable database), which must never pass for it.
 */
export function isUniqueViolation(error: unknown): boolean {
  const raw = (error ?? {}) as { driverError?: unknown };
  const { code, number, message } = (raw.driverError ?? error ?? {}) as { code?: unknown; number?: unknown; message?: unknown };
  if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') return true;
  // SQL Server: 2627 (unique constraint), 2601 (unique index).
  if (number === 2627 || number === 2601) return true;
  return typeof message === 'string' && /^(SQLITE_CONSTRAINT: )?UNIQUE constraint failed|Violation of (UNIQUE KEY|PRIMARY KEY) constraint|Cannot insert duplicate key/i.test(message);
}
