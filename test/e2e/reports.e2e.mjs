/* global performance */
// A weekly Specialist Advice report in the playground, as the HCP Activity Manager sees it: Mark
// Ellis types "report last week" and gets the card with its chart (drawn on the server) and the
// same figures as text, and opens the figures as a CSV from the card's link.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { ROOT, cardCount, launchBrowser, openChat, openPlayground, say, screenshot, startBot, startPlayground, step, stopAll, waitForCard } from './harness.mjs';

const MANAGER_CONFIG = path.join(ROOT, 'playground', 'activity-manager.m365agentsplayground.yml');

/** Monday of the week `weeksAgo` weeks before this one, London dates (the tests run in UTC). */
function mondayWeeksAgo(weeksAgo) {
  const today = new Date();
  const monday = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - ((today.getUTCDay() + 6) % 7) - 7 * weeksAgo));
  return monday.toISOString().slice(0, 10);
}

function addDays(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Conversations Helen held: 8 in the trial's first week, 11 (and 1 not attended) in the second, which is last week. */
function seedConversations(file) {
  const db = new Database(file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  try {
    const staff = (email) => db.prepare('SELECT id, jobcentreId FROM staff WHERE email = ?').get(email);
    const helen = staff('helen.okoro@hcp.example');
    const coach = db.prepare("SELECT s.id FROM staff s JOIN staff_role r ON r.staffId = s.id AND r.role = 'work_coach' WHERE s.jobcentreId = ? LIMIT 1").get(helen.jobcentreId);
    const office = db.prepare('SELECT cluster, district FROM jobcentre WHERE id = ?').get(helen.jobcentreId);
    const insert = db.prepare(
      'INSERT INTO advice_conversation (id, number, status, coachId, hcpId, contactId, jobcentreId, cluster, district, surname, nino, benefit, wcaStatus, wcaSummary, background, conditions, adviceTypes, channel, complex, adHoc, consentAgreed, gpConsent, consentById, consentAt, startsAt, endsAt, prepStartsAt, timesMoved, packReadyAt, preparedAt, heldAt, returnedAt, returnConfirmedAt, findings, diaryEvents, version, createdAt, updatedAt) ' +
        "VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, 'Fixture', 'AB123456C', 'UC', 'had', NULL, 'Fixture', 'Fixture', ?, ?, 0, 0, 1, 0, ?, ?, ?, ?, NULL, 0, NULL, NULL, ?, NULL, NULL, 'none', '[]', 1, ?, ?)",
    );
    const at = (date, hour) => `${date} ${String(hour).padStart(2, '0')}:00:00.000`;
    let number = 900000;
    const add = (monday, count, status, channel) => {
      for (let i = 0; i < count; i++) {
        const day = addDays(monday, i % 5);
        const hour = 9 + Math.floor(i / 5) + (status === 'held' ? 0 : 4);
        insert.run(randomUUID(), number++, status, coach.id, helen.id, helen.jobcentreId, office.cluster, office.district, i % 3 === 0 ? 'adjustments,health_lifestyle' : 'work_activity', channel, coach.id, at(day, hour - 1), at(day, hour), at(day, hour + 1), status === 'held' ? at(day, hour) : null, at(day, hour - 1), at(day, hour - 1));
      }
    };
    db.transaction(() => {
      add(mondayWeeksAgo(2), 8, 'held', 'face_to_face');
      add(mondayWeeksAgo(1), 7, 'held', 'face_to_face');
      add(mondayWeeksAgo(1), 4, 'held', 'video');
      add(mondayWeeksAgo(1), 1, 'did_not_attend', 'telephone');
    })();
  } finally {
    db.close();
  }
}

describe('a weekly report with its chart, as the activity manager sees it', { timeout: 240_000 }, () => {
  const ctx = { bot: null, browser: null };
  before(async () => {
    ctx.browser = await launchBrowser();
    // The Surrey and Sussex trial started the Monday before last: last week is its second week.
    ctx.bot = await startBot({ env: { SA_TRIALS: `Surrey and Sussex=${mondayWeeksAgo(2)}/10` } });
    seedConversations(path.join(ctx.bot.dataDir, 'dea-bot.sqlite'));
  });
  after(async () => {
    await ctx.browser?.close().catch(() => {});
    await stopAll();
    await ctx.bot?.stop().catch(() => {});
  });

  test('Mark types "report last week": the chart shows, with the figures as text, and the CSV opens from the card', { timeout: 180_000 }, async (t) => {
    const { bot, browser } = ctx;
    const start = performance.now();
    const playground = await startPlayground({ bot, as: MANAGER_CONFIG });
    assert.equal(playground.currentUser.name, 'Mark Ellis');
    const page = await openPlayground(browser, playground, { viewport: { width: 1400, height: 1300 } });
    await openChat(page, 'Personal Chat');
    step(t, start, `playground on ${playground.url}`);

    const before_ = await cardCount(page);
    await say(page, 'report last week');
    const card = await waitForCard(page, 'Specialist Advice report: weekly', { after: before_, timeout: 60_000 });
    step(t, start, 'the report card arrived');
    const text = await card.innerText();
    assert.match(text, /Surrey and Sussex/);
    assert.match(text, /In this period: 12 conversations asked for, 11 held\./);
    assert.match(text, /upward from week 1 \(slope \+3\.0 a week over 2 weeks\)/);
    assert.match(text, /Week 1\s+8/);
    assert.match(text, /Week 2\s+11/);

    // The chart is an image the browser has drawn: loaded, with its size, and an alternative text.
    const image = card.locator('img').first();
    await image.scrollIntoViewIfNeeded();
    await page.waitForFunction((img) => img.complete && img.naturalWidth > 0, await image.elementHandle(), { timeout: 15_000 });
    const drawn = await image.evaluate((img) => ({ width: img.naturalWidth, height: img.naturalHeight, alt: img.alt, src: img.src.slice(0, 22) }));
    assert.ok(drawn.width >= 400 && drawn.height >= 200, JSON.stringify(drawn));
    assert.match(drawn.alt, /Week 1: 8; Week 2: 11/);
    // Inline when the card stays under Teams' size limit, otherwise from the bot by a signed link.
    assert.ok(drawn.src === 'data:image/png;base64,' || drawn.src.startsWith(bot.url.slice(0, 22)), drawn.src);
    await card.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'reports-01-weekly-card-with-chart');

    // "Show all figures" opens the tables on the card.
    await card.getByRole('button', { name: 'Show all figures', exact: true }).click();
    await assert.doesNotReject(card.getByText('Success factors: three-way conversations held each trial week').waitFor({ timeout: 5_000 }));
    await screenshot(page, 'reports-02-weekly-card-all-figures');

    // The CSV opens as a person would open it: the playground draws Action.OpenUrl as a link-role
    // button and calls window.open(url) on a click. Chromium opens a new tab for it, gets the signed
    // link's answer from the bot and, as the answer is an attachment, saves it as a download and
    // closes that tab again; so the popup, the response and the download are awaited together.
    const download = card.getByRole('link', { name: 'Download the figures (CSV)', exact: true });
    const href = await download.getAttribute('title');
    assert.ok(href?.startsWith(`${bot.url}/reports/file?t=`), href ?? 'no link on the button');
    const [popup, response, saved] = await Promise.all([
      page.waitForEvent('popup', { timeout: 15_000 }),
      page.context().waitForEvent('response', { predicate: (r) => r.url() === href, timeout: 15_000 }),
      page.waitForEvent('download', { timeout: 15_000 }),
      download.click(),
    ]);
    assert.equal(await popup.opener(), page, 'the link opened from the playground');
    assert.equal(response.status(), 200);
    assert.equal(response.headers()['content-type'], 'text/csv; charset=utf-8');
    assert.equal(response.headers()['content-disposition'], `attachment; filename="specialist-advice-weekly-${mondayWeeksAgo(1)}.csv"`);
    assert.equal(saved.suggestedFilename(), `specialist-advice-weekly-${mondayWeeksAgo(1)}.csv`);
    const bytes = await fs.readFile(await saved.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 with a byte order mark, for Excel');
    // The same figures as the card: Helen held 8 in trial week 1 and 11 in week 2; 12 asked for last week.
    const csv = bytes.toString('utf8');
    assert.match(csv, /\r\nSurrey and Sussex,Helen Okoro,8,11,,,,,,,,,1 of 2,Not yet known\r\n/);
    assert.match(csv, /\r\nSurrey and Sussex,12,11\r\n/);
    assert.match(csv, /\r\nFace to face,7,fewer than 5,fewer than 5\r\n/);
    step(t, start, 'the CSV opened from the card with the figures');
  });
});
