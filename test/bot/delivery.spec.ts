import { MAX_ATTEMPTS, Outbox } from '../../data/stores/outbox';
import { rawDate } from '../../data/raw-date';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import type { SupportRequest } from '../../domain/requests/support-request';
import { RequestCardRenderer } from '../../bot/requests/request-card-renderer';
import { exchange, invokeAs, PEOPLE, startTestBot, visibleText, type TestBot } from '../support/test-bot';

/**
 * Delivery against a Bot Connector that fails as Teams does: the real bot over HTTP, its real
 * connector client, and the connector recorder answering 429 with Retry-After, 412, 5xx, 403, 404.
 * The clock is the test's, so the times kept in each outbox row can be walked through.
 */

const DEA_CHAT = `a:personal-${PEOPLE.dea}`;
const COACH_CHAT = `a:personal-${PEOPLE.coach}`;

interface Row {
  attempts: number;
  deliveredAt: string | null;
  deadAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string;
  activityId: string | null;
}

describe('delivery that copes with what Teams answers (real HTTP, connector recorder)', () => {
  let bot: TestBot;
  let now: Date;
  let request: SupportRequest;

  const row = async (id: string): Promise<Row> => (await bot.app.dataSource.query('SELECT attempts, deliveredAt, deadAt, lastStatus, lastError, nextAttemptAt, activityId FROM outbox WHERE id = ?', [id]))[0] as Row;
  const queueForDea = () => new Outbox(bot.app.dataSource).enqueue(PEOPLE.dea, 'request_card', request.id, now);
  const later = (ms: number) => (now = new Date(now.getTime() + ms));
  /** Deliveries finished: the app's own timer may be sweeping too, so wait until no row is leased. */
  const settle = async () => {
    await bot.app.notifier.idle();
    for (let waited = 0; waited < 5_000; waited += 20) {
      const [{ leased }] = (await bot.app.dataSource.query('SELECT COUNT(*) AS leased FROM outbox WHERE leaseUntil IS NOT NULL')) as { leased: number }[];
      if (leased === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const sweep = async () => {
    await bot.app.jobs.sweepOutbox!();
    await settle();
  };
  const deliver = async (id: string) => {
    await bot.app.notifier.deliver(id);
    await settle();
  };

  beforeEach(async () => {
    now = new Date();
    bot = await startTestBot({ clock: { now: () => now } });
    // Both have opened the app, so the bot knows where to reach them.
    await exchange(bot, PEOPLE.dea, 'help');
    await exchange(bot, PEOPLE.coach, 'help');
    await bot.app.notifier.idle();
    const coach = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.coach))!;
    request = await new SqlSupportRequestStore(bot.app.dataSource).create(
      { type: 'skill_support', requesterId: coach.id, deaId: coach.deaId!, claimant: null, topic: 'retention', description: 'Keeping a claimant in work', reason: 'New to it', requiredBy: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10), urgent: false, vulnerability: null },
      now,
    );
    bot.connector.clear();
  });
  afterEach(() => bot.close());

  it('sends again after a 429 no sooner than Retry-After, with jitter, holding the conversation meanwhile', async () => {
    bot.connector.answer({ status: 429, headers: { 'Retry-After': '7' }, conversationId: DEA_CHAT });
    const id = await queueForDea();
    await deliver(id);
    expect(bot.connector.refused.map((c) => c.status)).toEqual([429]);
    const held = await row(id);
    expect(held).toMatchObject({ attempts: 1, lastStatus: 429, deliveredAt: null, deadAt: null });
    const waitMs = rawDate(held.nextAttemptAt).getTime() - now.getTime();
    expect(waitMs).toBeGreaterThanOrEqual(7_000);
    expect(waitMs).toBeLessThanOrEqual(7_000 + 7_000 / 5 + 1_000);
    // One HTTP call only: the connector client does not sleep and retry in the process.
    expect(bot.connector.calls).toHaveLength(0);

    // Another card for the same person waits too: Teams asked for the conversation to be left alone.
    const second = await queueForDea();
    await deliver(second);
    expect(bot.connector.calls).toHaveLength(0);
    expect(bot.connector.refused).toHaveLength(1);

    later(6_000);
    await sweep();
    expect(bot.connector.sentTo(DEA_CHAT)).toHaveLength(0);
    later(10_000);
    await sweep();
    expect(bot.connector.sentTo(DEA_CHAT)).toHaveLength(2);
    expect(await row(id)).toMatchObject({ attempts: 1, lastStatus: 200 });
    expect((await row(id)).deliveredAt).not.toBeNull();
  });

  it.each([412, 502, 503, 504])('tries again after a %i, and delivers once Teams takes it', async (status) => {
    bot.connector.answer({ status, times: 2, conversationId: DEA_CHAT });
    const id = await queueForDea();
    await deliver(id);
    expect(await row(id)).toMatchObject({ attempts: 1, lastStatus: status, lastError: `Teams answered ${status}`, deliveredAt: null });
    later(60_000);
    await sweep();
    expect(await row(id)).toMatchObject({ attempts: 2, lastStatus: status });
    later(60_000);
    await sweep();
    expect(bot.connector.refused.map((c) => c.status)).toEqual([status, status]);
    expect(bot.connector.sentTo(DEA_CHAT)).toHaveLength(1);
    expect(visibleText(bot.connector.sentTo(DEA_CHAT))).toContain(request.reference);
    const done = await row(id);
    expect(done).toMatchObject({ lastStatus: 200, deadAt: null });
    expect(done.activityId).toBeTruthy();
    // Delivered is final: nothing sends it again.
    later(24 * 60 * 60_000);
    await sweep();
    bot.app.notifier.flushFor(PEOPLE.dea);
    await bot.app.notifier.idle();
    expect(bot.connector.sentTo(DEA_CHAT)).toHaveLength(1);
  });

  it(`dead-letters a card Teams keeps refusing after ${MAX_ATTEMPTS} tries, with its status kept`, async () => {
    bot.connector.answer({ status: 503, times: Infinity, conversationId: DEA_CHAT });
    const id = await queueForDea();
    await deliver(id);
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      later(2 * 60 * 60_000);
      await sweep();
    }
    expect(bot.connector.refused).toHaveLength(MAX_ATTEMPTS);
    const dead = await row(id);
    expect(dead).toMatchObject({ attempts: MAX_ATTEMPTS, lastStatus: 503, deliveredAt: null });
    expect(dead.deadAt).not.toBeNull();
  });

  it.each([
    [403, 'DEA Support is not installed for them in Teams, or it is blocked'],
    [404, 'their chat with DEA Support in Teams no longer exists'],
  ])('takes a %i as final and tells the coach who is waiting that their DEA has not got the app, and what to do', async (status, why) => {
    bot.connector.answer({ status, times: Infinity, conversationId: DEA_CHAT });
    const id = await queueForDea();
    await deliver(id);
    await bot.app.notifier.idle();
    const dead = await row(id);
    expect(dead).toMatchObject({ attempts: 1, lastStatus: status, deliveredAt: null });
    expect(dead.deadAt).not.toBeNull();
    // Never tried again by the sweep.
    later(24 * 60 * 60_000);
    await sweep();
    expect(bot.connector.refused).toHaveLength(1);
    // The coach is told, once, in plain words.
    const told = visibleText(bot.connector.sentTo(COACH_CHAT));
    expect(bot.connector.sentTo(COACH_CHAT)).toHaveLength(1);
    expect(told).toContain('Dana Morgan has not got DEA Support');
    expect(told).toContain(`Dana Morgan has not seen your request ${request.reference}: ${why}`);
    expect(told).toContain('search for "DEA Support", then select Add');
    expect(told).not.toMatch(/403|404|outbox|Teams answered/);
  });

  it('delivers a card refused with 403 once the DEA adds the app and is seen again', async () => {
    bot.connector.answer({ status: 403, conversationId: DEA_CHAT });
    const id = await queueForDea();
    await deliver(id);
    await bot.app.notifier.idle();
    expect((await row(id)).deadAt).not.toBeNull();
    await exchange(bot, PEOPLE.dea, 'help');
    await bot.app.notifier.idle();
    expect(visibleText(bot.connector.sentTo(DEA_CHAT))).toContain(request.reference);
    expect(await row(id)).toMatchObject({ lastStatus: 200, deadAt: null });
  });

  describe('updates of a posted card (live cards), paced like sends', () => {
    interface WorkRow { dueAt: string | null; attempts: number }
    const liveWork = async (): Promise<WorkRow | undefined> => ((await bot.app.dataSource.query("SELECT dueAt, attempts FROM work_item WHERE kind = 'live_card_refresh'")) as WorkRow[])[0];
    const updatesTo = (conversationId: string) => bot.connector.calls.filter((c) => c.method === 'PUT' && c.conversationId === conversationId);
    const sweepWork = async () => {
      await bot.app.jobs.sweepWork!();
      await settle();
    };

    /** The DEA's copy of the request's card is posted; then the DEA accepts it from another card, so that copy must be updated. */
    async function postedThenChanged(): Promise<string> {
      await deliver(await queueForDea());
      const posted = bot.connector.sentTo(DEA_CHAT)[0]!.id!;
      await invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: request.id, version: 1, channel: 'skill_conference' });
      await settle();
      return posted;
    }

    it('updates the clicked copy in the background when the click saved its change but its card could not be drawn', async () => {
      await deliver(await queueForDea());
      const posted = bot.connector.sentTo(DEA_CHAT)[0]!.id!;
      const render = RequestCardRenderer.prototype.render;
      let failed = 0;
      // The card answering the click (drawn with a time limit) fails once; every other drawing works.
      const spy = jest.spyOn(RequestCardRenderer.prototype, 'render').mockImplementation(function (this: RequestCardRenderer, ...args: Parameters<RequestCardRenderer['render']>) {
        if (args[2]?.readyBy !== undefined && failed++ === 0) return Promise.reject(new TypeError("Cannot read properties of undefined (reading 'name')"));
        return render.apply(this, args);
      });
      try {
        const clicked = await invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: request.id, version: 1, channel: 'skill_conference' }, { replyToId: posted });
        expect(clicked.card).toMatchObject({ code: 'InternalServerError' });
        await settle();
      } finally {
        spy.mockRestore();
      }
      expect(failed).toBe(1);
      // Saved: the copy the DEA clicked now shows it, so they need not send it again.
      const update = updatesTo(DEA_CHAT).filter((c) => c.activity.id === posted).pop();
      expect(visibleText([update!.activity])).toMatch(/Status\s+Accepted\s+Type of support\s+Work coach and DEA skill conference/);
    });

    it('keeps the update for the time Teams names after a 429 with Retry-After, holds the chat meanwhile, and shows the change then', async () => {
      bot.connector.answer({ status: 429, headers: { 'Retry-After': '7' }, conversationId: DEA_CHAT, method: 'PUT' });
      const posted = await postedThenChanged();
      expect(bot.connector.refused.map((c) => [c.method, c.status])).toEqual([['PUT', 429]]);
      expect(updatesTo(DEA_CHAT)).toHaveLength(0);
      // The change is not lost: the card's refresh is kept in SQL for no sooner than Teams asked.
      const kept = (await liveWork())!;
      const waitMs = rawDate(kept.dueAt).getTime() - now.getTime();
      expect(waitMs).toBeGreaterThanOrEqual(7_000);
      expect(waitMs).toBeLessThanOrEqual(7_000 + 7_000 / 5 + 1_000);

      // The same pace as sends: a new message to the DEA waits for the chat too.
      const second = await queueForDea();
      await deliver(second);
      expect(bot.connector.sentTo(DEA_CHAT)).toHaveLength(1);

      later(6_000);
      await sweepWork();
      expect(updatesTo(DEA_CHAT)).toHaveLength(0);
      later(10_000);
      await sweepWork();
      const [update] = updatesTo(DEA_CHAT);
      expect(update?.path).toContain(encodeURIComponent(posted));
      expect(visibleText([update!.activity])).toMatch(/accepted/i);
      expect((await liveWork())!.dueAt).toBeNull();
    });

    it.each([408, 412, 503])('tries an update again after a %i, from the row in SQL (as after a restart)', async (status) => {
      bot.connector.answer({ status, times: 2, conversationId: DEA_CHAT, method: 'PUT' });
      await postedThenChanged();
      expect(updatesTo(DEA_CHAT)).toHaveLength(0);
      later(20_000);
      await sweepWork();
      // Refused again: kept again, its tries counted.
      expect(bot.connector.refused).toHaveLength(2);
      expect((await liveWork())!.attempts).toBe(1);
      later(60_000);
      await sweepWork();
      expect(updatesTo(DEA_CHAT)).toHaveLength(1);
      expect(await liveWork()).toMatchObject({ dueAt: null, attempts: 0 });
    });

    it('paces a burst of updates to one chat within Teams\' limits, keeping the rest for later', async () => {
      await deliver(await queueForDea());
      // The chat's pace is used up by sends just now.
      for (let i = 0; i < 5; i++) await deliver(await queueForDea());
      bot.connector.clear();
      await invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: request.id, version: 1, channel: 'skill_conference' });
      await settle();
      expect(updatesTo(DEA_CHAT)).toHaveLength(0);
      expect((await liveWork())!.dueAt).not.toBeNull();
      later(5_000);
      await sweepWork();
      expect(updatesTo(DEA_CHAT).length).toBeGreaterThan(0);
    });
  });
});
