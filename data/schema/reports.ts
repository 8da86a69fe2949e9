import { EntitySchema } from 'typeorm';
import { dialectTypes, type SqlDialect } from './dialect';

/**
 * One answer of a feedback card: a score, never text. After a conversation the subject is the
 * conversation; a periodic answer's subject is the period (e.g. "w2026-03-02").
 */
export interface ReportFeedbackRow {
  id: string;
  kind: string;
  subjectId: string;
  respondentId: string;
  district: string;
  question: string;
  score: number;
  createdAt: Date;
}

export function reportFeedbackSchema(dialect: SqlDialect): EntitySchema<ReportFeedbackRow> {
  const t = dialectTypes(dialect);
  return new EntitySchema<ReportFeedbackRow>({
    name: 'ReportFeedback',
    tableName: 'report_feedback',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      kind: { type: 'varchar', length: 20 },
      subjectId: { type: 'varchar', length: 36 },
      respondentId: { type: 'varchar', length: 36 },
      district: { type: 'nvarchar', length: 100 },
      question: { type: 'varchar', length: 40 },
      score: { ...t.integer },
      createdAt: { ...t.timestamp },
    },
    uniques: [{ name: 'UQ_report_feedback_answer', columns: ['subjectId', 'respondentId', 'question'] }],
    indices: [{ name: 'IDX_report_feedback_district', columns: ['district', 'createdAt'] }],
  });
}
