import { EntitySchema } from 'typeorm';
import { NINO } from './case-folded';
import { dialectTypes, type SqlDialect } from './dialect';

/** A retention case (seed 000 §66–68): special category data, read only by the people on it. */
export interface RetentionCaseRow {
  id: string;
  number: number;
  employerAdviserId: string;
  jobcentreId: string | null;
  deaId: string | null;
  workPsychologistId: string | null;
  hcpId: string | null;
  hcpAdvice: string | null;
  personName: string;
  employer: string;
  need: string;
  nino: string | null;
  surname: string | null;
  assessment: string;
  status: string;
  route: string | null;
  agreedNote: string | null;
  interventionRequestId: string | null;
  outcome: string | null;
  outcomeNote: string | null;
  outcomeById: string | null;
  closedAt: Date | null;
  createdAt: Date;
  version: number;
}

export function retentionCaseSchema(dialect: SqlDialect): EntitySchema<RetentionCaseRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<RetentionCaseRow>({
    name: 'RetentionCase',
    tableName: 'retention_case',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      number: { ...t.integer },
      employerAdviserId: { type: 'varchar', length: 36 },
      jobcentreId: { type: 'varchar', length: 36, nullable: true },
      deaId: { type: 'varchar', length: 36, nullable: true },
      workPsychologistId: { type: 'varchar', length: 36, nullable: true },
      hcpId: { type: 'varchar', length: 36, nullable: true },
      hcpAdvice: { type: 'nvarchar', length: 2000, nullable: true },
      personName: { type: 'nvarchar', length: 100 },
      employer: { type: 'nvarchar', length: 200 },
      need: { type: 'nvarchar', length: 2000 },
      nino: { type: 'varchar', length: 9, nullable: true, transformer: NINO },
      surname: { type: 'nvarchar', length: 100, nullable: true },
      assessment: { type: 'varchar', length: 20 },
      status: { type: 'varchar', length: 24 },
      route: { type: 'varchar', length: 32, nullable: true },
      agreedNote: { type: 'nvarchar', length: 2400, nullable: true },
      interventionRequestId: { type: 'varchar', length: 36, nullable: true },
      outcome: { type: 'varchar', length: 32, nullable: true },
      outcomeNote: { type: 'nvarchar', length: 2000, nullable: true },
      outcomeById: { type: 'varchar', length: 36, nullable: true },
      closedAt: { ...t.timestamp, nullable: true },
      createdAt: { ...t.timestamp },
      version: { ...t.integer },
    },
    uniques: [{ name: 'UQ_retention_case_number', columns: ['number'] }],
    indices: [
      { name: 'IDX_retention_case_adviser', columns: ['employerAdviserId'] },
      { name: 'IDX_retention_case_dea', columns: ['deaId'] },
      { name: 'IDX_retention_case_wp', columns: ['workPsychologistId'] },
      { name: 'IDX_retention_case_hcp', columns: ['hcpId'] },
    ],
  });
}
