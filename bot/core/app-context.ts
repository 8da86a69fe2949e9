import type { UserState } from 'botbuilder';
import type { DataSource } from 'typeorm';
import type { ConversationReferences } from '../../data/stores/conversation-references';
import type { SqlStaffDirectory } from '../../data/stores/staff-directory';
import type { Clock, Logger } from '../../domain/ports';
import type { Config } from '../config';
import type { BackgroundWork } from './background';
import type { CaseServices } from './case-services';
import type { OutboxWriter } from './outbox-writer';
import type { CardUpdates } from './card-updates';
import type { SqlWorkScheduler } from './work-scheduler';
import type { WorkSignals } from './work-signals';

/** The shared parts of the running app that a journey builds its parts from. */
export interface AppContext {
  readonly config: Config;
  readonly dataSource: DataSource;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly directory: SqlStaffDirectory;
  /** Per-person bot state (unfinished drafts live here). */
  readonly userState: UserState;
  readonly conversationReferences: ConversationReferences;
  /** Posted cards updated in place outside a person's turn, paced, with retries kept in SQL. */
  readonly updates: CardUpdates;
  /** Cards queued for people, and live cards to bring up to date. */
  readonly outbox: OutboxWriter;
  /** Work finishing after people have had their answer. */
  readonly background: BackgroundWork;
  /** Durable work after people's answers: kept in SQL, started at once, waited for briefly by a click. */
  readonly work: { readonly scheduler: SqlWorkScheduler; readonly signals: WorkSignals };
  /** The domain services the case journeys share. */
  readonly services: CaseServices;
  /** The bot's web address as people's browsers reach it (for links to files it serves). */
  readonly publicUrl: () => string;
}
