import type { DataSource } from 'typeorm';
import type { WorkingPattern, WorkingPatterns } from '../../domain/calendar/booking-service';
import { DEFAULT_WORKING_HOURS, type DayHours, type Weekday, type WorkingHours } from '../../domain/calendar/working-hours';
import type { BankHolidayRegion, StaffMember } from '../../domain/staff';
import type { JobcentreRow, StaffRow } from '../schema/directory';

const DAYS: Readonly<Record<string, Weekday>> = { mon: 'monday', tue: 'tuesday', wed: 'wednesday', thu: 'thursday', fri: 'friday', sat: 'saturday', sun: 'sunday' };

/** Working hours from the staff directory (default Monday to Friday 08:30–17:00) and the office's bank holidays. */
export class SqlWorkingPatterns implements WorkingPatterns {
  constructor(private readonly dataSource: DataSource) {}

  async of(person: StaffMember): Promise<WorkingPattern> {
    const row = await this.dataSource.getRepository<StaffRow>('Staff').findOne({ where: { id: person.id } });
    const jobcentre = person.jobcentreId ? await this.dataSource.getRepository<JobcentreRow>('Jobcentre').findOne({ where: { id: person.jobcentreId } }) : null;
    return {
      hours: row?.workingHours ? parseHours(row.workingHours) : DEFAULT_WORKING_HOURS,
      region: (jobcentre?.bankHolidayRegion as BankHolidayRegion | undefined) ?? 'england-and-wales',
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
