import type { DataSource } from 'typeorm';
import type { WorkingPattern, WorkingPatterns } from '../../domain/calendar/booking-service';
import { DEFAULT_WORKING_HOURS, type DayHours, type Weekday, type WorkingHours } from '../../domain/calendar/working-hours';
import type { BankHolidayRegion, StaffMember } from '../../domain/staff';
import { chunks, MAX_LIST_PARAMETERS } from '../chunks';
import { PreparedStatement } from '../prepared';

const DAYS: Readonly<Record<string, Weekday>> = { mon: 'monday', tue: 'tuesday', wed: 'wednesday', thu: 'thursday', fri: 'friday', sat: 'saturday', sun: 'sunday' };

/** Working hours from the staff directory (default Monday to Friday 08:30–17:00) and the office's bank holidays. */
export class SqlWorkingPatterns implements WorkingPatterns {
  /** The person's hours and their office's region in one statement (each may be missing: null). */
  private readonly statement: PreparedStatement;

  /** Several people's hours and their offices' regions, one row each, in one statement. */
  private readonly together: PreparedStatement;

  constructor(dataSource: DataSource) {
    this.together = new PreparedStatement(dataSource, (manager) => {
      const e = (name: string) => manager.connection.driver.escape(name);
      const table = (entity: string) => e(manager.connection.getMetadata(entity).tableName);
      return (
        `SELECT 'staff' AS ${e('kind')}, ${e('id')}, ${e('workingHours')} AS ${e('value')} FROM ${table('Staff')} WHERE ${e('id')} IN (:...ids) ` +
        `UNION ALL SELECT 'jobcentre' AS ${e('kind')}, ${e('id')}, ${e('bankHolidayRegion')} AS ${e('value')} FROM ${table('Jobcentre')} WHERE ${e('id')} IN (:...jobcentreIds)`
      );
    });
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
    return pattern(row?.hours, row?.region);
  }

  /** Everyone's hours and their offices' regions in one statement (a chunk of people each). */
  async ofAll(people: readonly StaffMember[]): Promise<WorkingPattern[]> {
    if (people.length === 0) return [];
    const hours = new Map<string, unknown>();
    const regions = new Map<string, unknown>();
    // Half a chunk each way: the people's ids and their jobcentres' ids are both parameters.
    for (const chunk of chunks(people, MAX_LIST_PARAMETERS / 2)) {
      const rows = await this.together.run({ ids: chunk.map((p) => p.id), jobcentreIds: [...new Set(chunk.map((p) => p.jobcentreId ?? ''))] });
      for (const row of rows) (row.kind === 'staff' ? hours : regions).set(String(row.id).toLowerCase(), row.value);
    }
    return people.map((p) => pattern(hours.get(p.id.toLowerCase()), p.jobcentreId ? regions.get(p.jobcentreId.toLowerCase()) : undefined));
  }
}

function pattern(hours: unknown, region: unknown): WorkingPattern {
  return {
    hours: typeof hours === 'string' && hours ? parseHours(hours) : DEFAULT_WORKING_HOURS,
    region: typeof region === 'string' ? (region as BankHolidayRegion) : 'england-and-wales',
  };
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
