import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import type { ClaimantKey } from '../../domain/privacy/claimant-key';
import { caseReferencesIn } from '../../domain/hcp-activity/rules';
import { formatNino } from '../../domain/requests/nino';
import { chunks, inChunks } from '../chunks';
import { inTransaction } from '../transactions';
import { CLAIMANT_TABLES, REMOVED, REMOVED_TEXTS, type ClaimantDataKind, type ClaimantTable, type RemovedText } from './claimant-data';

/** The cases held about one claimant, found by NINO (or picked by the retention job). */
export interface ClaimantCases {
  readonly claimantIds: readonly string[];
  readonly requestIds: readonly string[];
  readonly conversationIds: readonly string[];
  readonly retentionCaseIds: readonly string[];
  /**
   * Cases nominated for group conferences: those of the requests above, and (picked by the retention
   * job only) new cases, which have no request, whose conference is long over.
   */
  readonly conferenceCaseIds: readonly string[];
  /**
   * Human references, for the record of what was done (never the NINO): the cases' references, and
   * for a new case at a group conference (which has none) "conference case" and its id.
   */
  readonly references: readonly string[];
  /** Text to look for in stored documents (bot state): the NINO as stored and as typed with spaces. */
  readonly searchTerms: readonly string[];
}

/** Rows of one table about the claimant, for the subject access document. */
export interface HeldRows {
  readonly table: ClaimantTable;
  readonly rows: readonly Record<string, unknown>[];
}

/** Statuses after which nothing more happens to a case. */
export const REQUEST_ENDED = ['closed', 'redirected', 'withdrawn'] as const;
export const ADVICE_ENDED = ['held', 'did_not_attend', 'declined', 'cancelled'] as const;
export const RETENTION_ENDED = ['closed'] as const;
/** Group conferences after which nothing more happens to their cases. */
export const CONFERENCE_OVER = ['held', 'cancelled'] as const;

const reference = (prefix: string, number: number) => `${prefix}${String(number).padStart(6, '0')}`;
/** How the record of what was done names a new case at a group conference, which has no reference. */
const conferenceCaseLabel = (id: string) => `conference case ${id}`;
const CASE_REFERENCE = /^(DEA|SA|RET)-\d+$/;

/** SQL Server takes at most 2,100 parameters a statement: ids go in chunks well under it. */
const CHUNK = 500;
/** Text searches OR one LIKE a term: fewer a statement, to keep it shallow. */
const SEARCH_CHUNK = 100;

function tableOf(entity: string): ClaimantTable {
  const table = CLAIMANT_TABLES.find((t) => t.entity === entity && Object.keys(t.columns).length > 0);
  if (!table) throw new Error(`${entity} declares no claimant data columns`);
  return table;
}

/**
 * SQL true while a row of `entity` still holds any declared claimant data: a column written, and not
 * what erasure or retention write over it (compared whole, never by its start: "Removed from his
 * job" is the claimant's own text). A blank optional column holds nothing. Takes REMOVED_PARAMETERS.
 */
function stillHeld(alias: string, entity: string): string {
  const held = Object.entries(tableOf(entity).columns).map(([column, kind]) => {
    const c = `${alias}.${column}`;
    if (kind === 'nino') return `(${c} IS NOT NULL AND ${c} <> :removedNino)`;
    if (kind === 'surname' || kind === 'name') return `(${c} IS NOT NULL AND ${c} <> :removedName)`;
    return `(${c} IS NOT NULL AND ${c} NOT IN (:...removedTexts))`;
  });
  return `(${held.join(' OR ')})`;
}

const REMOVED_PARAMETERS = { removedNino: REMOVED.nino, removedName: REMOVED.surname, removedTexts: REMOVED_TEXTS };

function idsFor(cases: ClaimantCases, table: ClaimantTable): readonly string[] {
  switch (table.link.by) {
    case 'claimant':
      return cases.claimantIds;
    case 'request':
      return cases.requestIds;
    case 'conversation':
      return cases.conversationIds;
    case 'retention':
      return cases.retentionCaseIds;
    case 'reference':
      // Any case's reference: an HCP's case conference may be about a request, a conversation or a retention case.
      return caseReferences(cases);
    case 'conference case':
      return cases.conferenceCaseIds;
    case 'search':
      return [];
  }
}

/** The references of the cases (not the labels of new conference cases, which nothing names). */
function caseReferences(cases: ClaimantCases): readonly string[] {
  return cases.references.filter((r) => CASE_REFERENCE.test(r));
}

/** What a searched table is searched for. */
function termsFor(cases: ClaimantCases, table: ClaimantTable): readonly string[] {
  if (table.link.by !== 'search') return [];
  return table.link.for === 'nino' ? cases.searchTerms : caseReferences(cases);
}

function replacementFor(kind: ClaimantDataKind, text: string): string {
  if (kind === 'nino') return REMOVED.nino;
  if (kind === 'surname' || kind === 'name') return REMOVED.surname;
  return text;
}

/** Reads, anonymises and exports claimant data table by table, as CLAIMANT_TABLES declares it. */
export class ClaimantRecords {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Every case of the claimant with this (normalised) NINO; and, for someone who claims no benefit,
   * the retention cases recorded without a NINO under this name and employer (capital letters and
   * spacing aside, the same on SQL Server's collation and on SQLite).
   */
  async casesOf(key: ClaimantKey): Promise<ClaimantCases> {
    const { nino, person } = key;
    const claimants = nino ? await this.dataSource.createQueryBuilder().select('c.id', 'id').from('Claimant', 'c').where('c.nino = :nino', { nino }).getRawMany<{ id: string }>() : [];
    const claimantIds = claimants.map((c) => c.id);
    const requests = claimantIds.length === 0 ? [] : await inChunks(claimantIds, (ids) => this.dataSource.createQueryBuilder().select('r.id', 'id').addSelect('r.number', 'number').from('SupportRequest', 'r').where('r.claimantId IN (:...ids)', { ids }).getRawMany<{ id: string; number: number }>(), CHUNK);
    const conversations = nino ? await this.dataSource.createQueryBuilder().select('a.id', 'id').addSelect('a.number', 'number').from('AdviceConversation', 'a').where('a.nino = :nino', { nino }).getRawMany<{ id: string; number: number }>() : [];
    const byNino = nino ? await this.dataSource.createQueryBuilder().select('rc.id', 'id').addSelect('rc.number', 'number').from('RetentionCase', 'rc').where('rc.nino = :nino', { nino }).getRawMany<{ id: string; number: number }>() : [];
    const byPerson = person
      ? await this.dataSource
          .createQueryBuilder()
          .select('rc.id', 'id')
          .addSelect('rc.number', 'number')
          .from('RetentionCase', 'rc')
          .where('rc.nino IS NULL AND LOWER(rc.personName) = :name AND LOWER(rc.employer) = :employer', { name: person.name.toLowerCase(), employer: person.employer.toLowerCase() })
          .getRawMany<{ id: string; number: number }>()
      : [];
    const retentionCases = [...byNino, ...byPerson.filter((p) => !byNino.some((n) => n.id === p.id))];
    const requestIds = requests.map((r) => r.id);
    return {
      claimantIds,
      requestIds,
      conversationIds: conversations.map((c) => c.id),
      retentionCaseIds: retentionCases.map((c) => c.id),
      // A new case at a group conference names no NINO and no case: it cannot be found from here.
      conferenceCaseIds: await this.conferenceCasesOf(requestIds),
      references: [...requests.map((r) => reference('DEA-', r.number)), ...conversations.map((c) => reference('SA-', c.number)), ...retentionCases.map((c) => reference('RET-', c.number))],
      // Drafts are searched by NINO only: a first name and an employer would match other people's.
      searchTerms: nino ? [nino, formatNino(nino)] : [],
    };
  }

  /**
   * Cases that ended before the cut-offs and still hold claimant details, oldest first, at most
   * `limit` of each kind (the job takes the rest on its next run). A case still holds details while
   * any declared column of its own row is neither blank nor what erasure or retention write. Retention
   * cases are support cases of the DEA model (and a claimant's DEA Support Intervention is a request),
   * so they keep the request period; they are taken whether or not the person claims a benefit. So do
   * new cases at group conferences (nominated without a request), counted from the conference being
   * held or cancelled (its last change).
   */
  async endedBefore(requestCutoff: Date, adviceCutoff: Date, limit: number): Promise<ClaimantCases> {
    const requests = await this.dataSource
      .createQueryBuilder()
      .select('r.id', 'id')
      .addSelect('r.number', 'number')
      .addSelect('r.claimantId', 'claimantId')
      .from('SupportRequest', 'r')
      .leftJoin('Claimant', 'c', 'c.id = r.claimantId')
      .where('r.status IN (:...ended)', { ended: REQUEST_ENDED })
      .andWhere('r.updatedAt < :cutoff', { cutoff: requestCutoff })
      // Not yet anonymised: the claimant still named, or any free text of the request still there.
      .andWhere(`(${stillHeld('c', 'Claimant')} OR ${stillHeld('r', 'SupportRequest')})`, REMOVED_PARAMETERS)
      .orderBy('r.updatedAt', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string; number: number; claimantId: string | null }>();
    const conversations = await this.dataSource
      .createQueryBuilder()
      .select('a.id', 'id')
      .addSelect('a.number', 'number')
      .from('AdviceConversation', 'a')
      .where('a.status IN (:...ended)', { ended: ADVICE_ENDED })
      .andWhere('a.updatedAt < :cutoff', { cutoff: adviceCutoff })
      .andWhere(stillHeld('a', 'AdviceConversation'), REMOVED_PARAMETERS)
      .orderBy('a.updatedAt', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string; number: number }>();
    const retentionCases = await this.dataSource
      .createQueryBuilder()
      .select('rc.id', 'id')
      .addSelect('rc.number', 'number')
      .from('RetentionCase', 'rc')
      .where('rc.status IN (:...ended)', { ended: RETENTION_ENDED })
      .andWhere('rc.closedAt < :cutoff', { cutoff: requestCutoff })
      .andWhere(stillHeld('rc', 'RetentionCase'), REMOVED_PARAMETERS)
      .orderBy('rc.closedAt', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string; number: number }>();
    const newCases = await this.dataSource
      .createQueryBuilder()
      .select('cc.id', 'id')
      .from('ConferenceCase', 'cc')
      .innerJoin('GroupConference', 'gc', 'gc.id = cc.conferenceId')
      .where('cc.requestId IS NULL')
      .andWhere('gc.status IN (:...over)', { over: CONFERENCE_OVER })
      .andWhere('gc.updatedAt < :cutoff', { cutoff: requestCutoff })
      .andWhere(stillHeld('cc', 'ConferenceCase'), REMOVED_PARAMETERS)
      .orderBy('gc.updatedAt', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string }>();
    const requestIds = requests.map((r) => r.id);
    return {
      claimantIds: requests.flatMap((r) => (r.claimantId ? [r.claimantId] : [])),
      requestIds,
      conversationIds: conversations.map((c) => c.id),
      retentionCaseIds: retentionCases.map((c) => c.id),
      conferenceCaseIds: [...(await this.conferenceCasesOf(requestIds)), ...newCases.map((c) => c.id)],
      references: [
        ...requests.map((r) => reference('DEA-', r.number)),
        ...conversations.map((c) => reference('SA-', c.number)),
        ...retentionCases.map((c) => reference('RET-', c.number)),
        ...newCases.map((c) => conferenceCaseLabel(c.id)),
      ],
      searchTerms: [],
    };
  }

  /** Everything held about these cases, table by table, as stored. */
  async held(cases: ClaimantCases): Promise<HeldRows[]> {
    const out: HeldRows[] = [];
    for (const table of CLAIMANT_TABLES) {
      const rows = table.link.by === 'search' ? await this.searched(table, termsFor(cases, table)) : await this.linked(table, idsFor(cases, table));
      out.push({ table, rows });
    }
    return out;
  }

  /**
   * Overwrites every declared column of every row of these cases with `text` (NINO and surname with
   * fixed placeholders), overwrites weekly notes naming the cases, and deletes unfinished drafts that
   * mention the NINO. Rows are kept, so every count the reports make stays the same. Returns the rows
   * changed per table. `text` is one of REMOVED_TEXTS, which is how the retention job knows a case
   * is done.
   */
  async anonymise(cases: ClaimantCases, text: RemovedText): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    await inTransaction(this.dataSource, async (manager) => {
      for (const table of CLAIMANT_TABLES) {
        if (Object.keys(table.columns).length === 0) continue;
        let changed = 0;
        if (table.link.by === 'search' && table.link.found === 'deleted') {
          changed = await this.deleteSearched(manager, table, termsFor(cases, table));
        } else if (table.link.by === 'search') {
          const ids = (await this.searchedRows(manager, table, termsFor(cases, table))).map((row) => String(row.id));
          changed = await this.overwrite(manager, table, 'id', ids, text);
        } else {
          changed = await this.overwrite(manager, table, table.link.column, idsFor(cases, table), text);
        }
        counts[table.entity] = (counts[table.entity] ?? 0) + changed;
      }
    });
    await this.forgetOldPages();
    return counts;
  }

  private async overwrite(manager: EntityManager, table: ClaimantTable, keyColumn: string, keys: readonly string[], text: RemovedText): Promise<number> {
    let changed = 0;
    for (const ids of chunks(keys, CHUNK)) {
      const qb = manager.createQueryBuilder().update(table.entity);
      const set: Record<string, () => string> = {};
      for (const [column, kind] of Object.entries(table.columns)) {
        const c = qb.escape(column);
        // A blank optional field stays blank; anything written is replaced.
        set[column] = () => `CASE WHEN ${c} IS NULL THEN NULL ELSE :${column}Removed END`;
        qb.setParameter(`${column}Removed`, replacementFor(kind, text));
      }
      if (table.version) {
        const v = qb.escape(table.version);
        set[table.version] = () => `${v} + 1`;
      }
      const result = await qb.set(set as ObjectLiteral).where(`${qb.escape(keyColumn)} IN (:...ids)`, { ids }).execute();
      changed += result.affected ?? 0;
    }
    return changed;
  }

  /**
   * SQLite keeps overwritten values in free pages and the write-ahead log until they are reused:
   * a checkpoint and VACUUM rewrite the file so the old text is gone from the disk. (SQL Server
   * manages its own pages; its backups follow the database's backup retention.)
   */
  async forgetOldPages(): Promise<void> {
    if (this.dataSource.options.type === 'mssql') return;
    await this.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
    await this.dataSource.query('VACUUM');
    await this.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
  }

  private async linked(table: ClaimantTable, ids: readonly string[]): Promise<Record<string, unknown>[]> {
    if (ids.length === 0) return [];
    const rows = await inChunks(ids, (chunk) =>
      this.dataSource.getRepository<ObjectLiteral>(table.entity).createQueryBuilder('e').where(`e.${table.link.column} IN (:...ids)`, { ids: chunk }).getMany(),
      CHUNK,
    );
    return rows.map((row) => withoutInternal(row, table));
  }

  private async searched(table: ClaimantTable, terms: readonly string[]): Promise<Record<string, unknown>[]> {
    const rows = await this.searchedRows(this.dataSource.manager, table, terms);
    return rows.map((row) => withoutInternal(row, table));
  }

  /**
   * Rows whose searched column holds one of the terms: LIKE finds candidates, in chunks; a search
   * for case references then keeps only the rows that name one as a reference (DEA-000001 is not
   * named by DEA-0000012), as the access log reads them.
   */
  private async searchedRows(manager: EntityManager, table: ClaimantTable, terms: readonly string[]): Promise<ObjectLiteral[]> {
    if (table.link.by !== 'search' || terms.length === 0) return [];
    const column = table.link.column;
    const found = new Map<string, ObjectLiteral>();
    for (const chunk of chunks(terms, SEARCH_CHUNK)) {
      const rows = await manager.getRepository<ObjectLiteral>(table.entity).createQueryBuilder('e').where(searchWhere('e', column, chunk), searchParameters(chunk)).getMany();
      for (const row of rows) found.set(String(row.id), row);
    }
    const rows = [...found.values()];
    if (table.link.for === 'nino') return rows;
    const wanted = new Set(terms);
    return rows.filter((row) => caseReferencesIn(String(row[column] ?? '')).some((r) => wanted.has(r)));
  }

  /** Cases nominated for group conferences from these requests. */
  private async conferenceCasesOf(requestIds: readonly string[]): Promise<string[]> {
    const rows = await inChunks(requestIds, (ids) => this.dataSource.createQueryBuilder().select('cc.id', 'id').from('ConferenceCase', 'cc').where('cc.requestId IN (:...ids)', { ids }).getRawMany<{ id: string }>(), CHUNK);
    return rows.map((r) => r.id);
  }

  private async deleteSearched(manager: EntityManager, table: ClaimantTable, terms: readonly string[]): Promise<number> {
    if (terms.length === 0) return 0;
    const result = await manager.createQueryBuilder().delete().from(table.entity).where(searchWhere(null, table.link.column, terms), searchParameters(terms)).execute();
    return result.affected ?? 0;
  }
}

function searchWhere(alias: string | null, column: string, terms: readonly string[]): string {
  const c = alias ? `${alias}.${column}` : column;
  return terms.map((_, i) => `${c} LIKE :term${i}`).join(' OR ');
}

function searchParameters(terms: readonly string[]): Record<string, string> {
  return Object.fromEntries(terms.map((t, i) => [`term${i}`, `%${t}%`]));
}

function withoutInternal(row: ObjectLiteral, table: ClaimantTable): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) if (!table.internal?.includes(key)) out[key] = value;
  return out;
}
