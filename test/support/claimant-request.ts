import { SqlBookingStore } from '../../data/stores/bookings';
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

/**
 * A claimant support intervention the claimant had: accepted, its meeting booked (a booking row, as
 * the database counts from it), held, its outcome recorded and closed, straight in the stores.
 */
export async function pastIntervention(bot: TestBot, nino = NINO): Promise<SupportRequest> {
  let r = await acceptedRequest(bot, 'claimant_support_intervention', nino);
  const bookings = new SqlBookingStore(bot.app.dataSource);
  const start = new Date(Date.now() - 7 * 86_400_000);
  const booking = await bookings.create({ requestId: r.id, start, end: new Date(start.getTime() + 3_600_000), mode: 'face_to_face' }, new Date());
  await bookings.update(booking.id, booking.version, { status: 'booked' }, new Date());
  const store = new SqlSupportRequestStore(bot.app.dataSource);
  for (const to of ['booked', 'held', 'outcome_recorded', 'closed'] as const) r = await store.changeStatus({ requestId: r.id, expectedVersion: r.version, to, actorId: r.deaId, action: to, at: new Date() });
  return r;
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
