import { EMBEDDED_JOIN_URL_PREFIX, EmbeddedCalendar } from '../../../data/calendar/embedded-calendar';
import type { CalendarEventRow } from '../../../data/schema/calendar';
import { openTempDatabase, type TempDatabase } from '../../support/template-database';
import { calendarContract, DEA, newEvent } from './calendar-contract';

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
});
