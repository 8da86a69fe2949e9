import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { formatReference } from '../../domain/specialist-advice/conversation';
import type { FeedbackConversation, FeedbackRow, FeedbackStore } from '../../domain/reports/ports';
import { isUniqueViolation } from '../unique-violation';
import type { ReportFeedbackRow } from '../schema/reports';

export class SqlFeedbackStore implements FeedbackStore {
  constructor(private readonly dataSource: DataSource) {}

  async answered(subjectId: string, respondentId: string): Promise<boolean> {
    return (await this.dataSource.getRepository<ReportFeedbackRow>('ReportFeedback').count({ where: { subjectId, respondentId: respondentId.toLowerCase() } })) > 0;
  }

  async save(rows: readonly FeedbackRow[]): Promise<boolean> {
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.getRepository<ReportFeedbackRow>('ReportFeedback').insert(rows.map((r) => ({ ...r, id: randomUUID(), respondentId: r.respondentId.toLowerCase() })));
      });
      return true;
    } catch (error) {
      // Sent twice (a double click, Teams resending): the first answers stand.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async conversation(id: string): Promise<FeedbackConversation | null> {
    const row = await this.dataSource
      .createQueryBuilder()
      .select('c.number', 'number')
      .addSelect('c.coachId', 'coachId')
      .addSelect('c.district', 'district')
      .addSelect('c.status', 'status')
      .from('AdviceConversation', 'c')
      .where('c.id = :id', { id: id.toLowerCase() })
      .getRawOne<{ number: number; coachId: string; district: string; status: string }>();
    return row ? { reference: formatReference(Number(row.number)), coachId: row.coachId.toLowerCase(), district: row.district, status: row.status } : null;
  }

  async periodicRespondents(): Promise<string[]> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .select('DISTINCT s.id', 'id')
      .from('Staff', 's')
      .innerJoin('StaffRole', 'r', "r.staffId = s.id AND r.role IN ('hcp', 'work_coach_team_leader')")
      .innerJoin('Jobcentre', 'j', 'j.id = s.jobcentreId')
      .where("j.district IN (SELECT j2.district FROM jobcentre j2 INNER JOIN staff s2 ON s2.jobcentreId = j2.id INNER JOIN staff_role r2 ON r2.staffId = s2.id AND r2.role = 'hcp')")
      .getRawMany<{ id: string }>();
    return rows.map((r) => r.id.toLowerCase());
  }
}
