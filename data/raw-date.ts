/**
 * A date as the driver hands it back from a raw select: a Date (SQL Server), or UTC text with no zone
 * (SQLite, "2027-07-16 09:30:00.000"). `new Date(text)` would read that text in the machine's own time
 * zone, an hour out on a server set to London time in summer.
 */
export function rawDate(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}

export function rawDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : rawDate(value);
}
