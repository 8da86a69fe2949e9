/* global performance */
// The team leader plans the DEA's group conferences in the Agents Playground: the plan's grid, a
// change beside a conference (refused, then kept open with what was typed), the booking, and moving a
// booked conference from "…" beside it.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ROOT, cardCount, openChat, openPlayground, say, screenshot, startPlayground, step, waitForCard, withBotAndBrowser } from './harness.mjs';
import { actionButton, typeInto } from './card-inputs.mjs';

const WCTL = path.join(ROOT, 'playground', 'wctl.m365agentsplayground.yml');

describe('the team leader plans group conferences', { timeout: 300_000 }, () => {
  const ctx = withBotAndBrowser();

  test('Tom Baker plans Dana Morgan’s conferences: grid, change, book', { timeout: 240_000 }, async (t) => {
    const { bot, browser } = ctx;
    const start = performance.now();
    const playground = await startPlayground({ bot, as: WCTL });
    assert.equal(playground.currentUser.name, 'Tom Baker');
    const tom = await openPlayground(browser, playground);
    await openChat(tom, 'Personal Chat');

    let mark = await cardCount(tom);
    await say(tom, 'plan group conferences');
    const startCard = await waitForCard(tom, 'Plan group conferences', { after: mark });
    await screenshot(tom, 'conferences-01-start');
    step(t, start, 'plan form shown');

    // Face to face is offered first: the jobcentre and room go in the diary entry.
    await typeInto(tom, startCard.getByRole('textbox', { name: /Jobcentre/ }).first(), 'Leeds Jobcentre');
    await typeInto(tom, startCard.getByRole('textbox', { name: /Room/ }).first(), 'Room 2');
    await actionButton(startCard, 'Find times').click();
    const plan = await waitForCard(tom, 'Group conferences for Dana Morgan: the plan', { timeout: 60_000 });
    const text = await plan.innerText();
    assert.match(text, /Your action: check the dates, change any that do not suit, then confirm and book\./);
    assert.match(text, /Group 1 \(\d+\):/);
    assert.match(text, /face to face at Leeds Jobcentre, Room 2/);
    await plan.locator('text=Dates').first().scrollIntoViewIfNeeded();
    await screenshot(tom, 'conferences-02-plan-grid');
    step(t, start, 'plan drafted: groups once, then the grid');

    // Change beside the first conference: a bad time is refused beside the field, and what was typed stays.
    await actionButton(plan, 'Change').first().click();
    const time = plan.getByRole('textbox', { name: /Start time/ }).first();
    await time.waitFor({ state: 'visible' });
    await screenshot(tom, 'conferences-03-change-open');
    await typeInto(tom, time, '25:00');
    await actionButton(plan, 'Change it').first().click();
    const refused = await waitForCard(tom, 'Enter the start time like 14:30.', { timeout: 30_000 });
    assert.match(await refused.innerText(), /What you typed is kept/);
    const kept = await refused.getByRole('textbox', { name: /Start time/ }).first().inputValue();
    assert.equal(kept, '25:00');
    await screenshot(tom, 'conferences-04-change-refused');
    step(t, start, 'a bad time refused, kept open with 25:00');

    // The same plan on a phone-sized window.
    await tom.setViewportSize({ width: 420, height: 900 });
    // The answer may be drawn again in place meanwhile: find the card afresh before scrolling it.
    await (await waitForCard(tom, 'Enter the start time like 14:30.')).locator('text=Dates').first().scrollIntoViewIfNeeded();
    await screenshot(tom, 'conferences-05-plan-narrow');
    await tom.setViewportSize({ width: 1400, height: 900 });

    mark = await cardCount(tom);
    await actionButton(await waitForCard(tom, 'Enter the start time like 14:30.'), 'Confirm and book').click();
    const booked = await waitForCard(tom, 'conferences are booked', { timeout: 90_000 });
    assert.match(await booked.innerText(), /Nothing for you to do now: the conferences are booked/);
    await screenshot(tom, 'conferences-06-booked');
    step(t, start, 'plan confirmed and booked');

    // After booking: "…" beside a conference opens its case list, Move and Cancel. The last one, months
    // ahead: the first may be later today, where a time typed for the same day could already have passed.
    await actionButton(booked, '…').last().click();
    const opened = await waitForCard(tom, 'Open the case list', { timeout: 30_000 });
    await opened.locator('text=Cancel this conference').first().scrollIntoViewIfNeeded();
    await screenshot(tom, 'conferences-07-booked-conference-open');
    await actionButton(opened, 'Move').first().click();
    const moveTime = opened.getByRole('textbox', { name: /Start time/ }).first();
    await moveTime.waitFor({ state: 'visible' });
    const was = await moveTime.inputValue();
    const to = was === '15:00' ? '15:30' : '15:00';
    await typeInto(tom, moveTime, to);
    assert.equal(await moveTime.inputValue(), to);
    await actionButton(opened, 'Move it').first().click();
    // The answer says "Moved group 3’s conference to …"; the card is then updated in place once the
    // diaries are changed ("Group 3’s conference is moved to …"): either may be on screen by now.
    const moved = await waitForCard(tom, '3’s conference ', { timeout: 30_000 });
    assert.match(await moved.innerText(), new RegExp(`(Moved group 3’s conference to|Group 3’s conference is moved to) [^.]*, ${to} to `));
    assert.match(await moved.innerText(), /conferences are booked/);
    await screenshot(tom, 'conferences-08-moved');
    step(t, start, 'a booked conference moved');
  });
});
