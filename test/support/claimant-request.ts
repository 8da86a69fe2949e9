import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import type { Clock } from '../../domain/ports';
import type { Channel } from '../../domain/requests/channels';
import type { SupportRequest } from '../../domain/requests/support-request';
import { cardText, invokeAs, PEOPLE, type TestBot } from './test-bot';

/** The claimant of the requests these helpers make. */
export const NINO = 'AB123456C';

/** A clock the test moves forward, to get past a meeting. */
export class MovableClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** Amira's claimant support request, saved straight into the store and accepted by Dana with `channel` on her card. */
export async function acceptedRequest(bot: TestBot, channel: Channel, nino = NINO): Promise<SupportRequest> {
  const coach = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.coach))!;
  const store = new SqlSupportRequestStore(bot.app.dataSource);
  const request = await store.create(
    {
      type: 'claimant_support',
      requesterId: coach.id,
      deaId: coach.deaId!,
      claimant: { surname: 'Zebedee', nino, benefits: ['UC'] },
      topic: null,
      description: 'Severe agoraphobia',
      reason: 'Advice on adjustments',
      requiredBy: null,
      urgent: false,
      vulnerability: null,
    },
    new Date(),
  );
  const accepted = await invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: request.id, version: 1, channel });
  expect(cardText(accepted.card)).toContain('Accepted');
  return (await store.findById(request.id))!;
}

/** The request as stored now. */
export async function current(bot: TestBot, id: string): Promise<SupportRequest> {
  return (await new SqlSupportRequestStore(bot.app.dataSource).findById(id))!;
}

/** The value an input with this id holds anywhere on the card, its ShowCard forms included. */
export function inputValue(card: Record<string, unknown>, id: string): unknown {
  let value: unknown;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      if (typeof n.type === 'string' && n.type.startsWith('Input.') && n.id === id) value = n.value;
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return value;
}
