import type { Channel } from '../requests/channels';
import type { Interval } from './calendar-port';

/** The channels booked by the DEA on the request card; three-way and claimant support interventions have their own journeys. */
export const CONFERENCE_CHANNELS: readonly Channel[] = ['case_conference', 'skill_conference'];

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

export type BookingStatus = 'pending' | 'booked' | 'failed' | 'cancelled';

/** One diary event made for a booking, so that moving or cancelling reaches every one. */
export interface BookedEvent {
  readonly mailbox: string;
  readonly eventId: string;
  /** Whose diary: the requester's appointment or the DEA's block. */
  readonly role: 'requester' | 'dea';
}

export interface Booking extends Interval {
  readonly id: string;
  readonly requestId: string;
  readonly mode: MeetingMode;
  readonly status: BookingStatus;
  readonly events: readonly BookedEvent[];
  readonly joinUrl: string | null;
  readonly lastError: string | null;
  readonly version: number;
}

export interface BookingStore {
  create(booking: Omit<Booking, 'id' | 'version' | 'events' | 'joinUrl' | 'lastError' | 'status'>, at: Date): Promise<Booking>;
  find(id: string): Promise<Booking | null>;
  /** The booking that is pending, booked or failed for the request, if any. */
  currentFor(requestId: string): Promise<Booking | null>;
  /** Saves changes if the booking is still at `expectedVersion`; else a conflict. */
  update(id: string, expectedVersion: number, changes: Partial<Pick<Booking, 'status' | 'events' | 'joinUrl' | 'lastError' | 'start' | 'end'>>, at: Date): Promise<Booking>;
}
