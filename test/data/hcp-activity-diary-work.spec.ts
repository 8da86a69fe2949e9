import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedCalendar } from '../../data/calendar/embedded-calendar';
import { applySeed } from '../../data/seed/apply-seed';
import { parseSeedFile } from '../../data/seed/seed-file';
import { SqlHcpActivityStore } from '../../data/stores/hcp-activity';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import type { CalendarPort, EventResult, NewEvent } from '../../domain/calendar/calendar-port';
import { DiaryNotWritten, HcpDiaryWork } from '../../domain/hcp-activity/diary-work';
import { openTempDatabase, type TempDatabase } from '../support/template-database';

const AT = new Date('2026-11-23T10:00:00Z');

/** The embedded calendar, with one diary that refuses new events until told otherwise (a throttled mailbox). */
class OneDiaryDown implements CalendarPort {
  down: string | null = null;
  constructor(private readonly inner: CalendarPort) {}
  busy(mailboxes: readonly string[], from: Date, to: Date) {
    return this.inner.busy(mailboxes, from, to);
  }
  async createEvents(events: readonly NewEvent[]): Promise<EventResult[]> {
    const up = events.filter((e) => e.mailbox !== this.down);
    const made = await this.inner.createEvents(up);
    return events.map((e) => (e.mailbox === this.down ? { ok: false as const, mailbox: e.mailbox, error: 'Too many requests', retryable: true } : made[up.indexOf(e)]!));
  }
  moveEvents(changes: Parameters<CalendarPort['moveEvents']>[0]) {
    return this.inner.moveEvents(changes);
  }
  deleteEvents(refs: Parameters<CalendarPort['deleteEvents']>[0]) {
    return this.inner.deleteEvents(refs);
  }
}

describe('an HCP activity’s diary work on SQLite and the embedded calendar', () => {
  let db: TempDatabase;
  beforeEach(async () => {
    db = await openTempDatabase();
    await applySeed(db.dataSource, parseSeedFile(readFileSync(join(__dirname, '..', '..', 'data', 'seed', 'demo-staff.json'), 'utf8')));
  });
  afterEach(() => db.close());

  it('a diary that fails is tried again without a second entry in the one that worked; cancelled, both are removed', async () => {
    const directory = new SqlStaffDirectory(db.dataSource);
    const hcp = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000004'))!;
    const coach = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000001'))!;
    const store = new SqlHcpActivityStore(db.dataSource);
    const calendar = new OneDiaryDown(new EmbeddedCalendar(db.dataSource));
    const work = new HcpDiaryWork({ store, calendar, directory, jobcentre: async () => null });
    const activity = await store.createActivity(
      { hcpId: hcp.id, kind: 'individual_case_conference', status: 'planned', jobcentreId: null, district: 'Surrey and Sussex', date: '2026-11-24', start: new Date('2026-11-24T14:00:00Z'), end: new Date('2026-11-24T14:30:00Z'), takingPart: coach.name, note: 'Returning after surgery', caseReference: 'SA-000001', caseCount: null, adHoc: false, requestedById: coach.id, setById: hcp.id, recordedById: null, recordedAt: null },
      AT,
    );
    const events = () => db.dataSource.query('SELECT mailbox FROM calendar_event WHERE transactionId = ? ORDER BY mailbox', [`hcp-activity:${activity.id}`]) as Promise<{ mailbox: string }[]>;

    calendar.down = coach.email;
    await expect(work.complete(activity.id)).rejects.toBeInstanceOf(DiaryNotWritten);
    expect((await store.activity(activity.id))!.diaryEntries.map((e) => e.personId)).toEqual([hcp.id]);
    expect(await events()).toHaveLength(1);

    calendar.down = null;
    await work.complete(activity.id);
    await work.complete(activity.id);
    expect((await store.activity(activity.id))!.diaryEntries.map((e) => e.personId).sort()).toEqual([hcp.id, coach.id].sort());
    expect((await events()).map((e) => e.mailbox.toLowerCase()).sort()).toEqual([hcp.email, coach.email].map((m) => m.toLowerCase()).sort());

    const current = (await store.activity(activity.id))!;
    await store.updateActivity(activity.id, current.version, { status: 'cancelled' }, AT);
    await work.complete(activity.id);
    expect(await events()).toEqual([]);
    expect((await store.activity(activity.id))!.diaryEntries).toEqual([]);
  });

  it('one a team leader arranged for a coach: the HCP’s and the coach’s diaries, not the team leader’s; the coach’s failing is tried again without a second HCP entry, and a run again writes nothing more', async () => {
    const directory = new SqlStaffDirectory(db.dataSource);
    const hcp = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000004'))!;
    const leader = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000003'))!;
    const coach = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000101'))!;
    const store = new SqlHcpActivityStore(db.dataSource);
    const calendar = new OneDiaryDown(new EmbeddedCalendar(db.dataSource));
    const work = new HcpDiaryWork({ store, calendar, directory, jobcentre: async () => null });
    const activity = await store.createActivity(
      { hcpId: hcp.id, kind: 'individual_case_conference', status: 'planned', jobcentreId: null, district: 'Surrey and Sussex', date: '2026-11-24', start: new Date('2026-11-24T14:00:00Z'), end: new Date('2026-11-24T14:30:00Z'), takingPart: coach.name, note: 'Returning after surgery', caseReference: 'SA-000001', caseCount: null, adHoc: false, requestedById: leader.id, coachId: coach.id, setById: hcp.id, recordedById: null, recordedAt: null },
      AT,
    );
    expect((await store.activity(activity.id))!.coachId).toBe(coach.id);
    const events = () => db.dataSource.query('SELECT mailbox, subject, body FROM calendar_event WHERE transactionId = ? ORDER BY mailbox', [`hcp-activity:${activity.id}`]) as Promise<{ mailbox: string; subject: string; body: string }[]>;

    calendar.down = coach.email;
    await expect(work.complete(activity.id)).rejects.toBeInstanceOf(DiaryNotWritten);
    expect((await store.activity(activity.id))!.diaryEntries.map((e) => e.personId)).toEqual([hcp.id]);

    calendar.down = null;
    await work.complete(activity.id);
    await work.complete(activity.id);
    expect((await store.activity(activity.id))!.diaryEntries.map((e) => e.personId).sort()).toEqual([hcp.id, coach.id].sort());
    const written = await events();
    expect(written.map((e) => e.mailbox.toLowerCase()).sort()).toEqual([hcp.email, coach.email].map((m) => m.toLowerCase()).sort());
    expect(written.every((e) => e.subject === 'Individual case conference: SA-000001' && !/surgery/i.test(e.body))).toBe(true);
  });
});
