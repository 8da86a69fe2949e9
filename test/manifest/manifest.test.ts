import { CAPABILITIES } from '../../bot/journeys';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AdmZip from 'adm-zip';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import {
  BOT_COMMANDS,
  BOT_SCOPES,
  COMMAND_LIMITS,
  commandsForScope,
  type BotScope,
} from '../../manifest/commands';
import {
  buildManifest,
  DEFAULT_APP_VERSION,
  DEFAULT_TEAMS_APP_ID,
  ManifestConfigError,
  manifestDir,
  writeAppPackage,
  type BuildManifestOptions,
  type TeamsAppManifest,
} from '../../manifest/build-package';
import { main, packageFromEnv } from '../../manifest/package-cli';
import { decodePng, pixelAt, pngSize } from './png';

const BOT_ID = '6f1c2d3e-4a5b-4c6d-8e7f-0123456789ab';
const GOOD: BuildManifestOptions = { botId: BOT_ID, botDomain: 'dea-bot.example.org' };
const MANIFEST_DIR = path.resolve(__dirname, '../../manifest');

function readManifestFile(name: string): Buffer {
  return fs.readFileSync(path.join(MANIFEST_DIR, name));
}

const schema: unknown = JSON.parse(readManifestFile('schema/MicrosoftTeams.schema.json').toString('utf8'));

let compiled: ReturnType<Ajv04['compile']> | undefined;

function schemaErrors(manifest: unknown): string[] {
  if (!compiled) {
    // The Teams schema is JSON Schema draft-04; options as in Microsoft's own validator (@microsoft/app-manifest).
    const ajv = new Ajv04({ allErrors: true, strictTypes: false });
    addFormats(ajv, ['uri', 'email', 'regex']);
    compiled = ajv.compile(schema as object);
  }
  const validate = compiled;
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

function configProblems(opts: BuildManifestOptions): readonly string[] {
  try {
    buildManifest(opts);
  } catch (err) {
    if (err instanceof ManifestConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected buildManifest to throw');
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dea-manifest-'));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the built manifest', () => {
  const manifest = buildManifest(GOOD);

  it('is valid against the committed Teams manifest schema', () => {
    expect(schemaErrors(manifest)).toEqual([]);
  });

  it('is checked by a live validator (a broken manifest fails)', () => {
    const tooLongName = { ...manifest, name: { short: 'x'.repeat(31) } };
    expect(schemaErrors(tooLongName).join('\n')).toMatch(/\/name\/short/);
    const { developer: _developer, ...noDeveloper } = manifest;
    expect(schemaErrors(noDeveloper).join('\n')).toMatch(/developer/);
    const template: unknown = JSON.parse(readManifestFile('manifest.template.json').toString('utf8'));
    expect(schemaErrors(template).length).toBeGreaterThan(0); // placeholders are not GUIDs
  });

  it('uses the schema version it is validated against', () => {
    const schemaObject = schema as { properties: { manifestVersion: { const: string } } };
    expect(manifest.manifestVersion).toBe(schemaObject.properties.manifestVersion.const);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
    );
    expect(Number(manifest.manifestVersion.split('.')[1])).toBeGreaterThanOrEqual(19);
  });

  it('fills every placeholder', () => {
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(manifest.id).toBe(DEFAULT_TEAMS_APP_ID);
    expect(manifest.version).toBe(DEFAULT_APP_VERSION);
    expect(manifest.validDomains).toEqual(['dea-bot.example.org']);
  });

  it('declares one conversational bot in personal, group chat and team scopes', () => {
    expect(manifest.bots).toHaveLength(1);
    const [bot] = manifest.bots;
    expect(bot).toMatchObject({ botId: BOT_ID, supportsFiles: false, isNotificationOnly: false });
    expect([...(bot?.scopes ?? [])].sort()).toEqual(['groupChat', 'personal', 'team']);
  });

  it('names and describes the app', () => {
    expect(manifest.name).toEqual({
      short: 'DEA Support',
      full: 'DEA Support for work coaches, DEAs and team leaders',
    });
    const description = manifest.description as { short: string; full: string };
    expect(description.short.length).toBeLessThanOrEqual(80);
    expect(description.full.length).toBeLessThanOrEqual(4000);
    for (const topic of [/work coach/i, /DEA/, /Adaptive Card/, /team leader/i, /group .*conference/i, /Outlook/]) {
      expect(description.full).toMatch(topic);
    }
  });

  it('takes the app id and version from the options', () => {
    const m = buildManifest({ ...GOOD, appId: 'ABCDEF01-2345-4678-9ABC-DEF012345678', version: '2.3.4' });
    expect(m.id).toBe('abcdef01-2345-4678-9abc-def012345678');
    expect(m.version).toBe('2.3.4');
    expect(m.bots[0]?.botId).toBe(BOT_ID);
    expect(schemaErrors(m)).toEqual([]);
  });

  it('has the commands of commands.ts, one list per scope', () => {
    const lists = manifest.bots[0]?.commandLists ?? [];
    expect(lists.map((l) => l.scopes)).toEqual([['personal'], ['groupChat'], ['team']]);
    for (const list of lists) {
      const scope = list.scopes[0] as BotScope;
      expect(list.commands).toEqual(commandsForScope(scope).map(({ title, description }) => ({ title, description })));
    }
  });
});

describe('bot commands', () => {
  it('gives personal scope the everyday commands (the rest are on the help card) and group scopes help only', () => {
    expect(commandsForScope('personal').map((c) => c.title)).toEqual(['help', 'new request', 'my requests', 'queue', 'meetings', 'quality checks', 'plan group conferences', 'specialist advice', 'my day', 'hub']);
    expect(commandsForScope('groupChat').map((c) => c.title)).toEqual(['help']);
    expect(commandsForScope('team').map((c) => c.title)).toEqual(['help']);
  });

  it('has unique titles within Teams limits', () => {
    const titles = BOT_COMMANDS.map((c) => c.title.trim().toLowerCase());
    expect(new Set(titles).size).toBe(titles.length);
    for (const c of BOT_COMMANDS) {
      expect(c.title).toBe(c.title.trim());
      expect(c.title.length).toBeGreaterThan(0);
      expect(c.title.length).toBeLessThanOrEqual(COMMAND_LIMITS.maxTitleLength);
      expect(c.description.length).toBeGreaterThan(0);
      expect(c.description.length).toBeLessThanOrEqual(COMMAND_LIMITS.maxDescriptionLength);
      expect(c.scopes.length).toBeGreaterThan(0);
    }
    for (const scope of BOT_SCOPES) {
      expect(commandsForScope(scope).length).toBeLessThanOrEqual(COMMAND_LIMITS.maxCommandsPerScope);
    }
  });
});

describe('icons', () => {
  it('are the sizes Teams requires', () => {
    expect(pngSize(readManifestFile('color.png'))).toEqual({ width: 192, height: 192 });
    expect(pngSize(readManifestFile('outline.png'))).toEqual({ width: 32, height: 32 });
  });

  it('outline icon is only white on a transparent background', () => {
    const img = decodePng(readManifestFile('outline.png'));
    let transparent = 0;
    let opaque = 0;
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        const [r, g, b, a] = pixelAt(img, x, y);
        if (a === 0) {
          transparent++;
          continue;
        }
        if (a === 255) opaque++;
        expect({ x, y, rgb: [r, g, b] }).toEqual({ x, y, rgb: [255, 255, 255] });
      }
    }
    for (const [x, y] of [[0, 0], [31, 0], [0, 31], [31, 31]] as const) {
      expect(pixelAt(img, x, y)[3]).toBe(0);
    }
    expect(transparent).toBeGreaterThan(100);
    expect(opaque).toBeGreaterThan(100);
  });

  it('colour icon is a solid accent-coloured square with a white glyph', () => {
    const img = decodePng(readManifestFile('color.png'));
    const accent = (buildManifest(GOOD).accentColor as string).toLowerCase();
    const hex = (p: readonly number[]): string => `#${p.slice(0, 3).map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    expect(hex(pixelAt(img, 20, 96))).toBe(accent);
    expect(pixelAt(img, 20, 96)[3]).toBe(255);
    expect(pixelAt(img, 96, 96)[3]).toBe(255);
    const colours = new Set<string>();
    for (let y = 0; y < img.height; y += 4) for (let x = 0; x < img.width; x += 4) colours.add(hex(pixelAt(img, x, y)));
    expect(colours.has('#ffffff')).toBe(true);
  });
});

describe('app package', () => {
  it('zips manifest.json and the two icons at the root', () => {
    const out = path.join(tmp, 'nested', 'dir', 'app.zip');
    writeAppPackage(out, GOOD);
    const zip = new AdmZip(out);
    const names = zip.getEntries().map((e) => e.entryName).sort();
    expect(names).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const inside = JSON.parse(zip.readAsText('manifest.json')) as TeamsAppManifest;
    expect(inside.bots[0]?.botId).toBe(BOT_ID);
    expect(inside).toEqual(buildManifest(GOOD));
    expect(zip.readFile('color.png')?.equals(readManifestFile('color.png'))).toBe(true);
    expect(zip.readFile('outline.png')?.equals(readManifestFile('outline.png'))).toBe(true);
    expect(Object.values(inside.icons).sort()).toEqual(['color.png', 'outline.png']);
  });

  it('finds the manifest folder from the compiled location too', () => {
    expect(manifestDir(path.join(MANIFEST_DIR, '..', 'dist', 'manifest'))).toBe(MANIFEST_DIR);
  });
});

describe('bad settings', () => {
  it.each<[string, Partial<BuildManifestOptions>, RegExp]>([
    ['a missing bot id', { botId: '' }, /botId \(env MicrosoftAppId\) is missing/],
    ['a bot id that is not a GUID', { botId: 'my-bot' }, /botId \(env MicrosoftAppId\) must be a GUID.*"my-bot"/],
    ['a missing domain', { botDomain: '  ' }, /botDomain \(env BOT_DOMAIN\) is missing/],
    ['a URL as domain', { botDomain: 'https://dea-bot.example.org/' }, /botDomain \(env BOT_DOMAIN\) must be a host name/],
    ['a wildcard domain', { botDomain: '*.example.org' }, /botDomain \(env BOT_DOMAIN\) must be a host name/],
    ['a single-label domain', { botDomain: 'intranet' }, /botDomain \(env BOT_DOMAIN\) must be a host name/],
    ['a bad app id', { appId: '1234' }, /appId \(env TEAMS_APP_ID\) must be a GUID/],
    ['a bad version', { version: '1.0' }, /version \(env TEAMS_APP_VERSION\) must be MAJOR\.MINOR\.PATCH/],
  ])('rejects %s with a clear message', (_label, change, message) => {
    const problems = configProblems({ ...GOOD, ...change });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
    expect(() => buildManifest({ ...GOOD, ...change })).toThrow(message);
  });

  it('accepts a host with a port and localhost', () => {
    expect(buildManifest({ ...GOOD, botDomain: 'localhost:3978' }).validDomains).toEqual(['localhost:3978']);
  });

  it('reports every problem at once', () => {
    expect(configProblems({ botId: '', botDomain: '' })).toHaveLength(2);
  });

  it('npm run package explains each missing setting and exits 1', () => {
    const errors: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((msg: unknown) => {
      errors.push(String(msg));
    });
    try {
      expect(main({ MicrosoftAppId: '', BOT_DOMAIN: '' })).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/MicrosoftAppId/);
    expect(errors[1]).toMatch(/BOT_DOMAIN/);
  });

  it('npm run package writes the zip from the environment', () => {
    const out = path.join(tmp, 'appPackage', 'dea-support.zip');
    const result = packageFromEnv(
      { MicrosoftAppId: BOT_ID, BOT_DOMAIN: 'dea-bot.example.org', TEAMS_APP_VERSION: '1.2.3', TEAMS_APP_ID: '' },
      out,
    );
    expect(result).toEqual({ ok: true, outFile: out });
    const inside = JSON.parse(new AdmZip(out).readAsText('manifest.json')) as TeamsAppManifest;
    expect(inside.version).toBe('1.2.3');
    expect(inside.id).toBe(DEFAULT_TEAMS_APP_ID);
  });
});

describe('commands and journeys in step', () => {
  it('offers in the manifest only commands the bot has a journey for', () => {
    const journeys = new Set(CAPABILITIES.map((c) => c.command).filter((c): c is string => c !== null));
    for (const command of BOT_COMMANDS) expect(journeys).toContain(command.title);
  });
});
