import { redactedCaseCard } from '../../cards/privacy/privacy-cards';
import type { AdaptiveCard } from '../../cards/render';
import type { PostedCards } from '../../data/stores/posted-cards';
import type { Logger, StaffDirectory } from '../../domain/ports';
import type { StaffMember } from '../../domain/staff';
import type { CardUpdates, LiveCard } from '../core/card-updates';
import { errorForLog } from '../logger';

export interface PostedCopiesDeps {
  readonly postedCards: Pick<PostedCards, 'forRequest'>;
  readonly directory: Pick<StaffDirectory, 'findByAadObjectId'>;
  readonly updates: Pick<CardUpdates, 'update'>;
  readonly logger: Logger;
}

/**
 * Brings every posted copy of a card that shows a case's details (besides the case's own card: an
 * HCP activity, a case conference, a meeting summary…) up to date with stored state, once erasure or
 * retention has overwritten them. Each copy is rendered again for the person it was posted to; one
 * that can no longer be rendered for them (they left, or it is no longer theirs) is replaced by the
 * redacted card named `redactedAs`, as what it showed may be what was removed.
 */
export async function refreshPostedCopies(deps: PostedCopiesDeps, live: LiveCard, render: (viewer: StaffMember) => Promise<AdaptiveCard | null>, redactedAs: string): Promise<void> {
  for (const copy of await deps.postedCards.forRequest(live.subjectId)) {
    try {
      const viewer = await deps.directory.findByAadObjectId(copy.recipientAad);
      const card = (viewer ? await render(viewer) : null) ?? redactedCaseCard(redactedAs);
      await deps.updates.update(live, copy.reference, copy.activityId, card);
    } catch (error) {
      deps.logger.warn({ kind: live.kind, subjectId: live.subjectId, err: errorForLog(error) }, 'could not update a posted card');
    }
  }
}
