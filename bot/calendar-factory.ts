import type { DataSource } from 'typeorm';
import { EmbeddedCalendar } from '../data/calendar/embedded-calendar';
import type { CalendarPort } from '../domain/calendar/calendar-port';
import type { Config } from './config';

/** Outlook through Microsoft Graph when configured; otherwise the embedded calendar in SQL. */
export function createCalendar(config: Config, dataSource: DataSource): CalendarPort {
  if (config.calendar.kind === 'embedded') return new EmbeddedCalendar(dataSource);
  throw new Error('Microsoft Graph calendar is not wired yet');
}
