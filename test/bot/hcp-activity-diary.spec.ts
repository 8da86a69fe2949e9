import type { HcpActivityRow, HcpAttendanceRow } from '../../data/schema/hcp-activity';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { TestClock } from '../support/conference-fixture';
import { cardInputs, cardText, exchange, firstCard, invokeAs, PEOPLE, startTestBot, visibleText, type TestBot } from '../support/test-bot';

const CONTACT = '00000000-0000-4000-8000-000000000205'; // Lucy Fernandes, Crawley's contact
const MANAGER = '00000000-0000-4000-8000-000000000005'; // Mark Ellis, activity manager, Surrey and Sussex
const chat = (aad: string) => `a:personal-${aad}`;

interface DiaryRow {
  mailbox: string;
  subject: string;
  body: string;
  location: string | null;
}

describe('HCP activity in diaries, and the activity manager told of absences and late arrivals (real HTTP, real SQLite)', () => {
  let bot: TestBot;
  // Monday 23 November 2026, 10:00 in London.
  const clock = new TestClock(new Date('2026-11-23T10:00:00Z'));
  beforeEach(async () => {
    clock.at = new Date('2026-11-23T10:00:00Z');
    bot = await startTestBot({ clock });
    for (const who of [PEOPLE.coach, PEOPLE.hcp, PEOPLE.wctl, CONTACT, MANAGER]) await exchange(bot, who, 'help');
    bot.connector.clear();
  });
  afterEach(async () => {
    expect(bot.cardProblems).toEqual([]);
    await bot.close();
  });

  const delivered = async (aad: string) => {
    await bot.app.notifier.idle();
    return bot.connector.sentTo(chat(aad)).map((a) => visibleText([a]));
  };
  const person = async (aad: string) => (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(aad))!;
  const crawley = async () => (await bot.app.dataSource.getRepository<{ id: string; name: string }>('Jobcentre').findOneByOrFail({ name: 'Crawley' })).id;
  const activities = () => bot.app.dataSource.getRepository<HcpActivityRow>('HcpActivity').find({ order: { createdAt: 'ASC' } });
  /** The diary entries of an activity, once its durable work has run. */
  const diaryOf = async (activityId: string): Promise<DiaryRow[]> => {
    await bot.app.background.idle();
    return bot.app.dataSource.query('SELECT mailbox, subject, body, location FROM calendar_event WHERE transactionId = ? ORDER BY mailbox', [`hcp-activity:${activityId}`]);
  };

  it('a case conference a coach asked for goes into the HCP’s and the coach’s diaries once it has a time, with its kind and reference only; cancelling removes both', async () => {
    const asked = await invokeAs(bot, PEOPLE.coach, 'hcp.askConference', { kind: 'individual_case_conference', note: 'Returning to work after knee surgery', caseReference: 'SA-000001' });
    expect(cardText(asked.card)).toContain('Sent to the HCP Activity Manager.');
    let [activity] = await activities();
    // No time yet: nothing in anyone's diary.
    expect(await diaryOf(activity!.id)).toEqual([]);

    await invokeAs(bot, MANAGER, 'hcp.plan', { activityId: activity!.id, version: activity!.version, date: '2026-11-24', start: '14:00', end: '14:30' });
    const [hcp, coach] = [await person(PEOPLE.hcp), await person(PEOPLE.coach)];
    const entries = await diaryOf(activity!.id);
    expect(entries.map((e) => e.mailbox.toLowerCase()).sort()).toEqual([hcp.email, coach.email].map((m) => m.toLowerCase()).sort());
    for (const e of entries) {
      expect(e.subject).toBe('Individual case conference: SA-000001');
      expect(e.location).toBe('Crawley');
      // No note text and no claimant in a diary.
      expect(`${e.subject} ${e.body}`).not.toMatch(/knee|surgery|Zebedee|AB123456C/i);
    }
    // The click's card is still current: the diary work does not move the activity's version on.
    [activity] = await activities();
    expect(activity!.version).toBe(2);
    expect(JSON.parse(activity!.diaryEvents!)).toHaveLength(2);

    const cancelled = await invokeAs(bot, MANAGER, 'hcp.cancel', { activityId: activity!.id, version: activity!.version });
    expect(cardText(cancelled.card)).toContain('Cancelled and taken out of the diaries.');
    expect(await diaryOf(activity!.id)).toEqual([]);
    expect((await activities())[0]!.diaryEvents).toBeNull();
  });

  it('a group case conference in time the team leader set aside: the manager confirms it; it goes into the team leader’s and the HCP’s diaries; another district’s manager cannot touch it', async () => {
    const group = { kind: 'group_case_conference', note: 'Three cases with fluctuating conditions', caseCount: '3', date: '2026-11-25', start: '14:00', end: '15:00' };
    expect(cardText((await invokeAs(bot, PEOPLE.wctl, 'hcp.askConference', { ...group, caseCount: '' })).card)).toContain('Enter how many cases, from 1 to 10 (usually 2 or 3).');
    const asked = await invokeAs(bot, PEOPLE.wctl, 'hcp.askConference', group);
    expect(cardText(asked.card)).toContain('Sent to the HCP Activity Manager.');
    expect((await delivered(MANAGER)).join('\n')).toContain('Your action: confirm the time the team leader set aside');
    const [activity] = await activities();
    expect(activity).toMatchObject({ kind: 'group_case_conference', status: 'requested', caseCount: 3, date: '2026-11-25' });
    // Asked for, not yet confirmed: in nobody's diary.
    expect(await diaryOf(activity!.id)).toEqual([]);

    const elsewhere = await invokeAs(bot, '00000000-0000-4000-8000-000000000204', 'hcp.plan', { activityId: activity!.id, version: activity!.version, start: '14:00', end: '15:00' });
    expect(cardText(elsewhere.card)).toContain('not in your district');
    await invokeAs(bot, MANAGER, 'hcp.plan', { activityId: activity!.id, version: activity!.version, start: '14:00', end: '15:00' });
    const [hcp, leader] = [await person(PEOPLE.hcp), await person(PEOPLE.wctl)];
    const entries = await diaryOf(activity!.id);
    expect(entries.map((e) => e.mailbox.toLowerCase()).sort()).toEqual([hcp.email, leader.email].map((m) => m.toLowerCase()).sort());
    expect(entries.every((e) => e.subject === 'Group case conference' && !e.body.includes('fluctuating'))).toBe(true);

    // Whoever asked for it may cancel it too: out of both diaries.
    const planned = (await activities())[0]!;
    expect(cardText((await invokeAs(bot, PEOPLE.wctl, 'hcp.cancel', { activityId: planned.id, version: planned.version })).card)).toContain('Cancelled and taken out of the diaries.');
    expect(await diaryOf(activity!.id)).toEqual([]);
  });

  it('a work activity the manager sets, and activity the HCP records, go into the HCP’s diary only', async () => {
    const office = await crawley();
    const hcp = await person(PEOPLE.hcp);
    await invokeAs(bot, MANAGER, 'hcp.setActivity', { hcpId: hcp.id, kind: 'presentation', date: '2026-11-24', start: '10:00', end: '11:00', jobcentreId: office, note: 'Mental health and work, for the Crawley team' });
    await invokeAs(bot, PEOPLE.hcp, 'hcp.record', { kind: 'collaboration', date: '2026-11-23', start: '09:00', end: '09:45', jobcentreId: office, takingPart: 'Dana, the DEA', note: 'Planning a health fair' });
    const [set, recorded] = await activities();
    expect(await diaryOf(set!.id)).toEqual([expect.objectContaining({ mailbox: expect.stringMatching(new RegExp(hcp.email, 'i')), subject: 'Presentation to a team or office' })]);
    expect(await diaryOf(recorded!.id)).toEqual([expect.objectContaining({ subject: 'Work with DEAs or work psychologists' })]);
    expect(JSON.stringify(await diaryOf(set!.id))).not.toContain('Mental health');
  });

  it('the activity manager gets a short card when the contact or the HCP records a late arrival or an absence; none when they record it themselves', async () => {
    const helen = (await person(PEOPLE.hcp)).id;
    // The contact greets Helen at 08:40 on Tuesday: late.
    clock.at = new Date('2026-11-24T08:40:00Z');
    await invokeAs(bot, CONTACT, 'hcp.arrived', { hcpId: helen });
    const late = (await delivered(MANAGER)).join('\n');
    expect(late).toContain('Late arrival: Helen Okoro');
    expect(late).toContain('Crawley');
    expect(late).toContain('Tuesday 24 November 2026');
    expect(late).toContain('08:40');
    expect(late).toContain('Recorded by Lucy Fernandes');

    bot.connector.clear();
    const absent = await invokeAs(bot, CONTACT, 'hcp.absent', { hcpId: helen, fromDate: '2026-11-26', toDate: '2026-11-30' });
    expect(cardText(absent.card)).toContain('SUP-000001 asks the supplier for a replacement.');
    const absence = (await delivered(MANAGER)).join('\n');
    expect(absence).toContain('Absence: Helen Okoro');
    expect(absence).toContain('Your action: record the supplier’s answer to SUP-000001 when it comes.');
    expect(absence).toContain('Thursday 26 November 2026 to Monday 30 November 2026 (3 working days)');
    expect(absence).toContain('Crawley');
    expect(absence).toContain('the supplier must answer by');
    // Nobody else is told: not the contact, not the HCP.
    expect(await delivered(PEOPLE.hcp)).toEqual([]);

    // The HCP records her own late arrival on Wednesday: the manager is told too.
    bot.connector.clear();
    clock.at = new Date('2026-11-25T09:05:00Z');
    await exchange(bot, PEOPLE.hcp, 'arrived');
    expect((await delivered(MANAGER)).join('\n')).toContain('Late arrival: Helen Okoro');

    // The manager records an absence: they get no card about their own record.
    bot.connector.clear();
    await invokeAs(bot, MANAGER, 'hcp.absent', { hcpId: helen, fromDate: '2026-12-01', toDate: '2026-12-01' });
    expect((await delivered(MANAGER)).filter((t) => t.includes('Absence:'))).toEqual([]);
  });

  it('the contact greets Helen at 08:25 and records it at 08:40, giving 08:25: on time, no late card to the managers, and the record keeps both times', async () => {
    const helen = (await person(PEOPLE.hcp)).id;
    const attendance = () => bot.app.dataSource.getRepository<HcpAttendanceRow>('HcpAttendance').find({ order: { date: 'ASC' } });
    clock.at = new Date('2026-11-24T08:40:00Z');
    // "Helen Okoro has arrived" asks for the time she arrived, empty for now.
    const card = firstCard(await exchange(bot, CONTACT, 'arrived'));
    expect(JSON.stringify(card.actions)).toContain('"id":"arrivedAt"');
    expect(JSON.stringify(card.actions)).toContain('Helen Okoro has arrived');

    // A time later than now is refused beside the field, with what was typed kept, and nothing recorded.
    const future = await invokeAs(bot, CONTACT, 'hcp.arrived', { hcpId: helen, arrivedAt: '09:15' });
    expect(cardText(future.card)).toContain('Check the arrival time. What you typed is kept.');
    expect(cardText(future.card)).toContain('That is later than now: enter the time they arrived today, or leave it empty for now.');
    expect(cardInputs(future.card)).toMatchObject({ arrivedAt: '09:15' });
    expect(await attendance()).toEqual([]);

    const greeted = await invokeAs(bot, CONTACT, 'hcp.arrived', { hcpId: helen, arrivedAt: '08:25' });
    expect(cardText(greeted.card)).toContain('Arrival recorded. Thank you.');
    expect(cardText(greeted.card)).toContain('On time, arrived 08:25');
    expect((await attendance()).map((d) => [d.status, d.arrivedAt?.toISOString(), d.recordedAt.toISOString()])).toEqual([['on_time', '2026-11-24T08:25:00.000Z', '2026-11-24T08:40:00.000Z']]);
    expect(await delivered(MANAGER)).toEqual([]);
    expect(cardText(firstCard(await exchange(bot, MANAGER, 'hcp week')))).toContain('Attendance: 1 on time, 0 late, 0 absent');
  });

  it('a time given after 08:30 is late: the managers’ card shows when she arrived and when it was recorded', async () => {
    const helen = (await person(PEOPLE.hcp)).id;
    clock.at = new Date('2026-11-24T08:50:00Z');
    expect(cardText((await invokeAs(bot, CONTACT, 'hcp.arrived', { hcpId: helen, arrivedAt: '8:35' })).card)).toContain('Arrival recorded, after 08:30: it shows as late.');
    const late = (await delivered(MANAGER)).join('\n');
    expect(late).toContain('Late arrival: Helen Okoro');
    expect(late).toContain('08:35 (the day starts at 08:30)');
    expect(late).toContain('08:50, by Lucy Fernandes, who gave the time of arrival');
  });

  it('an arrival on time tells nobody', async () => {
    clock.at = new Date('2026-11-24T08:20:00Z');
    await exchange(bot, PEOPLE.hcp, 'arrived');
    expect(await delivered(MANAGER)).toEqual([]);
  });
});
