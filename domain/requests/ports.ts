import type { Channel } from './channels';
import type { RequestMessageKind, RequestStatus, SkillTopic, SupportRequest } from './support-request';
import type { StaffMember } from '../staff';

/** What the store needs to save a new request; it assigns the id, reference, status and version. */
export type NewSupportRequest = Pick<
  SupportRequest,
  'type' | 'requesterId' | 'deaId' | 'claimant' | 'topic' | 'description' | 'reason' | 'requiredBy' | 'urgent' | 'vulnerability'
> & {
  /** The same key twice makes one request: a repeated "Send" returns the first. */
  readonly submissionKey?: string;
  readonly parentRequestId?: string | null;
  readonly requestedChannel?: Channel | null;
  readonly claimantCoachId?: string | null;
  /** A follow-up agreed in a meeting with the DEA starts accepted with its channel. */
  readonly acceptedAs?: Channel;
};

export interface StatusChange {
  readonly requestId: string;
  /** The version the actor saw; the change fails with a conflict if the request moved on. */
  readonly expectedVersion: number;
  readonly to: RequestStatus;
  readonly actorId: string;
  readonly action: string;
  readonly at: Date;
  readonly channel?: Channel;
  readonly inappropriate?: boolean;
  /** Added to the request's written exchange in the same transaction. */
  readonly message?: { readonly kind: RequestMessageKind; readonly text: string; readonly summary?: string | null; readonly expectedReturn?: string | null };
  /**
   * The request as the actor's check read it, at `expectedVersion`: the store need not read it
   * again, as every change moves the version on and the write is refused if it has moved.
   */
  readonly current?: SupportRequest;
}

/**
 * A change to a request that leaves its status as it is (a booking started or moved, consent
 * recorded, a holding response, a QAS check): the version moves on so every copy of its card is
 * updated, and the audit trail says what happened.
 */
export type VersionBump = Omit<StatusChange, 'to' | 'channel' | 'inappropriate'>;

/** A request, and whether this call saved it (false: an earlier one with the same submission key). */
export interface CreatedRequest {
  readonly request: SupportRequest;
  readonly created: boolean;
}

export interface SupportRequestStore {
  /**
   * Saves the request with the next reference and an audit event, in one transaction; or, when a
   * request was already saved under its submission key, returns that one, `created` false.
   */
  createOnce(request: NewSupportRequest, at: Date): Promise<CreatedRequest>;
  findById(id: string): Promise<SupportRequest | null>;
  findByNumber(number: number): Promise<SupportRequest | null>;
  listByRequester(requesterId: string, limit: number): Promise<SupportRequest[]>;
  /** Requests by these people since a time, for spotting trends. */
  listByRequesters(requesterIds: readonly string[], since: Date): Promise<SupportRequest[]>;
  /** Moves the request on if it is still at `expectedVersion`, with an audit event; else a conflict. */
  /** Moves the request to another status, as the state machine allows from the stored one. */
  changeStatus(change: StatusChange): Promise<SupportRequest>;
  /** Moves the version on without a change of status. */
  touch(change: VersionBump): Promise<SupportRequest>;
}

export type TrendKind = 'inappropriate_requests' | 'repeated_skill_topic';

export interface Trend {
  readonly kind: TrendKind;
  readonly teamLeaderId: string;
  /** The work coaches the trend is about. */
  readonly coachIds: readonly string[];
  readonly topic: SkillTopic | null;
  readonly count: number;
  readonly windowDays: number;
}

export interface TrendStore {
  /** Records the trend and returns its id, or null when this trend was already reported. */
  recordOnce(trend: Trend, key: string, at: Date): Promise<string | null>;
}

/** Tells people about a request, in Teams, after the person who acted has had their answer. */
export interface RequestNotifier {
  requestSubmitted(request: SupportRequest): Promise<void>;
  requestChanged(request: SupportRequest): Promise<void>;
  /** A new message (not just an update) to someone who needs to act: the coach asked for information. */
  requestNeedsAttention(request: SupportRequest, recipientId: string): Promise<void>;
  trendSpotted(trendId: string, trend: Trend): Promise<void>;
}

/**
 * Where a request accepted as a group work coach conference goes (seed §13, §30): the requester's
 * next group conference, nominated there; or, with none booked, why not and who plans them.
 */
export interface GroupConferencePlaces {
  placeAccepted(dea: StaffMember, request: SupportRequest): Promise<{ readonly conference: { readonly start: Date | null; readonly end: Date | null; readonly groupIndex: number } } | { readonly refusal: string }>;
}
