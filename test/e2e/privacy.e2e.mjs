/* global performance */
// The data protection lead asks, in the Agents Playground, for everything held about a claimant.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cardCount, invokeBotAs, openChat, openPlayground, say, screenshot, startPlayground, step, waitForCard, withBotAndBrowser } from './harness.mjs';

const REQUEST = {
  surname: 'Zebedee', nino: 'AB123456C', benefit: 'UC', healthCondition: 'yes', wcaStatus: 'had', wcaSummary: 'Limited capability for work',
  background: 'Has not worked for two years', conditions: 'Chronic back pain and anxiety', adviceTypes: 'adjustments', channel: 'telephone',
  complex: 'false', when: 'booked', consent: 'true', gpConsent: 'yes',
};

describe('subject access in the personal chat', { timeout: 180_000 }, () => {
  const ctx = withBotAndBrowser();

  test('the data protection lead types "subject access", enters a NINO and gets the document and its data', { timeout: 150_000 }, async (t) => {
    const { bot, browser } = ctx;
    const start = performance.now();
    const playground = await startPlayground({ bot, as: 'playground/data-protection-lead.m365agentsplayground.yml' });
    assert.equal(playground.currentUser.name, 'Priya Raman');
    // A coach asks for Specialist Advice, so something is held.
    const asked = await invokeBotAs(bot, playground, 'Amira Shah', { verb: 'advice.request', data: REQUEST });
    assert.match(JSON.stringify(asked.body), /SA-000001/);
    step(t, start, 'a conversation is held about the claimant');

    const page = await openPlayground(browser, playground);
    await openChat(page, 'Personal Chat');
    let before = await cardCount(page);
    await say(page, 'help');
    const help = await waitForCard(page, 'What you can do, Priya', { after: before });
    assert.match(await help.innerText(), /subject access/);

    before = await cardCount(page);
    await say(page, 'subject access');
    const form = await waitForCard(page, 'Subject access request', { after: before });
    await form.getByLabel('National Insurance number').click();
    await page.keyboard.type('AB 12 34 56 C');
    before = await cardCount(page);
    await form.getByRole('button', { name: 'Get the information' }).click();
    const answer = await waitForCard(page, 'Information held about the claimant', { after: before });
    const text = await answer.innerText();
    assert.match(text, /SA-000001/);
    assert.match(text, /Zebedee/);
    assert.match(text, /Chronic back pain and anxiety/);
    await screenshot(page, 'privacy-01-subject-access');
    step(t, start, 'document shown');
    // The same as data opens on the card.
    await answer.getByRole('button', { name: 'Show the same as data (JSON)' }).click();
    await answer.getByText('"cases":[').waitFor({ state: 'visible' });
    assert.match(await answer.innerText(), /"SA-000001"/);
    await answer.getByText('"cases":[').scrollIntoViewIfNeeded();
    await screenshot(page, 'privacy-02-subject-access-json');
    step(t, start, 'JSON shown');
  });
});
