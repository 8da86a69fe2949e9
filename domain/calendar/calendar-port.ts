/**
 * People's diaries, behind one port with two adapters: Microsoft Graph (Outlook) and an embedded
 * calendar kept in SQL for running without Microsoft 365. Both behave the same. All times are UTC
 * instants; local reasoning (working hours, bank holidays, BST) happens in the domain.
 */

export interface Interval {
  readonly start: Date;
  readonly end: Date;
}

export type ShowAs = 'free' | 'tentative' | 'busy' | 'oof';

export interface Attendee {
  readonly email: string;
  readonly name: string;
}

export interface NewEvent {
  /** The diary the event is created in (the organiser's mailbox: an email address / UPN). */
  readonly mailbox: string;
  /** Never a claimant's NINO, surname or health details: the case reference at most. */
  readonly subject: string;
  /** Plain text, under the same rule as the subject. */
  readonly body: string;
  readonly start: Date;
  readonly end: Date;
  readonly showAs: ShowAs;
  /** Invited people; their diaries show the meeting too. */
  readonly attendees: readonly Attendee[];
  readonly location: string | null;
  /** Add a Teams meeting link. */
  readonly onlineMeeting: boolean;
  /** Idempotency key: creating the same transactionId again in one mailbox never makes a second event. */
  readonly transactionId: string;
}

export interface EventRef {
  readonly mailbox: string;
  readonly eventId: string;
}

export interface EventChange extends EventRef {
  readonly start: Date;
  readonly end: Date;
}

export type EventResult =
  | { readonly ok: true; readonly mailbox: string; readonly eventId: string; readonly joinUrl: string | null }
  | { readonly ok: false; readonly mailbox: string; readonly error: string; readonly retryable: boolean };

/**
 * Entries of a mailbox (keyed by its address, any case) that are not to count as busy, named by their
 * exact times: events the bot wrote itself that give way to what is being booked. The calendar gives
 * busy time without event ids (Graph's getSchedule has none), so times are what can name them.
 */
export type NotBusy = ReadonlyMap<string, readonly Interval[]>;

export interface CalendarPort {
  /**
   * Busy time (busy, tentative and out of office) of each mailbox between two instants, any span.
   * With `except`, an event starting and ending exactly at one of the mailbox's times there is left
   * out before the rest is merged; any other event, one overlapping it included, still counts.
   */
  busy(mailboxes: readonly string[], from: Date, to: Date, except?: NotBusy): Promise<Map<string, Interval[]>>;
  /** Creates the events, one result per event in the same order; one failing does not undo the others. */
  createEvents(events: readonly NewEvent[]): Promise<EventResult[]>;
  /** Moves events to a new time. */
  moveEvents(changes: readonly EventChange[]): Promise<EventResult[]>;
  /** Cancels (removes) events. Removing one that is already gone succeeds. */
  deleteEvents(refs: readonly EventRef[]): Promise<EventResult[]>;
}
