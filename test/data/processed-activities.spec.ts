import { ProcessedActivities } from '../../data/stores/processed-activities';
import { openTempDatabase, type TempDatabase } from '../support/template-database';

describe('ProcessedActivities', () => {
  let db: TempDatabase;
  beforeEach(async () => {
    db = await openTempDatabase();
  });
  afterEach(async () => db.close());

  const t0 = new Date('2026-11-23T10:00:00Z');
  const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);

  it('claims a delivery once within 30 minutes, across instances sharing the database', async () => {
    const first = new ProcessedActivities(db.dataSource);
    const second = new ProcessedActivities(db.dataSource);
    expect(await first.claim('msteams', 'conv', 'act-1', t0)).toBe(true);
    expect(await second.claim('msteams', 'conv', 'act-1', minutes(0.1))).toBe(false);
    await first.complete('msteams', 'conv', 'act-1', minutes(0.2));
    expect(await second.claim('msteams', 'conv', 'act-1', minutes(1))).toBe(false);
    expect(await first.claim('msteams', 'conv', 'act-1', minutes(29))).toBe(false);
  });

  it('hands a re-send over when the turn that claimed it never finished (its process died), once', async () => {
    const dead = new ProcessedActivities(db.dataSource);
    const alive = new ProcessedActivities(db.dataSource);
    expect(await dead.claim('msteams', 'conv', 'act-died', t0)).toBe(true);
    // Teams re-sends while the first turn may still be running: not yet abandoned.
    expect(await alive.claim('msteams', 'conv', 'act-died', new Date(t0.getTime() + 15_000))).toBe(false);
    // Still unfinished after 20 s: the re-send is handled, by exactly one instance.
    const resend = new Date(t0.getTime() + 25_000);
    const results = await Promise.all([alive.claim('msteams', 'conv', 'act-died', resend), dead.claim('msteams', 'conv', 'act-died', resend)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    await alive.complete('msteams', 'conv', 'act-died', resend);
    expect(await alive.claim('msteams', 'conv', 'act-died', new Date(t0.getTime() + 60_000))).toBe(false);
  });

  it('treats the same activity id in another conversation as another activity', async () => {
    const store = new ProcessedActivities(db.dataSource);
    expect(await store.claim('msteams', 'conv-a', 'act-1', t0)).toBe(true);
    expect(await store.claim('msteams', 'conv-b', 'act-1', t0)).toBe(true);
  });

  it('handles a delivery again after the window, once', async () => {
    const store = new ProcessedActivities(db.dataSource);
    expect(await store.claim('msteams', 'conv', 'act-1', t0)).toBe(true);
    await store.complete('msteams', 'conv', 'act-1', t0);
    expect(await store.claim('msteams', 'conv', 'act-1', minutes(31))).toBe(true);
    expect(await store.claim('msteams', 'conv', 'act-1', minutes(31.1))).toBe(false);
  });

  it('never takes a database failure for a repeat: the failure reaches the caller', async () => {
    const store = new ProcessedActivities(db.dataSource);
    await db.dataSource.query("CREATE TRIGGER processed_down BEFORE INSERT ON processed_activity BEGIN SELECT RAISE(ABORT, 'database is locked'); END;");
    await expect(store.claim('msteams', 'conv', 'act-down', t0)).rejects.toThrow(/database is locked/);
    await db.dataSource.query('DROP TRIGGER processed_down');
    expect(await store.claim('msteams', 'conv', 'act-down', t0)).toBe(true);
  });

  it('gives exactly one of many simultaneous claims', async () => {
    const stores = Array.from({ length: 8 }, () => new ProcessedActivities(db.dataSource));
    const results = await Promise.all(stores.map((s) => s.claim('msteams', 'conv', 'act-race', t0)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('claims a thing done once (a welcome) for the first caller only, and keeps it claimed past the 20 s of an unfinished turn', async () => {
    const store = new ProcessedActivities(db.dataSource);
    expect(await store.claimOnce('welcome', 'conv', t0)).toBe(true);
    expect(await store.claimOnce('welcome', 'conv', minutes(1))).toBe(false);
  });

  it('prunes records older than the window', async () => {
    const store = new ProcessedActivities(db.dataSource);
    await store.claim('msteams', 'conv', 'old', t0);
    await store.claim('msteams', 'conv', 'new', minutes(40));
    await store.complete('msteams', 'conv', 'new', minutes(40));
    expect(await store.prune(minutes(45))).toBe(1);
    expect(await store.claim('msteams', 'conv', 'new', minutes(46))).toBe(false);
  });
});
