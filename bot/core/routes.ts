import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { Dialog } from 'botbuilder-dialogs';
import { messageCard } from '../../cards/render';
import type { Capability } from '../../domain/capabilities';
import type { StaffMember } from '../../domain/staff';
import { cardResponse } from './invoke-response';
import type { CommandHandler, HttpGet, Journey, JourneyParts, LiveCardRefresher, OutboxCard, PeriodicJob, SubmitHandler, VerbRoute, WorkHandler } from './journey';

/** Everything the journeys add, looked up by name: one router for verbs, one for commands. */
export interface Routes {
  readonly capabilities: readonly Capability[];
  readonly commands: ReadonlyMap<string, CommandHandler>;
  readonly verbs: ReadonlyMap<string, VerbRoute>;
  readonly submits: ReadonlyMap<string, SubmitHandler>;
  readonly dialogs: readonly Dialog[];
  readonly cards: ReadonlyMap<string, OutboxCard>;
  readonly liveCards: ReadonlyMap<string, LiveCardRefresher>;
  readonly jobs: readonly PeriodicJob[];
  /** Durable work after people's answers, by kind. */
  readonly work: ReadonlyMap<string, WorkHandler>;
  /** Files the web server serves, by path. */
  readonly http: ReadonlyMap<string, HttpGet>;
  /** What each journey lets go of when the app closes. */
  readonly closers: readonly (() => Promise<void>)[];
}

/** A journey list that cannot work: a name used twice, or a command with no handler. Fails the start. */
export class RoutesError extends Error {
  override readonly name = 'RoutesError';
}

/** The commands the journeys declare, each once, in help-card order. */
export function declaredCommands(journeys: readonly Journey[]): string[] {
  return [...new Set(journeys.flatMap((j) => j.capabilities.map((c) => c.command).filter((c): c is string => c !== null)))];
}

/** Puts the journeys' parts in one table per kind; refuses duplicates and commands nobody handles. */
export function composeRoutes(journeys: readonly Journey[], parts: readonly JourneyParts[]): Routes {
  const commands = new Map<string, CommandHandler>();
  const verbs = new Map<string, VerbRoute>();
  const submits = new Map<string, SubmitHandler>();
  const cards = new Map<string, OutboxCard>();
  const liveCards = new Map<string, LiveCardRefresher>();
  const work = new Map<string, WorkHandler>();
  const http = new Map<string, HttpGet>();
  const put = <T>(table: Map<string, T>, what: string, key: string, value: T, journey: string) => {
    if (table.has(key)) throw new RoutesError(`The ${what} "${key}" of the ${journey} journey is already taken by another journey.`);
    table.set(key, value);
  };
  parts.forEach((p, i) => {
    const journey = journeys[i]!.name;
    for (const [command, handler] of Object.entries(p.commands ?? {})) put(commands, 'command', command, handler, journey);
    for (const route of p.verbs ?? []) put(verbs, 'card verb', route.verb, route, journey);
    for (const [name, handler] of Object.entries(p.submits ?? {})) put(submits, 'submit verb', name, handler, journey);
    for (const [kind, render] of Object.entries(p.cards ?? {})) put(cards, 'outbox card kind', kind, render, journey);
    for (const [kind, refresh] of Object.entries(p.liveCards ?? {})) put(liveCards, 'live card kind', kind, refresh, journey);
    for (const [kind, handler] of Object.entries(p.work ?? {})) put(work, 'kind of work', kind, handler, journey);
    for (const get of p.http ?? []) put(http, 'web path', get.path, get, journey);
  });
  const declared = declaredCommands(journeys);
  for (const command of declared) if (!commands.has(command)) throw new RoutesError(`The command "${command}" is offered on the help card but no journey handles it.`);
  for (const command of commands.keys()) if (!declared.includes(command)) throw new RoutesError(`The command "${command}" is handled but not declared in any journey's capabilities.`);
  const jobs = new Map<string, PeriodicJob>();
  parts.forEach((p, i) => {
    for (const job of p.jobs ?? []) put(jobs, 'periodic job', job.name, job, journeys[i]!.name);
  });
  return {
    capabilities: journeys.flatMap((j) => j.capabilities),
    commands,
    verbs,
    submits,
    dialogs: parts.flatMap((p) => p.dialogs ?? []),
    cards,
    liveCards,
    jobs: [...jobs.values()],
    work,
    http,
    closers: parts.flatMap((p) => (p.close ? [p.close] : [])),
  };
}

/**
 * The handler for what was typed: the command itself, or a command that takes words followed by
 * them ("hub autism"), the longest such command first.
 */
export function commandFor(routes: Routes, typed: string): CommandHandler | undefined {
  const exact = routes.commands.get(typed);
  if (exact) return exact;
  const taking = routes.capabilities.filter((c): c is Capability & { command: string } => c.takesWords === true && c.command !== null && typed.startsWith(`${c.command} `));
  const longest = taking.sort((a, b) => b.command.length - a.command.length)[0];
  return longest ? routes.commands.get(longest.command) : undefined;
}

/** Answers a click with its verb's route; a verb no journey has gets a card saying so. */
export async function routeClick(routes: Routes, person: StaffMember, verb: string, data: unknown, turn: TurnContext): Promise<AdaptiveCardInvokeResponse> {
  // A Map, not an object: "__proto__" or "toString" as a verb finds nothing.
  const route = routes.verbs.get(verb);
  if (!route) return cardResponse(messageCard('This button is not one this app knows any more. Say "help" to see what you can do.'));
  return route.answer(person, data, turn);
}
