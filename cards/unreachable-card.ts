import type { AdaptiveCard } from './render';

/** Why a message could not reach someone: never opened the app, or Teams refused (not installed, blocked, chat gone). */
export type UnreachableReason = 'never-opened' | 'not-installed' | 'chat-gone';

export interface Unreachable {
  /** The person who has not got the app. */
  readonly recipientName: string;
  /** What they have not seen, as the reader knows it, e.g. "your request DEA-000012". */
  readonly about: string;
  readonly reason: UnreachableReason;
}

/**
 * Tells the person waiting on a message (a work coach waiting for their DEA) that it has not
 * reached its recipient, who has not got the app, and how to put that right.
 */
export function unreachableCard(u: Unreachable): AdaptiveCard {
  const why =
    u.reason === 'never-opened'
      ? `${u.recipientName} has not opened DEA Support in Teams yet, so they have not seen ${u.about}.`
      : u.reason === 'chat-gone'
        ? `${u.recipientName} has not seen ${u.about}: their chat with DEA Support in Teams no longer exists, usually because they removed the app.`
        : `${u.recipientName} has not seen ${u.about}: DEA Support is not installed for them in Teams, or it is blocked.`;
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: `${u.recipientName} has not got DEA Support`, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: why, wrap: true },
      { type: 'TextBlock', text: 'What you can do:', weight: 'Bolder', wrap: true },
      {
        type: 'TextBlock',
        text:
          `- Ask ${u.recipientName} to add the app: in Teams, select Apps, search for "DEA Support", then select Add.\n` +
          '- If it is blocked, ask your Teams administrator to allow DEA Support.\n' +
          `- If it is urgent, contact ${u.recipientName} another way.`,
        wrap: true,
      },
      { type: 'TextBlock', text: `Nothing is lost: ${u.recipientName} will get it as soon as they open DEA Support.`, wrap: true },
    ],
  };
}
