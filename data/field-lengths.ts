import { EventSubscriber, type EntityMetadata, type EntitySubscriberInterface, type InsertEvent, type ObjectLiteral, type UpdateEvent } from 'typeorm';
import { invalid } from '../domain/errors';

const limitsOf = new WeakMap<EntityMetadata, Map<string, number>>();

/**
 * The longest text each column holds, checked before every insert and update. SQLite keeps any
 * length in a `varchar(n)`; SQL Server refuses the whole statement ("String or binary data would be
 * truncated"), so text that passed every test here would fail in production. The lengths are the
 * schema's own, so a column added later is checked too.
 */
export function textLimits(metadata: EntityMetadata): Map<string, number> {
  const known = limitsOf.get(metadata);
  if (known) return known;
  const limits = new Map<string, number>();
  limitsOf.set(metadata, limits);
  for (const column of metadata.columns) {
    const length = Number(column.length);
    if (/char/i.test(String(column.type)) && Number.isInteger(length) && length > 0) limits.set(column.propertyName, length);
  }
  return limits;
}

/** Each value longer than its column allows, as a problem keyed by the property, in words a person can act on. */
export function tooLong(metadata: EntityMetadata, values: ObjectLiteral | undefined): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!values) return problems;
  for (const [property, limit] of textLimits(metadata)) {
    const value: unknown = values[property];
    // JavaScript counts UTF-16 code units, as SQL Server counts an nvarchar's characters.
    if (typeof value === 'string' && value.length > limit) problems[property] = `Keep the ${label(property)} to ${limit} characters or fewer (it has ${value.length}).`;
  }
  return problems;
}

/** Refuses text longer than its column, on SQLite as SQL Server would, with a message for people. */
export class FieldLengthGuard implements EntitySubscriberInterface {
  beforeInsert(event: InsertEvent<ObjectLiteral>): void {
    refuseTooLong(event.metadata, event.entity);
  }

  beforeUpdate(event: UpdateEvent<ObjectLiteral>): void {
    refuseTooLong(event.metadata, event.entity);
  }
}

// What `@EventSubscriber()` does, without decorator syntax: TypeORM only takes subscribers so registered.
EventSubscriber()(FieldLengthGuard);

/** Throws, in words a person can act on, when a value is longer than its column. */
export function refuseTooLong(metadata: EntityMetadata, values: ObjectLiteral | undefined): void {
  const problems = tooLong(metadata, values);
  const first = Object.values(problems)[0];
  if (first) throw invalid(`${first} Nothing was saved.`, problems);
}

/** `lastError` → "last error". */
function label(property: string): string {
  return property.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * The list as JSON within `length`: its longest entries cut to one length, with an ellipsis, until it fits.
 * For a list kept as JSON in one column where the record it belongs to must still be saved: a group
 * conference case's follow-ups (request references, or sentences about an action) could be six long
 * sentences; the actions themselves keep their full words.
 */
export function fittedList(entries: readonly string[], length: number): string {
  const SHORTEST = 12;
  const capped = (list: readonly string[], cap: number) => JSON.stringify(list.map((e) => (e.length > cap ? `${e.slice(0, cap - 1).trimEnd()}…` : e)));
  let kept = [...entries];
  if (JSON.stringify(kept).length <= length) return JSON.stringify(kept);
  // Even at the shortest, too many: the last ones go (more entries than any outcome has steps).
  while (kept.length > 0 && capped(kept, SHORTEST).length > length) kept = kept.slice(0, -1);
  // The longest cap at which the list fits: every long entry is cut to the same length.
  let fits = SHORTEST;
  let tooLong = Math.max(SHORTEST + 1, ...kept.map((e) => e.length));
  while (tooLong - fits > 1) {
    const cap = Math.floor((fits + tooLong) / 2);
    if (capped(kept, cap).length <= length) fits = cap;
    else tooLong = cap;
  }
  return capped(kept, fits);
}
