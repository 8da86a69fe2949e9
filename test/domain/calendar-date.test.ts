import { addMonths, describeDate, describeMeeting, isCalendarDate, LONDON, londonDate } from '../../domain/requests/calendar-date';

describe('londonDate', () => {
  it('uses Europe/London', () => {
    expect(LONDON).toBe('Europe/London');
  });

  it.each([
    // Summer (BST, UTC+1): late evening UTC is already tomorrow in London.
    ['2026-06-30T22:59:59.999Z', '2026-06-30'],
    ['2026-06-30T23:00:00.000Z', '2026-07-01'],
    ['2026-06-30T23:30:00.000Z', '2026-07-01'],
    ['2026-07-01T00:30:00.000Z', '2026-07-01'],
    ['2026-08-15T12:00:00.000Z', '2026-08-15'],
    // Winter (GMT, UTC+0): the London date is the UTC date.
    ['2026-12-31T23:30:00.000Z', '2026-12-31'],
    ['2026-12-31T23:59:59.999Z', '2026-12-31'],
    ['2027-01-01T00:00:00.000Z', '2027-01-01'],
    ['2026-01-15T00:00:00.000Z', '2026-01-15'],
  ])('%s is %s in London', (instant, date) => {
    expect(londonDate(new Date(instant))).toBe(date);
  });

  describe('the day BST starts (Sunday 29 March 2026, 01:00 UTC)', () => {
    it.each([
      ['2026-03-28T23:30:00.000Z', '2026-03-28'], // Saturday 23:30 GMT
      ['2026-03-29T00:00:00.000Z', '2026-03-29'], // 00:00 GMT
      ['2026-03-29T00:59:59.999Z', '2026-03-29'], // 00:59 GMT, just before the change
      ['2026-03-29T01:00:00.000Z', '2026-03-29'], // 02:00 BST
      ['2026-03-29T22:59:59.999Z', '2026-03-29'], // 23:59 BST
      ['2026-03-29T23:00:00.000Z', '2026-03-30'], // Monday 00:00 BST
      ['2026-03-29T23:30:00.000Z', '2026-03-30'],
    ])('%s is %s in London', (instant, date) => {
      expect(londonDate(new Date(instant))).toBe(date);
    });
  });

  describe('the day BST ends (Sunday 25 October 2026, 01:00 UTC)', () => {
    it.each([
      ['2026-10-24T22:59:59.999Z', '2026-10-24'], // Saturday 23:59 BST
      ['2026-10-24T23:00:00.000Z', '2026-10-25'], // Sunday 00:00 BST
      ['2026-10-24T23:30:00.000Z', '2026-10-25'],
      ['2026-10-25T00:30:00.000Z', '2026-10-25'], // 01:30 BST
      ['2026-10-25T01:30:00.000Z', '2026-10-25'], // 01:30 GMT, the second time round
      ['2026-10-25T23:30:00.000Z', '2026-10-25'], // 23:30 GMT
      ['2026-10-26T00:00:00.000Z', '2026-10-26'],
    ])('%s is %s in London', (instant, date) => {
      expect(londonDate(new Date(instant))).toBe(date);
    });
  });

  it('answers asked again within a minute, and across midnight in that order, as when asked afresh', () => {
    const asked = ['2026-10-24T22:59:00.000Z', '2026-10-24T22:59:59.999Z', '2026-10-24T23:00:00.000Z', '2026-10-24T23:00:30.000Z', '2026-10-24T22:59:30.000Z', '2026-12-31T23:59:59.000Z', '2027-01-01T00:00:00.000Z'];
    expect(asked.map((instant) => londonDate(new Date(instant)))).toEqual(['2026-10-24', '2026-10-24', '2026-10-25', '2026-10-25', '2026-10-24', '2026-12-31', '2027-01-01']);
  });
});

describe('isCalendarDate', () => {
  it.each(['2026-01-01', '2026-02-28', '2028-02-29', '2000-02-29', '2026-04-30', '2026-12-31', '2026-07-01'])('accepts %s', (date) => {
    expect(isCalendarDate(date)).toBe(true);
  });

  it.each([
    ['2026-02-30', 'no 30 February'],
    ['2026-02-29', 'not a leap year'],
    ['2100-02-29', 'century not divisible by 400'],
    ['2026-04-31', 'April has 30 days'],
    ['2026-13-01', 'no month 13'],
    ['2026-00-10', 'no month 0'],
    ['2026-01-00', 'no day 0'],
    ['2026-01-32', 'no day 32'],
    ['2026-1-1', 'unpadded month and day'],
    ['2026-01-1', 'unpadded day'],
    ['26-01-01', 'two-digit year'],
    ['2026/01/01', 'slashes'],
    ['01-12-2026', 'day first'],
    ['2026-01-01T00:00', 'a time'],
    [' 2026-01-01', 'leading space'],
    ['2026-01-01 ', 'trailing space'],
    ['', 'empty'],
    ['tomorrow', 'words'],
  ])('rejects %j (%s)', (date) => {
    expect(isCalendarDate(date)).toBe(false);
  });
});

describe('addMonths', () => {
  it.each([
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-15', 0, '2026-01-15'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-10-31', 3, '2027-01-31'],
    ['2026-01-31', 12, '2027-01-31'],
    ['2026-06-30', 3, '2026-09-30'],
    ['2026-01-15', -1, '2025-12-15'],
  ])('%s + %i months is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-01-29', 1, '2026-02-28'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-05-31', 1, '2026-06-30'],
    ['2026-08-31', 3, '2026-11-30'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-11-29', 3, '2027-02-28'],
    ['2027-11-30', 3, '2028-02-29'],
    ['2027-11-29', 3, '2028-02-29'],
    ['2026-12-31', 2, '2027-02-28'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2028-02-29', 12, '2029-02-28'],
  ])('%s + %i months clamps to the month end: %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('does not carry a clamped day into later months', () => {
    // 31 Jan + 1 is 28 Feb; 31 Jan + 2 is 31 Mar, not 28 Mar.
    expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
  });
});

describe('describeDate', () => {
  it.each([
    ['2026-12-01', 'Tuesday 1 December 2026'],
    ['2027-02-28', 'Sunday 28 February 2027'],
    ['2028-02-29', 'Tuesday 29 February 2028'],
    ['2026-01-01', 'Thursday 1 January 2026'],
    ['2026-03-29', 'Sunday 29 March 2026'],
    ['2026-10-25', 'Sunday 25 October 2026'],
    ['2026-09-30', 'Wednesday 30 September 2026'],
  ])('%s reads as %s', (date, text) => {
    expect(describeDate(date)).toBe(text);
  });

  it('has no comma and no leading zero', () => {
    const text = describeDate('2026-06-05');
    expect(text).toBe('Friday 5 June 2026');
    expect(text).not.toContain(',');
  });

  it('describes each date the same however often and however many dates are asked for', () => {
    expect(describeDate('2026-12-01')).toBe('Tuesday 1 December 2026');
    // More distinct dates than are kept: the kept ones are let go, and every date still reads right.
    for (let day = 0; day < 2_500; day++) {
      const date = new Date(Date.UTC(2020, 0, 1 + day)).toISOString().slice(0, 10);
      describeDate(date);
    }
    expect(describeDate('2026-12-01')).toBe('Tuesday 1 December 2026');
    expect(describeDate('2026-06-05')).toBe('Friday 5 June 2026');
    expect(describeDate('2026-12-01')).toBe('Tuesday 1 December 2026');
  });
});

describe('describeMeeting', () => {
  it('says the London day and times, the same when asked again, and each meeting its own', () => {
    const summer = [new Date('2026-07-14T09:00:00Z'), new Date('2026-07-14T10:30:00Z')] as const;
    const winter = [new Date('2026-12-01T09:00:00Z'), new Date('2026-12-01T10:00:00Z')] as const;
    expect(describeMeeting(...summer)).toBe('Tuesday 14 July 2026, 10:00 to 11:30');
    expect(describeMeeting(...summer)).toBe('Tuesday 14 July 2026, 10:00 to 11:30');
    expect(describeMeeting(...winter)).toBe('Tuesday 1 December 2026, 09:00 to 10:00');
    expect(describeMeeting(summer[0], winter[1])).toBe('Tuesday 14 July 2026, 10:00 to 10:00');
  });
});
