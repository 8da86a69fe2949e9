import type { ObjectLiteral, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * Writes `changes` to a row only if it is still at `expectedVersion`, bumping the version: true when
 * it was. TypeORM's version column does not guard `save()`, so the check is in the statement itself.
 */
export async function updateIfVersion<T extends ObjectLiteral & { version: number }>(rows: Repository<T>, id: string, expectedVersion: number, changes: Partial<T>): Promise<boolean> {
  const result = await rows
    .createQueryBuilder()
    .update()
    // The changes are the row's own columns; TypeORM's deep-partial type cannot see that through a generic.
    .set({ ...changes, version: expectedVersion + 1 } as QueryDeepPartialEntity<T>)
    .where('id = :id AND version = :version', { id: id.toLowerCase(), version: expectedVersion })
    .execute();
  return result.affected === 1;
}
