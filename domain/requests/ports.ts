import type { ClaimantDetails, RequestStatus, RequestType, SkillTopic, SupportRequest, Vulnerability } from './support-request';

export interface NewSupportRequest {
  readonly type: RequestType;
  readonly requesterId: string;
  readonly deaId: string;
  readonly claimant: ClaimantDetails | null;
  readonly topic: SkillTopic | null;
  readonly description: string;
  readonly reason: string | null;
  readonly requiredBy: string | null;
  readonly urgent: boolean;
  readonly vulnerability: Vulnerability | null;
}

export interface StatusChange {
  readonly requestId: string;
  /** The version the actor saw; the change fails with a conflict if the request moved on. */
  readonly expectedVersion: number;
  readonly to: RequestStatus;
  readonly actorId: string;
  readonly action: string;
  readonly at: Date;
}

export interface SupportRequestStore {
  /** Saves the request with the next reference and an audit event, in one transaction. */
  create(request: NewSupportRequest, at: Date): Promise<SupportRequest>;
  findById(id: string): Promise<SupportRequest | null>;
  findByNumber(number: number): Promise<SupportRequest | null>;
  listByRequester(requesterId: string, limit: number): Promise<SupportRequest[]>;
  /** Moves the request on if it is still at `expectedVersion`, with an audit event; else a conflict. */
  changeStatus(change: StatusChange): Promise<SupportRequest>;
}

/** Tells people about a request, in Teams, after the person who acted has had their answer. */
export interface RequestNotifier {
  requestSubmitted(request: SupportRequest): Promise<void>;
  requestChanged(request: SupportRequest): Promise<void>;
}
