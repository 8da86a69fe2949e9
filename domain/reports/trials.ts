import { addDays } from '../calendar/london-time';

/** A district's trial: its first day (a Monday) and its length in weeks. */
export interface Trial {
  readonly start: string;
  readonly weeks: number;
}

/** The trial of the specification: 11 March to 17 May 2019, ten weeks. */
export const DEFAULT_TRIAL: Trial = { start: '2019-03-11', weeks: 10 };

/** Each district's trial, from configuration; districts not named have the default. */
export class Trials {
  constructor(
    private readonly byDistrict: ReadonlyMap<string, Trial> = new Map(),
    private readonly fallback: Trial = DEFAULT_TRIAL,
  ) {}

  of(district: string): Trial {
    return this.byDistrict.get(district) ?? this.fallback;
  }
}

/** The day after the trial's last week. */
export function trialEnd(trial: Trial): string {
  return addDays(trial.start, trial.weeks * 7);
}

/** Whether a period (a week of reports or feedback) starts within the trial: weekly figures and feedback are for those. */
export function startsInTrial(trial: Trial, period: { readonly start: string }): boolean {
  return period.start >= trial.start && period.start < trialEnd(trial);
}

/**
 * Whether a month's periodic feedback is asked for: only a month that runs past the trial's end, as
 * its weeks in the trial were asked about week by week already.
 */
export function monthAskedAbout(trial: Trial, month: { readonly end: string }): boolean {
  return month.end > trialEnd(trial);
}

/** The trial's last day (a Sunday): weekly figures until then, monthly after. */
export function lastDayOfTrial(trial: Trial): string {
  return addDays(trialEnd(trial), -1);
}

/** Reads "District=YYYY-MM-DD/weeks; District=…" (the configuration's form); problems as sentences. */
export function parseTrials(text: string): { trials: Map<string, Trial>; problems: string[] } {
  const trials = new Map<string, Trial>();
  const problems: string[] = [];
  for (const part of text.split(';').map((p) => p.trim()).filter(Boolean)) {
    const m = /^(.+?)\s*=\s*(\d{4}-\d{2}-\d{2})\s*\/\s*(\d{1,2})$/.exec(part);
    if (!m) {
      problems.push(`"${part}" should read "District=YYYY-MM-DD/weeks".`);
      continue;
    }
    trials.set(m[1]!, { start: m[2]!, weeks: Number(m[3]) });
  }
  return { trials, problems };
}
