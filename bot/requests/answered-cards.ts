/**
 * Posted cards this instance is answering a click on. The answer is the card as it now is, with a
 * line saying what happened; the background refresh of every posted copy would, for the clicked copy
 * at the same version, only wipe that line. The refresh runs on the instance that handled the click,
 * so keeping this in memory is enough; a later change (a new version) updates the copy as usual, and
 * one that came while the click was being answered is refreshed again once the answer is out.
 */
export class AnsweredCards {
  private readonly entries = new Map<string, number | 'pending'>();
  /** Refreshes skipped while a click was pending: the version they would have shown. */
  private readonly missed = new Map<string, { requestId: string; version: number }>();
  constructor(
    /** Called when a skipped refresh turns out newer than the answer. */
    private readonly onMissed: (requestId: string) => void,
  ) {}

  /** A click on this card is being handled: its answer will show the latest state. */
  begin(activityId: string | undefined): void {
    if (activityId) this.entries.set(activityId, 'pending');
  }

  /**
   * How the click was answered: with its card at a version (`shown`), with a refusal (the card as it
   * then was, and a note keeping what was typed), or not at all (`failed`: the copy stays as it was).
   */
  end(activityId: string | undefined, answer: ClickAnswer): void {
    if (!activityId) return;
    const missed = this.missed.get(activityId);
    this.missed.delete(activityId);
    if (answer === 'refused' || answer === 'failed') this.entries.delete(activityId);
    else {
      const version = answer.shown;
      this.entries.set(activityId, version);
      setTimeout(() => {
        if (this.entries.get(activityId) === version) this.entries.delete(activityId);
      }, FORGET_AFTER_MS).unref();
    }
    if (!missed) return;
    // A refused click's answer shows the card as it then was: refreshing it would lose what was typed.
    // A failed one showed nothing, so the refresh skipped meanwhile (the click's own change, perhaps) is due.
    if (answer === 'failed' || (answer !== 'refused' && missed.version > answer.shown)) this.onMissed(missed.requestId);
  }

  /** Whether a refresh of this copy, showing the request at `version`, should leave it alone. */
  skips(activityId: string, requestId: string, version: number): boolean {
    const answered = this.entries.get(activityId);
    if (answered === 'pending') {
      const earlier = this.missed.get(activityId);
      if (!earlier || earlier.version < version) this.missed.set(activityId, { requestId, version });
      return true;
    }
    return answered === version;
  }
}

/** How a click on a posted card was answered (see `AnsweredCards.end`). */
export type ClickAnswer = { readonly shown: number } | 'refused' | 'failed';

/** Long enough for the background refresh of the click's own change to have run. */
const FORGET_AFTER_MS = 60_000;
