import { EntitySchema } from 'typeorm';
import { dialectTypes, manyToOne, type SqlDialect } from './dialect';

/**
 * An HCP's supporting activity (case conferences, presentations, collaboration, retention work,
 * other district work): requested, planned by the activity manager, or recorded as held. Kind,
 * status, dates, jobcentre and district are columns of their own so the reports can count them.
 */
export interface HcpActivityRow {
  id: string;
  hcpId: string;
  kind: string;
  status: string;
  jobcentreId: string | null;
  district: string;
  date: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
  takingPart: string;
  note: string;
  caseReference: string | null;
  caseCount: number | null;
  adHoc: boolean;
  requestedById: string | null;
  /** The work coach an individual case conference is with, when one is named. */
  coachId: string | null;
  setById: string | null;
  recordedById: string | null;
  recordedAt: Date | null;
  /** JSON: the activity's diary entries (person, mailbox, event id); null when none. */
  diaryEvents: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  hcp?: unknown;
}

/** An HCP's weekly note of their supporting activity, and the activity manager's review of it. */
export interface HcpWeeklyNoteRow {
  id: string;
  hcpId: string;
  district: string;
  weekStart: string;
  status: string;
  body: string;
  submittedAt: Date | null;
  reviewedById: string | null;
  reviewedAt: Date | null;
  changeReason: string | null;
  remindedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  hcp?: unknown;
}

/** An HCP's attendance on a working day: on time, late (after 08:30) or absent. */
export interface HcpAttendanceRow {
  id: string;
  hcpId: string;
  district: string;
  date: string;
  jobcentreId: string | null;
  status: string;
  arrivedAt: Date | null;
  recordedById: string;
  recordedAt: Date;
  supplierRequestId: string | null;
  hcp?: unknown;
}

/** A request to the HCP supplier and its answer: response time against the due date (for an HCP, to the day cover starts). */
export interface SupplierRequestRow {
  id: string;
  number: number;
  kind: string;
  status: string;
  district: string;
  hcpId: string | null;
  fromDate: string | null;
  toDate: string | null;
  details: string;
  caseReference: string | null;
  raisedById: string;
  raisedAt: Date;
  dueOn: string;
  answeredAt: Date | null;
  answeredById: string | null;
  answer: string | null;
  coverOn: string | null;
  version: number;
}

/** An HCP's notice to finish, and whether the supplier told the department within a working day. */
export interface HcpNoticeRow {
  id: string;
  hcpId: string;
  district: string;
  givenOn: string;
  receivedOn: string;
  dueOn: string;
  lastDay: string;
  recordedById: string;
  recordedAt: Date;
  hcp?: unknown;
}

export function hcpActivitySchema(dialect: SqlDialect): EntitySchema<HcpActivityRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<HcpActivityRow>({
    name: 'HcpActivity',
    tableName: 'hcp_activity',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      hcpId: { type: 'varchar', length: 36 },
      kind: { type: 'varchar', length: 30 },
      status: { type: 'varchar', length: 20 },
      jobcentreId: { type: 'varchar', length: 36, nullable: true },
      district: { type: 'nvarchar', length: 100 },
      date: { type: 'varchar', length: 10, nullable: true },
      startsAt: { ...t.timestamp, nullable: true },
      endsAt: { ...t.timestamp, nullable: true },
      takingPart: { type: 'nvarchar', length: 300 },
      note: { type: 'nvarchar', length: 1000 },
      caseReference: { type: 'varchar', length: 20, nullable: true },
      caseCount: { ...t.integer, nullable: true },
      adHoc: { ...t.boolean },
      requestedById: { type: 'varchar', length: 36, nullable: true },
      coachId: { type: 'varchar', length: 36, nullable: true },
      setById: { type: 'varchar', length: 36, nullable: true },
      recordedById: { type: 'varchar', length: 36, nullable: true },
      recordedAt: { ...t.timestamp, nullable: true },
      diaryEvents: { ...t.longText, nullable: true },
      version: { ...t.integer },
      createdAt: { ...t.timestamp },
      updatedAt: { ...t.timestamp },
    },
    indices: [
      { name: 'IDX_hcp_activity_hcp', columns: ['hcpId', 'date'] },
      { name: 'IDX_hcp_activity_district', columns: ['district', 'date'] },
    ],
    relations: { hcp: manyToOne('Staff', 'hcpId', 'FK_hcp_activity_hcp') },
  });
}

export function hcpWeeklyNoteSchema(dialect: SqlDialect): EntitySchema<HcpWeeklyNoteRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<HcpWeeklyNoteRow>({
    name: 'HcpWeeklyNote',
    tableName: 'hcp_weekly_note',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      hcpId: { type: 'varchar', length: 36 },
      district: { type: 'nvarchar', length: 100 },
      weekStart: { type: 'varchar', length: 10 },
      status: { type: 'varchar', length: 20 },
      body: { type: 'nvarchar', length: 4000 },
      submittedAt: { ...t.timestamp, nullable: true },
      reviewedById: { type: 'varchar', length: 36, nullable: true },
      reviewedAt: { ...t.timestamp, nullable: true },
      changeReason: { type: 'nvarchar', length: 500, nullable: true },
      remindedAt: { ...t.timestamp, nullable: true },
      version: { ...t.integer },
      createdAt: { ...t.timestamp },
      updatedAt: { ...t.timestamp },
    },
    uniques: [{ name: 'UQ_hcp_weekly_note_week', columns: ['hcpId', 'weekStart'] }],
    indices: [{ name: 'IDX_hcp_weekly_note_district', columns: ['district', 'weekStart'] }],
    relations: { hcp: manyToOne('Staff', 'hcpId', 'FK_hcp_weekly_note_hcp') },
  });
}

export function hcpAttendanceSchema(dialect: SqlDialect): EntitySchema<HcpAttendanceRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<HcpAttendanceRow>({
    name: 'HcpAttendance',
    tableName: 'hcp_attendance',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      hcpId: { type: 'varchar', length: 36 },
      district: { type: 'nvarchar', length: 100 },
      date: { type: 'varchar', length: 10 },
      jobcentreId: { type: 'varchar', length: 36, nullable: true },
      status: { type: 'varchar', length: 10 },
      arrivedAt: { ...t.timestamp, nullable: true },
      recordedById: { type: 'varchar', length: 36 },
      recordedAt: { ...t.timestamp },
      supplierRequestId: { type: 'varchar', length: 36, nullable: true },
    },
    uniques: [{ name: 'UQ_hcp_attendance_day', columns: ['hcpId', 'date'] }],
    indices: [{ name: 'IDX_hcp_attendance_district', columns: ['district', 'date'] }],
    relations: { hcp: manyToOne('Staff', 'hcpId', 'FK_hcp_attendance_hcp') },
  });
}

export function supplierRequestSchema(dialect: SqlDialect): EntitySchema<SupplierRequestRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<SupplierRequestRow>({
    name: 'SupplierRequest',
    tableName: 'supplier_request',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      number: { ...t.integer },
      kind: { type: 'varchar', length: 30 },
      status: { type: 'varchar', length: 20 },
      district: { type: 'nvarchar', length: 100 },
      hcpId: { type: 'varchar', length: 36, nullable: true },
      fromDate: { type: 'varchar', length: 10, nullable: true },
      toDate: { type: 'varchar', length: 10, nullable: true },
      details: { type: 'nvarchar', length: 1000 },
      caseReference: { type: 'varchar', length: 20, nullable: true },
      raisedById: { type: 'varchar', length: 36 },
      raisedAt: { ...t.timestamp },
      dueOn: { type: 'varchar', length: 10 },
      answeredAt: { ...t.timestamp, nullable: true },
      answeredById: { type: 'varchar', length: 36, nullable: true },
      answer: { type: 'nvarchar', length: 1000, nullable: true },
      coverOn: { type: 'varchar', length: 10, nullable: true },
      version: { ...t.integer },
    },
    uniques: [{ name: 'UQ_supplier_request_number', columns: ['number'] }],
    indices: [{ name: 'IDX_supplier_request_district', columns: ['district', 'raisedAt'] }],
  });
}

export function hcpNoticeSchema(dialect: SqlDialect): EntitySchema<HcpNoticeRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<HcpNoticeRow>({
    name: 'HcpNotice',
    tableName: 'hcp_notice',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      hcpId: { type: 'varchar', length: 36 },
      district: { type: 'nvarchar', length: 100 },
      givenOn: { type: 'varchar', length: 10 },
      receivedOn: { type: 'varchar', length: 10 },
      dueOn: { type: 'varchar', length: 10 },
      lastDay: { type: 'varchar', length: 10 },
      recordedById: { type: 'varchar', length: 36 },
      recordedAt: { ...t.timestamp },
    },
    indices: [{ name: 'IDX_hcp_notice_district', columns: ['district', 'receivedOn'] }],
    relations: { hcp: manyToOne('Staff', 'hcpId', 'FK_hcp_notice_hcp') },
  });
}
