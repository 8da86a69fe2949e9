import type { EntitySchema } from 'typeorm';
import type { SqlDialect } from './dialect';
import { jobcentreSchema, staffRoleSchema, staffSchema } from './directory';
import { botStateSchema, conversationReferenceSchema, processedActivitySchema } from './platform';

/** Every table the bot owns, described for the given dialect. */
export function entitySchemas(dialect: SqlDialect): EntitySchema[] {
  return [
    jobcentreSchema(dialect),
    staffSchema(dialect),
    staffRoleSchema(dialect),
    botStateSchema(dialect),
    processedActivitySchema(dialect),
    conversationReferenceSchema(dialect),
  ] as EntitySchema[];
}
