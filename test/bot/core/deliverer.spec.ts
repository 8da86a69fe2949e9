import type { ConversationReference } from 'botbuilder';
import demoStaff from '../../../data/seed/demo-staff.json';
import { applySeed } from '../../../data/seed/apply-seed';
import { parseSeedFile } from '../../../data/seed/seed-file';
import { ConversationReferences } from '../../../data/stores/conversation-references';
import { ConversationPace } from '../../../data/stores/conversation-pace';
import { MAX_ATTEMPTS, Outbox } from '../../../data/stores/outbox';
import { rawDate } from '../../../data/raw-date';
import { SqlUnitOfWork } from '../../../data/transactions';
import { SqlStaffDirectory } from '../../../data/stores/staff-directory';
import { Deliverer, UNREACHABLE_NOTICE } from '../../../bot/core/deliverer';
import { sendOutcome, type SendOutcome } from '../../../bot/core/send-outcome';
import { DeliverySignals } from '../../../bot/core/delivery-signals';
import type { LiveCardRefresher, OutboxCard } from '../../../bot/core/journey';
import { messageCard, type AdaptiveCard } from '../../../cards/render';
import { openTempDatabase, type TempDatabase } from '../../../testkit/temp-database';

const COACH = '00000000-0000-4000-8000-000000000001';
const DEA = '00000000-0000-4000-8000-000000000002';
const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } as never;
const chat = (aad: string): Partial<ConversationReference> => ({ conversation: { id: `a:personal-${aad}`, conversationType: 'personal' } as never, user: { id: `29:${aad}`, name: aad }, serviceUrl: 'http://localhost/' });

/** Teams as the deliverer sees it: each send recorded, or answered with `failing`'s status while it is set. */
class FakeTeams {
  readonly sent: { to: string; card: AdaptiveCard }[] = [];
  readonly lines: { to: string; text: string }[] = [];
  failing: { status: number; retryAfter?: string } | null = null;
  tries = 0;
  async sendText(reference: Partial<ConversationReference>, text: string): Promise<SendOutcome> {
    this.tries++;
    if (this.failing) return sendOutcome(this.failing.status, this.failing.retryAfter, undefined, new Date());
    this.lines.push({ to: reference.conversation!.id, text });
    return sendOutcome(201, null, `line-${this.lines.length}`, new Date());
  }
  async send(reference: Partial<ConversationReference>, card: AdaptiveCard): Promise<SendOutcome> {
    this.tries++;
    if (this.failing) return sendOutcome(this.failing.status, this.failing.retryAfter, undefined, new Date());
    this.sent.push({ to: reference.conversation!.id, card });
    return sendOutcome(201, null, `activity-${this.sent.length}`, new Date());
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
    new Deliverer({
      outbox,
      conversationReferences: references,
      directory: new SqlStaffDirectory(db.dataSource),
      teams,
      pace: new ConversationPace(db.dataSource),
      uow: new SqlUnitOfWork(db.dataSource),
      cards,
      liveCards,
      signals,
      logger: quiet,
      clock: { now: () => now },
      random: () => 0.5,
    });
  const row = async (id: string) => (await db.dataSource.query('SELECT attempts, deliveredAt, lastError, lastStatus, deadAt, nextAttemptAt FROM outbox WHERE id = ?', [id]))[0];

  let coachStaffId: string;
  beforeEach(async () => {
    db = await openTempDatabase();
    await applySeed(db.dataSource, parseSeedFile(JSON.stringify(demoStaff)));
    coachStaffId = (await new SqlStaffDirectory(db.dataSource).findByAadObjectId(COACH))!.id;
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

  it("renders a card only when Teams' pace for the chat lets it go: a burst's later cards are kept unrendered, then rendered once each", async () => {
    await references.remember(chat(COACH), COACH);
    const rendered: string[] = [];
    cards.set('counted', { render: async (subjectId, recipient) => (rendered.push(subjectId), messageCard(`${subjectId} for ${recipient.name}`)) });
    const d = deliverer();
    const ids = [];
    for (let i = 0; i < 8; i++) ids.push(await outbox.enqueue(COACH, 'counted', `burst-${i}`, now));
    const outcomes = [];
    for (const id of ids) outcomes.push(await d.deliver(id));
    // Up to 5 at once after a pause; the rest wait for the chat, not yet rendered.
    const went = outcomes.filter((o) => o === 'tried').length;
    expect(went).toBeGreaterThanOrEqual(5);
    expect(went).toBeLessThan(ids.length);
    expect(outcomes.slice(went).every((o) => o === 'postponed')).toBe(true);
    expect(teams.sent).toHaveLength(went);
    expect(rendered).toEqual(ids.slice(0, went).map((_, i) => `burst-${i}`));
    now = new Date(now.getTime() + 10_000);
    await d.sweep();
    expect(teams.sent.map((s) => s.card)).toEqual(ids.map((_, i) => messageCard(`burst-${i} for Amira Shah`)));
    expect([...rendered].sort()).toEqual(ids.map((_, i) => `burst-${i}`).sort());
    cards.delete('counted');
  });

  it('keeps a card for someone who has not opened the app, and delivers it when they are first seen', async () => {
    const d = deliverer();
    const id = await outbox.enqueue(DEA, 'note', 'r2', now);
    await d.deliver(id);
    expect(teams.sent).toEqual([]);
    // Not a failed try: nothing counts towards dead-lettering while they have not opened the app.
    expect(await row(id)).toMatchObject({ attempts: 0, deliveredAt: null, lastError: 'the recipient has not opened the app yet' });
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
    teams.failing = { status: 502 };
    await d.deliver(id);
    expect(await row(id)).toMatchObject({ attempts: 1, deliveredAt: null, lastError: 'Teams answered 502', lastStatus: 502 });
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

  it('dead-letters a kind no journey renders, and goes on', async () => {
    await references.remember(chat(COACH), COACH);
    const d = deliverer();
    const id = await outbox.enqueue(COACH, 'nobody-renders-this', 'x', now);
    await d.deliver(id);
    expect(await row(id)).toMatchObject({ attempts: 1, lastError: 'unknown outbox message kind nobody-renders-this' });
    expect((await row(id)).deadAt).not.toBeNull();
  });

  it('never sends a card twice once Teams has taken it, even when recording where it was posted fails', async () => {
    // Before: the posted copy was recorded first and the row marked delivered after, so a failure
    // (or a crash) between the two sent the card again on the next sweep.
    await references.remember(chat(COACH), COACH);
    const failingCards = new Map<string, OutboxCard>([['note', { render: async () => messageCard('hello'), posted: async () => { throw new Error('database is locked'); } }]]);
    const make = () => new Deliverer({ outbox, conversationReferences: references, directory: new SqlStaffDirectory(db.dataSource), teams, pace: new ConversationPace(db.dataSource), uow: new SqlUnitOfWork(db.dataSource), cards: failingCards, liveCards: new Map(), signals: new DeliverySignals(), logger: quiet, clock: { now: () => now } });
    const id = await outbox.enqueue(COACH, 'note', 'r7', now);
    await make().deliver(id);
    expect(teams.sent).toHaveLength(1);
    expect(await row(id)).toMatchObject({ lastStatus: 201 });
    // A new process on the same database: its sweep, the recipient being seen, and a direct try all leave it alone.
    now = new Date(now.getTime() + 2 * 60 * 60_000);
    const restarted = make();
    await restarted.sweep();
    restarted.flushFor(COACH);
    await restarted.deliver(id);
    await restarted.idle();
    expect(teams.sent).toHaveLength(1);
  });

  it('waits as long as Retry-After says, plus jitter, and keeps the time in the row', async () => {
    await references.remember(chat(COACH), COACH);
    const d = deliverer();
    const id = await outbox.enqueue(COACH, 'note', 'r8', now);
    teams.failing = { status: 429, retryAfter: '30' };
    await d.deliver(id);
    // 30 s asked for; jitter (fixed at half its range here) adds 0.5 * (30 s / 5 + 1 s) = 3.5 s.
    expect(rawDate((await row(id)).nextAttemptAt).getTime() - now.getTime()).toBe(33_500);
    teams.failing = null;
    now = new Date(now.getTime() + 29_000);
    await d.sweep();
    expect(teams.sent).toHaveLength(0);
    now = new Date(now.getTime() + 5_000);
    await d.sweep();
    expect(teams.sent).toHaveLength(1);
  });

  it(`dead-letters a message still failing after ${MAX_ATTEMPTS} tries, keeping Teams' status`, async () => {
    await references.remember(chat(COACH), COACH);
    const d = deliverer();
    const id = await outbox.enqueue(COACH, 'note', 'r9', now);
    teams.failing = { status: 503 };
    for (let i = 0; i < MAX_ATTEMPTS + 3; i++) {
      await d.deliver(id);
      now = new Date(now.getTime() + 2 * 60 * 60_000);
    }
    expect(teams.tries).toBe(MAX_ATTEMPTS);
    expect(await row(id)).toMatchObject({ attempts: MAX_ATTEMPTS, lastStatus: 503, lastError: 'Teams answered 503', deliveredAt: null });
    expect((await row(id)).deadAt).not.toBeNull();
  });

  it('keeps each conversation within 7 sends a second and 60 in 30 seconds, across two instances', async () => {
    await references.remember(chat(COACH), COACH);
    const sentAt: number[] = [];
    const timed = {
      send: async (reference: Partial<ConversationReference>, card: AdaptiveCard) => { sentAt.push(now.getTime()); return teams.send(reference, card); },
      sendText: async (reference: Partial<ConversationReference>, text: string) => { sentAt.push(now.getTime()); return teams.sendText(reference, text); },
    };
    const make = () => new Deliverer({ outbox, conversationReferences: references, directory: new SqlStaffDirectory(db.dataSource), teams: timed, pace: new ConversationPace(db.dataSource), uow: new SqlUnitOfWork(db.dataSource), cards, liveCards: new Map(), signals: new DeliverySignals(), logger: quiet, clock: { now: () => now } });
    const [a, b] = [make(), make()];
    const ids: string[] = [];
    for (let i = 0; i < 70; i++) ids.push(await outbox.enqueue(COACH, 'note', `burst-${i}`, now));
    const start = now.getTime();
    // Both instances try everything at once, then sweep every 250 ms of simulated time.
    await Promise.all(ids.flatMap((id) => [a.deliver(id), b.deliver(id)]));
    while (teams.sent.length < 70 && now.getTime() - start < 120_000) {
      now = new Date(now.getTime() + 250);
      await Promise.all([a.sweep(), b.sweep()]);
    }
    expect(teams.sent).toHaveLength(70);
    const most = (windowMs: number) => Math.max(...sentAt.map((t) => sentAt.filter((u) => u >= t && u < t + windowMs).length));
    expect(most(1_000)).toBeLessThanOrEqual(7);
    expect(most(30_000)).toBeLessThanOrEqual(60);
    // And not slower than it need be: 70 sends at a little under 2 a second.
    expect(now.getTime() - start).toBeLessThan(45_000);
  });

  it('tells the person waiting, once, when the recipient has never opened the app, and delivers the card when they do', async () => {
    await references.remember(chat(COACH), COACH);
    const waitingCards = new Map<string, OutboxCard>([...cards, ['asked', { render: async () => messageCard('a request for you'), waiting: async () => ({ staffId: coachStaffId, about: 'your request DEA-000042' }) }]]);
    const d = new Deliverer({ outbox, conversationReferences: references, directory: new SqlStaffDirectory(db.dataSource), teams, pace: new ConversationPace(db.dataSource), uow: new SqlUnitOfWork(db.dataSource), cards: waitingCards, liveCards: new Map(), signals, logger: quiet, clock: { now: () => now } });
    const id = await outbox.enqueue(DEA, 'asked', 'r10', now);
    await d.deliver(id);
    await d.idle();
    now = new Date(now.getTime() + 2 * 60 * 60_000);
    await d.sweep();
    await d.idle();
    expect(teams.sent.map((s) => s.to)).toEqual([`a:personal-${COACH}`]);
    const told = JSON.stringify(teams.sent[0]!.card);
    expect(told).toContain('Dana Morgan has not opened DEA Support in Teams yet, so they have not seen your request DEA-000042.');
    expect(told).toContain('search for \\"DEA Support\\", then select Add');
    const [notice] = await db.dataSource.query('SELECT kind, subjectId FROM outbox WHERE recipientAad = ?', [COACH]);
    expect(notice).toEqual({ kind: UNREACHABLE_NOTICE, subjectId: id });
    await references.remember(chat(DEA), DEA);
    d.flushFor(DEA);
    await d.idle();
    expect(teams.sent.map((s) => s.to)).toEqual([`a:personal-${COACH}`, `a:personal-${DEA}`]);
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
