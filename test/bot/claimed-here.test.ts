import { ClaimedHere } from '../../bot/deduplication';

describe('claims kept in the process, for turns that only show', () => {
  it('takes a delivery once within the window, and again after it', () => {
    const claims = new ClaimedHere(60_000);
    expect(claims.claim('a', 0)).toBe(true);
    expect(claims.claim('a', 59_999)).toBe(false);
    expect(claims.claim('b', 59_999)).toBe(true);
    expect(claims.claim('a', 60_000)).toBe(true);
    // Expired claims are let go as new ones come.
    expect(claims.claim('c', 200_000)).toBe(true);
    expect(claims.size).toBe(1);
  });

  it('forgets a released claim, so that the re-send of a turn that failed is handled', () => {
    const claims = new ClaimedHere(60_000);
    expect(claims.claim('a', 0)).toBe(true);
    claims.release('a');
    expect(claims.claim('a', 1)).toBe(true);
  });

  it('keeps at most its bound, letting the oldest go first', () => {
    const claims = new ClaimedHere(60_000, 3);
    for (const key of ['a', 'b', 'c', 'd']) expect(claims.claim(key, 1)).toBe(true);
    expect(claims.size).toBe(3);
    expect(claims.claim('a', 2)).toBe(true);
    expect(claims.claim('d', 2)).toBe(false);
  });
});
