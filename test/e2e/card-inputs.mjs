/* Card inputs in the playground's Adaptive Cards renderer, shared by the end-to-end tests. */
import assert from 'node:assert/strict';
import { SELECTORS, cardButton } from './harness.mjs';
/**
 * A card's action button (a real <button>), by title. cardButton alone can be ambiguous: a choice card's
 * option is also a selectable container (role=button) with the same name as its button.
 */
export function actionButton(card, title) {
  return cardButton(card, title).and(card.locator('button'));
}

/** Today plus `days`, as YYYY-MM-DD in local time (the bot and the browser share this machine's clock). */
export function isoDatePlus(days) {
  const d = new Date();
  d.setDate(d.getDate() + days);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Types into a text input or textarea of a card: click, then the keyboard (fill() sometimes missed the submitted data). */
export async function typeInto(page, input, text) {
  await input.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

/** The bot's wording of a YYYY-MM-DD date (as describeDate in domain/requests/calendar-date.ts), e.g. "Monday 7 December 2026". */
export function describeDate(iso) {
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
export async function typeDate(page, input, iso) {
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

/**
 * A checkbox of a multi-select Input.ChoiceSet, by its choice's title. The renderer names each
 * checkbox "<the set's label> <the choice's title>", so the title is matched at the end of the name.
 */
export function choiceCheckbox(card, title) {
  const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return card.getByRole('checkbox', { name: new RegExp(`(^|\\s)${escaped}$`) });
}

/**
 * The London wall clock at `instant`: { date: 'YYYY-MM-DD', time: 'HH:MM' } (24-hour), as the bot
 * reads a typed date and start time (Europe/London, whatever this machine's time zone).
 */
export function londonWallClock(instant = new Date()) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** The top-level card of a bot message (its first .ac-adaptiveCard; ShowCard forms are nested in it). */
export function cardOf(message) {
  return message.locator(SELECTORS.card).first();
}

/** Every text of an Adaptive Card's JSON (text blocks, facts, action titles), one per line. */
export function cardJsonText(node) {
  if (Array.isArray(node)) return node.map(cardJsonText).filter(Boolean).join('\n');
  if (!node || typeof node !== 'object') return '';
  const own = ['text', 'title', 'value'].filter((k) => typeof node[k] === 'string').map((k) => node[k]);
  const nested = Object.entries(node)
    .filter(([k, v]) => typeof v === 'object' && k !== 'data' && k !== 'refresh')
    .map(([, v]) => cardJsonText(v));
  return [...own, ...nested].filter(Boolean).join('\n');
}

/**
 * Clicks an Action.Execute button and returns the JSON of the card the bot answered with (the
 * invoke's response, read from the playground's /_conversation/v1/invoke call). A proactive update
 * of the same card may replace what it shows a moment later, so the answer is checked from here.
 */
export async function executeAndReadAnswer(page, button, verb) {
  const answered = page.waitForResponse((r) => r.url().endsWith('/_conversation/v1/invoke') && r.request().postDataJSON()?.value?.action?.verb === verb, { timeout: 30_000 });
  await button.click();
  const response = await answered;
  const body = await response.json().catch(() => null);
  assert.equal(response.status(), 200, `${verb}: HTTP ${response.status()} ${JSON.stringify(body)}`);
  assert.equal(body?.type, 'application/vnd.microsoft.card.adaptive', `${verb}: the answer is a card: ${JSON.stringify(body)}`);
  return body.value;
}
