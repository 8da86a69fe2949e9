import { randomUUID } from 'node:crypto';
import { Between, In, type DataSource } from 'typeorm';
import { conflict } from '../../domain/errors';
import type { ActivityChanges, HcpActivityStore, NewActivity, NewAttendance, NewNotice, NewSupplierRequest, NewWeeklyNote, SupplierRequestChanges, WeeklyNoteChanges } from '../../domain/hcp-activity/ports';
import { formatSupplierReference, type AttendanceRecord, type DiaryEntry, type HcpNotice, type SupplierRequest, type SupportingActivity, type WeeklyNote } from '../../domain/hcp-activity/records';
import type { HcpActivityRow, HcpAttendanceRow, HcpNoticeRow, HcpWeeklyNoteRow, SupplierRequestRow } from '../schema/hcp-activity';
import type { StaffDirectory } from '../../domain/ports';
import type { StaffMember } from '../../domain/staff';
import { inChunks } from '../chunks';
import { inTransaction, repositoryOf } from '../transactions';
import { isUniqueViolation } from '../unique-violation';
import { byName } from '../../domain/names';
import type { AdviceAbsences } from '../../domain/specialist-advice/ports';
import type { AwayDays } from '../../domain/specialist-advice/schedule';

const MAX_NUMBER_RETRIES = 5;
const OPEN: string[] = ['requested', 'planned'];

const lower = (id: string | null): string | null => id?.toLowerCase() ?? null;

/** HCPs' supporting activity, weekly notes, attendance, supplier requests and notices, in SQL. */
export class SqlHcpActivityStore implements HcpActivityStore {
  constructor(private readonly dataSource: DataSource) {}

  private activities() {
    return repositoryOf<HcpActivityRow>(this.dataSource, 'HcpActivity');
  }
  private notes() {
    return repositoryOf<HcpWeeklyNoteRow>(this.dataSource, 'HcpWeeklyNote');
  }
  private attendance() {
    return repositoryOf<HcpAttendanceRow>(this.dataSource, 'HcpAttendance');
  }
  private requests() {
    return repositoryOf<SupplierRequestRow>(this.dataSource, 'SupplierRequest');
  }
  private notices() {
    return repositoryOf<HcpNoticeRow>(this.dataSource, 'HcpNotice');
  }

  async createActivity(a: NewActivity, at: Date): Promise<SupportingActivity> {
    const id = randomUUID();
    await this.activities().insert({ ...activityColumns(a), id, hcpId: a.hcpId, district: a.district, version: 1, createdAt: at, updatedAt: at });
    return (await this.activity(id))!;
  }

  async activity(id: string): Promise<SupportingActivity | null> {
    const row = await this.activities().findOne({ where: { id: id.toLowerCase() } });
    return row ? activityOf(row) : null;
  }

  async updateActivity(id: string, version: number, changes: ActivityChanges, at: Date): Promise<SupportingActivity> {
    const result = await this.activities()
      .createQueryBuilder()
      .update()
      .set({ ...activityColumns(changes), version: version + 1, updatedAt: at })
      .where('id = :id AND version = :version', { id: id.toLowerCase(), version })
      .execute();
    if (!result.affected) throw conflict('This activity changed since this card was shown.');
    return (await this.activity(id))!;
  }

  async setDiaryEntries(id: string, entries: readonly DiaryEntry[]): Promise<void> {
    await this.activities().update({ id: id.toLowerCase() }, { diaryEvents: entries.length ? JSON.stringify(entries) : null });
  }

  async activitiesOf(hcpId: string, fromDate: string, toDate: string): Promise<SupportingActivity[]> {
    const rows = await this.activities().find({ where: { hcpId: hcpId.toLowerCase(), date: Between(fromDate, toDate) }, order: { date: 'ASC', startsAt: 'ASC' } });
    return rows.map(activityOf);
  }

  async openActivitiesOf(hcpId: string): Promise<SupportingActivity[]> {
    const rows = await this.activities().find({ where: { hcpId: hcpId.toLowerCase(), status: In(OPEN) }, order: { createdAt: 'ASC' } });
    return rows.map(activityOf);
  }

  async activitiesInDistrict(district: string, fromDate: string, toDate: string): Promise<SupportingActivity[]> {
    const rows = await this.activities().find({ where: { district, date: Between(fromDate, toDate) }, order: { date: 'ASC', startsAt: 'ASC' } });
    return rows.map(activityOf);
  }

  async requestedInDistrict(district: string): Promise<SupportingActivity[]> {
    const rows = await this.activities().find({ where: { district, status: 'requested' }, order: { createdAt: 'ASC' } });
    return rows.map(activityOf);
  }

  async weeklyNote(hcpId: string, weekStart: string): Promise<WeeklyNote | null> {
    const row = await this.notes().findOne({ where: { hcpId: hcpId.toLowerCase(), weekStart } });
    return row ? noteOf(row) : null;
  }

  async weeklyNoteById(id: string): Promise<WeeklyNote | null> {
    const row = await this.notes().findOne({ where: { id: id.toLowerCase() } });
    return row ? noteOf(row) : null;
  }

  async createWeeklyNote(note: NewWeeklyNote, at: Date): Promise<WeeklyNote> {
    const id = randomUUID();
    try {
      await this.notes().insert({ ...note, id, hcpId: note.hcpId.toLowerCase(), version: 1, createdAt: at, updatedAt: at });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('This week’s note was started meanwhile: open it again.');
      throw error;
    }
    return (await this.weeklyNote(note.hcpId, note.weekStart))!;
  }

  async updateWeeklyNote(id: string, version: number, changes: WeeklyNoteChanges, at: Date): Promise<WeeklyNote> {
    const result = await this.notes()
      .createQueryBuilder()
      .update()
      .set({ ...changes, version: version + 1, updatedAt: at })
      .where('id = :id AND version = :version', { id: id.toLowerCase(), version })
      .execute();
    if (!result.affected) throw conflict('This weekly note changed since this card was shown.');
    return (await this.weeklyNoteById(id))!;
  }

  async weeklyNotesInDistrict(district: string, fromWeek: string, toWeek: string): Promise<WeeklyNote[]> {
    const rows = await this.notes().find({ where: { district, weekStart: Between(fromWeek, toWeek) }, order: { weekStart: 'ASC' } });
    return rows.map(noteOf);
  }

  async weeklyNotesFor(hcpIds: readonly string[], weekStart: string): Promise<WeeklyNote[]> {
    if (!hcpIds.length) return [];
    const ids = [...new Set(hcpIds.map((id) => id.toLowerCase()))];
    const rows = await inChunks(ids, (chunk) => this.notes().find({ where: { hcpId: In(chunk), weekStart } }));
    return rows.map(noteOf);
  }

  async recordAttendance(record: NewAttendance, replacesAbsenceId?: string): Promise<AttendanceRecord> {
    if (replacesAbsenceId !== undefined) return this.replaceAbsence(record, replacesAbsenceId.toLowerCase());
    const id = randomUUID();
    try {
      await this.attendance().insert({ ...record, id, hcpId: record.hcpId.toLowerCase() });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('Attendance for that day is already recorded.');
      throw error;
    }
    return { ...record, id, hcpId: record.hcpId.toLowerCase() };
  }

  /** The day's absence, overwritten with the arrival only while it is still that absence (two arrivals at once: one is refused). */
  private async replaceAbsence(record: NewAttendance, id: string): Promise<AttendanceRecord> {
    const hcpId = record.hcpId.toLowerCase();
    const result = await this.attendance()
      .createQueryBuilder()
      .update()
      .set({ district: record.district, jobcentreId: record.jobcentreId, status: record.status, arrivedAt: record.arrivedAt, recordedById: record.recordedById, recordedAt: record.recordedAt, supplierRequestId: record.supplierRequestId })
      .where('id = :id AND hcpId = :hcpId AND date = :date AND status = :absent', { id, hcpId, date: record.date, absent: 'absent' })
      .execute();
    if (!result.affected) throw conflict('Attendance for that day is already recorded.');
    return { ...record, id, hcpId };
  }

  async attendanceRecord(id: string): Promise<AttendanceRecord | null> {
    const row = await this.attendance().findOne({ where: { id: id.toLowerCase() } });
    return row ? attendanceOf(row) : null;
  }

  async attendanceOf(hcpId: string, fromDate: string, toDate: string): Promise<AttendanceRecord[]> {
    const rows = await this.attendance().find({ where: { hcpId: hcpId.toLowerCase(), date: Between(fromDate, toDate) }, order: { date: 'ASC' } });
    return rows.map(attendanceOf);
  }

  async attendanceInDistrict(district: string, fromDate: string, toDate: string): Promise<AttendanceRecord[]> {
    const rows = await this.attendance().find({ where: { district, date: Between(fromDate, toDate) }, order: { date: 'ASC' } });
    return rows.map(attendanceOf);
  }

  async linkAttendanceToRequest(attendanceIds: readonly string[], supplierRequestId: string): Promise<void> {
    const ids = attendanceIds.map((id) => id.toLowerCase());
    for (let i = 0; i < ids.length; i += 500) await this.attendance().update({ id: In(ids.slice(i, i + 500)) }, { supplierRequestId });
  }

  async createSupplierRequest(request: NewSupplierRequest): Promise<SupplierRequest> {
    for (let attempt = 1; ; attempt++) {
      try {
        const id = await inTransaction(this.dataSource, async (manager) => {
          const repo = manager.getRepository<SupplierRequestRow>('SupplierRequest');
          const { max } = (await repo.createQueryBuilder('s').select('MAX(s.number)', 'max').getRawOne<{ max: number | null }>()) ?? { max: null };
          const id = randomUUID();
          await repo.insert({ ...request, id, hcpId: lower(request.hcpId), number: (max ?? 0) + 1, status: 'open', answeredAt: null, answeredById: null, answer: null, coverOn: null, version: 1 });
          return id;
        });
        return (await this.supplierRequest(id))!;
      } catch (error) {
        // Two requests took the same next number at once: take the next one.
        if (attempt >= MAX_NUMBER_RETRIES || !isUniqueViolation(error)) throw error;
      }
    }
  }

  async supplierRequest(id: string): Promise<SupplierRequest | null> {
    const row = await this.requests().findOne({ where: { id: id.toLowerCase() } });
    return row ? requestOf(row) : null;
  }

  async updateSupplierRequest(id: string, version: number, changes: SupplierRequestChanges): Promise<SupplierRequest> {
    const result = await this.requests()
      .createQueryBuilder()
      .update()
      .set({ ...changes, version: version + 1 })
      .where('id = :id AND version = :version', { id: id.toLowerCase(), version })
      .execute();
    if (!result.affected) throw conflict('This request changed since this card was shown.');
    return (await this.supplierRequest(id))!;
  }

  async supplierRequestsInDistrict(district: string, from: Date, to: Date): Promise<SupplierRequest[]> {
    const rows = await this.requests().find({ where: { district, raisedAt: Between(from, new Date(to.getTime() - 1)) }, order: { raisedAt: 'ASC' } });
    return rows.map(requestOf);
  }

  async openSupplierRequests(district: string): Promise<SupplierRequest[]> {
    const rows = await this.requests().find({ where: { district, status: 'open' }, order: { raisedAt: 'ASC' } });
    return rows.map(requestOf);
  }

  async recordNotice(notice: NewNotice): Promise<HcpNotice> {
    const id = randomUUID();
    await this.notices().insert({ ...notice, id, hcpId: notice.hcpId.toLowerCase() });
    return { ...notice, id, hcpId: notice.hcpId.toLowerCase() };
  }

  async noticeOf(hcpId: string): Promise<HcpNotice | null> {
    const row = await this.notices().findOne({ where: { hcpId: hcpId.toLowerCase() }, order: { recordedAt: 'DESC' } });
    return row ? noticeOf(row) : null;
  }

  async noticesInDistrict(district: string): Promise<HcpNotice[]> {
    const rows = await this.notices().find({ where: { district }, order: { receivedOn: 'ASC' } });
    return rows.map(noticeOf);
  }
}

function activityColumns(a: ActivityChanges | NewActivity): Partial<Omit<HcpActivityRow, 'hcp'>> {
  const row: Partial<Omit<HcpActivityRow, 'hcp'>> = {};
  const set = <K extends Exclude<keyof HcpActivityRow, 'hcp'>>(key: K, value: HcpActivityRow[K] | undefined) => {
    if (value !== undefined) row[key] = value;
  };
  set('kind', a.kind);
  set('status', a.status);
  set('jobcentreId', a.jobcentreId === undefined ? undefined : lower(a.jobcentreId));
  set('date', a.date);
  set('startsAt', a.start);
  set('endsAt', a.end);
  set('takingPart', a.takingPart);
  set('note', a.note);
  set('caseReference', a.caseReference);
  set('caseCount', a.caseCount);
  set('adHoc', a.adHoc);
  set('requestedById', a.requestedById === undefined ? undefined : lower(a.requestedById));
  set('coachId', a.coachId === undefined ? undefined : lower(a.coachId));
  set('setById', a.setById === undefined ? undefined : lower(a.setById));
  set('recordedById', a.recordedById === undefined ? undefined : lower(a.recordedById));
  set('recordedAt', a.recordedAt);
  return row;
}

function activityOf(r: HcpActivityRow): SupportingActivity {
  return {
    id: r.id.toLowerCase(),
    hcpId: r.hcpId.toLowerCase(),
    kind: r.kind as SupportingActivity['kind'],
    status: r.status as SupportingActivity['status'],
    jobcentreId: lower(r.jobcentreId),
    district: r.district,
    date: r.date,
    start: r.startsAt,
    end: r.endsAt,
    takingPart: r.takingPart,
    note: r.note,
    caseReference: r.caseReference,
    caseCount: r.caseCount,
    adHoc: Boolean(r.adHoc),
    requestedById: lower(r.requestedById),
    coachId: lower(r.coachId),
    setById: lower(r.setById),
    recordedById: lower(r.recordedById),
    recordedAt: r.recordedAt,
    diaryEntries: r.diaryEvents ? (JSON.parse(r.diaryEvents) as DiaryEntry[]) : [],
    version: r.version,
    createdAt: r.createdAt,
  };
}

function noteOf(r: HcpWeeklyNoteRow): WeeklyNote {
  return {
    id: r.id.toLowerCase(),
    hcpId: r.hcpId.toLowerCase(),
    district: r.district,
    weekStart: r.weekStart,
    status: r.status as WeeklyNote['status'],
    body: r.body,
    submittedAt: r.submittedAt,
    reviewedById: lower(r.reviewedById),
    reviewedAt: r.reviewedAt,
    changeReason: r.changeReason,
    remindedAt: r.remindedAt,
    version: r.version,
    createdAt: r.createdAt,
  };
}

function attendanceOf(r: HcpAttendanceRow): AttendanceRecord {
  return {
    id: r.id.toLowerCase(),
    hcpId: r.hcpId.toLowerCase(),
    district: r.district,
    date: r.date,
    jobcentreId: lower(r.jobcentreId),
    status: r.status as AttendanceRecord['status'],
    arrivedAt: r.arrivedAt,
    recordedById: r.recordedById.toLowerCase(),
    recordedAt: r.recordedAt,
    supplierRequestId: lower(r.supplierRequestId),
  };
}

function requestOf(r: SupplierRequestRow): SupplierRequest {
  return {
    id: r.id.toLowerCase(),
    reference: formatSupplierReference(r.number),
    kind: r.kind as SupplierRequest['kind'],
    status: r.status as SupplierRequest['status'],
    district: r.district,
    hcpId: lower(r.hcpId),
    fromDate: r.fromDate,
    toDate: r.toDate,
    details: r.details,
    caseReference: r.caseReference,
    raisedById: r.raisedById.toLowerCase(),
    raisedAt: r.raisedAt,
    dueOn: r.dueOn,
    answeredAt: r.answeredAt,
    answeredById: lower(r.answeredById),
    answer: r.answer,
    coverOn: r.coverOn,
    version: r.version,
  };
}

function noticeOf(r: HcpNoticeRow): HcpNotice {
  return { id: r.id.toLowerCase(), hcpId: r.hcpId.toLowerCase(), district: r.district, givenOn: r.givenOn, receivedOn: r.receivedOn, dueOn: r.dueOn, lastDay: r.lastDay, recordedById: r.recordedById.toLowerCase(), recordedAt: r.recordedAt };
}

/** HCPs and activity managers from the staff directory, by role. */
export class SqlHcpRoles {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: StaffDirectory,
  ) {}

  /** The activity managers of a district (their base jobcentre is in it). */
  async managersInDistrict(district: string): Promise<StaffMember[]> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .select('s.id', 'id')
      .from('staff', 's')
      .innerJoin('staff_role', 'r', 'r.staffId = s.id AND r.role = :role', { role: 'hcp_activity_manager' })
      .innerJoin('jobcentre', 'j', 'j.id = s.jobcentreId')
      .where('j.district = :district', { district })
      .getRawMany<{ id: string }>();
    return (await this.directory.findByIds(rows.map((r) => r.id))).sort(byName);
  }

  /** Every HCP, for the weekly note reminder. */
  async allHcps(): Promise<StaffMember[]> {
    const rows = await this.dataSource.createQueryBuilder().select('r.staffId', 'id').from('staff_role', 'r').where('r.role = :role', { role: 'hcp' }).getRawMany<{ id: string }>();
    return this.directory.findByIds(rows.map((r) => r.id));
  }
}

/**
 * The days an HCP is away, for Specialist Advice to offer no time then: their absences in a range and
 * the last day of their latest notice, in one statement (from the HCP's own row, so that a HCP with
 * neither still gives one row).
 */
export class SqlHcpAway implements AdviceAbsences {
  constructor(private readonly dataSource: DataSource) {}

  async awayOf(hcpId: string, fromDate: string, toDate: string): Promise<AwayDays> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .select('a.date', 'date')
      .addSelect('n.lastDay', 'lastDay')
      .addSelect('n.recordedAt', 'recordedAt')
      .from('staff', 's')
      .leftJoin('hcp_attendance', 'a', 'a.hcpId = s.id AND a.status = :absent AND a.date >= :fromDate AND a.date <= :toDate', { absent: 'absent', fromDate, toDate })
      .leftJoin('hcp_notice', 'n', 'n.hcpId = s.id')
      .where('s.id = :hcpId', { hcpId: hcpId.toLowerCase() })
      .getRawMany<{ date: string | null; lastDay: string | null; recordedAt: Date | string | null }>();
    // The latest notice counts, as noticeOf reads it: a later one replaces an earlier.
    const latest = rows.filter((r) => r.lastDay !== null).sort((a, b) => new Date(b.recordedAt ?? 0).getTime() - new Date(a.recordedAt ?? 0).getTime())[0];
    return { absent: new Set(rows.flatMap((r) => (r.date ? [r.date] : []))), lastDay: latest?.lastDay ?? null };
  }
}
