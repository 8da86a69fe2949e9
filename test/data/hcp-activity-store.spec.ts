import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applySeed } from '../../data/seed/apply-seed';
import { parseSeedFile } from '../../data/seed/seed-file';
import { SqlHcpActivityStore, SqlHcpRoles } from '../../data/stores/hcp-activity';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { openTempDatabase, type TempDatabase } from '../support/template-database';

const AT = new Date('2026-11-23T10:00:00Z');
const DISTRICT = 'Surrey and Sussex';

describe('the HCP activity store on SQLite (what the reports read)', () => {
  let db: TempDatabase;
  let store: SqlHcpActivityStore;
  let hcpId: string;
  beforeEach(async () => {
    db = await openTempDatabase();
    await applySeed(db.dataSource, parseSeedFile(readFileSync(join(__dirname, '..', '..', 'data', 'seed', 'demo-staff.json'), 'utf8')));
    hcpId = (await new SqlStaffDirectory(db.dataSource).findByAadObjectId('00000000-0000-4000-8000-000000000004'))!.id;
    store = new SqlHcpActivityStore(db.dataSource);
  });
  afterEach(() => db.close());

  const activity = (over: Record<string, unknown> = {}) => ({
    hcpId, kind: 'presentation' as const, status: 'done' as const, jobcentreId: null, district: DISTRICT, date: '2026-11-23', start: AT, end: new Date(AT.getTime() + 3600_000),
    takingPart: 'Crawley coaches', note: 'Back pain and work', caseReference: null, caseCount: null, adHoc: false, requestedById: null, setById: null, recordedById: hcpId, recordedAt: AT, ...over,
  });

  it('reads activity by HCP, by district and dates, and what is still open', async () => {
    await store.createActivity(activity(), AT);
    await store.createActivity(activity({ date: '2026-11-30', kind: 'group_case_conference', caseCount: 3 }), AT);
    const requested = await store.createActivity(activity({ status: 'requested', date: null, start: null, end: null, kind: 'individual_case_conference' }), AT);
    await store.createActivity(activity({ district: 'Cumbria and Lancashire', start: new Date(AT.getTime() + 60_000) }), AT);
    expect((await store.activitiesOf(hcpId, '2026-11-23', '2026-11-29')).map((a) => [a.kind, a.district])).toEqual([['presentation', DISTRICT], ['presentation', 'Cumbria and Lancashire']]);
    expect((await store.activitiesInDistrict(DISTRICT, '2026-11-23', '2026-11-30')).map((a) => [a.kind, a.caseCount])).toEqual([['presentation', null], ['group_case_conference', 3]]);
    expect((await store.requestedInDistrict(DISTRICT)).map((a) => a.id)).toEqual([requested.id]);
    expect((await store.openActivitiesOf(hcpId)).map((a) => a.id)).toEqual([requested.id]);
    const planned = await store.updateActivity(requested.id, requested.version, { status: 'planned', date: '2026-11-24' }, AT);
    expect(planned).toMatchObject({ status: 'planned', date: '2026-11-24', version: 2 });
    await expect(store.updateActivity(requested.id, requested.version, { status: 'cancelled' }, AT)).rejects.toThrow('changed since');
  });

  it('one weekly note per HCP and week; one attendance per day', async () => {
    const note = await store.createWeeklyNote({ hcpId, district: DISTRICT, weekStart: '2026-11-23', status: 'draft', body: 'Draft', submittedAt: null, reviewedById: null, reviewedAt: null, changeReason: null, remindedAt: null }, AT);
    await expect(store.createWeeklyNote({ ...note, status: 'draft' }, AT)).rejects.toThrow('started meanwhile');
    await store.updateWeeklyNote(note.id, note.version, { status: 'submitted', submittedAt: AT }, AT);
    expect(await store.weeklyNotesInDistrict(DISTRICT, '2026-11-01', '2026-11-30')).toMatchObject([{ status: 'submitted', weekStart: '2026-11-23' }]);
    expect(await store.weeklyNotesFor([hcpId], '2026-11-23')).toHaveLength(1);
    expect((await store.weeklyNoteById(note.id))?.body).toBe('Draft');

    const day = { hcpId, district: DISTRICT, date: '2026-11-23', jobcentreId: null, status: 'late' as const, arrivedAt: AT, recordedById: hcpId, recordedAt: AT, supplierRequestId: null };
    const recorded = await store.recordAttendance(day);
    await expect(store.recordAttendance(day)).rejects.toThrow('already recorded');
    const request = await store.createSupplierRequest({ kind: 'replacement', district: DISTRICT, hcpId, fromDate: '2026-11-23', toDate: '2026-11-23', details: 'Absent', caseReference: null, raisedById: hcpId, raisedAt: AT, dueOn: '2026-12-07' });
    await store.linkAttendanceToRequest([recorded.id], request.id);
    expect(await store.attendanceInDistrict(DISTRICT, '2026-11-01', '2026-11-30')).toMatchObject([{ status: 'late', supplierRequestId: request.id }]);
  });

  it('numbers supplier requests and keeps their answers against the due date', async () => {
    const base = { kind: 'ad_hoc_information' as const, district: DISTRICT, hcpId: null, fromDate: null, toDate: null, details: 'Figures', caseReference: null, raisedById: hcpId, raisedAt: AT, dueOn: '2026-11-30' };
    const first = await store.createSupplierRequest(base);
    const second = await store.createSupplierRequest({ ...base, raisedAt: new Date(AT.getTime() + 1000) });
    expect([first.reference, second.reference]).toEqual(['SUP-000001', 'SUP-000002']);
    await store.updateSupplierRequest(first.id, first.version, { status: 'answered', answeredAt: AT, answeredById: hcpId, answer: 'Sent' });
    expect((await store.openSupplierRequests(DISTRICT)).map((r) => r.reference)).toEqual(['SUP-000002']);
    expect((await store.supplierRequestsInDistrict(DISTRICT, AT, new Date(AT.getTime() + 60_000))).map((r) => [r.reference, r.status])).toEqual([['SUP-000001', 'answered'], ['SUP-000002', 'open']]);
  });

  it('notices, and the district’s activity managers', async () => {
    await store.recordNotice({ hcpId, district: DISTRICT, givenOn: '2026-11-20', receivedOn: '2026-11-23', dueOn: '2026-11-23', lastDay: '2026-12-23', recordedById: hcpId, recordedAt: AT });
    expect(await store.noticeOf(hcpId)).toMatchObject({ lastDay: '2026-12-23' });
    expect(await store.noticesInDistrict(DISTRICT)).toHaveLength(1);
    const roles = new SqlHcpRoles(db.dataSource, new SqlStaffDirectory(db.dataSource));
    expect((await roles.managersInDistrict(DISTRICT)).map((p) => p.name)).toEqual(['Mark Ellis']);
    expect((await roles.allHcps()).map((p) => p.name).sort()).toEqual(['Aisha Khan', 'Grace Mensah', 'Helen Okoro', 'Rory Campbell', 'Tom Whitfield']);
  });
});
