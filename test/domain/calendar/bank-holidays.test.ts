import {
  bankHolidayList,
  bankHolidays,
  BANK_HOLIDAY_REGIONS,
  CHECKED_BANK_HOLIDAY_YEARS,
  easterSunday,
  isBankHoliday,
} from '../../../domain/calendar/bank-holidays';
import { isDomainError } from '../../../domain/errors';
import type { BankHolidayRegion } from '../../../domain/staff';

// gov.uk/bank-holidays for each region; 2028 follows gov.uk's stated rules (substitute days included).
const GOV_UK: Record<BankHolidayRegion, Record<number, string[]>> = {
  'england-and-wales': {
    2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
    2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
    2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
    2028: ['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26'],
  },
  scotland: {
    2025: ['2025-01-01', '2025-01-02', '2025-04-18', '2025-05-05', '2025-05-26', '2025-08-04', '2025-12-01', '2025-12-25', '2025-12-26'],
    2026: ['2026-01-01', '2026-01-02', '2026-04-03', '2026-05-04', '2026-05-25', '2026-08-03', '2026-11-30', '2026-12-25', '2026-12-28'],
    2027: ['2027-01-01', '2027-01-04', '2027-03-26', '2027-05-03', '2027-05-31', '2027-08-02', '2027-11-30', '2027-12-27', '2027-12-28'],
    2028: ['2028-01-03', '2028-01-04', '2028-04-14', '2028-05-01', '2028-05-29', '2028-08-07', '2028-11-30', '2028-12-25', '2028-12-26'],
  },
  'northern-ireland': {
    2025: ['2025-01-01', '2025-03-17', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-07-14', '2025-08-25', '2025-12-25', '2025-12-26'],
    2026: ['2026-01-01', '2026-03-17', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-07-13', '2026-08-31', '2026-12-25', '2026-12-28'],
    2027: ['2027-01-01', '2027-03-17', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-07-12', '2027-08-30', '2027-12-27', '2027-12-28'],
    2028: ['2028-01-03', '2028-03-17', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-07-12', '2028-08-28', '2028-12-25', '2028-12-26'],
  },
};

describe('easterSunday', () => {
  it.each([
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2038, '2038-04-25'],
  ])('%i is %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe('bankHolidays', () => {
  describe.each(BANK_HOLIDAY_REGIONS)('%s', (region) => {
    it.each(CHECKED_BANK_HOLIDAY_YEARS)('%i matches gov.uk', (year) => {
      expect(bankHolidays(region, year)).toEqual(GOV_UK[region][year]);
    });
  });

  it('names substitute days for the holiday they replace', () => {
    expect(bankHolidayList('england-and-wales', 2027).filter((h) => h.substitute)).toEqual([
      { date: '2027-12-27', name: 'Christmas Day (substitute day)', substitute: true },
      { date: '2027-12-28', name: 'Boxing Day (substitute day)', substitute: true },
    ]);
    expect(bankHolidayList('england-and-wales', 2026).find((h) => h.date === '2026-12-28')).toEqual({
      date: '2026-12-28',
      name: 'Boxing Day (substitute day)',
      substitute: true,
    });
  });

  it("moves Scotland's New Year pair past the weekend (2028: Saturday and Sunday)", () => {
    expect(bankHolidayList('scotland', 2028).slice(0, 2)).toEqual([
      { date: '2028-01-03', name: "New Year's Day (substitute day)", substitute: true },
      { date: '2028-01-04', name: '2nd January (substitute day)', substitute: true },
    ]);
  });

  it("moves St Andrew's Day on a Sunday to the Monday (2025)", () => {
    expect(bankHolidayList('scotland', 2025)).toContainEqual({ date: '2025-12-01', name: "St Andrew's Day (substitute day)", substitute: true });
  });

  it('moves the Battle of the Boyne at a weekend to the Monday (2025 Saturday, 2026 Sunday)', () => {
    expect(bankHolidays('northern-ireland', 2025)).toContain('2025-07-14');
    expect(bankHolidays('northern-ireland', 2026)).toContain('2026-07-13');
    expect(bankHolidays('northern-ireland', 2026)).not.toContain('2026-07-12');
  });

  it('gives Christmas on a Sunday the Tuesday, as Boxing Day keeps the Monday (as in 2022)', () => {
    expect(bankHolidayList('england-and-wales', 2022).filter((h) => h.date >= '2022-12-01')).toEqual([
      { date: '2022-12-26', name: 'Boxing Day', substitute: false },
      { date: '2022-12-27', name: 'Christmas Day (substitute day)', substitute: true },
    ]);
  });

  it('has Easter Monday only outside Scotland, and summer at opposite ends of August', () => {
    expect(isBankHoliday('england-and-wales', '2026-04-06')).toBe(true);
    expect(isBankHoliday('northern-ireland', '2026-04-06')).toBe(true);
    expect(isBankHoliday('scotland', '2026-04-06')).toBe(false);
    expect(isBankHoliday('scotland', '2026-08-03')).toBe(true);
    expect(isBankHoliday('scotland', '2026-08-31')).toBe(false);
    expect(isBankHoliday('england-and-wales', '2026-08-03')).toBe(false);
  });

  it('returns a fresh array the caller may change', () => {
    bankHolidays('england-and-wales', 2026).push('2026-02-02');
    expect(bankHolidays('england-and-wales', 2026)).toHaveLength(8);
  });
});

describe('isBankHoliday', () => {
  it('takes a London date or an instant, read in London', () => {
    expect(isBankHoliday('england-and-wales', '2026-05-25')).toBe(true);
    expect(isBankHoliday('england-and-wales', '2026-05-26')).toBe(false);
    // 23:30 UTC on Sunday 24 May is already Monday 25 May in London (BST).
    expect(isBankHoliday('england-and-wales', new Date('2026-05-24T23:30:00Z'))).toBe(true);
    expect(isBankHoliday('england-and-wales', new Date('2026-05-25T23:30:00Z'))).toBe(false);
  });

  it('rejects what is not a calendar date', () => {
    expect.assertions(1);
    try {
      isBankHoliday('scotland', '2026-02-30');
    } catch (error) {
      expect(isDomainError(error) && error.kind === 'invalid').toBe(true);
    }
  });
});
