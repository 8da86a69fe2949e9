import type { RetentionCase, RetentionOutcome, RetentionRoute } from './retention-case';

export type NewRetentionCase = Pick<RetentionCase, 'employerAdviserId' | 'jobcentreId' | 'deaId' | 'personName' | 'employer' | 'need' | 'nino' | 'surname' | 'assessment' | 'status' | 'route' | 'createdAt'>;
export type RetentionChanges = Partial<
  Pick<RetentionCase, 'deaId' | 'workPsychologistId' | 'hcpId' | 'hcpAdvice' | 'status' | 'route' | 'agreedNote' | 'interventionRequestId' | 'outcome' | 'outcomeNote' | 'outcomeById' | 'closedAt'>
>;

export interface RetentionCaseStore {
  /** Saves it with the next reference (RET-000001). */
  create(c: NewRetentionCase): Promise<RetentionCase>;
  find(id: string): Promise<RetentionCase | null>;
  /** Saves if still at `expectedVersion` (the version moves on), else a conflict. */
  update(id: string, expectedVersion: number, changes: RetentionChanges): Promise<RetentionCase>;
  /** Cases this person takes part in, newest first. */
  forPerson(personId: string, limit: number): Promise<RetentionCase[]>;
  /** Cases by route (null: not yet agreed), for the reports; those this person takes part in, or all when null. */
  countByRoute(personId: string | null): Promise<ReadonlyMap<RetentionRoute | null, number>>;
}

/** Tells people about a case, after the change commits. */
export interface RetentionNotifier {
  /** The case's card, as a new message, to someone who must act on it now. */
  caseNeedsAttention(c: RetentionCase, recipientId: string): Promise<void>;
  /** Every posted copy is to show it as it now is. */
  caseChanged(c: RetentionCase): void;
}

/** One cell of the retention figures: cases that took this route and ended with this outcome (null: still open). */
export interface RouteOutcomeCount {
  /** Null: the employer adviser and the DEA have not agreed the next step yet. */
  readonly route: RetentionRoute | null;
  readonly outcome: RetentionOutcome | null;
  readonly count: number;
}

/** Which retention cases the figures cover. */
export interface RetentionFigureScope {
  /** Cases registered at or after this instant. */
  readonly from: Date;
  /** Cases registered before this instant. */
  readonly to: Date;
  /** Only cases of these jobcentres (ids); null for every jobcentre. */
  readonly jobcentreIds: readonly string[] | null;
}

/**
 * The one read of retention outcomes by route (seed 000 §66–68), for the reports and the retention
 * cases card alike: counts only, never a person.
 */
export interface RetentionFigures {
  outcomesByRoute(scope: RetentionFigureScope): Promise<RouteOutcomeCount[]>;
}
