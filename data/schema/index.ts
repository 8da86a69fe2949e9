import type { EntitySchema } from 'typeorm';
import type { SqlDialect } from './dialect';
import { bookingSchema, calendarEventSchema } from './calendar';
import { conferenceCaseSchema, conferencePlanSchema, conferenceQasSchema, groupConferenceSchema, jobRunSchema } from './conferences';
import { jobcentreSchema, staffRoleSchema, staffSchema } from './directory';
import { consentRecordSchema, interventionOverrideSchema, meetingRecordSchema, qualityCheckSchema } from './interventions';
import { outboxSchema, postedCardSchema } from './messaging';
import { botStateSchema, conversationReferenceSchema, processedActivitySchema } from './platform';
import { claimantSchema, requestEventSchema, requestMessageSchema, supportRequestSchema, trendAlertSchema } from './requests';

/** Every table the bot owns, described for the given dialect. */
export function entitySchemas(dialect: SqlDialect): EntitySchema[] {
  return [
    jobcentreSchema(dialect),
    staffSchema(dialect),
    staffRoleSchema(dialect),
    botStateSchema(dialect),
    processedActivitySchema(dialect),
    conversationReferenceSchema(dialect),
    claimantSchema(dialect),
    supportRequestSchema(dialect),
    requestEventSchema(dialect),
    outboxSchema(dialect),
    postedCardSchema(dialect),
    requestMessageSchema(dialect),
    trendAlertSchema(dialect),
    calendarEventSchema(dialect),
    bookingSchema(dialect),
    consentRecordSchema(dialect),
    interventionOverrideSchema(dialect),
    meetingRecordSchema(dialect),
    qualityCheckSchema(dialect),
    conferencePlanSchema(dialect),
    groupConferenceSchema(dialect),
    conferenceCaseSchema(dialect),
    conferenceQasSchema(dialect),
    jobRunSchema(dialect),
  ] as EntitySchema[];
}
