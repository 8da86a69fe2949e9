import { AnsweredCards } from '../../bot/requests/answered-cards';

describe('AnsweredCards', () => {
  it('leaves a copy alone while its click is answered and at the version answered, not after', () => {
    const cards = new AnsweredCards(() => undefined);
    cards.begin('card-1');
    expect(cards.skips('card-1', 'r1', 5)).toBe(true);
    expect(cards.skips('card-2', 'r1', 5)).toBe(false);
    cards.end('card-1', { shown: 5 });
    expect(cards.skips('card-1', 'r1', 5)).toBe(true);
    expect(cards.skips('card-1', 'r1', 6)).toBe(false);
  });

  it('refreshes again when a newer change came while the click was being answered', () => {
    const missed: string[] = [];
    const cards = new AnsweredCards((id) => missed.push(id));
    cards.begin('card-1');
    expect(cards.skips('card-1', 'r1', 7)).toBe(true);
    cards.end('card-1', { shown: 6 });
    expect(missed).toEqual(['r1']);
  });

  it('does not refresh again when the answer was as new as what was skipped', () => {
    const missed: string[] = [];
    const cards = new AnsweredCards((id) => missed.push(id));
    cards.begin('card-1');
    cards.skips('card-1', 'r1', 6);
    cards.end('card-1', { shown: 6 });
    expect(missed).toEqual([]);
  });

  it('keeps a refused click’s answer (with what was typed) and then lets later changes through', () => {
    const missed: string[] = [];
    const cards = new AnsweredCards((id) => missed.push(id));
    cards.begin('card-1');
    cards.skips('card-1', 'r1', 3);
    cards.end('card-1', 'refused');
    expect(missed).toEqual([]);
    expect(cards.skips('card-1', 'r1', 4)).toBe(false);
  });

  it('refreshes the copy when its click could not be answered, whatever was skipped meanwhile', () => {
    const missed: string[] = [];
    const cards = new AnsweredCards((id) => missed.push(id));
    cards.begin('card-1');
    // The click's own change, refreshed in the background before its answer failed to be drawn.
    expect(cards.skips('card-1', 'r1', 2)).toBe(true);
    cards.end('card-1', 'failed');
    expect(missed).toEqual(['r1']);
    expect(cards.skips('card-1', 'r1', 2)).toBe(false);
  });

  it('lets every refresh through after a click that failed with nothing skipped', () => {
    const missed: string[] = [];
    const cards = new AnsweredCards((id) => missed.push(id));
    cards.begin('card-1');
    cards.end('card-1', 'failed');
    expect(missed).toEqual([]);
    expect(cards.skips('card-1', 'r1', 2)).toBe(false);
  });

  it('ignores clicks Teams did not name a card for', () => {
    const cards = new AnsweredCards(() => undefined);
    cards.begin(undefined);
    cards.end(undefined, { shown: 4 });
    expect(cards.skips('undefined', 'r1', 4)).toBe(false);
  });
});
