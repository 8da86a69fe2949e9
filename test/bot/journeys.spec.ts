import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CAPABILITIES, HELP, JOURNEYS, MIGRATIONS, SCHEMA } from '../../bot/journeys';
import { composeRoutes, declaredCommands, RoutesError } from '../../bot/core/routes';
import { verb, type Journey, type JourneyParts } from '../../bot/core/journey';
import { cardResponse } from '../../bot/core/invoke-response';
import { messageCard } from '../../cards/render';
import { helpCard } from '../../cards/help-card';
import { ROLES } from '../../domain/roles';
import type { StaffMember } from '../../domain/staff';
import { BOT_COMMANDS, COMMAND_LIMITS, commandsForScope } from '../../manifest/commands';
import { startTestBot, type TestBot } from '../support/test-bot';

const noop = async () => undefined;
const answer = async () => cardResponse(messageCard('ok'));
const journey = (name: string, commands: string[] = []): Journey => ({
  name,
  capabilities: commands.map((command) => ({ command, title: command, description: command, roles: 'everyone' as const, menu: command })),
  entities: [],
  migrations: [],
  build: () => ({}),
});

describe('composing journeys', () => {
  it('refuses a card verb two journeys both answer, naming it', () => {
    const parts: JourneyParts[] = [{ verbs: [verb('x.go', z.object({}), answer)] }, { verbs: [verb('x.go', z.object({}), answer)] }];
    expect(() => composeRoutes([journey('one'), journey('two')], parts)).toThrow(new RoutesError('The card verb "x.go" of the two journey is already taken by another journey.'));
  });

  it('refuses a command two journeys both handle, and an outbox card kind or job taken twice', () => {
    expect(() => composeRoutes([journey('one', ['go']), journey('two', ['go'])], [{ commands: { go: noop } }, { commands: { go: noop } }])).toThrow(RoutesError);
    expect(() => composeRoutes([journey('one'), journey('two')], [{ cards: { k: { render: async () => null } } }, { cards: { k: { render: async () => null } } }])).toThrow(/outbox card kind "k"/);
    const job = { name: 'tick', everyMs: 1000, run: noop };
    expect(() => composeRoutes([journey('one'), journey('two')], [{ jobs: [job] }, { jobs: [job] }])).toThrow(/periodic job "tick"/);
  });

  it('refuses a command offered on the help card that nothing handles, and one handled but never offered', () => {
    expect(() => composeRoutes([journey('one', ['go'])], [{}])).toThrow(/"go" is offered on the help card but no journey handles it/);
    expect(() => composeRoutes([journey('one')], [{ commands: { hidden: noop } }])).toThrow(/"hidden" is handled but not declared/);
  });
});

describe('the help card, the manifest and the routers agree', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot.close());

  it('every command on the help card has exactly one handler, and every handler is on the help card', () => {
    expect([...bot.app.routes.commands.keys()].sort()).toEqual(declaredCommands(JOURNEYS).sort());
  });

  it('the commands that only show (claimed against re-sends in the process, not in SQL) are the lists, views and forms, and nothing that writes', () => {
    const showing = [...bot.app.routes.commands].filter(([, handler]) => handler.onlyShows === true).map(([command]) => command);
    expect(showing.sort()).toEqual(
      [
        'case conference',
        'erase claimant',
        'forum',
        'hcp week',
        'hub',
        'meetings',
        'my actions',
        'my day',
        'my requests',
        'nominate case',
        'partnerships',
        'plan group conferences',
        'quality checks',
        'queue',
        'report',
        'retention cases',
        'specialist advice',
        'subject access',
        'supplier requests',
        'activity',
        'who looked',
        'work psychologist',
      ].sort(),
    );
    // Each writes: the week's note is made the first time it is opened; an arrival is recorded and the managers told.
    for (const writes of ['weekly note', 'arrived', 'new request', 'cancel']) expect(showing).not.toContain(writes);
  });

  it('the manifest offers the commands with a menu line (help first), within Teams\' 10, and only commands people can type', () => {
    const manifest = BOT_COMMANDS.map((c) => c.title);
    expect(manifest[0]).toBe(HELP.command);
    expect(manifest.length).toBeLessThanOrEqual(COMMAND_LIMITS.maxCommandsPerScope);
    const menued = new Set(CAPABILITIES.filter((c) => c.command !== null && c.menu).map((c) => c.command));
    expect([...manifest].sort()).toEqual([...menued].sort());
    for (const title of manifest) expect([HELP.command, ...declaredCommands(JOURNEYS)]).toContain(title);
    expect(commandsForScope('groupChat').map((c) => c.title)).toEqual(['help']);
  });

  it('the help card of someone with every role shows every command', () => {
    const everyone = { id: 'x', aadObjectId: 'x', name: 'Sam Example', email: 'sam@example.gov.uk', roles: [...ROLES] } as unknown as StaffMember;
    const card = JSON.stringify(helpCard(everyone, CAPABILITIES));
    for (const command of [HELP.command, ...declaredCommands(JOURNEYS)]) expect(card).toContain(`Say **${command}**`);
  });

  it('every button verb a card can show is answered by a router (card verbs and submit verbs)', () => {
    const source = readdirSync('cards').filter((f) => f.endsWith('.ts')).map((f) => readFileSync(join('cards', f), 'utf8')).join('\n');
    const shown = new Set([...source.matchAll(/verb: '([a-zA-Z]+\.[a-zA-Z]+)'/g)].map((m) => m[1]!));
    expect(shown.size).toBeGreaterThan(20);
    for (const name of shown) expect(bot.app.routes.verbs.has(name) || bot.app.routes.submits.has(name)).toBe(true);
  });

  it('every table is one journey’s (or the core’s), once', () => {
    const names = SCHEMA.entities.map((entity) => entity('sqlite').options.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['Staff', 'SupportRequest', 'Booking', 'ConsentRecord', 'ConferencePlan']));
  });

  it('every migration is in one journey (or the core) once, in timestamp order', () => {
    const names = MIGRATIONS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    const stamps = names.map((n) => n.slice(-13));
    expect(stamps).toEqual([...stamps].sort());
    expect(names[0]).toMatch(/^Foundation/);
    expect(JOURNEYS.flatMap((j) => j.migrations).every((m) => MIGRATIONS.includes(m))).toBe(true);
  });
});
