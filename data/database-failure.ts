/**
 * An error that comes from the database itself (locked, unwritable, unreachable), as TypeORM,
 * better-sqlite3 and mssql report it: the turn could not be done now, and may be done on a re-send.
 */
export function isDatabaseFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (['QueryFailedError', 'SqliteError', 'ConnectionError', 'RequestError', 'TransactionError', 'CannotExecuteNotConnectedError', 'ConnectionIsNotSetError'].includes(error.name)) return true;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}
