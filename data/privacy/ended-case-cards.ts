import type { ConversationReference } from 'botbuilder';
import type { DataSource } from 'typeorm';
import { describeMonth } from '../../domain/conferences/months';
import { caseReferencesIn } from '../../domain/hcp-activity/rules';
import { describeDate } from '../../domain/requests/calendar-date';
import type { PostedCardRow } from '../schema/messaging';
import { REMOVED_TEXTS } from './claimant-data';
import { ADVICE_ENDED, CONFERENCE_OVER, REQUEST_ENDED, RETENTION_ENDED, type ClaimantCases } from './claimant-records';
import { chunks } from '../chunks';

export interface EndedCaseCard {
  readonly id: string;
  readonly reference: string;
  readonly activityId: string;
  readonly conversation: Partial<ConversationReference>;
}

/** SQL Server takes at most 2,100 parameters a statement: ids go in chunks well under it. */
const CHUNK = 500;
const CASE_REFERENCE = /^(DEA|SA|RET)-(\d+)$/;

const reference = (prefix: string, number: number) => `${prefix}${String(number).padStart(6, '0')}`;

/** How a group conference's cards are named once redacted (a conference has no case reference). */
export function conferenceLabel(conference: { readonly groupIndex: number; readonly month: string }): string {
  return `Group conference: group ${conference.groupIndex + 1}, ${describeMonth(conference.month)}`;
}

/** How an HCP's weekly note's cards are named once redacted (a note names its cases in its text only). */
export function weeklyNoteLabel(weekStart: string): string {
  return `HCP weekly note: week of ${describeDate(weekStart)}`;
}

/** Rows of other tables whose posted cards show a case's details, tied to their request (a row per subject). */
type RequestRows = 'FollowUpAction' | 'MeetingRecord' | 'InterventionOverride';
/** Rows that name a case by its reference (DEA-000123, SA-000012, RET-000004), and the column that does. */
type NamingRows = { readonly entity: 'HcpActivity'; readonly column: 'caseReference' } | { readonly entity: 'PartnershipActivity'; readonly column: 'requestReference' };
const HCP_ACTIVITIES: NamingRows = { entity: 'HcpActivity', column: 'caseReference' };
const CASE_CONFERENCES: NamingRows = { entity: 'PartnershipActivity', column: 'requestReference' };

/**
 * The subjects of posted cards that show a case's details beyond the case's own card, each kind
 * re-rendered by its own live card: HCP activities and work psychologist case conferences naming
 * the cases, the team leader's cards to agree a further intervention and the meeting summaries of
 * the requests, and group conferences listing the conference cases. Only subjects with a posted copy.
 */
export interface CaseCardSubjects {
  readonly hcpActivityIds: readonly string[];
  readonly caseConferenceIds: readonly string[];
  readonly overrideIds: readonly string[];
  readonly summaryIds: readonly string[];
  readonly conferenceIds: readonly string[];
  /**
   * HCP weekly notes whose text names the cases; and, as erasure and retention overwrite a note's
   * whole text before its cards are re-rendered (so it is no longer found by what it named), those
   * whose text is now what erasure or retention wrote (EndedCaseCards.before redacts these at its next run).
   */
  readonly weeklyNoteIds: readonly string[];
}

/**
 * Cards posted in Teams chats for requests, Specialist Advice conversations and retention cases that
 * ended before the cut-off, and the other cards that show their details (a follow-up action, a
 * meeting summary, the team leader's card to agree a further intervention, an HCP activity or a work
 * psychologist case conference naming the case), and the case lists and summaries of group
 * conferences held or cancelled before it: Teams keeps chat history, so they are redacted.
 */
export class EndedCaseCards {
  constructor(private readonly dataSource: DataSource) {}

  async before(cutoff: Date, limit: number): Promise<EndedCaseCard[]> {
    return [
      ...(await this.of('SupportRequest', 'DEA-', REQUEST_ENDED, 'updatedAt', cutoff, limit)),
      ...(await this.of('AdviceConversation', 'SA-', ADVICE_ENDED, 'updatedAt', cutoff, limit)),
      ...(await this.of('RetentionCase', 'RET-', RETENTION_ENDED, 'closedAt', cutoff, limit)),
      ...(await this.ofRequestRows('FollowUpAction', cutoff, limit)),
      ...(await this.ofRequestRows('MeetingRecord', cutoff, limit)),
      ...(await this.ofRequestRows('InterventionOverride', cutoff, limit)),
      ...(await this.ofNaming(HCP_ACTIVITIES, cutoff, limit)),
      ...(await this.ofNaming(CASE_CONFERENCES, cutoff, limit)),
      ...(await this.ofConferences(cutoff, limit)),
      ...(await this.ofWeeklyNotes(cutoff, limit)),
    ];
  }

  /** What posted cards show these cases' details besides their own (see CaseCardSubjects). */
  async subjectsOf(cases: Pick<ClaimantCases, 'requestIds' | 'conferenceCaseIds' | 'references'>): Promise<CaseCardSubjects> {
    const references = cases.references.filter((r) => CASE_REFERENCE.test(r));
    return {
      hcpActivityIds: await this.postedSubjects(HCP_ACTIVITIES.entity, 'x.id', HCP_ACTIVITIES.column, references),
      caseConferenceIds: await this.postedSubjects(CASE_CONFERENCES.entity, 'x.id', CASE_CONFERENCES.column, references),
      overrideIds: await this.postedSubjects('InterventionOverride', 'x.id', 'requestId', cases.requestIds),
      summaryIds: await this.postedSubjects('MeetingRecord', 'x.id', 'requestId', cases.requestIds),
      conferenceIds: await this.postedSubjects('ConferenceCase', 'x.conferenceId', 'id', cases.conferenceCaseIds),
      weeklyNoteIds: await this.postedNotes(references),
    };
  }

  /** Posted weekly notes, with their text: few, as only those naming a case are kept, and a redacted copy is forgotten. */
  private async postedNoteRows(): Promise<(Pick<PostedCardRow, 'id' | 'activityId' | 'reference'> & { noteId: string; body: string; weekStart: string })[]> {
    return this.dataSource
      .createQueryBuilder()
      .select(['p.id AS id', 'p.activityId AS activityId', 'p.reference AS reference', 'n.id AS noteId', 'n.body AS body', 'n.weekStart AS weekStart'])
      .from('PostedCard', 'p')
      .innerJoin('HcpWeeklyNote', 'n', 'n.id = p.requestId')
      .orderBy('p.postedAt', 'ASC')
      .getRawMany();
  }

  /** Posted weekly notes naming one of these references, or whose text erasure or retention overwrote (see CaseCardSubjects). */
  private async postedNotes(references: readonly string[]): Promise<string[]> {
    const wanted = new Set(references.map((r) => r.toUpperCase()));
    const found = new Set<string>();
    for (const row of await this.postedNoteRows()) {
      const body = String(row.body ?? '');
      if ((REMOVED_TEXTS as readonly string[]).includes(body) || caseReferencesIn(body).some((r) => wanted.has(r))) found.add(row.noteId);
    }
    return [...found];
  }

  /**
   * Cards of HCP weekly notes, which name cases in their text: redacted once every case the note
   * names ended before the cut-off. A note naming no case now (its text overwritten by erasure or
   * retention, or changed by the HCP since) shows no case any more, and its copies are redacted at once,
   * as they may still show the text they were posted with. One naming a reference that is no case is never redacted.
   */
  private async ofWeeklyNotes(cutoff: Date, limit: number): Promise<EndedCaseCard[]> {
    const rows = (await this.postedNoteRows()).map((r) => ({ ...r, named: caseReferencesIn(String(r.body ?? '')) }));
    const ended = new Set(await this.endedReferences([...new Set(rows.flatMap((r) => r.named))], cutoff));
    return rows
      .filter((r) => r.named.every((n) => ended.has(n)))
      .slice(0, limit)
      .map((r) => ({ id: r.id, activityId: r.activityId, reference: weeklyNoteLabel(r.weekStart), conversation: JSON.parse(r.reference) as Partial<ConversationReference> }));
  }

  /** The distinct `subject` of rows of `entity` whose `column` is one of `keys`, where a card of that subject was posted. */
  private async postedSubjects(entity: string, subject: 'x.id' | 'x.conferenceId', column: string, keys: readonly string[]): Promise<string[]> {
    const found = new Set<string>();
    for (const chunk of chunks(keys, CHUNK)) {
      const rows = await this.dataSource
        .createQueryBuilder()
        .select(subject, 'id')
        .distinct(true)
        .from(entity, 'x')
        .innerJoin('PostedCard', 'p', `p.requestId = ${subject}`)
        .where(`x.${column} IN (:...keys)`, { keys: chunk })
        .getRawMany<{ id: string }>();
      for (const r of rows) found.add(r.id);
    }
    return [...found];
  }

  /** Cards of rows tied to a request (an action its outcome started, its meeting summary, a further intervention asked): they end with it, and are named by its reference. */
  private async ofRequestRows(entity: RequestRows, cutoff: Date, limit: number): Promise<EndedCaseCard[]> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .select(['p.id AS id', 'p.activityId AS activityId', 'p.reference AS reference', 'r.number AS number'])
      .from('PostedCard', 'p')
      .innerJoin(entity, 'a', 'a.id = p.requestId')
      .innerJoin('SupportRequest', 'r', 'r.id = a.requestId')
      .where('r.status IN (:...ended)', { ended: REQUEST_ENDED })
      .andWhere('r.updatedAt < :cutoff', { cutoff })
      .orderBy('r.updatedAt', 'ASC')
      .limit(limit)
      .getRawMany<Pick<PostedCardRow, 'id' | 'activityId' | 'reference'> & { number: number }>();
    return rows.map((r) => ({ id: r.id, activityId: r.activityId, reference: reference('DEA-', r.number), conversation: JSON.parse(r.reference) as Partial<ConversationReference> }));
  }

  /**
   * Cards of rows that name a case by its reference (an HCP activity, a work psychologist case
   * conference): they end with the case they name. The references named by cards still posted are
   * few (a redacted copy is forgotten), so they are read first and their cases looked up by number.
   */
  private async ofNaming(rows: NamingRows, cutoff: Date, limit: number): Promise<EndedCaseCard[]> {
    const named = await this.dataSource
      .createQueryBuilder()
      .select(`x.${rows.column}`, 'reference')
      .distinct(true)
      .from('PostedCard', 'p')
      .innerJoin(rows.entity, 'x', 'x.id = p.requestId')
      .where(`x.${rows.column} IS NOT NULL`)
      .getRawMany<{ reference: string }>();
    const ended = await this.endedReferences(named.map((n) => n.reference), cutoff);
    const out: EndedCaseCard[] = [];
    for (const chunk of chunks(ended, CHUNK)) {
      if (out.length >= limit) break;
      const posted = await this.dataSource
        .createQueryBuilder()
        .select(['p.id AS id', 'p.activityId AS activityId', 'p.reference AS reference', `x.${rows.column} AS caseReference`])
        .from('PostedCard', 'p')
        .innerJoin(rows.entity, 'x', 'x.id = p.requestId')
        .where(`x.${rows.column} IN (:...references)`, { references: chunk })
        .orderBy('p.postedAt', 'ASC')
        .limit(limit - out.length)
        .getRawMany<Pick<PostedCardRow, 'id' | 'activityId' | 'reference'> & { caseReference: string }>();
      out.push(...posted.map((r) => ({ id: r.id, activityId: r.activityId, reference: r.caseReference, conversation: JSON.parse(r.reference) as Partial<ConversationReference> })));
    }
    return out;
  }

  /** Of these references, those of requests, conversations and retention cases that ended before the cut-off. */
  private async endedReferences(references: readonly string[], cutoff: Date): Promise<string[]> {
    const numbers = (prefix: string) => [...new Set(references.map((r) => CASE_REFERENCE.exec(r.toUpperCase())).filter((m) => m?.[1] === prefix).map((m) => Number(m![2])))];
    const out = new Set<string>();
    for (const [prefix, entity, ended, endedAt] of [
      ['DEA', 'SupportRequest', REQUEST_ENDED, 'updatedAt'],
      ['SA', 'AdviceConversation', ADVICE_ENDED, 'updatedAt'],
      ['RET', 'RetentionCase', RETENTION_ENDED, 'closedAt'],
    ] as const) {
      for (const chunk of chunks(numbers(prefix), CHUNK)) {
        const rows = await this.dataSource
          .createQueryBuilder()
          .select('c.number', 'number')
          .from(entity, 'c')
          .where('c.number IN (:...numbers)', { numbers: chunk })
          .andWhere('c.status IN (:...ended)', { ended })
          .andWhere(`c.${endedAt} < :cutoff`, { cutoff })
          .getRawMany<{ number: number }>();
        for (const r of rows) out.add(reference(`${prefix}-`, Number(r.number)));
      }
    }
    // As the rows hold them (upper case, as they are checked when written).
    return references.filter((r) => out.has(r.toUpperCase()));
  }

  /** A group conference's case list and summary (a new case's note among them) end with the conference: held or cancelled. */
  private async ofConferences(cutoff: Date, limit: number): Promise<EndedCaseCard[]> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .select(['p.id AS id', 'p.activityId AS activityId', 'p.reference AS reference', 'gc.groupIndex AS groupIndex', 'gc.month AS month'])
      .from('PostedCard', 'p')
      .innerJoin('GroupConference', 'gc', 'gc.id = p.requestId')
      .where('gc.status IN (:...over)', { over: CONFERENCE_OVER })
      .andWhere('gc.updatedAt < :cutoff', { cutoff })
      .orderBy('gc.updatedAt', 'ASC')
      .limit(limit)
      .getRawMany<Pick<PostedCardRow, 'id' | 'activityId' | 'reference'> & { groupIndex: number; month: string }>();
    return rows.map((r) => ({ id: r.id, activityId: r.activityId, reference: conferenceLabel({ groupIndex: Number(r.groupIndex), month: r.month }), conversation: JSON.parse(r.reference) as Partial<ConversationReference> }));
  }

  private async of(entity: string, prefix: string, ended: readonly string[], endedAt: 'updatedAt' | 'closedAt', cutoff: Date, limit: number): Promise<EndedCaseCard[]> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .select(['p.id AS id', 'p.activityId AS activityId', 'p.reference AS reference', 'r.number AS number'])
      .from('PostedCard', 'p')
      .innerJoin(entity, 'r', 'r.id = p.requestId')
      .where('r.status IN (:...ended)', { ended })
      .andWhere(`r.${endedAt} < :cutoff`, { cutoff })
      .orderBy(`r.${endedAt}`, 'ASC')
      .limit(limit)
      .getRawMany<Pick<PostedCardRow, 'id' | 'activityId' | 'reference'> & { number: number }>();
    return rows.map((r) => ({ id: r.id, activityId: r.activityId, reference: `${prefix}${String(r.number).padStart(6, '0')}`, conversation: JSON.parse(r.reference) as Partial<ConversationReference> }));
  }

  /** A redacted card is final: it is no longer a live copy to update. */
  async forget(id: string): Promise<void> {
    await this.dataSource.getRepository<PostedCardRow>('PostedCard').delete({ id });
  }
}
