import { CAPABILITIES } from '../bot/journeys';

/** The command menus of the Teams app manifest (`bots[0].commandLists`), from the journeys' declarations. */

/** Teams scopes the bot is installed in. */
export type BotScope = 'personal' | 'groupChat' | 'team';

export const BOT_SCOPES: readonly BotScope[] = ['personal', 'groupChat', 'team'];

export interface BotCommand {
  /** What the person types or picks from the menu. Lower case; at most 32 characters. */
  readonly title: string;
  /** Shown under the title in the menu; at most 128 characters. */
  readonly description: string;
  /** Where the command appears in the menu. */
  readonly scopes: readonly BotScope[];
}

/** Teams limits for a bot command menu (per scope). */
export const COMMAND_LIMITS = {
  maxCommandsPerScope: 10,
  maxTitleLength: 32,
  maxDescriptionLength: 128,
} as const;

/**
 * The commands of the journeys' capabilities (bot/journeys.ts), each once, in help-card order with
 * `help` first: the menu and the help card come from the same declarations, so they cannot disagree.
 */
export const BOT_COMMANDS: readonly BotCommand[] = (() => {
  const seen = new Set<string>();
  const out: BotCommand[] = [];
  for (const c of CAPABILITIES) {
    if (c.command === null || !c.menu || seen.has(c.command)) continue;
    seen.add(c.command);
    out.push({ title: c.command, description: c.menu, scopes: c.menuScopes ?? ['personal'] });
  }
  return out;
})();

/** The commands shown in one scope, in menu order. */
export function commandsForScope(scope: BotScope): BotCommand[] {
  return BOT_COMMANDS.filter((c) => (c.scopes as readonly BotScope[]).includes(scope));
}

/** One manifest `commandLists` entry. */
export interface ManifestCommandList {
  scopes: BotScope[];
  commands: { title: string; description: string }[];
}

/** The manifest's `commandLists`: one list per scope that has commands. */
export function manifestCommandLists(): ManifestCommandList[] {
  return BOT_SCOPES.map((scope) => ({
    scopes: [scope],
    commands: commandsForScope(scope).map(({ title, description }) => ({ title, description })),
  })).filter((list) => list.commands.length > 0);
}
