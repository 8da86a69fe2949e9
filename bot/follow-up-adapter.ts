/**
 * TEMPORARY, to be replaced at merge by the FollowUpStarter being written on main: a follow-up
 * request per next step that is a channel, copied from the request the case came from and accepted
 * for that channel, so a group conference's outcomes start their channels end to end meanwhile.
 */
import type { FollowUpStarter, NextStep } from '../domain/outcomes/next-steps';
import { channelOfStep } from '../domain/outcomes/next-steps';
import type { RequestNotifier, SupportRequestStore } from '../domain/requests/ports';

export class InterimFollowUpStarter implements FollowUpStarter {
  constructor(
    private readonly store: SupportRequestStore,
    private readonly notifier: RequestNotifier,
  ) {}

  async startFollowUps(fromRequestId: string, steps: readonly NextStep[], actorId: string, at: Date): Promise<readonly { step: NextStep; reference: string }[]> {
    const from = await this.store.findById(fromRequestId);
    if (!from) return [];
    const started: { step: NextStep; reference: string }[] = [];
    for (const step of steps) {
      const channel = channelOfStep(step);
      if (!channel) continue;
      const created = await this.store.create(
        {
          type: from.type,
          requesterId: from.requesterId,
          deaId: from.deaId,
          claimant: from.claimant,
          topic: from.topic,
          description: from.description,
          reason: from.reason,
          requiredBy: null,
          urgent: false,
          vulnerability: from.vulnerability,
          // One follow-up per case and step, however often the outcome is submitted.
          submissionKey: `follow-up:${from.id}:${step}`,
        },
        at,
      );
      const accepted = created.status === 'submitted' ? await this.store.changeStatus({ requestId: created.id, expectedVersion: created.version, to: 'accepted', actorId, action: `accept:${channel}`, at, channel }) : created;
      await this.notifier.requestNeedsAttention(accepted, accepted.requesterId);
      started.push({ step, reference: accepted.reference });
    }
    return started;
  }
}
