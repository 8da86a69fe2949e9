import { SqlStorage, StorageConflictError } from '../../data/stores/sql-storage';
import { openTempDatabase, type TempDatabase } from '../support/template-database';

describe('SqlStorage', () => {
  let db: TempDatabase;
  let storage: SqlStorage;
  beforeEach(async () => {
    db = await openTempDatabase();
    storage = new SqlStorage(db.dataSource);
  });
  afterEach(async () => db.close());

  it('reads back what it wrote, with a new eTag, and only the keys asked for', async () => {
    await storage.write({ a: { count: 1 }, b: { count: 2 } });
    const items = await storage.read(['a', 'missing']);
    expect(Object.keys(items)).toEqual(['a']);
    expect(items.a).toMatchObject({ count: 1 });
    expect(typeof items.a.eTag).toBe('string');
  });

  it('keeps long keys apart (Teams conversation ids can be hundreds of characters)', async () => {
    const long = 'msteams/conversations/' + 'x'.repeat(600);
    await storage.write({ [long + '1']: { n: 1 }, [long + '2']: { n: 2 } });
    const items = await storage.read([long + '1', long + '2']);
    expect(items[long + '1']).toMatchObject({ n: 1 });
    expect(items[long + '2']).toMatchObject({ n: 2 });
  });

  it('accepts a write carrying the current eTag and refuses one carrying a stale eTag', async () => {
    await storage.write({ k: { v: 'first' } });
    const read1 = (await storage.read(['k'])).k;
    await storage.write({ k: { ...read1, v: 'second' } });
    await expect(storage.write({ k: { ...read1, v: 'stale' } })).rejects.toBeInstanceOf(StorageConflictError);
    expect((await storage.read(['k'])).k).toMatchObject({ v: 'second' });
  });

  it("overwrites whatever is there when the eTag is '*' or absent", async () => {
    await storage.write({ k: { v: 1 } });
    await storage.write({ k: { v: 2, eTag: '*' } });
    expect((await storage.read(['k'])).k).toMatchObject({ v: 2 });
    await storage.write({ k: { v: 3 } });
    expect((await storage.read(['k'])).k).toMatchObject({ v: 3 });
  });

  it('refuses a write with an eTag for an item that was deleted meanwhile', async () => {
    await storage.write({ k: { v: 1 } });
    const read = (await storage.read(['k'])).k;
    await storage.delete(['k']);
    expect(await storage.read(['k'])).toEqual({});
    await expect(storage.write({ k: { ...read, v: 2 } })).rejects.toBeInstanceOf(StorageConflictError);
  });

  it('lets exactly one of two writers holding the same eTag win', async () => {
    await storage.write({ k: { v: 0 } });
    const read = (await storage.read(['k'])).k;
    const other = new SqlStorage(db.dataSource);
    const results = await Promise.allSettled([
      storage.write({ k: { ...read, v: 'a' } }),
      other.write({ k: { ...read, v: 'b' } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });
});
