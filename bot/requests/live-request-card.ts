import type { PostedCards } from '../../data/stores/posted-cards';
import type { Logger, StaffDirectory } from '../../domain/ports';
import type { SupportRequestStore } from '../../domain/requests/ports';
import type { TeamsMessages } from '../core/teams-messages';
import { errorForLog } from '../logger';
import type { AnsweredCards } from './answered-cards';
import type { RequestCardRenderer } from './request-card-renderer';

export interface LiveRequestCardDeps {
  readonly requestStore: SupportRequestStore;
  readonly postedCards: PostedCards;
  readonly answered: AnsweredCards;
  readonly directory: StaffDirectory;
  readonly cards: RequestCardRenderer;
  readonly teams: TeamsMessages;
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
  for (const copy of copies) {
    if (deps.answered.skips(copy.activityId, request.id, request.version)) continue;
    const viewer = await deps.directory.findByAadObjectId(copy.recipientAad);
    if (!viewer) continue;
    try {
      await deps.teams.update(copy.reference, copy.activityId, await deps.cards.render(request, viewer));
    } catch (error) {
      deps.logger.warn({ requestId, err: errorForLog(error) }, 'could not update a posted card');
    }
  }
}
