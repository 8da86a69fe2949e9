import { EntitySchema } from 'typeorm';
import { dialectTypes, manyToOne, type SqlDialect } from './dialect';
import { NINO } from './case-folded';

/**
 * A Specialist Advice three-way conversation. Everything the reports count is a column of its
 * own: status (outcome), channel, advice types, ad hoc (as asked, and as it stands), preparation,
 * dates, HCP, jobcentre, cluster and district (copied at request time, so a later change of the
 * directory keeps history).
 */
export interface AdviceConversationRow {
  id: string;
  number: number;
  status: string;
  coachId: string;
  hcpId: string;
  contactId: string | null;
  jobcentreId: string;
  cluster: string;
  district: string;
  surname: string;
  nino: string;
  benefit: string;
  wcaStatus: string;
  wcaSummary: string | null;
  background: string;
  /** Special category data: the health condition(s) in brief. */
  conditions: string;
  /** Comma-separated advice types. */
  adviceTypes: string;
  channel: string;
  complex: boolean;
  /** Ad hoc as it stands: cleared when an ad hoc ask is declined, lapses or is booked for later. */
  adHoc: boolean;
  /** The coach asked for the HCP to see the claimant there and then, whatever came of it: never cleared. */
  askedAdHoc: boolean;
  consentAgreed: boolean;
  gpConsent: boolean;
  consentById: string;
  consentAt: Date;
  startsAt: Date | null;
  endsAt: Date | null;
  prepStartsAt: Date | null;
  timesMoved: number;
  packReadyAt: Date | null;
  preparedAt: Date | null;
  heldAt: Date | null;
  returnedAt: Date | null;
  returnConfirmedAt: Date | null;
  findings: string;
  /** JSON: the diary entries made for it. */
  diaryEvents: string;
  /** Where the diaries are: writing (durable work to do), done, or failed (the coach can try again). */
  diaryStatus: string;
  diaryError: string | null;
  /** When the contact (and the HCP) were reminded of a pack not yet ready. */
  packRemindedAt: Date | null;
  /**
   * The key of the form it was asked for with: a second send of the same form (a retry after a slow
   * answer, a double tap) finds this conversation instead of making another. None on conversations
   * asked for before forms had one.
   */
  submissionKey: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  coach?: unknown;
  hcp?: unknown;
  jobcentre?: unknown;
}

/** The HCP's Notes Template (special category data), one per conversation. */
export interface AdviceNotesRow {
  conversationId: string;
  conditions: string;
  impact: string;
  functioning: string;
  actions: string;
  noAlternativeDiagnosis: boolean;
  wcaNotChallenged: boolean;
  findings: string | null;
  signedName: string;
  signedOn: string;
  recordedById: string;
  recordedAt: Date;
  conversation?: unknown;
}

/** Who did what to a conversation, and when; no claimant detail. */
export interface AdviceEventRow {
  id: string;
  conversationId: string;
  actorId: string;
  what: string;
  at: Date;
  conversation?: unknown;
}

/** Where an HCP is on a day (the activity manager's site plan). */
export interface HcpSiteDayRow {
  hcpId: string;
  date: string;
  jobcentreId: string;
  setById: string;
  setAt: Date;
  hcp?: unknown;
  jobcentre?: unknown;
}

/** A break an HCP agreed with their activity manager, on one weekday (London times). */
export interface HcpBreakRow {
  id: string;
  hcpId: string;
  /** 1 Monday … 5 Friday. */
  weekday: number;
  startTime: string;
  endTime: string;
  setById: string;
  setAt: Date;
  hcp?: unknown;
}

export function hcpBreakSchema(dialect: SqlDialect): EntitySchema<HcpBreakRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<HcpBreakRow>({
    name: 'HcpBreak',
    tableName: 'hcp_break',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      hcpId: { type: 'varchar', length: 36 },
      weekday: { ...t.integer },
      startTime: { type: 'varchar', length: 5 },
      endTime: { type: 'varchar', length: 5 },
      setById: { type: 'varchar', length: 36 },
      setAt: { ...t.timestamp },
    },
    indices: [{ name: 'IDX_hcp_break_hcp', columns: ['hcpId', 'weekday'] }],
    relations: { hcp: manyToOne('Staff', 'hcpId', 'FK_hcp_break_hcp') },
  });
}

export function adviceConversationSchema(dialect: SqlDialect): EntitySchema<AdviceConversationRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<AdviceConversationRow>({
    name: 'AdviceConversation',
    tableName: 'advice_conversation',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      number: { ...t.integer },
      status: { type: 'varchar', length: 20 },
      coachId: { type: 'varchar', length: 36 },
      hcpId: { type: 'varchar', length: 36 },
      contactId: { type: 'varchar', length: 36, nullable: true },
      jobcentreId: { type: 'varchar', length: 36 },
      cluster: { type: 'nvarchar', length: 100 },
      district: { type: 'nvarchar', length: 100 },
      surname: { type: 'nvarchar', length: 100 },
      nino: { type: 'varchar', length: 9, transformer: NINO },
      benefit: { type: 'varchar', length: 10 },
      wcaStatus: { type: 'varchar', length: 10 },
      wcaSummary: { ...t.longText, nullable: true },
      background: { ...t.longText },
      conditions: { ...t.longText },
      adviceTypes: { type: 'varchar', length: 200 },
      channel: { type: 'varchar', length: 20 },
      complex: { ...t.boolean },
      adHoc: { ...t.boolean },
      askedAdHoc: { ...t.boolean, default: false },
      consentAgreed: { ...t.boolean },
      gpConsent: { ...t.boolean },
      consentById: { type: 'varchar', length: 36 },
      consentAt: { ...t.timestamp },
      startsAt: { ...t.timestamp, nullable: true },
      endsAt: { ...t.timestamp, nullable: true },
      prepStartsAt: { ...t.timestamp, nullable: true },
      timesMoved: { ...t.integer },
      packReadyAt: { ...t.timestamp, nullable: true },
      preparedAt: { ...t.timestamp, nullable: true },
      heldAt: { ...t.timestamp, nullable: true },
      returnedAt: { ...t.timestamp, nullable: true },
      returnConfirmedAt: { ...t.timestamp, nullable: true },
      findings: { type: 'varchar', length: 30 },
      diaryEvents: { ...t.longText },
      diaryStatus: { type: 'varchar', length: 10, default: 'done' },
      diaryError: { type: 'nvarchar', length: 400, nullable: true },
      packRemindedAt: { ...t.timestamp, nullable: true },
      submissionKey: { type: 'varchar', length: 64, nullable: true },
      version: { ...t.integer },
      createdAt: { ...t.timestamp },
      updatedAt: { ...t.timestamp },
    },
    uniques: [{ name: 'UQ_advice_conversation_number', columns: ['number'] }],
    indices: [
      { name: 'IDX_advice_conversation_hcp', columns: ['hcpId', 'startsAt'] },
      { name: 'IDX_advice_conversation_coach', columns: ['coachId', 'createdAt'] },
      { name: 'IDX_advice_conversation_district', columns: ['district', 'createdAt'] },
      { name: 'IDX_advice_conversation_jobcentre', columns: ['jobcentreId', 'startsAt'] },
      { name: 'IDX_advice_conversation_status_start', columns: ['status', 'startsAt'] },
      // Filtered: SQL Server would otherwise let only one conversation have none.
      { name: 'UQ_advice_conversation_submission', columns: ['submissionKey'], unique: true, where: '"submissionKey" IS NOT NULL' },
    ],
    relations: {
      coach: manyToOne('Staff', 'coachId', 'FK_advice_conversation_coach'),
      hcp: manyToOne('Staff', 'hcpId', 'FK_advice_conversation_hcp'),
      jobcentre: manyToOne('Jobcentre', 'jobcentreId', 'FK_advice_conversation_jobcentre'),
    },
  });
}

export function adviceNotesSchema(dialect: SqlDialect): EntitySchema<AdviceNotesRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<AdviceNotesRow>({
    name: 'AdviceNotes',
    tableName: 'advice_notes',
    columns: {
      conversationId: { type: 'varchar', length: 36, primary: true },
      conditions: { ...t.longText },
      impact: { ...t.longText },
      functioning: { ...t.longText },
      actions: { ...t.longText },
      noAlternativeDiagnosis: { ...t.boolean },
      wcaNotChallenged: { ...t.boolean },
      findings: { ...t.longText, nullable: true },
      signedName: { type: 'nvarchar', length: 200 },
      signedOn: { type: 'varchar', length: 10 },
      recordedById: { type: 'varchar', length: 36 },
      recordedAt: { ...t.timestamp },
    },
    relations: { conversation: manyToOne('AdviceConversation', 'conversationId', 'FK_advice_notes_conversation') },
  });
}

export function adviceEventSchema(dialect: SqlDialect): EntitySchema<AdviceEventRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<AdviceEventRow>({
    name: 'AdviceEvent',
    tableName: 'advice_event',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      conversationId: { type: 'varchar', length: 36 },
      actorId: { type: 'varchar', length: 36 },
      what: { type: 'varchar', length: 60 },
      at: { ...t.timestamp },
    },
    indices: [{ name: 'IDX_advice_event_conversation', columns: ['conversationId', 'at'] }],
    relations: { conversation: manyToOne('AdviceConversation', 'conversationId', 'FK_advice_event_conversation') },
  });
}

export function hcpSiteDaySchema(dialect: SqlDialect): EntitySchema<HcpSiteDayRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<HcpSiteDayRow>({
    name: 'HcpSiteDay',
    tableName: 'hcp_site_day',
    columns: {
      hcpId: { type: 'varchar', length: 36, primary: true },
      date: { type: 'varchar', length: 10, primary: true },
      jobcentreId: { type: 'varchar', length: 36 },
      setById: { type: 'varchar', length: 36 },
      setAt: { ...t.timestamp },
    },
    relations: {
      hcp: manyToOne('Staff', 'hcpId', 'FK_hcp_site_day_hcp'),
      jobcentre: manyToOne('Jobcentre', 'jobcentreId', 'FK_hcp_site_day_jobcentre'),
    },
  });
}
