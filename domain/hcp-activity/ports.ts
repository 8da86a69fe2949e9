import type { AdviceConversation } from '../specialist-advice/conversation';
import type { ConversationTimes } from '../specialist-advice/supporting-activity';
import type { AttendanceRecord, DiaryEntry, HcpNotice, SupplierRequest, SupportingActivity, WeeklyNote } from './records';

/** Most activity is with no one coach: `coachId` may be left out. */
export type NewActivity = Omit<SupportingActivity, 'id' | 'version' | 'createdAt' | 'diaryEntries' | 'coachId'> & { readonly coachId?: string | null };
export type ActivityChanges = Partial<Omit<SupportingActivity, 'id' | 'hcpId' | 'district' | 'version' | 'createdAt' | 'diaryEntries'>>;
export type NewWeeklyNote = Omit<WeeklyNote, 'id' | 'version' | 'createdAt'>;
export type WeeklyNoteChanges = Partial<Pick<WeeklyNote, 'status' | 'body' | 'submittedAt' | 'reviewedById' | 'reviewedAt' | 'changeReason' | 'remindedAt'>>;
export type NewAttendance = Omit<AttendanceRecord, 'id'>;
export type NewSupplierRequest = Omit<SupplierRequest, 'id' | 'reference' | 'version' | 'status' | 'answeredAt' | 'answeredById' | 'answer' | 'coverOn'>;
/** An answer (with the day cover starts, for an HCP), a withdrawal, or the dates and details of a replacement narrowed to the days still absent. */
export type SupplierRequestChanges = Partial<Pick<SupplierRequest, 'status' | 'answeredAt' | 'answeredById' | 'answer' | 'coverOn' | 'fromDate' | 'toDate' | 'details'>>;
export type NewNotice = Omit<HcpNotice, 'id'>;

/**
 * HCPs' supporting activity, weekly notes, attendance, supplier requests and notices, in SQL.
 * Date ranges are London dates, both ends included.
 */
export interface HcpActivityStore {
  createActivity(activity: NewActivity, at: Date): Promise<SupportingActivity>;
  activity(id: string): Promise<SupportingActivity | null>;
  /** Optimistic: refused as a conflict when the version is not the stored one. */
  updateActivity(id: string, version: number, changes: ActivityChanges, at: Date): Promise<SupportingActivity>;
  /**
   * Keeps the diary entries written for an activity. Not versioned: only the activity's diary work
   * (one run at a time) writes them, and a person's card stays current.
   */
  setDiaryEntries(id: string, entries: readonly DiaryEntry[]): Promise<void>;
  /** An HCP's activity dated in the range (any status), by start. */
  activitiesOf(hcpId: string, fromDate: string, toDate: string): Promise<SupportingActivity[]>;
  /** An HCP's activity still to do: requested or planned. */
  openActivitiesOf(hcpId: string): Promise<SupportingActivity[]>;
  /** A district's activity dated in the range (any status). */
  activitiesInDistrict(district: string, fromDate: string, toDate: string): Promise<SupportingActivity[]>;
  /** Case conferences asked of a district's activity manager and not yet given a time. */
  requestedInDistrict(district: string): Promise<SupportingActivity[]>;

  weeklyNote(hcpId: string, weekStart: string): Promise<WeeklyNote | null>;
  weeklyNoteById(id: string): Promise<WeeklyNote | null>;
  /** Inserts the note; a conflict when the HCP already has one for the week. */
  createWeeklyNote(note: NewWeeklyNote, at: Date): Promise<WeeklyNote>;
  updateWeeklyNote(id: string, version: number, changes: WeeklyNoteChanges, at: Date): Promise<WeeklyNote>;
  /** Weekly notes of a district's HCPs for weeks starting in the range. */
  weeklyNotesInDistrict(district: string, fromWeek: string, toWeek: string): Promise<WeeklyNote[]>;
  /** The notes of these HCPs for one week. */
  weeklyNotesFor(hcpIds: readonly string[], weekStart: string): Promise<WeeklyNote[]>;

  /**
   * Inserts a day's attendance; a conflict when that day is already recorded. With `replacesAbsenceId`,
   * the record takes the place of that day's absence instead (the id of the absence is kept): a
   * conflict when that day is no longer recorded as that absence.
   */
  recordAttendance(record: NewAttendance, replacesAbsenceId?: string): Promise<AttendanceRecord>;
  attendanceRecord(id: string): Promise<AttendanceRecord | null>;
  attendanceOf(hcpId: string, fromDate: string, toDate: string): Promise<AttendanceRecord[]>;
  attendanceInDistrict(district: string, fromDate: string, toDate: string): Promise<AttendanceRecord[]>;
  linkAttendanceToRequest(attendanceIds: readonly string[], supplierRequestId: string): Promise<void>;

  createSupplierRequest(request: NewSupplierRequest): Promise<SupplierRequest>;
  supplierRequest(id: string): Promise<SupplierRequest | null>;
  updateSupplierRequest(id: string, version: number, changes: SupplierRequestChanges): Promise<SupplierRequest>;
  /** A district's requests raised in [from, to). */
  supplierRequestsInDistrict(district: string, from: Date, to: Date): Promise<SupplierRequest[]>;
  openSupplierRequests(district: string): Promise<SupplierRequest[]>;

  recordNotice(notice: NewNotice): Promise<HcpNotice>;
  noticeOf(hcpId: string): Promise<HcpNotice | null>;
  noticesInDistrict(district: string): Promise<HcpNotice[]>;
}

/**
 * The HCP's Specialist Advice conversations, as supporting activity needs them: they come first (seed
 * 002 Annex 3 §1), so one booked over an activity means the activity needs another time.
 */
export interface HcpConversations {
  /** An HCP's conversations (any status) that start in [from, to), in one read. */
  startingIn(hcpId: string, from: Date, to: Date): Promise<HcpConversation[]>;
}

/** One of the HCP's conversations: its times, and whose coach to tell when the HCP is away that day. */
export type HcpConversation = ConversationTimes & Pick<AdviceConversation, 'coachId'>;
