import { directoryChanged, SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import type { SupportRequest } from '../../domain/requests/support-request';
import { exchange, firstCard, invokeAs, PEOPLE, startTestBot, cardText, visibleText, type TestBot } from '../support/test-bot';

/** The Open buttons of a list card, by the request each opens. */
function opened(card: Record<string, unknown>): string[] {
  const ids: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const n = node as Record<string, unknown>;
      const data = n.data as Record<string, unknown> | undefined;
      if (n.type === 'Action.Submit' && typeof n.title === 'string' && n.title.startsWith('Open ') && data?.verb === 'request.open') ids.push(String(data.requestId));
      Object.values(n).forEach(walk);
    }
  };
  walk(card.body);
  return ids;
}

function pageAction(card: Record<string, unknown>, title: RegExp): { verb: string; data: Record<string, unknown> } | undefined {
  const actions = (card.actions as { title: string; verb: string; data: Record<string, unknown> }[] | undefined) ?? [];
  return actions.find((a) => title.test(a.title));
}

describe('lists people can use: queue and my requests, 25 at a time, every item openable', () => {
  let bot: TestBot;
  let made: SupportRequest[];
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    bot = await startTestBot();
    const coach = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.coach))!;
    const store = new SqlSupportRequestStore(bot.app.dataSource);
    made = [];
    for (let i = 0; i < 140; i++) {
      made.push(
        await store.create(
          {
            type: i % 10 === 3 ? 'skill_support' : 'claimant_support',
            requesterId: coach.id,
            deaId: coach.deaId!,
            claimant: i % 10 === 3 ? null : { surname: `Surname${i}`, nino: 'AB123456C', benefits: ['UC'] },
            topic: i % 10 === 3 ? 'reasonable_adjustments' : null,
            description: 'Challenges '.repeat(200),
            reason: 'Why',
            requiredBy: day(i === 0 ? -3 : 5 + (i % 30)),
            urgent: i === 139,
            vulnerability: null,
          },
          new Date(Date.now() - (140 - i) * 60_000),
        ),
      );
    }
  });
  afterAll(() => bot.close());

  it('queue: the 25 most urgent with "1 to 25 of 140", Next and Previous, each one openable', async () => {
    const card = firstCard(await exchange(bot, PEOPLE.dea, 'queue'));
    const text = cardText(card);
    expect(text).toContain('Your queue: 140 open requests');
    expect(text).toContain('Showing 1 to 25 of 140');
    // Urgent first, then the overdue one; each tells its claimant (or skill topic), type and status.
    expect(text.indexOf(`URGENT ${made[139]!.reference}`)).toBeGreaterThan(-1);
    expect(text.indexOf(`OVERDUE ${made[0]!.reference}`)).toBeGreaterThan(text.indexOf(`URGENT ${made[139]!.reference}`));
    expect(text).toContain('Claimant: Surname0 · One to One Claimant Support');
    expect(text).toMatch(/Skill: Reasonable adjustments · One to One Skill Support/);
    expect(text).toMatch(/Waiting for the DEA · from Amira Shah · needed by/);
    expect(opened(card)).toHaveLength(25);
    expect(opened(card)[0]).toBe(made[139]!.id);
    expect(JSON.stringify(card).length).toBeLessThan(28_000);
    expect(pageAction(card, /Previous/)).toBeUndefined();

    const next = pageAction(card, /^Next 25$/)!;
    expect(next).toMatchObject({ verb: 'queue.page', data: { offset: 25 } });
    const second = (await invokeAs(bot, PEOPLE.dea, next.verb, next.data)).card;
    expect(cardText(second)).toContain('Showing 26 to 50 of 140');
    expect(opened(second).filter((id) => opened(card).includes(id))).toEqual([]);
    expect(pageAction(second, /Previous/)).toMatchObject({ data: { offset: 0 } });

    const last = (await invokeAs(bot, PEOPLE.dea, 'queue.page', { offset: 125 })).card;
    expect(cardText(last)).toContain('Showing 126 to 140 of 140');
    expect(opened(last)).toHaveLength(15);
    expect(pageAction(last, /^Next/)).toBeUndefined();

    // Every listed request opens as its card.
    const shown = await exchange(bot, PEOPLE.dea, { verb: 'request.open', requestId: opened(last)[14]! });
    expect(visibleText(shown)).toContain(made.find((r) => r.id === opened(last)[14])!.reference);
  });

  it('my requests: newest first, paged the same way; the queue, meetings and quality checks are refused to a work coach', async () => {
    const card = firstCard(await exchange(bot, PEOPLE.coach, 'my requests'));
    expect(cardText(card)).toContain('Showing 1 to 25 of 140');
    expect(opened(card)[0]).toBe(made[139]!.id);
    const next = pageAction(card, /^Next/)!;
    expect(next.verb).toBe('requests.page');
    expect(opened((await invokeAs(bot, PEOPLE.coach, next.verb, next.data)).card)[0]).toBe(made[114]!.id);
    expect(visibleText(await exchange(bot, PEOPLE.coach, 'queue'))).toMatch(/The queue is for DEAs/);
    expect(visibleText(await exchange(bot, PEOPLE.coach, 'meetings'))).toMatch(/Meetings are for DEAs/);
    expect(visibleText(await exchange(bot, PEOPLE.coach, 'quality checks'))).toMatch(/Quality checks are for Work Coach Team Leaders/);
    expect(cardText((await invokeAs(bot, PEOPLE.coach, 'queue.page', { offset: 25 })).card)).toMatch(/The queue is for DEAs/);
    expect(cardText((await invokeAs(bot, PEOPLE.dea, 'queue.page', { offset: 'lots' })).card)).toMatch(/could not be read/);
  });

  it('meetings: none at first; then the booked one, with its time, and the quality checks list shows it to the team leader', async () => {
    expect(visibleText(await exchange(bot, PEOPLE.dea, 'meetings'))).toContain('You have no booked or held meetings');
    const booked = made[5]!;
    await bot.app.dataSource.query("UPDATE support_request SET status = 'booked', channel = 'case_conference' WHERE id = ?", [booked.id]);
    await bot.app.dataSource.query(
      "INSERT INTO booking (id, requestId, startsAt, endsAt, mode, status, events, version, createdAt, updatedAt) VALUES ('b-1', ?, '2026-12-02 10:00:00.000', '2026-12-02 11:00:00.000', 'teams', 'booked', '[]', 1, '2026-11-30 10:00:00.000', '2026-11-30 10:00:00.000')",
      [booked.id],
    );
    const card = firstCard(await exchange(bot, PEOPLE.dea, 'meetings'));
    expect(cardText(card)).toMatch(new RegExp(`${booked.reference}[\\s\\S]*Wednesday 2 December 2026, 10:00 to 11:00[\\s\\S]*Claimant: Surname5 · Work coach and DEA case conference[\\s\\S]*Booked`));
    expect(opened(card)).toEqual([booked.id]);
    const checks = cardText(firstCard(await exchange(bot, PEOPLE.wctl, 'quality checks')));
    expect(checks).toMatch(new RegExp(`${booked.reference}[\\s\\S]*Work coach and DEA case conference · Booked[\\s\\S]*Not checked`));
    // A team leader reads the list as a viewer: no claimant's name.
    expect(checks).not.toContain('Surname5');
  });

  it("quality checks: a work coach's team leader sees the coach's conference with a DEA they do not lead, not the coach's intervention; the DEA's team leader each once", async () => {
    // Ben Turner's team leader becomes Lee Carter, who leads no DEA; Tom still leads Dana and Amira.
    const lee = { id: '00000000-0000-4000-9000-00000000c001', aadObjectId: '10000000-0000-4000-9000-00000000c001' };
    const directory = new SqlStaffDirectory(bot.app.dataSource);
    const ben = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000101'))!;
    const stamp = new Date().toISOString();
    await bot.app.dataSource.query('INSERT INTO staff (id, aadObjectId, name, email, jobcentreId, deaId, teamLeaderId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?)', [lee.id, lee.aadObjectId, 'Lee Carter', 'lee.carter@jobcentre.example', ben.jobcentreId, stamp, stamp]);
    await bot.app.dataSource.query("INSERT INTO staff_role (staffId, role) VALUES (?, 'work_coach_team_leader')", [lee.id]);
    await bot.app.dataSource.query('UPDATE staff SET teamLeaderId = ? WHERE id = ?', [lee.id, ben.id]);
    directoryChanged();
    const store = new SqlSupportRequestStore(bot.app.dataSource);
    const booked = async (channel: 'case_conference' | 'claimant_support_intervention', surname: string, minutesAgo: number) => {
      const request = await store.create(
        { type: 'claimant_support', requesterId: ben.id, deaId: ben.deaId!, claimant: { surname, nino: 'AB123456C', benefits: ['UC'] }, topic: null, description: 'Challenges', reason: 'Why', requiredBy: day(10), urgent: false, vulnerability: null, acceptedAs: channel },
        new Date(Date.now() - minutesAgo * 60_000),
      );
      await bot.app.dataSource.query("UPDATE support_request SET status = 'booked' WHERE id = ?", [request.id]);
      await bot.app.dataSource.query(
        "INSERT INTO booking (id, requestId, startsAt, endsAt, mode, status, events, version, createdAt, updatedAt) VALUES (?, ?, '2026-12-03 10:00:00.000', '2026-12-03 11:00:00.000', 'teams', 'booked', '[]', 1, '2026-11-30 10:00:00.000', '2026-11-30 10:00:00.000')",
        [`b-${request.reference}`, request.id],
      );
      return request;
    };
    const conference = await booked('case_conference', 'Quill', 2);
    const intervention = await booked('claimant_support_intervention', 'Rook', 1);

    const card = firstCard(await exchange(bot, lee.aadObjectId, 'quality checks'));
    const text = cardText(card);
    expect(opened(card)).toEqual([conference.id]);
    expect(text).toMatch(new RegExp(`${conference.reference}[\\s\\S]*Work coach and DEA case conference · Booked · from Ben Turner[\\s\\S]*Not checked`));
    expect(text).toContain('1 in all');
    expect(text).not.toContain(intervention.reference);
    expect(text).not.toContain('Quill');
    // Opened from the list, the meeting can be marked for its QAS 2 check by the coach's team leader.
    const shown = await exchange(bot, lee.aadObjectId, { verb: 'request.open', requestId: conference.id });
    expect(visibleText(shown)).toContain(conference.reference);
    expect(JSON.stringify(shown)).toContain('"verb":"qas.mark"');

    // Tom leads Dana: both of Ben's meetings and Amira's booked one, each once.
    const toms = firstCard(await exchange(bot, PEOPLE.wctl, 'quality checks'));
    expect(opened(toms)).toEqual([intervention.id, conference.id, made[5]!.id]);
    expect(cardText(toms)).toContain('3 in all');
  });
});
