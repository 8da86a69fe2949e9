import type { DataSource } from 'typeorm';
import { EmbeddedCalendar } from '../data/calendar/embedded-calendar';
import type { ConferenceCalendar } from '../domain/conferences/ports';
import type { Config } from './config';

/**
 * Outlook through Microsoft Graph when configured; otherwise the embedded calendar in SQL. The Graph
 * client and Azure identity are loaded only when configured: a bot without them starts quicker.
 */
export async function createCalendar(config: Config, dataSource: DataSource): Promise<ConferenceCalendar> {
  const calendar = config.calendar;
  if (calendar.kind === 'embedded') return new EmbeddedCalendar(dataSource);
  const { GraphCalendar } = await import('../data/calendar/graph-calendar');
  return new GraphCalendar({
    baseUrl: calendar.baseUrl,
    auth: calendar.clientSecret
      ? { kind: 'client-secret', tenantId: calendar.tenantId, clientId: calendar.clientId, clientSecret: calendar.clientSecret }
      : { kind: 'managed-identity', clientId: calendar.clientId },
  });
}
