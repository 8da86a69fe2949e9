import { invalid } from '../errors';
import type { Channel } from '../requests/channels';

/**
 * Quality Assurance Standards checks a Work Coach Team Leader makes of the DEA's work (seed §69):
 * QAS 1 for claimant support interventions, QAS 2 for case and skill conferences and three ways.
 */
export const QAS_STANDARDS = ['qas1', 'qas2'] as const;
export type QasStandard = (typeof QAS_STANDARDS)[number];

export const QAS_LABELS: Readonly<Record<QasStandard, string>> = {
  qas1: 'QAS 1: work coach quality standards (DEA claimant support intervention)',
  qas2: 'QAS 2: DEA / work coach individual case or skills support',
};

export const QAS_RESULTS = ['met', 'partly_met', 'not_met'] as const;
export type QasResult = (typeof QAS_RESULTS)[number];
export const QAS_RESULT_LABELS: Readonly<Record<QasResult, string>> = {
  met: 'Standard met',
  partly_met: 'Partly met: development points agreed',
  not_met: 'Standard not met',
};

export const QAS_NOTES_MAX = 2000;

/**
 * A check's result and notes, as the team leader entered them: a result from the list, and notes
 * (what needs developing) unless the standard was met. Problems are keyed by the form's field ids.
 */
export function checkQasResult(
  result: unknown,
  notes: unknown,
  fields: { result: string; notes: string; resultMissing?: string },
  maxNotes: number = QAS_NOTES_MAX,
): { result: QasResult; notes: string | null } {
  const problems: Record<string, string> = {};
  const chosen = (QAS_RESULTS as readonly string[]).includes(String(result)) ? (result as QasResult) : null;
  if (!chosen) problems[fields.result] = fields.resultMissing ?? 'Choose the result of the check.';
  const text = typeof notes === 'string' ? notes.trim() : '';
  if (text.length > maxNotes) problems[fields.notes] = `Keep the notes under ${maxNotes} characters.`;
  else if (chosen && chosen !== 'met' && !text) problems[fields.notes] = 'Say what needs developing.';
  if (Object.keys(problems).length) throw invalid(Object.values(problems)[0]!, problems);
  return { result: chosen!, notes: text || null };
}

export function standardFor(channel: Channel | null): QasStandard | null {
  if (channel === 'claimant_support_intervention') return 'qas1';
  if (channel === 'case_conference' || channel === 'skill_conference' || channel === 'three_way_intervention') return 'qas2';
  return null;
}

export interface QualityCheck {
  readonly id: string;
  readonly requestId: string;
  readonly standard: QasStandard;
  readonly checkerId: string;
  readonly markedAt: Date;
  readonly result: QasResult | null;
  readonly notes: string | null;
  readonly recordedAt: Date | null;
}

export interface QualityCheckStore {
  /** Marks the request for its check; marking again returns the existing check. */
  mark(check: Pick<QualityCheck, 'requestId' | 'standard' | 'checkerId' | 'markedAt'>): Promise<QualityCheck>;
  forRequest(requestId: string): Promise<QualityCheck | null>;
  /** Records the result once; a conflict if it was already recorded. */
  record(id: string, result: QasResult, notes: string | null, at: Date): Promise<QualityCheck>;
}
