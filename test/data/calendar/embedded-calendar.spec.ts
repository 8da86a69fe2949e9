import { EMBEDDED_JOIN_URL_PREFIX, EmbeddedCalendar } from '../../../data/calendar/embedded-calendar';
import type { CalendarEventRow } from '../../../data/schema/calendar';
import type { Interval } from '../../../domain/calendar/calendar-port';
import { statementsDuring } from '../../../testkit/statement-log';
import { openTempDatabase, type TempDatabase } from '../../support/template-database';
import { at, calendarContract, COACH, DEA, newEvent } from './calendar-contract';

calendarContract('EmbeddedCalendar on SQLite', async () => {
  const db = await openTempDatabase();
  return {
    calendar: new EmbeddedCalendar(db.dataSource),
    eventsIn: (mailbox) => db.dataSource.getRepository<CalendarEventRow>('CalendarEvent').count({ where: { mailbox: mailbox.toLowerCase() } }),
    close: () => db.close(),
  };
});

describe('EmbeddedCalendar', () => {
  let db: TempDatabase;
  beforeEach(async () => {
    db = await openTempDatabase();
  });
  afterEach(async () => db.close());

  it('gives a stable placeholder link naming the event, not a real meeting', async () => {
    const calendar = new EmbeddedCalendar(db.dataSource);
    const [first] = await calendar.createEvents([newEvent()]);
    const [again] = await calendar.createEvents([newEvent()]);
    if (!first?.ok) throw new Error('not created');
    expect(first.joinUrl).toBe(`${EMBEDDED_JOIN_URL_PREFIX}${first.eventId}`);
    expect(again).toEqual(first);
  });

  it('makes one row when bot instances create the same event at the same moment', async () => {
    const instances = Array.from({ length: 6 }, () => new EmbeddedCalendar(db.dataSource));
    const results = (await Promise.all(instances.map((c) => c.createEvents([newEvent()])))).flat();
    const ids = new Set(results.map((r) => (r.ok ? r.eventId : r.error)));
    expect(ids.size).toBe(1);
    expect(await db.dataSource.getRepository<CalendarEventRow>('CalendarEvent').count()).toBe(1);
  });

  it('stores the diary lower-case and the attendees as given', async () => {
    await new EmbeddedCalendar(db.dataSource).createEvents([newEvent({ mailbox: DEA.toUpperCase() })]);
    const [row] = await db.dataSource.getRepository<CalendarEventRow>('CalendarEvent').find();
    expect(row?.mailbox).toBe(DEA);
    expect(JSON.parse(row!.attendees)).toEqual([{ email: 'Work.Coach@jobcentre.example.gov.uk', name: 'Work Coach' }]);
  });

  it("reads busy time from the events that end after the window opens, by their end, not every diary's history", async () => {
    const calendar = new EmbeddedCalendar(db.dataSource);
    const DAY = 86_400_000;
    const window = { from: at('2027-01-11T00:00:00Z'), to: at('2027-01-12T00:00:00Z') };
    // A year of past meetings, the coach an attendee of each, and one that runs over the window's start.
    const past = Array.from({ length: 300 }, (_, i) =>
      newEvent({ transactionId: `past-${i}`, start: new Date(window.from.getTime() - (i + 1) * DAY), end: new Date(window.from.getTime() - (i + 1) * DAY + 3_600_000) }),
    );
    const overnight = newEvent({ transactionId: 'overnight', start: at('2027-01-10T23:00:00Z'), end: at('2027-01-11T01:00:00Z') });
    const results = await calendar.createEvents([...past, overnight, newEvent()]);
    expect(results.every((r) => r.ok)).toBe(true);

    let busy = new Map<string, Interval[]>();
    const statements = await statementsDuring(db.dataSource, async () => void (busy = await calendar.busy([DEA, COACH], window.from, window.to)));

    // The overnight meeting counts from the window's start.
    const expected = ['2027-01-11T00:00:00.000Z/2027-01-11T01:00:00.000Z', '2027-01-11T10:00:00.000Z/2027-01-11T11:00:00.000Z'];
    expect(busy.get(DEA)?.map((i) => `${i.start.toISOString()}/${i.end.toISOString()}`)).toEqual(expected);
    expect(busy.get(COACH.toLowerCase())?.map((i) => `${i.start.toISOString()}/${i.end.toISOString()}`)).toEqual(expected);
    expect(statements).toHaveLength(1);
    const plan = (await db.dataSource.query(`EXPLAIN QUERY PLAN ${statements[0]!.sql}`, statements[0]!.parameters)) as { detail: string }[];
    expect(plan.map((p) => p.detail)).toEqual([expect.stringContaining('USING INDEX IDX_calendar_event_end (endsAt>?)')]);
  });
});
