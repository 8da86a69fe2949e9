import { randomUUID } from 'node:crypto';
import { Between, In, IsNull, LessThan, MoreThanOrEqual, And, type DataSource } from 'typeorm';
import type { AdviceConversation, AdviceNotes, HcpBreak, SiteDay } from '../../domain/specialist-advice/conversation';
import { formatReference } from '../../domain/specialist-advice/conversation';
import { AD_HOC_LAPSED } from '../../domain/specialist-advice/ad-hoc-lapse';
import type { AdviceChanges, AdviceHappening, AdvicePeople, AdviceStore, DiaryRecord, NewAdviceConversation, SavedAdvice } from '../../domain/specialist-advice/ports';
import { conflict } from '../../domain/errors';
import type { Jobcentre, StaffMember } from '../../domain/staff';
import type { BankHolidayRegion } from '../../domain/staff';
import type { JobcentreRow } from '../schema/directory';
import type { AdviceConversationRow, AdviceEventRow, AdviceNotesRow, HcpBreakRow, HcpSiteDayRow } from '../schema/specialist-advice';
import { inTransaction, repositoryOf } from '../transactions';
import { isUniqueViolation } from '../unique-violation';
import { inChunks } from '../chunks';
import type { SqlStaffDirectory } from './staff-directory';
import { byName, compareNames } from '../../domain/names';

const MAX_NUMBER_RETRIES = 5;
/** hcp_break.weekday: 1 Monday … 5 Friday. */
const BREAK_WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;

/** The row's columns, without its relations. */
type Columns = Omit<AdviceConversationRow, 'coach' | 'hcp' | 'jobcentre'>;

/** Specialist Advice conversations, notes, their audit trail and the HCPs' site plans, in SQL. */
export class SqlAdviceStore implements AdviceStore {
  constructor(private readonly dataSource: DataSource) {}

  private rows() {
    return repositoryOf<AdviceConversationRow>(this.dataSource, 'AdviceConversation');
  }

  async create(c: NewAdviceConversation, at: Date): Promise<SavedAdvice> {
    for (let attempt = 1; ; attempt++) {
      try {
        const id = await inTransaction(this.dataSource, async (manager) => {
          const repo = manager.getRepository<AdviceConversationRow>('AdviceConversation');
          const { max } = (await repo.createQueryBuilder('c').select('MAX(c.number)', 'max').getRawOne<{ max: number | null }>()) ?? { max: null };
          const id = randomUUID();
          await repo.insert({ ...toRow(c), id, number: (max ?? 0) + 1, submissionKey: c.submissionKey ?? null, version: 1, createdAt: at, updatedAt: at });
          return id;
        });
        return { conversation: (await this.find(id))!, created: true };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // The form was saved before, or by a send of it at the same moment: its key's unique index
        // refused this one, and the first is the conversation. Read only now, so two sends at once
        // never both find none and both save.
        const first = c.submissionKey ? await this.rows().findOne({ where: { submissionKey: c.submissionKey } }) : null;
        if (first) return { conversation: fromRow(first), created: false };
        // Two conversations took the same next number at once: take the next one.
        if (attempt >= MAX_NUMBER_RETRIES) throw error;
      }
    }
  }

  async find(id: string): Promise<AdviceConversation | null> {
    const row = await this.rows().findOne({ where: { id } });
    return row ? fromRow(row) : null;
  }

  async update(id: string, version: number, changes: AdviceChanges, at: Date): Promise<AdviceConversation> {
    const row: Partial<Columns> = { ...toRow(changes), version: version + 1, updatedAt: at };
    const result = await this.rows().createQueryBuilder().update().set(row).where('id = :id AND version = :version', { id, version }).execute();
    if (!result.affected) throw conflict('This conversation changed since this card was shown.');
    return (await this.find(id))!;
  }

  async recordDiary(id: string, version: number, record: DiaryRecord, at: Date): Promise<AdviceConversation | null> {
    const diaryEvents = JSON.stringify(record.diaryEvents);
    const withStatus = await this.rows()
      .createQueryBuilder()
      .update()
      .set({ diaryEvents, diaryStatus: record.diaryStatus, diaryError: record.diaryError, updatedAt: at })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    if (withStatus.affected) return this.find(id);
    // Changed meanwhile: the entries made are kept all the same, so none is forgotten.
    await this.rows().createQueryBuilder().update().set({ diaryEvents, updatedAt: at }).where('id = :id', { id }).execute();
    return null;
  }

  async markPackReminded(id: string, at: Date): Promise<boolean> {
    const result = await this.rows()
      .createQueryBuilder()
      .update()
      .set({ packRemindedAt: at })
      .where("id = :id AND status = 'booked' AND packReadyAt IS NULL AND packRemindedAt IS NULL", { id })
      .execute();
    return result.affected === 1;
  }

  async packsNotReady(from: Date, to: Date, limit: number): Promise<AdviceConversation[]> {
    const rows = await this.rows().find({
      where: { status: 'booked', adHoc: false, packReadyAt: IsNull(), packRemindedAt: IsNull(), startsAt: And(MoreThanOrEqual(from), LessThan(to)) },
      order: { startsAt: 'ASC' },
      take: limit,
    });
    return rows.map(fromRow);
  }

  async lapsedAdHocAsks(from: Date, by: Date, limit: number): Promise<AdviceConversation[]> {
    const rows = await this.rows()
      .createQueryBuilder('c')
      .where('c.status = :asked AND c.startsAt >= :from AND c.startsAt <= :by', { asked: 'adhoc_asked', from, by })
      .andWhere((qb) => `NOT EXISTS ${qb.subQuery().select('1').from('AdviceEvent', 'e').where('e.conversationId = c.id AND e.what = :lapsed', { lapsed: AD_HOC_LAPSED }).getQuery()}`)
      .orderBy('c.startsAt', 'ASC')
      .take(limit)
      .getMany();
    return rows.map(fromRow);
  }

  async latestHappening(conversationId: string): Promise<AdviceHappening | null> {
    const row = await repositoryOf<AdviceEventRow>(this.dataSource, 'AdviceEvent').findOne({ where: { conversationId }, order: { at: 'DESC' } });
    return row ? { actorId: row.actorId.toLowerCase(), what: row.what, at: row.at } : null;
  }

  async breaksOf(hcpIds: readonly string[]): Promise<HcpBreak[]> {
    if (!hcpIds.length) return [];
    const rows = await inChunks([...new Set(hcpIds)], (chunk) => repositoryOf<HcpBreakRow>(this.dataSource, 'HcpBreak').find({ where: { hcpId: In(chunk) }, order: { weekday: 'ASC', startTime: 'ASC' } }));
    return rows.map((r) => ({ hcpId: r.hcpId.toLowerCase(), weekday: BREAK_WEEKDAYS[r.weekday - 1]!, start: r.startTime, end: r.endTime }));
  }

  async setBreaks(hcpId: string, breaks: readonly HcpBreak[], setById: string, at: Date): Promise<void> {
    const repo = repositoryOf<HcpBreakRow>(this.dataSource, 'HcpBreak');
    await repo.delete({ hcpId });
    if (breaks.length) await repo.insert(breaks.map((b) => ({ id: randomUUID(), hcpId, weekday: BREAK_WEEKDAYS.indexOf(b.weekday) + 1, startTime: b.start, endTime: b.end, setById, setAt: at })));
  }

  async saveNotes(notes: AdviceNotes): Promise<void> {
    await repositoryOf<AdviceNotesRow>(this.dataSource, 'AdviceNotes').insert({ ...notes });
  }

  async notesOf(conversationId: string): Promise<AdviceNotes | null> {
    const row = await repositoryOf<AdviceNotesRow>(this.dataSource, 'AdviceNotes').findOne({ where: { conversationId } });
    if (!row) return null;
    const { conversation: _c, ...notes } = row;
    return notes;
  }

  async forHcps(hcpIds: readonly string[], from: Date, to: Date): Promise<AdviceConversation[]> {
    if (!hcpIds.length) return [];
    const rows = await inChunks([...new Set(hcpIds)], (chunk) => this.rows().find({ where: { hcpId: In(chunk), startsAt: Between(from, new Date(to.getTime() - 1)) }, order: { startsAt: 'ASC' } }));
    return rows.map(fromRow);
  }

  async atJobcentre(jobcentreId: string, from: Date, to: Date): Promise<AdviceConversation[]> {
    const rows = await this.rows().find({ where: { jobcentreId, startsAt: Between(from, new Date(to.getTime() - 1)) }, order: { startsAt: 'ASC' } });
    return rows.map(fromRow);
  }

  async forCoach(coachId: string, limit: number): Promise<AdviceConversation[]> {
    return (await this.rows().find({ where: { coachId }, order: { createdAt: 'DESC' }, take: limit })).map(fromRow);
  }

  async record(conversationId: string, actorId: string, what: string, at: Date): Promise<void> {
    await repositoryOf<AdviceEventRow>(this.dataSource, 'AdviceEvent').insert({ id: randomUUID(), conversationId, actorId, what, at });
  }

  async siteDays(hcpIds: readonly string[], fromDate: string, toDate: string): Promise<SiteDay[]> {
    if (!hcpIds.length) return [];
    const rows = await inChunks([...new Set(hcpIds)], (chunk) => repositoryOf<HcpSiteDayRow>(this.dataSource, 'HcpSiteDay').find({ where: { hcpId: In(chunk), date: Between(fromDate, toDate) } }));
    return rows.map((r) => ({ hcpId: r.hcpId, date: r.date, jobcentreId: r.jobcentreId }));
  }

  async setSiteDay(day: SiteDay, setById: string, at: Date): Promise<void> {
    const repo = repositoryOf<HcpSiteDayRow>(this.dataSource, 'HcpSiteDay');
    const found = await repo.findOne({ where: { hcpId: day.hcpId, date: day.date } });
    if (found) await repo.update({ hcpId: day.hcpId, date: day.date }, { jobcentreId: day.jobcentreId, setById, setAt: at });
    else await repo.insert({ ...day, setById, setAt: at });
  }
}

function toRow(c: AdviceChanges | NewAdviceConversation): Partial<Columns> {
  const row: Partial<Columns> = {};
  const set = <K extends keyof Columns>(key: K, value: Columns[K] | undefined) => {
    if (value !== undefined) row[key] = value;
  };
  set('status', c.status);
  set('hcpId', c.hcpId);
  set('contactId', c.contactId);
  set('jobcentreId', c.jobcentreId);
  set('cluster', c.cluster);
  set('district', c.district);
  set('adviceTypes', c.adviceTypes?.join(','));
  set('channel', c.channel);
  set('complex', c.complex);
  set('adHoc', c.adHoc);
  set('startsAt', c.start);
  set('endsAt', c.end);
  set('prepStartsAt', c.prepStart);
  set('timesMoved', c.timesMoved);
  set('packReadyAt', c.packReadyAt);
  set('preparedAt', c.preparedAt);
  set('heldAt', c.heldAt);
  set('returnedAt', c.returnedAt);
  set('returnConfirmedAt', c.returnConfirmedAt);
  set('findings', c.findings);
  if ('diaryEvents' in c) set('diaryEvents', JSON.stringify(c.diaryEvents));
  set('diaryStatus', c.diaryStatus);
  set('diaryError', c.diaryError);
  set('packRemindedAt', c.packRemindedAt);
  if ('coachId' in c && c.coachId) {
    const n = c as NewAdviceConversation;
    Object.assign(row, {
      coachId: n.coachId,
      askedAdHoc: n.askedAdHoc,
      surname: n.claimant.surname,
      nino: n.claimant.nino,
      benefit: n.claimant.benefit,
      wcaStatus: n.claimant.wcaStatus,
      wcaSummary: n.claimant.wcaSummary,
      background: n.claimant.background,
      conditions: n.claimant.conditions,
      consentAgreed: n.consent.agreed,
      gpConsent: n.consent.gpConsent,
      consentById: n.consent.recordedById,
      consentAt: n.consent.recordedAt,
    });
  }
  return row;
}

function fromRow(r: AdviceConversationRow): AdviceConversation {
  return {
    id: r.id.toLowerCase(),
    reference: formatReference(r.number),
    status: r.status as AdviceConversation['status'],
    coachId: r.coachId.toLowerCase(),
    hcpId: r.hcpId.toLowerCase(),
    contactId: r.contactId?.toLowerCase() ?? null,
    jobcentreId: r.jobcentreId.toLowerCase(),
    cluster: r.cluster,
    district: r.district,
    claimant: {
      surname: r.surname,
      nino: r.nino,
      benefit: r.benefit as AdviceConversation['claimant']['benefit'],
      wcaStatus: r.wcaStatus as AdviceConversation['claimant']['wcaStatus'],
      wcaSummary: r.wcaSummary,
      background: r.background,
      conditions: r.conditions,
    },
    adviceTypes: r.adviceTypes.split(',').filter(Boolean) as AdviceConversation['adviceTypes'][number][],
    channel: r.channel as AdviceConversation['channel'],
    complex: r.complex,
    adHoc: r.adHoc,
    askedAdHoc: r.askedAdHoc,
    consent: { agreed: r.consentAgreed, gpConsent: r.gpConsent, recordedById: r.consentById, recordedAt: r.consentAt },
    start: r.startsAt,
    end: r.endsAt,
    prepStart: r.prepStartsAt,
    timesMoved: r.timesMoved,
    packReadyAt: r.packReadyAt,
    preparedAt: r.preparedAt,
    heldAt: r.heldAt,
    returnedAt: r.returnedAt,
    returnConfirmedAt: r.returnConfirmedAt,
    findings: r.findings as AdviceConversation['findings'],
    diaryEvents: JSON.parse(r.diaryEvents) as AdviceConversation['diaryEvents'],
    diaryStatus: r.diaryStatus as AdviceConversation['diaryStatus'],
    diaryError: r.diaryError,
    packRemindedAt: r.packRemindedAt,
    version: r.version,
    createdAt: r.createdAt,
  };
}

/** The Specialist Advice people, from the staff directory: who covers a jobcentre, its contact, a district's HCPs. */
export class SqlAdvicePeople implements AdvicePeople {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: SqlStaffDirectory,
  ) {}

  async jobcentre(id: string): Promise<Jobcentre | null> {
    const row = await this.dataSource.getRepository<JobcentreRow>('Jobcentre').findOne({ where: { id } });
    return row ? toJobcentre(row) : null;
  }

  async jobcentresInCluster(cluster: string): Promise<Jobcentre[]> {
    return (await this.dataSource.getRepository<JobcentreRow>('Jobcentre').find({ where: { cluster } })).map(toJobcentre).sort(byName);
  }

  async officesInClustersOf(jobcentreIds: readonly string[]): Promise<Jobcentre[]> {
    if (!jobcentreIds.length) return [];
    const offices = this.dataSource.getRepository<JobcentreRow>('Jobcentre');
    const rows = await inChunks([...new Set(jobcentreIds)], (ids) => {
      const clusters = offices.createQueryBuilder('base').select('base.cluster').where('base.id IN (:...ids)');
      return offices.createQueryBuilder('j').where(`j.cluster IN (${clusters.getQuery()})`).setParameters({ ids }).getMany();
    });
    // Chunks of a long list may name the same cluster: each office once, by cluster and name.
    const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
    return unique.sort((a, b) => compareNames(a.cluster, b.cluster) || byName(a, b)).map(toJobcentre);
  }

  /** The HCP of the office's cluster (the first by name), in one read: the caller often has the office already. */
  async hcpCovering(jobcentreId: string): Promise<StaffMember | null> {
    const [hcp] = await this.withRole('hcp', 'j.cluster = (SELECT office.cluster FROM jobcentre office WHERE office.id = :jobcentreId)', { jobcentreId });
    return hcp ?? null;
  }

  async contactAt(jobcentreId: string): Promise<StaffMember | null> {
    const [contact] = await this.withRole('jobcentre_contact', 's.jobcentreId = :jobcentreId', { jobcentreId });
    return contact ?? null;
  }

  async hcpsInDistrict(district: string): Promise<StaffMember[]> {
    return this.withRole('hcp', 'j.district = :district', { district });
  }

  /** People with a role whose base jobcentre matches, in English order of name (the first is the one asked). */
  private async withRole(role: string, where: string, parameters: Record<string, string>): Promise<StaffMember[]> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .select('s.id', 'id')
      .from('staff', 's')
      .innerJoin('staff_role', 'r', 'r.staffId = s.id AND r.role = :role', { role })
      .innerJoin('jobcentre', 'j', 'j.id = s.jobcentreId')
      .where(where, parameters)
      .getRawMany<{ id: string }>();
    return (await this.directory.findByIds(rows.map((r) => r.id))).sort(byName);
  }
}

function toJobcentre(row: JobcentreRow): Jobcentre {
  return { id: row.id.toLowerCase(), name: row.name, cluster: row.cluster, district: row.district, bankHolidayRegion: row.bankHolidayRegion as BankHolidayRegion };
}
