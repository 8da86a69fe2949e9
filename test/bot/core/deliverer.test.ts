import type { ConversationReference } from 'botbuilder';
import demoStaff from '../../../data/seed/demo-staff.json';
import { applySeed } from '../../../data/seed/apply-seed';
import { parseSeedFile } from '../../../data/seed/seed-file';
import { ConversationReferences } from '../../../data/stores/conversation-references';
import { Outbox } from '../../../data/stores/outbox';
import { SqlStaffDirectory } from '../../../data/stores/staff-directory';
import { Deliverer } from '../../../bot/core/deliverer';
import { DeliverySignals } from '../../../bot/core/delivery-signals';
import type { LiveCardRefresher, OutboxCard } from '../../../bot/core/journey';
import { messageCard, type AdaptiveCard } from '../../../cards/render';
import { openTempDatabase, type TempDatabase } from '../../../testkit/temp-database';

const COACH = '00000000-0000-4000-8000-000000000001';
const DEA = '00000000-0000-4000-8000-000000000002';
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } as never;
const chat = (aad: string): Partial<ConversationReference> => ({ conversation: { id: `a:personal-${aad}`, conversationType: 'personal' } as never, user: { id: `29:${aad}`, name: aad }, serviceUrl: 'http://localhost/' });

/** Teams as the deliverer sees it: each send recorded, or refused while `failing` is set. */
class FakeTeams {
  readonly sent: { to: string; card: AdaptiveCard }[] = [];
  readonly lines: { to: string; text: string }[] = [];
  failing: string | null = null;
  async sendText(reference: Partial<ConversationReference>, text: string): Promise<string | undefined> {
    if (this.failing) throw new Error(this.failing);
    this.lines.push({ to: reference.conversation!.id, text });
    return `line-${this.lines.length}`;
  }
  async send(reference: Partial<ConversationReference>, card: AdaptiveCard): Promise<string | undefined> {
    if (this.failing) throw new Error(this.failing);
    this.sent.push({ to: reference.conversation!.id, card });
    return `activity-${this.sent.length}`;
  }
}

describe('the deliverer sends what the outbox holds (SQLite, migrations run)', () => {
  let db: TempDatabase;
  let outbox: Outbox;
  let references: ConversationReferences;
  let teams: FakeTeams;
  let signals: DeliverySignals;
  let now: Date;
  const posted: string[] = [];
  const cards = new Map<string, OutboxCard>([
    ['note', { render: async (subjectId, recipient) => messageCard(`${subjectId} for ${recipient.name}`), posted: async (subjectId, _aad, activityId) => void posted.push(`${subjectId}:${activityId}`) }],
    ['line', { render: async (subjectId) => ({ notice: `${subjectId} changed` }), posted: async (subjectId, _aad, activityId) => void posted.push(`${subjectId}:${activityId}`) }],
  ]);
  const deliverer = (liveCards = new Map<string, LiveCardRefresher>()) =>
    new Deliverer({ outbox, conversationReferences: references, directory: new SqlStaffDirectory(db.dataSource), teams, cards, liveCards, signals, logger: quiet, clock: { now: () => now } });
  const row = async (id: string) => (await db.dataSource.query('SELECT attempts, deliveredAt, lastError FROM outbox WHERE id = ?', [id]))[0];

  beforeEach(async () => {
    db = await openTempDatabase();
    await applySeed(db.dataSource, parseSeedFile(JSON.stringify(demoStaff)));
    outbox = new Outbox(db.dataSource);
    references = new ConversationReferences(db.dataSource);
    teams = new FakeTeams();
    signals = new DeliverySignals();
    now = new Date('2026-12-07T10:00:00Z');
    posted.length = 0;
  });
  afterEach(() => db.close());

  it('delivers a queued card at once, once, and remembers the posted copy', async () => {
    await references.remember(chat(COACH), COACH);
    const d = deliverer();
    const id = await outbox.enqueue(COACH, 'note', 'r1', now);
    signals.queued(id);
    signals.queued(id);
    await d.idle();
    expect(teams.sent).toEqual([{ to: `a:personal-${COACH}`, card: messageCard('r1 for Amira Shah') }]);
    expect(posted).toEqual(['r1:activity-1']);
    expect((await row(id)).deliveredAt).not.toBeNull();
  });

  it('keeps a card for someone who has not opened the app, and delivers it when they are first seen', async () => {
    const d = deliverer();
    const id = await outbox.enqueue(DEA, 'note', 'r2', now);
    await d.deliver(id);
    expect(teams.sent).toEqual([]);
    expect(await row(id)).toMatchObject({ attempts: 1, deliveredAt: null, lastError: 'the recipient has not opened the app yet' });
    await references.remember(chat(DEA), DEA);
    d.flushFor(DEA);
    await d.idle();
    expect(teams.sent.map((s) => s.to)).toEqual([`a:personal-${DEA}`]);
  });

  it('sends a notice line as text, and never records it as a copy of the card', async () => {
    await references.remember(chat(COACH), COACH);
    const d = deliverer();
    const id = await outbox.enqueue(COACH, 'line', 'r7', now);
    await d.deliver(id);
    expect(teams.lines).toEqual([{ to: `a:personal-${COACH}`, text: 'r7 changed' }]);
    expect(teams.sent).toEqual([]);
    expect(posted).toEqual([]);
    expect((await row(id)).deliveredAt).not.toBeNull();
  });

  it('retries a failed send later, after a back-off, from the periodic sweep', async () => {
    await references.remember(chat(COACH), COACH);
    const d = deliverer();
    const id = await outbox.enqueue(COACH, 'note', 'r3', now);
    teams.failing = 'Teams answered 502';
    await d.deliver(id);
    expect(await row(id)).toMatchObject({ attempts: 1, deliveredAt: null, lastError: 'Teams answered 502' });
    teams.failing = null;
    await d.sweep();
    expect(teams.sent).toEqual([]);
    now = new Date(now.getTime() + 60_000);
    await d.sweep();
    expect(teams.sent).toHaveLength(1);
  });

  it('lets exactly one of two instances deliver a message (a lease in SQL)', async () => {
    await references.remember(chat(COACH), COACH);
    const [a, b] = [deliverer(), deliverer()];
    const id = await outbox.enqueue(COACH, 'note', 'r4', now);
    await Promise.all([a.deliver(id), b.deliver(id), a.deliver(id)]);
    expect(teams.sent).toHaveLength(1);
  });

  it('records a kind no journey renders as a failure, and goes on', async () => {
    await references.remember(chat(COACH), COACH);
    const d = deliverer();
    const id = await outbox.enqueue(COACH, 'nobody-renders-this', 'x', now);
    await d.deliver(id);
    expect(await row(id)).toMatchObject({ attempts: 1, lastError: 'unknown outbox message kind nobody-renders-this' });
  });

  it('refreshes a live card one at a time, and once more for changes that came meanwhile', async () => {
    const calls: string[] = [];
    const running = new Map<string, number>();
    let sameCardAtOnce = false;
    let cardsAtOnce = 0;
    const refresh: LiveCardRefresher = async (subjectId) => {
      running.set(subjectId, (running.get(subjectId) ?? 0) + 1);
      sameCardAtOnce ||= running.get(subjectId)! > 1;
      cardsAtOnce = Math.max(cardsAtOnce, [...running.values()].filter((n) => n > 0).length);
      calls.push(subjectId);
      await new Promise((resolve) => setTimeout(resolve, 20));
      running.set(subjectId, running.get(subjectId)! - 1);
    };
    const d = deliverer(new Map([['request', refresh]]));
    for (let i = 0; i < 5; i++) signals.changed('request', 'r5');
    signals.changed('request', 'r6');
    await d.idle();
    expect(sameCardAtOnce).toBe(false);
    expect(cardsAtOnce).toBe(2); // r5 and r6 are different cards: they go side by side
    expect(calls.filter((c) => c === 'r5')).toEqual(['r5', 'r5']);
    expect(calls.filter((c) => c === 'r6')).toEqual(['r6']);
  });
});
