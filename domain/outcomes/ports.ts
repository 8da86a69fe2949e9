import type { NextStep } from './next-steps';

export type MeetingRecordKind = 'outcome' | 'summary';

/** The outcome of a meeting, or the DEA's summary of its outputs. */
export interface MeetingRecord {
  readonly id: string;
  readonly requestId: string;
  readonly kind: MeetingRecordKind;
  readonly authorId: string;
  readonly at: Date;
  /** Outcome: the actions and recommendations. Summary: the summary of outputs. */
  readonly text: string;
  readonly nextSteps: readonly NextStep[];
  /** Summary: the person it was sent to. */
  readonly sentToId: string | null;
}

export interface MeetingRecordStore {
  /** One of each kind per request: a second is refused as a conflict. */
  add(record: Omit<MeetingRecord, 'id'>): Promise<MeetingRecord>;
  forRequest(requestId: string): Promise<MeetingRecord[]>;
  find(id: string): Promise<MeetingRecord | null>;
}

export interface OutcomeNotifier {
  /** The DEA's summary of outputs goes to the person the seed names, as a card. */
  summaryShared(record: MeetingRecord): Promise<void>;
}
