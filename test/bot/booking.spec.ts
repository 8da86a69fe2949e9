import type { Activity } from 'botbuilder';
import { directoryChanged, SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import type { CalendarEventRow } from '../../data/schema/calendar';
import type { OutboxRow } from '../../data/schema/messaging';
import { UNREACHABLE_NOTICE } from '../../bot/core/deliverer';
import { londonDateFast, londonToUtc, londonWallMs } from '../../domain/calendar/london-time';
import { bankHolidays } from '../../domain/calendar/bank-holidays';
import type { SupportRequest } from '../../domain/requests/support-request';
import { dayOffset, workingDayAhead } from '../support/working-day';
import { acceptedRequest } from '../support/claimant-request';
import { cardVerbs, cardText, chatNow, exchange, linesTo, invokeAs, messageFrom, PEOPLE, startTestBot, visibleText, type TestBot, choiceValues } from '../support/test-bot';
import { requestCard } from '../../cards/request-cards';
import type { Booking, BookingStatus } from '../../domain/calendar/booking';
import type { Channel } from '../../domain/requests/channels';
import type { StaffMember } from '../../domain/staff';


async function acceptedConference(bot: TestBot): Promise<SupportRequest> {
  const directory = new SqlStaffDirectory(bot.app.dataSource);
  const coach = (await directory.findByAadObjectId(PEOPLE.coach))!;
  const store = new SqlSupportRequestStore(bot.app.dataSource);
  const request = await store.create(
    {
      type: 'claimant_support',
      requesterId: coach.id,
      deaId: coach.deaId!,
      claimant: { surname: 'Zebedee', nino: 'AB123456C', benefits: ['UC'] },
      topic: null,
      description: 'Severe agoraphobia',
      reason: 'Advice',
      requiredBy: dayOffset(21),
      urgent: false,
      vulnerability: null,
    },
    new Date(),
  );
  await invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: request.id, version: 1, channel: 'case_conference' });
  return (await store.findById(request.id))!;
}

describe('booking a case conference in the diaries (embedded calendar)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
    for (const who of [PEOPLE.coach, PEOPLE.dea]) await exchange(bot, who, 'help');
    bot.connector.clear();
  });
  afterEach(async () => bot.close());

  it('proposes 3 common free times on different working days before the date needed, books one in both diaries and tells the coach', async () => {
    const request = await acceptedConference(bot);
    const card = (await invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: request.id, version: request.version })).card;
    expect(cardVerbs(card)).toContain('booking.book');
    const offered = choiceValues(card.actions, 'slot');
    expect(offered).toHaveLength(3);
    const days = offered.map((iso) => londonDateFast(new Date(iso)));
    expect(new Set(days).size).toBe(3);
    for (const iso of offered) {
      const start = new Date(iso);
      expect(start.getTime()).toBeGreaterThan(Date.now());
      expect(londonDateFast(start) <= request.requiredBy!).toBe(true);
      const minutes = Math.round((londonWallMs(start) % 86_400_000) / 60_000);
      expect(minutes).toBeGreaterThanOrEqual(8 * 60 + 30);
      expect(minutes + 60).toBeLessThanOrEqual(17 * 60);
      expect([0, 6]).not.toContain(new Date(`${londonDateFast(start)}T12:00:00Z`).getUTCDay());
    }

    const booked = await invokeAs(bot, PEOPLE.dea, 'booking.book', { requestId: request.id, version: request.version, slot: offered[0], durationMinutes: '60', mode: 'teams' });
    expect(cardText(booked.card)).toContain('Booking it in the diaries');
    // The DEA booked it: they wait for nobody, least of all the coach.
    expect(cardText(booked.card)).not.toContain('to book the meeting');
    await bot.app.background.idle();
    await bot.app.notifier.idle();

    const events = await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').find({ order: { mailbox: 'ASC' } });
    expect(events.map((e) => e.mailbox)).toEqual(['amira.shah@jobcentre.example', 'dana.morgan@jobcentre.example']);
    for (const event of events) {
      expect(event.startsAt.toISOString()).toBe(offered[0]);
      expect(event.endsAt.getTime() - event.startsAt.getTime()).toBe(3_600_000);
      expect(event.showAs).toBe('busy');
      expect(`${event.subject} ${event.body}`).toContain(request.reference);
      expect(`${event.subject} ${event.body}`).not.toMatch(/Zebedee|AB ?12 ?34 ?56 ?C|agoraphobia/i);
    }
    expect(events.find((e) => e.mailbox.startsWith('amira'))?.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\//);

    expect((await new SqlSupportRequestStore(bot.app.dataSource).findById(request.id))?.status).toBe('booked');
    // The coach's one card is updated in place, and a line says what changed, by whom, and when.
    const toCoach = visibleText(chatNow(bot, PEOPLE.coach));
    expect(toCoach).toMatch(/Status[\s\S]*Booked/);
    expect(linesTo(bot, PEOPLE.coach)).toEqual([expect.stringMatching(new RegExp(`^${request.reference}: Dana Morgan booked the case conference: \\w+ \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d to \\d\\d:\\d\\d\\.`))]);
    expect(toCoach).toContain('Microsoft Teams');
    expect(toCoach).toMatch(/Meeting[\s\S]*\d\d:\d\d to \d\d:\d\d/);
    // Booked, the DEA's card offers the meeting's actions only: nothing of triage comes back.
    const bookedCard = (await invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: request.id })).card;
    expect(cardVerbs(bookedCard)).toEqual(['booking.move', 'booking.cancel']);
  });

  it('does not propose a time when either diary is busy', async () => {
    const request = await acceptedConference(bot);
    const first = choiceValues((await invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: request.id, version: request.version })).card.actions, 'slot');
    const start = new Date(first[0]!);
    await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').insert({
      id: '11111111-1111-4111-8111-111111111111',
      mailbox: 'dana.morgan@jobcentre.example',
      subject: 'Busy',
      body: '',
      startsAt: start,
      endsAt: new Date(start.getTime() + 8 * 3_600_000),
      showAs: 'busy',
      attendees: '[]',
      location: null,
      joinUrl: null,
      transactionId: 'busy-1',
      createdAt: new Date(),
    });
    const again = choiceValues((await invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: request.id, version: request.version })).card.actions, 'slot');
    expect(again).not.toContain(first[0]);
    expect(again.every((iso) => londonDateFast(new Date(iso)) !== londonDateFast(start))).toBe(true);
  });

  it('takes another time the DEA types, moves it, and cancels it from every diary', async () => {
    const request = await acceptedConference(bot);
    const day = workingDayAhead(9);
    const bad = await invokeAs(bot, PEOPLE.dea, 'booking.book', { requestId: request.id, version: request.version, otherDate: day, otherTime: '25:00', durationMinutes: '45', mode: 'face_to_face' });
    expect(cardText(bad.card)).toContain('Enter the start time like 14:30.');
    expect(JSON.stringify(bad.card)).toContain('25:00');

    await invokeAs(bot, PEOPLE.dea, 'booking.book', { requestId: request.id, version: request.version, otherDate: day, otherTime: '14:30', durationMinutes: '45', mode: 'face_to_face' });
    await bot.app.background.idle();
    const repo = bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent');
    const made = await repo.find();
    expect(made).toHaveLength(2);
    expect(londonDateFast(made[0]!.startsAt)).toBe(day);
    expect(made.every((e) => e.joinUrl === null)).toBe(true);

    // A quarter of an hour later overlaps the meeting itself, which is no clash with itself.
    const booked0 = (await new SqlSupportRequestStore(bot.app.dataSource).findById(request.id))!;
    const nudged = await invokeAs(bot, PEOPLE.dea, 'booking.move', { requestId: request.id, version: booked0.version, otherDate: day, otherTime: '14:45' });
    expect(cardText(nudged.card)).toContain('Moved in the diaries');
    expect(cardText(nudged.card)).not.toContain('busy then');
    await bot.app.background.idle();

    const booked = (await new SqlSupportRequestStore(bot.app.dataSource).findById(request.id))!;
    const movedTo = workingDayAhead(12);
    const moved = await invokeAs(bot, PEOPLE.dea, 'booking.move', { requestId: request.id, version: booked.version, otherDate: movedTo, otherTime: '09:00' });
    expect(cardText(moved.card)).toContain('Moved in the diaries');
    const after = await repo.find();
    expect(after.every((e) => londonDateFast(e.startsAt) === movedTo && e.endsAt.getTime() - e.startsAt.getTime() === 45 * 60_000)).toBe(true);

    const current = (await new SqlSupportRequestStore(bot.app.dataSource).findById(request.id))!;
    const cancelled = await invokeAs(bot, PEOPLE.dea, 'booking.cancel', { requestId: request.id, version: current.version });
    expect(cardText(cancelled.card)).toContain('Cancelled and removed from the diaries');
    expect(await repo.count()).toBe(0);
    expect((await new SqlSupportRequestStore(bot.app.dataSource).findById(request.id))?.status).toBe('accepted');
  });

  it('checks a typed time as proposed ones are checked: refused beside the time with every reason, then booked with a reason, which is kept', async () => {
    const request = await acceptedConference(bot);
    const day = workingDayAhead(9);
    const typed = { requestId: request.id, version: request.version, otherDate: day, otherTime: '07:00', durationMinutes: '60', mode: 'teams' };
    const early = await invokeAs(bot, PEOPLE.dea, 'booking.book', typed);
    expect(cardText(early.card)).toContain('It is outside Amira Shah’s working hours. It is outside the DEA’s working hours. Choose another time, or give a reason below to book it all the same.');
    // Everything typed is still there, and the reason field is offered.
    expect(JSON.stringify(early.card)).toContain('"value":"07:00"');
    expect(JSON.stringify(early.card)).toContain('"label":"Why book this time all the same (or choose another time above)"');
    expect(await bot.app.dataSource.getRepository('Booking').count()).toBe(0);

    // A bank holiday, and a clash in the coach's diary, are named too.
    const holiday = [new Date().getUTCFullYear(), new Date().getUTCFullYear() + 1].flatMap((y) => bankHolidays('england-and-wales', y)).find((d) => d > dayOffset(3) && ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()))!;
    const onHoliday = await invokeAs(bot, PEOPLE.dea, 'booking.book', { ...typed, otherDate: holiday, otherTime: '10:00' });
    expect(cardText(onHoliday.card)).toMatch(/is a bank holiday for Amira Shah\. .*is a bank holiday for the DEA\./);
    const start = londonToUtc(day, '11:00');
    await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').insert({
      id: '22222222-2222-4222-8222-222222222222', mailbox: 'amira.shah@jobcentre.example', subject: 'Busy', body: '', startsAt: start, endsAt: new Date(start.getTime() + 3_600_000),
      showAs: 'busy', attendees: '[]', location: null, joinUrl: null, transactionId: 'busy-2', createdAt: new Date(),
    });
    const clash = await invokeAs(bot, PEOPLE.dea, 'booking.book', { ...typed, otherTime: '11:30' });
    expect(cardText(clash.card)).toContain('Amira Shah is busy then.');

    // With a reason it goes ahead, and the reason stays on the request.
    await invokeAs(bot, PEOPLE.dea, 'booking.book', { ...typed, overrideReason: 'Amira starts early on Tuesdays.' });
    await bot.app.background.idle();
    const stored = (await new SqlSupportRequestStore(bot.app.dataSource).findById(request.id))!;
    expect(stored.status).toBe('booked');
    expect(stored.messages.map((m) => m.text).join(' ')).toMatch(/^Booked for .+07:00 to 08:00 although: It is outside Amira Shah’s working hours\. .* Reason given: Amira starts early on Tuesdays\.$/);
  });

  it('lets only the DEA book', async () => {
    const request = await acceptedConference(bot);
    const tried = await invokeAs(bot, PEOPLE.coach, 'booking.book', { requestId: request.id, version: request.version, otherDate: workingDayAhead(9), otherTime: '10:00', durationMinutes: '60', mode: 'teams' });
    expect(cardText(tried.card)).toContain('Only the DEA the request was sent to can book it.');
    expect(await bot.app.dataSource.getRepository('Booking').count()).toBe(0);
  });

  it('keeps a posted copy of the card in step: the coach sees the booked time', async () => {
    const request = await acceptedConference(bot);
    await bot.post(messageFrom(PEOPLE.coach, undefined, { value: { verb: 'request.open', requestId: request.id } } as Partial<Activity>));
    await bot.connector.waitFor((calls) => calls.length > 0);
    await invokeAs(bot, PEOPLE.dea, 'booking.book', { requestId: request.id, version: request.version, otherDate: workingDayAhead(9), otherTime: '10:00', durationMinutes: '60', mode: 'telephone' });
    await bot.app.background.idle();
    await bot.app.notifier.idle();
    const update = bot.connector.calls.filter((c) => c.method === 'PUT').pop();
    expect(visibleText([update!.activity])).toMatch(/Booked[\s\S]*Telephone/);
  });
});

describe('a moved meeting the coach had deleted from their diary (embedded calendar)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
    for (const who of [PEOPLE.coach, PEOPLE.dea]) await exchange(bot, who, 'help');
  });
  afterEach(async () => bot.close());

  it('is written into their diary again at the new time, and the booking is booked', async () => {
    const request = await acceptedConference(bot);
    await invokeAs(bot, PEOPLE.dea, 'booking.book', { requestId: request.id, version: request.version, otherDate: workingDayAhead(9), otherTime: '10:00', durationMinutes: '60', mode: 'teams' });
    await bot.app.background.idle();
    const repo = bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent');
    await repo.delete({ mailbox: 'amira.shah@jobcentre.example' });
    const booked = (await new SqlSupportRequestStore(bot.app.dataSource).findById(request.id))!;
    const movedTo = workingDayAhead(12);
    const moved = await invokeAs(bot, PEOPLE.dea, 'booking.move', { requestId: request.id, version: booked.version, otherDate: movedTo, otherTime: '09:00' });
    // Answered when the diaries are done, or while they still are being done on a busy machine.
    expect(cardText(moved.card)).toMatch(/Moved in the diaries|Moving it in the diaries/);
    await bot.app.background.idle();
    const after = (await new SqlSupportRequestStore(bot.app.dataSource).findById(request.id))!;
    expect(cardText((await invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: request.id, version: after.version })).card)).toContain('Nothing for you to do now: the meeting is booked.');
    const events = await repo.find({ order: { mailbox: 'ASC' } });
    expect(events.map((e) => [e.mailbox, londonDateFast(e.startsAt)])).toEqual([
      ['amira.shah@jobcentre.example', movedTo],
      ['dana.morgan@jobcentre.example', movedTo],
    ]);
    // The Teams link on the card is the new entry's.
    expect(JSON.stringify(moved.card)).toContain(events[0]!.joinUrl!);
  });
});

describe('what the request card tells each person while the meeting is booked (every booking state)', () => {
  const staff = (id: string, name: string, roles: StaffMember['roles']): StaffMember => ({ id, aadObjectId: `aad-${id}`, name, email: `${id}@x.example`, roles, jobcentreId: null, deaId: 'dea', teamLeaderId: null });
  const coach = staff('coach', 'Amira Shah', ['work_coach']);
  const dea = staff('dea', 'Dana Morgan', ['dea']);
  const now = new Date('2026-11-23T10:00:00Z');
  const request = (channel: Channel, status: SupportRequest['status']): SupportRequest =>
    ({ id: 'r1', reference: 'DEA-000001', type: 'claimant_support', status, version: 3, requesterId: 'coach', deaId: 'dea', claimant: { surname: 'Zebedee', nino: 'AB123456C', benefits: ['UC'] }, topic: null, description: 'd', reason: 'r', requiredBy: '2026-12-11', urgent: false, vulnerability: null, channel, inappropriate: false, parentRequestId: null, requestedChannel: null, claimantCoachId: null, messages: [], createdAt: now, updatedAt: now }) as SupportRequest;
  const booking = (status: BookingStatus, lastError: string | null = null): Booking => ({ id: 'b1', requestId: 'r1', start: new Date('2026-11-30T10:00:00Z'), end: new Date('2026-11-30T11:00:00Z'), mode: 'teams', status, events: [], joinUrl: null, lastError, claimantContact: null, startedBy: null, version: 2 });
  const yourAction = (r: SupportRequest, b: Booking | null, viewer: StaffMember) =>
    cardText(requestCard(r, { requester: coach, adviser: dea }, viewer, { today: '2026-11-23', booking: { current: b, proposals: [] } })).split('\n').find((l) => /^(Your action|Nothing for you to do now)/.test(l));

  it.each([
    // A case conference: the DEA books it (seed §14).
    ['case_conference', 'accepted', null, 'coach', 'Nothing for you to do now: waiting for Dana Morgan to book the meeting.'],
    ['case_conference', 'accepted', null, 'dea', 'Your action: book the conference.'],
    ['case_conference', 'accepted', 'pending', 'dea', 'Nothing for you to do now: the meeting is being written into the diaries.'],
    ['case_conference', 'accepted', 'pending', 'coach', 'Nothing for you to do now: the meeting is being written into the diaries.'],
    ['case_conference', 'accepted', 'failed', 'dea', 'Your action: the diaries were not booked. Try booking again, or cancel.'],
    ['case_conference', 'accepted', 'failed', 'coach', 'Nothing for you to do now: not every diary could be written: waiting for Dana Morgan to try booking again.'],
    ['case_conference', 'accepted', 'cancelling', 'dea', 'Nothing for you to do now: the meeting is being taken out of the diaries.'],
    ['case_conference', 'accepted', 'cancelling', 'coach', 'Nothing for you to do now: the meeting is being taken out of the diaries.'],
    ['case_conference', 'accepted', 'cancelled', 'coach', 'Nothing for you to do now: waiting for Dana Morgan to book the meeting.'],
    ['case_conference', 'booked', 'booked', 'coach', 'Nothing for you to do now: the meeting is booked.'],
    ['case_conference', 'booked', 'booked', 'dea', 'Nothing for you to do now: the meeting is booked.'],
    ['case_conference', 'booked', 'moving', 'dea', 'Nothing for you to do now: the meeting is being moved in the diaries.'],
    ['case_conference', 'booked', 'moving', 'coach', 'Nothing for you to do now: the meeting is being moved in the diaries.'],
    // A three way: the work coach books it (seed §25).
    ['three_way_intervention', 'accepted', null, 'dea', 'Nothing for you to do now: waiting for Amira Shah to book the meeting.'],
    ['three_way_intervention', 'accepted', 'pending', 'coach', 'Nothing for you to do now: the meeting is being written into the diaries.'],
    ['three_way_intervention', 'accepted', 'pending', 'dea', 'Nothing for you to do now: the meeting is being written into the diaries.'],
    ['three_way_intervention', 'accepted', 'cancelling', 'coach', 'Nothing for you to do now: the meeting is being taken out of the diaries.'],
  ] as const)('%s, request %s, booking %s, seen by %s: %s', (channel, status, bookingStatus, who, expected) => {
    expect(yourAction(request(channel, status), bookingStatus ? booking(bookingStatus) : null, who === 'dea' ? dea : coach)).toBe(expected);
  });

  it('a meeting booked but missing from a diary tells both people what to do', () => {
    const problem = 'The meeting could not be moved in Amira Shah’s diary: it is no longer there. Amira Shah can add it again, or the meeting can be cancelled and booked again.';
    for (const viewer of [coach, dea]) expect(yourAction(request('case_conference', 'booked'), booking('booked', problem), viewer)).toBe(`Your action: ${problem}`);
  });
});

/** A claimant's case the DEA accepts for a skill conference (seed §13 lets them), so notices can be checked for the claimant's details. */
function acceptedSkillConference(bot: TestBot): Promise<SupportRequest> {
  return acceptedRequest(bot, 'skill_conference');
}

describe('booking a skill conference: the DEA, the work coach or the work coach’s team leader blocks out the time (seed §17)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
    for (const who of [PEOPLE.coach, PEOPLE.dea, PEOPLE.wctl]) await exchange(bot, who, 'help');
    bot.connector.clear();
  });
  afterEach(async () => bot.close());

  const events = () => bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').find({ order: { mailbox: 'ASC' } });
  const stored = async (id: string) => (await new SqlSupportRequestStore(bot.app.dataSource).findById(id))!;
  const yourLine = (card: Record<string, unknown>) => cardText(card).split('\n').find((l) => /^(Your action|Nothing for you to do now|You can read)/.test(l));
  /** The DEA (or anyone) keeps a live copy of the card in their chat, as they would from its first delivery. */
  const openCard = async (who: string, requestId: string) => {
    const before = bot.connector.calls.length;
    await bot.post(messageFrom(who, undefined, { value: { verb: 'request.open', requestId } } as Partial<Activity>));
    await bot.connector.waitFor((calls) => calls.length > before);
  };
  const noClaimantDetails = (lines: readonly string[]) => {
    for (const line of lines) expect(line).not.toMatch(/Zebedee|AB ?12 ?34 ?56 ?C|agoraphobia|adjust the interview/i);
  };

  it('the work coach books it at a time both diaries are free; the DEA is told who booked it, and each card says so', async () => {
    const request = await acceptedSkillConference(bot);
    await openCard(PEOPLE.dea, request.id);
    expect(yourLine((await invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: request.id })).card)).toBe('Your action: book the conference, or leave it to Amira Shah or their team leader.');
    const offeredCard = (await invokeAs(bot, PEOPLE.coach, 'request.refresh', { requestId: request.id })).card;
    expect(yourLine(offeredCard)).toBe('Your action: book the conference, or leave it to Dana Morgan or your team leader.');
    expect(cardVerbs(offeredCard)).toContain('booking.book');
    expect(JSON.stringify(offeredCard)).toContain('Proposed times (you are both free)');
    const offered = choiceValues(offeredCard.actions, 'slot');
    expect(offered).toHaveLength(3);

    // The DEA's diary counts as much as the coach's: a day the DEA is busy is not proposed to the coach.
    const busyFrom = new Date(offered[0]!);
    await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').insert({
      id: '33333333-3333-4333-8333-333333333333', mailbox: 'dana.morgan@jobcentre.example', subject: 'Busy', body: '', startsAt: busyFrom, endsAt: new Date(busyFrom.getTime() + 8 * 3_600_000),
      showAs: 'busy', attendees: '[]', location: null, joinUrl: null, transactionId: 'busy-3', createdAt: new Date(),
    });
    const again = choiceValues((await invokeAs(bot, PEOPLE.coach, 'request.refresh', { requestId: request.id })).card.actions, 'slot');
    expect(again.every((iso) => londonDateFast(new Date(iso)) !== londonDateFast(busyFrom))).toBe(true);
    await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').delete({ transactionId: 'busy-3' });

    const booked = await invokeAs(bot, PEOPLE.coach, 'booking.book', { requestId: request.id, version: request.version, slot: again[0], durationMinutes: '60', mode: 'teams' });
    expect(cardText(booked.card)).toContain('Booking it in the diaries');
    expect(cardText(booked.card)).not.toContain('to book the meeting');
    await bot.app.background.idle();
    await bot.app.notifier.idle();

    const written = await events();
    expect(written.map((e) => e.mailbox)).toEqual(['amira.shah@jobcentre.example', 'dana.morgan@jobcentre.example']);
    expect(written.every((e) => e.startsAt.toISOString() === again[0])).toBe(true);
    expect((await stored(request.id)).status).toBe('booked');

    // The DEA is told as the coach is when the DEA books: one line naming who booked it, and their card updated in place.
    const toDea = linesTo(bot, PEOPLE.dea);
    expect(toDea).toEqual([expect.stringMatching(new RegExp(`^${request.reference}: Amira Shah booked the skill conference: \\w+ \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d to \\d\\d:\\d\\d\\.`))]);
    noClaimantDetails([...toDea, ...linesTo(bot, PEOPLE.coach)]);
    expect(visibleText(chatNow(bot, PEOPLE.dea))).toMatch(/Booked by\s+Amira Shah/);
    expect(linesTo(bot, PEOPLE.coach)).toEqual([]);

    const deaCard = (await invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: request.id })).card;
    expect(yourLine(deaCard)).toBe('Nothing for you to do now: Amira Shah booked the meeting.');
    expect(cardText(deaCard)).toMatch(/Booked by\s+Amira Shah/);
    expect(cardVerbs(deaCard)).toEqual(['booking.move', 'booking.cancel']);
    const coachCard = (await invokeAs(bot, PEOPLE.coach, 'request.refresh', { requestId: request.id })).card;
    expect(yourLine(coachCard)).toBe('Nothing for you to do now: you booked the meeting.');
    expect(cardText(coachCard)).toMatch(/Booked by\s+You/);
    // The coach may move or cancel what they booked, as the DEA may.
    expect(cardVerbs(coachCard)).toEqual(['booking.move', 'booking.cancel']);
  });

  it('the coach’s team leader books it in the coach’s and the DEA’s diaries; both are told, and each card says who booked it', async () => {
    const request = await acceptedSkillConference(bot);
    await openCard(PEOPLE.dea, request.id);
    const leaderCard = (await invokeAs(bot, PEOPLE.wctl, 'request.refresh', { requestId: request.id })).card;
    expect(yourLine(leaderCard)).toBe('Your action: book the conference, or leave it to Dana Morgan or Amira Shah.');
    expect(JSON.stringify(leaderCard)).toContain('Proposed times (Amira Shah and Dana Morgan are both free)');
    expect(JSON.stringify(leaderCard)).toContain('Book in both their diaries');
    const offered = choiceValues(leaderCard.actions, 'slot');
    expect(offered).toHaveLength(3);
    // The team leader sees the claimant masked, as before.
    expect(cardText(leaderCard)).not.toMatch(/Zebedee|agoraphobia/);

    await invokeAs(bot, PEOPLE.wctl, 'booking.book', { requestId: request.id, version: request.version, slot: offered[0], durationMinutes: '60', mode: 'face_to_face' });
    await bot.app.background.idle();
    await bot.app.notifier.idle();
    expect((await events()).map((e) => e.mailbox)).toEqual(['amira.shah@jobcentre.example', 'dana.morgan@jobcentre.example']);
    const line = new RegExp(`^${request.reference}: Tom Baker booked the skill conference: \\w+ \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d to \\d\\d:\\d\\d\\.`);
    expect(linesTo(bot, PEOPLE.dea)).toEqual([expect.stringMatching(line)]);
    expect(linesTo(bot, PEOPLE.coach)).toEqual([expect.stringMatching(line)]);
    noClaimantDetails([...linesTo(bot, PEOPLE.dea), ...linesTo(bot, PEOPLE.coach)]);

    for (const who of [PEOPLE.coach, PEOPLE.dea]) {
      const card = (await invokeAs(bot, who, 'request.refresh', { requestId: request.id })).card;
      expect(yourLine(card)).toBe('Nothing for you to do now: Tom Baker booked the meeting.');
      expect(cardText(card)).toMatch(/Booked by\s+Tom Baker/);
    }
    // Booked, what is left for the team leader is the quality check (seed §17); the meeting is on their card to move or cancel.
    const leaderAfter = (await invokeAs(bot, PEOPLE.wctl, 'request.refresh', { requestId: request.id })).card;
    expect(yourLine(leaderAfter)).toBe('Your action: check the quality of this meeting.');
    expect(cardText(leaderAfter)).toMatch(/Booked by\s+You/);
    expect(cardText(leaderAfter)).toMatch(/Meeting\s+\w+ \d+ \w+ \d{4}, \d\d:\d\d to \d\d:\d\d/);
    expect(cardVerbs(leaderAfter)).toEqual(expect.arrayContaining(['booking.move', 'booking.cancel']));
    expect(JSON.stringify(leaderAfter)).toContain("taken out of Amira Shah's and Dana Morgan's diaries, and they are told");

    const cancelled = await invokeAs(bot, PEOPLE.wctl, 'booking.cancel', { requestId: request.id, version: (await stored(request.id)).version });
    expect(cardText(cancelled.card)).toContain('Cancelled and removed from the diaries. The work coach and the DEA have been told.');
    await bot.app.notifier.idle();
    expect(await events()).toHaveLength(0);
    expect((await stored(request.id)).status).toBe('accepted');
    expect(linesTo(bot, PEOPLE.dea).pop()).toContain('Tom Baker cancelled the skill conference. It needs booking again.');
    expect(linesTo(bot, PEOPLE.coach).pop()).toContain('Tom Baker cancelled the skill conference. It needs booking again.');
  });

  it('makes one booking when the DEA, the coach and the team leader all click Book on the same card', async () => {
    const request = await acceptedSkillConference(bot);
    const choice = { requestId: request.id, version: request.version, otherDate: workingDayAhead(9), otherTime: '10:00', durationMinutes: '60', mode: 'teams' };
    const answers = await Promise.all([PEOPLE.dea, PEOPLE.coach, PEOPLE.wctl].map((who) => invokeAs(bot, who, 'booking.book', choice)));
    await bot.app.background.idle();
    expect(await bot.app.dataSource.getRepository('Booking').count()).toBe(1);
    expect(await events()).toHaveLength(2);
    expect(answers.filter((a) => cardText(a.card).includes('Booking it in the diaries'))).toHaveLength(1);
    expect(answers.filter((a) => cardText(a.card).includes('This request changed since you last saw it'))).toHaveLength(2);
  });

  it('sends the coach’s team leader the card to book it from when the DEA accepts it, as the coach gets theirs', async () => {
    const request = await acceptedSkillConference(bot);
    await bot.app.notifier.idle();
    const cardsTo = (who: string) => bot.connector.sentTo(`a:personal-${who}`).filter((a) => a.attachments?.length).map((a) => a.attachments![0]!.content as Record<string, unknown>);
    const [leaderCard, ...more] = cardsTo(PEOPLE.wctl);
    expect(more).toEqual([]);
    expect(cardText(leaderCard!)).toContain(request.reference);
    expect(yourLine(leaderCard!)).toBe('Your action: book the conference, or leave it to Dana Morgan or Amira Shah.');
    expect(cardVerbs(leaderCard!)).toContain('booking.book');
    noClaimantDetails([cardText(leaderCard!)]);
    expect(cardsTo(PEOPLE.coach)).toHaveLength(1);
  });

  it('keeps nobody waiting on the team leader’s copy: a team leader who has not opened the app is not reported to the coach', async () => {
    // The team leader's chat is not known (they never opened the app), so their card waits for them.
    await bot.app.dataSource.getRepository('ConversationReference').delete({ aadObjectId: PEOPLE.wctl });
    const request = await acceptedSkillConference(bot);
    await bot.app.notifier.idle();
    const waiting = await bot.app.dataSource.getRepository<OutboxRow>('Outbox').findBy({ subjectId: request.id });
    expect(waiting.filter((row) => !row.deliveredAt).map((row) => row.recipientAad)).toEqual([PEOPLE.wctl]);
    // The coach can book it themselves: nothing tells them their team leader has not seen it.
    expect(await bot.app.dataSource.getRepository<OutboxRow>('Outbox').countBy({ kind: UNREACHABLE_NOTICE })).toBe(0);
    expect(linesTo(bot, PEOPLE.coach)).toEqual([]);
  });

  it('sends no team leader a copy when the coach has none', async () => {
    await bot.app.dataSource.getRepository('Staff').update({ aadObjectId: PEOPLE.coach }, { teamLeaderId: null });
    directoryChanged();
    await acceptedSkillConference(bot);
    await bot.app.notifier.idle();
    expect(bot.connector.sentTo(`a:personal-${PEOPLE.wctl}`)).toEqual([]);
  });

  it('leaves a case conference to the DEA: the coach’s team leader gets no booking form and is refused', async () => {
    const request = await acceptedConference(bot);
    await bot.app.notifier.idle();
    // Nothing of it is sent to the team leader: the conference is the DEA's to book (seed §14).
    expect(bot.connector.sentTo(`a:personal-${PEOPLE.wctl}`)).toEqual([]);
    const card = (await invokeAs(bot, PEOPLE.wctl, 'request.refresh', { requestId: request.id })).card;
    expect(cardVerbs(card)).not.toContain('booking.book');
    const tried = await invokeAs(bot, PEOPLE.wctl, 'booking.book', { requestId: request.id, version: request.version, otherDate: workingDayAhead(9), otherTime: '10:00', durationMinutes: '60', mode: 'teams' });
    expect(cardText(tried.card)).toContain('Only the DEA the request was sent to can book it.');
    expect(await bot.app.dataSource.getRepository('Booking').count()).toBe(0);
  });
});
