/**
 * Posted cards this instance is answering a click on. The answer is the card as it now is, with a
 * line saying what happened; the background refresh of every posted copy would, for the clicked copy
 * at the same version, only wipe that line. The refresh runs on the instance that handled the click,
 * so keeping this in memory is enough; a later change (a new version) updates the copy as usual.
 */
export class AnsweredCards {
  private readonly entries = new Map<string, number | 'pending'>();

  /** A click on this card is being handled: its answer will show the latest state. */
  begin(activityId: string | undefined): void {
    if (activityId) this.entries.set(activityId, 'pending');
  }

  /** The click was answered with the request at `version` (null: nothing changed, forget it). */
  end(activityId: string | undefined, version: number | null): void {
    if (!activityId) return;
    if (version === null) {
      this.entries.delete(activityId);
      return;
    }
    this.entries.set(activityId, version);
    setTimeout(() => {
      if (this.entries.get(activityId) === version) this.entries.delete(activityId);
    }, FORGET_AFTER_MS).unref();
  }

  /** Whether a refresh of this copy, showing the request at `version`, should leave it alone. */
  skips(activityId: string, version: number): boolean {
    const answered = this.entries.get(activityId);
    return answered === 'pending' || answered === version;
  }
}

/** Long enough for the background refresh of the click's own change to have run. */
const FORGET_AFTER_MS = 60_000;
