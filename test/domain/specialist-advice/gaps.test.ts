import { DEFAULT_WORKING_HOURS } from '../../../domain/calendar/working-hours';
import { isDomainError } from '../../../domain/errors';
import { parseBreaks } from '../../../domain/specialist-advice/breaks';
import { planHcpDay } from '../../../domain/specialist-advice/hcp-day';
import { PACK_REMINDER_LOOKAHEAD_DAYS, packReminderAt, packReminderDue, packReminderMaybeDue } from '../../../domain/specialist-advice/pack-reminder';
import { proposeSlots, withBreaks } from '../../../domain/specialist-advice/schedule';

const EW = 'england-and-wales' as const;
const hcp = { id: 'hcp', hours: DEFAULT_WORKING_HOURS, region: 'england-and-wales' as const, busy: [] };

describe('the pack reminder time', () => {
  it('is 15:00 London on the working day before: Friday for a Monday, in summer time too', () => {
    expect(packReminderAt(new Date('2026-11-24T10:00:00Z'), EW).toISOString()).toBe('2026-11-23T15:00:00.000Z');
    expect(packReminderAt(new Date('2026-11-30T10:00:00Z'), EW).toISOString()).toBe('2026-11-27T15:00:00.000Z');
    expect(packReminderAt(new Date('2026-06-09T09:00:00Z'), EW).toISOString()).toBe('2026-06-08T14:00:00.000Z');
  });

  it('skips bank holidays: the Friday before a Tuesday after the spring bank holiday, Christmas Eve before the Tuesday after Christmas', () => {
    // Spring bank holiday is Monday 25 May 2026.
    expect(packReminderAt(new Date('2026-05-26T09:00:00Z'), EW).toISOString()).toBe('2026-05-22T14:00:00.000Z');
    // Christmas Day is Friday 25 December 2026; Boxing Day's substitute is Monday 28 December.
    expect(packReminderAt(new Date('2026-12-29T10:00:00Z'), EW).toISOString()).toBe('2026-12-24T15:00:00.000Z');
    // Easter Monday 29 March 2027 and Good Friday 26 March: Thursday 25 March for Tuesday 30 March.
    expect(packReminderAt(new Date('2027-03-30T09:00:00Z'), EW).toISOString()).toBe('2027-03-25T15:00:00.000Z');
  });

  it("follows the jobcentre's region: 4 January 2027 is a holiday in Scotland only", () => {
    expect(packReminderAt(new Date('2027-01-05T10:00:00Z'), EW).toISOString()).toBe('2027-01-04T15:00:00.000Z');
    expect(packReminderAt(new Date('2027-01-05T10:00:00Z'), 'scotland').toISOString()).toBe('2026-12-31T15:00:00.000Z');
  });

  it('is never due on the bank holiday itself, only from the working day before it', () => {
    const c = { status: 'booked' as const, adHoc: false, packReadyAt: null, packRemindedAt: null, start: new Date('2026-12-29T10:00:00Z'), contactId: 'contact' };
    expect(packReminderDue(c, new Date('2026-12-24T14:59:00Z'), EW)).toBe(false);
    expect(packReminderDue(c, new Date('2026-12-24T15:00:00Z'), EW)).toBe(true);
    // Weekends alone would have put it at 15:00 on the holiday, Monday 28 December.
    expect(packReminderAt(new Date('2026-12-29T10:00:00Z'), EW).toISOString()).not.toBe('2026-12-28T15:00:00.000Z');
    // The job looks this far ahead, so the Thursday before finds a Tuesday conversation.
    expect(c.start.getTime() - new Date('2026-12-24T15:00:00Z').getTime()).toBeLessThan(PACK_REMINDER_LOOKAHEAD_DAYS * 86_400_000);
    expect(packReminderMaybeDue(c, new Date('2026-12-24T15:00:00Z'))).toBe(true);
  });

  it('is due only for a booked, pre-booked conversation whose pack is not ready nor reminded, before it starts', () => {
    const c = { status: 'booked' as const, adHoc: false, packReadyAt: null, packRemindedAt: null, start: new Date('2026-11-24T10:00:00Z'), contactId: 'contact' };
    expect(packReminderDue(c, new Date('2026-11-23T14:59:59Z'), EW)).toBe(false);
    expect(packReminderDue(c, new Date('2026-11-23T15:00:00Z'), EW)).toBe(true);
    expect(packReminderDue(c, new Date('2026-11-24T10:00:00Z'), EW)).toBe(false);
    expect(packReminderDue({ ...c, adHoc: true }, new Date('2026-11-23T16:00:00Z'), EW)).toBe(false);
    expect(packReminderDue({ ...c, packReadyAt: new Date() }, new Date('2026-11-23T16:00:00Z'), EW)).toBe(false);
    expect(packReminderDue({ ...c, packRemindedAt: new Date() }, new Date('2026-11-23T16:00:00Z'), EW)).toBe(false);
    expect(packReminderDue({ ...c, status: 'cancelled' }, new Date('2026-11-23T16:00:00Z'), EW)).toBe(false);
  });
});

describe('HCP breaks', () => {
  it('reads times typed in several ways, sorted; refuses overlaps and times outside working hours, per day', () => {
    expect(parseBreaks('hcp', { monday: '15:00-15:15, 12.30 - 13.00', friday: '9:30 to 9:45' }, DEFAULT_WORKING_HOURS)).toEqual([
      { hcpId: 'hcp', weekday: 'monday', start: '12:30', end: '13:00' },
      { hcpId: 'hcp', weekday: 'monday', start: '15:00', end: '15:15' },
      { hcpId: 'hcp', weekday: 'friday', start: '09:30', end: '09:45' },
    ]);
    try {
      parseBreaks('hcp', { monday: '12:00-13:00, 12:30-12:45', tuesday: '13:00-12:00', wednesday: '07:00-07:30' }, DEFAULT_WORKING_HOURS);
      throw new Error('not refused');
    } catch (error) {
      expect(isDomainError(error) && error.problems).toEqual({
        monday: 'Two of these breaks overlap.',
        tuesday: 'The break 13:00-12:00 ends before it starts.',
        wednesday: 'A break must be within working hours, 08:30 to 17:00.',
      });
    }
  });

  it('no time is proposed across a break, and the day’s free gaps leave it out', () => {
    const breaks = [{ hcpId: 'hcp', weekday: 'monday' as const, start: '12:30', end: '13:00' }];
    const now = new Date('2026-11-23T11:10:00Z');
    const to = new Date('2026-12-23T00:00:00Z');
    const plan = { baseJobcentreId: 'crawley', days: new Map<string, string>() };
    const [first] = proposeSlots({ hcp: withBreaks(hcp, breaks, now, to), coach: { ...hcp, id: 'coach' }, sitePlan: plan, jobcentreId: 'crawley', channel: 'telephone', complex: false, now });
    // 11:30 is the next half hour; 11:30 to 13:00 would cross the break, so the first time is after it.
    expect(first!.prepStart.toISOString()).toBe('2026-11-23T13:00:00.000Z');
    const day = planHcpDay('2026-11-23', hcp, plan, [], breaks);
    expect(day.breaks.map((b) => b.start.toISOString())).toEqual(['2026-11-23T12:30:00.000Z']);
    expect(day.freeGaps.map((g) => [g.start.toISOString(), g.end.toISOString()])).toEqual([
      ['2026-11-23T08:30:00.000Z', '2026-11-23T12:30:00.000Z'],
      ['2026-11-23T13:00:00.000Z', '2026-11-23T17:00:00.000Z'],
    ]);
  });
});
