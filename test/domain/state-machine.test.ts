import { assertMove, canMove, OPEN_STATUSES } from '../../domain/requests/state-machine';
import { REQUEST_STATUSES, type RequestStatus } from '../../domain/requests/support-request';

const ALLOWED: ReadonlyArray<[RequestStatus, RequestStatus]> = [
  ['submitted', 'info_requested'],
  ['submitted', 'accepted'],
  ['submitted', 'redirected'],
  ['submitted', 'withdrawn'],
  ['info_requested', 'submitted'],
  ['info_requested', 'accepted'],
  ['info_requested', 'redirected'],
  ['info_requested', 'withdrawn'],
  ['accepted', 'booked'],
  ['accepted', 'closed'],
  ['accepted', 'withdrawn'],
  ['booked', 'held'],
  ['booked', 'accepted'],
  ['held', 'outcome_recorded'],
  // A meeting that did not take place is booked again (seed §36: it is not one of the claimant's three).
  ['held', 'accepted'],
  ['outcome_recorded', 'closed'],
];

describe('the life of a request', () => {
  it.each(REQUEST_STATUSES.flatMap((from) => REQUEST_STATUSES.map((to) => [from, to] as const)))('%s → %s is allowed only as the operating model says', (from, to) => {
    const expected = ALLOWED.some(([f, t]) => f === from && t === to);
    expect(canMove(from, to)).toBe(expected);
  });

  it('ends at closed, redirected and withdrawn', () => {
    for (const end of ['closed', 'redirected', 'withdrawn'] as const) {
      expect(REQUEST_STATUSES.filter((to) => canMove(end, to))).toEqual([]);
    }
  });

  it('cannot be withdrawn once booked', () => {
    expect(() => assertMove('booked', 'withdrawn', 'withdrawn')).toThrow(/cannot be withdrawn now: it is booked/);
  });

  it('keeps submitted, info requested and accepted requests in the DEA queue', () => {
    expect(OPEN_STATUSES).toEqual(['submitted', 'info_requested', 'accepted']);
  });
});
