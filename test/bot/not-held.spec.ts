import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import type { SupportRequest } from '../../domain/requests/support-request';
import { acceptedRequest, current, inputValue, MovableClock, pastIntervention } from '../support/claimant-request';
import { cardText, cardVerbs, choiceValues, exchange, invokeAs, linesTo, PEOPLE, startTestBot, visibleText, type TestBot } from '../support/test-bot';

const ALL_PRECONDITIONS = 'discussed_with_team_leader,agreed_with_dea,consent_gained,told_dea_will_contact,told_voluntary,told_conditionality_applies';

async function settle(bot: TestBot): Promise<void> {
  await bot.app.background.idle();
  await bot.app.notifier.idle();
}

async function refreshed(bot: TestBot, who: string, request: SupportRequest): Promise<Record<string, unknown>> {
  return (await invokeAs(bot, who, 'request.refresh', { requestId: request.id, version: request.version })).card;
}

async function bookingStatuses(bot: TestBot): Promise<string[]> {
  return (await bot.app.dataSource.getRepository<{ status: string; createdAt: Date }>('Booking').find({ order: { createdAt: 'ASC' } })).map((b) => b.status);
}

describe('a meeting that did not take place', () => {
  let bot: TestBot;
  let clock: MovableClock;
  beforeEach(async () => {
    clock = new MovableClock();
    bot = await startTestBot({ clock });
    for (const who of [PEOPLE.coach, PEOPLE.dea, PEOPLE.wctl]) await exchange(bot, who, 'help');
    bot.connector.clear();
  });
  afterEach(async () => bot.close());

  /** The booker books the first proposed time; the clock then moves past it and the meeting is held. */
  async function bookAndHold(request: SupportRequest, booker: string, extra: Record<string, unknown> = {}): Promise<SupportRequest> {
    const card = await refreshed(bot, booker, request);
    const slot = choiceValues(card, 'slot')[0]!;
    await invokeAs(bot, booker, 'booking.book', { requestId: request.id, version: request.version, slot, durationMinutes: '60', mode: 'face_to_face', ...extra });
    await settle(bot);
    expect((await current(bot, request.id)).status).toBe('booked');
    clock.offsetMs = new Date(slot).getTime() + 2 * 3_600_000 - Date.now();
    await bot.app.jobs.markEndedMeetings();
    await settle(bot);
    const held = await current(bot, request.id);
    expect(held.status).toBe('held');
    return held;
  }

  it('lets the work coach say a case conference did not take place: the DEA is told in a line and books it again from the same request', async () => {
    const request = await acceptedRequest(bot, 'case_conference');
    const held = await bookAndHold(request, PEOPLE.dea);
    const diaryEntries = await bot.app.dataSource.getRepository('CalendarEvent').count();
    expect(diaryEntries).toBe(2);

    // The coach records the outcome (seed §15), so the coach may say it did not take place; the DEA may not.
    const coachCard = await refreshed(bot, PEOPLE.coach, held);
    expect(cardVerbs(coachCard)).toEqual(expect.arrayContaining(['outcome.record', 'outcome.notHeld']));
    expect(cardText(coachCard)).toContain('Your action: record the outcome of the meeting, or that it did not take place.');
    // No claimant at a case conference: only the reasons that fit.
    expect(choiceValues(coachCard, 'notHeldReason')).toEqual(['coach_could_not_attend', 'other']);
    expect(cardVerbs(await refreshed(bot, PEOPLE.dea, held))).not.toContain('outcome.notHeld');
    const byDea = await invokeAs(bot, PEOPLE.dea, 'outcome.notHeld', { requestId: held.id, version: held.version, notHeldReason: 'other' });
    expect(cardText(byDea.card)).toContain('The work coach who made the request records the outcome of this meeting.');

    // Refused without a reason, with the words typed kept.
    const noReason = await invokeAs(bot, PEOPLE.coach, 'outcome.notHeld', { requestId: held.id, version: held.version, notHeldNote: 'Off sick all week.' });
    expect(cardText(noReason.card)).toContain('Choose why it did not take place.');
    expect(inputValue(noReason.card, 'notHeldNote')).toBe('Off sick all week.');
    expect((await current(bot, held.id)).status).toBe('held');

    bot.connector.clear();
    const answer = await invokeAs(bot, PEOPLE.coach, 'outcome.notHeld', { requestId: held.id, version: held.version, notHeldReason: 'coach_could_not_attend', notHeldNote: 'Off sick all week.' });
    expect(cardText(answer.card)).toContain('Recorded that it did not take place: it is to be booked again. The other person has been told.');
    await settle(bot);
    const back = await current(bot, held.id);
    expect(back.status).toBe('accepted');
    // The request's trail says so, with the reason and the words.
    expect(back.messages.at(-1)?.text).toMatch(/did not take place: the work coach could not attend\. Off sick all week\.$/);
    // The booking is ended; its diary entries, in the past, are left as they are.
    expect(await bookingStatuses(bot)).toEqual(['cancelled']);
    expect(await bot.app.dataSource.getRepository('CalendarEvent').count()).toBe(diaryEntries);
    // No outcome was recorded and nothing was started.
    expect(await bot.app.dataSource.getRepository('MeetingRecord').count()).toBe(0);
    expect(await new SqlSupportRequestStore(bot.app.dataSource).findByNumber(2)).toBeNull();

    // The DEA, who has the card already, is told in one line, with no claimant details; their card offers the booking.
    const lines = linesTo(bot, PEOPLE.dea);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^DEA-000001: Amira Shah recorded that the case conference did not take place\. It needs booking again\./);
    expect(lines[0]).not.toMatch(/Zebedee|AB ?12 ?34 ?56 ?C|agoraphobia|sick/i);
    const deaCard = await refreshed(bot, PEOPLE.dea, back);
    expect(cardVerbs(deaCard)).toContain('booking.book');
    expect(cardText(deaCard)).toContain('Your action: book the conference.');
    expect(cardVerbs(deaCard)).not.toContain('outcome.record');
    // The meeting that did not take place is not among the DEA's meetings.
    expect(visibleText(await exchange(bot, PEOPLE.dea, 'meetings'))).not.toContain('DEA-000001');

    // Booked again from the same request, with the same people; held; and its outcome recorded as usual.
    const heldAgain = await bookAndHold(back, PEOPLE.dea);
    expect(await bookingStatuses(bot)).toEqual(['cancelled', 'booked']);
    const recorded = await invokeAs(bot, PEOPLE.coach, 'outcome.record', { requestId: heldAgain.id, version: heldAgain.version, actions: 'Use a quiet room.', nextSteps: 'no_further_support' });
    expect(cardText(recorded.card)).toContain('Outcome recorded.');
    expect((await current(bot, held.id)).status).toBe('outcome_recorded');
  });

  it("does not count a claimant support intervention the claimant did not attend among the claimant's three (seed §36)", async () => {
    // Two interventions the claimant had.
    for (let i = 0; i < 2; i++) await pastIntervention(bot);
    // A third, booked by the DEA, that the claimant did not come to.
    const third = await acceptedRequest(bot, 'claimant_support_intervention');
    await invokeAs(bot, PEOPLE.coach, 'consent.intervention', { requestId: third.id, version: third.version, confirmed: ALL_PRECONDITIONS });
    const held = await bookAndHold(await current(bot, third.id), PEOPLE.dea, { claimantContact: 'phone' });
    const deaCard = await refreshed(bot, PEOPLE.dea, held);
    expect(choiceValues(deaCard, 'notHeldReason')).toEqual(['claimant_did_not_attend', 'other']);
    expect(JSON.stringify(deaCard)).toContain("this does not count as one of the claimant's interventions");
    expect(cardVerbs(await refreshed(bot, PEOPLE.coach, held))).not.toContain('outcome.notHeld');
    bot.connector.clear();
    await invokeAs(bot, PEOPLE.dea, 'outcome.notHeld', { requestId: held.id, version: held.version, notHeldReason: 'claimant_did_not_attend' });
    await settle(bot);
    expect((await current(bot, held.id)).status).toBe('accepted');
    const toCoach = linesTo(bot, PEOPLE.coach);
    expect(toCoach).toHaveLength(1);
    expect(toCoach[0]).toContain('Dana Morgan recorded that the claimant support intervention did not take place. It needs booking again.');
    expect(toCoach[0]).not.toMatch(/Zebedee|AB ?12 ?34 ?56 ?C|agoraphobia/i);

    // Another intervention for the claimant is their 3rd, not a 4th: no team leader needed.
    const another = await acceptedRequest(bot, 'claimant_support_intervention');
    await invokeAs(bot, PEOPLE.coach, 'consent.intervention', { requestId: another.id, version: another.version, confirmed: ALL_PRECONDITIONS });
    const anotherCard = await refreshed(bot, PEOPLE.dea, await current(bot, another.id));
    expect(cardVerbs(anotherCard)).toContain('booking.book');
    expect(cardVerbs(anotherCard)).not.toContain('intervention.askOverride');

    // The one that did not take place is booked again as it was (no team leader either), and then counts.
    const back = await current(bot, held.id);
    const again = await refreshed(bot, PEOPLE.dea, back);
    expect(cardVerbs(again)).toContain('booking.book');
    await invokeAs(bot, PEOPLE.dea, 'booking.book', { requestId: back.id, version: back.version, slot: choiceValues(again, 'slot')[0], durationMinutes: '60', mode: 'face_to_face', claimantContact: 'phone' });
    await settle(bot);
    expect((await current(bot, held.id)).status).toBe('booked');
    expect(cardText(await refreshed(bot, PEOPLE.dea, await current(bot, another.id)))).toContain('The claimant has had 3 DEA claimant support interventions: a 4th needs');
  });
});
