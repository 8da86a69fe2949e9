/**
 * SQL Server refuses a statement with more than 2,100 parameters (SQLite takes 32,766, so nothing
 * shows it there). A list sent as `IN (…)`, or as rows of one INSERT, goes in chunks of at most this
 * many values, which leaves room for the statement's other parameters.
 */
export const MAX_LIST_PARAMETERS = 1_000;

/** The items in consecutive chunks of at most `size`. */
export function chunks<T>(items: readonly T[], size: number = MAX_LIST_PARAMETERS): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`A chunk holds at least one item, not ${size}.`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** One query per chunk of `items`, their rows together, in chunk order. */
export async function inChunks<T, R>(items: readonly T[], query: (chunk: T[]) => Promise<readonly R[]>, size: number = MAX_LIST_PARAMETERS): Promise<R[]> {
  const rows: R[] = [];
  for (const chunk of chunks(items, size)) rows.push(...(await query(chunk)));
  return rows;
}
