import type { RequestStatus } from '../requests/support-request';
import type { ConsentPurpose, ConsentRecord, NewConsent } from './consent';
import type { InterventionOverride } from './intervention-limit';

export interface InterventionStore {
  /** Records the consent; a second record for the same request and purpose is refused as a conflict. */
  saveConsent(consent: NewConsent): Promise<ConsentRecord>;
  consentFor(requestId: string, purpose: ConsentPurpose): Promise<ConsentRecord | null>;
  /**
   * Requests for a DEA claimant support intervention for the claimant with this NINO, in these
   * statuses, other than the given one. A closed one counts only if its meeting took place (a booking
   * booked, or being moved: MET_STATUSES): one closed before booking (consent refused, a further one not
   * agreed) was never had.
   */
  countInterventions(nino: string, exceptRequestId: string, statuses: readonly RequestStatus[]): Promise<number>;
  /**
   * Accepted claimant support interventions for the claimant with this NINO, other than the given one,
   * whose booking is being written or failed (to be tried again): they count toward the limit too
   * (seed §36), so another must not be booked past it meanwhile.
   */
  countBeingBooked(nino: string, exceptRequestId: string): Promise<number>;
  /** Asks once per request; asking again while one is pending returns it. */
  askOverride(override: Omit<InterventionOverride, 'id' | 'decision' | 'decidedAt' | 'note'>): Promise<InterventionOverride>;
  overrideFor(requestId: string): Promise<InterventionOverride | null>;
  findOverride(id: string): Promise<InterventionOverride | null>;
  /** Decides a pending request; a conflict if it was already decided. */
  decideOverride(id: string, decision: 'agreed' | 'declined', note: string | null, at: Date): Promise<InterventionOverride>;
}

/** Tells people about consent and interventions, after the person who acted has had their answer. */
export interface InterventionNotifier {
  /** The DEA's team leader is asked to agree an intervention beyond the limit. */
  overrideAsked(override: InterventionOverride): Promise<void>;
}
