import { isUniqueViolation } from '../unique-violation';
import { repositoryOf } from '../transactions';
import type { RequestStatus } from '../../domain/requests/support-request';
import { randomUUID } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import { conflict, notFound } from '../../domain/errors';
import type { ConsentPurpose, ConsentRecord, Conditionality, ConsentAnswer, LetterFormat, NewConsent, Statement } from '../../domain/interventions/consent';
import type { InterventionOverride, OverrideDecision } from '../../domain/interventions/intervention-limit';
import type { InterventionStore } from '../../domain/interventions/ports';
import type { ConsentRecordRow, InterventionOverrideRow } from '../schema/interventions';
import type { SupportRequestRow } from '../schema/requests';
import { NINO } from '../schema/case-folded';

export class SqlInterventionStore implements InterventionStore {
  constructor(private readonly dataSource: DataSource) {}

  private get consents(): Repository<ConsentRecordRow> {
    return repositoryOf<ConsentRecordRow>(this.dataSource, 'ConsentRecord');
  }

  private get overrides(): Repository<InterventionOverrideRow> {
    return repositoryOf<InterventionOverrideRow>(this.dataSource, 'InterventionOverride');
  }

  async saveConsent(consent: NewConsent): Promise<ConsentRecord> {
    const id = randomUUID();
    try {
      await this.consents.insert({
        id,
        requestId: consent.requestId,
        purpose: consent.purpose,
        conditionality: consent.conditionality,
        statements: consent.statements.join(','),
        answer: consent.answer,
        availability: consent.availability.join(','),
        letterFormat: consent.letterFormat,
        capturedById: consent.capturedById,
        capturedAt: consent.capturedAt,
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('Consent has already been recorded for this request.');
      throw error;
    }
    return { ...consent, id };
  }

  async consentFor(requestId: string, purpose: ConsentPurpose): Promise<ConsentRecord | null> {
    const row = await this.consents.findOne({ where: { requestId, purpose } });
    return row ? toConsent(row) : null;
  }

  async countInterventions(nino: string, exceptRequestId: string, statuses: readonly RequestStatus[]): Promise<number> {
    // The claimant row is kept per request, so the same person is found by NINO across requests.
    return repositoryOf<SupportRequestRow>(this.dataSource, 'SupportRequest')
      .createQueryBuilder('r')
      .innerJoin('Claimant', 'c', 'c.id = r.claimantId')
      // NINOs are kept in upper case (SQL Server would match any case; SQLite only the same).
      .where('c.nino = :nino AND r.channel = :channel AND r.id <> :except', { nino: NINO.apply(nino), channel: 'claimant_support_intervention', except: exceptRequestId })
      .andWhere("r.status IN (:...statuses) AND (r.status <> 'closed' OR r.meetingBooked = 1)", { statuses: [...statuses] })
      .getCount();
  }

  async countBeingBooked(nino: string, exceptRequestId: string): Promise<number> {
    // Accepted, with a booking being written or failed (to be tried again): it counts toward the limit (seed §36).
    return repositoryOf<SupportRequestRow>(this.dataSource, 'SupportRequest')
      .createQueryBuilder('r')
      .innerJoin('Claimant', 'c', 'c.id = r.claimantId')
      .where('c.nino = :nino AND r.channel = :channel AND r.id <> :except AND r.status = :accepted', { nino: NINO.apply(nino), channel: 'claimant_support_intervention', except: exceptRequestId, accepted: 'accepted' })
      .andWhere((qb) => `EXISTS ${qb.subQuery().select('1').from('Booking', 'b').where('b.requestId = r.id AND b.status IN (:...live)', { live: ['pending', 'failed'] }).getQuery()}`)
      .getCount();
  }

  async askOverride(override: Omit<InterventionOverride, 'id' | 'decision' | 'decidedAt' | 'note'>): Promise<InterventionOverride> {
    const pending = await this.overrides.findOne({ where: { requestId: override.requestId, decision: 'pending' }, order: { askedAt: 'DESC' } });
    if (pending) return toOverride(pending);
    const id = randomUUID();
    await this.overrides.insert({ ...override, id, decision: 'pending', decidedAt: null, note: null });
    return (await this.findOverride(id))!;
  }

  async overrideFor(requestId: string): Promise<InterventionOverride | null> {
    const row = await this.overrides.findOne({ where: { requestId }, order: { askedAt: 'DESC' } });
    return row ? toOverride(row) : null;
  }

  async findOverride(id: string): Promise<InterventionOverride | null> {
    const row = await this.overrides.findOne({ where: { id: id.toLowerCase() } });
    return row ? toOverride(row) : null;
  }

  async decideOverride(id: string, decision: 'agreed' | 'declined', note: string | null, at: Date): Promise<InterventionOverride> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update('InterventionOverride')
      .set({ decision, note, decidedAt: at })
      .where('id = :id AND decision = :pending', { id, pending: 'pending' })
      .execute();
    if (result.affected !== 1) {
      if (!(await this.findOverride(id))) throw notFound('That request for agreement does not exist.');
      throw conflict('It has already been decided.');
    }
    return (await this.findOverride(id))!;
  }
}

function toConsent(row: ConsentRecordRow): ConsentRecord {
  return {
    id: row.id.toLowerCase(),
    requestId: row.requestId.toLowerCase(),
    purpose: row.purpose as ConsentPurpose,
    conditionality: row.conditionality as Conditionality,
    statements: row.statements.split(',').filter(Boolean) as Statement[],
    answer: row.answer as ConsentAnswer,
    availability: row.availability.split(',').filter(Boolean),
    letterFormat: row.letterFormat as LetterFormat,
    capturedById: row.capturedById.toLowerCase(),
    capturedAt: row.capturedAt,
  };
}

function toOverride(row: InterventionOverrideRow): InterventionOverride {
  return {
    id: row.id.toLowerCase(),
    requestId: row.requestId.toLowerCase(),
    reason: row.reason,
    askedById: row.askedById.toLowerCase(),
    askedAt: row.askedAt,
    teamLeaderId: row.teamLeaderId.toLowerCase(),
    decision: row.decision as OverrideDecision,
    decidedAt: row.decidedAt,
    note: row.note,
    priorCount: row.priorCount,
  };
}
