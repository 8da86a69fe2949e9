import { coverDayProblem, coverDayRefusal } from '../../../domain/hcp-activity/rules';
import type { SupplierRequest } from '../../../domain/hcp-activity/records';

/**
 * Seed 002 §4.1 is measured to the day the supplier's HCP really started covering: the activity
 * manager corrects the day promised when it turns out otherwise. One rule says who may, for both the
 * control on the supplier card and the click.
 */
describe('changing the day cover starts on a supplier request', () => {
  const manager = { roles: ['hcp_activity_manager'] as const };
  const answered: Pick<SupplierRequest, 'district' | 'kind' | 'status'> = { district: 'Surrey and Sussex', kind: 'replacement', status: 'answered' };

  it('is for the district’s activity managers only, on an answered request for an HCP', () => {
    expect(coverDayRefusal(manager, 'Surrey and Sussex', answered)).toBeNull();
    expect(coverDayRefusal(manager, 'Surrey and Sussex', { ...answered, kind: 'provision' })).toBeNull();
    expect(coverDayRefusal({ roles: ['hcp'] }, 'Surrey and Sussex', answered)).toMatchObject({ kind: 'not_allowed', message: 'This is for HCP Activity Managers.' });
    expect(coverDayRefusal(manager, 'Lancashire', answered)).toMatchObject({ kind: 'not_found', message: 'That supplier request is not one of your district’s.' });
    expect(coverDayRefusal(manager, null, answered)).toMatchObject({ kind: 'not_found' });
    expect(coverDayRefusal(manager, 'Surrey and Sussex', null)).toMatchObject({ kind: 'not_found' });
    expect(coverDayRefusal(manager, 'Surrey and Sussex', { ...answered, kind: 'ad_hoc_information' })).toMatchObject({ kind: 'invalid', message: 'Only a request for an HCP has a day cover starts.' });
    expect(coverDayRefusal(manager, 'Surrey and Sussex', { ...answered, status: 'open' })).toMatchObject({ kind: 'invalid', message: 'The supplier has not answered this request yet: record their answer with the day cover starts.' });
    expect(coverDayRefusal(manager, 'Surrey and Sussex', { ...answered, status: 'withdrawn' })).toMatchObject({ kind: 'invalid' });
  });

  it('takes the same dates as an answer: a date, not before the request; and not the day already recorded', () => {
    // Asked for on Monday 23 November 2026; the supplier promised Wednesday 9 December.
    const request = { raisedAt: new Date('2026-11-23T12:00:00Z'), coverOn: '2026-12-09' };
    expect(coverDayProblem('2026-12-04', request)).toBeNull();
    expect(coverDayProblem('2026-12-14', request)).toBeNull();
    expect(coverDayProblem('2026-11-23', request)).toBeNull();
    expect(coverDayProblem('', request)).toBe('Enter the day the supplier’s HCP started covering, or will start.');
    expect(coverDayProblem('the 4th', request)).toBe('Enter a date, for example 2026-12-01.');
    expect(coverDayProblem('2026-11-20', request)).toBe('Cover cannot start before the request was made on Monday 23 November 2026: enter the day the supplier’s HCP starts covering.');
    expect(coverDayProblem('2026-12-09', request)).toBe('Wednesday 9 December 2026 is already the cover day recorded: enter the day the supplier’s HCP really started covering.');
    // An answer recorded before cover days were asked for has none: any day from the request on gives it one.
    expect(coverDayProblem('2026-12-09', { ...request, coverOn: null })).toBeNull();
  });
});
