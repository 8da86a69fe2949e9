import { AnsweredCards } from '../../bot/requests/answered-cards';

describe('AnsweredCards', () => {
  it('leaves a copy alone while its click is answered and at the version answered, not after', () => {
    const cards = new AnsweredCards(() => undefined);
    cards.begin('card-1');
    expect(cards.skips('card-1', 'r1', 5)).toBe(true);
    expect(cards.skips('card-2', 'r1', 5)).toBe(false);
    cards.end('card-1', 5);
    expect(cards.skips('card-1', 'r1', 5)).toBe(true);
    expect(cards.skips('card-1', 'r1', 6)).toBe(false);
  });

  it('refreshes again when a newer change came while the click was being answered', () => {
    const missed: string[] = [];
    const cards = new AnsweredCards((id) => missed.push(id));
    cards.begin('card-1');
    expect(cards.skips('card-1', 'r1', 7)).toBe(true);
    cards.end('card-1', 6);
    expect(missed).toEqual(['r1']);
  });

  it('does not refresh again when the answer was as new as what was skipped', () => {
    const missed: string[] = [];
    const cards = new AnsweredCards((id) => missed.push(id));
    cards.begin('card-1');
    cards.skips('card-1', 'r1', 6);
    cards.end('card-1', 6);
    expect(missed).toEqual([]);
  });

  it('keeps a refused click’s answer (with what was typed) and then lets later changes through', () => {
    const missed: string[] = [];
    const cards = new AnsweredCards((id) => missed.push(id));
    cards.begin('card-1');
    cards.skips('card-1', 'r1', 3);
    cards.end('card-1', null);
    expect(missed).toEqual([]);
    expect(cards.skips('card-1', 'r1', 4)).toBe(false);
  });

  it('ignores clicks Teams did not name a card for', () => {
    const cards = new AnsweredCards(() => undefined);
    cards.begin(undefined);
    cards.end(undefined, 4);
    expect(cards.skips('undefined', 'r1', 4)).toBe(false);
  });
});
