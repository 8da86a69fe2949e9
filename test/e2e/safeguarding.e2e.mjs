/* global performance */
// The work coach records that a claimant declared an intention to attempt suicide or self harm:
// the card that comes first names the 6 point plan, and nothing of its own beyond 999.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cardCount, openChat, openPlayground, say, screenshot, startPlayground, step, waitForCard, withBotAndBrowser } from './harness.mjs';
import { actionButton, choiceCheckbox, isoDatePlus, typeDate, typeInto } from './card-inputs.mjs';

describe('a safeguarding declaration', { timeout: 240_000 }, () => {
  const ctx = withBotAndBrowser();

  test('the coach ticks the declaration and is shown the 6 point plan first', { timeout: 180_000 }, async (t) => {
    const { bot, browser } = ctx;
    const start = performance.now();
    const playground = await startPlayground({ bot });
    const page = await openPlayground(browser, playground);
    await openChat(page, 'Personal Chat');

    let mark = await cardCount(page);
    await say(page, 'new request');
    const typeCard = await waitForCard(page, 'Ask Dana Morgan for support', { after: mark });
    mark = await cardCount(page);
    await actionButton(typeCard, 'One to One Claimant Support').click();
    const form = await waitForCard(page, 'Why DEA support is needed', { after: mark });
    await typeInto(page, form.getByRole('textbox', { name: /surname/ }).first(), 'Zebedee');
    await typeInto(page, form.getByRole('textbox', { name: /National Insurance number/ }).first(), 'AB123456C');
    await choiceCheckbox(form, 'Universal Credit (UC)').check();
    await typeInto(page, form.locator('textarea').nth(0), 'Finds busy places hard.');
    await typeInto(page, form.locator('textarea').nth(1), 'Needs advice on next steps.');
    await typeDate(page, form.getByRole('combobox').first(), isoDatePlus(14));
    await choiceCheckbox(form, 'The claimant has declared an intention to attempt suicide or self harm').check();
    await screenshot(page, 'safeguarding-01-form');
    mark = await cardCount(page);
    await actionButton(form, 'Continue').click();

    const card = await waitForCard(page, 'Do this now: the claimant declared an intention to attempt suicide or self harm', { after: mark });
    const text = await card.innerText();
    // The steps are a numbered list; the 6 point plan comes first.
    assert.match(text, /marked urgent\.\s+Follow the 6 point plan now/);
    assert.match(text, /call 999/);
    assert.doesNotMatch(text, /Samaritans|Stay with/);
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'safeguarding-02-card');
    step(t, start, 'safeguarding card shown first');
    await waitForCard(page, 'URGENT', { after: mark });
    await screenshot(page, 'safeguarding-03-summary');
    await say(page, 'cancel');
  });
});
