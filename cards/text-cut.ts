/**
 * Teams' limit is on the message as sent, where a quote, a backslash or a line break is written as
 * two characters and another control character as six: a card's budget is counted in those, so
 * that text full of them cannot take a card past the limit that ordinary text stays well inside.
 */
export function jsonLength(text: string): number {
  return JSON.stringify(text).length - 2;
}

/** What one UTF-16 unit of `text` at `i` costs in JSON, and how many units it takes with it (a surrogate pair is never split). */
function step(text: string, i: number): { cost: number; units: number } {
  const code = text.charCodeAt(i);
  if (code === 0x22 || code === 0x5c || code === 0x08 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d) return { cost: 2, units: 1 };
  if (code < 0x20) return { cost: 6, units: 1 };
  if (code >= 0xd800 && code <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return { cost: 2, units: 2 };
    return { cost: 6, units: 1 };
  }
  if (code >= 0xdc00 && code <= 0xdfff) return { cost: 6, units: 1 };
  return { cost: 1, units: 1 };
}

/** Where the text from `start` that fits in `budget` (counted as `jsonLength`) ends. */
function endWithin(text: string, start: number, budget: number): number {
  let used = 0;
  let i = start;
  while (i < text.length) {
    const { cost, units } = step(text, i);
    if (used + cost > budget) break;
    used += cost;
    i += units;
  }
  return i;
}

/** Backs `end` up to just after the last space or line break in the final fifth since `start`, so a word is not cut in two when that costs little. */
function atWordEnd(text: string, start: number, end: number): number {
  if (end >= text.length || /\s/.test(text.charAt(end))) return end;
  const floor = start + Math.floor((end - start) * 0.8);
  for (let i = end; i > floor; i--) if (/\s/.test(text.charAt(i - 1))) return i;
  return end;
}

/**
 * The start of `text` shown in a list: all of it when it fits in `budget` and `lines` paragraphs,
 * otherwise as much as fits, ending at a word, with "…"; `cut` says whether anything was left out.
 * Paragraphs are counted because a short text of many line breaks would still make a tall list.
 */
export function preview(text: string, budget: number, lines = Infinity): { text: string; cut: boolean } {
  let breaks = 0;
  let lastLine = text.length;
  for (let i = 0; i < text.length && lastLine === text.length; i++) if (text.charAt(i) === '\n' && ++breaks >= lines) lastLine = i;
  if (lastLine === text.length && endWithin(text, 0, budget) === text.length) return { text, cut: false };
  const end = Math.min(lastLine, atWordEnd(text, 0, endWithin(text, 0, Math.max(0, budget - 1))));
  return { text: `${text.slice(0, end).trimEnd()}…`, cut: true };
}

/**
 * `text` in pieces that each fit in `budget` (counted as `jsonLength`), broken after a space where
 * one is near: the pieces joined give back `text` exactly, so nothing is lost by splitting it.
 */
export function pieces(text: string, budget: number): string[] {
  const out: string[] = [];
  let start = 0;
  for (;;) {
    const fits = endWithin(text, start, budget);
    if (fits === text.length) break;
    // A budget too small for even one character still moves on, rather than looping for ever.
    const end = Math.max(atWordEnd(text, start, fits), start + step(text, start).units);
    out.push(text.slice(start, end));
    start = end;
  }
  out.push(text.slice(start));
  return out;
}
