import type { BookingView } from '../cards/booking-forms';
import type { ConversationReferences } from '../data/stores/conversation-references';
import { requestCard, type CardNote } from '../cards/request-cards';
import type { AdaptiveCard } from '../cards/render';
import { CONFERENCE_CHANNELS } from '../domain/calendar/booking';
import type { BookingService } from '../domain/calendar/booking-service';
import type { Clock, StaffDirectory } from '../domain/ports';
import { isDomainError } from '../domain/errors';
import { partiesOf } from '../domain/requests/parties';
import { settleWithin } from './time-box';
import { londonDate } from '../domain/requests/calendar-date';
import type { SupportRequest } from '../domain/requests/support-request';
import type { StaffMember } from '../domain/staff';

export interface CardExtras {
  readonly note?: CardNote;
  readonly problems?: Record<string, string>;
  readonly values?: Record<string, string>;
}

/**
 * The one place a request's card is put together from stored state, for whoever will see it: on a
 * click, on a refresh, and in every copy the notifier sends or updates.
 */
export class RequestCardRenderer {
  constructor(
    private readonly conversationReferences: ConversationReferences,
    private readonly directory: StaffDirectory,
    private readonly bookings: BookingService,
    private readonly clock: Clock,
  ) {}

  async render(request: SupportRequest, viewer: StaffMember, extras: CardExtras = {}): Promise<AdaptiveCard> {
    const { requester, dea } = await partiesOf(this.directory, request);
    return requestCard(request, { requester, dea }, viewer, {
      today: londonDate(this.clock.now()),
      booking: await this.bookingView(viewer, request),
      refreshUserIds: await this.teamsUserIds([requester, dea]),
      ...extras,
    });
  }

  /** Teams user ids as seen in each person's personal chat with the bot; undefined unless all are known. */
  private async teamsUserIds(people: readonly StaffMember[]): Promise<string[] | undefined> {
    const ids = await Promise.all(people.map(async (p) => (await this.conversationReferences.personalChatOf(p.aadObjectId))?.user?.id));
    return ids.every((id): id is string => typeof id === 'string' && id.length > 0) ? ids : undefined;
  }

  /** The booking, and for the DEA about to book, the common free times to propose. */
  private async bookingView(viewer: StaffMember, request: SupportRequest): Promise<BookingView | undefined> {
    if (!request.channel || !CONFERENCE_CHANNELS.includes(request.channel)) return undefined;
    const current = await this.bookings.current(request.id);
    const proposing = viewer.id === request.deaId && request.status === 'accepted' && (!current || current.status === 'cancelled');
    if (!proposing) return { current, proposals: [] };
    try {
      const settled = await settleWithin(PROPOSALS_WITHIN_MS, this.bookings.proposals(request));
      return settled ? { current, proposals: settled.value } : { current, proposals: [], unavailable: 'Finding common free times is taking too long: enter a date and time, or reopen the card in a moment.' };
    } catch (error) {
      if (isDomainError(error)) throw error;
      // The diaries could not be read (e.g. Graph is down): the DEA can still book a time they choose.
      return { current, proposals: [], unavailable: 'The diaries could not be read just now, so no times are proposed: enter a date and time.' };
    }
  }
}

/** Teams gives a card action 5 seconds; the card must be answered well within that. */
const PROPOSALS_WITHIN_MS = 2500;
