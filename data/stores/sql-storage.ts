import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { In, type DataSource, type Repository } from 'typeorm';
import type { BotStateRow } from '../schema/platform';
import { hashKey } from './hash-key';
import { chunks, inChunks } from '../chunks';
import { PreparedFind } from '../prepared';

export class StorageConflictError extends Error {
  constructor(key: string) {
    super(`Storage: the item "${key}" was changed by someone else (eTag conflict).`);
    this.name = 'StorageConflictError';
  }
}

/**
 * botbuilder Storage kept in SQL, so a conversation in progress survives a restart and is shared
 * by every bot instance. Writes with an eTag only succeed against that eTag; '*' or none overwrites.
 */
export class SqlStorage implements Storage {
  private readonly rows: Repository<BotStateRow>;
  /** Read at the start of every turn: the statement is written once. */
  private readonly byIds: PreparedFind<BotStateRow>;

  constructor(private readonly dataSource: DataSource) {
    this.rows = dataSource.getRepository<BotStateRow>('BotState');
    this.byIds = new PreparedFind<BotStateRow>(dataSource, 'BotState', (q) => q.where('e.id IN (:...ids)'));
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const found = await inChunks(keys.map((k) => hashKey(k)), (ids) => this.byIds.all({ ids }));
    const items: StoreItems = {};
    for (const row of found) {
      items[row.storageKey] = { ...(JSON.parse(row.document) as object), eTag: row.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      await this.writeOne(key, item as Record<string, unknown>);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    for (const ids of chunks(keys.map((k) => hashKey(k)))) await this.rows.delete({ id: In(ids) });
  }

  private async writeOne(key: string, item: Record<string, unknown>): Promise<void> {
    const { eTag: expected, ...document } = item;
    const id = hashKey(key);
    const next = { document: JSON.stringify(document), etag: randomUUID(), updatedAt: new Date() };

    if (typeof expected === 'string' && expected !== '*' && expected !== '') {
      const updated = await this.dataSource
        .createQueryBuilder()
        .update('BotState')
        .set(next)
        .where('id = :id AND etag = :expected', { id, expected })
        .execute();
      if (updated.affected === 1) return;
      // The stored item moved on, or was deleted since it was read: either way this write is stale.
      throw new StorageConflictError(key);
    }

    const overwritten = await this.dataSource.createQueryBuilder().update('BotState').set(next).where('id = :id', { id }).execute();
    if (overwritten.affected === 1) return;
    try {
      await this.rows.insert({ id, storageKey: key, ...next });
    } catch (error) {
      // Another instance created it between our update and insert; last writer wins for '*'.
      const retried = await this.dataSource.createQueryBuilder().update('BotState').set(next).where('id = :id', { id }).execute();
      if (retried.affected !== 1) throw error;
    }
  }
}
