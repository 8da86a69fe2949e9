/* global performance */
// A three way intervention from the claimant's consent to the outcome, through the cards of two
// playgrounds: Amira Shah (work coach) asks for claimant support, Dana Morgan (DEA) accepts it as a
// three way intervention, Amira records the consent, books it, and after it has started records the
// outcome, whose next step starts a case conference that reaches Dana.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  ROOT,
  cardCount,
  messageCount,
  openChat,
  openPlayground,
  say,
  screenshot,
  startPlayground,
  step,
  waitForCard,
  waitForReply,
  withBotAndBrowser,
} from './harness.mjs';
import { actionButton, cardJsonText, cardOf, choiceCheckbox, executeAndReadAnswer, isoDatePlus, londonWallClock, typeDate, typeInto } from './card-inputs.mjs';

const TITLE = 'DEA-000001: One to One Claimant Support';
const FOLLOW_UP_TITLE = 'DEA-000002: One to One Claimant Support';
const THREE_WAY = 'Three way intervention (work coach, DEA and claimant)';
const CASE_CONFERENCE = 'Work coach and DEA case conference';
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

/** The value shown next to a fact's label in a card's text ("Status\nBooked" or "Status: Booked"). */
function factValue(text, label) {
  const match = new RegExp(`${label}:?\\s*\\n?\\s*([^\\n]+)`).exec(text);
  return match?.[1].trim();
}

/** A radio button of a single-choice Input.ChoiceSet, by its choice's title. */
function radio(card, title) {
  return card.getByRole('radio', { name: title, exact: true });
}

/**
 * Waits until `card` (updated in place by an Action.Execute answer or a proactive update) shows
 * `text`; on failure says what it showed instead, with a screenshot.
 */
async function waitForText(page, card, text, { timeout = 30_000 } = {}) {
  try {
    await card.filter({ hasText: text }).waitFor({ state: 'visible', timeout });
  } catch (error) {
    const shown = await card.innerText().catch(() => '(card gone)');
    const shot = await screenshot(page, `FAILED-three-way-${Date.now()}`).catch(() => null);
    throw new Error(
      `The card did not show "${text}" within ${timeout / 1000} s. It shows:\n${shown}` +
        (shot ? `\nScreenshot: ${path.relative(ROOT, shot)}` : '') +
        `\n(${error.message.split('\n')[0]})`,
    );
  }
}

describe('a three way intervention from consent to outcome', { timeout: 480_000 }, () => {
  const ctx = withBotAndBrowser();

  test('Amira records consent, books, and records the outcome; Dana gets the booking and the case conference', { timeout: 420_000 }, async (t) => {
    const { bot, browser } = ctx;
    const start = performance.now();

    // 0. Both playgrounds, both personal chats open (Dana must have opened the app to be reachable).
    const coach = await startPlayground({ bot });
    const dea = await startPlayground({ bot, as: 'dea' });
    assert.equal(coach.currentUser.name, 'Amira Shah');
    assert.equal(dea.currentUser.name, 'Dana Morgan');
    const amira = await openPlayground(browser, coach);
    const dana = await openPlayground(browser, dea);
    await openChat(amira, 'Personal Chat');
    await openChat(dana, 'Personal Chat');
    await screenshot(amira, 'three-way-00-amira-chat');
    await screenshot(dana, 'three-way-00-dana-chat');
    step(t, start, `playgrounds: Amira on ${coach.url}, Dana on ${dea.url}`);

    // 1. Amira asks for One to One Claimant Support for a Universal Credit claimant.
    let mark = await cardCount(amira);
    await say(amira, 'new request');
    const typeCard = await waitForCard(amira, 'Ask Dana Morgan for support', { after: mark });
    mark = await cardCount(amira);
    await actionButton(typeCard, 'One to One Claimant Support').click();
    const form = await waitForCard(amira, "Claimant's surname", { after: mark });
    await typeInto(amira, form.getByRole('textbox', { name: "Claimant's surname", exact: true }), 'Hughes');
    await typeInto(amira, form.getByRole('textbox', { name: 'National Insurance number', exact: true }), 'AB123456C');
    await choiceCheckbox(form, 'Universal Credit (UC)').check();
    await typeInto(amira, form.getByRole('textbox', { name: "Brief description of the claimant's challenges", exact: true }), 'Anxiety and a back condition make long appointments and travel hard.');
    await typeInto(amira, form.getByRole('textbox', { name: 'Why DEA support is needed', exact: true }), 'To agree reasonable adjustments for job search with the claimant present.');
    await typeDate(amira, form.getByRole('combobox', { name: 'Required response date', exact: true }), isoDatePlus(14));
    await screenshot(amira, 'three-way-01-claimant-form');
    mark = await cardCount(amira);
    await actionButton(form, 'Continue').click();
    const summary = await waitForCard(amira, 'Check your request to Dana Morgan', { after: mark });
    assert.match(await summary.innerText(), /Universal Credit/);
    mark = await cardCount(amira);
    await actionButton(summary, 'Send to Dana Morgan').click();
    await waitForCard(amira, 'Sent to Dana Morgan: DEA-000001', { after: mark });
    await screenshot(amira, 'three-way-02-sent');
    step(t, start, 'request sent: DEA-000001');

    // 2. Dana accepts it as a three way intervention, on the card she received.
    const danaRequest = await waitForReply(dana, TITLE, { timeout: 30_000 });
    const danaCard = cardOf(danaRequest);
    await actionButton(danaCard, 'Accept').click();
    await radio(danaCard, THREE_WAY).click();
    assert.equal(await radio(danaCard, THREE_WAY).isChecked(), true);
    await screenshot(dana, 'three-way-03-dana-accept-form');
    const amiraMark = await messageCount(amira); // Amira's updated card must come as a new message
    const acceptAnswer = cardJsonText(await executeAndReadAnswer(dana, actionButton(danaCard, 'Accept with this type of support'), 'request.accept'));
    assert.ok(acceptAnswer.includes('Accepted. The work coach has been told.'), acceptAnswer);
    // The answer replaces the card in place: its accept form is gone.
    await actionButton(danaCard, 'Accept with this type of support').waitFor({ state: 'hidden' });
    const danaAccepted = await danaCard.innerText();
    assert.equal(factValue(danaAccepted, 'Status'), 'Accepted', danaAccepted);
    assert.equal(factValue(danaAccepted, 'Type of support'), THREE_WAY, danaAccepted);
    await screenshot(dana, 'three-way-04-dana-accepted');
    step(t, start, 'Dana accepted it as a three way intervention');

    // 3. Amira gets the card as a new message (she must act): she records the claimant's consent.
    const amiraRequest = await waitForReply(amira, "Record the claimant's consent", { after: amiraMark });
    const card = cardOf(amiraRequest);
    const acceptedText = await card.innerText();
    assert.ok(acceptedText.includes(TITLE), acceptedText);
    assert.equal(factValue(acceptedText, 'Status'), 'Accepted', acceptedText);
    await actionButton(card, "Record the claimant's consent").click();
    // Universal Credit carries conditionality: Mandatory is preselected; the coach confirms it.
    const mandatory = radio(card, 'Mandatory: normal conditionality applies');
    await mandatory.waitFor({ state: 'visible' });
    assert.equal(await mandatory.isChecked(), true, 'Mandatory is preselected for a Universal Credit claimant');
    await mandatory.check();
    for (const statement of [
      "I explained the DEA's role",
      "I explained why the DEA's participation may help the claimant",
      'The claimant understands the consequences of failing to attend (mandatory only)',
    ]) {
      await choiceCheckbox(card, statement).check();
    }
    await radio(card, 'Agreed to a three way intervention').check();
    // Every weekday half day, so that the claimant's availability never rules a time out.
    for (const day of WEEKDAYS) {
      await choiceCheckbox(card, `${day} morning`).check();
      await choiceCheckbox(card, `${day} afternoon`).check();
    }
    await radio(card, 'Large print').check();
    await screenshot(amira, 'three-way-05-consent-form');
    const consentAnswer = cardJsonText(await executeAndReadAnswer(amira, actionButton(card, 'Record consent'), 'consent.threeWay'));
    assert.ok(consentAnswer.includes('Consent recorded. Next: book the three way intervention.'), consentAnswer);
    // The consent is a detail: behind "Show details", which opens on the card.
    await waitForText(amira, card, 'Your action: book the three way intervention.');
    await actionButton(card, 'Show details').click();
    await waitForText(amira, card, 'Agreed (mandatory)');
    const consentText = await card.innerText();
    const details = consentText.slice(consentText.indexOf('\nDetails'));
    assert.equal(factValue(details, 'Consent'), 'Agreed (mandatory)', consentText);
    assert.equal(factValue(details, 'Letters'), 'Large print', consentText);
    // The clicked copy is left to the answer: its note stays on screen.
    assert.ok(consentText.includes('Consent recorded.'), consentText);
    await actionButton(card, 'Book the three way intervention').scrollIntoViewIfNeeded();
    await screenshot(amira, 'three-way-06-consent-recorded');
    step(t, start, 'consent recorded');

    // 4. Amira books a time she types (not a proposal, which is days away): about 2 minutes from now
    //    on the London clock, so that the meeting starts within the test. HH:MM has no seconds: the
    //    start is rounded to the nearest minute, 90 to 150 s ahead, so it is still ahead at the click.
    await actionButton(card, 'Book the three way intervention').click();
    const startsAt = new Date(Math.round((Date.now() + 120_000) / 60_000) * 60_000);
    const { date, time } = londonWallClock(startsAt);
    await typeDate(amira, card.getByRole('combobox', { name: 'Date', exact: true }), date);
    await typeInto(amira, card.getByRole('textbox', { name: 'Start time (24-hour, e.g. 14:30)', exact: true }), time);
    await radio(card, '30 minutes').check();
    await radio(card, 'Face to face').check();
    await screenshot(amira, 'three-way-07-booking-form');
    const danaMark = await messageCount(dana); // Dana is told of the booking in a new message
    // A typed time is checked like a proposed one: "now" is outside working hours on some days and too
    // soon for the claimant's letter, so the card asks why; a reason books it all the same.
    let bookAnswer = cardJsonText(await executeAndReadAnswer(amira, actionButton(card, 'Book in both diaries'), 'booking.book'));
    if (bookAnswer.includes('may not work')) {
      assert.ok(bookAnswer.includes('What you typed is kept below.'), bookAnswer);
      await screenshot(amira, 'three-way-07b-typed-time-questioned');
      await typeInto(amira, card.getByRole('textbox', { name: /Why book this time all the same/ }), 'The claimant is in the jobcentre now and agreed to meet today.');
      bookAnswer = cardJsonText(await executeAndReadAnswer(amira, actionButton(card, 'Book in both diaries'), 'booking.book'));
    }
    assert.ok(bookAnswer.includes('Booking it in the diaries'), bookAnswer);
    // The diaries are written after the click is answered; the card is updated when it is done.
    await waitForText(amira, card, 'Letter to the claimant');
    const bookedText = await card.innerText();
    assert.equal(factValue(bookedText, 'Status'), 'Booked', bookedText);
    assert.equal(factValue(bookedText, "How you'll meet"), 'Face to face', bookedText);
    assert.ok(bookedText.includes('Your action: send the claimant the letter below.'), bookedText);
    assert.ok(bookedText.includes('Send this letter in large print'), bookedText);
    assert.ok(bookedText.includes('You must attend this appointment'), bookedText);
    await screenshot(amira, 'three-way-08-booked-letter');
    step(t, start, `booked for ${date} ${time} (London); Amira's card shows the letter`);

    // Dana already has the request's card: she is told in a line, and her card is updated in place.
    const danaLine = await waitForReply(dana, 'Amira Shah booked the three way intervention', { after: danaMark });
    assert.match(await danaLine.innerText(), /DEA-000001: Amira Shah booked the three way intervention: \w+ \d+ \w+ \d{4}, \d\d:\d\d to \d\d:\d\d\./);
    assert.equal(await cardOf(danaLine).count(), 0, 'the line is not another copy of the card');
    const danaBooked = await waitForCard(dana, 'Nothing for you to do now: the meeting is booked.');
    const danaBookedText = await danaBooked.innerText();
    assert.equal(factValue(danaBookedText, 'Status'), 'Booked', danaBookedText);
    await danaLine.scrollIntoViewIfNeeded();
    await screenshot(dana, 'three-way-09-dana-booked');
    step(t, start, 'Dana got a line, and her card shows: Booked');

    // 5. The outcome can be recorded once the meeting has started: wait for its start (the only wait).
    const waitUntil = startsAt.getTime() + 1000;
    assert.ok(waitUntil - Date.now() < 200_000, `the meeting starts within ~3 minutes (at ${startsAt.toISOString()})`);
    while (Date.now() < waitUntil) await amira.waitForTimeout(Math.min(1000, waitUntil - Date.now()));
    step(t, start, 'the meeting has started');

    let amiraMsgs = await messageCount(amira);
    await say(amira, 'my requests');
    const list = cardOf(await waitForReply(amira, 'Your requests', { after: amiraMsgs }));
    amiraMsgs = await messageCount(amira);
    await actionButton(list, 'Open DEA-000001').click();
    const fresh = cardOf(await waitForReply(amira, TITLE, { after: amiraMsgs }));
    await screenshot(amira, 'three-way-10-opened');
    await actionButton(fresh, 'Record the outcome').click();
    await typeInto(
      amira,
      fresh.getByRole('textbox', { name: 'Outcome: actions and recommendations', exact: true }),
      'Shorter appointments agreed; the DEA will look at Access to Work for travel.',
    );
    await choiceCheckbox(fresh, CASE_CONFERENCE).check();
    await screenshot(amira, 'three-way-11-outcome-form');
    const danaMark2 = await messageCount(dana); // the case conference reaches Dana as a new message
    const outcomeAnswer = cardJsonText(await executeAndReadAnswer(amira, actionButton(fresh, 'Record outcome'), 'outcome.record'));
    assert.ok(outcomeAnswer.includes(`Outcome recorded. Started: ${CASE_CONFERENCE}: DEA-000002`), outcomeAnswer);
    assert.ok(outcomeAnswer.includes('Copy this into LMS conversations'), outcomeAnswer);
    await waitForText(amira, fresh, 'Copy this into LMS conversations');
    const outcomeText = await fresh.innerText();
    assert.equal(factValue(outcomeText, 'Status'), 'Outcome recorded', outcomeText);
    assert.ok(outcomeText.includes('Outcome recorded. Started'), outcomeText);
    await fresh.getByText('Copy this into LMS conversations').scrollIntoViewIfNeeded();
    await screenshot(amira, 'three-way-12-outcome-recorded');
    step(t, start, 'outcome recorded; DEA-000002 started');

    // 6. Dana gets the new case conference request, already accepted, for her to book.
    const conference = cardOf(await waitForReply(dana, FOLLOW_UP_TITLE, { after: danaMark2 }));
    const conferenceText = await conference.innerText();
    assert.equal(factValue(conferenceText, 'Status'), 'Accepted', conferenceText);
    assert.equal(factValue(conferenceText, 'Type of support'), CASE_CONFERENCE, conferenceText);
    await actionButton(conference, 'Book the conference').waitFor({ state: 'visible' });
    await screenshot(dana, 'three-way-13-dana-case-conference');
    step(t, start, 'Dana got DEA-000002, accepted, with "Book the conference"');
  });
});
