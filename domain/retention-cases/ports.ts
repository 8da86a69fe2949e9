import type { RetentionCase, RetentionRoute } from './retention-case';

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
