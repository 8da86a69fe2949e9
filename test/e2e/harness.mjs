/* global process, console, setTimeout, clearTimeout, document, performance, URL, Buffer */
/*
 * End-to-end harness: the real bot (dist/, built by `npm run build`) on a fresh SQLite folder, the
 * Microsoft 365 Agents Playground in front of it, and Debian's Chromium driven by playwright-core.
 * Every process it starts is stopped by stopAll() (call it in an `after` hook) and, failing that,
 * when the test process exits.
 *
 *   const bot = await startBot();
 *   const playground = await startPlayground({ bot });                  // Amira Shah, work coach
 *   const dea = await startPlayground({ bot, as: 'dea' });              // Dana Morgan, DEA
 *   const browser = await launchBrowser();
 *   const page = await openPlayground(browser, playground);
 *   await openChat(page);                                               // "Personal Chat"
 *   const mark = await cardCount(page);
 *   await say(page, 'help');
 *   const card = await waitForCard(page, 'What you can do, Amira', { after: mark });
 *   await screenshot(page, 'help-03-card');
 *   await sendInvokeAs(playground, 'Dana Morgan', { verb: 'accept', data: { id, version } });
 *
 * Chromium is required: launchBrowser() fails (never skips) with the install command if it is missing.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { after, before } from 'node:test';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');
export const RESULTS_DIR = path.join(ROOT, 'test-results', 'e2e');
export const LOGS_DIR = path.join(RESULTS_DIR, 'logs');
/** Prefix of log file names: the test file's name ("help" for help.e2e.mjs), so files do not overwrite each other. */
const RUN = path.basename(process.argv[1] ?? 'e2e').replace(/(\.e2e)?\.m?js$/, '');

const BOT_ENTRY = path.join(ROOT, 'dist', 'bot', 'index.js');
const PLAYGROUND_CLI = path.join(ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
/** Playground configs by person; any other value of `as` is a path to a config file. */
export const PLAYGROUND_CONFIGS = {
  default: path.join(ROOT, '.m365agentsplayground.yml'),
  workcoach: path.join(ROOT, '.m365agentsplayground.yml'),
  dea: path.join(ROOT, 'playground', 'dea.m365agentsplayground.yml'),
  hcp: path.join(ROOT, 'playground', 'hcp.m365agentsplayground.yml'),
};

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// UI selectors of the playground (0.2.x).
export const SELECTORS = {
  chat: (name) => `button[role="treeitem"][aria-label="${name}"]`,
  composer: 'div[contenteditable="true"][role="textbox"][data-lexical-editor="true"]',
  send: 'button[aria-label="Send Message"]',
  card: '.ac-adaptiveCard',
  /** Every message in the open chat (the user's and the bot's) has one header; its parent is the message. */
  messageHeader: '[aria-label="Message header"]',
  messageAuthor: '[aria-label="Message author"]',
};

const DEFAULT_TIMEOUT = 30_000;

// ---------------------------------------------------------------------------------------------
// Processes

const running = new Set();
/** Temporary data folders made by startBot, removed at exit if a test did not stop its bot. */
const tempDirs = new Set();

function killAllNow() {
  for (const proc of running) {
    try {
      proc.child.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
}
process.once('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAllNow();
    process.exit(128 + (os.constants.signals[signal] ?? 1));
  });
}

function isRunning(child) {
  return child.exitCode === null && child.signalCode === null;
}

/** The log of the bot started last: its tail goes into a missed card's error, to say what the bot did. */
let lastBotLog = null;

/** The last lines of a log file, for error messages. */
export function tail(file, lines = 30) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return `(no log at ${file})`;
  }
}

function startProcess(label, args, { env, logFile, pipeStdout = false }) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', pipeStdout ? 'pipe' : out, out],
  });
  fs.closeSync(out); // the child has its own copy
  if (pipeStdout) child.stdout.on('data', (chunk) => fs.appendFileSync(logFile, chunk));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const proc = {
    label,
    child,
    logFile,
    exited,
    async stop() {
      if (isRunning(child)) {
        child.kill('SIGTERM');
        let timer;
        const timeout = new Promise((resolve) => {
          timer = setTimeout(resolve, 5000, 'timeout');
        });
        const outcome = await Promise.race([exited, timeout]);
        clearTimeout(timer); // a pending timer would keep the test process alive
        if (outcome === 'timeout') {
          child.kill('SIGKILL');
          await exited;
        }
      }
      running.delete(proc);
    },
  };
  running.add(proc);
  return proc;
}

/** Stops every process this harness started (playgrounds first, then bots). */
export async function stopAll() {
  const procs = [...running].reverse();
  for (const proc of procs) await proc.stop();
}

/** A TCP port that was free a moment ago. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(description, check, { timeout = DEFAULT_TIMEOUT, interval = 200, failFast } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const reason = failFast?.();
    if (reason) throw new Error(`${description}: ${reason}`);
    try {
      if (await check()) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`${description}: not within ${timeout / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/**
 * A small HTTP client on a fresh connection per request (no keep-alive: fetch's pooled sockets
 * would hold the test process open for seconds after the servers stop). Returns { status, text, json }.
 */
export function request(method, url, { body, timeout = 10_000 } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      url,
      {
        method,
        agent: false,
        timeout,
        headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {},
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json;
          try {
            json = text ? JSON.parse(text) : null;
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode, text, json });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: no answer within ${timeout / 1000} s`)));
    req.on('error', reject);
    req.end(payload);
  });
}

async function httpOk(url) {
  return (await request('GET', url, { timeout: 2000 })).status === 200;
}

/**
 * Starts the bot (dist/bot/index.js) on a free port with a fresh SQLite folder and the demo staff.
 * Bot Framework auth is off, whatever the environment or .env says.
 */
/**
 * The environment that starts a child process with its clock `seconds` ahead (libfaketime), on top of
 * any offset this process runs under itself (`npm run test:dates` style, FAKETIME="+N").
 */
export function clockAhead(seconds) {
  const library = ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib']
    .map((dir) => path.join(dir, 'faketime', 'libfaketime.so.1'))
    .find((file) => fs.existsSync(file));
  if (!library) throw new Error('This test moves the bot\'s clock with libfaketime, which is not installed: apt-get install faketime (Debian/Ubuntu).');
  const own = /^[+-]\d+$/.test(process.env.FAKETIME ?? '') ? Number(process.env.FAKETIME) : 0;
  const total = own + Math.round(seconds);
  return { LD_PRELOAD: library, FAKETIME: total >= 0 ? `+${total}` : String(total), FAKETIME_DONT_FAKE_MONOTONIC: '1' };
}

export async function startBot({ name = `${RUN}-bot`, port, dataDir, env = {} } = {}) {
  if (!fs.existsSync(BOT_ENTRY)) throw new Error(`${path.relative(ROOT, BOT_ENTRY)} is missing: run "npm run build" first.`);
  port ??= await freePort();
  if (!dataDir) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dea-e2e-'));
    tempDirs.add(dataDir);
  }
  const logFile = path.join(LOGS_DIR, `${name}.log`);
  const proc = startProcess(name, ['--disable-warning=DEP0111', BOT_ENTRY], {
    logFile,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      SEED_DEMO: 'true',
      // Blank (not unset) so that a developer's .env cannot turn them back on (dotenv never overrides).
      DATABASE_URL: '',
      MSSQL_HOST: '',
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppTenantId: '',
      MicrosoftAppType: '',
      ...env,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  lastBotLog = logFile;
  try {
    await waitFor(`the bot did not become healthy at ${url}/healthz`, () => httpOk(`${url}/healthz`), {
      timeout: 60_000,
      failFast: () => (isRunning(proc.child) ? null : `it exited (code ${proc.child.exitCode})`),
    });
  } catch (error) {
    await proc.stop();
    throw new Error(`${error.message}\n--- ${path.relative(ROOT, logFile)} ---\n${tail(logFile)}`);
  }
  return {
    name,
    port,
    url,
    endpoint: `${url}/api/messages`,
    dataDir,
    logFile,
    async stop({ keepData = false } = {}) {
      await proc.stop();
      if (!keepData && tempDirs.has(dataDir)) {
        fs.rmSync(dataDir, { recursive: true, force: true });
        tempDirs.delete(dataDir);
      }
    },
  };
}

/**
 * Starts an Agents Playground in front of `bot` (or `botEndpoint`) on a free port.
 * `as`: 'default' (Amira Shah, work coach), 'dea' (Dana Morgan), or a path to a config file.
 * Returns its url, port and config (currentUser, users, personalChat, groupChat, team).
 */
export async function startPlayground({ bot, botEndpoint, as = 'default', name, port } = {}) {
  if (!fs.existsSync(PLAYGROUND_CLI)) throw new Error('@microsoft/m365agentsplayground is not installed (run npm ci).');
  botEndpoint ??= bot?.endpoint;
  if (!botEndpoint) throw new Error('startPlayground needs { bot } or { botEndpoint }.');
  const configPath = PLAYGROUND_CONFIGS[as] ?? path.resolve(ROOT, as);
  if (!fs.existsSync(configPath)) throw new Error(`No playground config at ${configPath}.`);
  name ??= `${RUN}-playground-${PLAYGROUND_CONFIGS[as] ? as : path.basename(configPath, '.yml')}`;
  port ??= await freePort();
  const logFile = path.join(LOGS_DIR, `${name}.log`);
  // The playground writes its console to M365_AGENTS_PLAYGROUND_LOGFILE only (stdout is not a
  // terminal), apart from "Listening on PORT" on stdout: that line gives the port it really took
  // (it picks a random one when the asked one is busy).
  const proc = startProcess(name, ['--no-deprecation', PLAYGROUND_CLI, '-e', botEndpoint, '-c', 'msteams', '-p', String(port), '--disable-telemetry'], {
    logFile: path.join(LOGS_DIR, `${name}.out`),
    pipeStdout: true,
    env: {
      ...process.env,
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
      M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
    },
  });
  let actualPort = null;
  let stdout = '';
  proc.child.stdout.setEncoding('utf8');
  proc.child.stdout.on('data', (chunk) => {
    stdout += chunk;
    const match = /Listening on (\d+)/.exec(stdout);
    if (match) actualPort = Number(match[1]);
  });
  let config;
  try {
    await waitFor(
      'the playground did not start',
      async () => {
        if (!actualPort) return false;
        const response = await request('GET', `http://127.0.0.1:${actualPort}/_internal/v1/testConfig`, { timeout: 2000 });
        if (response.status !== 200 || !response.json) return false;
        config = response.json;
        return true;
      },
      { timeout: 60_000, failFast: () => (isRunning(proc.child) ? null : `it exited (code ${proc.child.exitCode})`) },
    );
  } catch (error) {
    await proc.stop();
    throw new Error(`${error.message}\n--- ${path.relative(ROOT, logFile)} ---\n${tail(logFile)}\n${stdout}`);
  }
  const current = config.config?.currentUser;
  const configured = config.config ?? config;
  return {
    name,
    port: actualPort,
    url: `http://127.0.0.1:${actualPort}`,
    configPath,
    config: configured,
    currentUser: current,
    logFile,
    stop: () => proc.stop(),
  };
}

// ---------------------------------------------------------------------------------------------
// Browser and UI

/** Path of the Chromium to drive: CHROMIUM_PATH, or Debian's /usr/bin/chromium. Throws if missing. */
export function chromiumPath() {
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) {
    throw new Error(
      `Chromium is not installed (looked for ${candidates.join(', ')}). The end-to-end tests need it: ` +
        'install it with `apt-get update && apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  return found;
}

/** Headless Chromium with a fresh profile (Playwright makes a new temporary user data dir). */
export async function launchBrowser({ headless = true } = {}) {
  // With the tests' clock moved by libfaketime (LD_PRELOAD), Chromium keeps the real one: it does not start under it.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'LD_PRELOAD' && !name.startsWith('FAKETIME')));
  return chromium.launch({ executablePath: chromiumPath(), headless, args: CHROMIUM_ARGS, timeout: 60_000, env });
}

function isLocal(url) {
  const { protocol, hostname } = new URL(url);
  return protocol === 'data:' || protocol === 'blob:' || ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
}

/**
 * Opens the playground in a new browser context and waits for its chat list. Requests that would
 * leave the machine (web fonts, telemetry) are refused at once instead of timing out.
 */
export async function openPlayground(browser, playground, { viewport = { width: 1400, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport });
  context.setDefaultTimeout(DEFAULT_TIMEOUT);
  await context.route((url) => !isLocal(url.href), (route) => route.abort());
  const page = await context.newPage();
  page.playground = playground;
  await page.goto(playground.url, { waitUntil: 'domcontentloaded' });
  await page.locator(SELECTORS.chat('Personal Chat')).waitFor({ state: 'visible', timeout: 60_000 });
  return page;
}

/**
 * Selects a chat in the left list and waits until no new message has arrived for a moment (the
 * welcome cards that a page load triggers), so that counts taken next are stable. Names (from the
 * config): 'Personal Chat', the group chat's name, '<team> - General', '<team> - <channel>'.
 */
export async function openChat(page, name = 'Personal Chat', { settle = true } = {}) {
  await page.locator(SELECTORS.chat(name)).click();
  await page.locator(SELECTORS.composer).last().waitFor({ state: 'visible' });
  if (settle) await waitForQuiet(page);
}

/** Number of messages (any author) in the open chat. */
export async function messageCount(page) {
  return page.locator(SELECTORS.messageHeader).count();
}

/** Waits until the number of messages has not changed for `quietMs` (at most `timeout`). */
export async function waitForQuiet(page, { quietMs = 800, timeout = 10_000 } = {}) {
  const deadline = Date.now() + timeout;
  let count = await messageCount(page);
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    await page.waitForTimeout(100);
    const now = await messageCount(page);
    if (now !== count) {
      count = now;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= quietMs) {
      return count;
    }
  }
  return count;
}

/**
 * Waits for a message from the bot (author = the config's bot name) whose text contains `text`,
 * among the messages after the first `after` (see messageCount); returns its Locator. Works for
 * plain text replies and for cards.
 */
export async function waitForReply(page, text, { after = 0, timeout = DEFAULT_TIMEOUT } = {}) {
  const author = page.playground?.config?.bot?.name ?? 'DEA Support';
  let handle;
  try {
    handle = await page.waitForFunction(
      ({ header, authorSel, author, text, after }) => {
        const messages = [...document.querySelectorAll(header)].map((h) => h.parentElement);
        for (let i = messages.length - 1; i >= after; i--) {
          const who = messages[i].querySelector(authorSel)?.innerText.trim();
          if (who === author && messages[i].innerText.includes(text)) return i + 1;
        }
        return 0;
      },
      { header: SELECTORS.messageHeader, authorSel: SELECTORS.messageAuthor, author, text, after },
      { timeout, polling: 100 },
    );
  } catch (error) {
    const seen = await page
      .evaluate(
        ({ header }) => [...document.querySelectorAll(header)].slice(-3).map((h) => h.parentElement.innerText.replace(/\s+/g, ' ').slice(0, 200)),
        { header: SELECTORS.messageHeader },
      )
      .catch(() => []);
    const shot = await screenshot(page, `FAILED-waitForReply-${Date.now()}`).catch(() => null);
    throw new Error(
      `No reply from ${author} with "${text}" (after message ${after}) within ${timeout / 1000} s. Last messages: ${JSON.stringify(seen)}` +
        (shot ? `\nScreenshot: ${path.relative(ROOT, shot)}` : '') +
        `\n(${error.message.split('\n')[0]})` +
        (lastBotLog ? `\n--- ${path.relative(ROOT, lastBotLog)} ---\n${tail(lastBotLog, 12)}` : ''),
    );
  }
  const message = page.locator(SELECTORS.messageHeader).nth((await handle.jsonValue()) - 1).locator('..');
  await message.scrollIntoViewIfNeeded();
  return message;
}

/** Types `text` into the composer and sends it. */
export async function say(page, text) {
  const composer = page.locator(SELECTORS.composer).last();
  await composer.click();
  await page.keyboard.type(text);
  await page.locator(SELECTORS.send).click();
  // Sent once the composer is empty again.
  await page.waitForFunction(
    ({ selector }) => {
      const boxes = document.querySelectorAll(selector);
      return boxes.length > 0 && boxes[boxes.length - 1].innerText.trim() === '';
    },
    { selector: SELECTORS.composer },
  );
}

/** How many Adaptive Cards the open chat shows (pass it to waitForCard as `after`). */
export async function cardCount(page) {
  return page.locator(SELECTORS.card).count();
}

/** Texts of the last `n` cards, for failure messages. */
export async function lastCardTexts(page, n = 3) {
  return page.evaluate(
    ({ selector, n }) => [...document.querySelectorAll(selector)].slice(-n).map((el) => el.innerText.replace(/\s+/g, ' ').slice(0, 1200)),
    { selector: SELECTORS.card, n },
  );
}

/**
 * Waits for an Adaptive Card containing `text` (the newest such card, among those after the first
 * `after` cards), scrolls it into view and returns its Locator.
 */
export async function waitForCard(page, text, { after = 0, timeout = DEFAULT_TIMEOUT } = {}) {
  let handle;
  try {
    handle = await page.waitForFunction(
      ({ selector, text, after }) => {
        const cards = [...document.querySelectorAll(selector)];
        for (let i = cards.length - 1; i >= after; i--) if (cards[i].innerText.includes(text)) return i + 1;
        return 0;
      },
      { selector: SELECTORS.card, text, after },
      { timeout, polling: 100 },
    );
  } catch (error) {
    const seen = await lastCardTexts(page).catch(() => []);
    const shot = await screenshot(page, `FAILED-waitForCard-${Date.now()}`).catch(() => null);
    throw new Error(
      `No card with "${text}" (after card ${after}) within ${timeout / 1000} s. Last cards: ${JSON.stringify(seen)}` +
        (shot ? `\nScreenshot: ${path.relative(ROOT, shot)}` : '') +
        `\n(${error.message.split('\n')[0]})` +
        (lastBotLog ? `\n--- ${path.relative(ROOT, lastBotLog)} ---\n${tail(lastBotLog, 12)}` : ''),
    );
  }
  const card = page.locator(SELECTORS.card).nth((await handle.jsonValue()) - 1);
  await card.scrollIntoViewIfNeeded();
  return card;
}

/** A button on a card, by its title. */
export function cardButton(card, title) {
  return card.getByRole('button', { name: title, exact: true });
}

/** Saves a screenshot of the page to test-results/e2e/<name>.png and returns its path. */
export async function screenshot(page, name) {
  const file = path.join(RESULTS_DIR, `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  return file;
}

// ---------------------------------------------------------------------------------------------
// Activities sent around the UI

/** A person of the playground's config, by display name, given name, id, aadObjectId or email. */
export function findUser(playground, who) {
  const people = [playground.config.currentUser, ...playground.config.users];
  const needle = String(who).toLowerCase();
  const person = people.find((p) =>
    [p.name, p.givenName, p.id, p.aadObjectId, p.email, p.userPrincipleName].some((v) => v && String(v).toLowerCase() === needle),
  );
  if (!person) throw new Error(`No "${who}" in ${path.relative(ROOT, playground.configPath)} (has ${people.map((p) => p.name).join(', ')}).`);
  return person;
}

/** The playground's skeleton activity for a conversation (ids, serviceUrl, recipient, conversation). */
export async function activityTemplate(playground, conversationId = playground.config.personalChat.id) {
  const url = `${playground.url}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(conversationId)}`;
  const response = await request('GET', url);
  if (response.status !== 200) throw new Error(`activity template for ${conversationId}: HTTP ${response.status} ${response.text}`);
  return response.json;
}

/** Builds an activity as `who` (a person of the playground's config) in a conversation of it. */
export async function activityAs(playground, who, fields, { conversationId } = {}) {
  const template = await activityTemplate(playground, conversationId);
  const person = findUser(playground, who);
  return {
    ...template,
    id: fields.id ?? template.id,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    from: { id: person.id, name: person.name, aadObjectId: person.aadObjectId },
    channelData: { tenant: { id: playground.config.tenantId }, ...(fields.channelData ?? {}) },
    locale: 'en-US',
    ...fields,
  };
}

/**
 * Has the playground forward `activity` to the bot (POST /_internal/v1/customActivities). The bot's
 * replies go to the playground's connector and show in the UI; the HTTP answer is an immediate 200
 * and the bot's own response (e.g. an invoke response) is dropped: use postToBot to read it.
 */
export async function sendCustomActivity(playground, activity) {
  const response = await request('POST', `${playground.url}/_internal/v1/customActivities`, { body: activity });
  if (response.status !== 200) throw new Error(`customActivities: HTTP ${response.status} ${response.text}`);
  return activity;
}

function invokeFields({ verb, data = {}, replyToId, name = 'adaptiveCard/action', value }) {
  return {
    type: 'invoke',
    name,
    ...(replyToId ? { replyToId } : {}),
    value: value ?? { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/**
 * An Action.Execute (`adaptiveCard/action` invoke) from another person, through the playground, as
 * if `who` had pressed a card button. Options: verb, data, replyToId (the card's message id),
 * conversationId (default: this playground's personal chat), or a raw `name`/`value`.
 */
export async function sendInvokeAs(playground, who, options) {
  const activity = await activityAs(playground, who, invokeFields(options), options);
  return sendCustomActivity(playground, activity);
}

/** A typed message from another person, through the playground. */
export async function sendMessageAs(playground, who, text, options = {}) {
  const activity = await activityAs(playground, who, { type: 'message', text, textFormat: 'plain' }, options);
  return sendCustomActivity(playground, activity);
}

/**
 * POSTs an activity straight to the bot and returns { status, body } (an invoke's response, e.g.
 * the card that replaces the original). Replies still go to the playground's connector.
 */
export async function postToBot(bot, activity) {
  const response = await request('POST', bot.endpoint, { body: activity });
  return { status: response.status, body: response.json === undefined ? response.text : response.json };
}

/** Same as sendInvokeAs, but straight to the bot so that the invoke response can be checked. */
export async function invokeBotAs(bot, playground, who, options) {
  const activity = await activityAs(playground, who, invokeFields(options), options);
  return postToBot(bot, activity);
}

/** Milliseconds since `start`, rounded, for timing logs. */
export function since(start) {
  return Math.round(performance.now() - start);
}

/** Logs a timed step (shown by the node:test reporter as a diagnostic when passed t). */
export function step(t, start, message) {
  const line = `${message} (${(since(start) / 1000).toFixed(1)} s)`;
  if (t?.diagnostic) t.diagnostic(line);
  else console.log(line);
}

/**
 * The usual frame of an end-to-end file: Chromium first (so a missing browser fails at once, with
 * the install command), then a bot on a fresh database; both stopped after the file, whatever happened.
 * Returns an object whose `bot` and `browser` are set once `before` has run.
 */
export function withBotAndBrowser({ botEnv = {} } = {}) {
  const context = { bot: null, browser: null };
  before(async () => {
    const start = performance.now();
    context.browser = await launchBrowser();
    context.bot = await startBot({ env: botEnv });
    step(null, start, `bot healthy on ${context.bot.url}, data in ${context.bot.dataDir}`);
  });
  after(async () => {
    await context.browser?.close().catch(() => {});
    await stopAll(); // playgrounds, then the bot
    await context.bot?.stop().catch(() => {}); // and its data folder
  });
  return context;
}
