import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { applySeed } from '../data/seed/apply-seed';
import type { SeedFile } from '../data/seed/seed-file';
import { SqlStaffDirectory } from '../data/stores/staff-directory';
import { chunks } from '../data/chunks';

/** Rows for report tests and the benchmark: written straight to the tables the reports read. */

const aad = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const REPORT_STAFF = {
  hcpA: aad(9001),
  hcpB: aad(9002),
  hcpC: aad(9003),
  manager: aad(9004),
  performance: aad(9005),
  dea: aad(9006),
  wctl: aad(9007),
  coach1: aad(9008),
  coach2: aad(9009),
} as const;

export type ReportPerson = keyof typeof REPORT_STAFF;

/** Three jobcentres in two districts, three HCPs, an activity manager, a performance manager, a DEA's cohort. */
export async function seedReportDirectory(ds: DataSource): Promise<Record<ReportPerson, string>> {
  const file: SeedFile = {
    jobcentres: [
      { name: 'Crawley', cluster: 'Gatwick Diamond', district: 'Surrey and Sussex', bankHolidays: 'england-and-wales' },
      { name: 'Hastings', cluster: 'Hastings and Bexhill', district: 'Surrey and Sussex', bankHolidays: 'england-and-wales' },
      { name: 'Carlisle', cluster: 'SA 2', district: 'Cumbria and Lancashire', bankHolidays: 'england-and-wales' },
    ],
    staff: [
      { aadObjectId: REPORT_STAFF.hcpA, name: 'Ann Archer', email: 'ann.archer@hcp.example', roles: ['hcp'], jobcentre: 'Crawley' },
      { aadObjectId: REPORT_STAFF.hcpB, name: 'Ben Bishop', email: 'ben.bishop@hcp.example', roles: ['hcp'], jobcentre: 'Hastings' },
      { aadObjectId: REPORT_STAFF.hcpC, name: 'Cara Cole', email: 'cara.cole@hcp.example', roles: ['hcp'], jobcentre: 'Carlisle' },
      { aadObjectId: REPORT_STAFF.manager, name: 'Mo Manning', email: 'mo.manning@hcp.example', roles: ['hcp_activity_manager'], jobcentre: 'Crawley' },
      { aadObjectId: REPORT_STAFF.performance, name: 'Pat Price', email: 'pat.price@jobcentre.example', roles: ['performance_manager'], jobcentre: 'Crawley' },
      { aadObjectId: REPORT_STAFF.wctl, name: 'Tess Lane', email: 'tess.lane@jobcentre.example', roles: ['work_coach_team_leader'], jobcentre: 'Crawley' },
      { aadObjectId: REPORT_STAFF.dea, name: 'Dee Adams', email: 'dee.adams@jobcentre.example', roles: ['dea'], jobcentre: 'Crawley', teamLeader: 'tess.lane@jobcentre.example' },
      { aadObjectId: REPORT_STAFF.coach1, name: 'Cal Carter', email: 'cal.carter@jobcentre.example', roles: ['work_coach'], jobcentre: 'Crawley', dea: 'dee.adams@jobcentre.example', teamLeader: 'tess.lane@jobcentre.example' },
      { aadObjectId: REPORT_STAFF.coach2, name: 'Col Cross', email: 'col.cross@jobcentre.example', roles: ['work_coach'], jobcentre: 'Hastings', dea: 'dee.adams@jobcentre.example', teamLeader: 'tess.lane@jobcentre.example' },
    ],
  };
  await applySeed(ds, file);
  const directory = new SqlStaffDirectory(ds);
  const ids = {} as Record<ReportPerson, string>;
  for (const [key, value] of Object.entries(REPORT_STAFF) as [ReportPerson, string][]) ids[key] = (await directory.findByAadObjectId(value))!.id;
  return ids;
}

export async function jobcentreIds(ds: DataSource): Promise<Record<string, { id: string; cluster: string; district: string }>> {
  const rows = await ds.createQueryBuilder().select(['j.id AS id', 'j.name AS name', 'j.cluster AS cluster', 'j.district AS district']).from('Jobcentre', 'j').getRawMany<{ id: string; name: string; cluster: string; district: string }>();
  return Object.fromEntries(rows.map((r) => [r.name, { id: r.id, cluster: r.cluster, district: r.district }]));
}

export interface ConversationFixture {
  readonly hcpId: string;
  readonly coachId: string;
  readonly jobcentre: { id: string; cluster: string; district: string };
  readonly status: string;
  readonly channel: string;
  readonly adviceTypes: string;
  readonly adHoc?: boolean;
  /** Asked ad hoc; by default, as `adHoc` (one ad hoc now was asked so). */
  readonly askedAdHoc?: boolean;
  readonly startsAt: Date | null;
  readonly createdAt: Date;
}

let conversationNumber = 0;

export function conversationRow(c: ConversationFixture): Record<string, unknown> {
  conversationNumber += 1;
  return {
    id: randomUUID(),
    number: conversationNumber,
    status: c.status,
    coachId: c.coachId,
    hcpId: c.hcpId,
    contactId: null,
    jobcentreId: c.jobcentre.id,
    cluster: c.jobcentre.cluster,
    district: c.jobcentre.district,
    surname: 'Fixture',
    nino: 'AB123456C',
    benefit: 'UC',
    wcaStatus: 'had',
    wcaSummary: null,
    background: 'Fixture',
    conditions: 'Fixture',
    adviceTypes: c.adviceTypes,
    channel: c.channel,
    complex: false,
    adHoc: c.adHoc ?? false,
    askedAdHoc: c.askedAdHoc ?? c.adHoc ?? false,
    consentAgreed: true,
    gpConsent: false,
    consentById: c.coachId,
    consentAt: c.createdAt,
    startsAt: c.startsAt,
    endsAt: c.startsAt ? new Date(c.startsAt.getTime() + 3_600_000) : null,
    prepStartsAt: null,
    timesMoved: 0,
    packReadyAt: null,
    preparedAt: null,
    heldAt: c.status === 'held' ? c.startsAt : null,
    returnedAt: null,
    returnConfirmedAt: null,
    findings: 'none',
    diaryEvents: '[]',
    version: 1,
    createdAt: c.createdAt,
    updatedAt: c.createdAt,
  };
}

export async function insertRows(ds: DataSource, entity: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  await ds.transaction(async (manager) => {
    for (const chunk of chunks(rows, 50)) await manager.getRepository(entity).insert(chunk);
  });
}

export interface RequestFixture {
  readonly id?: string;
  readonly requesterId: string;
  readonly deaId: string;
  readonly type: string;
  readonly status: string;
  readonly channel: string | null;
  readonly requiredBy: string | null;
  readonly createdAt: Date;
  readonly nino?: string;
  /** Status changes after it was made: [toStatus, at]. */
  readonly events?: readonly (readonly [string, Date])[];
}

let requestNumber = 0;

/** A request's rows: the claimant (if any), the request, its events. */
export function requestRows(r: RequestFixture): { claimant: Record<string, unknown> | null; request: Record<string, unknown>; events: Record<string, unknown>[] } {
  requestNumber += 1;
  const id = r.id ?? randomUUID();
  const claimant = r.nino ? { id: randomUUID(), surname: 'Fixture', nino: r.nino, benefits: 'UC', createdAt: r.createdAt, updatedAt: r.createdAt } : null;
  const request = {
    id,
    number: requestNumber,
    submissionKey: randomUUID(),
    type: r.type,
    status: r.status,
    version: 1,
    requesterId: r.requesterId,
    deaId: r.deaId,
    claimantId: claimant?.id ?? null,
    topic: null,
    description: 'Fixture',
    reason: null,
    requiredBy: r.requiredBy,
    urgent: false,
    vulnerability: null,
    channel: r.channel,
    inappropriate: null,
    parentRequestId: null,
    requestedChannel: null,
    createdAt: r.createdAt,
    updatedAt: r.createdAt,
  };
  const events = [['submitted', r.createdAt] as const, ...(r.events ?? [])].map(([toStatus, at], i, all) => ({ id: randomUUID(), requestId: id, at, actorId: null, action: 'fixture', fromStatus: i === 0 ? null : all[i - 1]![0], toStatus }));
  return { claimant, request, events };
}

export async function insertRequests(ds: DataSource, requests: readonly RequestFixture[]): Promise<string[]> {
  const made = requests.map(requestRows);
  await insertRows(ds, 'Claimant', made.flatMap((m) => (m.claimant ? [m.claimant] : [])));
  await insertRows(ds, 'SupportRequest', made.map((m) => m.request));
  await insertRows(ds, 'RequestEvent', made.flatMap((m) => m.events));
  return made.map((m) => String(m.request.id));
}
