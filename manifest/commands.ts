/**
 * The bot's commands: the single source of the command menus in the Teams app manifest
 * (`bots[0].commandLists`). The bot can import these titles to route typed commands, so the
 * menu and the routing can never disagree.
 */

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

export const BOT_COMMANDS = [
  {
    title: 'help',
    description: 'What this bot can do for you and how to ask your DEA for support',
    scopes: ['personal', 'groupChat', 'team'],
  },
  {
    title: 'new request',
    description: 'Ask your Disability Employment Adviser (DEA) for support with a claimant or a skill',
    scopes: ['personal'],
  },
  {
    title: 'my requests',
    description: 'Your requests to your DEA and their status',
    scopes: ['personal'],
  },
  {
    title: 'queue',
    description: 'For DEAs: your open requests, urgent first, then by the date a response is needed',
    scopes: ['personal'],
  },
  {
    title: 'plan group conferences',
    description: 'For team leaders: group a DEA\'s cohort and book monthly group conferences 4 months ahead',
    scopes: ['personal'],
  },
  {
    title: 'nominate case',
    description: 'Put a case forward for your next group work coach conference',
    scopes: ['personal'],
  },
  {
    title: 'quality checks',
    description: "For team leaders: your DEA's meetings to mark for a QAS check, and the results",
    scopes: ['personal'],
  },
] as const satisfies readonly BotCommand[];

/** The literal command titles, e.g. `'new request'`. */
export type CommandTitle = (typeof BOT_COMMANDS)[number]['title'];

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
