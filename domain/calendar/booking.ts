import { participantId, type ParticipantRole } from '../requests/participants';
import type { Channel } from '../requests/channels';
import type { SupportRequest } from '../requests/support-request';
import type { Interval } from './calendar-port';

/**
 * Someone the booking rules may name beyond the case's parts: the requester's Work Coach Team
 * Leader, who may block out a skill conference in the work coach's diary (seed §17).
 */
export type Booker = ParticipantRole | 'requester_team_leader';

export interface BookingRule {
  /** The booker the seed names first: the one others wait for, and the one the bot acts as. */
  readonly bookedBy: ParticipantRole;
  /** Who else may book it, as `bookedBy` may (seed §17); none for most meetings. */
  readonly alsoBookedBy?: readonly Booker[];
  readonly diaries: readonly ParticipantRole[];
  readonly title: string;
  readonly bookTitle: string;
}

/**
 * Who books each meeting and in whose diaries: the DEA books case conferences (seed §14) and their
 * own 'DEA Support Intervention' (§40); a skill conference is blocked out by the "DEA, work coach or
 * Work Coach Team Leader" (§17); the work coach books a three way once the DEA and they have agreed
 * their availability (§25).
 */
export const BOOKING_RULES: Readonly<Partial<Record<Channel, BookingRule>>> = {
  case_conference: { bookedBy: 'adviser', diaries: ['requester', 'adviser'], title: 'DEA case conference', bookTitle: 'Book the conference' },
  skill_conference: { bookedBy: 'adviser', alsoBookedBy: ['requester', 'requester_team_leader'], diaries: ['requester', 'adviser'], title: 'DEA skill conference', bookTitle: 'Book the conference' },
  three_way_intervention: { bookedBy: 'requester', diaries: ['requester', 'adviser'], title: 'Three way intervention', bookTitle: 'Book the three way intervention' },
  claimant_support_intervention: { bookedBy: 'adviser', diaries: ['adviser'], title: 'DEA Support Intervention', bookTitle: "Book the 'DEA Support Intervention'" },
};

/** The id of the person who books the request's meeting (the first booker the seed names); null when its channel has none. */
export function bookerIdOf(request: Pick<SupportRequest, 'channel' | 'requesterId' | 'deaId'>): string | null {
  const rules = request.channel ? BOOKING_RULES[request.channel] : undefined;
  if (!rules) return null;
  return participantId(request, rules.bookedBy);
}

/** Whether more than one person may book the request's meeting, so who did is worth saying. */
export function hasSeveralBookers(request: Pick<SupportRequest, 'channel'>): boolean {
  const rules = request.channel ? BOOKING_RULES[request.channel] : undefined;
  return (rules?.alsoBookedBy?.length ?? 0) > 0;
}

/**
 * Everyone who may book the request's meeting, the first-named booker first. The requester's team
 * leader is not a part of the case, so the caller says who they are (null: none, or not known).
 */
export function bookerIdsOf(request: Pick<SupportRequest, 'channel' | 'requesterId' | 'deaId'>, requesterTeamLeaderId: string | null): string[] {
  const rules = request.channel ? BOOKING_RULES[request.channel] : undefined;
  if (!rules) return [];
  const ids = [rules.bookedBy, ...(rules.alsoBookedBy ?? [])].map((booker) => (booker === 'requester_team_leader' ? requesterTeamLeaderId : participantId(request, booker)));
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

/**
 * Who booked the meeting: where several people may book it, whoever clicked to book it; otherwise
 * the one booker the seed names (the only one who can have clicked).
 */
export function bookedByOf(request: Pick<SupportRequest, 'channel' | 'requesterId' | 'deaId'>, booking: Pick<Booking, 'startedBy'>): string {
  return (hasSeveralBookers(request) ? booking.startedBy : null) ?? bookerIdOf(request) ?? request.deaId;
}

/** Whether the rules let the requester's team leader book this request's meeting. */
export function teamLeaderMayBook(request: Pick<SupportRequest, 'channel'>): boolean {
  const rules = request.channel ? BOOKING_RULES[request.channel] : undefined;
  return rules?.alsoBookedBy?.includes('requester_team_leader') ?? false;
}

export const DURATIONS_MINUTES = [30, 45, 60, 90] as const;

/** How the meeting happens (seed §14, §17: face to face, Lync (Teams), video or teleconference). */
export const MEETING_MODES = ['face_to_face', 'teams', 'video', 'telephone'] as const;
export type MeetingMode = (typeof MEETING_MODES)[number];

export const MEETING_MODE_LABELS: Readonly<Record<MeetingMode, string>> = {
  face_to_face: 'Face to face',
  teams: 'Microsoft Teams',
  video: 'Video conference',
  telephone: 'Telephone',
};

export function isMeetingMode(value: unknown): value is MeetingMode {
  return typeof value === 'string' && (MEETING_MODES as readonly string[]).includes(value);
}

/** Modes that get a Teams meeting link. */
export function isOnline(mode: MeetingMode): boolean {
  return mode === 'teams' || mode === 'video';
}

/** How the DEA told the claimant about a claimant support intervention (seed §40). */
export const CLAIMANT_CONTACTS = ['phone', 'email', 'face_to_face', 'letter'] as const;
export type ClaimantContact = (typeof CLAIMANT_CONTACTS)[number];
export const CLAIMANT_CONTACT_LABELS: Readonly<Record<ClaimantContact, string>> = {
  phone: 'Phone',
  email: 'Email',
  face_to_face: 'Face to face',
  letter: 'Letter',
};

export function isClaimantContact(value: unknown): value is ClaimantContact {
  return typeof value === 'string' && (CLAIMANT_CONTACTS as readonly string[]).includes(value);
}

/**
 * pending: the diaries are being written; booked; failed: not every diary could be written (tried
 * again or cancelled); moving: every event is being moved to the booking's time; cancelling: every
 * event is being removed; cancelled. pending, moving and cancelling are finished by work in SQL.
 */
export type BookingStatus = 'pending' | 'booked' | 'failed' | 'moving' | 'cancelling' | 'cancelled';

/** Statuses whose diary work is still to do (a job finishes it, even after a restart). */
export const UNFINISHED_BOOKING_STATUSES: readonly BookingStatus[] = ['pending', 'moving', 'cancelling'];

/**
 * Statuses of a booking whose meeting takes place at its time: booked, or being moved there (a move
 * whose diary work was given up after many tries still moved the meeting). Its outcome is recorded after it.
 */
export const MET_STATUSES: readonly BookingStatus[] = ['booked', 'moving'];

/** The audit-trail action of a click that starts a booking: its actor is who booked the meeting. */
export const BOOKING_STARTED = 'book:start';

/** The kind of durable work that brings a booking's diaries in line with it. */
export const BOOKING_WORK = 'booking';

/** One diary event made for a booking, so that moving or cancelling reaches every one. */
export interface BookedEvent {
  readonly mailbox: string;
  readonly eventId: string;
  /** Whose diary: the requester's appointment or the DEA's block. */
  readonly role: ParticipantRole;
}

export interface Booking extends Interval {
  readonly id: string;
  readonly requestId: string;
  readonly mode: MeetingMode;
  readonly status: BookingStatus;
  readonly events: readonly BookedEvent[];
  readonly joinUrl: string | null;
  readonly lastError: string | null;
  readonly claimantContact: ClaimantContact | null;
  /**
   * Who clicked to book it, as the request's audit trail recorded the click (BOOKING_STARTED), read
   * with the booking; null when there is no such record.
   */
  readonly startedBy: string | null;
  readonly version: number;
}

export interface BookingStore {
  create(booking: Omit<Booking, 'id' | 'version' | 'events' | 'joinUrl' | 'lastError' | 'status' | 'claimantContact' | 'startedBy'> & { claimantContact?: ClaimantContact | null }, at: Date): Promise<Booking>;
  find(id: string): Promise<Booking | null>;
  /** The request's booking that is not cancelled, if any. */
  currentFor(requestId: string): Promise<Booking | null>;
  /** Booked (or moving: MET_STATUSES) meetings that ended by `at`, of requests that are still booked. */
  endedBy(at: Date): Promise<Booking[]>;
  /** Saves changes if the booking is still at `expectedVersion`; else a conflict. */
  update(id: string, expectedVersion: number, changes: Partial<Pick<Booking, 'status' | 'events' | 'joinUrl' | 'lastError' | 'start' | 'end'>>, at: Date): Promise<Booking>;
}
