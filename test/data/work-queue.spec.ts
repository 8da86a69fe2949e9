import { SqlUnitOfWork } from '../../data/transactions';
import { WorkQueue } from '../../data/stores/work-queue';
import type { WorkItemRow } from '../../data/schema/work';
import { openTempDatabase, type TempDatabase } from '../support/template-database';

describe('WorkQueue', () => {
  let db: TempDatabase;
  beforeEach(async () => {
    db = await openTempDatabase();
  });
  afterEach(async () => db.close());

  const t0 = new Date('2026-11-23T10:00:00Z');
  const seconds = (n: number) => new Date(t0.getTime() + n * 1000);

  it('lets one run hold an item at a time, and another take it over once the lease has run out', async () => {
    const one = new WorkQueue(db.dataSource);
    const two = new WorkQueue(db.dataSource);
    await one.schedule('booking', 'b1', t0);
    expect(await one.due(t0)).toEqual(['booking:b1']);
    const leases = await Promise.all([one.lease('booking:b1', t0, 10_000), two.lease('booking:b1', t0, 10_000)]);
    expect(leases.filter(Boolean)).toHaveLength(1);
    // The holder died: nobody may take it while the lease stands, then exactly one does.
    expect(await two.due(seconds(5))).toEqual([]);
    expect(await two.lease('booking:b1', seconds(5), 10_000)).toBeNull();
    const taken = await two.lease('booking:b1', seconds(11), 10_000);
    expect(taken).toMatchObject({ kind: 'booking', subjectId: 'b1', attempts: 2 });
    await two.done(taken!, seconds(12));
    expect(await one.due(seconds(60))).toEqual([]);
    expect(await one.lease('booking:b1', seconds(60), 10_000)).toBeNull();
  });

  it('runs an item again when it was asked for while it ran, rather than marking it done', async () => {
    const queue = new WorkQueue(db.dataSource);
    await queue.schedule('booking', 'b1', t0);
    const first = (await queue.lease('booking:b1', t0, 10_000))!;
    await queue.schedule('booking', 'b1', seconds(1));
    await queue.done(first, seconds(2));
    const again = await queue.lease('booking:b1', seconds(2), 10_000);
    expect(again?.generation).toBe(first.generation + 1);
    await queue.done(again!, seconds(3));
    expect(await queue.due(seconds(3))).toEqual([]);
  });

  it('tries a failed item again at the time given, and forgets nothing when it is given up', async () => {
    const queue = new WorkQueue(db.dataSource);
    await queue.schedule('conference_plan', 'p1', t0);
    const run = (await queue.lease('conference_plan:p1', t0, 10_000))!;
    await queue.failed(run, 'Graph said 503', seconds(30), seconds(1));
    expect(await queue.due(seconds(29))).toEqual([]);
    expect(await queue.due(seconds(30))).toEqual(['conference_plan:p1']);
    const last = (await queue.lease('conference_plan:p1', seconds(30), 10_000))!;
    await queue.failed(last, 'Graph said 503', null, seconds(31));
    expect(await queue.due(seconds(9999))).toEqual([]);
    expect(await db.dataSource.getRepository<WorkItemRow>('WorkItem').findOneBy({ id: 'conference_plan:p1' })).toMatchObject({ dueAt: null, lastError: 'Graph said 503' });
  });

  it('schedules inside a unit of work: a rolled-back change leaves no work behind', async () => {
    const queue = new WorkQueue(db.dataSource);
    const uow = new SqlUnitOfWork(db.dataSource);
    await expect(
      uow.run(async () => {
        await queue.schedule('booking', 'b2', t0);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await queue.due(seconds(1))).toEqual([]);
  });
});
