import { invalid } from '../errors';
import { isCalendarDate } from '../requests/calendar-date';

/** The HCP's Notes Template as typed on the card. */
export interface NotesInput {
  readonly conditions?: string;
  readonly impact?: string;
  readonly functioning?: string;
  readonly actions?: string;
  readonly noAlternativeDiagnosis?: string;
  readonly wcaNotChallenged?: string;
  readonly hasFindings?: string;
  readonly findings?: string;
  readonly signedName?: string;
  readonly signedOn?: string;
}

export interface CheckedNotes {
  readonly conditions: string;
  readonly impact: string;
  readonly functioning: string;
  readonly actions: string;
  readonly findings: string | null;
  readonly signedName: string;
  readonly signedOn: string;
}

export const NOTES_MAX = 4000;

/**
 * At least: the nature of the condition(s); their impact, limitations and how to manage them;
 * how the person will function in work-related activity; the actions for the Action Plan. The
 * HCP confirms they offered no other diagnosis or treatment and did not challenge the WCA
 * decision, and signs and dates the notes.
 */
export function checkNotes(input: NotesInput, today: string): CheckedNotes {
  const problems: Record<string, string> = {};
  const text = (key: 'conditions' | 'impact' | 'functioning' | 'actions', missing: string): string => {
    const value = (input[key] ?? '').trim();
    if (!value) problems[key] = missing;
    else if (value.length > NOTES_MAX) problems[key] = `Keep this to ${NOTES_MAX} characters or fewer.`;
    return value;
  };
  const conditions = text('conditions', 'Describe the nature of the health condition or conditions.');
  const impact = text('impact', 'Describe the impact, the limitations and how to overcome or manage them.');
  const functioning = text('functioning', 'Describe how the claimant will function in work-related activity.');
  const actions = text('actions', 'List the actions agreed for the claimant’s Action Plan.');
  if (input.noAlternativeDiagnosis !== 'true') problems.noAlternativeDiagnosis = 'Confirm that you did not offer another diagnosis or treatment.';
  if (input.wcaNotChallenged !== 'true') problems.wcaNotChallenged = 'Confirm that you did not challenge the WCA decision.';
  let findings: string | null = null;
  if (input.hasFindings === 'yes') {
    findings = (input.findings ?? '').trim();
    if (!findings) problems.findings = 'Describe the unexpected findings for the GP.';
    else if (findings.length > NOTES_MAX) problems.findings = `Keep this to ${NOTES_MAX} characters or fewer.`;
  } else if (input.hasFindings !== 'no') problems.hasFindings = 'Say whether there were any unexpected findings.';
  const signedName = (input.signedName ?? '').trim();
  if (!signedName) problems.signedName = 'Sign the notes with your name.';
  const signedOn = (input.signedOn ?? '').trim();
  if (!isCalendarDate(signedOn)) problems.signedOn = 'Enter the date you signed the notes.';
  else if (signedOn > today) problems.signedOn = 'The date cannot be in the future.';
  if (Object.keys(problems).length > 0) throw invalid('Some answers need changing.', problems);
  return { conditions, impact, functioning, actions, findings, signedName, signedOn };
}

/**
 * What the coach puts into LMS after the conversation: the reference and the agreed actions, nothing
 * clinical. One line each, the reference starting the first, so a narrow box never breaks it at its
 * hyphen (which would put a line break inside what the coach copies).
 */
export function lmsText(reference: string, heldOn: string, actions: string): readonly string[] {
  return [`${reference}: Specialist Advice three-way conversation held on ${heldOn}.`, `Actions agreed for the Action Plan: ${actions}`];
}
