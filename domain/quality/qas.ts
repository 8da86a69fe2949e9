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
