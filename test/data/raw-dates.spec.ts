import { randomUUID } from 'node:crypto';
import { PrivacyLog } from '../../data/privacy/privacy-log';
import { rawDate } from '../../data/raw-date';
import { applySeed } from '../../data/seed/apply-seed';
import { SqlOutputsReader } from '../../data/stores/partnership';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import { openTempDatabase, type TempDatabase } from '../../testkit/temp-database';

/**
 * SQLite hands a raw select's datetime back as UTC text with no zone, which `new Date(text)` reads in
 * the machine's own zone. A server set to London time in summer would then show every such time an
 * hour out. The tests run in New York time (jest.config.js), where it would be 4 or 5 hours out.
 */
describe('times read by raw selects are the instants written, whatever the machine’s time zone', () => {
  // A summer morning: British Summer Time and New York's daylight time are both in force.
  const at = new Date('2027-07-16T08:30:00.000Z');
  let db: TempDatabase;
  let deaId: string;
  let coachId: string;

  beforeAll(async () => {
    db = await openTempDatabase();
    await applySeed(db.dataSource, {
      jobcentres: [{ name: 'Crawley', cluster: 'Gatwick Diamond', district: 'Surrey and Sussex', bankHolidays: 'england-and-wales' }],
      staff: [
        { aadObjectId: '00000000-0000-4000-8000-0000000000d1', name: 'Dana Morgan', email: 'dana.morgan@example.gov.uk', roles: ['dea'], jobcentre: 'Crawley' },
        { aadObjectId: '00000000-0000-4000-8000-0000000000c1', name: 'Amira Shah', email: 'amira.shah@example.gov.uk', roles: ['work_coach'], jobcentre: 'Crawley', dea: 'dana.morgan@example.gov.uk' },
      ],
    });
    const directory = new SqlStaffDirectory(db.dataSource);
    deaId = (await directory.findByAadObjectId('00000000-0000-4000-8000-0000000000d1'))!.id;
    coachId = (await directory.findByAadObjectId('00000000-0000-4000-8000-0000000000c1'))!.id;
  });
  afterAll(async () => db.close());

  it('reads SQLite’s text and SQL Server’s Date alike', () => {
    // Run in UTC, text read in the machine's zone would pass unnoticed.
    expect(at.getTimezoneOffset()).not.toBe(0);
    expect(rawDate('2027-07-16 08:30:00.000').toISOString()).toBe(at.toISOString());
    expect(rawDate('2027-07-16T08:30:00.000Z').toISOString()).toBe(at.toISOString());
    expect(rawDate(at)).toBe(at);
  });

  it('who saw a case: the time of each showing', async () => {
    const log = new PrivacyLog(db.dataSource);
    await log.logAccess([{ at, staffId: deaId, caseKind: 'request', caseId: 'case-1', relationship: 'adviser', shown: 'card' }]);
    const [seen] = await log.whoSaw(['case-1']);
    expect(seen!.at.toISOString()).toBe(at.toISOString());
  });

  it('the agenda of a month’s outputs: an outcome’s time and a group conference’s start', async () => {
    const request = await new SqlSupportRequestStore(db.dataSource).create(
      { type: 'skill_support', requesterId: coachId, deaId, claimant: null, topic: 'retention', description: 'Keeping a claimant in work', reason: 'New to it', requiredBy: '2027-07-30', urgent: false, vulnerability: null },
      new Date('2027-07-01T09:00:00Z'),
    );
    await db.dataSource.getRepository('MeetingRecord').insert({ id: randomUUID(), requestId: request.id, kind: 'outcome', authorId: deaId, at, body: 'Met.', nextSteps: '', sentToId: null });
    const planId = randomUUID();
    const created = new Date('2027-03-01T09:00:00Z');
    await db.dataSource.getRepository('ConferencePlan').insert({
      id: planId, deaId, wctlId: coachId, durationMinutes: 60, inviteWctl: false, workPsychologistId: null, meetingMethod: 'teams', venue: null, room: null, timeOfDay: 'any', status: 'booked', groups: '[]',
      warning: null, cardActivityId: null, cardReference: null, version: 1, createdAt: created, updatedAt: created,
    });
    const starts = new Date('2027-07-20T13:00:00.000Z');
    await db.dataSource.getRepository('GroupConference').insert({
      id: randomUUID(), planId, month: '2027-07', groupIndex: 0, startsAt: starts, endsAt: new Date(starts.getTime() + 3_600_000), coachIds: '[]', clashes: '[]', status: 'held',
      eventId: null, joinUrl: null, lastError: null, casesSentAt: null, summary: null, actions: null, version: 1, createdAt: created, updatedAt: created,
    });
    const items = await new SqlOutputsReader(db.dataSource).outputsOf(deaId, new Date('2027-07-01T00:00:00Z'), new Date('2027-08-01T00:00:00Z'));
    expect(items.map((item) => [item.what, item.at.toISOString()])).toEqual([
      [expect.any(String), at.toISOString()],
      ['Group work coach conference', starts.toISOString()],
    ]);
  });
});
