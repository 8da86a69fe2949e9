import { EntitySchema } from 'typeorm';
import { dialectTypes, manyToOne, type SqlDialect } from './dialect';

/** An entry on a district's local Disability Hub (seed 000 §60–62). */
export interface HubEntryRow {
  id: string;
  district: string;
  title: string;
  summary: string;
  link: string | null;
  kind: string;
  status: string;
  keeperId: string;
  createdAt: Date;
  updatedAt: Date;
  keeper?: unknown;
}

/** New, changed or to-be-removed Hub content, sent to the district provision tool's single point of contact (§61). */
export interface HubChangeRow {
  id: string;
  entryId: string;
  action: string;
  title: string;
  summary: string;
  link: string | null;
  kind: string;
  requestedById: string;
  contactId: string;
  status: string;
  reason: string | null;
  version: number;
  createdAt: Date;
  decidedAt: Date | null;
  entry?: unknown;
}

/** An employment or provision opportunity the DEA shared with their cohort (§49–54). */
export interface OpportunityRow {
  id: string;
  deaId: string;
  kind: string;
  status: string;
  title: string;
  summary: string;
  link: string | null;
  hubEntryId: string | null;
  sentTo: number;
  createdAt: Date;
  dea?: unknown;
}

/** An external health or disability organisation of a district (§55–56). */
export interface ExternalPartnerRow {
  id: string;
  district: string;
  deaId: string;
  name: string;
  kind: string;
  contact: string;
  website: string | null;
  focus: string;
  lastMetOn: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A change in a partner's service told to the district (§56). */
export interface ServiceChangeRow {
  id: string;
  partnerId: string;
  partnerName: string;
  district: string;
  sentById: string;
  change: string;
  impact: string;
  createdAt: Date;
  partner?: unknown;
}

export function hubEntrySchema(dialect: SqlDialect): EntitySchema<HubEntryRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<HubEntryRow>({
    name: 'HubEntry',
    tableName: 'hub_entry',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      district: { type: 'nvarchar', length: 100 },
      title: { type: 'nvarchar', length: 120 },
      summary: { type: 'nvarchar', length: 600 },
      link: { type: 'nvarchar', length: 400, nullable: true },
      kind: { type: 'varchar', length: 40 },
      status: { type: 'varchar', length: 30 },
      keeperId: { type: 'varchar', length: 36 },
      createdAt: { ...t.timestamp },
      updatedAt: { ...t.timestamp },
    },
    indices: [{ name: 'IDX_hub_entry_district', columns: ['district', 'status'] }],
    relations: { keeper: manyToOne('Staff', 'keeperId', 'FK_hub_entry_keeper') },
  });
}

export function hubChangeSchema(dialect: SqlDialect): EntitySchema<HubChangeRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<HubChangeRow>({
    name: 'HubChange',
    tableName: 'hub_change',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      entryId: { type: 'varchar', length: 36 },
      action: { type: 'varchar', length: 10 },
      title: { type: 'nvarchar', length: 120 },
      summary: { type: 'nvarchar', length: 600 },
      link: { type: 'nvarchar', length: 400, nullable: true },
      kind: { type: 'varchar', length: 40 },
      requestedById: { type: 'varchar', length: 36 },
      contactId: { type: 'varchar', length: 36 },
      status: { type: 'varchar', length: 20 },
      reason: { type: 'nvarchar', length: 400, nullable: true },
      version: { ...t.integer },
      createdAt: { ...t.timestamp },
      decidedAt: { ...t.timestamp, nullable: true },
    },
    indices: [{ name: 'IDX_hub_change_entry', columns: ['entryId', 'status'] }],
    relations: { entry: manyToOne('HubEntry', 'entryId', 'FK_hub_change_entry') },
  });
}

export function opportunitySchema(dialect: SqlDialect): EntitySchema<OpportunityRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<OpportunityRow>({
    name: 'Opportunity',
    tableName: 'opportunity',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      deaId: { type: 'varchar', length: 36 },
      kind: { type: 'varchar', length: 40 },
      status: { type: 'varchar', length: 30 },
      title: { type: 'nvarchar', length: 120 },
      summary: { type: 'nvarchar', length: 600 },
      link: { type: 'nvarchar', length: 400, nullable: true },
      hubEntryId: { type: 'varchar', length: 36, nullable: true },
      sentTo: { ...t.integer },
      createdAt: { ...t.timestamp },
    },
    indices: [{ name: 'IDX_opportunity_dea', columns: ['deaId', 'createdAt'] }],
    relations: { dea: manyToOne('Staff', 'deaId', 'FK_opportunity_dea') },
  });
}

export function externalPartnerSchema(dialect: SqlDialect): EntitySchema<ExternalPartnerRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<ExternalPartnerRow>({
    name: 'ExternalPartner',
    tableName: 'external_partner',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      district: { type: 'nvarchar', length: 100 },
      deaId: { type: 'varchar', length: 36 },
      name: { type: 'nvarchar', length: 120 },
      kind: { type: 'varchar', length: 30 },
      contact: { type: 'nvarchar', length: 200 },
      website: { type: 'nvarchar', length: 400, nullable: true },
      focus: { type: 'nvarchar', length: 400 },
      lastMetOn: { type: 'varchar', length: 10, nullable: true },
      // Partners kept before updates existed start at 1 (migration 1765940000000).
      version: { ...t.integer, default: 1 },
      createdAt: { ...t.timestamp },
      updatedAt: { ...t.timestamp },
    },
    indices: [{ name: 'IDX_external_partner_district', columns: ['district'] }],
  });
}

export function serviceChangeSchema(dialect: SqlDialect): EntitySchema<ServiceChangeRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<ServiceChangeRow>({
    name: 'ServiceChange',
    tableName: 'service_change',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      partnerId: { type: 'varchar', length: 36 },
      partnerName: { type: 'nvarchar', length: 120 },
      district: { type: 'nvarchar', length: 100 },
      sentById: { type: 'varchar', length: 36 },
      change: { type: 'nvarchar', length: 400 },
      impact: { type: 'nvarchar', length: 600 },
      createdAt: { ...t.timestamp },
    },
    indices: [{ name: 'IDX_service_change_district', columns: ['district', 'createdAt'] }],
    relations: { partner: manyToOne('ExternalPartner', 'partnerId', 'FK_service_change_partner') },
  });
}

/** A DEA's strategy (§45, §49, §52, §58–59); lists are JSON arrays. */
export interface StrategyRow {
  id: string;
  kind: string;
  title: string;
  why: string;
  leadId: string;
  ownerId: string;
  status: string;
  areas: string;
  internalPartners: string;
  partnerIds: string;
  gapConferenceIds: string;
  gapNote: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface StrategyActionRow {
  id: string;
  strategyId: string;
  /** What is to be done. */
  what: string;
  owner: string;
  status: string;
  createdAt: Date;
  strategy?: unknown;
}

export function strategySchema(dialect: SqlDialect): EntitySchema<StrategyRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<StrategyRow>({
    name: 'Strategy',
    tableName: 'strategy',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      kind: { type: 'varchar', length: 30 },
      title: { type: 'nvarchar', length: 120 },
      why: { type: 'nvarchar', length: 2000 },
      leadId: { type: 'varchar', length: 36 },
      ownerId: { type: 'varchar', length: 36 },
      status: { type: 'varchar', length: 30 },
      areas: { type: 'varchar', length: 400 },
      internalPartners: { type: 'varchar', length: 400 },
      partnerIds: { ...t.longText },
      gapConferenceIds: { ...t.longText },
      gapNote: { type: 'nvarchar', length: 1000, nullable: true },
      version: { ...t.integer },
      createdAt: { ...t.timestamp },
      updatedAt: { ...t.timestamp },
    },
    indices: [
      { name: 'IDX_strategy_lead', columns: ['leadId'] },
      { name: 'IDX_strategy_owner', columns: ['ownerId'] },
    ],
  });
}

export function strategyActionSchema(dialect: SqlDialect): EntitySchema<StrategyActionRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<StrategyActionRow>({
    name: 'StrategyAction',
    tableName: 'strategy_action',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      strategyId: { type: 'varchar', length: 36 },
      what: { type: 'nvarchar', length: 400 },
      owner: { type: 'nvarchar', length: 100 },
      status: { type: 'varchar', length: 20 },
      createdAt: { ...t.timestamp },
    },
    indices: [{ name: 'IDX_strategy_action_strategy', columns: ['strategyId'] }],
    relations: { strategy: manyToOne('Strategy', 'strategyId', 'FK_strategy_action_strategy') },
  });
}

/** A post on the district's Hub feedback forum, and the DEA's answer (seed 000 §61). */
export interface ForumPostRow {
  id: string;
  district: string;
  authorId: string;
  topic: string;
  body: string;
  answer: string | null;
  answeredById: string | null;
  answeredAt: Date | null;
  version: number;
  createdAt: Date;
}

export function forumPostSchema(dialect: SqlDialect): EntitySchema<ForumPostRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<ForumPostRow>({
    name: 'ForumPost',
    tableName: 'hub_forum_post',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      district: { type: 'nvarchar', length: 100 },
      authorId: { type: 'varchar', length: 36 },
      topic: { type: 'nvarchar', length: 120 },
      body: { type: 'nvarchar', length: 2000 },
      answer: { type: 'nvarchar', length: 2000, nullable: true },
      answeredById: { type: 'varchar', length: 36, nullable: true },
      answeredAt: { ...t.timestamp, nullable: true },
      version: { ...t.integer },
      createdAt: { ...t.timestamp },
    },
    indices: [{ name: 'IDX_hub_forum_post_district', columns: ['district', 'createdAt'] }],
  });
}

/** One meeting of a strategy's series (seed 000 §49, §52, §59), and the notes recorded after it. */
export interface StrategyMeetingRow {
  id: string;
  strategyId: string;
  seriesId: string;
  startsAt: Date;
  endsAt: Date;
  mode: string;
  externalInvitees: string;
  status: string;
  eventId: string | null;
  lastError: string | null;
  notes: string | null;
  notesById: string | null;
  notesAt: Date | null;
  version: number;
  createdAt: Date;
}

export function strategyMeetingSchema(dialect: SqlDialect): EntitySchema<StrategyMeetingRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<StrategyMeetingRow>({
    name: 'StrategyMeeting',
    tableName: 'strategy_meeting',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      strategyId: { type: 'varchar', length: 36 },
      seriesId: { type: 'varchar', length: 36 },
      startsAt: { ...t.timestamp },
      endsAt: { ...t.timestamp },
      mode: { type: 'varchar', length: 16 },
      externalInvitees: { type: 'nvarchar', length: 2200 },
      status: { type: 'varchar', length: 10 },
      eventId: { type: 'varchar', length: 200, nullable: true },
      lastError: { type: 'nvarchar', length: 400, nullable: true },
      notes: { type: 'nvarchar', length: 2000, nullable: true },
      notesById: { type: 'varchar', length: 36, nullable: true },
      notesAt: { ...t.timestamp, nullable: true },
      version: { ...t.integer },
      createdAt: { ...t.timestamp },
    },
    indices: [
      { name: 'IDX_strategy_meeting_strategy', columns: ['strategyId', 'startsAt'] },
      { name: 'IDX_strategy_meeting_series', columns: ['seriesId'] },
    ],
  });
}
