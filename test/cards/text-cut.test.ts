import { jsonLength, pieces, preview } from '../../cards/text-cut';

describe('cutting text to what a card has room for, counted as Teams counts the message', () => {
  it('counts what a card’s JSON writes longer: quotes, backslashes and line breaks twice, other control characters six times', () => {
    expect(jsonLength('plain words')).toBe(11);
    expect(jsonLength('"a\\b"\n')).toBe(10);
    expect(jsonLength('\u0001')).toBe(6);
    expect(jsonLength('😀')).toBe(2);
  });

  it('shows a short text whole, and a long one to a word with "…", within the room given', () => {
    expect(preview('Autism and group sessions', 200)).toEqual({ text: 'Autism and group sessions', cut: false });
    const long = 'How should coaches adapt group sessions for claimants who find them hard? '.repeat(30);
    const shown = preview(long, 200);
    expect(shown.cut).toBe(true);
    expect(shown.text.endsWith('…')).toBe(true);
    expect(jsonLength(shown.text)).toBeLessThanOrEqual(200);
    expect(long.startsWith(shown.text.slice(0, -1))).toBe(true);
    expect(long.charAt(shown.text.length - 1)).toBe(' ');
  });

  it('shows fewer characters of a text full of quotes, and no more than the paragraphs given', () => {
    const quotes = preview('"'.repeat(150), 200);
    expect(quotes.cut).toBe(true);
    expect(jsonLength(quotes.text)).toBeLessThanOrEqual(200);
    expect(preview('one\ntwo\nthree\nfour\nfive', 200, 4)).toEqual({ text: 'one\ntwo\nthree\nfour…', cut: true });
    expect(preview('one\ntwo\nthree\nfour', 200, 4)).toEqual({ text: 'one\ntwo\nthree\nfour', cut: false });
  });

  it('never cuts a character in two', () => {
    const shown = preview('😀'.repeat(200), 101);
    expect(shown.text).toBe(`${'😀'.repeat(50)}…`);
  });

  it('splits a long text into pieces each within the room given, which joined give it back exactly', () => {
    const text = `${'A "quoted" word,\\ then\ta line\n'.repeat(400)}😀\u0001${'x'.repeat(5000)}`;
    const parts = pieces(text, 1000);
    expect(parts.length).toBeGreaterThan(10);
    for (const part of parts) expect(jsonLength(part)).toBeLessThanOrEqual(1000);
    expect(parts.join('')).toBe(text);
    expect(pieces('short', 1000)).toEqual(['short']);
  });
});
