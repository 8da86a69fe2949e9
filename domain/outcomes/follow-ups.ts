import { notFound } from '../errors';
import { needsClaimant } from '../requests/channels';
import { claimantCoachOf } from '../requests/participants';
import type { RequestNotifier, SupportRequestStore } from '../requests/ports';
import { channelOfStep, NEXT_STEP_LABELS, NEXT_STEPS, type FollowUpStarter, type GroupCaseNominator, type NextStep, type OutcomeActionStarter } from './next-steps';

/**
 * A next step that is a channel starts it as a new request with the same claimant and description,
 * linked to the one it came from, so nobody retypes the case. It starts accepted: it was agreed in a
 * meeting with the DEA. A claimant support intervention is at the DEA's discretion (seed §16, §28),
 * so when someone else chooses it, it goes to the DEA to accept or not.
 */
export class FollowUps implements FollowUpStarter {
  constructor(
    private readonly deps: {
      readonly requests: SupportRequestStore;
      readonly notifier: RequestNotifier;
      /** Where a case selected for a group conference goes; without one, the person is told to nominate it. */
      readonly nominator?: GroupCaseNominator;
      /** Where work psychologist, employer adviser and Third Party Provision manager actions go; without one they are only recorded. */
      readonly actions?: OutcomeActionStarter;
    },
  ) {}

  async startFollowUps(fromRequestId: string, steps: readonly NextStep[], actorId: string, at: Date, source?: string): Promise<readonly { step: NextStep; reference: string }[]> {
    const from = await this.deps.requests.findById(fromRequestId);
    if (!from) throw notFound('That request does not exist.');
    const started: { step: NextStep; reference: string }[] = [];
    for (const step of steps) {
      if (step === 'group_conference_case') {
        const conference = this.deps.nominator ? await this.deps.nominator.nominateForNext(from.id, actorId) : null;
        started.push({ step, reference: conference ?? 'no group conference is booked yet: nominate it with "nominate case" once one is' });
        continue;
      }
      const action = await this.deps.actions?.startAction(from, step, actorId, at, source);
      if (action) {
        started.push({ step, reference: action });
        continue;
      }
      const channel = channelOfStep(step);
      if (!channel || (needsClaimant(channel) && !from.claimant)) continue;
      const atDeaDiscretion = channel === 'claimant_support_intervention' && actorId !== from.deaId;
      const made = await this.deps.requests.createOnce(
        {
          type: from.type,
          // The claimant's work coach follows up the DEA's actions (seed §41), whoever asked at first.
          requesterId: claimantCoachOf(from),
          deaId: from.deaId,
          claimant: from.claimant,
          topic: from.topic,
          description: from.description,
          reason: `Follow-up of ${from.reference}: ${NEXT_STEP_LABELS[step]}.`,
          requiredBy: null,
          urgent: from.urgent,
          vulnerability: from.vulnerability,
          // One follow-up per step and outcome, however often the outcome is sent: the request's own
          // outcome, or another that names it (its group conference's), each starts its own.
          submissionKey: `${source ?? from.id}:${NEXT_STEPS.indexOf(step)}`,
          parentRequestId: from.id,
          requestedChannel: atDeaDiscretion ? channel : null,
          ...(atDeaDiscretion ? {} : { acceptedAs: channel }),
        },
        at,
      );
      const created = made.request;
      started.push({ step, reference: created.reference });
      // Started by an earlier sending of the same outcome, when its people were told.
      if (!made.created) continue;
      if (atDeaDiscretion) {
        await this.deps.notifier.requestSubmitted(created);
      } else {
        await this.deps.notifier.requestNeedsAttention(created, created.deaId);
        await this.deps.notifier.requestNeedsAttention(created, created.requesterId);
      }
    }
    return started;
  }
}
