import { EntitySchema } from 'typeorm';
import { dialectTypes, type SqlDialect } from './dialect';

/** A monthly meeting of a DEA and their work psychologist (seed 000 §44). */
export interface PartnershipMeetingRow {
  id: string;
  deaId: string;
  workPsychologistId: string;
  month: string;
  startsAt: Date;
  endsAt: Date;
  mode: string;
  status: string;
  eventId: string | null;
  lastError: string | null;
  movedBecause: string | null;
}

/** A case conference asked of the work psychologist, or a session commissioned from coach feedback. */
export interface PartnershipActivityRow {
  id: string;
  deaId: string;
  workPsychologistId: string;
  kind: string;
  status: string;
  requestReference: string | null;
  topic: string;
  feedback: string | null;
  heldOn: string | null;
  note: string | null;
  createdAt: Date;
}

export function partnershipMeetingSchema(dialect: SqlDialect): EntitySchema<PartnershipMeetingRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<PartnershipMeetingRow>({
    name: 'PartnershipMeeting',
    tableName: 'partnership_meeting',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      deaId: { type: 'varchar', length: 36 },
      workPsychologistId: { type: 'varchar', length: 36 },
      month: { type: 'varchar', length: 7 },
      startsAt: { ...t.timestamp },
      endsAt: { ...t.timestamp },
      mode: { type: 'varchar', length: 16 },
      status: { type: 'varchar', length: 10 },
      eventId: { type: 'varchar', length: 200, nullable: true },
      lastError: { type: 'nvarchar', length: 400, nullable: true },
      movedBecause: { type: 'nvarchar', length: 300, nullable: true },
    },
    uniques: [{ name: 'UQ_partnership_meeting_month', columns: ['deaId', 'workPsychologistId', 'month'] }],
    indices: [
      { name: 'IDX_partnership_meeting_status', columns: ['status'] },
      { name: 'IDX_partnership_meeting_wp', columns: ['workPsychologistId'] },
    ],
  });
}

export function partnershipActivitySchema(dialect: SqlDialect): EntitySchema<PartnershipActivityRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<PartnershipActivityRow>({
    name: 'PartnershipActivity',
    tableName: 'partnership_activity',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      deaId: { type: 'varchar', length: 36 },
      workPsychologistId: { type: 'varchar', length: 36 },
      kind: { type: 'varchar', length: 30 },
      status: { type: 'varchar', length: 10 },
      requestReference: { type: 'varchar', length: 20, nullable: true },
      topic: { type: 'nvarchar', length: 500 },
      feedback: { type: 'nvarchar', length: 1000, nullable: true },
      heldOn: { type: 'varchar', length: 10, nullable: true },
      note: { type: 'nvarchar', length: 2000, nullable: true },
      createdAt: { ...t.timestamp },
    },
    indices: [
      { name: 'IDX_partnership_activity_dea', columns: ['deaId'] },
      { name: 'IDX_partnership_activity_wp', columns: ['workPsychologistId'] },
      // A work psychologist's case conferences still waiting, oldest first, without reading those held.
      { name: 'IDX_partnership_activity_waiting', columns: ['workPsychologistId', 'status', 'kind', 'createdAt'] },
    ],
  });
}
