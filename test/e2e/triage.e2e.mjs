/* global performance */
// The DEA accepts, in her own playground, a request the work coach filed in hers; the work coach's
// card then shows the new status.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  SELECTORS,
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
import { actionButton, isoDatePlus, typeDate, typeInto } from './card-inputs.mjs';

/** Texts of the top-level cards (not the nested cards of ShowCard actions) containing `text`. */
async function topCardTexts(page, text) {
  return page.evaluate(
    ({ selector, text }) =>
      [...document.querySelectorAll(selector)]
        .filter((el) => !el.parentElement?.closest(selector))
        .map((el) => el.innerText)
        .filter((t) => t.includes(text)),
    { selector: SELECTORS.card, text },
  );
}

/** The value shown next to a fact's label in a card's text ("Status\nAccepted" or "Status: Accepted"). */
function factValue(text, label) {
  const match = new RegExp(`${label}:?\\s*\\n?\\s*([^\\n]+)`).exec(text);
  return match?.[1].trim();
}

const TITLE = 'DEA-000001: One to One Skill Support';

describe('the DEA accepts a request filed by the work coach', { timeout: 300_000 }, () => {
  const ctx = withBotAndBrowser();

  test('Dana Morgan accepts DEA-000001 and Amira Shah sees "Accepted"', { timeout: 240_000 }, async (t) => {
    const { bot, browser } = ctx;
    const start = performance.now();

    // 1. Both playgrounds, both personal chats open (the DEA must have opened the app to be reachable).
    const coach = await startPlayground({ bot });
    const dea = await startPlayground({ bot, as: 'dea' });
    assert.equal(coach.currentUser.name, 'Amira Shah');
    assert.equal(dea.currentUser.name, 'Dana Morgan');
    const amira = await openPlayground(browser, coach);
    const dana = await openPlayground(browser, dea);
    await openChat(amira, 'Personal Chat');
    await openChat(dana, 'Personal Chat');
    await screenshot(amira, 'triage-01-amira-chat');
    await screenshot(dana, 'triage-01-dana-chat');
    step(t, start, `playgrounds: Amira on ${coach.url}, Dana on ${dea.url}`);

    // 2. Amira files a One to One Skill Support request.
    let mark = await cardCount(amira);
    await say(amira, 'new request');
    const typeCard = await waitForCard(amira, 'Ask Dana Morgan for support', { after: mark });
    mark = await cardCount(amira);
    await actionButton(typeCard, 'One to One Skill Support').click();
    const form = await waitForCard(amira, 'Brief description of the support you need', { after: mark });
    await form.getByRole('radio', { name: 'Reasonable adjustments', exact: true }).click();
    await typeInto(amira, form.locator('textarea').first(), 'How to set up a workplace needs assessment for a colleague returning after surgery.');
    await typeDate(amira, form.getByRole('combobox').first(), isoDatePlus(14));
    await screenshot(amira, 'triage-02-form-filled');
    mark = await cardCount(amira);
    await actionButton(form, 'Continue').click();
    const summary = await waitForCard(amira, 'Check your request to Dana Morgan', { after: mark });
    mark = await cardCount(amira);
    await actionButton(summary, 'Send to Dana Morgan').click();
    const sent = await waitForCard(amira, 'Sent to Dana Morgan: DEA-000001', { after: mark });
    await screenshot(amira, 'triage-03-sent');
    step(t, start, 'request sent: DEA-000001');

    mark = await cardCount(amira);
    await actionButton(sent, 'Open request').click();
    const amiraCard = await waitForCard(amira, TITLE, { after: mark });
    const amiraText = await amiraCard.innerText();
    assert.equal(factValue(amiraText, 'Status'), 'Waiting for the DEA', amiraText);
    assert.match(amiraText, /Nothing for you to do now: waiting for Dana Morgan to look at it\./);
    // Tag that copy so that it can be found again after an update in place.
    await amiraCard.evaluate((el) => el.setAttribute('data-e2e', 'amira-opened-copy'));
    const amiraCopies = (await topCardTexts(amira, TITLE)).length;
    await screenshot(amira, 'triage-04-amira-request-card');
    step(t, start, 'Amira\'s request card: "Waiting for the DEA"');

    // 3. The card reaches Dana proactively; she accepts it with a channel.
    const danaCard = await waitForCard(dana, TITLE, { timeout: 30_000 });
    assert.equal(factValue(await danaCard.innerText(), 'Status'), 'Waiting for the DEA');
    await screenshot(dana, 'triage-05-dana-request-card');
    step(t, start, 'request card arrived in Dana\'s chat');

    await actionButton(danaCard, 'Accept').click();
    const informational = danaCard.getByRole('radio', { name: 'Informational support only', exact: true });
    await informational.waitFor({ state: 'visible' });
    await informational.click();
    assert.equal(await informational.isChecked(), true);
    await screenshot(dana, 'triage-06-dana-accept-form');
    const danaCardsBefore = await cardCount(dana);
    await actionButton(danaCard, 'Accept with this type of support').click();
    // Action.Execute: the returned card replaces the original in place (no new message).
    const accepted = await waitForCard(dana, 'Accepted. The work coach has been told.');
    const acceptedText = await accepted.innerText();
    assert.equal(factValue(acceptedText, 'Status'), 'Accepted', acceptedText);
    assert.equal(factValue(acceptedText, 'Type of support'), 'Informational support only', acceptedText);
    assert.ok((await cardCount(dana)) <= danaCardsBefore, 'the accepted card replaced the original instead of arriving as a new message');
    assert.equal((await topCardTexts(dana, 'Waiting for the DEA')).length, 0, 'no card in Dana\'s chat still says "Waiting for the DEA"');
    await screenshot(dana, 'triage-07-dana-accepted');
    step(t, start, 'Dana\'s card replaced in place: Accepted, Informational support only');

    // 4. Amira's copies show "Accepted": the opened copy updated in place, and a new copy.
    const opened = amira.locator('[data-e2e="amira-opened-copy"]');
    await amira.waitForFunction(
      ({ title }) => {
        const el = document.querySelector('[data-e2e="amira-opened-copy"]');
        return el && el.innerText.includes(title) && !el.innerText.includes('Waiting for the DEA');
      },
      { title: TITLE },
      { timeout: 30_000, polling: 100 },
    ).catch(() => {});
    const updatedInPlace = (await opened.count()) === 1 && !(await opened.innerText()).includes('Waiting for the DEA');
    t.diagnostic(`Amira's opened copy updated in place (same DOM node): ${updatedInPlace}`);
    await amira.waitForFunction(
      ({ selector, title }) =>
        [...document.querySelectorAll(selector)].some((el) => el.innerText.includes(title) && /Status:?\s*\n?\s*Accepted/.test(el.innerText)),
      { selector: SELECTORS.card, title: TITLE },
      { timeout: 30_000, polling: 100 },
    );
    const copies = await topCardTexts(amira, TITLE);
    t.diagnostic(`Amira's chat: ${copies.length} request card(s) (was ${amiraCopies}), statuses ${JSON.stringify(copies.map((c) => factValue(c, 'Status')))}`);
    assert.ok(copies.some((c) => factValue(c, 'Status') === 'Accepted' && factValue(c, 'Type of support') === 'Informational support only'), JSON.stringify(copies));
    // No copy of the request still says "Waiting for the DEA" (the one that did was updated).
    assert.deepEqual(copies.filter((c) => c.includes('Waiting for the DEA')), [], 'a copy still says "Waiting for the DEA"');
    await (updatedInPlace ? opened : amira.locator(SELECTORS.card).filter({ hasText: TITLE }).last()).scrollIntoViewIfNeeded();
    await screenshot(amira, 'triage-08-amira-accepted');
    step(t, start, 'Amira\'s request card(s) show "Accepted"');
  });
});
