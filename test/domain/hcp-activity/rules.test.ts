import { chooseCoach } from '../../../domain/coach-lookup';
import { takingPartIds } from '../../../domain/hcp-activity/diary-work';
import type { AttendanceRecord, SupportingActivity } from '../../../domain/hcp-activity/records';
import {
  coachToTell,
  activityMissingFromNote,
  arrivalOnDay,
  arrivalStatus,
  arrivalTime,
  awaitsArrival,
  describeNoticeDays,
  earliestLastDay,
  earliestLastDayMonth,
  noticeDays,
  noticeLastDayProblem,
  replacementAfterArrival,
  assertNoteHasActivity,
  attendancePeriod,
  breakClashMessage,
  caseReferencesIn,
  checkWeeklyNoteBody,
  clashMessage,
  clashWith,
  closedWeekProblem,
  coverDateProblem,
  hcpCover,
  draftWeeklyNote,
  noticeDueOn,
  outsideSetAsideProblems,
  parseActivity,
  parseTimes,
  reminderDue,
  supplierDueOn,
  supplierTimeliness,
  weekStartOf,
  workingDaysBetween,
} from '../../../domain/hcp-activity/rules';

const OFFICE = 'crawley';
const base = { kind: 'presentation', date: '2026-11-23', start: '10:00', end: '11:00', jobcentreId: OFFICE, takingPart: 'Crawley coaches', note: 'Back pain and work' };
const problemsOf = (input: Record<string, string>): Record<string, string> => {
  try {
    parseActivity(input, [OFFICE]);
    return {};
  } catch (error) {
    return (error as { problems: Record<string, string> }).problems;
  }
};

describe('supporting activity', () => {
  it('takes a complete activity, in London time', () => {
    const a = parseActivity({ ...base, caseReference: 'sa-000012' }, [OFFICE]);
    expect(a).toMatchObject({ kind: 'presentation', caseReference: 'SA-000012', caseCount: null, adHoc: false });
    expect(a.interval.start.toISOString()).toBe('2026-11-23T10:00:00.000Z');
    // British Summer Time: 10:00 in London is 09:00 UTC.
    expect(parseActivity({ ...base, date: '2026-06-01' }, [OFFICE]).interval.start.toISOString()).toBe('2026-06-01T09:00:00.000Z');
  });

  it('names every problem beside its field', () => {
    expect(Object.keys(problemsOf({ kind: 'party', date: '23/11', start: '9', end: '', jobcentreId: 'elsewhere', takingPart: '', note: '' })).sort()).toEqual(['date', 'end', 'jobcentreId', 'kind', 'note', 'start', 'takingPart']);
    expect(problemsOf({ ...base, end: '09:00' }).end).toBe('The end time must be after the start time.');
    expect(problemsOf({ ...base, caseReference: 'Zebedee' }).caseReference).toContain('SA-000012');
  });

  it('refuses a claimant identifier unless the activity is about a case', () => {
    expect(problemsOf({ ...base, note: 'Met AB123456C' }).note).toContain('must not name a claimant');
    expect(problemsOf({ ...base, takingPart: 'ab 12 34 56 c' }).takingPart).toContain('never a claimant');
    expect(problemsOf({ ...base, note: 'Met AB123456C', caseReference: 'SA-000001' })).toEqual({});
  });

  it('a group case conference counts its cases; retention work is consultative only', () => {
    expect(problemsOf({ ...base, kind: 'group_case_conference' }).caseCount).toContain('usually 2 or 3');
    expect(parseActivity({ ...base, kind: 'group_case_conference', caseCount: '3' }, [OFFICE]).caseCount).toBe(3);
    expect(problemsOf({ ...base, kind: 'retention' }).consultative).toContain('never represents a claimant');
    expect(problemsOf({ ...base, kind: 'retention', consultative: 'true' })).toEqual({});
  });

  it('only in the HCP’s working day: Monday to Friday but bank holidays in England and Wales, 08:30 to 17:00 London time', () => {
    const hours = 'HCPs work 08:30 to 17:00, Monday to Friday: choose a time within that.';
    // A presentation on Saturday 11 April 2026 in the evening: every field that is wrong says so.
    expect(problemsOf({ ...base, date: '2026-04-11', start: '20:00', end: '22:30' })).toEqual({
      date: 'Saturday 11 April 2026 is not a working day: HCPs work 08:30 to 17:00, Monday to Friday. Choose a weekday.',
      start: hours,
      end: hours,
    });
    expect(problemsOf({ ...base, date: '2026-11-29' }).date).toContain('Sunday 29 November 2026 is not a working day');
    expect(problemsOf({ ...base, date: '2026-12-25' })).toEqual({ date: 'Friday 25 December 2026 is a bank holiday (Christmas Day), when HCPs do not work: choose another working day.' });
    expect(problemsOf({ ...base, date: '2026-04-06' }).date).toContain('(Easter Monday)');
    expect(problemsOf({ ...base, date: '1900-01-01' }).date).toContain('Enter a date like 2026-11-23.');
    expect(problemsOf({ ...base, start: '08:15', end: '09:00' })).toEqual({ start: hours });
    expect(problemsOf({ ...base, start: '16:30', end: '17:05' })).toEqual({ end: hours });
    expect(problemsOf({ ...base, start: '17:00', end: '17:30' })).toEqual({ start: hours, end: hours });
    expect(problemsOf({ ...base, start: '08:30', end: '17:00' })).toEqual({});
    // Summer time: 08:30 in London is 07:30 UTC, and is the start of the day.
    expect(parseTimes('2026-06-01', '08:30', '17:00').interval).toEqual({ start: new Date('2026-06-01T07:30:00Z'), end: new Date('2026-06-01T16:00:00Z') });
    // What the caller found already about a field is said instead of the rule.
    expect(problemsOf({ ...base, date: '2026-11-29' })).not.toHaveProperty('start');
    expect(() => parseActivity({ ...base, date: '2026-11-29' }, [OFFICE], { date: 'Choose today or a day in the last two weeks.' })).toThrow(expect.objectContaining({ problems: { date: 'Choose today or a day in the last two weeks.' } }));
  });

  it('a break agreed with the activity manager is refused with the free time around it', () => {
    expect(breakClashMessage({ start: new Date('2026-11-23T12:30:00Z'), end: new Date('2026-11-23T13:00:00Z') }, [])).toBe('That is over a break agreed with the activity manager, 12:30 to 13:00: supporting activity goes around it. You have no free time left that day.');
  });

  it('a group case conference keeps within the time the team leader set aside', () => {
    const window = { date: '2026-04-14', start: new Date('2026-04-14T09:00:00Z'), end: new Date('2026-04-14T10:00:00Z') }; // 10:00 to 11:00 in London (summer)
    const within = 'Keep it within the time the team leader set aside: Tuesday 14 April 2026, 10:00 to 11:00.';
    const interval = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });
    expect(outsideSetAsideProblems(window, '2026-04-14', interval('2026-04-14T09:00:00Z', '2026-04-14T10:00:00Z'))).toEqual({});
    expect(outsideSetAsideProblems(window, '2026-04-14', interval('2026-04-14T09:15:00Z', '2026-04-14T09:45:00Z'))).toEqual({});
    expect(outsideSetAsideProblems(window, '2026-04-16', interval('2026-04-16T14:00:00Z', '2026-04-16T15:00:00Z'))).toEqual({ date: within });
    expect(outsideSetAsideProblems(window, '2026-04-14', interval('2026-04-14T08:30:00Z', '2026-04-14T09:30:00Z'))).toEqual({ start: within });
    expect(outsideSetAsideProblems(window, '2026-04-14', interval('2026-04-14T09:30:00Z', '2026-04-14T10:30:00Z'))).toEqual({ end: within });
    expect(outsideSetAsideProblems(window, '2026-04-14', interval('2026-04-14T13:00:00Z', '2026-04-14T14:00:00Z'))).toEqual({ start: within, end: within });
  });

  it('finds a clash with a booked conversation and says when the HCP is free instead', () => {
    const booked = [{ what: 'SA-000001', start: new Date('2026-11-23T11:30:00Z'), end: new Date('2026-11-23T13:00:00Z') }];
    expect(clashWith({ start: new Date('2026-11-23T10:00:00Z'), end: new Date('2026-11-23T11:30:00Z') }, booked)).toBeNull();
    const clash = clashWith({ start: new Date('2026-11-23T12:00:00Z'), end: new Date('2026-11-23T12:30:00Z') }, booked)!;
    expect(clashMessage(clash, [{ start: new Date('2026-11-23T08:30:00Z'), end: new Date('2026-11-23T11:30:00Z') }])).toBe(
      'Supporting activity happens only when no three-way conversation is booked: SA-000001 is booked 11:30 to 13:00. You are free 08:30 to 11:30.',
    );
  });
});

describe('attendance', () => {
  it('late after 08:30 London time, in winter and in summer', () => {
    expect(arrivalStatus(new Date('2026-11-23T08:30:00Z'))).toBe('on_time');
    expect(arrivalStatus(new Date('2026-11-23T08:31:00Z'))).toBe('late');
    expect(arrivalStatus(new Date('2026-06-01T07:29:00Z'))).toBe('on_time');
    expect(arrivalStatus(new Date('2026-06-01T07:31:00Z'))).toBe('late');
  });

  it('the time an arrival is given (HH:MM today, London): empty is now; later than now, before 06:00, after 20:00 or not a time is refused beside the field', () => {
    const winter = new Date('2026-11-23T08:40:00Z');
    expect(arrivalTime('08:25', winter)).toEqual(new Date('2026-11-23T08:25:00Z'));
    expect(arrivalStatus(arrivalTime('08:25', winter))).toBe('on_time');
    expect(arrivalTime('8.25', winter)).toEqual(new Date('2026-11-23T08:25:00Z'));
    expect(arrivalTime('08:40', winter)).toEqual(new Date('2026-11-23T08:40:00Z'));
    expect(arrivalTime('', winter)).toBe(winter);
    expect(arrivalTime(undefined, winter)).toBe(winter);
    // British Summer Time: 08:25 in London is 07:25 UTC.
    expect(arrivalTime('08:25', new Date('2026-06-01T07:40:00Z'))).toEqual(new Date('2026-06-01T07:25:00Z'));
    const problem = (given: string, now: Date = winter) => {
      try {
        arrivalTime(given, now);
        return null;
      } catch (error) {
        return (error as { problems: Record<string, string> }).problems.arrivedAt ?? null;
      }
    };
    expect(problem('08:41')).toContain('later than now');
    expect(problem('05:59', new Date('2026-11-23T21:00:00Z'))).toContain('between 06:00 and 20:00');
    expect(problem('20:01', new Date('2026-11-23T21:00:00Z'))).toContain('between 06:00 and 20:00');
    expect(problem('20:00', new Date('2026-11-23T21:00:00Z'))).toBeNull();
    expect(problem('06:00')).toBeNull();
    expect(problem('half eight')).toContain('hours and minutes');
    expect(problem('08:60')).toContain('hours and minutes');
  });

  it('is seen weekly during the trial and monthly after it', () => {
    expect(attendancePeriod('2026-11-25', null)).toEqual({ from: '2026-11-23', to: '2026-11-27', label: 'week' });
    expect(attendancePeriod('2026-11-25', '2026-12-31')).toMatchObject({ label: 'week' });
    expect(attendancePeriod('2026-11-25', '2026-11-01')).toEqual({ from: '2026-11-01', to: '2026-11-30', label: 'month' });
  });

  it('counts working days only for an absence (weekends and bank holidays out)', () => {
    expect(workingDaysBetween('2026-12-24', '2026-12-29', 'england-and-wales')).toEqual(['2026-12-24', '2026-12-29']);
  });
});

describe('an arrival on a day already recorded', () => {
  const day = (status: AttendanceRecord['status']): AttendanceRecord => ({ id: 'd', hcpId: 'h', district: 'd', date: '2026-11-23', jobcentreId: 'c', status, arrivedAt: null, recordedById: 'lucy', recordedAt: new Date('2026-11-23T09:45:00Z'), supplierRequestId: status === 'absent' ? 's' : null });

  it('is recorded on a day with nothing, takes the place of an absence, and is refused over an arrival', () => {
    expect(arrivalOnDay(null)).toEqual({ kind: 'record' });
    expect(arrivalOnDay(day('absent'))).toEqual({ kind: 'replace', absence: day('absent') });
    expect(arrivalOnDay(day('late'))).toEqual({ kind: 'refuse', message: 'Attendance for that day is already recorded.' });
    expect(arrivalOnDay(day('on_time'))).toMatchObject({ kind: 'refuse' });
    expect([null, day('absent'), day('late'), day('on_time')].map(awaitsArrival)).toEqual([true, true, false, false]);
  });

  it('withdraws the replacement of a one-day absence, narrows a longer one to the days still absent, and leaves an answered one', () => {
    const open = { status: 'open' as const, details: 'A replacement for Helen Okoro, absent 3 working days.' };
    expect(replacementAfterArrival(open, [], '2026-11-23', 'Helen Okoro')).toEqual({ status: 'withdrawn', details: 'A replacement for Helen Okoro, absent 3 working days. Withdrawn: Helen Okoro arrived on Monday 23 November 2026, so no replacement is needed.' });
    expect(replacementAfterArrival(open, ['2026-11-25', '2026-11-24'], '2026-11-23', 'Helen Okoro')).toEqual({ fromDate: '2026-11-24', toDate: '2026-11-25', details: 'A replacement for Helen Okoro, absent 3 working days. Not needed on Monday 23 November 2026: Helen Okoro arrived.' });
    // A day in the middle: the dates keep their ends, and the details say which day is not needed.
    expect(replacementAfterArrival(open, ['2026-11-23', '2026-11-25'], '2026-11-24', 'Helen Okoro')).toMatchObject({ fromDate: '2026-11-23', toDate: '2026-11-25' });
    expect(replacementAfterArrival({ ...open, status: 'answered' }, [], '2026-11-23', 'Helen Okoro')).toBeNull();
    expect(replacementAfterArrival({ ...open, status: 'withdrawn' }, [], '2026-11-23', 'Helen Okoro')).toBeNull();
    // Details are kept within the 1000 characters the request holds.
    expect(replacementAfterArrival({ ...open, details: 'x'.repeat(1000) }, [], '2026-11-23', 'Helen Okoro')!.details!.length).toBeLessThanOrEqual(1000);
  });
});

describe('supplier requests and notices', () => {
  it('two weeks for provision and replacements, five working days for information, subject access and FOI', () => {
    expect(supplierDueOn('replacement', '2026-11-23', 'england-and-wales')).toBe('2026-12-07');
    expect(supplierDueOn('provision', '2026-11-23', 'england-and-wales')).toBe('2026-12-07');
    expect(supplierDueOn('ad_hoc_information', '2026-11-23', 'england-and-wales')).toBe('2026-11-30');
    expect(supplierDueOn('subject_access', '2026-12-22', 'england-and-wales')).toBe('2026-12-31');
    expect(supplierDueOn('freedom_of_information', '2026-11-27', 'england-and-wales')).toBe('2026-12-04');
  });

  it('cover asked for days further off than two weeks is due by the first of them, not before it can start', () => {
    // Leave on 5 to 9 January 2027, a replacement asked for on 23 November: in time if cover starts on the 5th.
    expect(supplierDueOn('replacement', '2026-11-23', 'england-and-wales', '2027-01-05')).toBe('2027-01-05');
    expect(supplierDueOn('provision', '2026-11-23', 'england-and-wales', '2027-01-05')).toBe('2027-01-05');
    // Days needed sooner than two weeks, or none given: the two weeks.
    expect(supplierDueOn('replacement', '2026-11-23', 'england-and-wales', '2026-11-25')).toBe('2026-12-07');
    expect(supplierDueOn('provision', '2026-11-23', 'england-and-wales', null)).toBe('2026-12-07');
    // Information is five working days whatever dates it names.
    expect(supplierDueOn('ad_hoc_information', '2026-11-23', 'england-and-wales', '2027-01-05')).toBe('2026-11-30');
  });

  it('says whether the answer came in time', () => {
    const open = { status: 'open' as const, dueOn: '2026-11-30', answeredAt: null };
    expect(supplierTimeliness(open, '2026-11-30')).toBe('open');
    expect(supplierTimeliness(open, '2026-12-01')).toBe('overdue');
    expect(supplierTimeliness({ ...open, status: 'answered', answeredAt: new Date('2026-11-30T16:00:00Z') }, '2026-12-10')).toBe('met');
    expect(supplierTimeliness({ ...open, status: 'answered', answeredAt: new Date('2026-12-01T09:00:00Z') }, '2026-12-10')).toBe('late');
  });

  it('a request for an HCP is fulfilled only by cover starting within two weeks of the request, whenever the answer was typed (seed §4.1)', () => {
    // Asked for on Monday 23 November 2026: cover must start by Monday 7 December.
    const asked = { status: 'open' as const, dueOn: '2026-12-07', coverOn: null };
    const answered = (coverOn: string | null) => ({ ...asked, status: 'answered' as const, coverOn });
    expect(hcpCover(asked, '2026-12-07')).toBe('waiting');
    expect(hcpCover(asked, '2026-12-08')).toBe('unfilled');
    expect(hcpCover(answered('2026-12-07'), '2026-12-07')).toBe('fulfilled');
    expect(hcpCover(answered('2026-11-30'), '2026-12-20')).toBe('fulfilled');
    // Answered in time, but the HCP only starts after the two weeks: not met, already.
    expect(hcpCover(answered('2026-12-08'), '2026-11-24')).toBe('late');
    // A day still to come inside the two weeks is promised, not yet provided.
    expect(hcpCover(answered('2026-12-01'), '2026-11-24')).toBe('promised');
    expect(hcpCover(answered(null), '2026-11-24')).toBe('undated');
    expect(hcpCover({ ...asked, status: 'withdrawn' }, '2026-12-20')).toBe('withdrawn');
  });

  it('the day cover starts is refused beside it when missing, not a date, or before the request', () => {
    expect(coverDateProblem('2026-11-23', '2026-11-23')).toBeNull();
    expect(coverDateProblem('2027-01-04', '2026-11-23')).toBeNull();
    expect(coverDateProblem('', '2026-11-23')).toBe('Enter the day the supplier’s HCP starts covering, as the supplier told you. If they cannot send anyone yet, leave the request open.');
    expect(coverDateProblem('next Monday', '2026-11-23')).toBe('Enter a date, for example 2026-12-01.');
    expect(coverDateProblem('2026-02-30', '2026-11-23')).toBe('Enter a date, for example 2026-12-01.');
    expect(coverDateProblem('2026-11-20', '2026-11-23')).toBe('Cover cannot start before the request was made on Monday 23 November 2026: enter the day the supplier’s HCP starts covering.');
  });

  it('a notice gives at least 1 week from the day the department received it (the period starts then); 1 month is said, not enforced', () => {
    expect(earliestLastDay('2026-11-23')).toBe('2026-11-30');
    expect(earliestLastDayMonth('2026-11-23')).toBe('2026-12-23');
    expect(earliestLastDayMonth('2027-01-31')).toBe('2027-02-28');
    expect(noticeLastDayProblem('2026-11-23', '2026-11-30')).toBeNull();
    expect(noticeLastDayProblem('2026-11-23', '2026-11-29')).toBe('That gives only 6 days of notice. The notice period starts on Monday 23 November 2026, when the supplier told you, and is at least 1 week: the earliest last day allowed is Monday 30 November 2026.');
    expect(noticeLastDayProblem('2026-11-23', '2026-11-20')).toContain('That gives no notice.');
    expect([noticeDays('2026-11-23', '2026-12-23'), noticeDays('2026-03-23', '2026-04-01')]).toEqual([30, 9]);
    expect([1, 7, 8, 14, 30].map(describeNoticeDays)).toEqual(['1 day', '7 days (1 week)', '8 days (1 week and 1 day)', '14 days (2 weeks)', '30 days (4 weeks and 2 days)']);
  });

  it('the supplier tells the department of a notice within one working day', () => {
    expect(noticeDueOn('2026-11-20', 'england-and-wales')).toBe('2026-11-23');
    expect(noticeDueOn('2026-12-24', 'england-and-wales')).toBe('2026-12-29');
  });
});

describe('the weekly note', () => {
  const activity = (over: Partial<SupportingActivity>): SupportingActivity => ({
    id: 'a', hcpId: 'h', kind: 'presentation', status: 'done', jobcentreId: 'c', district: 'd', date: '2026-11-24', start: new Date('2026-11-24T10:00:00Z'), end: new Date('2026-11-24T11:00:00Z'),
    takingPart: 'Crawley coaches', note: 'Back pain and work', caseReference: null, caseCount: null, adHoc: false, requestedById: null, coachId: null, setById: null, recordedById: 'h', recordedAt: null, diaryEntries: [], version: 1, createdAt: new Date(), ...over,
  });

  it('is drafted from the week’s conversations and held activity, cases by reference only', () => {
    const text = draftWeeklyNote('2026-11-23', [activity({}), activity({ kind: 'individual_case_conference', caseReference: 'SA-000004', note: 'Zebedee’s back pain' }), activity({ status: 'planned' }), activity({ date: '2026-12-01' })], { held: 3, booked: 1, didNotHappen: 1 }, () => 'Crawley');
    expect(text).toBe(
      [
        'Three-way conversations: 3 held, 1 still booked, 1 did not happen.',
        'Supporting activity:',
        '- Tuesday 10:00 to 11:00, Crawley: Presentation to a team or office with Crawley coaches: Back pain and work',
        '- Tuesday 10:00 to 11:00, Crawley: Individual case conference with Crawley coaches: about SA-000004',
      ].join('\n'),
    );
    expect(draftWeeklyNote('2026-11-23', [], { held: 0, booked: 0, didNotHappen: 0 }, () => 'x')).toContain('Supporting activity: none recorded.');
  });

  it('must hold every activity held that week: by its day and time, however the rest of its line is worded', () => {
    const held = [activity({}), activity({ id: 'b', kind: 'collaboration', date: '2026-11-26', start: new Date('2026-11-26T14:00:00Z'), end: new Date('2026-11-26T15:00:00Z'), takingPart: 'Dana, the DEA', note: 'Health fair' }), activity({ id: 'c', status: 'planned', date: '2026-11-27' }), activity({ id: 'd', date: '2026-11-30' })];
    const draft = draftWeeklyNote('2026-11-23', held, { held: 0, booked: 0, didNotHappen: 0 }, () => 'Crawley');
    expect(activityMissingFromNote(draft, '2026-11-23', held, () => 'Crawley')).toEqual([]);
    expect(activityMissingFromNote('TUESDAY 10:00  to 11:00 talk at Crawley.\nThursday 14:00 to 15:00 with Dana.', '2026-11-23', held, () => 'Crawley')).toEqual([]);
    const missing = activityMissingFromNote('Tuesday 10:00 to 11:00: talk.', '2026-11-23', held, () => 'Crawley');
    expect(missing).toEqual(['- Thursday 14:00 to 15:00, Crawley: Work with DEAs or work psychologists with Dana, the DEA: Health fair']);
    expect(() => assertNoteHasActivity(missing)).toThrow(expect.objectContaining({ kind: 'invalid', problems: { body: `Add this activity to the note (you may reword it, keeping the day and time):\n${missing[0]}` } }));
    expect(() => assertNoteHasActivity([])).not.toThrow();
  });

  it('is closed to more activity once submitted (until a change is asked) or accepted', () => {
    expect(closedWeekProblem(null, 'Your')).toBeNull();
    expect(closedWeekProblem({ status: 'draft', weekStart: '2026-11-23' }, 'Your')).toBeNull();
    expect(closedWeekProblem({ status: 'change_asked', weekStart: '2026-11-23' }, 'Your')).toBeNull();
    expect(closedWeekProblem({ status: 'submitted', weekStart: '2026-11-23' }, 'Helen Okoro’s')!.message).toMatch(/^Helen Okoro’s weekly note for the week of Monday 23 November 2026 has gone to the activity manager.*ask for a change to the note, which opens it again/);
    expect(closedWeekProblem({ status: 'accepted', weekStart: '2026-11-23' }, 'Your')).toEqual({ message: 'Your weekly note for the week of Monday 23 November 2026 is accepted, so no activity can be added to that week any more. Tell the activity manager about it instead.', field: 'That week’s weekly note is accepted: choose a day in another week.' });
  });

  it('is reminded on Friday afternoon, once, when not submitted', () => {
    const friday = new Date('2026-11-27T14:00:00Z');
    expect(reminderDue(new Date('2026-11-27T13:59:00Z'), null)).toBe(false);
    expect(reminderDue(friday, null)).toBe(true);
    expect(reminderDue(friday, { status: 'draft', remindedAt: null })).toBe(true);
    expect(reminderDue(friday, { status: 'draft', remindedAt: friday })).toBe(false);
    expect(reminderDue(friday, { status: 'submitted', remindedAt: null })).toBe(false);
    expect(reminderDue(new Date('2026-11-26T15:00:00Z'), null)).toBe(false);
    // Summer: 14:00 in London is 13:00 UTC.
    expect(reminderDue(new Date('2026-06-05T13:00:00Z'), null)).toBe(true);
    expect(weekStartOf('2026-11-29')).toBe('2026-11-23');
  });

  it('holds no National Insurance number and is not empty', () => {
    expect(() => checkWeeklyNoteBody('  ')).toThrow('Write the weekly note');
    expect(() => checkWeeklyNoteBody('Saw AB123456C')).toThrow('must not name a claimant');
    expect(checkWeeklyNoteBody(' Presentation at Crawley ')).toBe('Presentation at Crawley');
  });
});

describe('caseReferencesIn', () => {
  it('finds each case reference a note names once, in capitals, and nothing that only looks like one', () => {
    expect(caseReferencesIn('Monday: about sa-000001. Tuesday: DEA-000123 and SA-000001; RET-000004.')).toEqual(['SA-000001', 'DEA-000123', 'RET-000004']);
    expect(caseReferencesIn('Presentation at Crawley; XDEA-000123; SA-00001; DEA-0001234')).toEqual([]);
  });
});

describe('the work coach an individual case conference is with (Annex 3 §3.1–3.2)', () => {
  const ben = { id: 'ben', name: 'Ben Turner', email: 'ben.turner@jobcentre.example' };
  const dev = { id: 'dev', name: 'Dev Patel', email: 'dev.patel@jobcentre.example' };
  const self = { id: 'amira', name: 'Amira Shah', email: 'amira.shah@jobcentre.example' };
  const elsewhere = { who: 'you lead', notInList: 'Choose one of the work coaches you lead, from the list.', required: 'Choose the work coach the case conference is for: they are told, and it goes into their diary.' };

  it('is chosen from the list by whoever arranges it for someone else; a coach arranging their own is named without choosing', () => {
    expect(chooseCoach(undefined, [ben, dev], elsewhere, null)).toEqual({ problem: 'Choose the work coach the case conference is for: they are told, and it goes into their diary.' });
    expect(chooseCoach(' BEN ', [ben, dev], elsewhere, null)).toEqual({ coach: ben });
    expect(chooseCoach('ben turner', [ben, dev], elsewhere, null)).toEqual({ coach: ben });
    expect(chooseCoach('kate', [ben, dev], elsewhere, null)).toEqual({ problem: elsewhere.notInList });
    expect(chooseCoach('', [], elsewhere, self)).toEqual({ coach: self });
    expect(chooseCoach('amira', [ben], elsewhere, self)).toEqual({ coach: self });
    // Nobody to choose from (the directory lists no team): none is named, as before coaches were.
    expect(chooseCoach('', [], elsewhere, null)).toEqual({ coach: null });
  });

  it('has it in their diary with the HCP; a team leader who arranged it for them does not, but takes part in a group one, and in an individual one naming no coach', () => {
    const base = { hcpId: 'helen', requestedById: 'tom' };
    expect(takingPartIds({ ...base, kind: 'individual_case_conference', coachId: 'ben' })).toEqual(['helen', 'ben']);
    expect(takingPartIds({ ...base, kind: 'individual_case_conference', coachId: null })).toEqual(['helen', 'tom']);
    expect(takingPartIds({ ...base, kind: 'individual_case_conference', coachId: 'tom' })).toEqual(['helen', 'tom']);
    expect(takingPartIds({ ...base, kind: 'group_case_conference', coachId: null })).toEqual(['helen', 'tom']);
    expect(takingPartIds({ hcpId: 'helen', requestedById: null, kind: 'individual_case_conference', coachId: 'ben' })).toEqual(['helen', 'ben']);
    expect(takingPartIds({ hcpId: 'helen', requestedById: null, kind: 'presentation', coachId: null })).toEqual(['helen']);
  });

  it('tells the coach an activity was arranged for, unless they asked for it or made the change themselves', () => {
    expect(coachToTell({ coachId: 'ben', requestedById: 'tom' }, 'manager')).toBe('ben');
    expect(coachToTell({ coachId: 'ben', requestedById: 'tom' })).toBe('ben');
    expect(coachToTell({ coachId: 'ben', requestedById: 'ben' }, 'manager')).toBeNull();
    expect(coachToTell({ coachId: 'ben', requestedById: 'tom' }, 'ben')).toBeNull();
    expect(coachToTell({ coachId: null, requestedById: 'tom' }, 'manager')).toBeNull();
  });
});
