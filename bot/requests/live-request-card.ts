import { requestNotice } from '../../cards/request-notices';
import type { AdaptiveCard } from '../../cards/render';
import type { PostedCards } from '../../data/stores/posted-cards';
import type { RequestEvents } from '../../data/stores/request-events';
import type { BookingService } from '../../domain/calendar/booking-service';
import { participantsOf } from '../../domain/requests/participants';
import type { StaffMember } from '../../domain/staff';
import type { NoticeLine } from '../core/journey';
import type { Logger, StaffDirectory } from '../../domain/ports';
import type { SupportRequestStore } from '../../domain/requests/ports';
import type { CardUpdates } from '../core/card-updates';
import { REQUEST_LIVE_CARD } from '../core/outbox-writer';
import { errorForLog } from '../logger';
import type { AnsweredCards } from './answered-cards';
import type { RequestCardRenderer } from './request-card-renderer';

export interface LiveRequestCardDeps {
  readonly requestStore: SupportRequestStore;
  readonly postedCards: PostedCards;
  readonly answered: AnsweredCards;
  readonly directory: StaffDirectory;
  readonly cards: RequestCardRenderer;
  readonly updates: Pick<CardUpdates, 'update'>;
  readonly logger: Logger;
}

/** Every posted copy of the request's card shows its current state, as each recipient may see it. */
export async function refreshRequestCopies(deps: LiveRequestCardDeps, requestId: string): Promise<void> {
  // The copies first: with none posted there is nothing to read. The request is read after them, so
  // every copy listed is shown a state at least as new as the change that asked for this refresh.
  const copies = await deps.postedCards.forRequest(requestId);
  if (copies.length === 0) return;
  const request = await deps.requestStore.findById(requestId);
  if (!request) return;
  const stale = copies.filter((copy) => !deps.answered.skips(copy.activityId, request.id, request.version));
  if (stale.length === 0) return;
  // The people of the request are read once: almost every copy is one of theirs.
  const participants = await participantsOf(deps.directory, request);
  const known = [participants.requester, participants.adviser];
  for (const copy of stale) {
    const viewer = known.find((p) => p.aadObjectId.toLowerCase() === copy.recipientAad) ?? (await deps.directory.findByAadObjectId(copy.recipientAad));
    if (!viewer) continue;
    try {
      await deps.updates.update({ kind: REQUEST_LIVE_CARD, subjectId: requestId }, copy.reference, copy.activityId, await deps.cards.render(request, viewer, { participants }));
    } catch (error) {
      deps.logger.warn({ requestId, err: errorForLog(error) }, 'could not update a posted card');
    }
  }
}

export interface RequestMessageDeps {
  readonly requestStore: SupportRequestStore;
  readonly postedCards: PostedCards;
  readonly events: RequestEvents;
  readonly directory: StaffDirectory;
  readonly bookings: Pick<BookingService, 'current'>;
  readonly cards: RequestCardRenderer;
}

/**
 * What someone is sent when a request needs them: its card the first time, and after that a line
 * saying what changed, because the card they already have is updated in place. One live card per
 * case per person; never a second full copy.
 */
export async function requestCardOrNotice(deps: RequestMessageDeps, requestId: string, recipient: StaffMember): Promise<AdaptiveCard | NoticeLine | null> {
  const copies = await deps.postedCards.forRequest(requestId);
  const request = await deps.requestStore.findById(requestId);
  if (!request) return null;
  const hasCopy = copies.some((c) => c.recipientAad === recipient.aadObjectId.toLowerCase());
  if (!hasCopy) return deps.cards.render(request, recipient);
  const event = await deps.events.latest(requestId);
  if (!event) return deps.cards.render(request, recipient);
  const actor = event.actorId ? await deps.directory.findById(event.actorId) : null;
  const booking = ['book', 'reschedule'].includes(event.action) ? await deps.bookings.current(request.id) : null;
  return { notice: requestNotice({ request, action: event.action, actorName: actor?.name ?? null, at: event.at, booking }) };
}
