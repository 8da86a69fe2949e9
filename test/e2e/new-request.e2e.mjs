/* global performance */
// The work coach asks her DEA for One to One Skill Support through the cards in the Agents
// Playground, sends it, and finds it in "my requests".
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  cardCount,
  openChat,
  openPlayground,
  say,
  screenshot,
  startPlayground,
  step,
  waitForCard,
  withBotAndBrowser,
} from './harness.mjs';
import { actionButton, describeDate, isoDatePlus, typeDate, typeInto } from './card-inputs.mjs';

describe('new request in the personal chat', { timeout: 240_000 }, () => {
  const ctx = withBotAndBrowser();

  test('the work coach asks Dana Morgan for One to One Skill Support and sees it in "my requests"', { timeout: 180_000 }, async (t) => {
    const { bot, browser } = ctx;
    const start = performance.now();
    const playground = await startPlayground({ bot });
    assert.equal(playground.currentUser.name, 'Amira Shah');
    const page = await openPlayground(browser, playground);
    await openChat(page, 'Personal Chat');
    await screenshot(page, 'new-request-01-personal-chat');
    step(t, start, `playground (Amira Shah) on ${playground.url}, personal chat open`);

    // 1. "new request": which kind of support.
    let mark = await cardCount(page);
    await say(page, 'new request');
    const typeCard = await waitForCard(page, 'Ask Dana Morgan for support', { after: mark });
    assert.match(await typeCard.innerText(), /One to One Claimant Support/);
    await screenshot(page, 'new-request-02-type-card');
    step(t, start, 'type card shown');

    // 2. One to One Skill Support: the form.
    mark = await cardCount(page);
    await actionButton(typeCard, 'One to One Skill Support').click();
    const form = await waitForCard(page, 'Brief description of the support you need', { after: mark });
    const formText = await form.innerText();
    assert.match(formText, /One to One Skill Support/);
    assert.match(formText, /Required response date/);
    for (const topic of ['Retention', 'Reasonable adjustments', 'Disability-specific information', 'Something else']) {
      await form.getByRole('radio', { name: topic, exact: true }).waitFor({ state: 'visible' });
    }
    await screenshot(page, 'new-request-03-form');
    step(t, start, 'form card shown');

    const requiredBy = isoDatePlus(14);
    await form.getByRole('radio', { name: 'Reasonable adjustments', exact: true }).click();
    assert.equal(await form.getByRole('radio', { name: 'Reasonable adjustments', exact: true }).isChecked(), true);
    await typeInto(page, form.locator('textarea').first(), 'How to set up a workplace needs assessment for a colleague returning after surgery.');
    await typeDate(page, form.getByRole('combobox').first(), requiredBy);
    await screenshot(page, 'new-request-04-form-filled');

    // 3. Continue: the summary.
    mark = await cardCount(page);
    await actionButton(form, 'Continue').click();
    const summary = await waitForCard(page, 'Check your request to Dana Morgan', { after: mark });
    const summaryText = await summary.innerText();
    assert.match(summaryText, /Reasonable adjustments/);
    assert.match(summaryText, /workplace needs assessment/);
    assert.ok(summaryText.includes(describeDate(requiredBy)), `the summary shows ${describeDate(requiredBy)}: ${summaryText}`);
    for (const title of ['Send to Dana Morgan', 'Edit', 'Cancel']) await actionButton(summary, title).waitFor({ state: 'visible' });
    await screenshot(page, 'new-request-05-summary');
    step(t, start, 'summary card shown');

    // 4. Send: the confirmation with its reference.
    mark = await cardCount(page);
    await actionButton(summary, 'Send to Dana Morgan').click();
    const sent = await waitForCard(page, 'Sent to Dana Morgan: DEA-000001', { after: mark });
    const sentText = await sent.innerText();
    assert.match(sentText, /For your records/);
    assert.match(sentText, /DEA Support Request DEA-000001 \(One to One Skill Support\) sent to DEA Dana Morgan/);
    assert.ok(sentText.includes(`Response needed by ${describeDate(requiredBy)}`), sentText);
    await screenshot(page, 'new-request-06-sent');
    step(t, start, 'confirmation card shown');

    // 5. "my requests" lists it.
    mark = await cardCount(page);
    await say(page, 'my requests');
    const list = await waitForCard(page, 'Your requests', { after: mark });
    await list.getByText('DEA-000001').first().waitFor({ state: 'visible' });
    assert.match(await list.innerText(), /DEA-000001/);
    await screenshot(page, 'new-request-07-my-requests');
    step(t, start, 'my requests card lists DEA-000001');
  });
});
