/**
 * An ad hoc ask that nobody answered while the claimant was waiting lapses (`adHocLapsed`). Nothing
 * happens at that moment, so a job looks for lapses: the coach is told once, to book a time
 * instead, and every copy of the card is drawn again, so the HCP's no longer offers a yes that
 * would only be refused.
 */
import { isDomainError } from '../errors';
import { AD_HOC_ANSWER_MINUTES, adHocLapsed } from './advice-policy';
import type { AdviceServiceDeps } from './ports';

/**
 * The audit trail's words for a lapse. Written with the coach's notice in one transaction, they
 * are the stored mark that the coach was told: a later run, or another instance, finds them and
 * tells nobody again.
 */
export const AD_HOC_LAPSED = 'ad hoc lapsed';

/**
 * How far back a lapse is still told. Three days cover a weekend with the bot stopped; older ones
 * (from before lapses were told) are left alone: the claimant left long ago, and the card says so.
 */
export const AD_HOC_LAPSE_TOLD_WITHIN_HOURS = 72;

/** Lapses told per run; any more are told on the next run, as the told ones are no longer found. */
const PER_RUN = 50;

type LapseDeps = Pick<AdviceServiceDeps, 'store' | 'notifier' | 'uow' | 'clock'>;

/** Tells the coach of each ad hoc ask that lapsed unanswered, once, whichever instance runs it. Returns how many were told. */
export async function tellLapsedAdHocAsks(deps: LapseDeps): Promise<number> {
  const now = deps.clock.now();
  const lapsedBy = new Date(now.getTime() - AD_HOC_ANSWER_MINUTES * 60_000);
  const from = new Date(lapsedBy.getTime() - AD_HOC_LAPSE_TOLD_WITHIN_HOURS * 3_600_000);
  const lapsed = (await deps.store.lapsedAdHocAsks(from, lapsedBy, PER_RUN)).filter((c) => adHocLapsed(c, now));
  let told = 0;
  for (const c of lapsed) {
    try {
      await deps.uow.run(async () => {
        // Its version moves on: of two runs that found it at once, only one gets past this.
        const changed = await deps.store.update(c.id, c.version, {}, now);
        // The HCP is the one who did not answer: the coach's line names them.
        await deps.store.record(c.id, c.hcpId, AD_HOC_LAPSED, now);
        deps.notifier.changed(changed);
        await deps.notifier.tell(c.coachId, changed);
      });
      told += 1;
    } catch (error) {
      // Told by another run, or answered, booked or cancelled since it was read: nothing to tell.
      if (!isDomainError(error) || error.kind !== 'conflict') throw error;
    }
  }
  return told;
}
