#!/usr/bin/env node
/* global process, console, setTimeout, clearTimeout */
/*
 * `npm run playground`: the bot and the Microsoft 365 Agents Playground together, for trying the bot
 * in a browser without Teams. Plain Node (no build step of its own; the npm script builds the bot).
 *
 *   npm run playground                 bot (PORT, default 3978) + playground as Amira Shah, work coach
 *                                      (.m365agentsplayground.yml, port PLAYGROUND_PORT, default 56150)
 *   npm run playground -- --as dea     ONLY a second playground, as Dana Morgan, DEA
 *   npm run playground -- --as hcp     the same, as Helen Okoro, Health Care Professional
 *                                      (playground/dea.m365agentsplayground.yml, default port 56151),
 *                                      against the bot that the first command already runs
 *
 * Each playground instance has one current user and its own chat history; both talk to the same bot.
 * Ctrl+C stops what this command started (the playground first, then the bot).
 *
 * Environment: PORT, HOST and everything else the bot reads pass through to the bot unchanged.
 * PLAYGROUND_PORT changes the playground's port. The playground's own log goes to
 * var/playground/<instance>.log (M365_AGENTS_PLAYGROUND_LOGFILE overrides).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const PLAYGROUND_CLI = path.join(ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
const BOT_ENTRY = path.join(ROOT, 'dist', 'bot', 'index.js');

const PEOPLE = {
  default: { config: path.join(ROOT, '.m365agentsplayground.yml'), who: 'Amira Shah, work coach', port: 56150 },
  dea: { config: path.join(HERE, 'dea.m365agentsplayground.yml'), who: 'Dana Morgan, DEA', port: 56151 },
  hcp: { config: path.join(HERE, 'hcp.m365agentsplayground.yml'), who: 'Helen Okoro, Health Care Professional', port: 56151 },
};

function usage(message) {
  if (message) console.error(message);
  console.error('Usage: npm run playground [-- --as dea|hcp]');
  process.exit(2);
}

function parseArgs(argv) {
  let as = 'default';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--as') as = argv[++i];
    else if (arg.startsWith('--as=')) as = arg.slice('--as='.length);
    else if (arg === '-h' || arg === '--help') usage();
    else usage(`Unknown argument "${arg}".`);
  }
  if (!as) usage('--as needs a name, e.g. --as dea.');
  if (!PEOPLE[as]) {
    // Any playground/<name>.m365agentsplayground.yml can be used as a second person.
    const config = path.join(HERE, `${as}.m365agentsplayground.yml`);
    if (!fs.existsSync(config)) usage(`No playground config for "${as}" (looked for ${path.relative(ROOT, config)}).`);
    PEOPLE[as] = { config, who: as, port: 56151 };
  }
  return { as };
}

function parsePort(raw, name, fallback) {
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) usage(`${name} "${raw}" is not a port number.`);
  return port;
}

/** GET url; resolves with the status code, or 0 when nothing answers. */
function probe(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

/** Same test the playground makes: can we listen on the port (all interfaces)? */
function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

const children = [];
let stopping = false;

/** Starts a child in its own process group, so that Ctrl+C reaches only us and we stop it in order. */
function start(name, args, options) {
  const child = spawn(process.execPath, args, { cwd: ROOT, detached: true, ...options });
  child.label = name;
  child.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.exited.then(({ code, signal }) => {
    if (!stopping) {
      console.error(`\n[launch] ${name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the rest.`);
      void shutdown(1);
    }
  });
  children.push(child);
  return child;
}

async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  let timer;
  const killed = await Promise.race([
    child.exited.then(() => true),
    new Promise((resolve) => {
      timer = setTimeout(resolve, 5000, false);
    }),
  ]);
  clearTimeout(timer);
  if (!killed) {
    console.error(`[launch] ${child.label} did not stop within 5 s; killing it.`);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
    await child.exited;
  }
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  // Last started first: the playground, then the bot.
  for (const child of [...children].reverse()) await stopChild(child);
  process.exit(code);
}

process.on('SIGINT', () => {
  console.log('\n[launch] stopping…');
  void shutdown(0);
});
process.on('SIGTERM', () => void shutdown(0));
process.on('SIGHUP', () => void shutdown(0));
// Last resort (e.g. an exception here): never leave children behind.
process.on('exit', () => {
  for (const child of children) {
    try {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
});

async function waitForHealth(url, child, seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) return false;
    if ((await probe(url)) === 200) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function startPlayground(as, person, port, botEndpoint) {
  if (!fs.existsSync(PLAYGROUND_CLI)) {
    throw new Error('@microsoft/m365agentsplayground is not installed (npm ci installs it: it is a dev dependency).');
  }
  if (!(await portFree(port))) {
    throw new Error(
      `Port ${port} is in use (another playground?). Stop it, or choose another port: PLAYGROUND_PORT=${port + 10} npm run playground${as === 'default' ? '' : ` -- --as ${as}`}`,
    );
  }
  const name = as;
  const logFile = process.env.M365_AGENTS_PLAYGROUND_LOGFILE || path.join(ROOT, 'var', 'playground', `${name}.log`);
  const child = start(
    'the playground',
    ['--no-deprecation', PLAYGROUND_CLI, '-e', botEndpoint, '-c', 'msteams', '-p', String(port), '--disable-telemetry'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: person.config,
        M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
      },
    },
  );
  // With stdout not a terminal the playground writes its console only to its log file, except
  // "Listening on PORT" (which tells the real port: it picks another one if the port is taken).
  const listening = new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      const match = /Listening on (\d+)/.exec(buffer);
      if (match) resolve(Number(match[1]));
    });
    child.exited.then(() => reject(new Error(`the playground exited before listening; see ${logFile}`)));
    setTimeout(() => reject(new Error(`the playground did not start within 60 s; see ${logFile}`)), 60000).unref();
  });
  child.stderr.on('data', (chunk) => process.stderr.write(`[playground] ${chunk}`));
  const actualPort = await listening;
  if (!(await waitForHealth(`http://127.0.0.1:${actualPort}/`, child, 30))) {
    throw new Error(`the playground does not answer on port ${actualPort}; see ${logFile}`);
  }
  return { port: actualPort, url: `http://localhost:${actualPort}`, logFile };
}

async function main() {
  const { as } = parseArgs(process.argv.slice(2));
  const person = PEOPLE[as];
  const botPort = parsePort(process.env.PORT, 'PORT', 3978);
  const botBase = `http://127.0.0.1:${botPort}`;
  const botEndpoint = `${botBase}/api/messages`;
  const playgroundPort = parsePort(process.env.PLAYGROUND_PORT, 'PLAYGROUND_PORT', person.port);

  if (as === 'default') {
    if (!fs.existsSync(BOT_ENTRY)) throw new Error('dist/bot/index.js is missing: run "npm run build" first (npm run playground does).');
    if ((await probe(`${botBase}/healthz`)) !== 0) {
      throw new Error(`Something already answers on port ${botPort}. Stop it (or set PORT), or add "-- --as dea" to start only a playground.`);
    }
    console.log(`[launch] starting the bot on port ${botPort}…`);
    // restify uses process.binding (DEP0111): the same warning `npm start` silences.
    const bot = start('the bot', ['--disable-warning=DEP0111', BOT_ENTRY], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, PORT: String(botPort) } });
    if (!(await waitForHealth(`${botBase}/healthz`, bot, 60))) throw new Error(`the bot did not become healthy at ${botBase}/healthz within 60 s.`);
  } else if ((await probe(`${botBase}/healthz`)) !== 200) {
    throw new Error(`No healthy bot at ${botBase}/healthz. Start it first with "npm run playground" in another terminal (same PORT).`);
  }

  console.log(`[launch] starting the Agents Playground as ${person.who} (config ${path.relative(ROOT, person.config)})…`);
  const playground = await startPlayground(as, person, playgroundPort, botEndpoint);

  const rows = [
    [`Agents Playground (${person.who})`, playground.url],
    ['Bot', botEndpoint],
    ['Playground log', path.relative(ROOT, playground.logFile) || playground.logFile],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const lines = ['', ...rows.map(([label, value]) => `  ${`${label}:`.padEnd(width)}${value}`), ''];
  if (as === 'default') {
    const envPrefix = botPort === 3978 ? '' : `PORT=${botPort} `;
    lines.push(
      '  Open the address above and choose "Personal Chat"; say "help".',
      '  To act as the DEA (Dana Morgan) at the same time, run in another terminal:',
      `      ${envPrefix}npm run playground -- --as dea`,
      `  (a second playground on port ${PEOPLE.dea.port}, same bot; the two do not share chat history).`,
      '',
    );
  }
  lines.push('  Press Ctrl+C to stop.', '');
  console.log(lines.join('\n'));
}

main().catch((error) => {
  console.error(`[launch] ${error.message}`);
  void shutdown(1);
});
