/* global performance */
// An HCP's supporting activity and weekly note through the cards of two playgrounds: Helen Okoro (HCP)
// records a presentation she gave and submits her weekly note, drafted from her week; Mark Ellis (HCP
// Activity Manager) gets the note as a card and accepts it; Helen is told, and Mark sees the week.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ROOT, cardCount, clockAhead, messageCount, openChat, openPlayground, say, screenshot, startPlayground, step, waitForCard, waitForReply, withBotAndBrowser } from './harness.mjs';
import { actionButton, cardJsonText, cardOf, executeAndReadAnswer, londonWallClock, typeDate, typeInto } from './card-inputs.mjs';

const require = createRequire(import.meta.url);
const MANAGER_CONFIG = path.join(ROOT, 'playground', 'activity-manager.m365agentsplayground.yml');
const { isWorkingDay } = require(path.join(ROOT, 'dist', 'domain', 'hcp-activity', 'rules.js'));
const { addDays } = require(path.join(ROOT, 'dist', 'domain', 'calendar', 'london-time.js'));

/**
 * HCPs work 08:30 to 17:00 on working days, and activity is recorded once it has started. So the bot
 * runs with its clock at the first half hour from now that is on a working day between 10:30 and
 * 15:30 in London (now, when it is): "an hour and a half ago" is then in Helen's working day. The
 * test reads the time as the bot does (`botNow`); Chromium keeps the real clock.
 */
function workingHourAhead() {
  for (let halfHours = 0; halfHours < 14 * 48; halfHours++) {
    const { date, time } = londonWallClock(new Date(Date.now() + halfHours * 1_800_000));
    if (isWorkingDay(date, 'england-and-wales') && time >= '10:30' && time <= '15:30') return halfHours * 1_800;
  }
  throw new Error('No working day in the next two weeks');
}
const AHEAD_SECONDS = workingHourAhead();
const botNow = () => new Date(Date.now() + AHEAD_SECONDS * 1000);

describe('an HCP’s supporting activity and weekly note, accepted by the activity manager', { timeout: 300_000 }, () => {
  const ctx = withBotAndBrowser({ botEnv: AHEAD_SECONDS ? clockAhead(AHEAD_SECONDS) : {} });

  test('Helen records a presentation and submits her weekly note; Mark accepts it', { timeout: 240_000 }, async (t) => {
    const { bot, browser } = ctx;
    const start = performance.now();
    const hcp = await startPlayground({ bot, as: 'hcp' });
    const manager = await startPlayground({ bot, as: MANAGER_CONFIG });
    assert.equal(manager.currentUser.name, 'Mark Ellis');
    const helen = await openPlayground(browser, hcp);
    const mark = await openPlayground(browser, manager);
    await openChat(helen, 'Personal Chat');
    await openChat(mark, 'Personal Chat');
    step(t, start, `playgrounds: Helen on ${hcp.url}, Mark on ${manager.url}`);

    // 1. Helen's activity card: today, her free time, and what to do.
    let mark_ = await cardCount(helen);
    await say(helen, 'activity');
    const card = await waitForCard(helen, 'Your supporting activity', { after: mark_ });
    assert.match(await card.innerText(), /Free today/);
    await screenshot(helen, 'hcp-activity-01-helen-activity');

    // 2. She records a presentation she gave earlier today, from an hour and a half ago to an hour ago.
    const now = londonWallClock(new Date(botNow().getTime() - 90 * 60_000));
    const later = londonWallClock(new Date(botNow().getTime() - 60 * 60_000));
    await actionButton(card, 'Record an activity').click();
    await card.getByRole('radio', { name: 'Presentation to a team or office', exact: true }).check();
    await typeInto(helen, card.getByRole('textbox', { name: 'Start time', exact: true }), now.time);
    await typeInto(helen, card.getByRole('textbox', { name: 'End time', exact: true }), later.time);
    await typeInto(helen, card.getByRole('textbox', { name: 'Who took part', exact: true }), 'Crawley work coaches');
    await typeInto(helen, card.getByRole('textbox', { name: 'Short note of what was covered', exact: true }), 'Back pain and work: adjustments that help.');
    await screenshot(helen, 'hcp-activity-02-helen-record-form');
    const recorded = await executeAndReadAnswer(helen, actionButton(card, 'Record'), 'hcp.record');
    assert.ok(cardJsonText(recorded).includes('It goes into your weekly note.'), cardJsonText(recorded));
    await screenshot(helen, 'hcp-activity-03-helen-recorded');
    step(t, start, 'Helen recorded a presentation');

    // 3. Her weekly note is drafted from the week; she submits it.
    const recordedCard = cardOf(await waitForReply(helen, 'It goes into your weekly note.'));
    const note = await executeAndReadAnswer(helen, actionButton(recordedCard, 'Weekly note'), 'hcp.note');
    const draft = cardJsonText(note);
    assert.ok(draft.includes('Presentation to a team or office with Crawley work coaches: Back pain and work: adjustments that help.'), draft);
    const noteCard = cardOf(await waitForReply(helen, 'Your weekly note'));
    await screenshot(helen, 'hcp-activity-04-helen-weekly-note');
    const markMessages = await messageCount(mark);
    const submitted = cardJsonText(await executeAndReadAnswer(helen, actionButton(noteCard, 'Submit to my activity manager'), 'hcp.noteSubmit'));
    assert.ok(submitted.includes('Submitted to your activity manager.'), submitted);
    await screenshot(helen, 'hcp-activity-05-helen-submitted');
    step(t, start, 'Helen submitted her weekly note');

    // 4. Mark gets the note as a card and accepts it.
    const review = cardOf(await waitForReply(mark, 'Helen Okoro’s weekly note', { after: markMessages }));
    assert.match(await review.innerText(), /accept it or ask for a change/);
    await screenshot(mark, 'hcp-activity-06-mark-review');
    const helenMessages = await messageCount(helen);
    const accepted = cardJsonText(await executeAndReadAnswer(mark, actionButton(review, 'Accept'), 'hcp.noteAccept'));
    assert.ok(accepted.includes('Accepted. The HCP is told.'), accepted);
    await screenshot(mark, 'hcp-activity-07-mark-accepted');
    step(t, start, 'Mark accepted the note');

    // 5. Helen is told; Mark's week shows her activity and the accepted note.
    const told = cardOf(await waitForReply(helen, 'the note is accepted', { after: helenMessages }));
    await told.scrollIntoViewIfNeeded();
    await screenshot(helen, 'hcp-activity-08-helen-told');
    mark_ = await cardCount(mark);
    await say(mark, 'hcp week');
    const week = await waitForCard(mark, 'HCPs in Surrey and Sussex', { after: mark_ });
    const weekText = await week.innerText();
    assert.ok(weekText.includes('1 presentation to a team or office'), weekText);
    assert.ok(weekText.includes('Weekly note: accepted'), weekText);
    await screenshot(mark, 'hcp-activity-09-mark-week');
    step(t, start, 'Mark sees the week');

    // 6. Mark sets Helen a presentation on a working day of next week (this week's note is accepted, so
    // no more activity goes into this week); Helen moves it from her card.
    const mondayOf = (date) => addDays(date, -((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7));
    let on = addDays(mondayOf(londonWallClock(botNow()).date), 7);
    while (!isWorkingDay(on, 'england-and-wales')) on = addDays(on, 1);
    await actionButton(week, 'Set a work activity').click();
    await week.getByRole('radio', { name: 'Helen Okoro', exact: true }).check();
    await week.getByRole('radio', { name: 'Presentation to a team or office', exact: true }).check();
    await typeDate(mark, week.getByRole('combobox', { name: /Date/ }).first(), on);
    await typeInto(mark, week.getByRole('textbox', { name: 'Start time', exact: true }), '10:00');
    await typeInto(mark, week.getByRole('textbox', { name: 'End time', exact: true }), '11:00');
    await week.getByRole('radio', { name: /Crawley/ }).first().check();
    await typeInto(mark, week.getByRole('textbox', { name: 'What it is for', exact: true }), 'Mental health and work, for the Crawley team');
    const helenBefore = await messageCount(helen);
    const set = cardJsonText(await executeAndReadAnswer(mark, actionButton(week, 'Set it and tell the HCP'), 'hcp.setActivity'));
    assert.ok(set.includes('It goes into their diary, and they are told.'), set);
    const planned = cardOf(await waitForReply(helen, 'Presentation to a team or office', { after: helenBefore }));
    assert.match(await planned.innerText(), /Nothing for you to do now: it is on/);
    // "Move it" is a secondary action: under "…" (More options), in the menu it opens.
    await planned.getByRole('button', { name: 'More options' }).click();
    await helen.getByRole('menuitem', { name: 'Move it' }).click();
    const moveStart = planned.getByRole('textbox', { name: 'Start time', exact: true });
    await moveStart.waitFor({ state: 'visible' });
    await typeInto(helen, moveStart, '11:00');
    await typeInto(helen, planned.getByRole('textbox', { name: 'End time', exact: true }), '12:00');
    await planned.getByText('Not over a booked conversation', { exact: false }).scrollIntoViewIfNeeded();
    await screenshot(helen, 'hcp-activity-10-helen-move-form');
    const moved = cardJsonText(await executeAndReadAnswer(helen, actionButton(planned, 'Move it and tell them'), 'hcp.move'));
    assert.ok(moved.includes('Moved. The diaries are being changed and the others in it are told.'), moved);
    assert.ok(moved.includes('11:00–12:00'), moved);
    await screenshot(helen, 'hcp-activity-11-helen-moved');
    step(t, start, 'Helen moved a planned presentation');
  });
});
