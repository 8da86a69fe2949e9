/**
 * HCP breaks agreed with the activity manager (§2.2.3): typed per weekday as London times, e.g.
 * "12:30-13:00", several separated by commas. Each must lie inside the HCP's working hours.
 */
import { clockMinutes, isClockTime } from '../calendar/london-time';
import type { WorkingHours } from '../calendar/working-hours';
import { invalid } from '../errors';
import type { HcpBreak } from './conversation';

export const BREAK_DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;
export type BreakDay = (typeof BREAK_DAYS)[number];
export const BREAK_DAY_LABELS: Readonly<Record<BreakDay, string>> = { monday: 'Monday', tuesday: 'Tuesday', wednesday: 'Wednesday', thursday: 'Thursday', friday: 'Friday' };

/** What the activity manager typed, by weekday (the card's input ids). */
export type BreaksInput = Readonly<Partial<Record<BreakDay, string>>>;

const SPAN = /^(\d{1,2}[:.]\d{2})\s*(?:-|–|to)\s*(\d{1,2}[:.]\d{2})$/i;

/** "9.30" and "9:30" read as "09:30". */
function time(text: string): string {
  const [h, m] = text.replace('.', ':').split(':');
  return `${h!.padStart(2, '0')}:${m}`;
}

/** The breaks typed, checked; every problem is named beside its weekday and nothing typed is lost. */
export function parseBreaks(hcpId: string, input: BreaksInput, hours: WorkingHours): HcpBreak[] {
  const breaks: HcpBreak[] = [];
  const problems: Record<string, string> = {};
  for (const day of BREAK_DAYS) {
    const text = (input[day] ?? '').trim();
    if (!text) continue;
    const spans: HcpBreak[] = [];
    for (const part of text.split(/[,;]/).map((p) => p.trim()).filter(Boolean)) {
      const found = SPAN.exec(part);
      const start = found ? time(found[1]!) : '';
      const end = found ? time(found[2]!) : '';
      if (!found || !isClockTime(start) || !isClockTime(end)) {
        problems[day] = 'Enter each break like 12:30-13:00, separated by commas.';
        break;
      }
      if (clockMinutes(end) <= clockMinutes(start)) {
        problems[day] = `The break ${part} ends before it starts.`;
        break;
      }
      const work = hours[day];
      if (!work || clockMinutes(start) < clockMinutes(work.start) || clockMinutes(end) > clockMinutes(work.end)) {
        problems[day] = work ? `A break must be within working hours, ${work.start} to ${work.end}.` : 'This is not a working day for them.';
        break;
      }
      spans.push({ hcpId, weekday: day, start, end });
    }
    const sorted = spans.sort((a, b) => clockMinutes(a.start) - clockMinutes(b.start));
    if (!problems[day] && sorted.some((b, i) => i > 0 && clockMinutes(b.start) < clockMinutes(sorted[i - 1]!.end))) problems[day] = 'Two of these breaks overlap.';
    if (!problems[day]) breaks.push(...sorted);
  }
  if (Object.keys(problems).length) throw invalid('Some breaks could not be saved.', problems);
  return breaks;
}

/** The breaks of a weekday as typed back, e.g. "12:30-13:00, 15:00-15:15". */
export function breaksText(breaks: readonly HcpBreak[], day: BreakDay): string {
  return breaks
    .filter((b) => b.weekday === day)
    .map((b) => `${b.start}-${b.end}`)
    .join(', ');
}
