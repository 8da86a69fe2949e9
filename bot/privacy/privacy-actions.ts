import { REMOVED } from '../../data/privacy/claimant-data';
import type { DataSource } from 'typeorm';
import type { SeenEntry } from '../../cards/privacy/privacy-cards';
import type { HeldRows } from '../../data/privacy/claimant-records';
import { ClaimantRecords, type ClaimantCases } from '../../data/privacy/claimant-records';
import { EndedCaseCards } from '../../data/privacy/ended-case-cards';
import { PrivacyLog, type AccessSeen } from '../../data/privacy/privacy-log';
import { describeMeeting } from '../../domain/requests/calendar-date';
import { notAllowed } from '../../domain/errors';
import type { Clock, Logger } from '../../domain/ports';
import { searchDescription, type ClaimantKey } from '../../domain/privacy/claimant-key';
import { subjectAccessDue } from '../../domain/privacy/due-dates';
import { labelOf, type SubjectAccessDocument } from '../../domain/privacy/subject-access';
import { formatRetentionReference } from '../../domain/retention-cases/retention-case';
import type { StaffMember } from '../../domain/staff';
import { isDataProtectionLead, privacyRefusal, type PrivacyAsk } from '../../domain/privacy/privacy-policy';
import { REQUEST_LIVE_CARD, type OutboxWriter } from '../core/outbox-writer';
import { RETENTION_LIVE_CARD } from '../retention-cases/journey';
import { ADVICE_LIVE_CARD } from '../specialist-advice/journey';
import { ACTION_LIVE_CARD } from '../follow-up-actions/action-notifier';
import { HCP_ACTIVITY_LIVE_CARD, HCP_WEEKLY_NOTE_LIVE_CARD } from '../hcp-activity/journey';
import { CASE_CONFERENCE_LIVE_CARD } from '../work-psychologist/journey';
import { INTERVENTION_LIVE_CARDS } from '../interventions/journey';
import { CONFERENCE_CASES_LIVE_CARD } from '../conferences/conference-notifier';
import { SqlFollowUpActionStore } from '../../data/stores/follow-up-actions';

export const ERASED_TEXT = REMOVED.erased;

export interface PrivacyDeps {
  readonly dataSource: DataSource;
  readonly outbox: Pick<OutboxWriter, 'changed'>;
  readonly clock: Clock;
  readonly logger: Logger;
}

function assertMay(ask: PrivacyAsk, person: Pick<StaffMember, 'roles'>): void {
  const refusal = privacyRefusal(ask, person);
  if (refusal) throw notAllowed(refusal);
}

/** Subject access, erasure and who looked, for a data protection lead (and a DEA's team leader for who looked). */
export class PrivacyActions {
  readonly records: ClaimantRecords;
  readonly log: PrivacyLog;
  private readonly actions: SqlFollowUpActionStore;
  private readonly caseCards: EndedCaseCards;

  constructor(private readonly deps: PrivacyDeps) {
    this.records = new ClaimantRecords(deps.dataSource);
    this.log = new PrivacyLog(deps.dataSource);
    this.actions = new SqlFollowUpActionStore(deps.dataSource);
    this.caseCards = new EndedCaseCards(deps.dataSource);
  }

  /**
   * Anonymises the claimant everywhere, records the erasure (case references and counts only),
   * and re-renders every posted card of their requests, which now show the redacted details.
   */
  async erase(person: StaffMember, key: ClaimantKey): Promise<{ references: readonly string[]; counts: Record<string, number> }> {
    assertMay('privacy.erase', person);
    const cases = await this.records.casesOf(key);
    const counts = await this.records.anonymise(cases, ERASED_TEXT);
    const now = this.deps.clock.now();
    await this.log.record({ kind: 'erasure', requestedById: person.id, at: now, completedAt: now, cases: cases.references, counts });
    await this.redactPostedCards(cases);
    this.deps.logger.info({ cases: cases.references.length, rows: total(counts) }, 'claimant erased');
    return { references: cases.references, counts };
  }

  /**
   * Posted copies of the cases' cards, and of the other cards that show their details (the actions
   * their outcomes started, meeting summaries, the team leader's cards to agree a further
   * intervention, HCP activities, HCP weekly notes and work psychologist case conferences naming them,
   * the case lists and summaries of group conferences they were discussed at), are re-rendered from the (now
   * anonymised) stored state.
   */
  async redactPostedCards(cases: Pick<ClaimantCases, 'requestIds' | 'conversationIds' | 'retentionCaseIds' | 'conferenceCaseIds' | 'references'>): Promise<void> {
    for (const id of cases.requestIds) this.deps.outbox.changed(REQUEST_LIVE_CARD, id);
    for (const id of await this.actions.idsForRequests(cases.requestIds)) this.deps.outbox.changed(ACTION_LIVE_CARD, id);
    for (const id of cases.conversationIds) this.deps.outbox.changed(ADVICE_LIVE_CARD, id);
    for (const id of cases.retentionCaseIds) this.deps.outbox.changed(RETENTION_LIVE_CARD, id);
    const shown = await this.caseCards.subjectsOf(cases);
    for (const id of shown.hcpActivityIds) this.deps.outbox.changed(HCP_ACTIVITY_LIVE_CARD, id);
    for (const id of shown.caseConferenceIds) this.deps.outbox.changed(CASE_CONFERENCE_LIVE_CARD, id);
    for (const id of shown.overrideIds) this.deps.outbox.changed(INTERVENTION_LIVE_CARDS.override, id);
    for (const id of shown.summaryIds) this.deps.outbox.changed(INTERVENTION_LIVE_CARDS.summary, id);
    for (const id of shown.conferenceIds) this.deps.outbox.changed(CONFERENCE_CASES_LIVE_CARD, id);
    for (const id of shown.weeklyNoteIds) this.deps.outbox.changed(HCP_WEEKLY_NOTE_LIVE_CARD, id);
  }

  /** Everything held about the claimant, with the request and its due dates recorded, and the showing logged. */
  async subjectAccess(person: StaffMember, key: ClaimantKey): Promise<{ document: SubjectAccessDocument; data: Record<string, unknown> }> {
    assertMay('privacy.access', person);
    const cases = await this.records.casesOf(key);
    const held = await this.records.held(cases);
    const now = this.deps.clock.now();
    const due = subjectAccessDue(now);
    const searched = searchDescription(key);
    const document: SubjectAccessDocument = { receivedAt: now, due: due.due, hcpDue: due.hcpDue, references: cases.references, searched, sections: held.map(sectionOf) };
    const data = {
      receivedAt: now.toISOString(),
      due: due.due,
      hcpDue: due.hcpDue,
      cases: cases.references,
      searched,
      tables: Object.fromEntries(held.map((h) => [h.table.title, h.rows])),
    };
    await this.log.record({ kind: 'subject_access', requestedById: person.id, at: now, dueAt: new Date(`${due.due}T00:00:00Z`), hcpDueAt: new Date(`${due.hcpDue}T00:00:00Z`), completedAt: now, cases: cases.references, counts: Object.fromEntries(held.map((h) => [h.table.title, h.rows.length])) });
    await this.log.logAccess([
      ...cases.requestIds.map((caseId) => ({ at: now, staffId: person.id, caseKind: 'request' as const, caseId, relationship: 'data protection lead', shown: 'export' as const })),
      ...cases.conversationIds.map((caseId) => ({ at: now, staffId: person.id, caseKind: 'advice' as const, caseId, relationship: 'data protection lead', shown: 'export' as const })),
      ...cases.retentionCaseIds.map((caseId) => ({ at: now, staffId: person.id, caseKind: 'retention' as const, caseId, relationship: 'data protection lead', shown: 'export' as const })),
    ]);
    return { document, data };
  }

  /** Who was shown the claimant's cases: all of them for a data protection lead; a team leader, their DEAs' requests and retention cases. */
  async whoLooked(person: StaffMember, nino: string): Promise<SeenEntry[]> {
    assertMay('privacy.seen', person);
    const lead = isDataProtectionLead(person);
    const cases = await this.records.casesOf({ nino, person: null });
    const referenceOf = new Map<string, string>();
    const numbers = await this.caseNumbers(cases, lead ? null : person.id);
    // HCP activities name a case by its reference, and their showings are recorded under it.
    for (const [id, ref] of numbers) referenceOf.set(id, ref).set(ref, ref);
    const seen = await this.log.whoSaw([...referenceOf.keys()]);
    return seen.map((s) => ({ at: describeMeeting(s.at, s.at).split(' to ')[0] ?? s.at.toISOString(), who: s.staffName, reference: referenceOf.get(s.caseId) ?? '', relationship: s.relationship, shown: describeShowing(s) }));
  }

  /** Case ids and references; for a team leader, only requests to DEAs they lead and retention cases those DEAs were consulted on. */
  private async caseNumbers(cases: ClaimantCases, teamLeaderId: string | null): Promise<[string, string][]> {
    const out: [string, string][] = [];
    if (cases.requestIds.length > 0) {
      const q = this.deps.dataSource.createQueryBuilder().select('r.id', 'id').addSelect('r.number', 'number').from('SupportRequest', 'r').where('r.id IN (:...ids)', { ids: cases.requestIds.slice(0, 500) });
      if (teamLeaderId) q.innerJoin('Staff', 'd', 'd.id = r.deaId').andWhere('d.teamLeaderId = :me', { me: teamLeaderId });
      for (const r of await q.getRawMany<{ id: string; number: number }>()) out.push([r.id, `DEA-${String(r.number).padStart(6, '0')}`]);
    }
    if (cases.retentionCaseIds.length > 0) {
      const q = this.deps.dataSource.createQueryBuilder().select('c.id', 'id').addSelect('c.number', 'number').from('RetentionCase', 'c').where('c.id IN (:...ids)', { ids: cases.retentionCaseIds.slice(0, 500) });
      if (teamLeaderId) q.innerJoin('Staff', 'd', 'd.id = c.deaId').andWhere('d.teamLeaderId = :me', { me: teamLeaderId });
      for (const r of await q.getRawMany<{ id: string; number: number }>()) out.push([r.id, formatRetentionReference(r.number)]);
    }
    if (!teamLeaderId && cases.conversationIds.length > 0) {
      const rows = await this.deps.dataSource.createQueryBuilder().select('a.id', 'id').addSelect('a.number', 'number').from('AdviceConversation', 'a').where('a.id IN (:...ids)', { ids: cases.conversationIds.slice(0, 500) }).getRawMany<{ id: string; number: number }>();
      for (const r of rows) out.push([r.id, `SA-${String(r.number).padStart(6, '0')}`]);
    }
    return out;
  }
}

/** Where the case was seen, in words: an export, a list, or the kind of card. */
function describeShowing(s: Pick<AccessSeen, 'shown' | 'caseKind'>): string {
  if (s.shown === 'export') return 'a subject access export';
  if (s.shown === 'list') return 'a list';
  if (s.caseKind === 'hcp activity') return 'an HCP activity card';
  if (s.caseKind === 'hcp weekly note') return 'an HCP\'s weekly note';
  if (s.caseKind === 'work psychologist') return 'a work psychologist case conference card';
  return 'a card';
}

function total(counts: Record<string, number>): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

function sectionOf(h: HeldRows): SubjectAccessDocument['sections'][number] {
  return {
    title: h.table.title,
    hcpMaterial: h.table.hcpMaterial ?? false,
    rows: h.rows.map((row) => Object.entries(row).filter(([, v]) => v !== null && v !== '').map(([k, v]) => ({ label: labelOf(k), value: v instanceof Date ? v.toISOString() : String(v) }))),
  };
}
