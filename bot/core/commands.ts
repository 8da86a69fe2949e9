/** Lower-case, single-spaced, without a trailing full stop: "New  Request." is "new request". */
export function normaliseCommand(text: string | undefined): string {
  return (text ?? '').trim().replace(/\s+/g, ' ').replace(/[.!?]+$/, '').toLowerCase();
}
