import type { DialogContext } from 'botbuilder-dialogs';
import type { TurnContext } from 'botbuilder';
import type { StaffMember } from '../domain/staff';

/** What a typed command does. Each journey registers the words that start it. */
export type CommandHandler = (turn: TurnContext, person: StaffMember, dc: DialogContext) => Promise<void>;

/** Lower-case, single-spaced, without a trailing full stop: "New  Request." is "new request". */
export function normaliseCommand(text: string | undefined): string {
  return (text ?? '').trim().replace(/\s+/g, ' ').replace(/[.!?]+$/, '').toLowerCase();
}
