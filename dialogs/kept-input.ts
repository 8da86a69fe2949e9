/**
 * What a person typed is given back on a refused form so nothing is lost, but never more than this
 * of one input: longer than any field allows (the form says so next to it), and small enough that
 * the card stays well inside Teams' message size (about 100 KB), even from a client that ignores
 * `maxLength`.
 */
export const KEPT_INPUT_MAX = 5_000;

export function keptInput(value: string): string {
  return value.length > KEPT_INPUT_MAX ? value.slice(0, KEPT_INPUT_MAX) : value;
}
