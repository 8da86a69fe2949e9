import type { DataSource } from 'typeorm';
import { EmbeddedCalendar } from '../data/calendar/embedded-calendar';
import { GraphCalendar } from '../data/calendar/graph-calendar';
import type { ConferenceCalendar } from '../domain/conferences/ports';
import type { Config } from './config';

/** Outlook through Microsoft Graph when configured; otherwise the embedded calendar in SQL. */
export function createCalendar(config: Config, dataSource: DataSource): ConferenceCalendar {
  const calendar = config.calendar;
  if (calendar.kind === 'embedded') return new EmbeddedCalendar(dataSource);
  return new GraphCalendar({
    baseUrl: calendar.baseUrl,
    auth: calendar.clientSecret
      ? { kind: 'client-secret', tenantId: calendar.tenantId, clientId: calendar.clientId, clientSecret: calendar.clientSecret }
      : { kind: 'managed-identity', clientId: calendar.clientId },
  });
}
