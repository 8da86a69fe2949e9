import type { TurnContext } from 'botbuilder';
import type { Dialog, DialogContext } from 'botbuilder-dialogs';
import type { MigrationInterface } from 'typeorm';
import type { AdaptiveCard } from '../../cards/render';
import type { ConversationReference } from 'botbuilder';
import type { Capability } from '../../domain/capabilities';
import type { EntityFactory } from '../../data/schema';
import type { StaffMember } from '../../domain/staff';
import type { AppContext } from './app-context';
import type { VerbRoute } from './verbs';

export { verb, type Click, type VerbRoute } from './verbs';

/**
 * What a typed command does. One that `onlyShows` (a list's first page) changes nothing, so its turn
 * is not claimed in SQL against Teams' re-sends (see bot/deduplication.ts).
 */
export type CommandHandler = ((turn: TurnContext, person: StaffMember, dc: DialogContext) => Promise<void>) & { readonly onlyShows?: true };

/** A command that only shows (it writes nothing but the record of who saw what): see `CommandHandler`. */
export function onlyShows(handler: (turn: TurnContext, person: StaffMember) => Promise<void>): CommandHandler {
  return Object.assign(handler, { onlyShows: true as const });
}

/** An Action.Submit button outside any conversation (e.g. "Open" on a list), by its `verb`. */
export type SubmitHandler = (turn: TurnContext, person: StaffMember, data: Record<string, unknown>) => Promise<void>;

/**
 * A line of text in place of a card: what changed, for someone whose copy of the card is updated in
 * place, so that they are told without being sent another full copy.
 */
export interface NoticeLine {
  readonly notice: string;
}

export function isNoticeLine(message: AdaptiveCard | NoticeLine): message is NoticeLine {
  return typeof (message as Partial<NoticeLine>).notice === 'string';
}

/** Renders a card the outbox carries, for its recipient, from stored state at delivery; null when it is gone. */
export type CardSource = (subjectId: string, recipient: StaffMember) => Promise<AdaptiveCard | NoticeLine | null>;

/** A kind of card the outbox carries: how to render it, and what to remember once it is posted. */
export interface OutboxCard {
  readonly render: CardSource;
  /** Called with the posted activity, e.g. to update that copy in place later. */
  readonly posted?: (subjectId: string, recipientAad: string, activityId: string, reference: Partial<ConversationReference>) => Promise<void>;
  /**
   * Who is waiting for this card to reach its recipient, and what it is about in their words (e.g.
   * "your request DEA-000012"): told, if it cannot arrive, who has not got the app and what to do.
   */
  readonly waiting?: (subjectId: string, recipientAad: string) => Promise<Waiting | null>;
}

export interface Waiting {
  readonly staffId: string;
  readonly about: string;
}

/** Brings every posted copy of a live card (a request's, a plan's) up to date with stored state. */
export type LiveCardRefresher = (subjectId: string) => Promise<void>;

/** Work every instance runs on a timer; a lease in SQL keeps each piece of it to one instance. */
export interface PeriodicJob {
  readonly name: string;
  readonly everyMs: number;
  readonly run: () => Promise<unknown>;
}

/**
 * Finishes the durable work of one subject (a booking's diaries, a plan's conferences). It may run
 * again after a stop at any point, so it must be safe to repeat; throwing means "try again later".
 */
export type WorkHandler = (subjectId: string) => Promise<void>;

/** A file a person's browser fetches from the bot (a report's CSV or chart), by a signed link. */
export interface HttpFile {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer | string;
  /** Offered to save under this name, rather than shown. */
  readonly fileName?: string;
}

/** A GET the bot's web server answers at `path`, from the query string alone. */
export interface HttpGet {
  readonly path: string;
  readonly handle: (query: Readonly<Record<string, string>>) => Promise<HttpFile>;
}

/** A migration class, as TypeORM takes them. */
export type MigrationClass = new () => MigrationInterface;

/** What a journey adds to the running bot, built from the app's shared parts. */
export interface JourneyParts {
  /** Handlers for the journey's commands, by command (each one declared in `capabilities`). */
  readonly commands?: Readonly<Record<string, CommandHandler>>;
  readonly verbs?: readonly VerbRoute[];
  readonly submits?: Readonly<Record<string, SubmitHandler>>;
  /** Conversations (ComponentDialogs) its commands start. */
  readonly dialogs?: readonly Dialog[];
  /** Cards of this journey the outbox carries, by outbox kind. */
  readonly cards?: Readonly<Record<string, OutboxCard>>;
  /** Live cards of this journey, by kind, updated in place when their subject changes. */
  readonly liveCards?: Readonly<Record<string, LiveCardRefresher>>;
  readonly jobs?: readonly PeriodicJob[];
  /** Durable work of this journey, by kind (rows in SQL that a job sweeps; see bot/core/work-runner.ts). */
  readonly work?: Readonly<Record<string, WorkHandler>>;
  /** Files served over plain GET (signed links only: Teams sends no credentials with them). */
  readonly http?: readonly HttpGet[];
  /** Lets go of what the journey holds open (a worker thread), when the app closes. */
  readonly close?: () => Promise<void>;
}

/**
 * A journey: everything it adds, declared in one place. Its commands' help lines and manifest
 * entries come from `capabilities`; the bot composes journeys from the one list in bot/journeys.ts.
 */
export interface Journey {
  readonly name: string;
  /** What people can do, for the help card; an entry with a command is also a manifest command. */
  readonly capabilities: readonly Capability[];
  /** This journey's tables, as TypeORM entities. */
  readonly entities: readonly EntityFactory[];
  /** This journey's migrations (the order across journeys is their timestamps'). */
  readonly migrations: readonly MigrationClass[];
  readonly build: (app: AppContext) => JourneyParts;
}
