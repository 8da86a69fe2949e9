import { MessageFactory } from 'botbuilder';
import { z } from 'zod';
import { messageCard, type AdaptiveCard } from '../../cards/render';
import { cardAttachment } from '../../dialogs/card-attachment';
import { isDomainError } from '../../domain/errors';
import type { Clock } from '../../domain/ports';
import { londonDate } from '../../domain/requests/calendar-date';
import type { Page } from '../../domain/requests/request-lists';
import type { StaffMember } from '../../domain/staff';
import type { AccessSink } from '../privacy/access-audit';
import { cardResponse } from './invoke-response';
import { onlyShows, type CommandHandler } from './journey';
import { verb, type VerbRoute } from './verbs';

/** Where the next page starts, as a Next or Previous button sends it. */
const PAGE = z.object({ offset: z.coerce.number().int().min(0).max(10_000_000) });

/**
 * A list's command (its first page, as a message) and its paging verb (another page, in place of
 * the card clicked), from one loader and one card.
 */
export function listRoutes<T>(
  pageVerb: string,
  load: (person: StaffMember, offset: number) => Promise<Page<T>>,
  card: (page: Page<T>, today: string) => AdaptiveCard,
  clock: Clock,
): { command: CommandHandler; verb: VerbRoute } {
  return {
    command: onlyShows(async (turn, person) => {
      const page = await load(person, 0);
      await turn.sendActivity(MessageFactory.attachment(cardAttachment(card(page, londonDate(clock.now())))));
    }),
    verb: verb(pageVerb, PAGE, async ({ person, data }) => {
      try {
        return cardResponse(card(await load(person, data.offset), londonDate(clock.now())));
      } catch (error) {
        if (!isDomainError(error)) throw error;
        return cardResponse(messageCard(error.message));
      }
    }),
  };
}

/**
 * A page of cases as a showing: every listed case names a claimant (or is theirs), so each is noted
 * in the access audit, written with the turn's other showings before the page leaves.
 */
export function auditedPage(access: AccessSink) {
  return <P extends { readonly items: readonly { readonly id: string }[] }>(relationship: string, page: P, viewer: StaffMember): P => {
    for (const item of page.items) access.saw(viewer, 'request', item.id, relationship, 'list');
    return page;
  };
}
