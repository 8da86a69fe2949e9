import type { TurnContext } from 'botbuilder';
import type { DialogStateManagerConfiguration } from 'botbuilder-dialogs';

/** Where botbuilder-dialogs looks in a turn's state for the memory scopes of its dialog contexts. */
export const DIALOG_STATE_CONFIGURATION = 'DialogStateManagerConfiguration';

/**
 * botbuilder-dialogs builds its memory scopes and path resolvers again for the first dialog context
 * of every turn, validating its settings on the way: about 4% of a message turn's CPU. They keep no
 * state of their own (what they read lives in the turn), so the first turn's set serves every turn.
 */
export class KeptDialogScopes {
  private kept: DialogStateManagerConfiguration | undefined;

  async around(turn: TurnContext, run: () => Promise<void>): Promise<void> {
    if (this.kept) turn.turnState.set(DIALOG_STATE_CONFIGURATION, this.kept);
    try {
      await run();
    } finally {
      this.kept ??= turn.turnState.get<DialogStateManagerConfiguration | undefined>(DIALOG_STATE_CONFIGURATION);
    }
  }
}
