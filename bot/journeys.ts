import type { DatabaseSchema } from '../data/database';
import { Foundation1763870000000 } from '../data/migrations/1763870000000-Foundation';
import { ActivityClaims1763930000000 } from '../data/migrations/1763930000000-ActivityClaims';
import { DurableWork1763950000000 } from '../data/migrations/1763950000000-DurableWork';
import type { EntityFactory } from '../data/schema';
import { calendarEventSchema } from '../data/schema/calendar';
import { jobRunSchema } from '../data/schema/conferences';
import { jobcentreSchema, staffRoleSchema, staffSchema } from '../data/schema/directory';
import { conversationPaceSchema, outboxSchema } from '../data/schema/messaging';
import { DeliveryOutcomes1763940000000 } from '../data/migrations/1763940000000-DeliveryOutcomes';
import { botStateSchema, conversationReferenceSchema, processedActivitySchema } from '../data/schema/platform';
import { workItemSchema } from '../data/schema/work';
import type { Capability } from '../domain/capabilities';
import { bookingJourney } from './booking/journey';
import { conferencesJourney } from './conferences/journey';
import { followUpActionsJourney } from './follow-up-actions/journey';
import { hcpActivityJourney } from './hcp-activity/journey';
import type { Journey, MigrationClass } from './core/journey';
import { interventionsJourney } from './interventions/journey';
import { partnershipsJourney } from './partnerships/journey';
import { privacyJourney } from './privacy/journey';
import { reportsJourney } from './reports/journey';
import { requestsJourney } from './requests/journey';
import { retentionCasesJourney } from './retention-cases/journey';
import { specialistAdviceJourney } from './specialist-advice/journey';
import { workPsychologistJourney } from './work-psychologist/journey';

/** The journeys of the bot, in the order the help card lists what they offer. Add a journey here. */
export const JOURNEYS: readonly Journey[] = [requestsJourney, bookingJourney, interventionsJourney, conferencesJourney, specialistAdviceJourney, hcpActivityJourney, followUpActionsJourney, retentionCasesJourney, workPsychologistJourney, partnershipsJourney, privacyJourney, reportsJourney];

/** What the bot itself offers anywhere, in any journey (the bot answers `help` and `cancel` itself). */
export const HELP: Capability = {
  command: 'help',
  title: 'Help',
  description: 'Show this card again. Say "cancel" at any step to stop without saving.',
  roles: 'everyone',
  menu: 'What this bot can do for you and how to ask your DEA for support',
  menuScopes: ['personal', 'groupChat', 'team'],
};

/** Everything people can do, for the help card and the app's command menus. */
export const CAPABILITIES: readonly Capability[] = [HELP, ...JOURNEYS.flatMap((j) => j.capabilities)];

/** The staff directory, conversations, the outbox and the other tables every journey stands on. */
const CORE_MIGRATIONS: readonly MigrationClass[] = [Foundation1763870000000, ActivityClaims1763930000000, DeliveryOutcomes1763940000000, DurableWork1763950000000];
const CORE_ENTITIES: readonly EntityFactory[] = [jobcentreSchema, staffSchema, staffRoleSchema, botStateSchema, processedActivitySchema, conversationReferenceSchema, outboxSchema, calendarEventSchema, jobRunSchema, conversationPaceSchema, workItemSchema];

/** Every migration, in timestamp order (the number in a migration's name). */
export const MIGRATIONS: readonly MigrationClass[] = [...CORE_MIGRATIONS, ...JOURNEYS.flatMap((j) => j.migrations)].sort((a, b) => timestampOf(a) - timestampOf(b));

/** Every table and every migration, for opening the database. */
export const SCHEMA: DatabaseSchema = { entities: [...CORE_ENTITIES, ...JOURNEYS.flatMap((j) => j.entities)], migrations: MIGRATIONS };

function timestampOf(migration: MigrationClass): number {
  return Number(/(\d{13})$/.exec(migration.name)?.[1] ?? NaN);
}
