import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import type { SupportRequest } from '../../domain/requests/support-request';
import { statementsDuring as sentDuring } from '../../testkit/statement-log';
import { cardText, exchange, invokeAs, PEOPLE, startTestBot, visibleText, type TestBot } from '../support/test-bot';

/** Counts the SQL statements the app sends while `work` runs (TypeORM reports every query to its logger). */
async function statementsDuring(bot: TestBot, work: () => Promise<unknown>): Promise<string[]> {
  const sent = await sentDuring(bot.app.dataSource, async () => {
    await work();
    await bot.app.notifier.idle();
    await bot.app.background.idle();
  });
  return sent.map((s) => s.sql);
}

const NEW_REQUEST = (coach: { id: string; deaId: string | null }) => ({
  type: 'claimant_support' as const,
  requesterId: coach.id,
  deaId: coach.deaId!,
  claimant: { surname: 'Smith', nino: 'AB123456C', benefits: ['UC' as const] },
  topic: null,
  description: 'Challenges',
  reason: 'Why',
  requiredBy: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10),
  urgent: false,
  vulnerability: null,
});
// The request, consent, booking, outcome records, QAS (the sender, their jobcentre and the case's people, and their Teams ids, known from the turns before).
// Plus one: the record of the showing, written before the card leaves (see ACCESS_LOG below).
const LIMIT_FULLEST = 5 + 1;
/**
 * A turn that shows a claimant's case writes who saw it before its answer leaves (one multi-row
 * insert for all it showed), so a process killed after the card went cannot lose the record. A read
 * of a card has no write of its own to fold it into, and the de-duplication completion of a message
 * turn comes after its reply was sent: hence one statement more, measured, on each turn that shows a case.
 */
const ACCESS_LOG = 1;

describe('SQL statements of a turn (a test that fails if they grow)', () => {
  let bot: TestBot;
  let request: SupportRequest;
  beforeAll(async () => {
    bot = await startTestBot();
    for (const who of [PEOPLE.coach, PEOPLE.dea]) await exchange(bot, who, 'help');
    const coach = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.coach))!;
    request = await new SqlSupportRequestStore(bot.app.dataSource).create(
      {
        type: 'claimant_support',
        requesterId: coach.id,
        deaId: coach.deaId!,
        claimant: { surname: 'Smith', nino: 'AB123456C', benefits: ['UC'] },
        topic: null,
        description: 'Challenges',
        reason: 'Why',
        requiredBy: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
        urgent: false,
        vulnerability: null,
      },
      new Date(),
    );
  });
  afterAll(() => bot.close());

  // Measured when the limits were set; lower them when a change needs fewer, never raise them quietly.
  it('a help turn: the conversation state alone (the sender, their jobcentre and chat known from the turn before; it only shows, so it is claimed in the process, not in SQL)', async () => {
    const statements = await statementsDuring(bot, () => exchange(bot, PEOPLE.coach, 'help'));
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/FROM "bot_state"/);
  });

  it('a message that starts something: the de-duplication claim and its completion as well', async () => {
    const statements = await statementsDuring(bot, async () => {
      await exchange(bot, PEOPLE.coach, 'new request');
      await exchange(bot, PEOPLE.coach, 'cancel');
    });
    // A claim is marked done when its turn finishes (so a turn that died is handled again).
    expect(statements.filter((q) => /"processed_activity"/.test(q))).toEqual([expect.stringMatching(/^INSERT/), expect.stringMatching(/^UPDATE/), expect.stringMatching(/^INSERT/), expect.stringMatching(/^UPDATE/)]);
  });

  it('a card refresh: the request and its QAS check (its people and their Teams ids known from the turns before)', async () => {
    const statements = await statementsDuring(bot, () => invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: request.id }));
    expect(statements.length).toBeLessThanOrEqual(2 + ACCESS_LOG);
  });

  it('a card click (accept as a case conference), with the free times it proposes and the card delivered to the coach', async () => {
    const statements = await statementsDuring(bot, () => invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: request.id, version: request.version, channel: 'case_conference' }));
    expect(statements.filter((q) => /^UPDATE "support_request"/.test(q))).toHaveLength(1);
    // One read of the posted copies: a person is sent the full card only when they have no copy of it
    // yet, and otherwise a line saying what changed while their copy is updated in place.
    expect(statements.length).toBeLessThanOrEqual(18 + ACCESS_LOG);
  });

  it('the fullest card: a booked three way, with consent, the booking, the letter and the QAS check', async () => {
    const coach = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.coach))!;
    const store = new SqlSupportRequestStore(bot.app.dataSource);
    const threeWay = await store.create({ ...NEW_REQUEST(coach), acceptedAs: 'three_way_intervention' }, new Date());
    const consent = { requestId: threeWay.id, version: threeWay.version, conditionality: 'mandatory', explained: 'dea_role,why_dea_helps,consequences', answer: 'agreed', availability: 'tuesday-am,tuesday-pm,wednesday-am,wednesday-pm,thursday-am,thursday-pm,friday-am,friday-pm,monday-am,monday-pm', letterFormat: 'large_print' };
    await invokeAs(bot, PEOPLE.coach, 'consent.threeWay', consent);
    const consented = (await store.findById(threeWay.id))!;
    const { card } = await invokeAs(bot, PEOPLE.coach, 'request.refresh', { requestId: threeWay.id });
    const slot = JSON.stringify(card).match(/"value":"(\d{4}-\d\d-\d\dT[^"]+)"/)?.[1];
    expect(slot).toBeDefined();
    await invokeAs(bot, PEOPLE.coach, 'booking.book', { requestId: threeWay.id, version: consented.version, slot: slot!, durationMinutes: '60', mode: 'face_to_face' });
    await bot.app.background.idle();
    await bot.app.notifier.idle();
    expect((await store.findById(threeWay.id))?.status).toBe('booked');
    const statements = await statementsDuring(bot, async () => {
      const refreshed = await invokeAs(bot, PEOPLE.coach, 'request.refresh', { requestId: threeWay.id });
      expect(JSON.stringify(refreshed.card)).toContain('Letter to the claimant');
    });
    expect(statements.length).toBeLessThanOrEqual(LIMIT_FULLEST);
  });
});

describe('SQL statements of asking for Specialist Advice', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
    await exchange(bot, PEOPLE.coach, 'help');
  });
  afterAll(() => bot.close());

  it("a coach's `specialist advice`: the conversation state, their office once, and the HCP of its cluster (the form only shows: no claim in SQL)", async () => {
    const statements = await statementsDuring(bot, async () => expect(visibleText(await exchange(bot, PEOPLE.coach, 'specialist advice'))).toContain('Helen Okoro'));
    expect(statements.filter((q) => /FROM "jobcentre"/.test(q))).toHaveLength(1);
    expect(statements.filter((q) => /"processed_activity"/.test(q))).toEqual([]);
    expect(statements.length).toBeLessThanOrEqual(4);
  });
});

describe('SQL statements of a list turn at size: one for the page, none per row', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
    for (const who of [PEOPLE.coach, PEOPLE.dea, PEOPLE.wctl]) await exchange(bot, who, 'help');
    const coach = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.coach))!;
    const store = new SqlSupportRequestStore(bot.app.dataSource);
    for (let i = 0; i < 120; i++) {
      const made = await store.create(NEW_REQUEST(coach), new Date(Date.now() - i * 60_000));
      if (i % 2) continue;
      // Half of them booked case conferences, for the meetings and quality checks lists.
      await bot.app.dataSource.query("UPDATE support_request SET status = 'booked', channel = 'case_conference' WHERE id = ?", [made.id]);
      await bot.app.dataSource.query(
        "INSERT INTO booking (id, requestId, startsAt, endsAt, mode, status, events, version, createdAt, updatedAt) VALUES (?, ?, '2026-12-02 10:00:00.000', '2026-12-02 11:00:00.000', 'teams', 'booked', '[]', 1, '2026-11-30 10:00:00.000', '2026-11-30 10:00:00.000')",
        [`booking-${i}`, made.id],
      );
    }
  });
  afterAll(() => bot.close());

  // The conversation's state, and the page (a list only shows: it is claimed in the process, not in SQL).
  it.each([
    ['my requests', PEOPLE.coach],
    ['queue', PEOPLE.dea],
    ['meetings', PEOPLE.dea],
    ['quality checks', PEOPLE.wctl],
  ])('%s: 120 requests, one statement for the page', async (command, who) => {
    const statements = await statementsDuring(bot, async () => expect(visibleText(await exchange(bot, who, command))).toMatch(/Showing 1 to 25 of (120|60)/));
    // Lists of requests and meetings name claimants (or their cases): their showing is recorded too.
    expect(statements.filter((q) => /"processed_activity"/.test(q))).toEqual([]);
    expect(statements.length).toBeLessThanOrEqual(2 + ACCESS_LOG);
  });

  it('the next page: the page alone', async () => {
    const statements = await statementsDuring(bot, async () => expect(cardText((await invokeAs(bot, PEOPLE.dea, 'queue.page', { offset: 25 })).card)).toContain('Showing 26 to 50 of 60'));
    expect(statements.length).toBeLessThanOrEqual(1 + ACCESS_LOG);
  });
});

describe("SQL statements of the activity manager's views: none per HCP", () => {
  const MANAGER = '00000000-0000-4000-8000-000000000005'; // Mark Ellis, activity manager, Surrey and Sussex
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
    for (const who of [MANAGER, PEOPLE.hcp]) await exchange(bot, who, 'help');
  });
  afterAll(() => bot.close());

  it("the manager's `hcp week` reads the district's attendance once (the week and the period that holds it), and `my day` the HCPs' breaks once", async () => {
    const during = async (command: string) => {
      await exchange(bot, MANAGER, command);
      return statementsDuring(bot, async () => expect(visibleText(await exchange(bot, MANAGER, command))).toContain('Helen Okoro'));
    };
    const week = await during('hcp week');
    expect(week.filter((q) => /FROM "hcp_attendance"/.test(q))).toHaveLength(1);
    // The district's offices once: for the activity form's jobcentres and for the coaches it may name.
    expect(week.filter((q) => /FROM "jobcentre" .*"cluster" IN/.test(q))).toHaveLength(1);
    expect((await during('my day')).filter((q) => /FROM "hcp_break"/.test(q))).toHaveLength(1);
  });

  it("an HCP's `activity`: this week's activity read once, today's taken from it", async () => {
    await exchange(bot, PEOPLE.hcp, 'activity');
    const statements = await statementsDuring(bot, async () => expect(visibleText(await exchange(bot, PEOPLE.hcp, 'activity'))).toContain('This week'));
    expect(statements.filter((q) => /FROM "hcp_activity" .*BETWEEN/.test(q))).toHaveLength(1);
  });

  it("reads as many statements for four HCPs as for one: the week and every HCP's diary", async () => {
    const views = ['hcp week', 'my day'];
    const show = async (command: string) => visibleText(await exchange(bot, MANAGER, command));
    const measure = async () => {
      const counts: number[] = [];
      const shown: string[] = [];
      for (const command of views) {
        await show(command);
        counts.push((await statementsDuring(bot, async () => shown.push(await show(command)))).length);
      }
      return { counts, shown };
    };
    const one = await measure();
    for (const text of one.shown) expect(text).toContain('Helen Okoro');

    // Three more HCPs based at Helen's jobcentre.
    const helen = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.hcp))!;
    const stamp = '2026-11-30 10:00:00.000';
    for (const name of ['Ada Byrne', 'Ben Ojo', 'Cara Doyle']) {
      const id = `hcp-${name.split(' ')[0]!.toLowerCase()}`;
      await bot.app.dataSource.query('INSERT INTO staff (id, aadObjectId, name, email, jobcentreId, deaId, teamLeaderId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?)', [id, `aad-${id}`, name, `${id}@example.gov.uk`, helen.jobcentreId, stamp, stamp]);
      await bot.app.dataSource.query("INSERT INTO staff_role (staffId, role) VALUES (?, 'hcp')", [id]);
    }
    // Each view is shown once before it is counted, for the directory to know the new people (kept a short while, as every sender is).
    const four = await measure();
    for (const text of four.shown) for (const name of ['Helen Okoro', 'Ada Byrne', 'Ben Ojo', 'Cara Doyle']) expect(text).toContain(name);
    expect(four.counts).toEqual(one.counts);
  });
});
