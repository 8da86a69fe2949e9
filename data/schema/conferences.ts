import { EntitySchema } from 'typeorm';
import { dialectTypes, manyToOne, type SqlDialect } from './dialect';

/** A DEA's group conferences as a team leader planned them (seed §29–31). */
export interface ConferencePlanRow {
  id: string;
  deaId: string;
  wctlId: string;
  durationMinutes: number;
  inviteWctl: boolean;
  workPsychologistId: string | null;
  meetingMethod: string;
  venue: string | null;
  room: string | null;
  timeOfDay: string;
  status: string;
  /** JSON: coach ids per group. */
  groups: string;
  warning: string | null;
  /** Where the plan's card was posted, so booking progress can update it. */
  cardActivityId: string | null;
  cardReference: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  dea?: unknown;
}

/** One conference: a group, a month, and the meeting in the DEA's diary. */
export interface GroupConferenceRow {
  id: string;
  planId: string;
  month: string;
  groupIndex: number;
  startsAt: Date | null;
  endsAt: Date | null;
  /** JSON arrays of staff ids. */
  coachIds: string;
  clashes: string;
  status: string;
  eventId: string | null;
  joinUrl: string | null;
  lastError: string | null;
  casesSentAt: Date | null;
  summary: string | null;
  actions: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  plan?: unknown;
}

/** A case nominated for a conference, and its further outcomes (seed §34). */
export interface ConferenceCaseRow {
  id: string;
  conferenceId: string;
  nominatedById: string;
  requestId: string | null;
  reference: string | null;
  note: string | null;
  nextSteps: string | null;
  /** JSON array of follow-up request references. */
  followUps: string | null;
  outcomeAt: Date | null;
  createdAt: Date;
  conference?: unknown;
}

/** A Group Case Conference Check List (seed §69). */
export interface ConferenceQasRow {
  id: string;
  planId: string;
  conferenceId: string;
  month: string;
  checkedById: string;
  result: string;
  comments: string | null;
  createdAt: Date;
  plan?: unknown;
}

/** A scheduled job's run for a period, leased so that exactly one instance does it. */
export interface JobRunRow {
  id: string;
  leaseUntil: Date;
  completedAt: Date | null;
}

export function conferencePlanSchema(dialect: SqlDialect): EntitySchema<ConferencePlanRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<ConferencePlanRow>({
    name: 'ConferencePlan',
    tableName: 'conference_plan',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      deaId: { type: 'varchar', length: 36 },
      wctlId: { type: 'varchar', length: 36 },
      durationMinutes: { ...t.integer },
      inviteWctl: { ...t.boolean },
      workPsychologistId: { type: 'varchar', length: 36, nullable: true },
      meetingMethod: { type: 'varchar', length: 12, default: 'teams' },
      venue: { type: 'nvarchar', length: 200, nullable: true },
      room: { type: 'nvarchar', length: 100, nullable: true },
      timeOfDay: { type: 'varchar', length: 10, default: 'any' },
      status: { type: 'varchar', length: 20 },
      groups: { ...t.longText },
      warning: { type: 'nvarchar', length: 400, nullable: true },
      cardActivityId: { type: 'nvarchar', length: 200, nullable: true },
      cardReference: { ...t.longText, nullable: true },
      version: { ...t.integer },
      createdAt: { ...t.timestamp },
      updatedAt: { ...t.timestamp },
    },
    indices: [{ name: 'IDX_conference_plan_dea', columns: ['deaId', 'status'] }],
    relations: { dea: manyToOne('Staff', 'deaId', 'FK_conference_plan_dea') },
  });
}

export function groupConferenceSchema(dialect: SqlDialect): EntitySchema<GroupConferenceRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<GroupConferenceRow>({
    name: 'GroupConference',
    tableName: 'group_conference',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      planId: { type: 'varchar', length: 36 },
      month: { type: 'varchar', length: 7 },
      groupIndex: { ...t.integer },
      startsAt: { ...t.timestamp, nullable: true },
      endsAt: { ...t.timestamp, nullable: true },
      coachIds: { ...t.longText },
      clashes: { ...t.longText },
      status: { type: 'varchar', length: 20 },
      eventId: { type: 'nvarchar', length: 400, nullable: true },
      joinUrl: { type: 'nvarchar', length: 400, nullable: true },
      lastError: { type: 'nvarchar', length: 400, nullable: true },
      casesSentAt: { ...t.timestamp, nullable: true },
      summary: { ...t.longText, nullable: true },
      actions: { ...t.longText, nullable: true },
      version: { ...t.integer },
      createdAt: { ...t.timestamp },
      updatedAt: { ...t.timestamp },
    },
    // One conference per group and month of a plan: a top-up run twice can never add a second.
    uniques: [{ name: 'UQ_group_conference_slot', columns: ['planId', 'month', 'groupIndex'] }],
    indices: [{ name: 'IDX_group_conference_start', columns: ['status', 'startsAt'] }],
    relations: { plan: manyToOne('ConferencePlan', 'planId', 'FK_group_conference_plan') },
  });
}

export function conferenceCaseSchema(dialect: SqlDialect): EntitySchema<ConferenceCaseRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<ConferenceCaseRow>({
    name: 'ConferenceCase',
    tableName: 'conference_case',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      conferenceId: { type: 'varchar', length: 36 },
      nominatedById: { type: 'varchar', length: 36 },
      requestId: { type: 'varchar', length: 36, nullable: true },
      reference: { type: 'varchar', length: 20, nullable: true },
      note: { type: 'nvarchar', length: 200, nullable: true },
      nextSteps: { type: 'varchar', length: 400, nullable: true },
      followUps: { type: 'varchar', length: 400, nullable: true },
      outcomeAt: { ...t.timestamp, nullable: true },
      createdAt: { ...t.timestamp },
    },
    indices: [{ name: 'IDX_conference_case_conference', columns: ['conferenceId'] }],
    relations: { conference: manyToOne('GroupConference', 'conferenceId', 'FK_conference_case_conference') },
  });
}

export function conferenceQasSchema(dialect: SqlDialect): EntitySchema<ConferenceQasRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<ConferenceQasRow>({
    name: 'ConferenceQas',
    tableName: 'conference_qas',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      planId: { type: 'varchar', length: 36 },
      conferenceId: { type: 'varchar', length: 36 },
      month: { type: 'varchar', length: 7 },
      checkedById: { type: 'varchar', length: 36 },
      result: { type: 'varchar', length: 20 },
      comments: { type: 'nvarchar', length: 1000, nullable: true },
      createdAt: { ...t.timestamp },
    },
    uniques: [{ name: 'UQ_conference_qas_conference', columns: ['conferenceId'] }],
    indices: [{ name: 'IDX_conference_qas_plan', columns: ['planId'] }],
    relations: { plan: manyToOne('ConferencePlan', 'planId', 'FK_conference_qas_plan') },
  });
}

export function jobRunSchema(dialect: SqlDialect): EntitySchema<JobRunRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<JobRunRow>({
    name: 'JobRun',
    tableName: 'job_run',
    columns: {
      id: { type: 'varchar', length: 120, primary: true },
      leaseUntil: { ...t.timestamp },
      completedAt: { ...t.timestamp, nullable: true },
    },
  });
}
