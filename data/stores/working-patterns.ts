import type { DataSource } from 'typeorm';
import type { WorkingPattern, WorkingPatterns } from '../../domain/calendar/booking-service';
import { DEFAULT_WORKING_HOURS, type DayHours, type Weekday, type WorkingHours } from '../../domain/calendar/working-hours';
import type { BankHolidayRegion, StaffMember } from '../../domain/staff';
import { PreparedStatement } from '../prepared';

const DAYS: Readonly<Record<string, Weekday>> = { mon: 'monday', tue: 'tuesday', wed: 'wednesday', thu: 'thursday', fri: 'friday', sat: 'saturday', sun: 'sunday' };

/** Working hours from the staff directory (default Monday to Friday 08:30–17:00) and the office's bank holidays. */
export class SqlWorkingPatterns implements WorkingPatterns {
  /** The person's hours and their office's region in one statement (each may be missing: null). */
  private readonly statement: PreparedStatement;

  constructor(dataSource: DataSource) {
    this.statement = new PreparedStatement(dataSource, (manager) => {
      const e = (name: string) => manager.connection.driver.escape(name);
      const table = (entity: string) => e(manager.connection.getMetadata(entity).tableName);
      return (
        `SELECT (SELECT ${e('workingHours')} FROM ${table('Staff')} WHERE ${e('id')} = :id) AS ${e('hours')}, ` +
        `(SELECT ${e('bankHolidayRegion')} FROM ${table('Jobcentre')} WHERE ${e('id')} = :jobcentreId) AS ${e('region')}`
      );
    });
  }

  async of(person: StaffMember): Promise<WorkingPattern> {
    const [row] = await this.statement.run({ id: person.id, jobcentreId: person.jobcentreId ?? '' });
    const hours = row?.hours;
    const region = row?.region;
    return {
      hours: typeof hours === 'string' && hours ? parseHours(hours) : DEFAULT_WORKING_HOURS,
      region: typeof region === 'string' ? (region as BankHolidayRegion) : 'england-and-wales',
    };
  }
}

/** The seed's form, `{ "mon": "08:30-17:00", … }`; days not listed are not worked. */
export function parseHours(json: string): WorkingHours {
  const raw = JSON.parse(json) as Record<string, string>;
  const hours: Partial<Record<Weekday, DayHours>> = {};
  for (const [day, span] of Object.entries(raw)) {
    const weekday = DAYS[day];
    if (!weekday || typeof span !== 'string') continue;
    const [start, end] = span.split('-') as [string, string];
    hours[weekday] = { start, end };
  }
  return hours;
}
