import { SqlBookingStore } from '../../data/stores/bookings';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import { WorkQueue } from '../../data/stores/work-queue';
import type { CalendarEventRow } from '../../data/schema/calendar';
import type { SupportRequest } from '../../domain/requests/support-request';
import { cardText, cardVerbs, exchange, invokeAs, PEOPLE, startTestBot, type TestBot } from '../support/test-bot';

const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function acceptedConference(bot: TestBot): Promise<SupportRequest> {
  const coach = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.coach))!;
  const store = new SqlSupportRequestStore(bot.app.dataSource);
  const request = await store.create(
    { type: 'claimant_support', requesterId: coach.id, deaId: coach.deaId!, claimant: { surname: 'Zebedee', nino: 'AB123456C', benefits: ['UC'] }, topic: null, description: 'Needs support', reason: 'Advice', requiredBy: dayOffset(21), urgent: false, vulnerability: null },
    new Date(),
  );
  await invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: request.id, version: 1, channel: 'case_conference' });
  return (await store.findById(request.id))!;
}

/** A booking left as a process leaves it when it stops after committing the click: pending, its work leased by a run that died. */
async function leftPending(bot: TestBot, request: SupportRequest): Promise<string> {
  const start = new Date(`${dayOffset(9)}T10:00:00Z`);
  const booking = await new SqlBookingStore(bot.app.dataSource).create({ requestId: request.id, start, end: new Date(start.getTime() + 3_600_000), mode: 'teams' }, new Date());
  const queue = new WorkQueue(bot.app.dataSource);
  const id = await queue.schedule('booking', booking.id, new Date(Date.now() - 60_000));
  expect(await queue.lease(id, new Date(Date.now() - 60_000), 10_000)).not.toBeNull();
  return booking.id;
}

describe('diary work left by a process that stopped', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
    for (const who of [PEOPLE.coach, PEOPLE.dea]) await exchange(bot, who, 'help');
  });
  afterEach(async () => bot.close());

  it('is finished by the sweep once its lease has run out, one event per diary; meanwhile the card offers a way on', async () => {
    const request = await acceptedConference(bot);
    const bookingId = await leftPending(bot, request);
    const waiting = (await invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: request.id })).card;
    expect(cardText(waiting)).toContain('Being booked…');
    expect(cardVerbs(waiting)).toEqual(['booking.cancel']);

    await bot.app.jobs.sweepWork!();
    await bot.app.jobs.sweepWork!();
    const events = await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').find();
    expect(events.map((e) => e.transactionId).sort()).toEqual([`${bookingId}:dea`, `${bookingId}:requester`]);
    expect((await new SqlBookingStore(bot.app.dataSource).find(bookingId))?.status).toBe('booked');
    expect((await new SqlSupportRequestStore(bot.app.dataSource).findById(request.id))?.status).toBe('booked');
  });

  it('can be cancelled from the card while it waits: nothing is left in any diary', async () => {
    const request = await acceptedConference(bot);
    const bookingId = await leftPending(bot, request);
    const current = (await new SqlSupportRequestStore(bot.app.dataSource).findById(request.id))!;
    const cancelled = await invokeAs(bot, PEOPLE.dea, 'booking.cancel', { requestId: request.id, version: current.version });
    expect(cardText(cancelled.card)).toContain('Cancelled and removed from the diaries');
    await bot.app.background.idle();
    expect((await new SqlBookingStore(bot.app.dataSource).find(bookingId))?.status).toBe('cancelled');
    expect(await bot.app.dataSource.getRepository('CalendarEvent').count()).toBe(0);
    expect(cardVerbs((await invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: request.id })).card)).toContain('booking.book');
  });
});
