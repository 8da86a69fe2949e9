import type { Interval, NotBusy, ShowAs } from '../../domain/calendar/calendar-port';

/** The diary states that stop a meeting being booked; free and "working elsewhere" do not. */
export const BUSY_STATES: readonly ShowAs[] = ['busy', 'tentative', 'oof'];

export function isBusyState(state: string): boolean {
  return (BUSY_STATES as readonly string[]).includes(state.toLowerCase());
}

/**
 * Clips to [from, to), sorts and merges overlapping or touching intervals. Both adapters answer
 * through this, so they agree even though Graph reports an event once per getSchedule window and
 * once per diary it appears in, while the embedded calendar reports each row once. Events at exactly
 * one of the `except` times are left out first: merged, they could no longer be told from the others.
 */
export function normaliseBusy(intervals: readonly Interval[], from: Date, to: Date, except: readonly Interval[] = []): Interval[] {
  const lo = from.getTime();
  const hi = to.getTime();
  // Each `except` time leaves out one event: another at the same times (a real meeting) still blocks.
  const left = new Map<string, number>();
  for (const i of except) left.set(keyOf(i), (left.get(keyOf(i)) ?? 0) + 1);
  const kept = left.size
    ? intervals.filter((i) => {
        const n = left.get(keyOf(i)) ?? 0;
        if (n > 0) left.set(keyOf(i), n - 1);
        return n === 0;
      })
    : intervals;
  const clipped = kept
    .map((i) => ({ start: Math.max(i.start.getTime(), lo), end: Math.min(i.end.getTime(), hi) }))
    .filter((i) => i.end > i.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: { start: number; end: number }[] = [];
  for (const next of clipped) {
    const last = merged[merged.length - 1];
    if (last && next.start <= last.end) last.end = Math.max(last.end, next.end);
    else merged.push({ ...next });
  }
  return merged.map((i) => ({ start: new Date(i.start), end: new Date(i.end) }));
}

function keyOf(i: Interval): string {
  return `${i.start.getTime()}/${i.end.getTime()}`;
}

/** The `except` times keyed lower-case, as the adapters key mailboxes. */
export function notBusyByMailbox(except: NotBusy | undefined): ReadonlyMap<string, readonly Interval[]> {
  const out = new Map<string, Interval[]>();
  for (const [mailbox, times] of except ?? []) out.set(mailbox.toLowerCase(), [...(out.get(mailbox.toLowerCase()) ?? []), ...times]);
  return out;
}

/**
 * The map `busy` answers with: one entry per requested mailbox, keyed lower-case, because
 * mailboxes are compared without case and callers look people up by the email they hold.
 */
export function emptyBusyMap(mailboxes: readonly string[]): Map<string, Interval[]> {
  return new Map(mailboxes.map((m) => [m.toLowerCase(), []]));
}
