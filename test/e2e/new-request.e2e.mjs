/* global performance */
// The work coach asks her DEA for One to One Skill Support through the cards in the Agents
// Playground, sends it, and finds it in "my requests".
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  cardButton,
  cardCount,
  launchBrowser,
  openChat,
  openPlayground,
  say,
  screenshot,
  startBot,
  startPlayground,
  step,
  stopAll,
  waitForCard,
} from './harness.mjs';

/**
 * A card's action button (a real <button>), by title. cardButton alone can be ambiguous: a choice card's
 * option is also a selectable container (role=button) with the same name as its button.
 */
function actionButton(card, title) {
  return cardButton(card, title).and(card.locator('button'));
}

/** Today plus `days`, as YYYY-MM-DD in local time (the bot and the browser share this machine's clock). */
function isoDatePlus(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Types into a text input or textarea of a card: click, then the keyboard (fill() sometimes missed the submitted data). */
async function typeInto(page, input, text) {
  await input.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

/** The bot's wording of a YYYY-MM-DD date (as describeDate in domain/requests/calendar-date.ts), e.g. "Monday 7 December 2026". */
function describeDate(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
    .format(new Date(Date.UTC(y, m - 1, d)))
    .replace(',', '');
}

/**
 * Enters a YYYY-MM-DD date into a card's Input.Date. The playground's Adaptive Cards renderer does
 * not draw a native <input type="date">: it is a Fluent UI DatePicker, a text box (role=combobox,
 * placeholder "Select a date...") with a calendar popup and allowTextInput. The typed text is read
 * with Date.parse when the field loses focus, so type it as MM/DD/YYYY (parsed in local time; an ISO
 * string would be parsed as UTC midnight, the day before west of Greenwich).
 */
async function typeDate(page, input, iso) {
  const [year, month, day] = iso.split('-');
  // Focus, not click: a click opens the calendar popup, which then takes the keystrokes.
  await input.focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(`${month}/${day}/${year}`);
  await page.keyboard.press('Tab'); // leaving the field parses the text
  // The picker shows the parsed date reformatted (not the typed text); it must be the same day.
  const expected = new Date(Number(year), Number(month) - 1, Number(day));
  await page.waitForFunction(
    ({ el, expected }) => el.value !== '' && new Date(el.value).toDateString() === expected,
    { el: await input.elementHandle(), expected: expected.toDateString() },
    { timeout: 5000, polling: 100 },
  );
}

describe('new request in the personal chat', { timeout: 240_000 }, () => {
  let bot;
  let browser;

  before(async () => {
    const start = performance.now();
    browser = await launchBrowser();
    bot = await startBot();
    step(null, start, `bot healthy on ${bot.url}, data in ${bot.dataDir}`);
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await stopAll();
    await bot?.stop().catch(() => {});
  });

  test('the work coach asks Dana Morgan for One to One Skill Support and sees it in "my requests"', { timeout: 180_000 }, async (t) => {
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
