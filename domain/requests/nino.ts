/**
 * National Insurance numbers: two prefix letters, six digits, a suffix A–D. The first letter is
 * never D, F, I, Q, U or V; the second never D, F, I, O, Q, U or V; and BG, GB, KN, NK, NT, TN
 * and ZZ are never issued.
 */
const FORMAT = /^([A-Z])([A-Z])(\d{6})([A-D])$/;
const NEVER_FIRST = new Set(['D', 'F', 'I', 'Q', 'U', 'V']);
const NEVER_SECOND = new Set(['D', 'F', 'I', 'O', 'Q', 'U', 'V']);
const NEVER_ISSUED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

export type NinoCheck = { ok: true; nino: string } | { ok: false; problem: string };

/** Normalises (upper case, no spaces) and checks a NINO; the problem says what is wrong. */
export function checkNino(raw: string): NinoCheck {
  const nino = raw.replace(/[\s-]/g, '').toUpperCase();
  if (!nino) return { ok: false, problem: 'Enter the claimant\'s National Insurance number.' };
  const match = FORMAT.exec(nino);
  if (!match) {
    return { ok: false, problem: 'A National Insurance number is 2 letters, 6 numbers and a letter A to D, like AB 12 34 56 C.' };
  }
  const [, first, second] = match as unknown as [string, string, string];
  if (NEVER_FIRST.has(first)) return { ok: false, problem: `A National Insurance number never starts with ${first}.` };
  if (NEVER_SECOND.has(second)) return { ok: false, problem: `The second letter of a National Insurance number is never ${second}.` };
  if (NEVER_ISSUED.has(first + second)) return { ok: false, problem: `National Insurance numbers starting ${first + second} are never issued.` };
  return { ok: true, nino };
}

/** Shown to anyone but the requester and the DEA: only the last three characters. */
export function maskNino(nino: string): string {
  if (!FORMAT.test(nino)) return 'Removed';
  return `•••••${nino.slice(-3)}`;
}

/** Spaced for reading aloud or copying: AB 12 34 56 C. */
export function formatNino(nino: string): string {
  // A NINO removed at the claimant's request, or at the end of its retention period.
  if (!FORMAT.test(nino)) return 'Removed';
  return `${nino.slice(0, 2)} ${nino.slice(2, 4)} ${nino.slice(4, 6)} ${nino.slice(6, 8)} ${nino.slice(8)}`;
}

/**
 * A National Insurance number anywhere in some free text, written as people write one (together,
 * spaced, hyphenated, as checkNino reads them): text that must name no claimant is refused with it.
 */
const NINO_IN_TEXT = /\b[A-Z]{2}[\s-]{0,2}\d{2}[\s-]{0,2}\d{2}[\s-]{0,2}\d{2}[\s-]{0,2}[A-D]\b/i;

export function looksLikeNino(text: string): boolean {
  return NINO_IN_TEXT.test(text);
}
