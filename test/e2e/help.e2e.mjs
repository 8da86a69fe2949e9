/* global performance */
// The work coach opens the bot in the Agents Playground, says "help" and sees her actions.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  cardCount,
  openChat,
  openPlayground,
  say,
  screenshot,
  sendMessageAs,
  startPlayground,
  step,
  waitForCard,
  withBotAndBrowser,
} from './harness.mjs';

describe('help in the personal chat', { timeout: 180_000 }, () => {
  const ctx = withBotAndBrowser();

  test('the work coach says "help" and gets her actions', { timeout: 120_000 }, async (t) => {
    const { bot, browser } = ctx;
    const start = performance.now();
    const playground = await startPlayground({ bot });
    assert.equal(playground.currentUser.aadObjectId, '00000000-0000-4000-8000-000000000001');
    step(t, start, `playground (Amira Shah) on ${playground.url}`);

    const page = await openPlayground(browser, playground);
    await screenshot(page, 'help-01-playground-loaded');
    step(t, start, 'playground page loaded');

    await openChat(page, 'Personal Chat');
    await screenshot(page, 'help-02-personal-chat');

    const before = await cardCount(page);
    await say(page, 'help');
    await screenshot(page, 'help-03-help-sent');

    const card = await waitForCard(page, 'What you can do, Amira', { after: before });
    step(t, start, 'help card shown');
    const text = await card.innerText();
    assert.match(text, /Ask your DEA for support/);
    assert.match(text, /Your requests/);
    assert.match(text, /Work coach/);
    // Work coach only: not the DEA's own list.
    assert.doesNotMatch(text, /Requests from your cohort/);
    await card.getByRole('button', { name: 'Ask your DEA for support' }).waitFor({ state: 'visible' });
    await screenshot(page, 'help-04-help-card');

    // A button does what typing its command does.
    const beforeClick = await cardCount(page);
    await card.getByRole('button', { name: 'Ask your DEA for support' }).click();
    await waitForCard(page, 'Ask Dana Morgan for support', { after: beforeClick });
    await screenshot(page, 'help-04b-button-clicked');
    step(t, start, 'help button "Ask your DEA for support" started a new request');
    await say(page, 'cancel');
  });

  test('a second playground acts as the DEA against the same bot', { timeout: 120_000 }, async (t) => {
    const { bot, browser } = ctx;
    const start = performance.now();
    const dea = await startPlayground({ bot, as: 'dea' });
    assert.equal(dea.currentUser.name, 'Dana Morgan');
    step(t, start, `playground (Dana Morgan) on ${dea.url}`);

    const page = await openPlayground(browser, dea);
    await openChat(page, 'Personal Chat');
    const before = await cardCount(page);
    await say(page, 'help');
    const card = await waitForCard(page, 'What you can do, Dana', { after: before });
    assert.match(await card.innerText(), /Requests from your cohort/);
    await screenshot(page, 'help-05-dea-help-card');
    step(t, start, 'DEA help card shown');

    // A message injected through the playground's custom-activity API shows in the UI too.
    const mark = await cardCount(page);
    await sendMessageAs(dea, 'Dana Morgan', 'help');
    await waitForCard(page, 'What you can do, Dana', { after: mark });
    await screenshot(page, 'help-06-dea-custom-activity');
    step(t, start, 'custom activity answered');
  });
});
