import { randomUUID } from 'node:crypto';
import { AdviceAskedAdHoc1765910000000 } from '../../data/migrations/1765910000000-AdviceAskedAdHoc';
import { conversationRow, insertRows, jobcentreIds, seedReportDirectory } from '../../testkit/report-fixtures';
import { openTempDatabase, type TempDatabase } from '../support/template-database';

/*
 * Conversations asked for before `askedAdHoc` was kept: the migration knows an ad hoc ask by `adHoc`
 * (still asked, or said yes to) or by the conversation's trail, which recorded every ad hoc ask,
 * including those the HCP said no to or that lapsed and were booked for later.
 */
describe('the migration that keeps whether a conversation was asked ad hoc', () => {
  let db: TempDatabase;
  beforeEach(async () => {
    db = await openTempDatabase();
  });
  afterEach(async () => db.close());

  it('marks the conversations asked ad hoc before it, by adHoc or by their trail; the others stay not asked ad hoc', async () => {
    const ds = db.dataSource;
    const ids = await seedReportDirectory(ds);
    const crawley = (await jobcentreIds(ds)).Crawley!;
    const runner = ds.createQueryRunner();
    try {
      // Conversations and their trails as they were before the column: it is dropped under them.
      const at = new Date('2026-03-09T10:00:00Z');
      const conversation = async (status: string, adHoc: boolean, trail: readonly string[]) => {
        const row = conversationRow({ hcpId: ids.hcpA, coachId: ids.coach1, jobcentre: crawley, status, channel: 'face_to_face', adviceTypes: 'adjustments', adHoc, startsAt: at, createdAt: at });
        await insertRows(ds, 'AdviceConversation', [row]);
        await insertRows(ds, 'AdviceEvent', trail.map((what) => ({ id: randomUUID(), conversationId: row.id, actorId: ids.coach1, what, at })));
        return String(row.id);
      };
      const made = {
        acceptedAndHeld: await conversation('held', true, ['asked ad hoc', 'accepted ad hoc', 'notes recorded']),
        stillAsked: await conversation('adhoc_asked', true, []),
        declinedThenBooked: await conversation('booked', false, ['asked ad hoc', 'declined ad hoc', 'booked']),
        lapsedThenHeld: await conversation('held', false, ['asked ad hoc', 'ad hoc lapsed', 'booked', 'notes recorded']),
        preBookedHeld: await conversation('held', false, ['requested', 'booked', 'notes recorded']),
        noTrail: await conversation('requested', false, []),
      };
      const migration = new AdviceAskedAdHoc1765910000000();
      // As the migrations run: SQLite copies the table to change it, under the trail's foreign key.
      await runner.beforeMigration();
      await migration.down(runner);
      expect((await runner.getTable('advice_conversation'))!.findColumnByName('askedAdHoc')).toBeUndefined();
      expect(await runner.query('SELECT COUNT(*) AS n FROM advice_conversation')).toEqual([{ n: 6 }]);

      await migration.up(runner);
      await runner.afterMigration();
      const flags = new Map(
        (await runner.query('SELECT id, askedAdHoc FROM advice_conversation')).map((r: { id: string; askedAdHoc: number }) => [r.id, r.askedAdHoc]),
      );
      expect(Object.fromEntries(Object.entries(made).map(([name, id]) => [name, flags.get(id)]))).toEqual({
        acceptedAndHeld: 1,
        stillAsked: 1,
        declinedThenBooked: 1,
        lapsedThenHeld: 1,
        preBookedHeld: 0,
        noTrail: 0,
      });
      // A conversation saved without saying is not asked ad hoc.
      const { askedAdHoc: _unsaid, ...later } = conversationRow({ hcpId: ids.hcpA, coachId: ids.coach1, jobcentre: crawley, status: 'requested', channel: 'video', adviceTypes: 'adjustments', startsAt: null, createdAt: at });
      await insertRows(ds, 'AdviceConversation', [later]);
      expect(await ds.getRepository('AdviceConversation').findOneByOrFail({ id: String(later.id) })).toMatchObject({ askedAdHoc: false });
    } finally {
      await runner.release();
    }
  });
});
